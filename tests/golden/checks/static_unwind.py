#!/usr/bin/env python3
"""The static release binary throws and catches C++ exceptions without sorting its unwind tables first
(src/cli/static_unwind.cpp): it carries the linker's sorted table (a PT_GNU_EH_FRAME segment), GCC's start files'
registration of its frames is the no-op of static_unwind.cpp, and exceptions still work: `--version` and a usage
error (both reported by CLI11 with exceptions, on the main thread) and a YAML syntax error on a loading thread
(yaml-cpp reports it with an exception) give their message and exit code, not an abort.

A binary linked dynamically (the sanitizer builds) uses the dynamic loader's tables: only the exception checks run.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

PT_GNU_EH_FRAME = 0x6474E550


def main():
    options = readers.arguments()
    failures = []

    types = readers.segment_types(options.binary)
    static = readers.is_static(types)
    if static:
        if PT_GNU_EH_FRAME not in types:
            failures.append("the static binary has no PT_GNU_EH_FRAME segment (link option -Wl,--eh-frame-hdr)")
        with open(options.binary, "rb") as binary:
            contents = binary.read()
        # The symbol names are there unless the binary was stripped (the .deb's is); then only the behaviour counts.
        if b".symtab" in contents and b"__wrap___register_frame_info\0" not in contents:
            failures.append("the static binary does not link static_unwind.cpp's __wrap___register_frame_info")

    version = readers.run(options.binary, options.root, "--version", check=False)
    if version.returncode != 0 or not version.stdout.startswith(b"cchc "):
        failures.append(f"--version: exit {version.returncode}, stdout {version.stdout!r}, stderr {version.stderr!r}")

    usage = readers.run(options.binary, options.root, "status", "--no-such-option", check=False)
    if usage.returncode != 2 or b"has no option '--no-such-option'" not in usage.stderr:
        failures.append(f"a usage error: exit {usage.returncode}, stderr {usage.stderr!r}")

    # Two files, so that they load on worker threads; an unclosed '{' makes yaml-cpp throw.
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.yaml", "b.yaml"):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as plan:
                plan.write("cchc: 1\nplan: {id: p-" + name[0] + ", title: T\ntasks: []\n")
        broken = readers.run(options.binary, options.root, "validate", folder, check=False)
        if broken.returncode != 1 or broken.stderr.count(b"error: the '{' opened here is never closed") != 2:
            failures.append(f"a YAML syntax error on a loading thread: exit {broken.returncode}, stderr {broken.stderr!r}")

    for failure in failures:
        print(failure)
    if not failures:
        print(f"ok: {'static' if static else 'dynamic'} binary; exceptions caught on the main and loading threads")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
