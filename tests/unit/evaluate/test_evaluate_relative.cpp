// Relative and conditional deadlines on days before, on and after them (issue 3).
#include <catch2/catch.hpp>

#include <algorithm>

#include "evaluate/evaluate.hpp"

using namespace cchc;
using evaluate::Item;
using evaluate::State;
using evaluate::WaitingFor;
using model::TaskStatus;
using util::Date;

namespace {

// Deadlines come from the parser (tested on its own) so that the rows read like a plan.
model::Located<model::Deadline> wording(std::string_view text, bool span_from_trigger = false) {
  model::DeadlineOptions options;
  options.span_from_trigger = span_from_trigger;
  auto result = model::parse_deadline(text, options);
  if (const auto* error = std::get_if<model::DeadlineError>(&result)) FAIL(text << ": " << error->message);
  return {std::get<model::Deadline>(result), {}};
}

model::Task task(std::string path, std::string_view due) {
  model::Task result;
  result.id = {path, {}};
  result.path = path;
  result.title = {util::HeapText("Task " + path), {}};
  result.due = wording(due);
  return result;
}

model::Task done(model::Task task, Date on) {
  task.status = {TaskStatus::Done, {}};
  task.done = model::Located<Date>{on, {}};
  return task;
}

model::Plan plan_of(std::vector<model::Task> tasks) {
  model::Plan plan;
  plan.id = {"p", {}};
  plan.date = model::Located<util::PartialDate>{util::PartialDate{2026, 2, 13}, {}};
  plan.tasks = std::move(tasks);
  return plan;
}

Item item_of(const model::Plan& plan, Date today, const std::string& id) {
  const auto items = evaluate::evaluate_plan(plan, today);
  const auto found = std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
  REQUIRE(found != items.end());
  return *found;
}

}  // namespace

TEST_CASE("5 working days from 13/02/2026 end on 27/02/2026, after the Tết break") {
  const auto plan = plan_of({task("1", "05 ngày làm việc kể từ ngày 13/02/2026")});
  const Item before = item_of(plan, Date{2026, 2, 26}, "1");
  CHECK(before.due == Date{2026, 2, 27});
  CHECK(before.start == Date{2026, 2, 14});  // Civil Code Art. 147: counting starts the day after
  CHECK(before.state == State::DueSoon);
  CHECK(before.days == 1);
  CHECK(item_of(plan, Date{2026, 2, 27}, "1").state == State::DueToday);
  CHECK(item_of(plan, Date{2026, 3, 2}, "1").state == State::Overdue);
  CHECK(item_of(plan, Date{2026, 3, 2}, "1").days == -3);
}

TEST_CASE("a calendar-day deadline ending on a day off moves to the next working day (Art. 148.5)") {
  // 13/02/2026 + 30 days = Sunday 15/03/2026 → Monday 16/03/2026.
  CHECK(item_of(plan_of({task("1", "30 ngày kể từ ngày ban hành Kế hoạch")}), Date{2026, 3, 1}, "1").due ==
        Date{2026, 3, 16});
  // 16/01/2026 + 30 days = Sunday 15/02/2026, inside the Tết break 14–22/02 → Monday 23/02/2026.
  CHECK(item_of(plan_of({task("1", "30 ngày kể từ ngày 16/01/2026")}), Date{2026, 2, 1}, "1").due == Date{2026, 2, 23});
  // A working day stays: 13/02/2026 + 10 days = Monday 23/02/2026.
  CHECK(item_of(plan_of({task("1", "10 ngày kể từ ngày 13/02/2026")}), Date{2026, 2, 1}, "1").due == Date{2026, 2, 23});
}

TEST_CASE("a task after another waits until the other is done, then counts from its done date") {
  const auto plan = plan_of({done(task("3.1", "Trước ngày 31/3/2026"), Date{2026, 3, 20}),
                             task("3.2", "10 ngày làm việc sau khi hoàn thành nhiệm vụ 3.1")});
  // Looking back at a day before 3.1 was done: 3.2 was waiting for it.
  const Item waiting = item_of(plan, Date{2026, 3, 19}, "3.2");
  CHECK(waiting.state == State::Waiting);
  CHECK_FALSE(waiting.due);
  CHECK_FALSE(waiting.days);
  CHECK(waiting.waiting_for.kind == WaitingFor::Kind::Task);
  CHECK(waiting.waiting_for.text == "3.1");
  // From the day 3.1 was done: 10 working days from Friday 20/03 end on Friday 03/04.
  CHECK(item_of(plan, Date{2026, 3, 20}, "3.2").due == Date{2026, 4, 3});
  CHECK(item_of(plan, Date{2026, 4, 2}, "3.2").state == State::DueSoon);
  CHECK(item_of(plan, Date{2026, 4, 3}, "3.2").state == State::DueToday);
  CHECK(item_of(plan, Date{2026, 4, 6}, "3.2").state == State::Overdue);
}

TEST_CASE("a predecessor later in the file and a chain of predecessors") {
  const auto plan = plan_of({task("3", "5 ngày làm việc sau khi hoàn thành nhiệm vụ 2"),
                             task("2", "5 ngày làm việc sau khi hoàn thành nhiệm vụ 1"),
                             done(task("1", "2026-03-02"), Date{2026, 3, 2})});
  CHECK(item_of(plan, Date{2026, 3, 3}, "2").due == Date{2026, 3, 9});
  CHECK(item_of(plan, Date{2026, 3, 3}, "3").state == State::Waiting);
  CHECK(item_of(plan, Date{2026, 3, 3}, "3").waiting_for.text == "2");
}

