#!/usr/bin/env python3
"""docs/examples is what tools/render-timeline-examples makes now.

Runs the script into a temporary folder (without the PNG, which depends on the fonts of the machine) and
compares timeline.svg, timeline-mermaid.md and seed.ics byte for byte with the files in docs/examples.
"""
import argparse
import os
import subprocess
import sys
import tempfile

FILES = ["timeline.svg", "timeline-mermaid.md", "seed.ics"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--root", required=True)
    options = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CCHC_")}
        subprocess.run(["bash", os.path.join(options.root, "tools", "render-timeline-examples"), "--binary",
                        os.path.abspath(options.binary), "--out", folder, "--no-png"], env=env, check=True)
        for name in FILES:
            with open(os.path.join(folder, name), "rb") as handle:
                made = handle.read()
            path = os.path.join(options.root, "docs", "examples", name)
            if not os.path.exists(path):
                failures.append(f"docs/examples/{name} is missing; run tools/render-timeline-examples")
                continue
            with open(path, "rb") as handle:
                if handle.read() != made:
                    failures.append(f"docs/examples/{name} differs from what cchc makes now; "
                                    "run tools/render-timeline-examples")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {', '.join(FILES)} as in docs/examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
