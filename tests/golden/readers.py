"""Shared by the checks that hand cchc's outputs to real readers (icalendar, jsonschema, xmllint, Chromium).

A reader that is not installed skips the check (exit 77, which CTest reports as skipped) on a developer's
machine, with a message naming the Debian package; in CI (CI=true) it fails, because tools/setup installs
every reader there.
"""
import argparse
import importlib
import os
import shutil
import struct
import subprocess
import sys

SKIP = 77


def require(available, what):
    """Returns when `available`; otherwise skips (locally) or fails (in CI) naming `what`."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        print(f"{what} is missing, and CI must run this check (tools/setup installs it)")
        sys.exit(1)
    print(f"skipped: {what} is not installed (tools/setup installs it)")
    sys.exit(SKIP)


def require_tool(name, package):
    require(shutil.which(name) is not None, f"'{name}' (Debian package {package})")


def run(binary, root, *args, check=True):
    """Runs cchc in `root` without the caller's CCHC_* settings; returns the completed process (bytes)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CCHC_")}
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    return subprocess.run([binary, *args], cwd=root, env=env, capture_output=True, check=check)


def arguments():
    """The options every check is called with (tests/golden/CMakeLists.txt): --binary and --root."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--root", required=True)
    return parser.parse_args()


def committed_plans(root):
    """Every plan file committed under tests/ and plans/ and every case of the hostile corpus, sorted."""
    found = set()
    for folder in ("tests", "plans"):
        for directory, _, names in os.walk(os.path.join(root, folder)):
            found.update(os.path.join(directory, name) for name in names if name.endswith((".yaml", ".yml")))
    for directory, _, names in os.walk(os.path.join(root, "tests", "hostile")):
        found.update(os.path.join(directory, name) for name in names if name != "EXPECTED")
    return sorted(found)


def enough_committed_plans(root, failures):
    """committed_plans(root), with a failure noted when there are too few for a check on the corpus to mean much."""
    committed = committed_plans(root)
    if len(committed) < 40:
        failures.append(f"only {len(committed)} committed plans found under tests/ and plans/")
    return committed


def generated_variants(root, work, tasks, variants):
    """Writes bench/generate.py's plan of `tasks` tasks and each (name, text) that `variants(text)` makes of it into
    the folder `work`; yields (name, path) of each."""
    generated = os.path.join(work, "generated.yaml")
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), "plan", str(tasks), generated],
                   check=True, capture_output=True)
    with open(generated, encoding="utf-8") as source:
        text = source.read()
    for name, variant in variants(text):
        path = os.path.join(work, f"{name}.yaml")
        with open(path, "w", encoding="utf-8") as out:
            out.write(variant)
        yield name, path


def require_module(name, package):
    """The Python module `name`, imported; skips or fails like require() when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        require(False, f"the Python {name} package (Debian package {package})")
    return None


def finish(failures, success):
    """Prints the failures, or `success` when there are none; returns the exit code."""
    if failures:
        print("\n".join(failures))
        return 1
    print(success)
    return 0


PT_DYNAMIC = 2
PT_INTERP = 3


def segment_types(path):
    """The p_type of each program header of the ELF64 little-endian file at `path` (the checks of the static release
    binary read its layout themselves, needing no binutils)."""
    with open(path, "rb") as binary:
        header = binary.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            raise SystemExit(f"{path} is not a 64-bit little-endian ELF file")
        (table_offset,) = struct.unpack_from("<Q", header, 0x20)
        entry_size, count = struct.unpack_from("<HH", header, 0x36)
        binary.seek(table_offset)
        table = binary.read(entry_size * count)
    return [struct.unpack_from("<I", table, i * entry_size)[0] for i in range(count)]


def is_static(types):
    """Whether a binary with these segment types (segment_types) is linked statically: no interpreter, no dynamic
    section."""
    return PT_INTERP not in types and PT_DYNAMIC not in types
