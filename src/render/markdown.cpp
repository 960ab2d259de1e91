#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"

namespace cchc::render {

namespace {

using detail::Column;

std::string cell_text(Column column, const evaluate::Item& item, model::Language language, bool qualified) {
  switch (column) {
    case Column::Plan: return std::string(item.plan_id);
    case Column::No: return detail::number_cell(item, qualified);
    case Column::Task: return item.rollup ? detail::title_cell(item, language) : std::string(item.title);
    case Column::Lead: return detail::lead_cell(item);
    case Column::Support: return {};
    case Column::Due: return detail::due_cell(item, language);
    case Column::State: return state_label(item.state, language);
    case Column::Days: return detail::days_cell(item);
  }
  return {};
}

/// One GFM table of `items` (not empty).
std::string table_block(const detail::ItemRefs& items, model::Language language, bool qualified) {
  const std::vector<Column> columns = detail::list_columns();

  std::vector<std::string> headings;
  std::vector<std::string> delimiters;
  for (const Column column : columns) {
    headings.push_back(detail::markdown_text(detail::heading(column, language)));
    delimiters.emplace_back(column == Column::Days ? "---:" : "---");
  }
  std::string out = detail::markdown_row(headings) + detail::markdown_row(delimiters);
  for (const evaluate::Item* item : items) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const Column column : columns)
      cells.push_back(detail::markdown_text(cell_text(column, *item, language, qualified)));
    out += detail::markdown_row(cells);
  }
  return out;
}

}  // namespace

std::string render_markdown(const std::vector<evaluate::Item>& items, const Options& options) {
  const model::Language language = options.language;
  if (items.empty()) return detail::empty_list_text(options);
  const auto groups = detail::groups_of(items, options.grouping);
  const bool qualified = groups.size() > 1 || detail::from_several_plans(groups.front());  // as in the table
  std::string out;
  for (const auto& group : groups) {
    if (options.grouping != evaluate::Grouping::None) {
      if (!out.empty()) out += '\n';
      out += "## " + detail::markdown_text(detail::group_heading(*group.front(), options.grouping, language)) + "\n\n";
    }
    // As in the terminal table: waiting work is listed apart, under its own heading.
    const auto [dated, waiting] = detail::split_waiting(group);
    if (!dated.empty()) out += table_block(dated, language, qualified);
    if (!waiting.empty()) {
      if (!dated.empty()) out += '\n';
      out += "### " + detail::markdown_text(detail::waiting_heading(language)) + "\n\n";
      out += table_block(waiting, language, qualified);
    }
  }
  out += "\n" + detail::markdown_text(detail::counts_line(items, language)) + "\n";
  return out;
}

}  // namespace cchc::render
