#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "evaluate/evaluate.hpp"

#include "../kept.hpp"

using namespace cchc;
using evaluate::Item;
using evaluate::ItemKind;
using evaluate::State;
using model::Deadline;
using model::DeadlineKind;
using model::DeadlinePrecision;
using model::TaskStatus;
using util::Date;

namespace {

// Plans are built by hand here: the loader and the deadline parser are tested on their own.

Deadline on_day(Date due, std::string text) {
  Deadline deadline;
  deadline.text = std::move(text);
  deadline.due = due;
  return deadline;
}

Deadline in_month(int year, int month, std::string text) {
  Deadline deadline;
  deadline.text = std::move(text);
  deadline.precision = DeadlinePrecision::Month;
  deadline.start = Date{year, month, 1};
  deadline.due = util::last_day_of_month(year, month);
  return deadline;
}

Deadline ongoing() {
  Deadline deadline;
  deadline.kind = DeadlineKind::Ongoing;
  deadline.text = "Thường xuyên";
  return deadline;
}

model::Task make_task(std::string path, std::optional<Deadline> due = std::nullopt, std::string lead = "snv",
                      int line = 0) {
  model::Task task;
  task.id = {path, {line, 7}};
  task.path = path;
  task.title = {util::HeapText("Task " + path), {}};
  if (!lead.empty()) task.lead = model::LocatedId{lead, {}};
  if (due) task.due = model::Located<Deadline>{*due, {}};
  task.pos = {line, 5};
  return task;
}

model::Task with_status(model::Task task, TaskStatus status, std::optional<Date> done = std::nullopt) {
  task.status = {status, {}};
  if (done) task.done = model::Located<Date>{*done, {}};
  return task;
}

model::Task with_children(model::Task task, std::vector<model::Task> children) {
  task.children = util::CompactVector<model::Task>(std::move(children));
  return task;
}

model::Agency make_agency(std::string id, std::string name, bool group = false) {
  model::Agency agency;
  agency.id = {std::move(id), {}};
  agency.name = std::move(name);
  agency.group = group;
  return agency;
}

model::Section make_section(std::string id, std::vector<std::string> tasks, std::string lead = "snv") {
  model::Section section;
  section.id = {id, {}};
  section.title = {"Section " + id, {}};
  if (!lead.empty()) section.lead = model::LocatedText{lead, {}};
  for (auto& path : tasks) section.tasks.push_back({std::move(path), {}});
  return section;
}

model::Plan plan_with(std::vector<model::Task> tasks, std::vector<model::Section> sections = {}) {
  model::Plan plan;
  plan.file = "plan.yaml";
  plan.id = {"test", {}};
  plan.title = {"Test plan", {}};
  plan.agencies = {make_agency("snv", "Sở Nội vụ"), make_agency("stp", "Sở Tư pháp"),
                   make_agency("dvdp", "Các đơn vị, địa phương", true), make_agency("bare", "")};
  plan.tasks = std::move(tasks);
  plan.sections = std::move(sections);
  return plan;
}

/// The Hà Tĩnh 2020 plan, as the seed document states it.
model::Plan seed_plan() {
  const Date april_30{2020, 4, 30};
  std::vector<model::Task> topics;
  const char* leads[] = {"stp",   "vp",    "vp",    "stc",   "snv", "snv",   "snv",
                         "skhcn", "stttt", "skhdt", "skhdt", "syt", "sgddt", "cuc-thue"};
  for (int i = 1; i <= 14; ++i) {
    auto topic = make_task("3." + std::to_string(i), on_day(april_30, "Trước ngày 30/4/2020"), leads[i - 1]);
    topic.support.push_back({"dvdp", {}});
    topics.push_back(topic);
  }
  std::vector<model::Task> tasks = {
      make_task("1", in_month(2020, 2, "Tháng 02 năm 2020"), "snv"),
      make_task("2", on_day(april_30, "Tổng kết và gửi Báo cáo về Sở Nội vụ trước ngày 30/4/2020"), "ubnd"),
      with_children(make_task("3", std::nullopt, ""), topics),
      make_task("4", on_day({2020, 5, 15}, "Trước ngày 15/5/2020"), "snv"),
      make_task("5", on_day({2020, 6, 10}, "Trước ngày 10/6/2020"), "snv"),
      make_task("6", on_day({2020, 6, 10}, "Trước ngày 10/6/2020"), "snv"),
      make_task("7", on_day({2020, 6, 20}, "Trước ngày 20/6/2020"), "snv"),
      make_task("8", on_day({2020, 6, 20}, "Trước ngày 20/6/2020"), "ubnd"),
      make_task("9", on_day({2020, 6, 30}, "Trước ngày 30/6/2020"), "snv"),
  };
  for (auto& task : tasks) {
    if (task.path != "3") task.support.push_back({"dvdp", {}});
  }
  model::Plan plan =
      plan_with(tasks, {make_section("1.1", {"3.1"}, "stp"), make_section("1.4", {"3.5", "3.6", "3.7"})});
  plan.id = {"ht-2020", {}};
  plan.agencies.push_back(make_agency("ubnd", "UBND tỉnh"));
  return plan;
}

const Item& item(const std::vector<Item>& items, std::string_view id) {
  const auto found = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
  REQUIRE(found != items.end());
  return *found;
}

std::vector<std::string> ids(const std::vector<Item>& items) {
  std::vector<std::string> result;
  for (const auto& i : items) result.emplace_back(i.id);
  return result;
}

std::vector<std::string> topic_ids() {
  std::vector<std::string> result;
  for (int i = 1; i <= 14; ++i) result.push_back("3." + std::to_string(i));
  return result;
}

/// Checks one item's state and day count.
void require_state(const std::vector<Item>& items, std::string_view id, State state, std::optional<long> days) {
  INFO("item " << id);
  const Item& found = item(items, id);
  CHECK(evaluate::to_string(found.state) == std::string(evaluate::to_string(state)));
  CHECK(found.days == days);
}

}  // namespace

