#include <catch2/catch.hpp>

#include "check/check.hpp"

using namespace cchc;
using util::Diagnostics;
using util::SourcePos;

namespace {

// Plans of a tree, built by hand: `parent:` on line 5 of each file, its plan at column 17, its task at column 32.

model::Plan tree_plan(std::string id, std::vector<std::string> task_paths) {
  model::Plan plan;
  plan.file = "plans/" + id + ".yaml";
  plan.id = {std::move(id), {3, 7}};
  int line = 10;
  for (auto& path : task_paths) {
    model::Task task;
    const std::size_t dot = path.rfind('.');
    task.id = {path, {line, 9}};
    task.path = path;
    task.title = {util::HeapText("Nhiệm vụ " + path), {line + 1, 12}};
    task.pos = {line, 5};
    line += 5;
    if (dot == std::string::npos) {
      plan.tasks.push_back(std::move(task));
    } else {
      plan.tasks.back().children.push_back(std::move(task));  // callers list a child right after its parent
    }
  }
  return plan;
}

model::Plan with_parent(model::Plan plan, std::string parent_plan, std::string task) {
  model::PlanLink link;
  link.plan = {std::move(parent_plan), {5, 17}};
  link.task = {std::move(task), {5, 32}};
  link.pos = {5, 11};
  plan.parent = std::move(link);
  return plan;
}

Diagnostics check_all(const std::vector<model::Plan>& plans) {
  std::vector<const model::Plan*> pointers;
  for (const auto& plan : plans) pointers.push_back(&plan);
  return check::check_plans(pointers);
}

}  // namespace

TEST_CASE("parent links: a province, a district and a commune linked by task paths pass") {
  const std::vector<model::Plan> plans = {
      tree_plan("tinh-2026", {"1", "2", "2.1"}),
      with_parent(tree_plan("huyen-a-2026", {"1", "3"}), "tinh-2026", "2.1"),
      with_parent(tree_plan("xa-a1-2026", {"1"}), "huyen-a-2026", "3"),
  };
  CHECK(check_all(plans).empty());
}

TEST_CASE("parent links: an unknown plan gets a did-you-mean at the plan id") {
  const std::vector<model::Plan> plans = {
      tree_plan("tinh-2026", {"1"}),
      with_parent(tree_plan("huyen-a-2026", {"1"}), "tinh-2025", "1"),
  };
  const Diagnostics diagnostics = check_all(plans);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "unknown-plan");
  CHECK(diagnostics[0].file == "plans/huyen-a-2026.yaml");
  CHECK(diagnostics[0].pos == SourcePos{5, 17});
  CHECK(diagnostics[0].message == "parent plan 'tinh-2025' is not among the plans read");
  CHECK(diagnostics[0].hint == "did you mean 'tinh-2026'?");
}

TEST_CASE("parent links: a task the parent plan does not have is located at the task") {
  const std::vector<model::Plan> plans = {
      tree_plan("tinh-2026", {"1", "2", "2.1"}),
      with_parent(tree_plan("huyen-a-2026", {"1"}), "tinh-2026", "2.2"),
  };
  const Diagnostics diagnostics = check_all(plans);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "unknown-task");
  CHECK(diagnostics[0].pos == SourcePos{5, 32});
  CHECK(diagnostics[0].message == "plan 'tinh-2026' has no task '2.2'");
  CHECK(diagnostics[0].hint == "did you mean '2.1'?");
}

TEST_CASE("parent links: a circle of plans is reported once, at the parent of the first plan by id") {
  const std::vector<model::Plan> plans = {
      with_parent(tree_plan("b-2026", {"1"}), "c-2026", "1"), with_parent(tree_plan("a-2026", {"1"}), "b-2026", "1"),
      with_parent(tree_plan("c-2026", {"1"}), "a-2026", "1"),
      with_parent(tree_plan("d-2026", {"1"}), "a-2026", "1"),  // hangs off the circle, is not part of it
  };
  const Diagnostics diagnostics = check_all(plans);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "plan-cycle");
  CHECK(diagnostics[0].file == "plans/a-2026.yaml");
  CHECK(diagnostics[0].pos == SourcePos{5, 11});
  CHECK(diagnostics[0].message == "the parent links go round in a circle: a-2026 → b-2026 → c-2026 → a-2026");
}

TEST_CASE("parent links: a plan that implements a task of itself is a circle of one") {
  const std::vector<model::Plan> plans = {with_parent(tree_plan("tinh-2026", {"1", "2"}), "tinh-2026", "2")};
  const Diagnostics diagnostics = check_all(plans);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].check == "plan-cycle");
  CHECK(diagnostics[0].message == "the parent links go round in a circle: tinh-2026 → tinh-2026");
}
