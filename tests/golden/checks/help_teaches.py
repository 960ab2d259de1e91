#!/usr/bin/env python3
"""Help teaches: every command's --help ends with examples that name that command, every topic prints.

Lists the commands from `cchc help`, checks that `cchc COMMAND --help` ends with an "Examples:" block whose
lines start with `cchc COMMAND` (or use it in a pipeline), that `cchc help TOPIC` prints each topic in vi and
en, and that `--version` names the version and a git revision (or "unknown").
"""
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402


def main():
    options = readers.arguments()
    failures = []

    def run(*args):
        return subprocess.run([options.binary, *args], cwd=options.root, capture_output=True, text=True)

    overview = run("help", "--lang", "en").stdout
    commands = re.findall(r"^  (\S+) ", overview.split("Topics")[0], re.M)
    topics = re.findall(r"^  (\S+) ", overview.split("Topics")[1], re.M)
    if len(commands) < 6 or topics != ["deadlines", "formats", "exit-codes", "cron"]:
        failures.append(f"cchc help: commands {commands}, topics {topics}")
    for command in commands:
        text = run(command, "--help").stdout
        if "\nExamples:\n" not in text:
            failures.append(f"cchc {command} --help has no Examples block")
            continue
        examples = [line.strip() for line in text.split("\nExamples:\n")[1].split("\n\n")[0].splitlines()]
        if not 2 <= len(examples) <= 4 or not all(f"cchc {command}" in line for line in examples[:1]):
            failures.append(f"cchc {command} --help examples: {examples}")
    for topic in topics:
        for lang in ("vi", "en"):
            result = run("help", topic, "--lang", lang)
            if result.returncode != 0 or len(result.stdout.splitlines()) < 5:
                failures.append(f"cchc help {topic} --lang {lang}: exit {result.returncode}")
    # A word far from every command lists them all (read from `cchc help`, so new commands need no edit here).
    far = run("xyzzy")
    if far.returncode != 2 or f"the commands are: {', '.join(commands)}" not in far.stderr:
        failures.append(f"cchc xyzzy: exit {far.returncode}, {far.stderr!r}")
    version = run("--version").stdout.strip()
    if not re.fullmatch(r"cchc \d+\.\d+\.\d+ \(git ([0-9a-f]{7,}|v?[\w.-]+|unknown)(-dirty)?\)", version):
        failures.append(f"--version: {version!r}")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
