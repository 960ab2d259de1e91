#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"
#include "util/date.hpp"

// The progress report of `cchc report`: first a model (what goes in which part, the counts and shares),
// computed by a pure function, then one renderer per format, so Markdown and HTML say the same thing.
namespace cchc::render {

/// How the tasks of a plan split as of the report's day. Every counted task falls in exactly one of the
/// five groups, so the shares add up to 100 %. Counted are the plan's tasks except groupings whose deadline
/// only comes from their subtasks (they would count the same work twice) and cancelled tasks.
struct ReportShares {
  int counted = 0;       ///< the base of every share
  int done_on_time = 0;  ///< state done: finished on or before the deadline
  int done_late = 0;     ///< state done-late: finished after the deadline
  int overdue = 0;       ///< not finished, the deadline has passed
  int not_yet_due = 0;   ///< not finished, the deadline is today or later (due today, due soon, in progress, upcoming)
  int undated = 0;       ///< ongoing ("Thường xuyên") or without a deadline: no date to be on time for

  /// `part` as a whole percent of `counted`, rounded half up; 0 when nothing is counted.
  int percent(int part) const;
};

/// One agency's part of the report (the plan's "Tổ chức thực hiện" view): what it leads and what it
/// supports, each in number order.
struct AgencyPart {
  std::string agency_id;
  std::string name;
  std::vector<evaluate::Item> leads;
  std::vector<evaluate::Item> supports;
};

/// One part of the report outline (`sections:`): who owes it, which tasks it reports on, whether it arrived.
struct OutlinePart {
  evaluate::Item section;          ///< its lead, derived deadline, state and done date
  std::vector<std::string> tasks;  ///< task numbers, as written under the section
  bool arrived = false;            ///< done (on time or late): the part has been handed in
};

/// With --rollup: a plan below the reported one (at any depth), with what it and the plans below it have done.
struct PlanBelow {
  evaluate::Item row;       ///< its Plan row from evaluate::rollup_view: counts in `rollup`, the issuer as lead_name
  std::string carries_out;  ///< the task its `parent:` names, as "plan-id:task"
};

/// Everything the report says about one plan.
struct PlanReport {
  std::string plan_id;
  std::string title;
  std::string issuer;
  std::string number;                       ///< "/KH-UBND"; may be empty
  std::optional<util::PartialDate> issued;  ///< the plan's date
  model::PlanStatus status = model::PlanStatus::Draft;
  std::vector<std::pair<evaluate::State, int>> counts;  ///< counted tasks plus cancelled ones, per state (all states)
  ReportShares shares;
  std::vector<evaluate::Item> overdue;   ///< most days late first, then in number order
  std::vector<evaluate::Item> due_soon;  ///< due today, then due soon; earliest first
  std::vector<AgencyPart> agencies;      ///< agencies that lead at least one task, in the plan's agency order
  std::vector<OutlinePart> outline;      ///< in the plan's section order
  std::vector<evaluate::Item> tasks;     ///< every task, in number order (see in_number_order)
  std::vector<PlanBelow> plans_below;    ///< --rollup only: in tree order, each under the plan it reports to
};

struct Report {
  util::Date today;
  std::vector<PlanReport> plans;  ///< in the order the plans were given
};

/// The report of `plans` as of `today`. `items[i]` are the evaluated (and possibly filtered) items of
/// `*plans[i]`: tasks and sections as evaluate::evaluate_plan gives them. Pure.
Report build_report(const std::vector<const model::Plan*>& plans, const std::vector<std::vector<evaluate::Item>>& items,
                    util::Date today);

/// `tasks` (one plan's, in document order: each task followed by its subtasks) with siblings in number
/// order: when all siblings are numbered in digits they go by value (3.2 before 3.10), when all are Roman
/// numerals likewise (II before IX); other numbering (letters, a mix of "3" and "II") keeps the plan's order.
/// Each task stays followed by its own subtasks. Pure.
std::vector<evaluate::Item> in_number_order(const std::vector<evaluate::Item>& tasks);

struct ReportOptions {
  model::Language language = model::Language::Vi;
  /// A complete <svg> element drawn by the timeline renderer, embedded as is in the HTML report under its
  /// own heading; empty for no timeline. It must be trusted output of cchc's renderer, never user text.
  std::string timeline_svg;
};

/// The report as GitHub-flavoured Markdown: headings and pipe tables that pandoc turns into Word headings
/// and tables. Every text from the plan is escaped so it shows literally.
std::string render_report_markdown(const Report& report, const ReportOptions& options);

/// The report as one self-contained HTML page: inline CSS, no script, nothing fetched; tables scroll
/// sideways on a phone and the page prints on A4. Every text from the plan is escaped.
std::string render_report_html(const Report& report, const ReportOptions& options);

}  // namespace cchc::render
