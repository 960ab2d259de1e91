#include <algorithm>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"
#include "util/text.hpp"

namespace cchc::render {

namespace {

using detail::Column;

constexpr int kGap = 2;                     ///< spaces between columns
constexpr int kMinTitleWidth = 20;          ///< the title column never gets narrower than this
constexpr int kComfortableTitleWidth = 40;  ///< below this the lead column gives way first
constexpr int kMinLeadWidth = 16;
constexpr int kMaxDueMinWidth = 24;  ///< a due wording longer than this may wrap
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

/// The text of one cell before it is fitted to its column's width.
struct Cell {
  std::string text;     ///< on one line
  int width = 0;        ///< display width of `text`, measured once
  std::string date;     ///< Due only: the date part, shown alone on the first line when the column is narrow
  std::string wording;  ///< Due only: "(Trước ngày 30/4/2020)", may go to the next lines
  int indent = 0;       ///< Task only: columns before the title
};

/// One line of a cell as fitted to its column: `indent` spaces, then `text` (a part of one of the cell's texts, or
/// of a line kept in LineRoom::spare); `width` counts both.
struct Line {
  std::string_view text;
  int width = 0;
  int indent = 0;
};

Cell make_cell(Column column, const evaluate::Item& item, const Options& options, bool qualified) {
  const model::Language language = options.language;
  Cell cell;
  switch (column) {
    case Column::Plan: cell.text = detail::one_line(item.plan_id); break;
    case Column::No: cell.text = detail::number_cell(item, qualified); break;
    case Column::Task:
      cell.text = detail::title_cell(item, language);
      cell.indent = options.indent_by_depth ? kIndentPerDepth * std::max(0, item.depth) : 0;
      break;
    case Column::Lead: cell.text = detail::lead_cell(item); break;
    case Column::Support: break;
    case Column::Due:
      cell.text = detail::due_cell(item, language);
      if (item.due) {
        cell.date = detail::date_text(*item.due, language);
        if (!item.occurrence.empty()) cell.date += " [" + detail::one_line(item.occurrence) + "]";
        if (cell.text.size() > cell.date.size()) cell.wording = cell.text.substr(cell.date.size() + 1);
      }
      break;
    case Column::State: cell.text = state_label(item.state, language); break;
    case Column::Days: cell.text = detail::days_cell(item); break;
  }
  cell.width = util::display_width(cell.text);
  return cell;
}

/// Room for the lines of one row, reused from row to row: texts wrapped into new strings (a deque, whose strings
/// never move while lines point into them), and the lines of one text as wrapping makes them.
struct LineRoom {
  std::deque<std::string> spare;
  std::vector<util::WrappedLine> wrapped;
};

/// Appends the lines of `text` wrapped to `width` columns to `lines`, each after `indent` spaces. A text whose words
/// are one space apart (nearly every title) is wrapped in place; any other is wrapped into new strings, kept in
/// `room.spare`.
void wrap_into(std::string_view text, int width, int indent, std::vector<Line>& lines, LineRoom& room) {
  room.wrapped.clear();
  if (!util::wrap_in_place(text, width, room.wrapped)) {
    for (auto& line : util::wrap_to_width(text, width)) {
      const std::string& kept = room.spare.emplace_back(std::move(line));
      room.wrapped.push_back({kept, util::display_width(kept)});
    }
  }
  for (const auto& line : room.wrapped) lines.push_back({line.text, indent + line.width, indent});
}

/// The lines of `cell` in a column `width` wide, in `lines` (emptied first); none is wider than `width` unless a
/// single character is.
void fit(Column column, const Cell& cell, int width, std::vector<Line>& lines, LineRoom& room) {
  lines.clear();
  if (cell.width + cell.indent <= width) {
    lines.push_back({cell.text, cell.indent + cell.width, cell.indent});
    return;
  }
  switch (column) {
    case Column::Task: {
      const int indent = std::min(cell.indent, width / 2);
      wrap_into(cell.text, width - indent, indent, lines, room);
      return;
    }
    case Column::Due:
      if (cell.date.empty()) {
        wrap_into(cell.text, width, 0, lines, room);
      } else {
        lines.push_back({cell.date, util::display_width(cell.date), 0});
        wrap_into(cell.wording, width, 0, lines, room);
      }
      return;
    case Column::Lead: wrap_into(cell.text, width, 0, lines, room); return;
    default: lines.push_back({cell.text, cell.width, 0}); return;
  }
}

/// What the first pass over a table's items learns of one column: how wide its cells are, and how narrow the Due
/// column may become (its widest date, or its widest wording up to kMaxDueMinWidth).
struct ColumnMeasure {
  int natural = 0;
  int due_minimum = 0;

