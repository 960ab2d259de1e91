// Conditional and relative deadline wordings (issue 3): what each reads as, and the wordings refused.
#include <catch2/catch.hpp>

#include <string>

#include "model/deadline.hpp"

using namespace cchc::model;
using cchc::util::Date;
using Anchor = DeadlineAnchor::Kind;

namespace {

Deadline read(std::string_view text, DeadlineOptions options = {}) {
  const DeadlineResult result = parse_deadline(text, options);
  if (const auto* error = std::get_if<DeadlineError>(&result)) FAIL("'" << text << "' gave: " << error->message);
  return std::get<Deadline>(result);
}

std::string error_of(std::string_view text, DeadlineOptions options = {}) {
  const DeadlineResult result = parse_deadline(text, options);
  if (std::holds_alternative<Deadline>(result)) FAIL("'" << text << "' was accepted");
  return std::get<DeadlineError>(result).message;
}

}  // namespace

TEST_CASE("conditional wordings wait for their event and keep it as written") {
  for (const char* text :
       {"Theo Kế hoạch riêng", "Theo kế hoạch riêng", "THEO KẾ HOẠCH RIÊNG", "Sau khi có Quy chế của TW",
        "Sau khi Chính phủ ban hành Nghị định", "Theo lộ trình", "Theo lộ trình của Chính phủ", "Theo lộ trình…",
        "Đột xuất", "đột xuất", "Khi có yêu cầu", "Theo yêu cầu của Bộ Nội vụ", "Theo hướng dẫn của Bộ Nội vụ",
        "  Sau   khi  có  Quy chế của TW "}) {
    INFO(text);
    const Deadline deadline = read(text);
    CHECK(deadline.kind == DeadlineKind::Conditional);
    CHECK_FALSE(deadline.due);
    CHECK(deadline.condition() == deadline.text);
  }
  // NFD input (combining marks) reads the same and is kept in NFC.
  const Deadline nfd = read("\u0110o\u0323\u0302t xua\u0302\u0301t");
  CHECK(nfd.kind == DeadlineKind::Conditional);
  CHECK(nfd.text == "Đột xuất");
  CHECK(read("Sau khi có Quy chế của TW").condition() == "Sau khi có Quy chế của TW");
}

TEST_CASE("'Sau khi' must name an event one can tell has happened") {
  CHECK(error_of("Sau khi xong").find("cannot read the deadline") != std::string::npos);
  CHECK(error_of("Sau khi có").find("cannot read the deadline") != std::string::npos);
  CHECK(error_of("Khi").find("cannot read the deadline") != std::string::npos);
  // A condition that also names a date is refused rather than read without its date.
  CHECK(error_of("Theo kế hoạch, trước ngày 30/4/2026").find("cannot read the deadline") != std::string::npos);
}

TEST_CASE("only a relative deadline carries days and an anchor, only a conditional one a condition") {
  for (const char* wording : {"Tháng 02 năm 2020", "Thường xuyên", "Hằng quý", "Sau khi có Quy chế của TW"}) {
    INFO(wording);
    CHECK_FALSE(read(wording).relative);
    CHECK_FALSE(read(wording).counts_from(Anchor::Date));
  }
  CHECK(read("Tháng 02 năm 2020").condition().empty());
  CHECK(read("05 ngày làm việc kể từ ngày 13/02/2026").condition().empty());
  CHECK(read("05 ngày làm việc kể từ ngày 13/02/2026").counts_from(Anchor::Date));
  CHECK_FALSE(read("05 ngày làm việc kể từ ngày 13/02/2026").counts_from(Anchor::TaskDone));
}