TEST_CASE("seed plan: items in document order, parents before children, then sections") {
  const auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 2, 10});
  std::vector<std::string> expected = {"1", "2", "3"};
  for (const auto& id : topic_ids()) expected.push_back(id);
  for (const char* id : {"4", "5", "6", "7", "8", "9", "1.1", "1.4"}) expected.push_back(id);
  CHECK(ids(items) == expected);
  for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i].order == i);
  CHECK(item(items, "3").depth == 0);
  CHECK(item(items, "3").has_children);
  CHECK(item(items, "3.14").depth == 1);
  CHECK_FALSE(item(items, "3.14").has_children);
  CHECK(item(items, "1.1").kind == ItemKind::Section);
  CHECK(item(items, "9").kind == ItemKind::Task);
  CHECK(item(items, "9").plan_id == "ht-2020");
  CHECK(item(items, "9").file == "plan.yaml");
}

TEST_CASE("Options::keep leaves out rows as they are evaluated, and the kept rows are those of a full evaluation") {
  const model::Plan& plan = test_support::kept(seed_plan());
  CHECK(evaluate::item_count(plan) == 25);  // tasks 1-9, 3.1-3.14, sections 1.1 and 1.4
  using Keep = std::function<bool(const Item&)>;
  const std::vector<std::pair<std::string, Keep>> keeps = {
      {"overdue only", [](const Item& i) { return i.state == State::Overdue; }},
      {"the children of 3, not 3 itself", [](const Item& i) { return i.id.starts_with("3."); }},
      {"3 and not its children", [](const Item& i) { return i.id == "3"; }},
      {"sections only", [](const Item& i) { return i.kind == ItemKind::Section; }},
      {"every other row", [](const Item& i) { return i.order % 2 == 0; }},
      {"none", [](const Item&) { return false; }},
      {"all", [](const Item&) { return true; }},
  };
  for (const util::Date today : {util::Date{2020, 2, 10}, util::Date{2020, 5, 1}}) {
    const auto all = evaluate::evaluate_plan(plan, today);
    for (const auto& [name, keep] : keeps) {
      INFO(name << " on " << today.year << "-" << today.month << "-" << today.day);
      evaluate::Options options;
      options.keep = keep;
      const auto kept = evaluate::evaluate_plan(plan, today, options);
      std::vector<const Item*> expected;
      for (const auto& row : all) {
        if (keep(row)) expected.push_back(&row);
      }
      REQUIRE(kept.size() == expected.size());
      for (std::size_t i = 0; i < kept.size(); ++i) {
        CHECK(kept[i].id == expected[i]->id);
        CHECK(kept[i].order == expected[i]->order);
        CHECK(kept[i].state == expected[i]->state);
        CHECK(kept[i].due == expected[i]->due);
        CHECK(kept[i].days == expected[i]->days);
        CHECK(kept[i].due_derived == expected[i]->due_derived);
        CHECK(kept[i].depth == expected[i]->depth);
      }
    }
  }
  CHECK(evaluate::evaluate_plan(plan, {2020, 5, 1}).size() == 25);
}

