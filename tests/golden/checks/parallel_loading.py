#!/usr/bin/env python3
"""Loading plan files on several threads changes nothing: with CCHC_JOBS=1 and CCHC_JOBS=2, every command
prints the same bytes on stdout and stderr and exits with the same code.

Run on the small committed tree (tests/data/tree), on a folder of broken links and plans (tests/data/bad-tree,
whose diagnostics must come out in the same order), and on the synthetic province tree of bench/generate.py
(234 files, over 10 000 tasks), so that many files really are loaded at the same time. A wrong CCHC_JOBS is a
usage error.
"""
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

TODAY = "2026-06-15"


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    base_env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    failures = []

    def run(args, jobs, cwd):
        env = dict(base_env, CCHC_JOBS=jobs)
        return subprocess.run([binary] + args, capture_output=True, env=env, cwd=cwd)

    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, os.path.join(options.root, "bench", "generate.py"), "tree", work],
                       check=True, capture_output=True)
        folders = [os.path.join(options.root, "tests", "data", "tree"),
                   os.path.join(options.root, "tests", "data", "bad-tree"), os.path.join(work, "plans")]
        commands = [["validate"], ["status", "--today", TODAY], ["status", "--rollup", "--today", TODAY],
                    ["overdue", "--rollup", "--today", TODAY, "--format", "json"],
                    ["status", "--by", "unit", "--today", TODAY, "--format", "markdown"],
                    ["stats", "--by", "plan", "--rollup", "--today", TODAY],
                    ["stats", "--by", "plan", "--today", TODAY]]
        for folder in folders:
            for command in commands:
                args = command + [folder]
                one, two = run(args, "1", work), run(args, "2", work)
                label = " ".join(["cchc"] + args)
                if not one.stdout and command[0] != "validate":
                    failures.append(f"{label}: printed nothing")
                for name in ("stdout", "stderr", "returncode"):
                    if getattr(one, name) != getattr(two, name):
                        failures.append(f"{label}: {name} differs between CCHC_JOBS=1 and CCHC_JOBS=2")
        bad = run(["status", folders[0]], "zero", work)
        if bad.returncode != 2 or b"CCHC_JOBS 'zero'" not in bad.stderr:
            failures.append(f"CCHC_JOBS=zero: exit {bad.returncode}, {bad.stderr[:200]!r}")

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