TEST_CASE("days counted from a stated day") {
  const Deadline working = read("05 ngày làm việc kể từ ngày 13/02/2026");
  CHECK(working.kind == DeadlineKind::Relative);
  REQUIRE(working.relative);
  CHECK(working.relative->span.count == 5);
  CHECK(working.relative->span.unit == DayUnit::Working);
  CHECK(working.relative->anchor.kind == Anchor::Date);
  CHECK(working.relative->anchor.date == Date{2026, 2, 13});
  CHECK_FALSE(working.due);  // computed when evaluating, with the plan's calendar

  const Deadline calendar = read("30 ngày kể từ ngày 2026-02-13");
  REQUIRE(calendar.relative);
  CHECK(calendar.relative->span.unit == DayUnit::Calendar);
  CHECK(calendar.relative->span.count == 30);
  CHECK(calendar.relative->anchor.date == Date{2026, 2, 13});

  CHECK(read("Trong thời hạn 10 ngày kể từ ngày 13 tháng 2 năm 2026").relative->anchor.date == Date{2026, 2, 13});
  CHECK(read("trong vòng 7 ngày làm việc sau ngày 1/3/2026").relative->anchor.date == Date{2026, 3, 1});
  CHECK(read("Chậm nhất 15 ngày kể từ 01/03/2026").relative->span.count == 15);
}

TEST_CASE("days counted from the plan's issue") {
  for (const char* text : {"30 ngày kể từ ngày ban hành Kế hoạch", "30 ngày kể từ ngày ban hành Kế hoạch này",
                           "30 ngày kể từ ngày ký ban hành", "30 ngày kể từ ngày Kế hoạch được ban hành"}) {
    INFO(text);
    const Deadline deadline = read(text);
    CHECK(deadline.kind == DeadlineKind::Relative);
    CHECK(deadline.relative->anchor.kind == Anchor::PlanIssued);
    CHECK(deadline.relative->span.count == 30);
  }
}

TEST_CASE("days counted from another task's completion keep the task number as written") {
  const Deadline deadline = read("10 ngày làm việc sau khi hoàn thành nhiệm vụ 3.1");
  CHECK(deadline.relative->anchor.kind == Anchor::TaskDone);
  CHECK(deadline.relative->anchor.task == "3.1");
  CHECK(deadline.relative->span.unit == DayUnit::Working);
  CHECK(read("5 ngày sau khi nhiệm vụ II.1 hoàn thành").relative->anchor.task == "II.1");
  CHECK(read("5 ngày kể từ ngày hoàn thành mục 2").relative->anchor.task == "2");
  CHECK(read("5 NGÀY SAU KHI HOÀN THÀNH NHIỆM VỤ 3.14").relative->anchor.task == "3.14");
  CHECK(error_of("10 ngày sau khi hoàn thành nhiệm vụ").find("number of the task") != std::string::npos);
}

TEST_CASE("days counted from an event wait for 'trigger:'") {
  const Deadline deadline = read("Trong thời hạn 05 ngày làm việc kể từ ngày nhận");
  CHECK(deadline.kind == DeadlineKind::Relative);
  CHECK(deadline.relative->anchor.kind == Anchor::Event);
  CHECK(deadline.relative->anchor.event == "nhận");
  CHECK(read("30 ngày sau khi có Quy chế của TW").relative->anchor.event == "có quy chế của tw");
}

TEST_CASE("a bare number of days is only read inside a trigger") {
  CHECK(error_of("30 ngày").find("not from when") != std::string::npos);
  DeadlineOptions inside_trigger;
  inside_trigger.span_from_trigger = true;
  const Deadline deadline = read("10 ngày làm việc", inside_trigger);
  CHECK(deadline.relative->anchor.kind == Anchor::Trigger);
  CHECK(deadline.relative->span.count == 10);
}

TEST_CASE("impossible days and counts in relative deadlines are errors") {
  CHECK(error_of("05 ngày làm việc kể từ ngày 31/4/2021") == "there is no day 31/4/2021: April 2021 has 30 days");
  CHECK(error_of("0 ngày kể từ ngày 1/1/2026").find("1 to 3660") != std::string::npos);
  CHECK(error_of("9999 ngày kể từ ngày 1/1/2026").find("1 to 3660") != std::string::npos);
  CHECK(error_of("05 ngày làm việc kể từ ngày 13/02").find("cannot read") != std::string::npos);
}

TEST_CASE("the accepted forms list the new wordings") {
  const auto& forms = accepted_deadline_forms();
  const auto mentions = [&](std::string_view word) {
    return std::any_of(forms.begin(), forms.end(),
                       [&](const std::string& form) { return form.find(word) != std::string::npos; });
  };
  CHECK(mentions("ngày làm việc kể từ"));
  CHECK(mentions("Sau khi có Quy chế"));
  CHECK(mentions("Đột xuất"));
}
