// Relative deadlines that count from other tasks: unknown tasks and circles (issue 3).
#include <catch2/catch.hpp>

#include <string>

#include "check/check.hpp"

using namespace cchc;
using util::Diagnostics;
using util::Severity;
using util::SourcePos;

namespace {

/// Task `id` at `line`, due some days after task `after` is done (or on a day when `after` is empty).
model::Task task_after(const std::string& id, const std::string& after, int line) {
  model::Task task;
  task.id = {id, {line, 7}};
  task.path = id;
  task.title = {util::HeapText("Task " + id), {line + 1, 12}};
  task.pos = {line, 5};
  const std::string text =
      after.empty() ? std::string("2026-03-02") : "5 ngày làm việc sau khi hoàn thành nhiệm vụ " + after;
  auto result = model::parse_deadline(text);
  REQUIRE(std::holds_alternative<model::Deadline>(result));
  task.due = model::Located<model::Deadline>{std::get<model::Deadline>(result), {line + 2, 10}};
  return task;
}

model::Plan plan_of(std::vector<model::Task> tasks) {
  model::Plan plan;
  plan.file = "plan.yaml";
  plan.id = {"p", {2, 7}};
  plan.date = model::Located<util::PartialDate>{util::PartialDate{2026, 2, 13}, {}};
  plan.tasks = std::move(tasks);
  return plan;
}

Diagnostics of_check(const Diagnostics& diagnostics, const std::string& check) {
  Diagnostics found;
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.check == check) found.push_back(diagnostic);
  }
  return found;
}

}  // namespace

TEST_CASE("a chain of tasks, each after the one before, is fine") {
  CHECK(check::check_plan(plan_of({task_after("1", "", 10), task_after("2", "1", 20), task_after("3", "2", 30)}))
            .empty());
}

TEST_CASE("an unknown predecessor is located at the deadline, with did-you-mean") {
  const auto diagnostics = check::check_plan(plan_of({task_after("3.1", "", 10), task_after("3.2", "3.11", 20)}));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "unknown-task");
  CHECK(diagnostics[0].pos == SourcePos{22, 10});
  CHECK(diagnostics[0].message == "task '3.2' counts from unknown task '3.11'");
  CHECK(diagnostics[0].hint == "did you mean '3.1'?");
}

TEST_CASE("a task counting from itself is a cycle") {
  const auto diagnostics = check::check_plan(plan_of({task_after("4", "4", 10)}));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "dependency-cycle");
  CHECK(diagnostics[0].severity == Severity::Error);
  CHECK(diagnostics[0].pos == SourcePos{12, 10});
  CHECK(diagnostics[0].message == "task '4' counts its deadline from its own completion");
}

TEST_CASE("a circle of any length is named whole, from its first task in the file") {
  const auto two = check::check_plan(plan_of({task_after("3.1", "3.2", 10), task_after("3.2", "3.1", 20)}));
  REQUIRE(two.size() == 1);
  CHECK(two[0].pos == SourcePos{12, 10});
  CHECK(two[0].message.find("a circle: 3.1 → 3.2 → 3.1 (each waits") != std::string::npos);

  // Entered from outside: 1 → 2 → 3 → 4 → 2; the circle is 2 → 3 → 4 → 2, reported at 2.
  const auto entered = check::check_plan(plan_of(
      {task_after("1", "2", 10), task_after("2", "3", 20), task_after("3", "4", 30), task_after("4", "2", 40)}));
  const auto cycles = of_check(entered, "dependency-cycle");
  REQUIRE(cycles.size() == 1);
  CHECK(cycles[0].pos == SourcePos{22, 10});
  CHECK(cycles[0].message.find("a circle: 2 → 3 → 4 → 2 (") != std::string::npos);
}

TEST_CASE("10 000 tasks each after the one before: no stack overflow, and the closed circle is found") {
  std::vector<model::Task> tasks;
  tasks.push_back(task_after("1", "", 10));
  for (int i = 2; i <= 10000; ++i) tasks.push_back(task_after(std::to_string(i), std::to_string(i - 1), 10 * i));
  CHECK(check::check_plan(plan_of(tasks)).empty());
  tasks[0] = task_after("1", "10000", 10);
  const auto diagnostics = check::check_plan(plan_of(tasks));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("a circle: 1 → 10000 → 9999 → ") != std::string::npos);
  CHECK(diagnostics[0].message.find("(10000 tasks in all)") != std::string::npos);
}

TEST_CASE("counting from the plan's issue needs the plan's full date") {
  auto task = task_after("2", "", 10);
  task.due->value = std::get<model::Deadline>(model::parse_deadline("30 ngày kể từ ngày ban hành Kế hoạch"));
  auto plan = plan_of({task});
  CHECK(check::check_plan(plan).empty());
  plan.date.reset();
  const auto diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "plan-date-needed");
  CHECK(diagnostics[0].severity == Severity::Warning);
}
