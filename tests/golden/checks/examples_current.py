#!/usr/bin/env python3
"""docs/examples/ is what tools/render-examples makes from the seed plan today.

Runs tools/render-examples with the built binary into a temporary folder: report.md and report.html must be
byte-equal to the committed ones (so the docs never show an outdated report), and report.png must be a
non-empty PNG (its pixels vary with fonts and Chromium versions, so they are not compared). Without Chromium
the PNG part is skipped (exit 77) with a message, except under CI (CI=true), where it fails.
"""
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

SKIPPED = 77


def main():
    options = readers.arguments()
    failures = []
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(["bash", os.path.join(options.root, "tools", "render-examples"), options.binary, out],
                                capture_output=True)
        for name in ("report.md", "report.html"):
            made = os.path.join(out, name)
            committed = os.path.join(options.root, "docs", "examples", name)
            if not os.path.exists(made):
                failures.append(f"tools/render-examples made no {name}: {result.stderr.decode()}")
            elif not os.path.exists(committed) or open(made, "rb").read() != open(committed, "rb").read():
                failures.append(f"docs/examples/{name} is outdated: run tools/render-examples and commit the result")
        png = os.path.join(out, "report.png")
        chromium_missing = result.returncode == SKIPPED
        if not chromium_missing:
            data = open(png, "rb").read() if os.path.exists(png) else b""
            if result.returncode != 0 or not data.startswith(b"\x89PNG") or len(data) < 10000:
                failures.append(f"no report.png (exit {result.returncode}): {result.stderr.decode()}")
        if not os.path.exists(os.path.join(options.root, "docs", "examples", "report.png")):
            failures.append("docs/examples/report.png is not committed")
    if failures:
        print("\n".join(failures))
        return 1
    if chromium_missing:
        if os.environ.get("CI") == "true":
            print("chromium is not installed, and CI must draw the example (tools/setup installs it)")
            return 1
        print("ok: report.md and report.html are current; SKIPPED report.png: chromium is not installed")
        return SKIPPED
    print("ok: docs/examples/report.md and report.html are current; report.png drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
