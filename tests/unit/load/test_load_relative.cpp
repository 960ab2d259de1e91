// The YAML of relative and conditional deadlines: structured `due:`, `trigger:` and a plan's own days off.
#include <catch2/catch.hpp>

#include <string>

#include "load/load.hpp"

using namespace cchc;
using model::DeadlineAnchor;
using model::DeadlineKind;
using util::Date;
using util::SourcePos;

namespace {

const std::string kHead =
    "cchc: 1\nplan:\n  id: p\n  title: x\n  date: 2026-02-13\ntasks:\n  - id: \"1\"\n    title: t\n";

load::LoadResult load_text(const std::string& text) { return load::load_plan(text, "plan.yaml"); }

model::Plan clean(const std::string& text) {
  auto result = load_text(text);
  INFO((result.diagnostics.empty() ? std::string() : result.diagnostics[0].message));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.plan);
  return std::move(*result.plan);
}

util::Diagnostic one_problem(const std::string& text) {
  auto result = load_text(text);
  INFO((result.diagnostics.empty() ? std::string("none") : result.diagnostics[0].message));
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics[0];
}

}  // namespace

TEST_CASE("structured relative deadlines read like their wording") {
  const auto after_task = clean(kHead + "    due: {after: \"3.1\", working_days: 10}\n").tasks[0].due->value;
  CHECK(after_task.kind == DeadlineKind::Relative);
  CHECK(after_task.relative->anchor.kind == DeadlineAnchor::Kind::TaskDone);
  CHECK(after_task.relative->anchor.task == "3.1");
  CHECK(after_task.relative->span.count == 10);
  CHECK(after_task.relative->span.unit == model::DayUnit::Working);
  CHECK(after_task.text == "10 ngày làm việc sau khi hoàn thành nhiệm vụ 3.1");

  const auto after_day = clean(kHead + "    due: {after: 2026-02-13, days: 30}\n").tasks[0].due->value;
  CHECK(after_day.relative->anchor.kind == DeadlineAnchor::Kind::Date);
  CHECK(after_day.relative->anchor.date == Date{2026, 2, 13});
  CHECK(after_day.relative->span.unit == model::DayUnit::Calendar);

  const auto after_plan = clean(kHead + "    due: {after: plan, days: 30}\n").tasks[0].due->value;
  CHECK(after_plan.relative->anchor.kind == DeadlineAnchor::Kind::PlanIssued);
}

TEST_CASE("mistakes in structured deadlines are located") {
  CHECK(one_problem(kHead + "    due: {after: plan, days: 30, working_days: 5}\n").check == "invalid-deadline");
  CHECK(one_problem(kHead + "    due: {after: plan}\n").check == "missing-field");
  CHECK(one_problem(kHead + "    due: {days: 5}\n").check == "missing-field");
  CHECK(one_problem(kHead + "    due: {after: plan, days: 0}\n").check == "invalid-value");
  const auto impossible = one_problem(kHead + "    due: {after: 2021-04-31, days: 5}\n");
  CHECK(impossible.check == "invalid-deadline");
  CHECK(impossible.pos == SourcePos{9, 18});
  CHECK(impossible.message == "there is no day 2021-04-31: April 2021 has 30 days");
  const auto misspelt = load_text(kHead + "    due: {after: plan, dayz: 5}\n");
  REQUIRE_FALSE(misspelt.diagnostics.empty());
  CHECK(misspelt.diagnostics[0].check == "unknown-key");
  CHECK(misspelt.diagnostics[0].hint == "did you mean 'days'?");
}

TEST_CASE("a trigger dates the event and, for a condition, brings the deadline") {
  const auto task =
      clean(kHead + "    due: Theo Kế hoạch riêng\n    trigger: {on: 2026-04-01, due: 30 ngày, note: KH 45}\n")
          .tasks[0];
  REQUIRE(task.trigger());
  CHECK(task.trigger()->on.value == Date{2026, 4, 1});
  REQUIRE(task.trigger()->due);
  CHECK(task.trigger()->due->value.relative->anchor.kind == DeadlineAnchor::Kind::Trigger);
  CHECK(task.trigger()->note == "KH 45");
  const auto absolute =
      clean(kHead + "    due: Sau khi có Quy chế của TW\n    trigger: {on: 2026-04-01, due: 30/06/2026}\n").tasks[0];
  CHECK(absolute.trigger()->due->value.due == Date{2026, 6, 30});
  const auto received = clean(kHead + "    due: 05 ngày làm việc kể từ ngày nhận\n    trigger: 2026-11-20\n").tasks[0];
  CHECK(received.trigger()->on.value == Date{2026, 11, 20});
  CHECK_FALSE(received.trigger()->due);
}