TEST_CASE("a cancelled or undated predecessor leaves the task waiting") {
  auto cancelled = task("1", "2026-03-02");
  cancelled.status = {TaskStatus::Cancelled, {}};
  auto undated = task("2", "2026-03-02");
  undated.status = {TaskStatus::Done, {}};
  const auto plan = plan_of({cancelled, undated, task("3", "5 ngày sau khi hoàn thành nhiệm vụ 1"),
                             task("4", "5 ngày sau khi hoàn thành nhiệm vụ 2")});
  CHECK(item_of(plan, Date{2026, 6, 1}, "3").state == State::Waiting);
  CHECK(item_of(plan, Date{2026, 6, 1}, "4").state == State::Waiting);
}

TEST_CASE("conditions wait, never overdue, until the trigger's day; then its deadline counts") {
  auto conditional = task("5", "Theo Kế hoạch riêng");
  model::Trigger trigger;
  trigger.on = {Date{2026, 4, 1}, {}};
  trigger.due = wording("30 ngày", true);
  conditional.edit_extras().trigger = trigger;
  const auto plan = plan_of({task("4", "Sau khi có Quy chế của TW"), conditional});
  const Item untriggered = item_of(plan, Date{2030, 1, 1}, "4");
  CHECK(untriggered.state == State::Waiting);
  CHECK(untriggered.waiting_for.kind == WaitingFor::Kind::Event);
  CHECK(untriggered.waiting_for.text == "Sau khi có Quy chế của TW");
  CHECK(item_of(plan, Date{2026, 3, 31}, "5").state == State::Waiting);  // the event had not happened yet
  // 01/04 + 30 days = Friday 01/05 (Labour Day), then the weekend: Monday 04/05/2026.
  const Item triggered = item_of(plan, Date{2026, 4, 1}, "5");
  CHECK(triggered.due == Date{2026, 5, 4});
  CHECK(triggered.start == Date{2026, 4, 2});
  CHECK(triggered.state == State::Upcoming);  // counting starts the next day
  CHECK(item_of(plan, Date{2026, 4, 10}, "5").state == State::InProgress);
  CHECK(triggered.due_text == "Theo Kế hoạch riêng");
  CHECK(item_of(plan, Date{2026, 5, 5}, "5").state == State::Overdue);
}

TEST_CASE("an event-relative deadline counts from the trigger's day, with the plan's own holidays") {
  auto received = task("7", "Trong thời hạn 05 ngày làm việc kể từ ngày nhận");
  model::Trigger trigger;
  trigger.on = {Date{2026, 11, 20}, {}};
  received.edit_extras().trigger = trigger;
  auto plan = plan_of({received});
  CHECK(item_of(plan, Date{2026, 11, 21}, "7").due == Date{2026, 11, 27});
  plan.holidays.push_back(model::PlanDay{{Date{2026, 11, 24}, {}}, "Ngày Văn hóa Việt Nam"});
  CHECK(item_of(plan, Date{2026, 11, 21}, "7").due == Date{2026, 11, 30});
  // A Saturday the plan makes a working day counts.
  plan.working_days.push_back(model::PlanDay{{Date{2026, 11, 21}, {}}, "Làm bù"});
  CHECK(item_of(plan, Date{2026, 11, 21}, "7").due == Date{2026, 11, 27});
}

TEST_CASE("counting from the plan's issue waits while the plan has no full date") {
  auto plan = plan_of({task("2", "30 ngày kể từ ngày ban hành Kế hoạch")});
  plan.date = model::Located<util::PartialDate>{util::PartialDate{2026, 2, 0}, {}};
  const Item item = item_of(plan, Date{2026, 3, 1}, "2");
  CHECK(item.state == State::Waiting);
  CHECK(item.waiting_for.kind == WaitingFor::Kind::PlanIssued);
}

TEST_CASE("waiting is a state of its own: filtered, counted and sorted after ongoing work") {
  const auto plan = plan_of({task("1", "Đột xuất"), task("2", "Thường xuyên"), task("3", "2026-12-31")});
  auto items = evaluate::evaluate_plan(plan, Date{2026, 3, 1});
  CHECK(evaluate::parse_state("waiting") == State::Waiting);
  evaluate::Filter filter;
  filter.states = {State::Waiting};
  const auto waiting = evaluate::select(items, filter);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0].id == "1");
  evaluate::sort_by_urgency(items);
  CHECK(items[0].id == "3");
  CHECK(items[1].id == "2");
  CHECK(items[2].id == "1");
  const auto counts = evaluate::count_states(items);
  CHECK(std::find(counts.begin(), counts.end(), std::pair<State, int>{State::Waiting, 1}) != counts.end());
}

TEST_CASE("a parent whose only dated part is waiting waits too") {
  auto parent = task("3", "2026-12-31");
  parent.due.reset();
  parent.children = {task("3.1", "Sau khi có Quy chế của TW")};
  const Item item = item_of(plan_of({parent}), Date{2026, 3, 1}, "3");
  CHECK(item.state == State::Waiting);
  CHECK(item.due_derived);
}