  void add(Column column, const Cell& cell) {
    natural = std::max(natural, cell.indent + cell.width);
    if (column != Column::Due) return;
    due_minimum = std::max(due_minimum, cell.date.empty()
                                            ? std::min(cell.width, kMaxDueMinWidth)
                                            : std::max(util::display_width(cell.date),
                                                       std::min(util::display_width(cell.wording), kMaxDueMinWidth)));
  }
};

/// The narrowest a column may become when the table must shrink.
int minimum_width(Column column, const ColumnMeasure& measure, int natural) {
  switch (column) {
    case Column::Task: return std::min(natural, kMinTitleWidth);
    case Column::Lead: return std::min(natural, kMinLeadWidth);
    case Column::Due: return std::min(natural, measure.due_minimum);
    default: return natural;
  }
}

std::string align(std::string_view text, int width, bool right) {
  if (!right) return util::pad_to_width(text, width);
  const int missing = std::max(0, width - util::display_width(text));
  return std::string(static_cast<std::size_t>(missing), ' ') + std::string(text);
}

/// Appends `line` to `out`, padded with spaces to `width` on the left (`right`) or on the right.
void append_aligned(std::string& out, const Line& line, int width, bool right) {
  const auto padding = static_cast<std::size_t>(std::max(0, width - line.width));
  if (right) out.append(padding, ' ');
  out.append(static_cast<std::size_t>(line.indent), ' ');
  out += line.text;
  if (!right) out.append(padding, ' ');
}

/// Text written to a Sink in pieces of about kPieceBytes: a long table is never held whole (the overdue table of
/// 100 000 tasks is 3 MB, at the end of a run that holds the whole plan; issue 8, peak memory).
class PieceWriter {
 public:
  explicit PieceWriter(const Sink& sink) : m_sink(sink) { m_text.reserve(kPieceBytes + kPieceBytes / 4); }
  PieceWriter(const PieceWriter&) = delete;
  PieceWriter& operator=(const PieceWriter&) = delete;
  ~PieceWriter() { flush(); }

  /// The text not written yet, to append to.
  std::string& text() { return m_text; }
  /// Writes the text once it is a piece long; called between rows.
  void piece_done() {
    if (m_text.size() >= kPieceBytes) flush();
  }
  void flush() {
    if (m_text.empty()) return;
    m_sink(m_text);
    m_written = true;
    m_text.clear();
  }
  bool empty() const { return !m_written && m_text.empty(); }

