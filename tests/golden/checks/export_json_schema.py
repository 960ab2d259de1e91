#!/usr/bin/env python3
"""The JSON export matches docs/export.schema.json and jq reads it.

Exports the seed plan at 2020-05-01 and the hostile-titles plan, validates both against the schema with the
`jsonschema` package (Debian python3-jsonschema), and checks the content with jq: the tasks form a tree (3
holds 3.1 … 3.14), the 16 overdue tasks are counted, agencies and sections are there.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402


def jq(program, document):
    result = subprocess.run(["jq", "-c", program], input=document, capture_output=True, check=True)
    return json.loads(result.stdout)


def main():
    options = readers.arguments()
    jsonschema = readers.require_module("jsonschema", "python3-jsonschema")
    readers.require_tool("jq", "jq")

    with open(os.path.join(options.root, "docs", "export.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failures = []

    seed = readers.run(options.binary, options.root, "export", "plans", "--today", "2020-05-01", "--format",
                       "json").stdout
    hostile = readers.run(options.binary, options.root, "export", "tests/data/escaping/hostile-titles.yaml",
                          "--today", "2020-05-01", "--format", "json").stdout
    for name, text in (("seed", seed), ("hostile", hostile)):
        for error in validator.iter_errors(json.loads(text)):
            failures.append(f"{name}: {'/'.join(str(part) for part in error.absolute_path)}: {error.message}")

    if jq(".plans | length", seed) != 1:
        failures.append("jq: not one plan")
    top = jq("[.plans[0].tasks[].id]", seed)
    if top != [str(n) for n in range(1, 10)]:
        failures.append(f"jq: top-level tasks {top}")
    children = jq('[.plans[0].tasks[] | select(.id == "3") | .children[].id]', seed)
    if children != [f"3.{n}" for n in range(1, 15)]:
        failures.append(f"jq: children of 3 are {children}")
    overdue = jq('[.. | objects | select(has("children") and .state == "overdue" and (.due_derived | not)) | .id]',
                 seed)
    if overdue != ["1", "2"] + [f"3.{n}" for n in range(1, 15)]:
        failures.append(f"jq: overdue tasks {overdue}")
    if jq(".counts.overdue", seed) != 16 or jq(".plans[0].counts.overdue", seed) != 16:
        failures.append("jq: counts.overdue is not 16")
    if not jq('[.plans[0].agencies[] | select(.id == "stp") | .name]', seed):
        failures.append("jq: agency stp missing")
    if not jq("[.plans[0].sections[].id]", seed):
        failures.append("jq: no report sections")

    return readers.finish(failures, "ok: both exports valid against docs/export.schema.json; "
                                    "jq sees the tree and 16 overdue tasks")


if __name__ == "__main__":
    sys.exit(main())
