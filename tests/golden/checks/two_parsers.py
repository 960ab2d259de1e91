#!/usr/bin/env python3
"""Parsing a large plan in two parts at once changes nothing: with CCHC_TWO_PARSERS_FROM_BYTES=0 (every file
whose task list can be cut is parsed by two threads) and with it out of reach (always one parser), `validate`
and `status --format json` print the same bytes on stdout and stderr and exit with the same code.

Run on every plan and hostile case committed under tests/ and plans/, and on a generated plan of 3 000 tasks
(bench/generate.py) together with variants broken in its second half or after its list: an alias, a syntax
error, a quoted text that spans the cut, a second document, a duplicate root key, an unknown key, a tab in an
indentation, sections after the list, and the list written at the indentation of its key. That the cut is
really used is checked by the unit tests (tests/unit/load/test_two_parsers.cpp).

Both of those runs make yaml-cpp read every file (CCHC_PLAIN_YAML=off); two more, as cchc runs by default, read
plain files (and plain parts of a cut file) with the plain reader (src/load/plain_yaml.cpp), in one part and in
two, and must print the same bytes as well.
"""
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

TODAY = "2026-06-15"
ONE_PARSER = "9999999999"


def variants(text):
    """(name, text) of the generated plan, intact and broken in the ways a cut must survive."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id:")]
    late = starts[len(starts) * 3 // 4]  # an item in the second half
    early = starts[len(starts) // 4]

    def insert_after(index, new_lines):
        return "\n".join(lines[:index + 1] + new_lines + lines[index + 1:])

    yield "intact", text
    yield "alias", insert_after(late, ["    note: *x"])
    yield "syntax-error", insert_after(late, ["    note: a: b"])
    yield "quote-spans-cut", "\n".join(
        lines[:early] + ['  - id: "q"', '    title: "mở', '  - id: z', '    đóng"'] + lines[early:])
    yield "second-document", text + "---\ncchc: 1\n"
    yield "duplicate-root-key", text + "plan:\n  id: again\n"
    yield "unknown-key", insert_after(late, ["    colour: red"])
    yield "tab", insert_after(late, ["\t  note: x"])
    yield "sections-after", text + "sections:\n  - id: s1\n    title: Báo cáo\n    lead: snv\n"
    flush = []
    in_list = False
    for line in lines:
        if line == "tasks:":
            in_list = True
        elif in_list and line and not line.startswith(" "):
            in_list = False
        flush.append(line[2:] if in_list and line.startswith("  ") else line)
    yield "list-at-key-indentation", "\n".join(flush)


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    base_env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    base_env["CCHC_JOBS"] = "2"  # one file and two jobs: a core is free for the second parser
    failures = []

    def run(args, threshold, cwd, plain="off"):
        env = dict(base_env, CCHC_TWO_PARSERS_FROM_BYTES=threshold, CCHC_PLAIN_YAML=plain)
        return subprocess.run([binary] + args, capture_output=True, env=env, cwd=cwd)

    def compare(path, cwd):
        for command in (["validate"], ["status", "--today", TODAY, "--format", "json"]):
            args = command + [path]
            two, one = run(args, "0", cwd), run(args, ONE_PARSER, cwd)
            plain = run(args, ONE_PARSER, cwd, plain="on")
            plain_parts = run(args, "0", cwd, plain="on")
            for name in ("stdout", "stderr", "returncode"):
                if getattr(one, name) != getattr(two, name):
                    failures.append(f"cchc {' '.join(args)}: {name} differs between one and two parsers")
                if getattr(one, name) != getattr(plain, name):
                    failures.append(f"cchc {' '.join(args)}: {name} differs between yaml-cpp and the plain reader")
                if getattr(one, name) != getattr(plain_parts, name):
                    failures.append(f"cchc {' '.join(args)}: {name} differs between yaml-cpp and the plain reader "
                                    "in two parts")

    committed = readers.enough_committed_plans(options.root, failures)
    with tempfile.TemporaryDirectory() as work:
        for path in committed:
            compare(path, work)
        for name, path in readers.generated_variants(options.root, work, 3000, variants):
            compare(path, work)
            if name == "intact" and run(["validate", path], "0", work).returncode != 0:
                failures.append("the generated plan does not validate")

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
