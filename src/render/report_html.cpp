#include <fmt/format.h>

#include <string>
#include <string_view>

#include "render/report.hpp"
#include "render/report_layout.hpp"

namespace cchc::render {

namespace {

using detail::ReportBlock;

// One stylesheet for screen and paper: tables scroll sideways inside their box on a narrow phone instead of
// widening the page; on paper (A4) they take the full width, repeat their heading row on each page and
// keep each row on one page. Colours mark overdue rows and are kept when printing.
constexpr std::string_view kStyle = R"(
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:72rem;padding:1rem;font-family:"Noto Sans","DejaVu Sans","Segoe UI",Arial,sans-serif;
font-size:1rem;line-height:1.45;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0 .4rem}
h2{font-size:1.25rem;margin:1.6rem 0 .5rem;padding-top:.6rem;border-top:2px solid #1f4e79;color:#1f4e79}
h3{font-size:1.1rem;margin:1.3rem 0 .4rem}
h4{font-size:1rem;margin:1rem 0 .3rem}
p{margin:.4rem 0}
p.label{font-weight:bold;margin:.7rem 0 .2rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}
dl.facts dt{font-weight:bold}
dl.facts dd{margin:0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.3rem 0 .8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #9aa5b1;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#e8eef5}
td{overflow-wrap:break-word}
td.num,th.num{text-align:right;white-space:nowrap}
tr.overdue td{background:#fde2e1}
tr.due-today td,tr.due-soon td{background:#fff3d6}
tr.done-late td{background:#f1ecf9}
tr.done td{background:#e6f4ea}
tr.cancelled td{color:#666}
figure.timeline{margin:.6rem 0;overflow-x:auto}
figure.timeline svg{max-width:100%;height:auto}
@media (max-width:40rem){body{padding:.6rem;font-size:.95rem}table{font-size:.85rem}
dl.facts{grid-template-columns:1fr}dl.facts dd{margin:0 0 .3rem}}
@page{size:A4;margin:15mm 12mm}
@media print{body{max-width:none;padding:0;font-size:10pt}
table{font-size:8.5pt}.scroll,figure.timeline{overflow:visible}
thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3,h4,p.label{break-after:avoid;page-break-after:avoid}
h2{break-before:auto}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)";

/// Text as HTML shows it literally, in element content and in quoted attribute values.
std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c; break;
    }
  }
  return out;
}

std::string table_html(const detail::ReportTable& table) {
  std::string out = "<div class=\"scroll\"><table>\n<thead><tr>";
  const auto cell_class = [&](std::size_t column) { return table.numeric[column] ? " class=\"num\"" : ""; };
  for (std::size_t column = 0; column < table.headings.size(); ++column) {
    out += fmt::format("<th scope=\"col\"{}>{}</th>", cell_class(column), html_text(table.headings[column]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const std::string& state = row < table.row_states.size() ? table.row_states[row] : std::string();
    out += state.empty() ? "<tr>" : fmt::format("<tr class=\"{}\">", html_text(state));
    for (std::size_t column = 0; column < table.rows[row].size(); ++column) {
      out += fmt::format("<td{}>{}</td>", cell_class(column), html_text(table.rows[row][column]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

}  // namespace

std::string render_report_html(const Report& report, const ReportOptions& options) {
  const auto blocks = detail::layout_report(report, options.language, !options.timeline_svg.empty());
  std::string title;
  for (const auto& block : blocks) {
    if (block.kind == ReportBlock::Kind::Heading || block.kind == ReportBlock::Kind::Paragraph) {
      title += (title.empty() ? "" : " — ") + block.text;
    }
    if (block.kind == ReportBlock::Kind::Paragraph) break;
  }
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n<main>\n",
      options.language == model::Language::En ? "en" : "vi", html_text(title), kStyle);
  for (const auto& block : blocks) {
    switch (block.kind) {
      case ReportBlock::Kind::Heading:
        out += fmt::format("<h{0}>{1}</h{0}>\n", block.level, html_text(block.text));
        break;
      case ReportBlock::Kind::Paragraph: out += "<p>" + html_text(block.text) + "</p>\n"; break;
      case ReportBlock::Kind::Label: out += "<p class=\"label\">" + html_text(block.text) + "</p>\n"; break;
      case ReportBlock::Kind::Facts:
        out += "<dl class=\"facts\">\n";
        for (const auto& [label, value] : block.facts) {
          out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", html_text(label), html_text(value));
        }
        out += "</dl>\n";
        break;
      case ReportBlock::Kind::Table: out += table_html(block.table); break;
      case ReportBlock::Kind::Timeline:
        // Trusted output of cchc's own timeline renderer (see ReportOptions), so it goes in unescaped.
        out += "<figure class=\"timeline\">\n<figcaption>" + html_text(block.text) + "</figcaption>\n" +
               options.timeline_svg + "\n</figure>\n";
        break;
    }
  }
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace cchc::render
