#!/usr/bin/env python3
"""Runs one golden CLI test case and compares its output with the expected one.

A case file (tests/golden/cases/NAME.test) looks like:

    # what the case shows
    args: overdue plans --today 2020-05-01
    env: NO_COLOR=1            (optional, repeatable)
    exit: 0
    --- stdout
    ...expected standard output...
    --- stderr
    ...expected standard error...

The command runs in the repository root with a clean environment (no
CCHC_TODAY, CCHC_PLANS, COLUMNS or NO_COLOR unless the case sets them; the plan
cache off, CCHC_CACHE_DIR=off), its
output piped, so no colour. With CCHC_UPDATE_GOLDEN=1 the expected parts are
rewritten from the actual run, on purpose, for review with `git diff`.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys


def parse_case(text):
    header, sections, current = [], {}, None
    # Split on LF only: CSV output has CRLF ends that must survive as written.
    for line in re.split(r"(?<=\n)", text):
        if line.startswith("--- ") and line[4:].strip() in ("stdout", "stderr"):
            current = line[4:].strip()
            sections[current] = []
        elif current is None:
            header.append(line)
        else:
            sections[current].append(line)
    fields = {"env": []}
    comments = []
    for line in header:
        if line.startswith("#") or not line.strip():
            comments.append(line)
            continue
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "env":
            fields["env"].append(value)
        else:
            fields[key] = value
    return comments, fields, {k: "".join(v) for k, v in sections.items()}


def write_case(path, comments, fields, stdout, stderr, code):
    lines = list(comments)
    lines.append(f"args: {fields['args']}\n")
    for value in fields["env"]:
        lines.append(f"env: {value}\n")
    lines.append(f"exit: {code}\n")
    lines.append("--- stdout\n" + stdout)
    if stdout and not stdout.endswith("\n"):
        lines.append("\n")
    lines.append("--- stderr\n" + stderr)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("case")
    options = parser.parse_args()

    with open(options.case, encoding="utf-8", newline="") as handle:
        comments, fields, expected = parse_case(handle.read())
    env = {k: v for k, v in os.environ.items()
           if k not in ("CCHC_TODAY", "CCHC_NOW", "CCHC_PLANS", "COLUMNS", "NO_COLOR", "LINES")}
    env["LC_ALL"] = "C.UTF-8"
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home; a case may set its own
    for assignment in fields["env"]:
        key, _, value = assignment.partition("=")
        env[key] = value
    args = [options.binary] + shlex.split(fields["args"])
    result = subprocess.run(args, cwd=options.root, env=env, capture_output=True, timeout=60)
    stdout = result.stdout.decode("utf-8", errors="backslashreplace")
    stderr = result.stderr.decode("utf-8", errors="backslashreplace")

    if os.environ.get("CCHC_UPDATE_GOLDEN") == "1":
        write_case(options.case, comments, fields, stdout, stderr, result.returncode)
        print(f"updated {options.case}")
        return 0

    failures = []
    if str(result.returncode) != fields.get("exit", "0"):
        failures.append(f"exit code: expected {fields.get('exit', '0')}, got {result.returncode}")
    # A trailing newline is added when the case is written; compare modulo that one newline.
    for name, actual in (("stdout", stdout), ("stderr", stderr)):
        want = expected.get(name, "")
        if actual != want and actual + "\n" != want:
            failures.append(f"{name} differs:\n--- expected\n{want}--- actual\n{actual}")
    if failures:
        print(f"FAIL {options.case}\n$ {shlex.join(args)}")
        for failure in failures:
            print(failure)
        return 1
    print(f"ok {options.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
