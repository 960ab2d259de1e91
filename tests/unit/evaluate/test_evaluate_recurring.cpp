#include <catch2/catch.hpp>

#include "evaluate/evaluate.hpp"
#include "model/recurrence.hpp"

using namespace cchc;
using evaluate::Item;
using evaluate::State;
using model::Deadline;
using model::DeadlineKind;
using model::Frequency;
using model::TaskStatus;
using util::Date;

namespace {

// Plans are built by hand: the loader and the wording parser are tested on their own.

Deadline recurring(Frequency every, std::vector<model::DayOfPeriod> on = {}, bool ongoing = false) {
  Deadline deadline;
  deadline.kind = DeadlineKind::Recurring;
  deadline.text = "rule";
  model::Recurrence rule;
  rule.every = every;
  rule.on = std::move(on);
  rule.ongoing = ongoing;
  deadline.recurrence = rule;
  return deadline;
}

/// "Trước ngày 30 tháng 11 hàng năm".
Deadline yearly_on_30_november() { return recurring(Frequency::Year, {model::DayOfPeriod{11, 30, false}}); }

model::OccurrenceRecord record(std::string label, TaskStatus status, std::optional<Date> done = std::nullopt) {
  model::OccurrenceRecord result;
  result.label = {std::move(label), {}};
  result.status = {status, {}};
  if (done) result.done = model::Located<Date>{*done, {}};
  return result;
}

model::Plan plan_with(Deadline due, std::vector<model::OccurrenceRecord> records = {},
                      std::optional<model::YearSpan> period = model::YearSpan{2021, 2025}) {
  model::Plan plan;
  plan.id = {"recur", {}};
  plan.date = model::Located<util::PartialDate>{{2021, 1, 15}, {}};
  if (period) plan.period = model::Located<model::YearSpan>{*period, {}};
  model::Task task;
  task.id = {"1", {}};
  task.path = "1";
  task.title = {util::HeapText("Báo cáo"), {}};
  task.due = model::Located<Deadline>{std::move(due), {}};
  task.edit_extras().occurrences = util::CompactVector<model::OccurrenceRecord>(std::move(records));
  plan.tasks.push_back(std::move(task));
  return plan;
}

Item evaluated(const model::Plan& plan, Date today) {
  const auto items = evaluate::evaluate_plan(plan, today);
  REQUIRE(items.size() == 1);
  return items.front();
}

}  // namespace

TEST_CASE("a yearly day: before, on and after each occurrence") {
  const model::Plan plan = plan_with(yearly_on_30_november());
  SECTION("the day before the first is due soon, naming it") {
    const Item item = evaluated(plan, Date{2021, 11, 29});
    CHECK(item.state == State::DueSoon);
    CHECK(item.occurrence == "2021");
    CHECK(item.due == Date{2021, 11, 30});
    CHECK(item.days == 1);
    CHECK(item.late_occurrences.empty());
  }
  SECTION("on the day it is due today") {
    const Item item = evaluated(plan, Date{2021, 11, 30});
    CHECK(item.state == State::DueToday);
    CHECK(item.occurrence == "2021");
  }
  SECTION("the day after it is overdue, and stays so while the next comes") {
    Item item = evaluated(plan, Date{2021, 12, 1});
    CHECK(item.state == State::Overdue);
    CHECK(item.occurrence == "2021");
    CHECK(item.days == -1);
    item = evaluated(plan, Date{2022, 12, 1});
    CHECK(item.state == State::Overdue);
    CHECK(item.occurrence == "2021");  // the earliest one missed
    CHECK(item.days == -366);
    REQUIRE(item.late_occurrences.size() == 2);
    CHECK(item.late_occurrences[0].label == "2021");
    CHECK(item.late_occurrences[1].label == "2022");
    CHECK(item.late_occurrences[1].days == -1);
  }
  SECTION("far before, it is upcoming") {
    const Item item = evaluated(plan, Date{2021, 3, 1});
    CHECK(item.state == State::Upcoming);
    CHECK(item.occurrence == "2021");
  }
}

TEST_CASE("a done occurrence moves the item to the next one") {
  const model::Plan plan = plan_with(yearly_on_30_november(), {record("2021", TaskStatus::Done, Date{2021, 11, 25})});
  Item item = evaluated(plan, Date{2021, 12, 1});
  CHECK(item.state == State::Upcoming);
  CHECK(item.occurrence == "2022");
  CHECK(item.due == Date{2022, 11, 30});
  CHECK(item.status == TaskStatus::Todo);
  CHECK(item.late_occurrences.empty());
  // Seen from before it was done, the 2021 occurrence was still open.
  item = evaluated(plan, Date{2021, 11, 20});
  CHECK(item.occurrence == "2021");
  CHECK(item.state == State::DueSoon);
}

TEST_CASE("a cancelled occurrence is skipped; a late one done late is not overdue") {
  const model::Plan plan =
      plan_with(recurring(Frequency::Quarter),
                {record("2021-Q1", TaskStatus::Cancelled), record("2021-Q2", TaskStatus::Done, Date{2021, 7, 5})});
  const Item item = evaluated(plan, Date{2021, 8, 1});
  CHECK(item.occurrence == "2021-Q3");
  CHECK(item.state == State::InProgress);
  CHECK(item.start == Date{2021, 7, 1});
  CHECK(item.due == Date{2021, 9, 30});
}