TEST_CASE("seed plan on 2020-02-10: task 1 in progress (its month has begun), the rest upcoming") {
  const auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 2, 10});
  require_state(items, "1", State::InProgress, 19);
  require_state(items, "2", State::Upcoming, 80);
  require_state(items, "3", State::Upcoming, 80);
  for (const auto& id : topic_ids()) require_state(items, id, State::Upcoming, 80);
  require_state(items, "4", State::Upcoming, 95);
  require_state(items, "5", State::Upcoming, 121);
  require_state(items, "7", State::Upcoming, 131);
  require_state(items, "9", State::Upcoming, 141);
}

TEST_CASE("seed plan on 2020-04-20: task 1 overdue, the April reports due soon") {
  const auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 4, 20});
  require_state(items, "1", State::Overdue, -51);
  require_state(items, "2", State::DueSoon, 10);
  require_state(items, "3", State::DueSoon, 10);
  for (const auto& id : topic_ids()) require_state(items, id, State::DueSoon, 10);
  require_state(items, "4", State::Upcoming, 25);
  require_state(items, "6", State::Upcoming, 51);
  require_state(items, "8", State::Upcoming, 61);
  require_state(items, "9", State::Upcoming, 71);
}

TEST_CASE("seed plan on 2020-05-01: the April reports are one day late") {
  const auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 5, 1});
  require_state(items, "1", State::Overdue, -62);
  require_state(items, "2", State::Overdue, -1);
  require_state(items, "3", State::Overdue, -1);
  for (const auto& id : topic_ids()) require_state(items, id, State::Overdue, -1);
  require_state(items, "4", State::DueSoon, 14);  // the window's last day is still "soon"
  require_state(items, "5", State::Upcoming, 40);
  require_state(items, "9", State::Upcoming, 60);
  require_state(items, "1.1", State::Overdue, -1);
  require_state(items, "1.4", State::Overdue, -1);
}

TEST_CASE("seed plan on 2020-07-01: everything overdue") {
  const auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 7, 1});
  require_state(items, "1", State::Overdue, -123);
  require_state(items, "2", State::Overdue, -62);
  require_state(items, "3", State::Overdue, -62);
  for (const auto& id : topic_ids()) require_state(items, id, State::Overdue, -62);
  require_state(items, "4", State::Overdue, -47);
  require_state(items, "5", State::Overdue, -21);
  require_state(items, "6", State::Overdue, -21);
  require_state(items, "7", State::Overdue, -11);
  require_state(items, "8", State::Overdue, -11);
  require_state(items, "9", State::Overdue, -1);
}

TEST_CASE("seed plan: `overdue` on 2020-05-01 lists 1, 2 and 3.1-3.14 but not the grouping 3") {
  auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 5, 1});
  evaluate::Filter filter;
  filter.states = {State::Overdue};
  filter.actionable_only = true;
  const auto overdue = evaluate::select(items, filter);
  std::vector<std::string> expected = {"1", "2"};
  for (const auto& id : topic_ids()) expected.push_back(id);
  CHECK(ids(overdue) == expected);
}

TEST_CASE("seed plan: deadline wording, derived due and names") {
  const auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 2, 10});
  const Item& first = item(items, "1");
  CHECK(first.due == Date{2020, 2, 29});
  CHECK(first.due_text == "Tháng 02 năm 2020");
  CHECK_FALSE(first.due_derived);
  CHECK(first.lead == "snv");
  CHECK(first.lead_name == "Sở Nội vụ");
  CHECK(first.support == std::vector<std::string_view>{"dvdp"});
  CHECK(first.support_names == std::vector<std::string_view>{"Các đơn vị, địa phương"});
  const Item& grouping = item(items, "3");
  CHECK(grouping.due == Date{2020, 4, 30});
  CHECK(grouping.due_text.empty());
  CHECK(grouping.due_derived);
  CHECK(grouping.lead.empty());
  CHECK(grouping.lead_name.empty());
  const Item& section = item(items, "1.1");
  CHECK(section.due == Date{2020, 4, 30});
  CHECK(section.due_derived);
  CHECK(section.lead_name == "Sở Tư pháp");
  CHECK(section.depth == 0);
}

