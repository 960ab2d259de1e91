#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"
#include "util/date.hpp"

namespace cchc::stats {

enum class GroupBy { Lead, Plan, Section, Month, Unit };

struct Options {
  GroupBy by = GroupBy::Lead;
  std::optional<util::Date> from;  ///< count tasks due on or after this day
  std::optional<util::Date> to;    ///< count tasks due on or before this day
  /// --by plan or unit: a plan's row also counts the tasks of the plans below it (their `parent:` links, at any
  /// depth), so a district's row is the district with its communes. The total still counts each task once.
  bool rollup = false;
};

/// The counts of one group. Every counted task falls in exactly one of on_time, late, undated, overdue,
/// cancelled and not_yet_due, judged as of `today` with the recorded done dates.
struct Row {
  std::string key;     ///< agency id, plan id, section id, YYYY-MM or unit; "" for tasks without one
  std::string name;    ///< the agency's name, the plan's or section's title; empty for months and units
  int due = 0;         ///< tasks with a dated deadline in the window
  int on_time = 0;     ///< done on or before the deadline (and on or before today)
  int late = 0;        ///< done after the deadline
  long days_late = 0;  ///< sum of the days late of `late`
  int undated = 0;     ///< done, but without a done date: cannot be judged on time
  int overdue = 0;     ///< not done by today, deadline passed
  int cancelled = 0;
  int not_yet_due = 0;  ///< not done by today, deadline today or later

  /// Tasks whose deadline has come: the base of the rates.
  int settled() const { return on_time + late + undated + overdue; }
  /// Percent of settled tasks done (on time, late or undated); nullopt when none is settled.
  std::optional<double> completion_rate() const;
  /// Percent of settled tasks done on time.
  std::optional<double> on_time_rate() const;
  std::optional<double> average_days_late() const;
};

struct Report {
  util::Date today;
  Options options;
  std::vector<Row> rows;  ///< in order of first appearance (months: chronological)
  Row total;              ///< each task once, even when --by section counts it in several sections
  model::Scoring scoring;
};

/// Statistics of `items` (every plan's items, evaluated) as of `today`. Groupings whose deadline only comes
/// from their subtasks, undated and ongoing work, and report sections themselves are not counted. A task
/// done after `today` counts as not done, so a report for a past day gives the same numbers later.
/// `scoring` is the first plan's that states one, else the defaults. Pure.
Report compute(const std::vector<const model::Plan*>& plans, const std::vector<evaluate::Item>& items, util::Date today,
               const Options& options);

enum class Format { Table, Markdown, Csv, Json };

/// The report as text in `format`; `vietnamese` picks the labels of the table and Markdown headings.
std::string render(const Report& report, Format format, bool vietnamese);

}  // namespace cchc::stats
