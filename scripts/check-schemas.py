#!/usr/bin/env python3
"""Checks the JSON Schemas that `rulebook schema` prints against the files rulebook reads,
with an independent validator (Python's jsonschema, draft 2020-12):

1. each schema is valid draft 2020-12;
2. every shipped file validates: rules/*.yaml and fixtures/diff/*.yaml (policies),
   rules/calendars/*.yaml and fixtures/calendars/*.yaml (calendars), rules/company/*.yaml (shared
   rules files), rules/tests/*.yaml
   (policy tests), and each fixture roster (fixtures/*/roster.csv) as JSON Lines records;
3. every broken fixture whose loader errors name an unknown key (or weekday) is refused by
   the schema, at that key; a word the loader calls "not a valid 'KEY'" is refused too;
4. the schema and the loader agree on every mapping of every shipped file: a key added to it
   is refused by both or accepted by both. The one place they cannot agree is a decision
   table's row, whose keys are the outputs each policy names: there the loader refuses an
   unknown key and the schema accepts any (it cannot see the outputs).

YAML is read as YAML 1.2 (core schema), as editors' YAML language servers read it: `yes` and
`2025-01-28` are strings, not a boolean and a date.

Usage: scripts/check-schemas.py PATH-TO-RULEBOOK
"""
import copy
import csv
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import yaml
    from jsonschema import Draft202012Validator
    yaml.CSafeLoader
except (ImportError, AttributeError) as e:
    sys.exit(f"check-schemas: needs python3-yaml (with libyaml) and python3-jsonschema (4.0 or later): {e}")

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
PROBE = "zzz_probe"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


# MARK: - YAML 1.2 core

NULL = re.compile(r"^(~|null|Null|NULL|)$")
BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
INT = re.compile(r"^[-+]?[0-9]+$")
OCT = re.compile(r"^0o[0-7]+$")
HEX = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
NAN = re.compile(r"^\.(nan|NaN|NAN)$")


def core(text):
    """A plain scalar as YAML 1.2's core schema types it."""
    if NULL.match(text):
        return None
    if BOOL.match(text):
        return text.lower() == "true"
    if INT.match(text):
        return int(text)
    if OCT.match(text):
        return int(text[2:], 8)
    if HEX.match(text):
        return int(text[2:], 16)
    if FLOAT.match(text):
        return float(text)
    if INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if NAN.match(text):
        return float("nan")
    return text


def compose(path):
    # libyaml, the parser rulebook uses: PyYAML's own scanner refuses `(a ?? 3)` in a flow
    # mapping, which libyaml (and YAML 1.2) read as a plain scalar.
    with open(path, encoding="utf-8") as f:
        return yaml.compose(f, Loader=yaml.CSafeLoader)


def typed(node):
    """The node as an editor sees it: plain scalars typed by YAML 1.2 core."""
    if isinstance(node, yaml.ScalarNode):
        return core(node.value) if node.style is None else node.value
    if isinstance(node, yaml.SequenceNode):
        return [typed(n) for n in node.value]
    return {k.value: typed(v) for k, v in node.value}


def texted(node):
    """The node as rulebook's loader sees it: every scalar is text, a plain empty one null."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.style is None and NULL.match(node.value) else node.value
    if isinstance(node, yaml.SequenceNode):
        return [texted(n) for n in node.value]
    return {k.value: texted(v) for k, v in node.value}


def kind_of(value):
    """Which schema a file's top-level keys call for (as RulebookFileKind.detect)."""
    if not isinstance(value, dict):
        return None
    if "suite" in value or "tests" in value:
        return "test"
    if "policy" in value:
        return "policy"
    if "shared" in value:
        return "shared"
    if "calendar" in value:
        return "calendar"
    return None


# MARK: - Schemas and errors