TEST_CASE("agency names fall back to the id when empty or undeclared") {
  auto task = make_task("1", std::nullopt, "bare");
  task.support = {{"nowhere", {}}, {"stp", {}}};
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({task})), {2020, 1, 1});
  CHECK(items[0].lead_name == "bare");
  CHECK(items[0].support_names == std::vector<std::string_view>{"nowhere", "Sở Tư pháp"});
}

TEST_CASE("done on time, on the due day, and late") {
  const Date due{2020, 4, 30};
  const auto items = evaluate::evaluate_plan(
      test_support::kept(plan_with({
          with_status(make_task("early", on_day(due, "30/4/2020")), TaskStatus::Done, Date{2020, 4, 25}),
          with_status(make_task("same-day", on_day(due, "30/4/2020")), TaskStatus::Done, due),
          with_status(make_task("late", on_day(due, "30/4/2020")), TaskStatus::Done, Date{2020, 5, 3}),
          with_status(make_task("undated", on_day(due, "30/4/2020")), TaskStatus::Done),
          with_status(make_task("no-due"), TaskStatus::Done, Date{2020, 5, 3}),
      })),
      {2020, 6, 1});
  require_state(items, "early", State::Done, 5);
  require_state(items, "same-day", State::Done, 0);
  require_state(items, "late", State::DoneLate, -3);
  require_state(items, "undated", State::Done, std::nullopt);
  require_state(items, "no-due", State::Done, std::nullopt);
  CHECK(item(items, "late").done == Date{2020, 5, 3});
  CHECK(item(items, "late").status == TaskStatus::Done);
}

TEST_CASE("looking back at a day before the recorded completion, the task was still open") {
  const Date due{2020, 4, 30};
  const auto plan = plan_with({
      with_status(make_task("late", on_day(due, "30/4/2020")), TaskStatus::Done, Date{2020, 5, 3}),
  });
  require_state(evaluate::evaluate_plan(plan, {2020, 4, 20}), "late", State::DueSoon, 10);
  require_state(evaluate::evaluate_plan(plan, {2020, 5, 2}), "late", State::Overdue, -2);
  require_state(evaluate::evaluate_plan(plan, {2020, 5, 3}), "late", State::DoneLate, -3);
  CHECK(item(evaluate::evaluate_plan(plan, {2020, 5, 2}), "late").status == TaskStatus::Done);
}

TEST_CASE("cancelled, ongoing, undated and due-today work") {
  const Date today{2020, 4, 30};
  const auto items = evaluate::evaluate_plan(
      test_support::kept(plan_with({
          with_status(make_task("dropped", on_day({2020, 1, 1}, "1/1/2020")), TaskStatus::Cancelled),
          make_task("continuous", ongoing()),
          make_task("undated"),
          with_status(make_task("today", on_day(today, "30/4/2020")), TaskStatus::Doing),
      })),
      today);
  require_state(items, "dropped", State::Cancelled, std::nullopt);
  require_state(items, "continuous", State::Ongoing, std::nullopt);
  CHECK(item(items, "continuous").due_text == "Thường xuyên");
  CHECK_FALSE(item(items, "continuous").due);
  require_state(items, "undated", State::NoDeadline, std::nullopt);
  CHECK_FALSE(item(items, "undated").due_derived);
  require_state(items, "today", State::DueToday, 0);
  CHECK(item(items, "today").status == TaskStatus::Doing);
}

TEST_CASE("a window that has begun is in progress until it is due soon") {
  model::Deadline range;
  range.text = "2026 - 2030";
  range.precision = DeadlinePrecision::Year;
  range.start = Date{2026, 1, 1};
  range.due = Date{2030, 12, 31};
  const auto plan = plan_with({make_task("range", range)});
  require_state(evaluate::evaluate_plan(plan, {2025, 12, 31}), "range", State::Upcoming, 1826);
  require_state(evaluate::evaluate_plan(plan, {2026, 1, 1}), "range", State::InProgress, 1825);
  require_state(evaluate::evaluate_plan(plan, {2030, 12, 20}), "range", State::DueSoon, 11);
  require_state(evaluate::evaluate_plan(plan, {2031, 1, 1}), "range", State::Overdue, -1);
  CHECK(evaluate::evaluate_plan(plan, {2027, 1, 1})[0].start == Date{2026, 1, 1});
}

