#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"
#include "util/boxed.hpp"
#include "util/date.hpp"

namespace cchc::evaluate {

/// The one state each task has on a given day.
enum class State {
  Overdue,     ///< not done, past its deadline
  DueToday,    ///< not done, due today
  DueSoon,     ///< not done, due within the "soon" window
  InProgress,  ///< not done, inside its window (a period or range that has begun), not yet due soon
  Upcoming,    ///< not done, due later
  Ongoing,     ///< continuous work ("Thường xuyên"), never overdue
  NoDeadline,  ///< no deadline at all, neither its own nor from children
  DoneLate,    ///< done after its deadline
  Done,        ///< done on time
  Cancelled,
  /// not done, and its deadline has no date yet: it waits for an event ("Sau khi có Quy chế của TW"), for
  /// the plan's issue, or for another task to be done. Never overdue.
  Waiting,
};

/// What a waiting item waits for.
struct WaitingFor {
  enum class Kind {
    None,
    Event,       ///< `text` is the wording: "Sau khi có Quy chế của TW", "nhận"
    Task,        ///< `text` is the task's full number: "3.1"
    PlanIssued,  ///< the plan's full issue date (`plan: date:` with the day)
  };
  Kind kind = Kind::None;
  std::string_view text;  ///< refers into the plan, as an Item's text does
};

/// The label scripts see: "done-late", "due-soon", …
const char* to_string(State state);
std::optional<State> parse_state(std::string_view text);
const std::vector<State>& all_states();

/// Task and Section are rows of one plan; Plan is a row standing for a whole plan that implements the task
/// above it (only in a rolled-up view, see rollup.hpp).
enum class ItemKind { Task, Section, Plan };

/// What the plans implementing a task add up to (`--rollup`; see rollup.hpp).
struct Rollup {
  std::vector<std::string> plans;             ///< ids of the plans that implement the task directly, sorted
  int plans_below = 0;                        ///< every plan counted: those and the plans below them
  int tasks = 0;                              ///< tasks counted (leaf tasks only: a heading is the sum of its rows)
  int done = 0;                               ///< of those, done or done late
  std::vector<std::pair<State, int>> counts;  ///< tasks per state, in all_states() order; states with none left out
  State own_state = State::NoDeadline;        ///< the row's state before the rollup
};

/// One occurrence of a recurring deadline ("2021", "2022-Q2"), with its own state.
struct OccurrenceState {
  std::string label;
  std::optional<util::Date> start;
  util::Date due;
  model::TaskStatus status = model::TaskStatus::Todo;
  std::optional<util::Date> done;
  State state = State::Upcoming;
  std::optional<long> days;
};

/// One task (or report section) of one plan, evaluated against today.
///
/// Lifetime: the text an item shows from its plan (plan_id, file, id, title, lead, lead_name, support,
/// support_names, due_text, waiting_for.text) is not copied but refers into the model::Plan the item was
/// evaluated from: a list of 10 000 tasks would otherwise hold every title and name again, and copy them each
/// time rows are filtered or sorted. That plan must outlive the item and stay where it is (in the CLI,
/// `Evaluation` owns both the loaded plans and the items). Text computed here (the occurrence label, a rollup's
/// plan ids) is owned.
struct Item {
  ItemKind kind = ItemKind::Task;
  std::string_view plan_id;
  std::string_view plan_title;
  /// The unit that issued the plan (its `issuer`, "Ủy ban nhân dân huyện Cẩm Xuyên"), else the plan's id.
  std::string_view unit;
  std::string_view file;
  std::string_view id;  ///< full path, "3.1"
  std::string_view title;
  std::string_view lead;  ///< agency id, may be empty
  std::string_view lead_name;
  std::vector<std::string_view> support;  ///< agency ids
  std::vector<std::string_view> support_names;
  std::optional<util::Date> due;
  /// First day of the window when the deadline names a period ("2026 - 2030" starts 2026-01-01);
  /// for a derived deadline, the earliest start among the parts.
  std::optional<util::Date> start;
  std::string_view due_text;  ///< the wording, "Trước ngày 30/4/2020"; empty when derived
  bool due_derived = false;   ///< due comes from the children, not from the task itself
  std::optional<util::Date> done;
  model::TaskStatus status = model::TaskStatus::Todo;
  State state = State::NoDeadline;
  WaitingFor waiting_for;  ///< set when the deadline has no date yet (state waiting, or done before it had one)
  /// due − today while open (negative when overdue); due − done when done
  /// (negative when done late); nullopt for ongoing, undated or cancelled work.
  std::optional<long> days;
  int depth = 0;  ///< 0 for top-level tasks
  bool has_children = false;
  std::size_t order = 0;  ///< position in document order across the whole run
  util::SourcePos pos;
  /// For a recurring deadline, the occurrence the item shows ("2021", "2022-Q2"): the earliest one missed, else
  /// the next one due, else the last one; due, start, status, done, state and days are then that occurrence's.
  /// Empty when the deadline does not repeat.
  std::string occurrence;
  /// Every missed occurrence of a recurring deadline, earliest first; `overdue` lists each.
  std::vector<OccurrenceState> late_occurrences;
  /// Set by roll_up on tasks that other plans implement, and on Plan rows; boxed, as few rows have one.
  util::Boxed<Rollup> rollup;
};

struct Options {
  int soon_days = 14;  ///< "due soon" means due within this many days from today
  /// When set, evaluate_plan returns only the items it keeps (each is evaluated all the same, and the others'
  /// deadlines and completions count as always): a list that shows a few of 100 000 rows need not hold them all.
  std::function<bool(const Item&)> keep;
};

/// Every task and section of `plan` (or those `options.keep` keeps), in document order, with its state on
/// `today`; Item::order numbers all of them, kept or not, from 0 to item_count(plan) - 1.
/// Pure: depends only on its arguments. The items refer into `plan` (see Item), which must outlive them.
std::vector<Item> evaluate_plan(const model::Plan& plan, util::Date today, const Options& options = {});
/// A temporary plan would leave its items pointing at freed text.
std::vector<Item> evaluate_plan(model::Plan&& plan, util::Date today, const Options& options = {}) = delete;

/// How many items evaluate_plan makes of `plan` before any is left out: one per task and per section.
std::size_t item_count(const model::Plan& plan);

/// `items` with each item that has missed occurrences replaced by one overdue row per missed occurrence, so
/// the overdue list names every one that is late ("2021", "2022"). Takes the items to reuse them: pass them with
/// std::move unless they are needed afterwards.
std::vector<Item> one_row_per_late_occurrence(std::vector<Item> items);

/// The unit a plan's rows are grouped under by --by unit: its issuer, else its id.
std::string_view plan_unit(const model::Plan& plan);

/// How the list commands group their rows with --by.
enum class Grouping { None, Plan, Unit };

/// The key rows are grouped by: the plan's id, or its unit.
std::string_view group_key(const Item& item, Grouping grouping);

/// Moves the rows of each group together, groups in document order (of their earliest row), rows in their
/// given order within a group. Pure.
void group_rows(std::vector<Item>& items, Grouping grouping);

/// Which items a command shows.
struct Filter {
  std::vector<std::string> leads;     ///< agency ids; item's lead must be one of them
  std::vector<std::string> agencies;  ///< agency ids; item's lead or support must be one of them
  std::vector<std::string> plans;     ///< plan ids
  std::vector<State> states;
  bool actionable_only = false;  ///< drop groupings whose deadline only comes from children
  bool include_sections = true;
};

/// The items that pass `filter`, in their order; copies only those.
std::vector<Item> select(const std::vector<Item>& items, const Filter& filter);
/// The same, filtering `items` in place instead of copying the rows that pass.
std::vector<Item> select(std::vector<Item>&& items, const Filter& filter);

/// Overdue first (most late first), then due today, due soon, in progress, upcoming, ongoing, waiting,
/// undated, then done and cancelled; document order within a state.
void sort_by_urgency(std::vector<Item>& items);

/// Counts per state, in the order of `all_states()`.
std::vector<std::pair<State, int>> count_states(const std::vector<Item>& items);

}  // namespace cchc::evaluate
