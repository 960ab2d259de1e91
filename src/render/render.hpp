#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace cchc::render {

enum class Format { Table, Markdown, Csv, Json };

/// Which command's list is being shown: it changes headings and empty-list text.
enum class View { Status, Overdue, Upcoming };

struct Options {
  model::Language language = model::Language::Vi;
  bool color = false;  ///< ANSI colour; only on a terminal and never with NO_COLOR
  int width = 100;     ///< terminal columns available to the table
  View view = View::Status;
  /// Indent subtasks under their parent; off when rows are not in document order.
  bool indent_by_depth = true;
  /// --by plan or unit: the rows come grouped (evaluate::group_rows), and each group gets a heading.
  evaluate::Grouping grouping = evaluate::Grouping::None;
  util::Date today;
};

/// Renders already selected and sorted items. Each returns the complete text;
/// callers decide where it goes.
std::string render_table(const std::vector<evaluate::Item>& items, const Options& options);
std::string render_markdown(const std::vector<evaluate::Item>& items, const Options& options);
std::string render_csv(const std::vector<evaluate::Item>& items, const Options& options);
/// The documented JSON contract: {"today": …, "items": [{"plan", "id", "title",
/// "lead", "support", "due", "due_text", "state", "days", "status", …}]}.
std::string render_json(const std::vector<evaluate::Item>& items, const Options& options);

std::string render(Format format, const std::vector<evaluate::Item>& items, const Options& options);

/// Where a rendering hands its text, a piece at a time (the CLI writes each piece out as it comes).
using Sink = std::function<void(std::string_view)>;

/// As render_table, handing the text to `write` in pieces of about 64 KiB, so that a long table is never held
/// whole; the pieces joined are render_table's text.
void render_table_to(const std::vector<evaluate::Item>& items, const Options& options, const Sink& write);

/// As render, handing the text to `write`: in pieces for the table, whole for the other formats.
void render_to(Format format, const std::vector<evaluate::Item>& items, const Options& options, const Sink& write);

/// The label of a state in the chosen language ("quá hạn" / "overdue").
std::string state_label(evaluate::State state, model::Language language);

/// A diagnostic as a compiler prints it:
///   file:line:col: error: message
///     12 |     lead: snvv
///        |           ^
///   hint: did you mean 'snv'?
/// `source` is the whole text of the file (may be empty when unknown). Raw
/// control bytes of the source are shown escaped, never sent to the terminal.
std::string format_diagnostic(const util::Diagnostic& diagnostic, std::string_view source, bool color);

}  // namespace cchc::render