TEST_CASE("a parent's window starts with its earliest part") {
  model::Deadline february = on_day({2020, 2, 29}, "Tháng 02 năm 2020");
  february.start = Date{2020, 2, 1};
  model::Task parent = make_task("1");
  parent.children = {make_task("1.1", february), make_task("1.2", on_day({2020, 4, 30}, "30/4/2020"))};
  parent.children[0].path = "1.1";
  parent.children[1].path = "1.2";
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({parent})), {2020, 2, 10});
  require_state(items, "1", State::InProgress, 80);
  CHECK(item(items, "1").start == Date{2020, 2, 1});
  require_state(items, "1.2", State::Upcoming, 80);
}

TEST_CASE("the soon window comes from the options") {
  const auto plan = plan_with({make_task("1", on_day({2020, 4, 30}, "30/4/2020"))});
  evaluate::Options options;
  options.soon_days = 3;
  require_state(evaluate::evaluate_plan(plan, {2020, 4, 26}, options), "1", State::Upcoming, 4);
  require_state(evaluate::evaluate_plan(plan, {2020, 4, 27}, options), "1", State::DueSoon, 3);
  require_state(evaluate::evaluate_plan(plan, {2020, 4, 15}), "1", State::Upcoming, 15);
  require_state(evaluate::evaluate_plan(plan, {2020, 4, 16}), "1", State::DueSoon, 14);
}

TEST_CASE("a parent is done when all its children are done or cancelled") {
  const Date due{2020, 4, 30};
  auto parent = with_children(
      make_task("3"),
      {
          with_status(make_task("3.1", on_day(due, "30/4/2020")), TaskStatus::Done, Date{2020, 4, 20}),
          with_status(make_task("3.2", on_day({2020, 3, 31}, "31/3/2020")), TaskStatus::Done, Date{2020, 4, 28}),
          with_status(make_task("3.3", on_day(due, "30/4/2020")), TaskStatus::Cancelled),
      });
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({parent})), {2020, 6, 1});
  const Item& found = item(items, "3");
  CHECK(found.status == TaskStatus::Done);
  CHECK(found.done == Date{2020, 4, 28});
  CHECK(found.due == due);
  require_state(items, "3", State::Done, 2);
  require_state(items, "3.2", State::DoneLate, -28);
}

TEST_CASE("a parent done after its derived due is done late") {
  auto parent = with_children(make_task("3"), {
                                                  with_status(make_task("3.1", on_day({2020, 4, 30}, "30/4/2020")),
                                                              TaskStatus::Done, Date{2020, 5, 2}),
                                              });
  require_state(evaluate::evaluate_plan(test_support::kept(plan_with({parent})), {2020, 6, 1}), "3", State::DoneLate,
                -2);
}

TEST_CASE("a parent stays open while a child is open") {
  auto parent = with_children(make_task("3"), {
                                                  with_status(make_task("3.1", on_day({2020, 4, 30}, "30/4/2020")),
                                                              TaskStatus::Done, Date{2020, 4, 1}),
                                                  make_task("3.2", on_day({2020, 4, 10}, "10/4/2020")),
                                              });
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({parent})), {2020, 5, 1});
  require_state(items, "3", State::Overdue, -1);  // due with its latest child, 30/4
  CHECK(item(items, "3").status == TaskStatus::Todo);
  CHECK_FALSE(item(items, "3").done);
}

TEST_CASE("a parent whose children are all cancelled is cancelled") {
  auto parent = with_children(
      make_task("3"), {
                          with_status(make_task("3.1", on_day({2020, 4, 30}, "30/4/2020")), TaskStatus::Cancelled),
                          with_status(make_task("3.2"), TaskStatus::Cancelled),
                      });
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({parent})), {2020, 5, 1});
  require_state(items, "3", State::Cancelled, std::nullopt);
  CHECK(item(items, "3").status == TaskStatus::Cancelled);
}

TEST_CASE("a parent's own status and own due win over its children") {
  auto own_status = with_status(with_children(make_task("A", on_day({2020, 3, 1}, "1/3/2020")),
                                              {make_task("A.1", on_day({2020, 4, 1}, "1/4/2020"))}),
                                TaskStatus::Cancelled);
  auto own_due = with_children(make_task("B", on_day({2020, 3, 1}, "1/3/2020")),
                               {make_task("B.1", on_day({2020, 4, 1}, "1/4/2020"))});
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({own_status, own_due})), {2020, 2, 25});
  require_state(items, "A", State::Cancelled, std::nullopt);
  require_state(items, "B", State::DueSoon, 5);
  CHECK_FALSE(item(items, "B").due_derived);
  CHECK(item(items, "B").due_text == "1/3/2020");
}

