#!/usr/bin/env python3
"""The JSON output keeps its documented shape and parses with jq.

Checks `cchc overdue --format json` on the seed plan at 2020-05-01: jq reads it,
every item has the contract's fields with the right types, and the overdue ids
are task 1, task 2 and 3.1–3.14 with their lead agencies. Then the waiting items
of tests/data/relative: state "waiting", no date or day count, and what each waits
for; and every state the JSON can give is documented in docs/json.md.
"""
import json
import os
import re
import shutil
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

FIELDS = {"plan": str, "id": str, "title": str, "lead": str, "support": list, "due": (str, type(None)),
          "due_text": str, "state": str, "days": (int, type(None)), "status": str,
          "occurrence": (str, type(None))}


WAITING_FOR = {"event", "task", "plan-issued"}


def waiting_items(options):
    """`--state waiting` gives items with state "waiting", no date, and a documented reason."""
    failures = []
    output = subprocess.run([options.binary, "status", "tests/data/relative/cchc-2026.yaml", "--today", "2026-03-20",
                             "--state", "waiting", "--format", "json"], cwd=options.root, capture_output=True,
                            check=True).stdout
    document = json.loads(output)
    items = document["items"]
    if len(items) != 6 or document["counts"].get("waiting") != 6:
        failures.append(f"expected 6 waiting items, got {len(items)} (counts {document['counts']})")
    for item in items:
        if item["state"] != "waiting" or item["due"] is not None or item["days"] is not None:
            failures.append(f"waiting item {item['id']} has state {item['state']}, due {item['due']}")
        if item.get("waiting_for") not in WAITING_FOR or not isinstance(item.get("waiting_text"), str):
            failures.append(f"waiting item {item['id']}: waiting_for {item.get('waiting_for')!r}")
    by_id = {item["id"]: item for item in items}
    if by_id.get("3.3", {}).get("waiting_for") != "task" or by_id.get("3.3", {}).get("waiting_text") != "3.2":
        failures.append(f"3.3 should wait for task 3.2: {by_id.get('3.3')}")
    # Every state in the output is documented in the state table of docs/json.md.
    with open(os.path.join(options.root, "docs", "json.md"), encoding="utf-8") as doc:
        documented = set(re.findall(r"^\| `([a-z-]+)` \| (?:not|continuous|no |done|cancelled)", doc.read(), re.M))
    for state in document["counts"]:
        if state not in documented:
            failures.append(f"state '{state}' is not in the state table of docs/json.md")
    return failures


def main():
    options = readers.arguments()
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
    failures += waiting_items(options)
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {len(document['items'])} overdue items, shape as documented; waiting items as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
