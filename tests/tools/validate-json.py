#!/usr/bin/env python3
"""validate-json.py SCHEMA FILE...: validates each JSON file against the JSON
Schema (draft 2020-12) with python3-jsonschema; prints one line a file and
every error with its path. Exit 0 when all are valid, 1 otherwise, 2 when
the schema itself is not a valid schema."""
import json
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError


def main():
    if len(sys.argv) < 3:
        print("usage: validate-json.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as e:
        print(f"{sys.argv[1]}: not a valid schema: {e.message}")
        return 2
    validator = Draft202012Validator(schema)
    bad = 0
    for name in sys.argv[2:]:
        with open(name, encoding="utf-8") as f:
            data = json.load(f)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            bad += 1
            print(f"{name}: {len(errors)} error(s)")
            for e in errors[:10]:
                path = "/".join(str(p) for p in e.absolute_path)
                print(f"  /{path}: {e.message[:200]}")
        else:
            print(f"{name}: valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
