#include <catch2/catch.hpp>

#include "evaluate/rollup.hpp"

#include "../kept.hpp"

using namespace cchc;
using evaluate::Item;
using evaluate::ItemKind;
using evaluate::State;

namespace {

// Items are made by hand with the states evaluate_plan would give; only ids, states and the tree shape matter.

Item row(std::string plan, std::string id, State state, bool has_children = false, int depth = 0) {
  Item item;
  item.plan_id = test_support::kept(std::move(plan));
  item.id = test_support::kept(std::move(id));
  item.title = test_support::kept("Nhiệm vụ " + std::string(item.id));
  item.state = state;
  item.has_children = has_children;
  item.depth = depth;
  if (state == State::Done || state == State::DoneLate) item.status = model::TaskStatus::Done;
  return item;
}

model::Plan plan(std::string id, std::string parent_plan = {}, std::string parent_task = {}) {
  model::Plan plan;
  plan.id = {id, {3, 7}};
  plan.title = {"Kế hoạch " + id, {4, 10}};
  plan.file = id + ".yaml";
  if (!parent_plan.empty()) plan.parent = model::PlanLink{{parent_plan, {5, 17}}, {parent_task, {5, 32}}, {5, 11}};
  return plan;
}

/// Province p; commune plan c carries out p's 1.2 (marked done by p itself), g carries out c's 1, d carries
/// out p's 2.
struct Tree {
  std::vector<model::Plan> plans = {plan("p"), plan("c", "p", "1.2"), plan("g", "c", "1"), plan("d", "p", "2")};
  std::vector<Item> items = {
      row("p", "1", State::Overdue, true),    row("p", "1.1", State::Overdue, false, 1),
      row("p", "1.2", State::Done, false, 1), row("p", "2", State::Upcoming),
      row("c", "1", State::Upcoming),         row("c", "2", State::Done),
      row("g", "1", State::DueSoon),          row("g", "2", State::DoneLate),
      row("d", "1", State::Overdue),          row("d", "2", State::Cancelled),
  };
  std::vector<const model::Plan*> pointers() const {
    std::vector<const model::Plan*> out;
    for (const auto& p : plans) out.push_back(&p);
    return out;
  }
};

const Item& find(const std::vector<Item>& items, const std::string& plan, const std::string& id) {
  for (const auto& item : items) {
    if (item.plan_id == plan && item.id == id && item.kind != ItemKind::Plan) return item;
  }
  FAIL("no item " << plan << ":" << id);
  throw;
}

int count_of(const evaluate::Rollup& rollup, State state) {
  for (const auto& [s, n] : rollup.counts) {
    if (s == state) return n;
  }
  return 0;
}

}  // namespace

TEST_CASE("rollup: a task counts the work of every plan below it, at any depth") {
  Tree tree;
  evaluate::roll_up(tree.items, tree.pointers());
  const Item& task = find(tree.items, "p", "1.2");
  REQUIRE(task.rollup);
  CHECK(task.rollup->plans == std::vector<std::string>{"c"});
  CHECK(task.rollup->plans_below == 2);  // c, and g through c
  CHECK(task.rollup->tasks == 5);        // itself, c's two tasks, g's two tasks
  CHECK(task.rollup->done == 3);         // itself, c.2, g.2 (late)
  CHECK(count_of(*task.rollup, State::DueSoon) == 1);
  CHECK(count_of(*task.rollup, State::Upcoming) == 1);
  // Its own plan marked it done: that wins, as a task's own status wins over its sub-tasks.
  CHECK(task.state == State::Done);
  CHECK(task.rollup->own_state == State::Done);
}

TEST_CASE("rollup: the most urgent work below becomes the task's state") {
  Tree tree;
  evaluate::roll_up(tree.items, tree.pointers());
  const Item& task = find(tree.items, "p", "2");
  REQUIRE(task.rollup);
  CHECK(task.rollup->own_state == State::Upcoming);
  CHECK(task.state == State::Overdue);  // d.1 is overdue
  CHECK(task.rollup->tasks == 3);
  CHECK(count_of(*task.rollup, State::Cancelled) == 1);
}

