#!/usr/bin/env python3
"""`cchc init` writes a starter plan that validates as written, and never replaces a file.

In a fresh temporary folder: `cchc init` (no FILE) writes plans/ke-hoach-cchc-<year>.yaml for the year of
CCHC_NOW, which `cchc validate` and `cchc status` (no PATH) then read with exit 0 and no diagnostics; the
English template does the same; `--year` picks the year; a second `init` to the same name exits 2 and leaves
the file byte for byte as it was; the plan id follows the file name; no temporary file is left behind; every deadline wording the template
shows is one cchc reads into a date (checked through the JSON output).
"""
import json
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    env["CCHC_NOW"] = "2025-03-10T08:00:00Z"
    failures = []

    def run(args, cwd):
        return subprocess.run([binary] + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)

    with tempfile.TemporaryDirectory() as folder:
        result = run(["init"], folder)
        path = os.path.join(folder, "plans", "ke-hoach-cchc-2025.yaml")
        if result.returncode != 0 or not os.path.isfile(path):
            failures.append(f"init: exit {result.returncode}, stderr {result.stderr!r}, no {path}")
        validate = run(["validate"], folder)
        if validate.returncode != 0 or validate.stderr:
            failures.append(f"validate after init: exit {validate.returncode}, stderr:\n{validate.stderr}")
        if "plan 'ke-hoach-cchc-2025', 7 tasks, 1 sections" not in validate.stdout:
            failures.append(f"validate after init: unexpected stdout {validate.stdout!r}")
        status = run(["status", "--format", "json", "--today", "2025-03-10"], folder)
        if status.returncode != 0 or status.stderr:
            failures.append(f"status after init: exit {status.returncode}, stderr:\n{status.stderr}")
        else:
            items = {item["id"]: item for item in json.loads(status.stdout)["items"] if item["kind"] == "task"}
            want = {"1": "2025-02-15", "2": "2025-06-30", "3.1": "2025-03-31", "3.2": "2025-09-30",
                    "3": "2025-09-30", "4": "2025-12-31", "5": None}
            for task, due in want.items():
                if task not in items or items[task]["due"] != due:
                    failures.append(f"task {task}: expected due {due}, got {items.get(task)}")
            if items.get("5", {}).get("state") != "ongoing":
                failures.append(f"task 5 should be ongoing: {items.get('5')}")

        with open(path, "rb") as handle:
            before = handle.read()
        again = run(["init"], folder)
        with open(path, "rb") as handle:
            after = handle.read()
        if again.returncode != 2 or "already exists" not in again.stderr or before != after:
            failures.append(f"second init: exit {again.returncode}, stderr {again.stderr!r}, file changed: {before != after}")

        english = run(["init", "reform-plan-2030.yaml", "--lang", "en", "--year", "2030"], folder)
        check = run(["validate", "reform-plan-2030.yaml"], folder)
        if english.returncode != 0 or check.returncode != 0 or check.stderr:
            failures.append(f"init --lang en: exit {english.returncode}/{check.returncode}: {check.stderr}")
        if "plan 'reform-plan-2030'" not in check.stdout:
            failures.append(f"init --year 2030: unexpected validate output {check.stdout!r}")

        into_folder = run(["init", "plans", "--year", "2031"], folder)
        if into_folder.returncode != 0 or not os.path.isfile(os.path.join(folder, "plans", "ke-hoach-cchc-2031.yaml")):
            failures.append(f"init FOLDER: exit {into_folder.returncode}, {into_folder.stderr!r}")

        # The plan id follows the file name, so two plans made by init in one folder never share an id.
        named = run(["init", "plans/Sở Tư pháp 2025.yaml"], folder)
        both = run(["validate"], folder)
        if named.returncode != 0 or both.returncode != 0 or "plan 'so-tu-phap-2025'" not in both.stdout:
            failures.append(f"init with a Vietnamese file name: {named.stderr!r} {both.stdout!r} {both.stderr!r}")

        leftovers = [name for root, _, names in os.walk(folder) for name in names if name.startswith(".cchc-init")]
        if leftovers:
            failures.append(f"temporary files left behind: {leftovers}")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
