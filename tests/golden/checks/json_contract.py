#!/usr/bin/env python3
"""The JSON output keeps its documented shape and parses with jq.

Checks `cchc overdue --format json` on the seed plan at 2020-05-01: jq reads it,
every item has the contract's fields with the right types, and the overdue ids
are task 1, task 2 and 3.1–3.14 with their lead agencies.
"""
import argparse
import json
import shutil
import subprocess
import sys

FIELDS = {"plan": str, "id": str, "title": str, "lead": str, "support": list, "due": (str, type(None)),
          "due_text": str, "state": str, "days": (int, type(None)), "status": str,
          "occurrence": (str, type(None))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    output = subprocess.run([options.binary, "overdue", "plans", "--today", "2020-05-01", "--format", "json"],
                            cwd=options.root, capture_output=True, check=True).stdout
    failures = []
    if not shutil.which("jq"):
        failures.append("jq is not installed (tools/setup installs it)")
    else:
        ids = subprocess.run(["jq", "-r", ".items[].id"], input=output, capture_output=True, check=True).stdout
        if ids.decode().split() != ["1", "2"] + [f"3.{n}" for n in range(1, 15)]:
            failures.append(f"jq saw ids {ids.decode().split()}")
    document = json.loads(output)
    if document.get("today") != "2020-05-01":
        failures.append(f"today is {document.get('today')!r}")
    for item in document["items"]:
        for field, kind in FIELDS.items():
            if field not in item:
                failures.append(f"item {item.get('id')} lacks '{field}'")
            elif not isinstance(item[field], kind):
                failures.append(f"item {item.get('id')}: '{field}' is {type(item[field]).__name__}")
        if item.get("state") != "overdue" or not isinstance(item.get("days"), int) or item["days"] >= 0:
            failures.append(f"item {item.get('id')} is not overdue with negative days: {item}")
    leads = {item["id"]: item["lead"] for item in document["items"]}
    expected_leads = {"1": "snv", "2": "ubnd-tinh", "3.1": "stp", "3.4": "stc", "3.8": "skhcn", "3.14": "cuc-thue"}
    for task, lead in expected_leads.items():
        if leads.get(task) != lead:
            failures.append(f"task {task} lead is {leads.get(task)!r}, expected {lead!r}")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {len(document['items'])} overdue items, shape as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
