#!/usr/bin/env python3
"""The Markdown output is a real table for cmark-gfm and for pandoc.

Renders `cchc status` of the seed plan as Markdown, gives it to cmark-gfm with
the table extension and to pandoc (gfm → JSON AST), and checks that both see
one table whose rows are exactly the items of the JSON output, each with the
same number of cells as the header, and that the first cell of each row is the
task id.
"""
import os
import html.parser
import json
import shutil
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

ARGS = ["status", "plans", "--today", "2020-05-01", "--sort", "document"]


class TableCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr":
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def run(binary, root, extra):
    return subprocess.run([binary] + ARGS + extra, cwd=root, capture_output=True, check=True).stdout


def main():
    options = readers.arguments()
    for tool in ("cmark-gfm", "pandoc"):
        if not shutil.which(tool):
            print(f"{tool} is not installed (tools/setup installs it)")
            return 1

    markdown = run(options.binary, options.root, ["--format", "markdown"])
    items = json.loads(run(options.binary, options.root, ["--format", "json"]))["items"]
    expected_ids = [item["id"] for item in items]
    failures = []

    rendered = subprocess.run(["cmark-gfm", "-e", "table"], input=markdown, capture_output=True, check=True).stdout
    collector = TableCollector()
    collector.feed(rendered.decode("utf-8"))
    if len(collector.tables) != 1:
        failures.append(f"cmark-gfm saw {len(collector.tables)} tables, expected 1")
    else:
        header, *rows = collector.tables[0]
        if len(rows) != len(expected_ids):
            failures.append(f"cmark-gfm saw {len(rows)} rows, expected {len(expected_ids)}")
        for row in rows:
            if len(row) != len(header):
                failures.append(f"row {row[:1]} has {len(row)} cells, header has {len(header)}")
        ids = [row[0].lstrip("§") for row in rows]
        if ids != expected_ids:
            failures.append(f"row ids {ids} differ from JSON ids {expected_ids}")

    ast = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json"], input=markdown, capture_output=True,
                                    check=True).stdout)
    tables = [block for block in ast["blocks"] if block["t"] == "Table"]
    if len(tables) != 1:
        failures.append(f"pandoc saw {len(tables)} tables, expected 1")
    else:
        bodies = tables[0]["c"][4]
        body_rows = sum(len(body["c"][3]) if isinstance(body, dict) else len(body[3]) for body in bodies)
        if body_rows != len(expected_ids):
            failures.append(f"pandoc saw {body_rows} body rows, expected {len(expected_ids)}")

    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: one table of {len(expected_ids)} rows in cmark-gfm and pandoc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
