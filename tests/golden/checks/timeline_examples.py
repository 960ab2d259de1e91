#!/usr/bin/env python3
"""docs/examples is what tools/render-timeline-examples makes now.

Runs the script into a temporary folder (without the PNG, which depends on the fonts of the machine) and
compares timeline.svg, timeline-mermaid.md and seed.ics byte for byte with the files in docs/examples.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

FILES = ["timeline.svg", "timeline-mermaid.md", "seed.ics"]


def main():
    options = readers.arguments()
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CCHC_")}
        env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
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
    return readers.finish(failures, f"ok: {', '.join(FILES)} as in docs/examples")


if __name__ == "__main__":
    sys.exit(main())