TEST_CASE("a done child without a done date leaves the parent's done date unknown") {
  auto parent = with_children(
      make_task("3"),
      {
          with_status(make_task("3.1", on_day({2020, 4, 30}, "30/4/2020")), TaskStatus::Done, Date{2020, 4, 1}),
          with_status(make_task("3.2", on_day({2020, 4, 30}, "30/4/2020")), TaskStatus::Done),
      });
  const auto items = evaluate::evaluate_plan(test_support::kept(plan_with({parent})), {2020, 5, 1});
  require_state(items, "3", State::Done, std::nullopt);
  CHECK_FALSE(item(items, "3").done);
}

TEST_CASE("completions worked out on the way up are those of the table a section needs") {
  // Without sections or deadlines that count from a task, no table of every task's completion is kept: each
  // parent combines what its children's visits returned. A section (here one that names no task) makes the
  // evaluation keep the table; the tasks' rows must not change.
  const auto tasks = std::vector<model::Task>{
      with_children(
          make_task("1"),
          {
              with_status(make_task("1.1", on_day({2020, 4, 30}, "30/4/2020")), TaskStatus::Done, Date{2020, 4, 20}),
              with_children(make_task("1.2"), {with_status(make_task("1.2.1", on_day({2020, 3, 31}, "31/3/2020")),
                                                           TaskStatus::Done, Date{2020, 4, 28}),
                                               with_status(make_task("1.2.2"), TaskStatus::Cancelled)}),
          }),
      with_children(make_task("2"),
                    {with_status(make_task("2.1", on_day({2020, 4, 30}, "30/4/2020")), TaskStatus::Done),
                     make_task("2.2", on_day({2020, 5, 10}, "10/5/2020"))}),
      with_status(with_children(make_task("3"), {make_task("3.1", on_day({2020, 4, 1}, "1/4/2020"))}),
                  TaskStatus::Cancelled),
      with_children(make_task("4"), {with_status(make_task("4.1"), TaskStatus::Cancelled),
                                     with_status(make_task("4.2"), TaskStatus::Cancelled)}),
  };
  const auto without_table = evaluate::evaluate_plan(test_support::kept(plan_with(tasks)), {2020, 6, 1});
  const auto with_table =
      evaluate::evaluate_plan(test_support::kept(plan_with(tasks, {make_section("s", {})})), {2020, 6, 1});
  REQUIRE(with_table.size() == without_table.size() + 1);  // the section's row
  for (std::size_t i = 0; i < without_table.size(); ++i) {
    INFO("task " << without_table[i].id);
    CHECK(without_table[i].id == with_table[i].id);
    CHECK(without_table[i].status == with_table[i].status);
    CHECK(without_table[i].done == with_table[i].done);
    CHECK(without_table[i].state == with_table[i].state);
    CHECK(without_table[i].days == with_table[i].days);
    CHECK(without_table[i].due == with_table[i].due);
  }
  CHECK(item(without_table, "1").status == TaskStatus::Done);  // all its parts done or cancelled
  CHECK(item(without_table, "1").done == Date{2020, 4, 28});
  CHECK(item(without_table, "1.2").status == TaskStatus::Done);
  CHECK(item(without_table, "2").status == TaskStatus::Todo);
  CHECK(item(without_table, "4").status == TaskStatus::Cancelled);
}

TEST_CASE("derived deadlines: latest descendant, ongoing only without dates, none at all") {
  auto nested =
      with_children(make_task("II"), {
                                         with_children(make_task("II.1"),
                                                       {
                                                           make_task("II.1.1", on_day({2020, 5, 20}, "20/5/2020")),
                                                           make_task("II.1.2", ongoing()),
                                                       }),
                                         make_task("II.2", on_day({2020, 5, 10}, "10/5/2020")),
                                     });
  auto continuous = with_children(make_task("III"), {make_task("III.1", ongoing()), make_task("III.2")});
  auto undated = with_children(make_task("IV"), {make_task("IV.1"), make_task("IV.2")});
  const auto items =
      evaluate::evaluate_plan(test_support::kept(plan_with({nested, continuous, undated})), {2020, 5, 1});
  require_state(items, "II", State::Upcoming, 19);
  require_state(items, "II.1", State::Upcoming, 19);
  CHECK(item(items, "II").due == Date{2020, 5, 20});
  CHECK(item(items, "II").due_derived);
  CHECK(item(items, "II.1.1").depth == 2);
  require_state(items, "III", State::Ongoing, std::nullopt);
  CHECK(item(items, "III").due_derived);
  CHECK(item(items, "III").due_text.empty());
  require_state(items, "IV", State::NoDeadline, std::nullopt);
  CHECK(item(items, "IV").due_derived);
}

