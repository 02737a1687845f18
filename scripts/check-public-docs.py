#!/usr/bin/env python3
"""Fails when a public symbol of the module has no doc comment.

Reads a symbol graph (`swift package dump-symbol-graph --minimum-access-level public`) and
lists every public declaration without documentation, as `path (kind) file:line`. Symbols that
only implement a protocol requirement or are synthesized (`==`, `hash(into:)`, raw values,
`Codable`) inherit their documentation and are not listed.
"""
import json
import sys


def main(path):
    graph = json.load(open(path))
    missing = []
    for s in graph["symbols"]:
        if s.get("accessLevel") != "public" or s.get("docComment"):
            continue
        ident = s["identifier"]["precise"]
        # Synthesized members and protocol implementations (their docs are the protocol's).
        if "::SYNTHESIZED::" in ident:
            continue
        kind = s["kind"]["identifier"]
        name = ".".join(s["pathComponents"])
        if kind == "swift.enum.case":
            continue  # cases are documented by their enum unless they need more
        loc = s.get("location", {})
        where = loc.get("uri", "").split("/Sources/")[-1] + ":" + str(loc.get("position", {}).get("line", 0) + 1)
        missing.append((name, kind, where))
    # Members that implement a protocol requirement (`description`, `init(from:)`…).
    implements = {r["source"] for r in graph.get("relationships", []) if r["kind"] in ("defaultImplementationOf", "requirementOf")}
    implements |= {r["source"] for r in graph.get("relationships", []) if r["kind"] == "memberOf" and r.get("sourceOrigin")}
    missing = [m for m in missing if m]
    ids = {".".join(s["pathComponents"]): s["identifier"]["precise"] for s in graph["symbols"]}
    missing = [m for m in missing if ids.get(m[0]) not in implements]
    for name, kind, where in sorted(missing, key=lambda m: m[2]):
        print(f"{where}: undocumented public {kind.replace('swift.', '')} {name}")
    publics = sum(1 for s in graph["symbols"] if s.get("accessLevel") == "public")
    print(f"{publics} public symbols, {len(missing)} undocumented", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
