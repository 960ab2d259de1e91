#include <algorithm>
#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"
#include "util/text.hpp"

namespace cchc::render {

namespace {

using detail::Column;

constexpr int kGap = 2;             ///< spaces between columns
constexpr int kMinTitleWidth = 20;  ///< the title column never gets narrower than this
constexpr int kIndentPerDepth = 2;

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";

/// The ANSI colour of a state, or "" for states shown plain.
const char* state_color(evaluate::State state) {
  switch (state) {
    case evaluate::State::Overdue: return "\x1b[31m";
    case evaluate::State::DueToday:
    case evaluate::State::DueSoon: return "\x1b[33m";
    case evaluate::State::Done: return "\x1b[32m";
    case evaluate::State::DoneLate: return "\x1b[35m";
    case evaluate::State::Cancelled: return "\x1b[2m";
    default: return "";
  }
}

/// One item's cells, in the order of the table's columns.
struct Row {
  std::vector<std::string> cells;
  int indent = 0;
  evaluate::State state = evaluate::State::NoDeadline;
};

std::string cell_text(Column column, const evaluate::Item& item, model::Language language) {
  switch (column) {
    case Column::Plan: return detail::one_line(item.plan_id);
    case Column::No: return detail::number_cell(item);
    case Column::Task: return detail::one_line(item.title);
    case Column::Lead: return detail::lead_cell(item);
    case Column::Support: return {};
    case Column::Due: return detail::due_cell(item, language);
    case Column::State: return state_label(item.state, language);
    case Column::Days: return detail::days_cell(item);
  }
  return {};
}

std::string align(std::string_view text, int width, bool right) {
  if (!right) return util::pad_to_width(text, width);
  const int missing = std::max(0, width - util::display_width(text));
  return std::string(static_cast<std::size_t>(missing), ' ') + std::string(text);
}

}  // namespace

std::string render_table(const std::vector<evaluate::Item>& items, const Options& options) {
  const model::Language language = options.language;
  if (items.empty()) {
    // The overdue list feeds cron mail: nothing overdue must mean no output at all.
    return options.view == View::Overdue ? "" : detail::no_tasks_text(language) + "\n";
  }

  std::vector<Column> columns;
  if (detail::from_several_plans(items)) columns.push_back(Column::Plan);
  for (const Column column : {Column::No, Column::Task, Column::Lead, Column::Due, Column::State, Column::Days}) {
    columns.push_back(column);
  }
  const auto task_index = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), Column::Task) -
                                                   columns.begin());

  std::vector<Row> rows;
  for (const auto& item : items) {
    Row row;
    for (const Column column : columns) row.cells.push_back(cell_text(column, item, language));
    row.indent = kIndentPerDepth * std::max(0, item.depth);
    row.state = item.state;
    rows.push_back(std::move(row));
  }

  std::vector<int> widths;
  for (const Column column : columns) widths.push_back(util::display_width(detail::heading(column, language)));
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const int indent = c == task_index ? row.indent : 0;
      widths[c] = std::max(widths[c], indent + util::display_width(row.cells[c]));
    }
  }

  // Only the title wraps: every other column keeps its natural width.
  int others = kGap * static_cast<int>(columns.size() - 1);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c != task_index) others += widths[c];
  }
  if (options.width > 0) {
    widths[task_index] = std::min(widths[task_index], std::max(kMinTitleWidth, options.width - others));
  }
  const int title_width = widths[task_index];
  const int total_width = others + title_width;

  const std::string gap(kGap, ' ');
  std::string out;

  std::string header;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) header += gap;
    header += align(detail::heading(columns[c], language), widths[c], columns[c] == Column::Days);
  }
  out += options.color ? kBold + header + kReset : header;
  out += '\n';

  std::string rule;
  for (int i = 0; i < total_width; ++i) rule += "─";
  out += rule + '\n';

  for (const auto& row : rows) {
    const int indent = std::min(row.indent, title_width / 2);
    const auto title_lines = util::wrap_to_width(row.cells[task_index], title_width - indent);
    for (std::size_t line = 0; line < title_lines.size(); ++line) {
      std::string text;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c > 0) text += gap;
        const Column column = columns[c];
        if (column == Column::Task) {
          text += util::pad_to_width(std::string(static_cast<std::size_t>(indent), ' ') + title_lines[line],
                                     widths[c]);
          continue;
        }
        const std::string cell = align(line == 0 ? row.cells[c] : "", widths[c], column == Column::Days);
        const char* color = state_color(row.state);
        const bool colored = options.color && *color && line == 0 && (column == Column::State || column == Column::Days);
        text += colored ? color + cell + kReset : cell;
      }
      out += text + '\n';
    }
  }

  out += detail::counts_line(items, language) + '\n';
  return out;
}

}  // namespace cchc::render
