#!/usr/bin/env python3
"""Validates SARIF logs against the official SARIF 2.1.0 JSON Schema.

    python3 scripts/validate-sarif.py [--min-results N] LOG...

The schema is schemas/sarif-schema-2.1.0.json, the OASIS version with its errata (draft-04 of
JSON Schema, which it names in "$schema"). Every error of every log is printed; the exit code
is 1 when a log is invalid or has fewer than N results (so that a check of an empty log
cannot pass for a check of the findings), 2 when the jsonschema package is missing.
"""
import argparse
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate-sarif: the Python package jsonschema is missing "
             "(apt-get install python3-jsonschema, or pip install jsonschema)")

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "sarif-schema-2.1.0.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-results", type=int, default=0, help="fail a log with fewer results")
    parser.add_argument("logs", nargs="+")
    args = parser.parse_args()

    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    failed = False
    for path in args.logs:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: error: at /{where}: {e.message}", file=sys.stderr)
        results = sum(len(run.get("results", [])) for run in log.get("runs", []))
        if results < args.min_results:
            print(f"{path}: error: {results} results, expected at least {args.min_results}", file=sys.stderr)
            errors.append(None)
        if errors:
            failed = True
        else:
            print(f"{path}: valid SARIF 2.1.0 ({validator_class.__name__}), {results} results")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