TEST_CASE("rollup: a heading adds up its own rows and the plans carrying out any of them") {
  Tree tree;
  evaluate::roll_up(tree.items, tree.pointers());
  const Item& heading = find(tree.items, "p", "1");
  REQUIRE(heading.rollup);
  CHECK(heading.rollup->plans.empty());  // no plan carries out "1" itself
  CHECK(heading.rollup->tasks == 6);     // 1.1, 1.2, and the four tasks of c and g
  CHECK(heading.state == State::Overdue);
  // Rows nothing is linked to are left alone; so are the child plans' own rows.
  CHECK_FALSE(find(tree.items, "p", "1.1").rollup);
  CHECK_FALSE(find(tree.items, "d", "1").rollup);
}

TEST_CASE("rollup: the middle of the tree rolls up too") {
  Tree tree;
  evaluate::roll_up(tree.items, tree.pointers());
  const Item& task = find(tree.items, "c", "1");
  REQUIRE(task.rollup);
  CHECK(task.rollup->plans == std::vector<std::string>{"g"});
  CHECK(task.rollup->tasks == 3);
  CHECK(task.state == State::DueSoon);  // g.1 is more urgent than its own "upcoming"
}

TEST_CASE("rollup: links to unknown plans or tasks and circles of links are left out") {
  Tree tree;
  tree.plans.push_back(plan("x", "p", "9"));  // no task 9
  tree.plans.push_back(plan("y", "nowhere", "1"));
  tree.plans.push_back(plan("u", "v", "1"));  // u and v carry out each other's task 1
  tree.plans.push_back(plan("v", "u", "1"));
  tree.items.push_back(row("x", "1", State::Overdue));
  tree.items.push_back(row("u", "1", State::Overdue));
  tree.items.push_back(row("v", "1", State::Overdue));
  evaluate::roll_up(tree.items, tree.pointers());
  CHECK(find(tree.items, "p", "2").rollup->tasks == 3);  // unchanged: x is not counted anywhere
  CHECK_FALSE(find(tree.items, "u", "1").rollup);
  CHECK_FALSE(find(tree.items, "v", "1").rollup);
}

TEST_CASE("rollup view: the top plan's rows, each implemented task followed by its plans") {
  Tree tree;
  evaluate::roll_up(tree.items, tree.pointers());
  const auto view = evaluate::rollup_view(tree.items, tree.pointers(), {});
  std::vector<std::string> shown;
  for (const auto& item : view) shown.push_back((item.kind == ItemKind::Plan ? "plan " : "") + std::string(item.id));
  CHECK(shown == std::vector<std::string>{"1", "1.1", "1.2", "plan c", "plan g", "2", "plan d"});
  const Item& commune = view[3];
  CHECK(commune.depth == 2);
  CHECK(commune.title == "Kế hoạch c");
  CHECK(commune.state == State::DueSoon);
  REQUIRE(commune.rollup);
  CHECK(commune.rollup->plans == std::vector<std::string>{"g"});
  CHECK(commune.rollup->plans_below == 2);
  CHECK(commune.rollup->tasks == 4);
  CHECK(commune.rollup->done == 2);
  CHECK(view[4].depth == 3);  // g, under c
  CHECK(view[4].rollup->tasks == 2);
}

TEST_CASE("rollup view: naming a plan shows that plan with the plans below it") {
  Tree tree;
  evaluate::roll_up(tree.items, tree.pointers());
  const auto view = evaluate::rollup_view(tree.items, tree.pointers(), {"c"});
  REQUIRE(view.size() == 3);
  CHECK(view[0].id == "1");
  CHECK(view[1].kind == ItemKind::Plan);
  CHECK(view[1].id == "g");
  CHECK(view[2].id == "2");
}
