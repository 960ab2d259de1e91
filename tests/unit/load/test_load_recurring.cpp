#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "load/load.hpp"

using namespace cchc;
using model::Frequency;
using model::TaskStatus;
using util::Date;
using util::SourcePos;

namespace {

std::string dump(const util::Diagnostics& diagnostics) {
  std::ostringstream out;
  for (const auto& d : diagnostics) out << d.pos.line << ":" << d.pos.column << " [" << d.check << "] " << d.message;
  return out.str();
}

/// A plan with `plan_extra` lines in its `plan:` block and one task whose lines after the title are `task`.
std::string plan_text(const std::string& plan_extra, const std::string& task) {
  return "cchc: 1\nplan:\n  id: p\n  title: T\n" + plan_extra + "tasks:\n  - id: \"1\"\n    title: Báo cáo\n" + task;
}

model::Plan load_clean(const std::string& text) {
  load::LoadResult result = load::load_plan(text, "plan.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.plan.has_value());
  return std::move(*result.plan);
}

util::Diagnostic load_one_problem(const std::string& text) {
  const load::LoadResult result = load::load_plan(text, "plan.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics[0];
}

}  // namespace

TEST_CASE("plan period: a range, one year or a map") {
  CHECK(load_clean(plan_text("  period: 2021 - 2030\n", "")).period->value.to == 2030);
  CHECK(load_clean(plan_text("  period: 2021-2030\n", "")).period->value.from == 2021);
  const model::Plan one = load_clean(plan_text("  period: 2025\n", ""));
  CHECK(one.period->value.from == 2025);
  CHECK(one.period->value.to == 2025);
  const model::Plan map = load_clean(plan_text("  period: {from: 2021, to: 2025}\n", ""));
  CHECK(map.period->value.to == 2025);
  CHECK(map.period->pos == SourcePos{5, 11});
  CHECK_FALSE(load_clean(plan_text("", "")).period.has_value());
}

TEST_CASE("a bad plan period is a located error") {
  auto problem = load_one_problem(plan_text("  period: 2030 - 2021\n", ""));
  CHECK(problem.message == "the period ends (2021) before it begins (2030)");
  CHECK(problem.pos == SourcePos{5, 11});
  problem = load_one_problem(plan_text("  period: 2021 - 3021\n", ""));
  CHECK(problem.message == "the period 2021 - 3021 covers 1001 years; a plan covers at most 50");
  problem = load_one_problem(plan_text("  period: mười năm\n", ""));
  CHECK(problem.message == "cannot read the period 'mười năm'");
  problem = load_one_problem(plan_text("  period: {from: 2021}\n", ""));
  CHECK(problem.message == "the 'period' block needs both 'from:' and 'to:'");
}

TEST_CASE("a recurring wording and its occurrences load") {
  const model::Plan plan = load_clean(plan_text("  period: 2021 - 2025\n",
                                                "    due: Hằng quý\n"
                                                "    occurrences:\n"
                                                "      2021-Q1: {status: done, done: 2021-03-25, evidence: BC 1}\n"
                                                "      2021-Q2:\n"
                                                "        status: cancelled\n"
                                                "        reason: gộp\n"));
  const model::Task& task = plan.tasks.at(0);
  REQUIRE(task.due->value.recurrence.has_value());
  CHECK(task.due->value.recurrence->every == Frequency::Quarter);
  REQUIRE(task.occurrences().size() == 2);
  CHECK(task.occurrences()[0].label.value == "2021-Q1");
  CHECK(task.occurrences()[0].label.pos == SourcePos{11, 7});
  CHECK(task.occurrences()[0].status.value == TaskStatus::Done);
  CHECK(task.occurrences()[0].done->value == Date{2021, 3, 25});
  CHECK(task.occurrences()[0].evidence.at(0).value == "BC 1");
  CHECK(task.occurrences()[1].status.value == TaskStatus::Cancelled);
  CHECK(task.occurrences()[1].reason->value == "gộp");
}

TEST_CASE("the structured recurring form") {
  model::Plan plan =
      load_clean(plan_text("  date: 2021-01-15\n", "    due: {every: year, on: [\"01/6\", \"15/11\"], from: 2025}\n"));
  const model::Recurrence& rule = *plan.tasks[0].due->value.recurrence;
  CHECK(rule.every == Frequency::Year);
  REQUIRE(rule.on.size() == 2);
  CHECK(rule.on[1].month == 11);
  CHECK(rule.on[1].day == 15);
  CHECK(rule.from == 2025);
  CHECK(plan.tasks[0].due->value.text == "Hằng năm, ngày 01/6 và ngày 15/11, từ năm 2025");
  plan = load_clean(plan_text("  date: 2021-01-15\n", "    due: {every: quarter, on: 20}\n"));
  CHECK(plan.tasks[0].due->value.recurrence->on.at(0).day == 20);
  plan = load_clean(plan_text("  date: 2021-01-15\n", "    due: {every: year, ongoing: true}\n"));
  CHECK(plan.tasks[0].due->value.recurrence->ongoing);
  auto problem = load_one_problem(plan_text("  date: 2021-01-15\n", "    due: {every: week}\n"));
  CHECK(problem.message == "unknown every 'week'");
  problem = load_one_problem(plan_text("  date: 2021-01-15\n", "    due: {on: 20}\n"));
  CHECK(problem.check == "missing-field");
  problem = load_one_problem(plan_text("  date: 2021-01-15\n", "    due: {every: month, on: 32}\n"));
  CHECK(problem.check == "invalid-value");
}

TEST_CASE("a day without its year takes the one-year period, else the plan's date") {
  model::Plan plan = load_clean(plan_text("  period: 2025\n  date: 2024-12-01\n", "    due: Trước ngày 30/11\n"));
  CHECK(plan.tasks[0].due->value.due == Date{2025, 11, 30});
  plan = load_clean(plan_text("  period: 2021 - 2025\n  date: 2021-01-15\n", "    due: Trước ngày 30/11\n"));
  CHECK(plan.tasks[0].due->value.due == Date{2021, 11, 30});
  const auto problem = load_one_problem(plan_text("", "    due: Trước ngày 30/11\n"));
  CHECK(problem.check == "invalid-deadline");
  CHECK(problem.pos == SourcePos{8, 10});
}

TEST_CASE("a recurrence needs a first year") {
  const auto problem = load_one_problem(plan_text("", "    due: Hằng năm\n"));
  CHECK(problem.message == "'Hằng năm' repeats, but nothing says from which year");
  CHECK(problem.pos == SourcePos{8, 10});
  // Its own first year is enough.
  CHECK(load_clean(plan_text("", "    due: Năm 2025 và các năm tiếp theo\n")).tasks[0].due->value.recurrence->from ==
        2025);
}

TEST_CASE("occurrence labels must be occurrences of the rule inside the plan's span") {
  auto problem = load_one_problem(
      plan_text("  period: 2021 - 2025\n", "    due: Hằng quý\n    occurrences:\n      2021-Q5: {status: done}\n"));
  CHECK(problem.message == "'2021-Q5' is not an occurrence of 'Hằng quý' (from 2021 to 2025)");
  CHECK(problem.hint == "did you mean '2021-Q1'?");
  CHECK(problem.pos == SourcePos{11, 7});
  problem = load_one_problem(
      plan_text("  period: 2021 - 2025\n", "    due: Hằng quý\n    occurrences:\n      \"2022\": {status: done}\n"));
  CHECK(problem.hint == "its occurrences are named like '2022-Q1' … '2022-Q4'");
  problem = load_one_problem(
      plan_text("  period: 2021 - 2025\n", "    due: Hằng năm\n    occurrences:\n      \"2026\": {status: done}\n"));
  CHECK(problem.message == "'2026' is not an occurrence of 'Hằng năm' (from 2021 to 2025)");
  problem = load_one_problem(
      plan_text("  period: 2021 - 2025\n", "    due: 2021-11-30\n    occurrences:\n      \"2021\": {status: done}\n"));
  CHECK(problem.message == "'occurrences' is only for a deadline that repeats");
  problem = load_one_problem(
      plan_text("  period: 2021 - 2025\n", "    due: Hằng năm\n    occurrences:\n      \"2021\": done\n"));
  CHECK(problem.check == "wrong-type");
  problem = load_one_problem(
      plan_text("  period: 2021 - 2025\n", "    due: Hằng năm\n    occurrences:\n      \"2021\": {staus: done}\n"));
  CHECK(problem.hint == "did you mean 'status'?");
}
