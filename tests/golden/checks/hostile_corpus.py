#!/usr/bin/env python3
"""The hostile corpus: every case ends with its expected located error and exit code, quickly and in bounded memory.

Runs `cchc validate` on each case of tests/hostile/EXPECTED, then on cases made here at test time because they are
too big or too odd for git: 1 GB of '[', 8 MB of '[' (just under the size limit), a 20 000-deep alias chain, a text
over the length limit, more nodes than the node limit, a flood of problems, a plans folder holding a symlink loop,
an unreadable file, a FIFO, a device, a good plan and a file that changes while it is read; then feeds titles made
of '|', '<script>', '=HYPERLINK(…)', line breaks and bidirectional controls to every output format and checks that
each comes out harmless. Each run must end within a few seconds (a hang guard, not a benchmark) and use less than
1 GB; the worst time and memory are printed.
"""
import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

HANG_GUARD_SECONDS = 20
MAX_RSS_KB = 1024 * 1024

failures = []
worst = {"cpu": 0.0, "cpu_case": "", "seconds": 0.0, "rss_kb": 0, "seconds_case": "", "rss_case": ""}


def fail(message):
    failures.append(message)


def run(binary, args, cwd, name, user=None):
    """Runs cchc, returning (exit code, stdout, stderr); records time and peak memory."""
    command = [binary] + args
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--"] + command

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        stdout, stderr = process.communicate(timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        fail(f"{name}: still running after {HANG_GUARD_SECONDS} s")
        return None, b"", b""
    # The child is already reaped by communicate(); its usage is in RUSAGE_CHILDREN, which only grows, so the
    # peak over all runs so far is what it reports: good enough for a bound.
    seconds = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    rss_kb = usage.ru_maxrss
    if cpu > worst["cpu"]:
        worst.update(cpu=cpu, cpu_case=name)
    if seconds > worst["seconds"]:
        worst.update(seconds=seconds, seconds_case=name)
    if rss_kb > worst["rss_kb"]:
        worst.update(rss_kb=rss_kb, rss_case=name)
    if rss_kb > MAX_RSS_KB:
        fail(f"{name}: used {rss_kb // 1024} MB")
    return process.returncode, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace")


def expect_diagnostic(name, stderr, path, line, column, message):
    pattern = re.compile(r"^" + re.escape(f"{path}:{line}:{column}: error: ") + r".*" + re.escape(message), re.M)
    if not pattern.search(stderr):
        fail(f"{name}: expected '{path}:{line}:{column}: error: …{message}…' in:\n{stderr[:1500]}")


def corpus(binary, folder):
    count = 0
    with open(os.path.join(folder, "EXPECTED"), encoding="utf-8") as manifest:
        for row in manifest:
            if not row.strip() or row.startswith("#"):
                continue
            path, exit_code, _check, position, message = row.rstrip("\n").split("\t")
            count += 1
            top = path.split("/")[0]
            code, stdout, stderr = run(binary, ["validate", top], folder, path)
            if code is None:
                continue
            if code != int(exit_code):
                fail(f"{path}: exit {code}, expected {exit_code}\n{stderr[:800]}")
            if position == "-":
                if message not in stdout:
                    fail(f"{path}: expected '{message}' on stdout, got:\n{stdout}{stderr[:800]}")
            else:
                line, column = position.split(":")
                expect_diagnostic(path, stderr, path, line, column, message)
    if count < 60:
        fail(f"the corpus holds only {count} cases")
    return count


def write(path, data):
    with open(path, "wb") as out:
        out.write(data if isinstance(data, bytes) else data.encode("utf-8"))


HEADER = "cchc: 1\nplan:\n  id: generated\n  title: Kế hoạch thử\nagencies:\n  snv: Sở Nội vụ\ntasks:\n"


def generated(binary, work):
    # 1 GB of '[': refused by its size before a byte is read.
    big = os.path.join(work, "gigabyte.yaml")
    chunk = b"[" * (1 << 20)
    with open(big, "wb") as out:
        for _ in range(1024):
            out.write(chunk)
    code, _, stderr = run(binary, ["validate", big], work, "1 GB of '['")
    if code != 2 or "a plan file may be at most 8192 KiB" not in stderr:
        fail(f"1 GB of '[': exit {code}\n{stderr[:500]}")
    os.remove(big)

    # Just under the limit: read, then refused by the bracket pre-scan before yaml-cpp tokenises it.
    under = os.path.join(work, "brackets.yaml")
    write(under, b"[" * (8 * 1024 * 1024 - 16))
    code, _, stderr = run(binary, ["validate", under], work, "8 MB of '['")
    if code != 1:
        fail(f"8 MB of '[': exit {code}")
    expect_diagnostic("8 MB of '['", stderr, under, 1, 65, "nested more than 64 levels deep")
    os.remove(under)

    chain = os.path.join(work, "alias-chain.yaml")
    write(chain, "a0: &a0 x\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 20000)))
    code, _, stderr = run(binary, ["validate", chain], work, "20 000-deep alias chain")
    if code != 1:
        fail(f"alias chain: exit {code}")
    expect_diagnostic("alias chain", stderr, chain, 1, 5, "anchors ('&a0') are not supported in plan files")
    if "more problems in this file not shown" not in stderr:
        fail("alias chain: the flood of problems is not cut short")

    long_text = os.path.join(work, "long-text.yaml")
    write(long_text, HEADER + '  - id: "1"\n    title: ' + "x" * (70 * 1024) + "\n")
    code, _, stderr = run(binary, ["validate", long_text], work, "70 KiB title")
    expect_diagnostic("70 KiB title", stderr, long_text, 9, 12, "a plan text may hold at most 64 KiB")

    nodes = os.path.join(work, "many-nodes.yaml")
    write(nodes, HEADER + '  - id: "1"\n    title: t\n    support:\n' + "      - snv\n" * 250000)
    code, _, stderr = run(binary, ["validate", nodes], work, "250 000 list items")
    if code != 1 or "more than 100000 keys, values and list items" not in stderr:
        fail(f"250 000 list items: exit {code}\n{stderr[:500]}")

    flood = os.path.join(work, "flood.yaml")
    write(flood, HEADER + '  - id: "1"\n    title: t\n' + "".join(f"    k{i}: 1\n" for i in range(5000)))
    code, _, stderr = run(binary, ["validate", flood], work, "5000 unknown keys")
    if stderr.count(": error: ") != 101 or "4900 more problems in this file not shown" not in stderr:
        fail(f"5000 unknown keys: {stderr.count(': error: ')} errors shown\n{stderr[-500:]}")


    # 10 000 tasks, each due some days after the one before: resolved and checked without deep recursion.
    chain = os.path.join(work, "chain.yaml")
    steps = "".join(f'  - {{id: "{i}", title: t, due: 1 ngày sau khi hoàn thành nhiệm vụ {i - 1}}}\n'
                    for i in range(2, 10001))
    write(chain, HEADER + '  - {id: "1", title: t, due: 2026-02-13, status: done, done: 2026-02-13}\n' + steps)
    code, _, stderr = run(binary, ["validate", chain], work, "10 000-task dependency chain")
    if code != 0:
        fail(f"10 000-task chain: exit {code}\n{stderr[:500]}")
    code, stdout, stderr = run(binary, ["status", chain, "--today", "2026-02-20", "--state", "waiting",
                                        "--format", "csv"], work, "10 000-task chain, status")
    # A header and 9 998 waiting tasks: task 2 is dated (1 day after 13/02/2026, moved past the Tết break).
    if code != 0 or stdout.count("\n") != 9999:
        fail(f"10 000-task chain, status: exit {code}, {stdout.count(chr(10))} lines\n{stderr[:500]}")
    # The same chain closed into a circle: one dependency-cycle error, named at task 1.
    write(chain, HEADER + '  - {id: "1", title: t, due: 1 ngày sau khi hoàn thành nhiệm vụ 10000}\n' + steps)
    code, _, stderr = run(binary, ["validate", chain], work, "10 000-task dependency cycle")
    if code != 1 or stderr.count(": error: ") != 1:
        fail(f"10 000-task cycle: exit {code}\n{stderr[:500]}")
    expect_diagnostic("10 000-task cycle", stderr, chain, 8, 30, "a circle: 1 → 10000 → 9999 → ")


def plans_folder(binary, work):
    folder = os.path.join(work, "plans")
    os.makedirs(os.path.join(folder, "sub"))
    write(os.path.join(folder, "good.yaml"), HEADER + '  - id: "1"\n    title: t\n')
    os.symlink("loop.yaml", os.path.join(folder, "loop.yaml"))
    os.symlink("/dev/null", os.path.join(folder, "device.yaml"))
    os.symlink("/proc/self/stat", os.path.join(folder, "changing.yaml"))
    os.mkfifo(os.path.join(folder, "fifo.yaml"))
    os.mkfifo(os.path.join(folder, "name\x1b[2J\u202e.yaml"))  # a file name that would drive the terminal
    secret = os.path.join(folder, "sub", "secret.yaml")
    write(secret, HEADER.replace("generated", "secret") + '  - id: "1"\n    title: t\n')
    os.chmod(secret, 0)
    # As root every file is readable: run as nobody then (the build tree must be readable by it).
    user = None
    if os.geteuid() == 0 and shutil.which("setpriv"):
        user = "65534"  # nobody
        os.chmod(work, 0o755)
        for path in [folder, os.path.join(folder, "sub")]:
            os.chmod(path, 0o755)
        os.chmod(os.path.join(folder, "good.yaml"), 0o644)
    code, stdout, stderr = run(binary, ["validate", folder], work, "plans folder", user=user)
    if code != 2:
        fail(f"plans folder: exit {code}, expected 2\n{stderr}")
    if f"ok: {folder}/good.yaml" not in stdout:
        fail(f"plans folder: the good plan is not reported:\n{stdout}")
    expected = {
        "loop.yaml": "cannot be read: Too many levels of symbolic links",
        "device.yaml": "a device, not a plan file",
        "fifo.yaml": "a named pipe (FIFO), not a plan file",
        "changing.yaml": "the file changed while it was being read",
    }
    if user is not None or os.geteuid() != 0:
        expected["sub/secret.yaml"] = "cannot be read: Permission denied"
    expected["name\\x1b[2J\\xe2\\x80\\xae.yaml"] = "a named pipe (FIFO)"
    for name, message in expected.items():
        if f"cchc: error: {folder}/{name}: {message}" not in stderr:
            fail(f"plans folder: no '{name}: {message}' in:\n{stderr}")
    if "\x1b" in stderr + stdout or "\u202e" in stderr + stdout:
        fail("plans folder: a file name reaches the terminal raw")
    # A FIFO named on the command line does not block either; nor does a folder named like a plan.
    code, _, stderr = run(binary, ["validate", os.path.join(folder, "fifo.yaml")], work, "FIFO argument")
    if code != 2 or "a named pipe (FIFO)" not in stderr:
        fail(f"FIFO argument: exit {code}\n{stderr}")
    # A plan cannot make cchc open an arbitrary file as its time zone.
    zone = os.path.join(work, "zone.yaml")
    write(zone, HEADER.replace("  title: Kế hoạch thử\n", "  title: Kế hoạch thử\n  timezone: /etc/passwd\n") + '  - id: "1"\n    title: t\n')
    code, _, stderr = run(binary, ["status", zone], work, "time zone /etc/passwd")
    if code != 2 or "time zone '/etc/passwd' is not known" not in stderr:
        fail(f"time zone /etc/passwd: exit {code}\n{stderr}")
    code, _, stderr = run(binary, ["validate", os.path.join(work, "plans", "good.yaml"), os.path.join(work, "nothing.yaml")],
                          work, "missing file")
    if code != 2 or "nothing.yaml: no such file or folder" not in stderr:
        fail(f"missing file: exit {code}\n{stderr}")


TITLES = {
    "1": 'Cột | ống | dọc',
    "2": "<script>alert('x')</script> <img src=x onerror=alert(1)>",
    "3": '=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")',
    "4": "Dòng một\nDòng hai\n",
    "5": "Nhiệm vụ \u202egnp.exe\u202c và \u200fdấu RTL\u200f \u2066cô lập\u2069",
    "6": "+cmd|' /C calc'!A0",
    "7": "@SUM(1+1)*cmd|' /C calc'!A0",
    "8": "-2+3",
}


def formats(binary, work):
    plan = os.path.join(work, "titles.yaml")
    body = HEADER
    for task_id, title in TITLES.items():
        body += f'  - id: "{task_id}"\n    lead: snv\n    due: 30/4/2020\n    title: {json.dumps(title, ensure_ascii=False)}\n'
    write(plan, body)
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for fmt in ["table", "markdown", "csv", "json"]:
        for color in ["never", "always"]:
            args = ["status", plan, "--today", "2020-05-01", "--format", fmt, "--color", color, "--width", "200"]
            code, stdout, stderr = run(binary, args, work, f"titles as {fmt}")
            if code != 0:
                fail(f"titles as {fmt}: exit {code}\n{stderr}")
                continue
            text = stdout
            if fmt == "table" and color == "always":
                text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # our own colours are the only escapes allowed
            if fmt == "csv":
                text = text.replace("\r\n", "\n")
            bad = forbidden.search(text)
            if bad:
                fail(f"titles as {fmt} (--color {color}): raw U+{ord(bad.group()):04X} in the output")
            if fmt == "markdown" and color == "never":
                check_markdown(stdout)
            if fmt == "csv" and color == "never":
                check_csv(stdout)
            if fmt == "json" and color == "never":
                check_json(stdout)


def check_markdown(text):
    rows = [line for line in text.splitlines() if line.startswith("|")]
    cells = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
    if len(cells) != 1:
        fail(f"markdown: rows have different numbers of cells: {sorted(cells)}\n{text}")
    if re.search(r"(?<!\\)<", text):
        fail(f"markdown: an unescaped '<' passes through:\n{text}")
    if shutil.which("cmark-gfm"):
        html = subprocess.run(["cmark-gfm", "-e", "table"], input=text.encode(), capture_output=True).stdout.decode()
        if "<script" in html or "<img" in html:
            fail(f"markdown: cmark-gfm renders live HTML:\n{html}")


def check_csv(text):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    width = len(rows[0]) if rows else 0  # the header's columns: they are only ever added at the end
    if width < 11 or any(len(row) != width for row in rows):
        fail(f"csv: a row does not have the header's {width} fields:\n{text}")
    titles = {row[1]: row[2] for row in rows[1:]}
    for task_id in ["3", "6", "7", "8"]:
        if titles.get(task_id) != "'" + TITLES[task_id]:
            fail(f"csv: title of task {task_id} is not made inert: {titles.get(task_id)!r}")
    if titles.get("4") != "Dòng một\nDòng hai\n" and titles.get("4") != "Dòng một\nDòng hai":
        fail(f"csv: the line break of task 4 is lost: {titles.get('4')!r}")


def check_json(text):
    document = json.loads(text)
    titles = {item["id"]: item["title"] for item in document["items"]}
    for task_id, title in TITLES.items():
        if titles.get(task_id) != title:
            fail(f"json: title of task {task_id} does not come back as written: {titles.get(task_id)!r}")


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    count = corpus(binary, os.path.join(options.root, "tests", "hostile"))
    work = tempfile.mkdtemp(prefix="cchc-hostile-")
    try:
        generated(binary, work)
        plans_folder(binary, work)
        formats(binary, work)
    finally:
        for dirpath, dirnames, filenames in os.walk(work):
            for name in dirnames + filenames:
                path = os.path.join(dirpath, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o700)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{count} corpus cases and the generated ones; most CPU {worst['cpu']:.2f} s ({worst['cpu_case']}), "
          f"slowest run {worst['seconds']:.2f} s ({worst['seconds_case']}), "
          f"peak RSS {worst['rss_kb'] // 1024} MB ({worst['rss_case']})")
    for message in failures:
        print("FAIL:", message, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
