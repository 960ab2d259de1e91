#!/usr/bin/env python3
"""Hostile titles come out escaped in every format of `cchc timeline` and `cchc export`.

tests/data/escaping/hostile-titles.yaml has titles with '|', '*', '<script>', '=cmd()', a line break, ';',
',', '\\', ':', '#', '%%' and a backquote. Each format is read back by the program that reads it: the JSON
export by Python's json (titles exact), the CSV export by Python's csv, plain and --excel (titles exact,
except that a formula gets its leading apostrophe), the .ics by icalendar (titles exact), the SVG by xmllint
and ElementTree (no <script> element, titles as text), the Mermaid block line by line against Mermaid's grammar,
and the terminal timeline (no control character, the two lines of a title on one row).
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402
from timeline_svg import SVG, TASK_LINE  # noqa: E402

PLAN = "tests/data/escaping/hostile-titles.yaml"
TITLES = {
    "1": "Cột | ống và *đậm* _nghiêng_",
    "2": "<script>alert('x')</script> & <b>",
    "3": "=cmd()|' /C calc'!A0",
    "4": "Dòng một\nDòng hai; phẩy, chéo \\ ngược",
    "5": "Nhãn: #35; %% chú thích `mã` {ngoặc}",
    "6": "-1+2 @SUM(A1) bắt đầu bằng dấu trừ",
}
FORMULAS = {"3", "6"}


def main():
    options = readers.arguments()
    failures = []

    def cchc(*args):
        return readers.run(options.binary, options.root, *args, PLAN, "--today", "2020-05-01").stdout

    document = json.loads(cchc("export", "--format", "json"))
    titles = {task["id"]: task["title"] for task in document["plans"][0]["tasks"]}
    if titles != TITLES:
        failures.append(f"json: titles {titles}")

    for extra, delimiter, bom in (([], ",", False), (["--excel"], ";", True), (["--delimiter", ";"], ";", False)):
        raw = cchc("export", "--format", "csv", *extra)
        if raw.startswith(b"\xef\xbb\xbf") != bom:
            failures.append(f"csv {extra}: byte order mark {'missing' if bom else 'unexpected'}")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))
        got = {row["id"]: row["title"] for row in rows}
        want = {key: ("'" + title if key in FORMULAS else title) for key, title in TITLES.items()}
        if got != want:
            failures.append(f"csv {extra}: titles {got}")
        leads = {row["lead"]: row["lead_name"] for row in rows}
        if leads.get("stp") != "'=HYPERLINK(\"http://x\")" or leads.get("snv") != 'Sở Nội vụ; phòng "CCHC"':
            failures.append(f"csv {extra}: lead names {leads}")

    icalendar = readers.require_module("icalendar", "python3-icalendar")
    if icalendar is not None:
        calendar = icalendar.Calendar.from_ical(cchc("export", "--format", "ics"))
        summaries = {str(event["UID"]).split("@")[0]: str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
        want = {key: f"{key} {title}" for key, title in TITLES.items() if key != "6"}
        want["4"] = "✔ " + want["4"]
        if summaries != want:
            failures.append(f"ics: summaries {summaries}")
        descriptions = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
        if not any('Chủ trì: Sở Nội vụ; phòng "CCHC"' in text for text in descriptions):
            failures.append("ics: the lead's name with ';' and quotes did not come back")

    svg = cchc("timeline", "--format", "svg")
    if b"<script" in svg or b"<b>" in svg:
        failures.append("svg: markup from a title reached the SVG")
    root = ElementTree.fromstring(svg)
    if any(element.tag.endswith("script") for element in root.iter()):
        failures.append("svg: a script element")
    labels = ["".join(element.itertext()) for element in root.iter(SVG + "title")]
    for key in ("1", "2", "3", "5"):
        if f"{key} {TITLES[key]}" not in labels:
            failures.append(f"svg: no row titled {key} {TITLES[key]!r}")
    if "4 Dòng một Dòng hai; phẩy, chéo \\ ngược" not in labels:
        failures.append("svg: the title with a line break is not one line")
    with tempfile.NamedTemporaryFile(suffix=".svg") as handle:
        handle.write(svg)
        handle.flush()
        if shutil.which("xmllint"):
            lint = subprocess.run(["xmllint", "--noout", handle.name], capture_output=True, text=True)
            if lint.returncode != 0:
                failures.append(f"svg: xmllint: {lint.stderr}")

    mermaid = cchc("timeline", "--format", "mermaid").decode()
    lines = mermaid.splitlines()
    tasks = [line for line in lines if line.startswith("    ") and " :" in line and "today" not in line]
    if len(tasks) != 5:
        failures.append(f"mermaid: {len(tasks)} task lines, expected 5: {tasks}")
    for line in tasks:
        if not TASK_LINE.match(line):
            failures.append(f"mermaid: {line!r} does not follow the grammar")
    if not any("Dòng một Dòng hai" in line for line in tasks):
        failures.append("mermaid: the title with a line break is not on one line")
    if not any(line.startswith("    5 Nhãn： ＃35； ％％") for line in tasks):
        failures.append("mermaid: ':', '#', ';' or '%%' of task 5 not replaced")
    if lines.count("```") != 1 or not lines[-1].endswith(": 6"):
        failures.append(f"mermaid: fence or note on undated tasks: {lines[-3:]}")

    terminal = cchc("timeline", "--color", "never", "--width", "100").decode()
    if any(ord(c) < 32 and c != "\n" for c in terminal):
        failures.append("terminal: a control character")
    if not any("4 Dòng một Dòng hai" in line for line in terminal.splitlines()):
        failures.append("terminal: the title with a line break is not on one row")

    return readers.finish(failures,
                          "ok: hostile titles escaped in json, csv (3 dialects), ics, svg, mermaid and the terminal")


if __name__ == "__main__":
    sys.exit(main())
