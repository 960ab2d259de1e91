#!/usr/bin/env python3
"""The editing commands write what --dry-run shows, and only that, atomically and safely.

On temporary copies of the seed plan (and of the district example):
- `cchc done 3.1 --on 2020-04-28 --evidence "Báo cáo số 45/BC-STP"` changes only lines of task 3.1
  (118-122 before the edit), the file still validates, and `cchc status` sees 3.1 done;
- for done, start, cancel, reopen and progress, the change written equals the --dry-run diff;
- the file keeps its permissions (0640 here); no temporary file is left beside it;
- a plan reached through a symbolic link: the file it points to is replaced, the link stays a link;
- a file changed by someone else between reading and writing is not written (exit 2, a clear message);
- two processes editing the same file at the same time: never a lost update. With the test pause both read
  the same version; exactly one writes, the other reports that the file changed. Without the pause, over
  several rounds, every process that says it wrote has its change in the final file.
"""
import difflib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

SEED = "plans/ha-tinh-2020-tong-ket-cchc.yaml"
DISTRICT = "examples/district-reform-2024.yaml"


def body(diff_lines):
    """The +, - and context lines of a unified diff, without headers."""
    return [line.rstrip("\n") for line in diff_lines
            if not line.startswith(("---", "+++", "@@", "\\")) and line.strip("\n") != ""
            or line.startswith(" ")]