TEST_CASE("sections: derived from their tasks unless they state their own") {
  const Date due{2020, 4, 30};
  std::vector<model::Task> tasks = {
      with_status(make_task("1", on_day(due, "30/4/2020")), TaskStatus::Done, Date{2020, 4, 20}),
      with_status(make_task("2", on_day({2020, 5, 5}, "5/5/2020")), TaskStatus::Done, Date{2020, 5, 7}),
      make_task("3", on_day({2020, 5, 15}, "15/5/2020")),
      with_status(make_task("4", on_day(due, "30/4/2020")), TaskStatus::Cancelled),
  };
  auto all_done = make_section("done", {"1", "2", "4"});
  auto open = make_section("open", {"1", "3"});
  auto own = make_section("own", {"3"});
  own.due = model::Located<Deadline>{on_day({2020, 5, 2}, "2/5/2020"), {}};
  auto finished = make_section("finished", {"3"});
  finished.status = {TaskStatus::Done, {}};
  finished.done = model::Located<Date>{Date{2020, 4, 1}, {}};
  auto cancelled = make_section("cancelled", {"4"});
  auto empty = make_section("empty", {});
  auto unknown = make_section("unknown", {"99"});
  const auto items = evaluate::evaluate_plan(
      test_support::kept(plan_with(tasks, {all_done, open, own, finished, cancelled, empty, unknown})), {2020, 5, 8});

  require_state(items, "done", State::DoneLate, -2);  // latest task done 7/5, latest due 5/5
  CHECK(item(items, "done").done == Date{2020, 5, 7});
  CHECK(item(items, "done").due == Date{2020, 5, 5});
  require_state(items, "open", State::DueSoon, 7);
  CHECK(item(items, "open").due_derived);
  require_state(items, "own", State::Overdue, -6);
  CHECK_FALSE(item(items, "own").due_derived);
  require_state(items, "finished", State::Done, 44);
  require_state(items, "cancelled", State::Cancelled, std::nullopt);
  require_state(items, "empty", State::NoDeadline, std::nullopt);
  CHECK_FALSE(item(items, "empty").due_derived);
  require_state(items, "unknown", State::NoDeadline, std::nullopt);
  CHECK(item(items, "unknown").due_derived);
  CHECK(item(items, "own").order == 6);
}

TEST_CASE("select: leads, agencies, plans, states, sections") {
  auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 5, 1});
  auto other = evaluate::evaluate_plan(
      test_support::kept(plan_with({make_task("1", on_day({2020, 4, 1}, "1/4/2020"), "stp")})), {2020, 5, 1});
  items.insert(items.end(), other.begin(), other.end());

  evaluate::Filter by_lead;
  by_lead.leads = {"stp"};
  CHECK(ids(evaluate::select(items, by_lead)) == std::vector<std::string>{"3.1", "1.1", "1"});

  evaluate::Filter by_agency;
  by_agency.agencies = {"vp", "ubnd"};
  CHECK(ids(evaluate::select(items, by_agency)) == std::vector<std::string>{"2", "3.2", "3.3", "8"});
  by_agency.agencies = {"dvdp"};  // supports everything in the seed except the grouping and the sections
  CHECK(evaluate::select(items, by_agency).size() == 22);

  evaluate::Filter by_plan;
  by_plan.plans = {"test"};
  const auto of_test = evaluate::select(items, by_plan);
  REQUIRE(of_test.size() == 1);
  CHECK(of_test[0].plan_id == "test");

  evaluate::Filter by_state;
  by_state.states = {State::DueSoon, State::Upcoming};
  by_state.include_sections = false;
  CHECK(ids(evaluate::select(items, by_state)) == std::vector<std::string>{"4", "5", "6", "7", "8", "9"});

  evaluate::Filter no_sections;
  no_sections.include_sections = false;
  const auto tasks_only = evaluate::select(items, no_sections);
  CHECK(std::none_of(tasks_only.begin(), tasks_only.end(), [](const Item& i) { return i.kind == ItemKind::Section; }));
  CHECK(tasks_only.size() == items.size() - 2);

  evaluate::Filter actionable;
  actionable.actionable_only = true;
  const auto kept = ids(evaluate::select(items, actionable));
  CHECK(std::find(kept.begin(), kept.end(), "3") == kept.end());
  CHECK(std::find(kept.begin(), kept.end(), "1.1") == kept.end());
  CHECK(kept.size() == items.size() - 3);

  CHECK(evaluate::select(items, evaluate::Filter{}).size() == items.size());

  // Filtering in place keeps the same rows, in the same order, as copying them.
  for (const auto* filter : {&by_lead, &by_agency, &by_plan, &by_state, &no_sections, &actionable}) {
    const auto copied = evaluate::select(items, *filter);
    std::vector<Item> rows = items;
    const auto in_place = evaluate::select(std::move(rows), *filter);
    CHECK(ids(in_place) == ids(copied));
    CHECK(std::equal(in_place.begin(), in_place.end(), copied.begin(), copied.end(),
                     [](const Item& a, const Item& b) { return a.order == b.order && a.state == b.state; }));
  }
}

