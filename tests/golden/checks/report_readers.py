#!/usr/bin/env python3
"""`cchc report` survives the programs that read it: cmark-gfm, pandoc (to .docx and back) and Chromium.

Markdown of the seed plan as of 2020-05-01:
  - cmark-gfm sees the headings and tables the report promises; the overdue table holds exactly the tasks of
    `cchc overdue --format json`, each also listed under its lead agency's heading; the full task table holds
    every task of `cchc status --format json`, in number order;
  - pandoc converts it to .docx, and `pandoc -t json` of that .docx shows as many tables as cmark-gfm saw,
    each with the same numbers of rows and cells, and the same headings.
A plan whose titles hold `|`, `*`, `<script>`, `=cmd()` and line breaks (tests/data/report/hostile-titles.yaml):
  - in Markdown, cmark-gfm and pandoc give back every title as plain text in its cell, with no element made
    from it (a bare web address becomes a link, as on GitHub);
  - in HTML, Python's parser gives back every title as plain text, and finds no script element.
HTML of both plans: well-formed for html.parser (every element closed in order), no script, nothing fetched;
headless Chromium loads it (its DOM has the tables) and prints it to a PDF and a PNG.
-o replaces an existing file whole, keeping its permissions; a project file's list `format: csv` does not
reach `cchc report`.

Chromium is a large package: when it is missing the Chromium part is skipped (exit 77, reported by CTest as
skipped) with a message, except under CI (CI=true), where a missing reader is a failure.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

TODAY = "2020-05-01"
HOSTILE = "tests/data/report/hostile-titles.yaml"
SKIPPED = 77
VOID_ELEMENTS = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class ReportParser(html.parser.HTMLParser):
    """Headings, tables (rows of cell texts) and problems of an HTML text, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.row, self.cell, self.heading = [], None, None, None
        self.stack, self.problems, self.elements = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.elements.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name in ("src", "href") and value and not value.startswith("#"):
                self.problems.append(f"<{tag} {name}={value!r}> would fetch something")
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)
        if tag == "table":
            self.blocks.append(("table", []))
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = ""

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.blocks[-1][1].append(self.row)
            self.row = None
        elif re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            self.blocks.append((tag, self.heading.strip()))
            self.heading = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.heading is not None:
            self.heading += data


def parse_html(text):
    parser = ReportParser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.problems.append(f"elements left open: {parser.stack}")
    return parser


def tables_of(parser):
    return [rows for kind, rows in parser.blocks if kind == "table"]


def table_after(parser, heading, nth=0):
    """The `nth` table under the heading `heading`, before the next heading of the same or a higher level."""
    blocks = parser.blocks
    for index, (kind, value) in enumerate(blocks):
        if kind.startswith("h") and value == heading:
            found = []
            for later_kind, rows in blocks[index + 1:]:
                if later_kind.startswith("h") and later_kind <= kind:
                    break
                if later_kind == "table":
                    found.append(rows)
            return found[nth] if nth < len(found) else None
    return None


def number_key(number):
    roman = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

    def part(text):
        if text.isdigit():
            return (0, int(text), text)
        if text and all(c in roman for c in text):
            values = [roman[c] for c in text]
            return (0, sum(-v if i + 1 < len(values) and values[i + 1] > v else v for i, v in enumerate(values)), text)
        return (1, 0, text)

    return [part(p) for p in number.split(".")]


def pandoc_tables(ast):
    """(rows, cells per row) of each table of a pandoc JSON AST, header row included."""
    tables = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Table":
                content = node["c"]
                head, bodies = content[3], content[4]
                rows = list(head["c"][1] if isinstance(head, dict) else head[1])
                for body in bodies:
                    rows += body["c"][3] if isinstance(body, dict) else body[3]
                tables.append([len(row[1] if isinstance(row, list) else row["c"][1]) for row in rows])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast)
    return tables


def pandoc_headers(ast):
    texts = []

    def text_of(inlines):
        out = ""
        for inline in inlines:
            if inline["t"] == "Str":
                out += inline["c"]
            elif inline["t"] in ("Space", "SoftBreak"):
                out += " "
            elif isinstance(inline.get("c"), list):
                out += text_of([i for i in inline["c"] if isinstance(i, dict)] if inline["t"] != "Quoted"
                               else inline["c"][1])
        return out

    for block in ast["blocks"]:
        if block["t"] == "Header":
            texts.append((block["c"][0], text_of(block["c"][2])))
    return texts