def main():
    options = readers.arguments()
    failures = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    env["LC_ALL"] = "C.UTF-8"

    def run(args, cwd, extra_env=None):
        return subprocess.run([options.binary] + args, cwd=cwd, capture_output=True, text=True,
                              env={**env, **(extra_env or {})})

    with tempfile.TemporaryDirectory() as work:
        # 1. The acceptance example.
        plan = os.path.join(work, "plan.yaml")
        shutil.copyfile(os.path.join(options.root, SEED), plan)
        os.chmod(plan, 0o640)
        before = open(plan, encoding="utf-8", newline="").read()
        result = run(["done", "3.1", "--on", "2020-04-28", "--evidence", "Báo cáo số 45/BC-STP", "plan.yaml"], work)
        after = open(plan, encoding="utf-8", newline="").read()
        if result.returncode != 0:
            failures.append(f"done 3.1 failed: {result.stderr}")
        matcher = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True), autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag != "equal" and not (118 <= a1 + 1 and a2 <= 122 and a1 >= 117):
                failures.append(f"done 3.1 changed lines {a1 + 1}-{a2} of the file (task 3.1 is 118-122)")
        added = [line for tag, a1, a2, b1, b2 in matcher.get_opcodes() if tag != "equal"
                 for line in after.splitlines(True)[b1:b2]]
        if added != ["        status: done\n", "        done: 2020-04-28\n",
                     "        evidence: \"Báo cáo số 45/BC-STP\"\n"]:
            failures.append(f"done 3.1 added {added}")
        if stat.S_IMODE(os.stat(plan).st_mode) != 0o640:
            failures.append(f"permissions became {oct(stat.S_IMODE(os.stat(plan).st_mode))}")
        if sorted(os.listdir(work)) != ["plan.yaml"]:
            failures.append(f"left beside the plan: {sorted(os.listdir(work))}")
        validate = run(["validate", "plan.yaml"], work)
        if validate.returncode != 0:
            failures.append(f"the edited plan does not validate: {validate.stderr}")
        status = run(["status", "plan.yaml", "--today", "2020-05-01", "--state", "done", "--format", "csv"], work)
        if ",3.1," not in status.stdout:
            failures.append(f"status does not show 3.1 done: {status.stdout}")

        # 2. Each command writes what --dry-run showed.
        commands = [
            (SEED, ["done", "3.2", "--on", "2020-04-29"]),
            (SEED, ["start", "1"]),
            (SEED, ["cancel", "3.3", "--reason", "Gộp vào 3.1"]),
            (SEED, ["progress", "3.5", "60"]),
            (DISTRICT, ["reopen", "I.2"]),
            (DISTRICT, ["done", "II.3", "--on", "2024-12-20", "--evidence", "a", "--evidence", "b"]),
        ]
        for source, args in commands:
            shutil.copyfile(os.path.join(options.root, source), plan)
            original = open(plan, encoding="utf-8", newline="").read()
            dry = run(args + ["-n", "plan.yaml"], work)
            if open(plan, encoding="utf-8", newline="").read() != original:
                failures.append(f"{args}: --dry-run wrote the file")
            real = run(args + ["plan.yaml"], work)
            written = open(plan, encoding="utf-8", newline="").read()
            expected = body(difflib.unified_diff(original.splitlines(True), written.splitlines(True), n=3))
            if dry.returncode != 0 or real.returncode != 0:
                failures.append(f"{args}: exit {dry.returncode}/{real.returncode}: {dry.stderr}{real.stderr}")
            elif body(dry.stdout.splitlines(True)) != expected:
                failures.append(f"{args}: the dry run showed\n{dry.stdout}\nbut the file changed by\n{expected}")
            if run(["validate", "plan.yaml"], work).returncode != 0:
                failures.append(f"{args}: the result does not validate")

        # 3. A symbolic link.
        target = os.path.join(work, "real.yaml")
        shutil.copyfile(os.path.join(options.root, SEED), target)
        link = os.path.join(work, "link.yaml")
        os.symlink("real.yaml", link)
        result = run(["start", "2", "link.yaml"], work)
        if result.returncode != 0 or not os.path.islink(link) or "status: doing" not in open(target).read():
            failures.append(f"editing through a link: exit {result.returncode}, link kept: {os.path.islink(link)}")
        os.remove(link)
        os.remove(target)

        # 4. Changed on disk between reading and writing.
        shutil.copyfile(os.path.join(options.root, SEED), plan)
        pause = os.path.join(work, "pause")
        os.mkdir(pause)
        process = subprocess.Popen([options.binary, "start", "3.4", "plan.yaml"], cwd=work, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env={**env, "CCHC_TEST_PAUSE": pause})
        wait_for(lambda: len(os.listdir(pause)) == 1)
        with open(plan, "a", encoding="utf-8") as handle:
            handle.write("# added by hand\n")
        open(os.path.join(pause, "go"), "w").close()
        out, err = process.communicate(timeout=60)
        content = open(plan, encoding="utf-8").read()
        if process.returncode != 2 or "changed since it was read" not in err:
            failures.append(f"a file changed meanwhile: exit {process.returncode}, {err!r}")
        if not content.endswith("# added by hand\n") or "status: doing" in content:
            failures.append("a file changed meanwhile was overwritten")
        shutil.rmtree(pause)

        # 5. Two processes at once, provably reading the same version.
        shutil.copyfile(os.path.join(options.root, SEED), plan)
        os.mkdir(pause)
        edits = [["done", "3.6", "--on", "2020-04-20"], ["done", "3.7", "--on", "2020-04-21"]]
        processes = [subprocess.Popen([options.binary] + args + ["plan.yaml"], cwd=work, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      env={**env, "CCHC_TEST_PAUSE": pause}) for args in edits]
        wait_for(lambda: len(os.listdir(pause)) == 2)
        open(os.path.join(pause, "go"), "w").close()
        outcomes = [p.communicate(timeout=60) + (p.returncode,) for p in processes]
        content = open(plan, encoding="utf-8").read()
        codes = sorted(code for _, _, code in outcomes)
        if codes != [0, 2]:
            failures.append(f"two writers of one version: exits {codes}; {outcomes}")
        for (out, err, code), args in zip(outcomes, edits):
            present = f"done: {args[3]}" in content
            if code == 0 and not present:
                failures.append(f"{args} said it wrote but its change is missing")
            if code != 0 and (present or "changed since it was read" not in err):
                failures.append(f"{args} failed without saying why: {err!r}")
        shutil.rmtree(pause)

        # 6. Several rounds without the pause: whatever the timing, no update is lost silently.
        shutil.copyfile(os.path.join(options.root, SEED), plan)
        written = 0
        for round_number in range(8):
            pair = [["progress", f"3.{2 * round_number % 14 + 1}", str(10 + round_number)],
                    ["progress", f"3.{2 * round_number % 14 + 2}", str(50 + round_number)]]
            processes = [subprocess.Popen([options.binary] + args + ["plan.yaml"], cwd=work, text=True,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for args in pair]
            outcomes = [p.communicate(timeout=60) + (p.returncode,) for p in processes]
            content = open(plan, encoding="utf-8").read()
            for (out, err, code), args in zip(outcomes, pair):
                present = f"progress: {args[2]}\n" in content
                if code == 0:
                    written += 1
                    if not present:
                        failures.append(f"round {round_number}: {args} was lost")
                elif "changed since it was read" not in err:
                    failures.append(f"round {round_number}: {args} failed: {err!r}")
        if run(["validate", "plan.yaml"], work).returncode != 0:
            failures.append("after the rounds the plan does not validate")

    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: writes match dry runs; permissions, links, conflicts checked; {written}/16 racing writes landed, "
          "the others were refused with a message")
    return 0


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting for the edit processes to read the plan")
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
