// The period wordings of real plans (issue 3): quarters, half-years, ranges, points of the year.
// Each row is a wording quoted from a provincial or central plan and the reading docs/plan-format.md gives.
#include <catch2/catch.hpp>

#include <optional>

#include "model/deadline.hpp"

using namespace cchc::model;
using cchc::util::Date;

namespace {

struct Reading {
  const char* text;
  std::optional<Date> start;
  Date due;
  DeadlinePrecision precision;
};

Deadline read(std::string_view text, BeforeDate before_date = BeforeDate::Inclusive) {
  const DeadlineResult result = parse_deadline(text, DeadlineOptions{before_date});
  if (const auto* error = std::get_if<DeadlineError>(&result)) FAIL("'" << text << "' gave: " << error->message);
  return std::get<Deadline>(result);
}

std::string error_of(std::string_view text) {
  const DeadlineResult result = parse_deadline(text);
  if (std::holds_alternative<Deadline>(result)) FAIL("'" << text << "' was accepted");
  return std::get<DeadlineError>(result).message;
}

}  // namespace

TEST_CASE("period wordings read as the documented window and due date") {
  const Reading readings[] = {
      {"Quí IV-2025", Date{2025, 10, 1}, Date{2025, 12, 31}, DeadlinePrecision::Quarter},
      {"Quý IV/2025", Date{2025, 10, 1}, Date{2025, 12, 31}, DeadlinePrecision::Quarter},
      {"Quý III Năm 2026", Date{2026, 7, 1}, Date{2026, 9, 30}, DeadlinePrecision::Quarter},
      {"quý 1/2021", Date{2021, 1, 1}, Date{2021, 3, 31}, DeadlinePrecision::Quarter},
      {"Quý I, II năm 2021", Date{2021, 1, 1}, Date{2021, 6, 30}, DeadlinePrecision::Quarter},
      {"Quý II và III năm 2021", Date{2021, 4, 1}, Date{2021, 9, 30}, DeadlinePrecision::Quarter},
      {"Trong quý I/2025", Date{2025, 1, 1}, Date{2025, 3, 31}, DeadlinePrecision::Quarter},
      {"Quý IV/2025- Quý II/2026", Date{2025, 10, 1}, Date{2026, 6, 30}, DeadlinePrecision::Quarter},
      {"2026 - 2030", Date{2026, 1, 1}, Date{2030, 12, 31}, DeadlinePrecision::Year},
      {"2025 - 2035", Date{2025, 1, 1}, Date{2035, 12, 31}, DeadlinePrecision::Year},
      {"2021-2025", Date{2021, 1, 1}, Date{2025, 12, 31}, DeadlinePrecision::Year},
      {"Giai đoạn 2026 - 2030", Date{2026, 1, 1}, Date{2030, 12, 31}, DeadlinePrecision::Year},
      {"Từ tháng 10/2025 đến tháng 3/2026", Date{2025, 10, 1}, Date{2026, 3, 31}, DeadlinePrecision::Month},
      {"Tháng 12/2025", Date{2025, 12, 1}, Date{2025, 12, 31}, DeadlinePrecision::Month},
      {"Tháng 12-2025", Date{2025, 12, 1}, Date{2025, 12, 31}, DeadlinePrecision::Month},
      {"Trong tháng 6/2025", Date{2025, 6, 1}, Date{2025, 6, 30}, DeadlinePrecision::Month},
      {"6 tháng đầu năm 2025", Date{2025, 1, 1}, Date{2025, 6, 30}, DeadlinePrecision::HalfYear},
      {"6 tháng cuối năm 2025", Date{2025, 7, 1}, Date{2025, 12, 31}, DeadlinePrecision::HalfYear},
      {"2026", Date{2026, 1, 1}, Date{2026, 12, 31}, DeadlinePrecision::Year},
      {"Trong năm 2026", Date{2026, 1, 1}, Date{2026, 12, 31}, DeadlinePrecision::Year},
      {"Trước năm 2030", std::nullopt, Date{2029, 12, 31}, DeadlinePrecision::Year},
      {"Đầu năm 2025", std::nullopt, Date{2025, 1, 1}, DeadlinePrecision::Day},
      {"Giữa năm 2025", std::nullopt, Date{2025, 6, 30}, DeadlinePrecision::Day},
      {"Cuối năm 2025", std::nullopt, Date{2025, 12, 31}, DeadlinePrecision::Day},
      {"30/09/2025", std::nullopt, Date{2025, 9, 30}, DeadlinePrecision::Day},
      {"Trước ngày 30/11/2025", std::nullopt, Date{2025, 11, 30}, DeadlinePrecision::Day},
      {"Ngày 30 tháng 11 năm 2025", std::nullopt, Date{2025, 11, 30}, DeadlinePrecision::Day},
      {"Chậm nhất là ngày 20/12/2025", std::nullopt, Date{2025, 12, 20}, DeadlinePrecision::Day},
      {"chậm nhất ngày 20 tháng 12 năm 2025", std::nullopt, Date{2025, 12, 20}, DeadlinePrecision::Day},
  };
  for (const Reading& reading : readings) {
    INFO(reading.text);
    const Deadline deadline = read(reading.text);
    CHECK(deadline.kind == DeadlineKind::Date);
    CHECK(deadline.start == reading.start);
    CHECK(deadline.due == reading.due);
    CHECK(deadline.precision == reading.precision);
    CHECK(deadline.text == reading.text);
  }
}

TEST_CASE("'Trước ngày' in words follows the plan's before_date; 'Chậm nhất' never moves") {
  CHECK(read("Trước ngày 30 tháng 11 năm 2025", BeforeDate::Exclusive).due == Date{2025, 11, 29});
  CHECK(read("Trước ngày 30 tháng 11 năm 2025", BeforeDate::Inclusive).due == Date{2025, 11, 30});
  CHECK(read("Chậm nhất là ngày 30/11/2025", BeforeDate::Exclusive).due == Date{2025, 11, 30});
  CHECK(read("Trước năm 2030", BeforeDate::Exclusive).due == Date{2029, 12, 31});
}

TEST_CASE("case, spacing and decomposed (NFD) input do not change a period's reading") {
  // "QUÝ IV / 2025" typed in capitals with extra spaces, and "Quý" with a combining acute accent.
  CHECK(read("QUÝ   IV/2025").due == Date{2025, 12, 31});
  CHECK(read("Quy\xcc\x81 IV/2025").due == Date{2025, 12, 31});
  CHECK(read("giai   đoạn 2026 -   2030").start == Date{2026, 1, 1});
}

TEST_CASE("impossible periods are errors that say why") {
  CHECK(error_of("2030 - 2026") == "the period ends (31/12/2026) before it begins (01/01/2030)");
  CHECK(error_of("Quý II/2026 - Quý IV/2025") == "the period ends (31/12/2025) before it begins (01/04/2026)");
  CHECK(error_of("Ngày 31 tháng 4 năm 2021") == "there is no day 31/4/2021: April 2021 has 30 days");
  CHECK(error_of("Chậm nhất là ngày 29/02/2021") == "there is no day 29/02/2021: February 2021 has 28 days");
  CHECK(error_of("Quý V/2025") == "cannot read the deadline 'Quý V/2025'");
  CHECK(error_of("Quý IV") == "cannot read the deadline 'Quý IV'");
  CHECK(error_of("Giai đoạn 2026") == "cannot read the deadline 'Giai đoạn 2026'");
}
