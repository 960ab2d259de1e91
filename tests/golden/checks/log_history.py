#!/usr/bin/env python3
"""`cchc log ID` shows the commits that touched the task's lines, newest first, and only those.

In a temporary git repository holding a copy of the seed plan: commit it, mark 3.1 done (commit), start 3.2
(commit); then `cchc log 3.1` must list "3.1 xong" and the first commit, and
not "3.2 bắt đầu". Outside a repository the command says so and exits 2.
"""
import os
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402


def main():
    options = readers.arguments()
    if not shutil.which("git"):
        print("git is not installed (tools/setup installs it)")
        return 1
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CCHC_", "GIT_"))}
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    env.update({"LC_ALL": "C.UTF-8", "GIT_AUTHOR_NAME": "Chuyên viên", "GIT_AUTHOR_EMAIL": "cv@snv.example",
                "GIT_COMMITTER_NAME": "Chuyên viên", "GIT_COMMITTER_EMAIL": "cv@snv.example",
                "GIT_CONFIG_NOSYSTEM": "1", "HOME": tempfile.gettempdir()})
    failures = []
    with tempfile.TemporaryDirectory() as work:
        def git(*args):
            subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True)

        def cchc(*args):
            return subprocess.run([options.binary, *args], cwd=work, env=env, capture_output=True, text=True)

        git("init", "-q")
        shutil.copyfile(os.path.join(options.root, "plans/ha-tinh-2020-tong-ket-cchc.yaml"),
                        os.path.join(work, "plan.yaml"))
        git("add", "plan.yaml")
        git("commit", "-qm", "Kế hoạch ban đầu")
        cchc("done", "3.1", "--on", "2020-04-28", "--evidence", "Báo cáo số 45/BC-STP", "plan.yaml")
        git("commit", "-qam", "3.1 xong")
        cchc("start", "3.2", "plan.yaml")
        git("commit", "-qam", "3.2 bắt đầu")
        result = cchc("log", "3.1", "plan.yaml")
        subjects = [line.strip() for line in result.stdout.splitlines() if line.startswith("    ")
                    and not line.startswith("     ")]
        if result.returncode != 0:
            failures.append(f"log failed: {result.stderr}")
        if subjects != ["3.1 xong", "Kế hoạch ban đầu"]:
            failures.append(f"log 3.1 listed {subjects}")
        if "+        evidence: \"Báo cáo số 45/BC-STP\"" not in result.stdout:
            failures.append("log 3.1 does not show the evidence line added")
        if "Author: Chuyên viên <cv@snv.example>" not in result.stdout:
            failures.append("log 3.1 does not say who made the change")
        # Uncommitted changes above the task do not shift the range: it is read from the last commit.
        with open(os.path.join(work, "plan.yaml"), "r+", encoding="utf-8") as handle:
            text = handle.read()
            handle.seek(0)
            handle.write("# a new comment\n# and another\n" + text)
        again = cchc("log", "3.1", "plan.yaml")
        if again.stdout != result.stdout:
            failures.append("uncommitted lines above the task changed the log")

        outside = os.path.join(work, "outside")
        os.mkdir(outside)
        shutil.copyfile(os.path.join(options.root, "plans/ha-tinh-2020-tong-ket-cchc.yaml"),
                        os.path.join(outside, "plan.yaml"))
        env["GIT_CEILING_DIRECTORIES"] = work
        result = cchc("log", "3.1", "outside/plan.yaml")
        if result.returncode != 2 or "is not in a git repository" not in result.stderr:
            failures.append(f"outside a repository: exit {result.returncode}, {result.stderr!r}")
    if failures:
        print("\n".join(failures))
        return 1
    print("ok: cchc log 3.1 lists exactly the commits that touched task 3.1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