TEST_CASE("a trigger that does not fit its deadline is an error") {
  const auto none = one_problem(kHead + "    due: 30/4/2026\n    trigger: 2026-03-01\n");
  CHECK(none.check == "invalid-value");
  CHECK(none.pos == SourcePos{10, 14});
  CHECK(one_problem(kHead + "    due: Đột xuất\n    trigger: 2026-03-01\n").check == "missing-field");
  CHECK(one_problem(kHead + "    due: 5 ngày kể từ ngày nhận\n    trigger: {on: 2026-03-01, due: 5 ngày}\n").check ==
        "invalid-value");
  CHECK(one_problem(kHead + "    due: Đột xuất\n    trigger: {on: 2026-03-01, due: Khi có yêu cầu}\n").check ==
        "invalid-value");
  const auto repeating =
      one_problem(kHead + "    due: Đột xuất\n    trigger: {on: 2026-03-01, due: Hằng năm từ năm 2026}\n");
  CHECK(repeating.check == "invalid-value");
  CHECK(repeating.message == "the deadline after the event must be one date, not a repetition");
  CHECK(one_problem(kHead + "    due: Đột xuất\n    trigger: 2026-02-30\n").check == "invalid-date");
  CHECK(one_problem(kHead + "    due: Đột xuất\n    trigger: {due: 5 ngày}\n").check == "missing-field");
}

TEST_CASE("a plan adds days off and working weekend days; bad dates are located") {
  const std::string head = "cchc: 1\nplan:\n  id: p\n  title: x\n";
  const auto plan = clean(head +
                          "  holidays:\n    - {date: 2027-11-24, name: Ngày Văn hóa Việt Nam}\n    - 2027-12-31\n"
                          "  working_days:\n    - {date: 2027-02-20, name: Làm bù}\n");
  REQUIRE(plan.holidays.size() == 2);
  CHECK(plan.holidays[0].date.value == Date{2027, 11, 24});
  CHECK(plan.holidays[0].name == "Ngày Văn hóa Việt Nam");
  CHECK(plan.holidays[1].name.empty());
  REQUIRE(plan.working_days.size() == 1);
  CHECK(plan.working_days[0].date.value == Date{2027, 2, 20});

  const auto impossible = one_problem(head + "  holidays:\n    - {date: 2027-04-31}\n");
  CHECK(impossible.check == "invalid-date");
  CHECK(impossible.pos == SourcePos{6, 14});
  CHECK(impossible.message.find("April 2027 has 30 days") != std::string::npos);
  const auto weekday = one_problem(head + "  working_days:\n    - 2027-02-22\n");
  CHECK(weekday.check == "invalid-value");
  CHECK(weekday.message == "22/02/2027 is not a Saturday or a Sunday");
  CHECK(one_problem(head + "  holidays: 2027-11-24\n").check == "wrong-type");
}

TEST_CASE("a wording read again is read as its first time only under the same settings, and in NFC") {
  // Deadlines are remembered by their text as written: "30 ngày" is a span from the trigger only inside
  // `trigger:`, and the same wording in `due:` stays an error after it was read there; an NFD wording is kept NFC.
  const std::string nfd_due = "Tr\u01B0\u01A1\u0301c nga\u0300y 30/4/2026";
  const std::string text =
      kHead + "    due: Theo Kế hoạch riêng\n    trigger: {on: 2026-04-01, due: 30 ngày}\n" +
      "  - id: \"2\"\n    title: t\n    due: 30 ngày\n" + "  - id: \"3\"\n    title: t\n    due: " + nfd_due + "\n" +
      "  - id: \"4\"\n    title: t\n    due: " + nfd_due + "\n" +
      "  - id: \"5\"\n    title: t\n    due: Theo Kế hoạch riêng\n" + "    trigger: {on: 2026-05-01, due: 30 ngày}\n";
  const auto result = load_text(text);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].check == "invalid-deadline");
  CHECK(result.diagnostics[0].pos == SourcePos{13, 10});
  REQUIRE(result.plan);
  const auto& tasks = result.plan->tasks;
  REQUIRE(tasks.size() == 5);
  CHECK_FALSE(tasks[1].due);
  for (const std::size_t i : {2u, 3u}) {
    REQUIRE(tasks[i].due);
    CHECK(tasks[i].due->value.text == "Trước ngày 30/4/2026");
    CHECK(tasks[i].due->value.due == Date{2026, 4, 30});
  }
  for (const std::size_t i : {0u, 4u}) {
    REQUIRE(tasks[i].trigger());
    REQUIRE(tasks[i].trigger()->due);
    CHECK(tasks[i].trigger()->due->value.relative->span.count == 30);
  }
  CHECK(tasks[4].trigger()->due->pos == SourcePos{23, 36});
}