TEST_CASE("sort_by_urgency: most late first, soonest next, finished work last") {
  std::vector<model::Task> tasks = {
      with_status(make_task("cancelled", on_day({2020, 1, 1}, "1/1/2020")), TaskStatus::Cancelled),
      with_status(make_task("done", on_day({2020, 6, 1}, "1/6/2020")), TaskStatus::Done, Date{2020, 4, 1}),
      with_status(make_task("done-late", on_day({2020, 3, 1}, "1/3/2020")), TaskStatus::Done, Date{2020, 4, 1}),
      make_task("undated"),
      make_task("continuous", ongoing()),
      make_task("upcoming-far", on_day({2020, 9, 1}, "1/9/2020")),
      make_task("upcoming-near", on_day({2020, 6, 1}, "1/6/2020")),
      make_task("soon-far", on_day({2020, 5, 10}, "10/5/2020")),
      make_task("soon-near", on_day({2020, 5, 3}, "3/5/2020")),
      make_task("today", on_day({2020, 5, 1}, "1/5/2020")),
      make_task("late-a-little", on_day({2020, 4, 30}, "30/4/2020")),
      make_task("late-a-lot", on_day({2020, 3, 1}, "1/3/2020")),
      make_task("late-a-little-too", on_day({2020, 4, 30}, "30/4/2020")),
      make_task("undated-too"),
  };
  auto items = evaluate::evaluate_plan(test_support::kept(plan_with(tasks)), {2020, 5, 1});
  evaluate::sort_by_urgency(items);
  CHECK(ids(items) == std::vector<std::string>{"late-a-lot", "late-a-little", "late-a-little-too", "today", "soon-near",
                                               "soon-far", "upcoming-near", "upcoming-far", "continuous", "undated",
                                               "undated-too", "done-late", "done", "cancelled"});
}

TEST_CASE("sort_by_urgency keeps document order among equals") {
  auto items = evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 5, 1});
  std::reverse(items.begin(), items.end());
  evaluate::sort_by_urgency(items);
  std::vector<std::string> expected = {"1", "2", "3"};
  for (const auto& id : topic_ids()) expected.push_back(id);
  for (const char* id : {"1.1", "1.4", "4", "5", "6", "7", "8", "9"}) expected.push_back(id);
  CHECK(ids(items) == expected);
}

TEST_CASE("count_states lists every state in order") {
  const auto counts = evaluate::count_states(evaluate::evaluate_plan(test_support::kept(seed_plan()), {2020, 5, 1}));
  REQUIRE(counts.size() == evaluate::all_states().size());
  for (std::size_t i = 0; i < counts.size(); ++i) CHECK(counts[i].first == evaluate::all_states()[i]);
  CHECK(counts[0] == std::pair{State::Overdue, 19});
  CHECK(counts[2] == std::pair{State::DueSoon, 1});
  CHECK(counts[3] == std::pair{State::InProgress, 0});
  CHECK(counts[4] == std::pair{State::Upcoming, 5});
  CHECK(counts[8] == std::pair{State::Done, 0});
}

TEST_CASE("state labels round-trip") {
  const std::vector<std::string> labels = {"overdue",     "due-today", "due-soon", "in-progress", "upcoming", "ongoing",
                                           "no-deadline", "done-late", "done",     "cancelled",   "waiting"};
  REQUIRE(evaluate::all_states().size() == labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const State state = evaluate::all_states()[i];
    CHECK(evaluate::to_string(state) == labels[i]);
    CHECK(evaluate::parse_state(labels[i]) == state);
  }
  CHECK_FALSE(evaluate::parse_state("late"));
  CHECK_FALSE(evaluate::parse_state(""));
  CHECK_FALSE(evaluate::parse_state("Overdue"));
}