TEST_CASE("every occurrence done: the item shows the last one") {
  std::vector<model::OccurrenceRecord> records;
  for (int year = 2021; year <= 2025; ++year) {
    records.push_back(record(std::to_string(year), TaskStatus::Done, Date{year, 12, year == 2025 ? 31 : 1}));
  }
  const Item item = evaluated(plan_with(recurring(Frequency::Year), records), Date{2026, 3, 1});
  CHECK(item.occurrence == "2025");
  CHECK(item.state == State::Done);
  CHECK(item.status == TaskStatus::Done);
}

TEST_CASE("the task as a whole done or cancelled closes every occurrence") {
  model::Plan plan = plan_with(recurring(Frequency::Year));
  plan.tasks[0].status = {TaskStatus::Cancelled, {}};
  Item item = evaluated(plan, Date{2023, 3, 1});
  CHECK(item.state == State::Cancelled);
  CHECK(item.late_occurrences.empty());
  CHECK(item.occurrence.empty());
}

TEST_CASE("occurrences stay inside the plan's period") {
  const model::Plan plan = plan_with(recurring(Frequency::Year), {}, model::YearSpan{2021, 2022});
  const Item item = evaluated(plan, Date{2030, 1, 1});
  CHECK(item.late_occurrences.size() == 2);
  CHECK(item.occurrence == "2021");
}

TEST_CASE("without a period, occurrences run from the plan's year through the year after today") {
  const model::Plan plan =
      plan_with(recurring(Frequency::Year), {record("2021", TaskStatus::Done, Date{2021, 6, 1})}, std::nullopt);
  const Item item = evaluated(plan, Date{2023, 12, 31});
  CHECK(item.late_occurrences.size() == 1);  // 2022; 2023 is due today
  CHECK(item.late_occurrences[0].label == "2022");
  // A hostile "Hằng tháng" evaluated far in the future stops at the cap.
  const Item monthly = evaluated(plan_with(recurring(Frequency::Month), {}, std::nullopt), Date{3021, 1, 1});
  CHECK(monthly.late_occurrences.size() == static_cast<std::size_t>(12 * model::kMaxRecurrenceYears));
}

TEST_CASE("'Thường xuyên, hằng năm' is never overdue as a whole, but its missed checkpoints are listed") {
  const model::Plan plan = plan_with(recurring(Frequency::Year, {}, true));
  const Item item = evaluated(plan, Date{2022, 3, 1});
  CHECK(item.state == State::Ongoing);
  CHECK(item.occurrence == "2022");
  CHECK_FALSE(item.days.has_value());
  REQUIRE(item.late_occurrences.size() == 1);
  CHECK(item.late_occurrences[0].label == "2021");
}

TEST_CASE("the overdue list has one row per missed occurrence") {
  model::Plan plan = plan_with(recurring(Frequency::HalfYear), {record("2021-H2", TaskStatus::Done, Date{2022, 1, 3})});
  model::Task plain;
  plain.id = {"2", {}};
  plain.path = "2";
  plain.title = {util::HeapText("Một lần"), {}};
  plan.tasks.push_back(plain);
  const auto items = evaluate::evaluate_plan(plan, Date{2023, 1, 1});
  REQUIRE(items.size() == 2);
  const auto rows = evaluate::one_row_per_late_occurrence(items);
  REQUIRE(rows.size() == 4);  // 2021-H1, 2022-H1, 2022-H2, then the plain task
  CHECK(rows[0].occurrence == "2021-H1");
  CHECK(rows[0].due == Date{2021, 6, 30});
  CHECK(rows[1].occurrence == "2022-H1");
  CHECK(rows[2].occurrence == "2022-H2");
  CHECK(rows[2].days == -1);
  for (int i = 0; i < 3; ++i) CHECK(rows[static_cast<std::size_t>(i)].state == State::Overdue);
  CHECK(rows[3].id == "2");
  CHECK(rows[3].occurrence.empty());
  // Nothing missed: the rows are the items themselves.
  const auto unchanged = evaluate::one_row_per_late_occurrence({items[1]});
  REQUIRE(unchanged.size() == 1);
  CHECK(unchanged[0].id == "2");
}

TEST_CASE("a parent derives its deadline from a recurring child's shown occurrence") {
  model::Plan plan = plan_with(yearly_on_30_november());
  model::Task parent;
  parent.id = {"9", {}};
  parent.path = "9";
  parent.title = {util::HeapText("Nhóm"), {}};
  parent.children.push_back(plan.tasks[0]);
  parent.children[0].path = "9.1";
  plan.tasks = {parent};
  const auto items = evaluate::evaluate_plan(plan, Date{2021, 12, 1});
  REQUIRE(items.size() == 2);
  CHECK(items[0].due == Date{2021, 11, 30});
  CHECK(items[0].due_derived);
  CHECK(items[0].state == State::Overdue);
}
