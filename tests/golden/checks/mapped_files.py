#!/usr/bin/env python3
"""A plan file mapped into memory, whose pages are given back as the parser passes them, reads as one read into
memory: with CCHC_MAP_FROM_BYTES=0 (every file mapped) and with it out of reach (every file read), `validate`,
`status --format json` and `overdue` print the same bytes on stdout and stderr and exit with the same code.

Run on every plan and hostile case committed under tests/ and plans/, and on a generated plan of 6 000 tasks (about
1.3 MB, so that the plain reader gives back several stretches of it) read by one parser and by two, intact and with
problems early and late in it: the messages then quote lines from pages given back before they are printed. That
the pages are really given back, and what happens to a file cut short under its mapping, is checked by the unit
tests (tests/unit/util/test_mapped_text.cpp).
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

TODAY = "2026-06-15"
NEVER = "9999999999"


def variants(text):
    """(name, text) of the generated plan, intact and with problems at a quarter and at three quarters of it."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id:")]
    early, late = starts[len(starts) // 4], starts[len(starts) * 3 // 4]

    def insert_after(index, new_lines):
        return "\n".join(lines[:index + 1] + new_lines + lines[index + 1:])

    yield "intact", text
    yield "unknown-keys", "\n".join(
        lines[:early + 1] + ["    colour: red"] + lines[early + 1:late + 1] + ["    colour: blue"] + lines[late + 1:])
    yield "bad-deadline", insert_after(early, ['    due: "Trước ngày 31/02/2026"'])
    yield "syntax-error", insert_after(late, ["    note: a: b"])


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    base_env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    base_env["CCHC_JOBS"] = "2"  # one file and two jobs: a core is free for the second parser
    failures = []

    def run(args, map_from, cwd, two_parsers_from=NEVER):
        env = dict(base_env, CCHC_MAP_FROM_BYTES=map_from, CCHC_TWO_PARSERS_FROM_BYTES=two_parsers_from)
        return subprocess.run([binary] + args, capture_output=True, env=env, cwd=cwd)

    def compare(path, cwd, two_parsers_from=NEVER):
        for command in (["validate"], ["status", "--today", TODAY, "--format", "json"], ["overdue", "--today", TODAY]):
            args = command + [path]
            mapped, read = run(args, "0", cwd, two_parsers_from), run(args, NEVER, cwd, two_parsers_from)
            for name in ("stdout", "stderr", "returncode"):
                if getattr(mapped, name) != getattr(read, name):
                    failures.append(f"cchc {' '.join(args)}: {name} differs between a mapped file and a read one")
        return read

    committed = readers.enough_committed_plans(options.root, failures)
    with tempfile.TemporaryDirectory() as work:
        for path in committed:
            compare(path, work)
        for name, path in readers.generated_variants(options.root, work, 6000, variants):
            for two_parsers_from in (NEVER, "0"):
                last = compare(path, work, two_parsers_from)
                complains = b"error" in last.stderr
                if complains != (name != "intact"):
                    failures.append(f"{name}: expected {'no ' if name == 'intact' else ''}error, got "
                                    f"{last.stderr[:200]!r}")

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