class Check:
    def __init__(self, binary, root):
        self.binary, self.root, self.failures = os.path.abspath(binary), root, []
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
        self.env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home

    def cchc(self, *args):
        result = subprocess.run([self.binary, *args], cwd=self.root, capture_output=True, env=self.env)
        if result.returncode != 0:
            self.failures.append(f"cchc {' '.join(args)} exited {result.returncode}: {result.stderr.decode()}")
        return result.stdout.decode("utf-8")

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)

    def seed_markdown(self, tmp):
        markdown = self.cchc("report", "plans", "--today", TODAY)
        overdue = json.loads(self.cchc("overdue", "plans", "--today", TODAY, "--format", "json"))["items"]
        every = json.loads(self.cchc("status", "plans", "--today", TODAY, "--format", "json"))["items"]
        tasks = [item for item in every if item.get("kind", "task") == "task"]
        self.expect(len(overdue) == 16, f"the seed plan should have 16 overdue tasks on {TODAY}, JSON has {len(overdue)}")

        rendered = subprocess.run(["cmark-gfm", "-e", "table", "--unsafe"], input=markdown.encode(),
                                  capture_output=True, check=True).stdout.decode()
        parser = parse_html(rendered)
        headings = [value for kind, value in parser.blocks if kind.startswith("h")]
        for wanted in ("Báo cáo tiến độ thực hiện kế hoạch", "Tổng hợp", "Nhiệm vụ quá hạn", "Nhiệm vụ sắp đến hạn",
                       "Theo cơ quan chủ trì", "Đề cương báo cáo", "Danh sách nhiệm vụ"):
            self.expect(wanted in headings, f"cmark-gfm found no heading '{wanted}' (headings: {headings})")
        for table in tables_of(parser):
            widths = {len(row) for row in table}
            self.expect(len(widths) == 1, f"a table has rows of different widths {widths}: {table[:2]}")

        late = table_after(parser, "Nhiệm vụ quá hạn")
        if late is None:
            self.failures.append("no table under 'Nhiệm vụ quá hạn'")
        else:
            header, *rows = late
            self.expect(len(header) == 7, f"the overdue table has {len(header)} columns, expected 7")
            self.expect(sorted(row[0] for row in rows) == sorted(item["id"] for item in overdue),
                        f"overdue rows {[row[0] for row in rows]} differ from cchc overdue {[i['id'] for i in overdue]}")
            by_id = {item["id"]: item for item in overdue}
            for row in rows:
                item = by_id.get(row[0])
                if item:
                    self.expect(row[6] == str(-item["days"]), f"task {row[0]}: {row[6]} days late, JSON says {item['days']}")

        # Each overdue task is listed, overdue, in the "Chủ trì" table under its lead agency's heading.
        for item in overdue:
            leads = table_after(parser, item["lead_name"], 0)
            listed = leads is not None and any(row[0] == item["id"] and row[3] == "quá hạn" for row in leads[1:])
            self.expect(listed, f"overdue task {item['id']} is not listed as overdue under '{item['lead_name']}'")

        full = table_after(parser, "Danh sách nhiệm vụ")
        if full is None:
            self.failures.append("no table under 'Danh sách nhiệm vụ'")
        else:
            ids = [row[0] for row in full[1:]]
            self.expect(sorted(ids) == sorted(task["id"] for task in tasks),
                        f"the task table {ids} does not hold every task of cchc status")
            self.expect(ids == sorted(ids, key=number_key), f"the task table is not in number order: {ids}")

        # pandoc: Markdown → .docx → JSON keeps every table with its rows and cells, and the headings.
        docx = os.path.join(tmp, "report.docx")
        subprocess.run(["pandoc", "-f", "gfm", "-o", docx], input=markdown.encode(), check=True)
        ast = json.loads(subprocess.run(["pandoc", "-f", "docx", "-t", "json", docx], capture_output=True,
                                        check=True).stdout)
        cmark_shapes = [[len(row) for row in table] for table in tables_of(parser)]
        docx_shapes = pandoc_tables(ast)
        self.expect(len(docx_shapes) == len(cmark_shapes),
                    f"the .docx has {len(docx_shapes)} tables, cmark-gfm saw {len(cmark_shapes)}")
        self.expect(docx_shapes == cmark_shapes, "the .docx tables differ in rows or cells from cmark-gfm's")
        docx_headings = [text for _, text in pandoc_headers(ast)]
        self.expect(docx_headings == headings, f"the .docx headings {docx_headings[:6]}… differ from {headings[:6]}…")
        direct = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json"], input=markdown.encode(),
                                           capture_output=True, check=True).stdout)
        self.expect(pandoc_tables(direct) == cmark_shapes, "pandoc's gfm reader sees other tables than cmark-gfm")
        return len(cmark_shapes), sum(len(t) - 1 for t in cmark_shapes)

    def hostile(self):
        """Every title of the hostile plan comes back as literal text from cmark-gfm and from html.parser."""
        markdown = self.cchc("report", HOSTILE, "--today", TODAY)
        page = self.cchc("report", HOSTILE, "--today", TODAY, "--format", "html")
        items = json.loads(self.cchc("status", HOSTILE, "--today", TODAY, "--format", "json"))["items"]
        titles = {" ".join(item["title"].split()) for item in items}
        self.expect(any("<script>" in t for t in titles) and any("\n" in i["title"] for i in items),
                    "the hostile plan lost its <script> or line-break titles")
        self.expect(re.search(r"(?<!\\)<script", markdown) is None, "a raw <script> tag reached the Markdown")
        rendered = subprocess.run(["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "--unsafe"],
                                  input=markdown.encode(), capture_output=True, check=True).stdout.decode()
        by_pandoc = subprocess.run(["pandoc", "-f", "gfm", "-t", "html"], input=markdown.encode(), capture_output=True,
                                   check=True).stdout.decode()
        for name, text in (("cmark-gfm", rendered), ("pandoc", by_pandoc), ("HTML report", page)):
            parser = parse_html(text)
            problems = parser.problems
            if name != "HTML report":
                # GFM makes a bare web address a link (GitHub does too): harmless, and shown as written.
                problems = [p for p in problems if p != "<a href='http://x'> would fetch something"]
            self.expect(not problems, f"{name}: {problems}")
            for bad in ("script", "img", "a", "em", "strong", "del", "code", "b", "i"):
                # The report's own bold labels; the autolinked address above.
                allowed = name != "HTML report" and bad in ("strong", "a")
                self.expect(allowed or bad not in parser.elements, f"{name}: a title became a <{bad}> element")
            cells = {cell for table in tables_of(parser) for row in table for cell in row}
            heads = {value for kind, value in parser.blocks if kind.startswith("h")}
            for title in titles:
                self.expect(title in cells or title in heads, f"{name}: title {title!r} is not shown literally")
        plan_title = "Kế hoạch | *thử* <script>alert('x')</script>"
        self.expect(f"<h2>{plan_title.replace('<', '&lt;').replace('>', '&gt;').replace(chr(39), '&#39;')}</h2>"
                    in page, "the HTML plan title is not escaped as expected")
        return len(titles)

    def html_pages(self, tmp):
        pages = {}
        for name, source in (("seed", "plans"), ("hostile", HOSTILE)):
            path = os.path.join(tmp, f"{name}.html")
            result = subprocess.run([self.binary, "report", source, "--today", TODAY, "--format", "html", "-o", path],
                                    cwd=self.root, capture_output=True, env=self.env)
            self.expect(result.returncode == 0 and result.stdout == b"",
                        f"report -o {path} exited {result.returncode} or printed on stdout: {result.stderr.decode()}")
            with open(path, encoding="utf-8") as file:
                text = file.read()
            self.expect(text == self.cchc("report", source, "--today", TODAY, "--format", "html"),
                        "-o wrote something else than stdout shows")
            parser = parse_html(text)
            self.expect(not parser.problems, f"{name}.html: {parser.problems}")
            self.expect("script" not in parser.elements, f"{name}.html has a script element")
            style = re.search(r"<style>(.*?)</style>", text, re.S)
            self.expect(style is not None and re.search(r"url\(|@import|https?:", style.group(1)) is None,
                        f"{name}.html: its style sheet fetches something")
            self.expect('name="viewport"' in text and "@page{size:A4" in text and "@media print" in text,
                        f"{name}.html lacks the phone viewport or the A4 print styles")
            pages[name] = (path, len(tables_of(parser)))
        return pages

    def output_and_config(self, tmp):
        """-o replaces a file whole and keeps its permissions; a project's list `format` does not reach report."""
        repo = os.path.join(tmp, "repo")
        os.makedirs(os.path.join(repo, "plans"))
        with open(os.path.join(self.root, "plans", "ha-tinh-2020-tong-ket-cchc.yaml"), "rb") as source, \
                open(os.path.join(repo, "plans", "ha-tinh.yaml"), "wb") as target:
            target.write(source.read())
        with open(os.path.join(repo, ".cchc.yaml"), "w") as handle:
            handle.write("format: csv\nlang: en\n")
        target = os.path.join(repo, "report.md")
        with open(target, "w") as handle:
            handle.write("an older, longer report that must not survive in part\n" * 1000)
        os.chmod(target, 0o640)
        result = subprocess.run([self.binary, "report", "--today", TODAY, "-o", "report.md"], cwd=repo,
                                capture_output=True, env=self.env)
        self.expect(result.returncode == 0, f"report with format: csv in .cchc.yaml: {result.stderr.decode()}")
        with open(target, encoding="utf-8") as handle:
            text = handle.read()
        self.expect(text.startswith("# Plan progress report\n") and "older" not in text,
                    f"-o did not replace the file whole with the English report: {text[:60]!r}")
        self.expect(os.stat(target).st_mode & 0o777 == 0o640, "-o lost the file's permissions")
        leftovers = [name for name in os.listdir(repo) if name.startswith(".report.md")]
        self.expect(not leftovers, f"-o left temporary files: {leftovers}")

    def chromium(self, tmp, pages):
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if not browser:
            return None
        base = [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/profile",
                "--disable-extensions", "--no-first-run", "--enable-logging=stderr", "--v=0"]
        for name, (path, table_count) in pages.items():
            url = "file://" + os.path.abspath(path)
            dom = subprocess.run(base + ["--dump-dom", url], capture_output=True, timeout=180)
            self.expect(dom.returncode == 0, f"chromium --dump-dom {name} exited {dom.returncode}")
            log = dom.stderr.decode(errors="replace")
            for sign in ("Uncaught", "Failed to load resource", "net::ERR_"):
                self.expect(sign not in log, f"chromium reported '{sign}' loading {name}.html")
            loaded = parse_html(dom.stdout.decode("utf-8", errors="replace"))
            self.expect(len(tables_of(loaded)) == table_count,
                        f"chromium's DOM of {name}.html has {len(tables_of(loaded))} tables, expected {table_count}")
            pdf = os.path.join(tmp, f"{name}.pdf")
            subprocess.run(base + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", url], capture_output=True,
                           timeout=180)
            with open(pdf, "rb") if os.path.exists(pdf) else open(os.devnull, "rb") as file:
                data = file.read()
            self.expect(data.startswith(b"%PDF") and len(data) > 10000, f"chromium printed no PDF of {name}.html")
            # A4 at Chromium's 72 dpi is 595 × 842 points; the page size is written as a MediaBox.
            self.expect(re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.?\d* 84[12]", data) is not None,
                        f"the PDF of {name}.html is not A4")
            pages_in_pdf = len(re.findall(rb"/Type\s*/Page[^s]", data))
            self.expect(pages_in_pdf >= 1, f"the PDF of {name}.html has no page")
        png = os.path.join(tmp, "seed.png")
        subprocess.run(base + [f"--screenshot={png}", "--window-size=412,915", "file://" + os.path.abspath(
            pages["seed"][0])], capture_output=True, timeout=180)
        data = open(png, "rb").read() if os.path.exists(png) else b""
        self.expect(data.startswith(b"\x89PNG") and len(data) > 10000, "chromium made no phone-sized screenshot")
        return True


def main():
    options = readers.arguments()
    for tool in ("cmark-gfm", "pandoc"):
        if not shutil.which(tool):
            print(f"{tool} is not installed (tools/setup installs it)")
            return 1
    check = Check(options.binary, options.root)
    with tempfile.TemporaryDirectory() as tmp:
        tables, rows = check.seed_markdown(tmp)
        titles = check.hostile()
        pages = check.html_pages(tmp)
        check.output_and_config(tmp)
        browsed = check.chromium(tmp, pages)
    if check.failures:
        print("\n".join(check.failures))
        return 1
    print(f"ok: {tables} tables ({rows} rows) in cmark-gfm, pandoc and the .docx; {titles} hostile titles literal; "
          f"HTML well-formed")
    if browsed is None:
        if os.environ.get("CI") == "true":
            print("chromium is not installed, and CI must run every reader (tools/setup installs it)")
            return 1
        print("SKIPPED the Chromium part: chromium is not installed (tools/setup installs it)")
        return SKIPPED
    print("ok: chromium loaded both HTML reports and printed A4 PDFs and a phone screenshot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
