#!/usr/bin/env python3
"""Fails when a public symbol of the module has no doc comment.

Reads a symbol graph (`swift package dump-symbol-graph --minimum-access-level public`) and
lists every public declaration without documentation as `file:line: … name`. Enum cases and
synthesized members (`==`, `hash(into:)`, raw values) are not listed; neither is a member that
implements a protocol requirement (its documentation is the protocol's).
"""
import json
import sys


def main(path):
    graph = json.load(open(path))
    implements = {r["source"] for r in graph.get("relationships", [])
                  if r["kind"] in ("defaultImplementationOf", "requirementOf", "overrides")}
    publics = [s for s in graph["symbols"] if s.get("accessLevel") == "public"]
    missing = []
    for s in publics:
        ident = s["identifier"]["precise"]
        kind = s["kind"]["identifier"]
        if s.get("docComment") or "::SYNTHESIZED::" in ident or ident in implements or kind == "swift.enum.case":
            continue
        loc = s.get("location", {})
        where = loc.get("uri", "").split("/Sources/")[-1] + ":" + str(loc.get("position", {}).get("line", 0) + 1)
        missing.append((where, kind.replace("swift.", ""), ".".join(s["pathComponents"])))
    for where, kind, name in sorted(missing):
        print(f"{where}: undocumented public {kind} {name}")
    print(f"{len(publics)} public symbols, {len(missing)} undocumented", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
