#include <cctype>
#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"

namespace cchc::render {

namespace {

using detail::Column;

/// Cell text that Markdown shows literally: every character that could start
/// emphasis, code, a link, raw HTML, an entity, an emoji or strikethrough is backslash-escaped,
/// and `|` cannot end the cell. Line breaks become spaces so pandoc keeps the row whole.
std::string escape_cell(std::string_view raw) {
  const std::string text = detail::one_line(raw);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
      case '>':
      case '~':
      case '&': out += '\\'; break;
      case '#':
        if (i == 0) out += '\\';
        break;
      case ':':
        // pandoc's gfm reader turns ":smile:" into an emoji; a colon before a word character could start one.
        if (i + 1 < text.size() && (std::isalnum(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_' ||
                                    text[i + 1] == '+' || text[i + 1] == '-')) {
          out += '\\';
        }
        break;
      default: break;
    }
    out += c;
  }
  return out;
}

std::string cell_text(Column column, const evaluate::Item& item, model::Language language) {
  switch (column) {
    case Column::Plan: return item.plan_id;
    case Column::No: return detail::number_cell(item);
    case Column::Task: return item.rollup ? detail::title_cell(item, language) : item.title;
    case Column::Lead: return detail::lead_cell(item);
    case Column::Support: return {};
    case Column::Due: return detail::due_cell(item, language);
    case Column::State: return state_label(item.state, language);
    case Column::Days: return detail::days_cell(item);
  }
  return {};
}

std::string table_row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const auto& cell : cells) row += " " + cell + " |";
  return row + "\n";
}

}  // namespace

std::string render_markdown(const std::vector<evaluate::Item>& items, const Options& options) {
  const model::Language language = options.language;
  if (items.empty()) return detail::empty_list_text(options);

  const std::vector<Column> columns = detail::list_columns(items);

  std::vector<std::string> headings;
  std::vector<std::string> delimiters;
  for (const Column column : columns) {
    headings.push_back(escape_cell(detail::heading(column, language)));
    delimiters.emplace_back(column == Column::Days ? "---:" : "---");
  }
  std::string out = table_row(headings) + table_row(delimiters);
  for (const auto& item : items) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const Column column : columns) cells.push_back(escape_cell(cell_text(column, item, language)));
    out += table_row(cells);
  }
  out += "\n" + escape_cell(detail::counts_line(items, language)) + "\n";
  return out;
}

}  // namespace cchc::render
