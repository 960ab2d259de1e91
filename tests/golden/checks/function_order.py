#!/usr/bin/env python3
"""The static release binary is linked in the order of src/cli/function-order.txt (tools/function-order): the
functions a usual run executes sit next to each other, so the kernel maps them with a few page faults instead of
one per 64 KiB of the whole code.

Checked on the binary's symbol table (nm):
- most of the listed functions are in the binary (fewer means the list is stale: run tools/function-order);
- the listed functions found lie together: the addresses they span are little more than their own sizes.

Only a static binary linked by lld carries the order (src/cli/CMakeLists.txt); a sanitizer build is dynamic and
is not checked. A static binary linked by another linker is skipped here and fails in CI, where tools/setup
installs lld. A stripped binary (the .deb's) has no symbols to check.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

# Shares of the list that must be found, and how much room the found functions may take beyond their own sizes
# (each function is aligned to 16 bytes, and functions not in the list may sit between pieces of it).
MIN_FOUND = 0.6
MAX_SPREAD = 1.5
SLACK = 64 * 1024


def main():
    options = readers.arguments()
    readers.require_tool("nm", "binutils")
    if not readers.is_static(readers.segment_types(options.binary)):
        print("ok: a dynamic binary (a sanitizer build) is linked without the function order")
        return 0
    with open(options.binary, "rb") as binary:
        contents = binary.read()
    if b"\0.symtab\0" not in contents:
        print("ok: a stripped binary has no symbols to check")
        return 0
    readers.require(b"Linker: Debian LLD" in contents or b"Linker: LLD" in contents,
                    "a static binary linked by lld (Debian package lld)")

    listed = [line.strip() for line in open(os.path.join(options.root, "src", "cli", "function-order.txt"))
              if line.strip()]
    symbols = subprocess.run(["nm", "--defined-only", "--print-size", options.binary], capture_output=True,
                             text=True, check=True).stdout
    # Weak symbols (W, w: inline functions and template instances) and indirect ones (i: glibc's memcpy and the
    # like) are functions too.
    placed = {}
    for line in symbols.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in "TtWwi":
            placed.setdefault(fields[3], (int(fields[0], 16), int(fields[1], 16)))
    found = [placed[name] for name in listed if name in placed]

    failures = []
    if len(found) < MIN_FOUND * len(listed):
        failures.append(f"only {len(found)} of the {len(listed)} functions of src/cli/function-order.txt are in the "
                        "binary: the list is stale, run tools/function-order")
    if found:
        start = min(address for address, _ in found)
        end = max(address + size for address, size in found)
        own = sum(size for _, size in found)
        if end - start > MAX_SPREAD * own + SLACK:
            failures.append(f"the {len(found)} listed functions found ({own} bytes) are spread over {end - start} "
                            "bytes: the link did not follow src/cli/function-order.txt")
    for failure in failures:
        print(failure)
    if failures:
        return 1
    print(f"ok: {len(found)} of {len(listed)} listed functions, {own} bytes, placed within {end - start} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