 private:
  static constexpr std::size_t kPieceBytes = 64u << 10;
  const Sink& m_sink;
  std::string m_text;
  bool m_written = false;
};

/// The header, rule and rows of one table of `items` (not empty), written to `writer`; `qualified`: numbers as
/// plan-id:number.
void table_block(const detail::ItemRefs& items, const Options& options, bool qualified, PieceWriter& writer) {
  const model::Language language = options.language;

  const std::vector<Column> columns = detail::list_columns();
  const auto index_of = [&columns](Column column) {
    return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), column) - columns.begin());
  };

  // Two passes over the items, each making a row's cells and dropping them: the first measures the columns, the
  // second writes the rows. Kept from the first pass for the second, every cell's texts took several times the
  // table's own size (4.2 MB for a table of 1 MB, of 5 000 overdue tasks: issue 8, peak memory).
  std::vector<ColumnMeasure> measures(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    measures[c].natural = util::display_width(detail::heading(columns[c], language));
  }
  for (const evaluate::Item* item : items) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      measures[c].add(columns[c], make_cell(columns[c], *item, options, qualified));
    }
  }
  std::vector<int> widths;
  widths.reserve(columns.size());
  for (const auto& measure : measures) widths.push_back(measure.natural);

  // Too wide for the terminal: the due wording moves under its date first, then the
  // title gives way down to a comfortable width, then the lead, then the title again
  // down to its minimum. Number, state and days never wrap.
  if (options.width > 0) {
    int total = kGap * static_cast<int>(columns.size() - 1);
    for (const int width : widths) total += width;
    const auto shrink = [&](Column column, int floor) {
      const std::size_t c = index_of(column);
      const int excess = total - options.width;
      const int room = widths[c] - std::max(floor, minimum_width(column, measures[c], widths[c]));
      const int cut = std::clamp(excess, 0, std::max(room, 0));
      widths[c] -= cut;
      total -= cut;
    };
    shrink(Column::Due, 0);
    shrink(Column::Task, kComfortableTitleWidth);
    shrink(Column::Lead, 0);
    shrink(Column::Task, 0);
  }
  int total_width = kGap * static_cast<int>(columns.size() - 1);
  for (const int width : widths) total_width += width;

  const std::string gap(kGap, ' ');
  std::string& out = writer.text();

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

  const Line blank;
  // Reused from row to row: a row's lines are appended to `out` before the next row is fitted.
  std::vector<std::vector<Line>> cell_lines(columns.size());
  LineRoom line_room;
  std::vector<Cell> cells(columns.size());
  for (const evaluate::Item* item : items) {
    std::size_t height = 1;
    line_room.spare.clear();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      cells[c] = make_cell(columns[c], *item, options, qualified);
      fit(columns[c], cells[c], widths[c], cell_lines[c], line_room);
      height = std::max(height, cell_lines[c].size());
    }
    const char* color = state_color(item->state);
    for (std::size_t line = 0; line < height; ++line) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c > 0) out += gap;
        const Column column = columns[c];
        const Line& part = line < cell_lines[c].size() ? cell_lines[c][line] : blank;
        const bool colored =
            options.color && *color && !part.text.empty() && (column == Column::State || column == Column::Days);
        if (colored) out += color;
        append_aligned(out, part, widths[c], column == Column::Days);
        if (colored) out += kReset;
      }
      out += '\n';
    }
    writer.piece_done();
  }
}

}  // namespace

std::string render_table(const std::vector<evaluate::Item>& items, const Options& options) {
  std::string text;
  render_table_to(items, options, [&text](std::string_view piece) { text += piece; });
  return text;
}

void render_table_to(const std::vector<evaluate::Item>& items, const Options& options, const Sink& write) {
  if (items.empty()) {
    write(detail::empty_list_text(options));
    return;
  }
  const auto bold = [&options](const std::string& text) { return options.color ? kBold + text + kReset : text; };
  const auto groups = detail::groups_of(items, options.grouping);
  // Task 2 of the province and task 2 of a district are different tasks: with several plans, every number says
  // whose it is, in the plan-id:task form that `parent:` links use.
  const bool qualified = groups.size() > 1 || detail::from_several_plans(groups.front());
  PieceWriter writer(write);
  std::string& out = writer.text();
  for (const auto& group : groups) {
    if (options.grouping != evaluate::Grouping::None) {
      if (!writer.empty()) out += '\n';
      out += bold(detail::group_heading(*group.front(), options.grouping, options.language)) + "\n\n";
    }
    // Waiting work has no date to sort or judge by: it is listed apart, after the rest.
    const auto [dated, waiting] = detail::split_waiting(group);
    if (!dated.empty()) table_block(dated, options, qualified, writer);
    if (!waiting.empty()) {
      if (!dated.empty()) out += '\n';
      out += bold(detail::waiting_heading(options.language)) + '\n';
      table_block(waiting, options, qualified, writer);
    }
  }
  out += detail::counts_line(items, options.language) + '\n';
  writer.flush();
}

}  // namespace cchc::render
