#!/usr/bin/env python3
"""Validates the shipped scenarios against scenarios/schema/mnsim-scenario-1.schema.json, as a
YAML language server would, and checks that structurally broken test files are rejected.
Exit 77 (skipped) when python3-jsonschema or python3-yaml is not installed."""
import glob, json, os, sys
try:
    import jsonschema, yaml
except ImportError as e:
    print("skipped: %s (install python3-jsonschema python3-yaml)" % e)
    sys.exit(77)
root = sys.argv[1]
schema = json.load(open(os.path.join(root, "scenarios/schema/mnsim-scenario-1.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = 0
for path in sorted(glob.glob(os.path.join(root, "scenarios/*.yaml"))):
    for error in validator.iter_errors(yaml.safe_load(open(path))):
        print("%s: %s: %s" % (path, "/".join(str(p) for p in error.path), error.message))
        failed += 1
# Broken files whose problem is structural must be rejected by the schema too.
for name in ["bad_values", "missing_fields", "unknown_keys", "unknown_type", "wrong_schema", "wrong_types", "no_schema"]:
    path = os.path.join(root, "tests/data/scenarios/broken/%s.yaml" % name)
    if not list(validator.iter_errors(yaml.safe_load(open(path)))):
        print("%s: the schema accepts it" % path)
        failed += 1
print("schema check: %d problem(s)" % failed)
sys.exit(1 if failed else 0)
