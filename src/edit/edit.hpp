#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/date.hpp"

namespace cchc::edit {

/// What a command does to one task or section.
enum class Action {
  Done,      ///< status: done, done: <date>, optionally evidence; progress 100 when progress is kept
  Start,     ///< status: doing (a done date is removed)
  Cancel,    ///< status: cancelled, reason: <text> (a done date is removed)
  Reopen,    ///< status: todo (a done date is removed)
  Progress,  ///< progress: <percent>; a task still 'todo' becomes 'doing'
};

/// One change asked for on the command line.
struct Request {
  Action action = Action::Done;
  std::string id;                     ///< a task's full path ("3.1"), or a section's id when `section` is set
  bool section = false;               ///< the id names a section, not a task
  util::Date on;                      ///< Done: the completion date
  std::vector<std::string> evidence;  ///< Done: when not empty, replaces the evidence
  std::string reason;                 ///< Cancel: why
  int percent = 0;                    ///< Progress: 0–100
};

/// The new text of the file and a one-line account of what changed.
struct Edited {
  std::string text;
  bool changed = false;  ///< false when the item was already in the asked state (text is then the input)
  std::string summary;   ///< "task 3.1: status todo → done; done 2020-04-28; evidence added"
};

/// Why the change was not made; the file must not be written.
struct Refusal {
  std::string message;
  std::string hint;
};

using Result = std::variant<Edited, Refusal>;

/// Applies `request` to the text of one plan file. Only the lines of the item's own keys change; every
/// other byte (comments, order, quoting, blank lines, line ends, Unicode forms) stays. The result is read
/// again and refused unless it loads with no new errors, the item has exactly the asked values, and every
/// other value of the file reads exactly as before. Pure: no I/O; `file` only labels messages.
Result apply(std::string_view text, const std::string& file, const Request& request);

/// The first and last line (1-based) of a task's or section's block in `text`, its subtasks included;
/// nullopt when the text does not hold exactly one such item. Pure.
std::optional<std::pair<int, int>> item_lines(std::string_view text, const std::string& id, bool section);

/// The unified diff (3 lines of context) from `before` to `after`, or an empty string when they are equal.
/// Lines are shown without their line ends.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& label);

}  // namespace cchc::edit
