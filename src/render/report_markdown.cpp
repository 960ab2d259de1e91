#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/report.hpp"
#include "render/report_layout.hpp"

namespace cchc::render {

namespace {

using detail::ReportBlock;

/// Heading text: as in a table cell, and every `#` escaped too, so a title ending in " #" keeps its `#`
/// instead of it being read as the heading's closing sequence.
std::string heading_text(const std::string& text) {
  const std::string escaped = detail::markdown_text(text);
  std::string out;
  std::size_t backslashes = 0;
  for (const char c : escaped) {
    if (c == '#' && backslashes % 2 == 0) out += '\\';
    backslashes = c == '\\' ? backslashes + 1 : 0;
    out += c;
  }
  return out;
}

std::string table_text(const detail::ReportTable& table) {
  std::vector<std::string> headings;
  std::vector<std::string> delimiters;
  for (std::size_t column = 0; column < table.headings.size(); ++column) {
    headings.push_back(detail::markdown_text(table.headings[column]));
    delimiters.emplace_back(table.numeric[column] ? "---:" : "---");
  }
  std::string out = detail::markdown_row(headings) + detail::markdown_row(delimiters);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const auto& cell : row) cells.push_back(detail::markdown_text(cell));
    out += detail::markdown_row(cells);
  }
  return out;
}

}  // namespace

std::string render_report_markdown(const Report& report, const ReportOptions& options) {
  std::string out;
  for (const auto& block : detail::layout_report(report, options.language, false)) {
    if (!out.empty()) out += '\n';
    switch (block.kind) {
      case ReportBlock::Kind::Heading:
        out += std::string(static_cast<std::size_t>(block.level), '#') + ' ' + heading_text(block.text) + '\n';
        break;
      case ReportBlock::Kind::Paragraph: out += detail::markdown_text(block.text) + '\n'; break;
      case ReportBlock::Kind::Label: out += "**" + detail::markdown_text(block.text) + "**\n"; break;
      case ReportBlock::Kind::Facts:
        for (const auto& [label, value] : block.facts) {
          out += "- **" + detail::markdown_text(label) + ":** " + detail::markdown_text(value) + '\n';
        }
        break;
      case ReportBlock::Kind::Table: out += table_text(block.table); break;
      case ReportBlock::Kind::Timeline: break;  // a picture has no Markdown form here; `cchc timeline` draws one
    }
  }
  return out;
}

}  // namespace cchc::render
