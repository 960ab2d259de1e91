#!/usr/bin/env python3
"""The timeline SVG is valid XML, shows today's line where today is, and renders in headless Chromium.

Draws the seed plan at 2020-05-01 as SVG. xmllint (Debian libxml2-utils) must accept it; parsed, it must hold
today's line labelled "Hôm nay 01/05/2020" between the grid lines of May and June 2020, one row per dated task
with the 16 overdue tasks marked as such; headless Chromium (Debian chromium) must render it to a non-empty
PNG. The Mermaid form of the same plan must be a gantt block whose every task line follows Mermaid's grammar.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
TASK_LINE = re.compile(r"^    [^:#;\n]+ :(crit, |done, |active, )?(milestone, )?t\d+, \d{4}-\d\d-\d\d, "
                       r"(\d{4}-\d\d-\d\d|0d)$")


def check_svg(svg, failures):
    root = ElementTree.fromstring(svg)
    today = [group for group in root.iter(SVG + "g") if group.get("class") == "today"]
    if len(today) != 1:
        failures.append(f"{len(today)} today groups")
        return
    line = today[0].find(SVG + "line")
    label = "".join(today[0].find(SVG + "text").itertext())
    if label != "Hôm nay 01/05/2020":
        failures.append(f"today's label is {label!r}")
    months = {"".join(text.itertext()): float(text.get("x")) - 3 for text in root.iter(SVG + "text")
              if re.fullmatch(r"\d\d/\d{4}", "".join(text.itertext()))}
    x = float(line.get("x1"))
    if not months.get("05/2020", 1e9) < x < months.get("06/2020", -1):
        failures.append(f"today's line at x={x} is not within May 2020 ({months.get('05/2020')}, "
                        f"{months.get('06/2020')})")
    rows = [group for group in root.iter(SVG + "g") if "row" in (group.get("class") or "").split()]
    overdue = [group for group in rows if "overdue" in group.get("class").split()]
    if len(overdue) != 16:
        failures.append(f"{len(overdue)} overdue rows, expected 16")
    if len(rows) < 20:
        failures.append(f"only {len(rows)} rows")


def check_mermaid(text, failures):
    lines = text.splitlines()
    if lines[:2] != ["```mermaid", "gantt"] or "```" not in lines[2:]:
        failures.append(f"not a fenced gantt block: {lines[:2]}")
        return
    body = lines[2:lines.index("```", 2)]
    for line in body:
        if line.startswith("    section ") or line.startswith("    title "):
            if ":" in line or "#" in line or ";" in line:
                failures.append(f"mermaid: ':', '#' or ';' in {line!r}")
        elif line.strip() in ("dateFormat YYYY-MM-DD", "axisFormat %m/%Y", "inclusiveEndDates", "todayMarker off"):
            continue
        elif line.startswith("    Hôm nay 01/05/2020 :milestone, today, 2020-05-01, 0d"):
            continue
        elif not TASK_LINE.match(line):
            failures.append(f"mermaid: task line does not follow the grammar: {line!r}")
    if sum(1 for line in body if ":crit, " in line) != 16:
        failures.append("mermaid: not 16 crit (overdue) tasks")


def main():
    options = readers.arguments()
    failures = []
    args = ["timeline", "plans", "--today", "2020-05-01"]
    svg = readers.run(options.binary, options.root, *args, "--format", "svg").stdout
    check_svg(svg, failures)
    check_mermaid(readers.run(options.binary, options.root, *args, "--format", "mermaid").stdout.decode(), failures)

    if failures:  # what Python alone found is reported even where the readers below are missing
        return readers.finish(failures, "")
    readers.require_tool("xmllint", "libxml2-utils")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    readers.require(browser is not None, "'chromium' (Debian package chromium)")
    with tempfile.TemporaryDirectory() as folder:
        svg_file = os.path.join(folder, "timeline.svg")
        with open(svg_file, "wb") as handle:
            handle.write(svg)
        lint = subprocess.run(["xmllint", "--noout", svg_file], capture_output=True, text=True)
        if lint.returncode != 0 or lint.stderr:
            failures.append(f"xmllint: exit {lint.returncode}: {lint.stderr}")
        png = os.path.join(folder, "timeline.png")
        shot = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               f"--user-data-dir={os.path.join(folder, 'profile')}", "--window-size=1100,900",
                               f"--screenshot={png}", "file://" + svg_file], capture_output=True, text=True,
                              timeout=120)
        if shot.returncode != 0:
            failures.append(f"chromium: exit {shot.returncode}: {shot.stderr[-500:]}")
        elif not os.path.exists(png):
            failures.append("chromium wrote no screenshot")
        else:
            with open(png, "rb") as handle:
                data = handle.read()
            if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 10000:
                failures.append(f"the screenshot is not a PNG of a picture ({len(data)} bytes)")

    return readers.finish(failures, "ok: SVG valid (xmllint), today's line in May 2020, 16 overdue rows, "
                                    "Chromium rendered it; Mermaid gantt follows the grammar")


if __name__ == "__main__":
    sys.exit(main())
