#!/usr/bin/env python3
"""Checks JSON Lines against a JSON Schema, for the subset of draft 2020-12
that archwise's schemas use: type, enum, required, properties,
additionalProperties (false), items, minimum, maximum and $ref to #/$defs.
Any other keyword is an error, so a schema cannot silently use more than is
checked. Usage: check_schema.py SCHEMA FILE.jsonl ... (exit 1 on a mismatch)."""
import json
import sys

KNOWN = {"$schema", "$id", "title", "description", "type", "enum", "required",
         "properties", "additionalProperties", "items", "minimum", "maximum",
         "$ref", "$defs"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def check(root, schema, value, where):
    unknown = set(schema) - KNOWN
    if unknown:
        raise SystemExit(f"schema uses unchecked keywords {sorted(unknown)} at {where}")
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        return check(root, root["$defs"][ref[len("#/$defs/"):]], value, where)
    errors = []
    t = schema.get("type")
    if t == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif t == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool) or \
            (isinstance(value, float) and value.is_integer())
    elif t:
        ok = isinstance(value, TYPES[t])
    else:
        ok = True
    if not ok:
        return [f"{where}: {value!r} is not of type {t}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{where}: missing {k}")
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                errors += check(root, props[k], v, f"{where}.{k}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected key {k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += check(root, schema["items"], v, f"{where}[{i}]")
    return errors


def main():
    schema = json.load(open(sys.argv[1]))
    bad = 0
    n = 0
    for path in sys.argv[2:]:
        for i, line in enumerate(open(path), 1):
            n += 1
            for e in check(schema, schema, json.loads(line), f"{path}:{i}"):
                print(e)
                bad += 1
    print(f"{n} objects checked against {sys.argv[1]}: {bad} problems")
    sys.exit(1 if bad else 0)


main()