def schema_of(rulebook, kind):
    out = subprocess.run([rulebook, "schema", kind], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def every_error(errors):
    for e in errors:
        yield e
        yield from every_error(e.context or [])


def refused_keys(errors):
    """Keys an error says are not allowed."""
    keys = set()
    for e in every_error(errors):
        if e.validator == "additionalProperties" and e.validator_value is False and isinstance(e.instance, dict):
            named = e.schema.get("properties", {})
            patterns = [re.compile(p) for p in e.schema.get("patternProperties", {})]
            keys.update(k for k in e.instance if k not in named and not any(p.search(k) for p in patterns))
        elif e.validator == "propertyNames":
            keys.add(str(e.instance))
    return keys


def refused_words(errors):
    return {e.instance for e in every_error(errors) if e.validator in ("enum", "pattern", "const") and isinstance(e.instance, str)}


def loader_diagnostics(rulebook, paths):
    """`rulebook validate`'s errors, per file."""
    r = subprocess.run([rulebook, "validate", *paths], capture_output=True, text=True, cwd=ROOT)
    out = {}
    for line in r.stderr.splitlines():
        m = re.match(r"^(.*?):(\d+):(\d+): error: (.*)$", line)
        if m:
            out.setdefault(os.path.normpath(os.path.join(ROOT, m.group(1))), []).append(m.group(4))
    return out


# MARK: - Checks

def check_schemas(validators):
    for kind, v in validators.items():
        try:
            Draft202012Validator.check_schema(v.schema)
        except Exception as e:  # jsonschema.SchemaError
            fail(f"the {kind} schema is not valid draft 2020-12: {e}")
        if v.schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            fail(f"the {kind} schema does not name draft 2020-12")


def shipped():
    """(path, kind) of every file that must validate."""
    files = []
    for pattern, kind in [("rules/*.yaml", "policy"), ("fixtures/diff/*.yaml", "policy"),
                          ("rules/calendars/*.yaml", "calendar"), ("fixtures/calendars/*.yaml", "calendar"),
                          ("rules/tests/*.yaml", "test"), ("rules/company/*.yaml", "shared")]:
        found = sorted(glob.glob(os.path.join(ROOT, pattern)))
        if not found:
            fail(f"no files match {pattern}")
        files += [(p, kind) for p in found]
    return files


def check_shipped(validators):
    count, before = 0, len(failures)
    for path, kind in shipped():
        node = compose(path)
        errors = list(validators[kind].iter_errors(typed(node)))
        for e in errors:
            fail(f"{os.path.relpath(path, ROOT)}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        count += 1
    rosters = sorted(glob.glob(os.path.join(ROOT, "fixtures/*/roster.csv")))
    if not rosters:
        fail("no fixture rosters")
    records = 0
    for path in rosters:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row, record in enumerate(csv.DictReader(f), start=2):
                record = {k: (v if v != "" else None) for k, v in record.items()}
                for e in validators["roster"].iter_errors(record):
                    fail(f"{os.path.relpath(path, ROOT)} row {row} as a JSON record: {e.message}")
                records += 1
    if len(failures) == before:
        print(f"ok   {count} shipped files and {records} roster records ({len(rosters)} rosters) validate")


def check_broken(rulebook, validators):
    folders = ["fixtures/broken/policies", "fixtures/broken/calendars", "fixtures/broken/includes", "fixtures/policy-tests"]
    diagnostics = loader_diagnostics(rulebook, folders)
    checked, before = 0, len(failures)
    for path in sorted(diagnostics):
        messages = diagnostics[path]
        unknown = [m for ms in [re.findall(r"^unknown (?:key|weekday) '([^']*)'", x) for x in messages] for m in ms]
        words = [m for ms in [re.findall(r"^'([^']*)' is not a valid '", x) for x in messages] for m in ms]
        if not unknown and not words:
            continue  # alias bombs and malformed YAML are the loader's to refuse, not PyYAML's to read
        node = compose(path)
        kind = kind_of(typed(node))
        errors = list(validators[kind].iter_errors(typed(node)))
        name = os.path.relpath(path, ROOT)
        if not errors:
            fail(f"{name}: the {kind} schema accepts a file the loader refuses ({messages[0]})")
        for key in unknown:
            if key not in refused_keys(errors):
                fail(f"{name}: the loader refuses the key '{key}'; the schema does not")
        for word in words:
            if word not in refused_words(errors):
                fail(f"{name}: the loader refuses the word '{word}'; the schema does not")
        checked += 1
    if checked < 3:
        fail(f"only {checked} broken fixtures name an unknown key or word; expected unknown-key.yaml, bad-fields.yaml, broken.test.yaml and more")
    if len(failures) == before:
        print(f"ok   {checked} broken fixtures with unknown keys or words are refused by the schema at those keys")


def absolute_paths(value, kind, folder):
    """Paths in a file are relative to it: made absolute for a copy written elsewhere."""
    def fix(p):
        return p if not isinstance(p, str) or p.startswith("/") else os.path.normpath(os.path.join(folder, p))
    if kind in ("policy", "shared") and "calendar" in value:
        value["calendar"] = fix(value["calendar"])
    if kind in ("policy", "shared") and "include" in value:
        i = value["include"]
        value["include"] = [fix(p) for p in i] if isinstance(i, list) else fix(i)
    if kind == "calendar" and "extends" in value:
        e = value["extends"]
        value["extends"] = [fix(p) for p in e] if isinstance(e, list) else fix(e)
    if kind == "test":
        for k in ("policy", "roster", "cases"):
            if k in value:
                value[k] = fix(value[k])
        for t in value.get("tests") or []:
            if isinstance(t, dict) and "cases" in t:
                t["cases"] = fix(t["cases"])


def mappings(node, path=()):
    """Every mapping node with its path (list indices as '*')."""
    if isinstance(node, yaml.MappingNode):
        yield path, node
        for k, v in node.value:
            yield from mappings(v, path + (k.value,))
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            yield from mappings(v, path + ("*",))


def is_table_row(path):
    return len(path) == 4 and path[0] == "tables" and path[2] == "rows"


def check_agreement(rulebook, validators):
    probes = []  # (file written, original, path, schema refuses)
    with tempfile.TemporaryDirectory(prefix="rulebook-schema-") as tmp:
        for path, kind in shipped():
            root = compose(path)
            seen = set()
            for at, node in list(mappings(root)):
                if at in seen or not node.value:
                    continue
                seen.add(at)
                probe = (yaml.ScalarNode("tag:yaml.org,2002:str", PROBE), copy.deepcopy(node.value[0][1]))
                node.value.append(probe)
                try:
                    refused = not validators[kind].is_valid(typed(root))
                    text = texted(root)
                finally:
                    node.value.remove(probe)
                absolute_paths(text, kind, os.path.dirname(path))
                written = os.path.join(tmp, f"{len(probes):05d}.yaml")
                with open(written, "w", encoding="utf-8") as f:
                    json.dump(text, f, ensure_ascii=False)
                probes.append((written, path, at, refused))
        diagnostics = loader_diagnostics(rulebook, [tmp])
    disagreements = 0
    for written, original, at, schema_refuses in probes:
        messages = diagnostics.get(os.path.normpath(written), [])
        loader_refuses = any(re.match(rf"^unknown (key|weekday) '{PROBE}'", m) for m in messages)
        where = f"{os.path.relpath(original, ROOT)} at {'/'.join(at) or 'the top'}"
        if is_table_row(at):
            if not loader_refuses or schema_refuses:
                fail(f"{where}: a table row should be refused by the loader only (loader {loader_refuses}, schema {schema_refuses})")
            continue
        if loader_refuses != schema_refuses:
            disagreements += 1
            fail(f"{where}: a key '{PROBE}' is {'refused' if loader_refuses else 'accepted'} by the loader "
                 f"but {'refused' if schema_refuses else 'accepted'} by the schema ({messages[:2]})")
    refused = sum(1 for p in probes if p[3])
    print(f"ok   {len(probes)} mappings of the shipped files probed with an added key: "
          f"{refused} refused by both, the rest accepted by both (table rows: by the loader only)"
          if not disagreements else f"     {disagreements} disagreements in {len(probes)} probes")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rulebook = os.path.abspath(sys.argv[1])
    validators = {k: Draft202012Validator(schema_of(rulebook, k)) for k in ("policy", "calendar", "test", "shared", "roster")}
    check_schemas(validators)
    check_shipped(validators)
    check_broken(rulebook, validators)
    check_agreement(rulebook, validators)
    if failures:
        sys.exit(f"check-schemas: {len(failures)} problems")
    print("check-schemas: the schemas agree with the loaders")


if __name__ == "__main__":
    main()
