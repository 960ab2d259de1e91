#include <catch2/catch.hpp>

#include "model/deadline.hpp"
#include "model/recurrence.hpp"

using namespace cchc::model;
using cchc::util::Date;

namespace {

Deadline parsed(std::string_view text, DeadlineOptions options = {}) {
  const DeadlineResult result = parse_deadline(text, options);
  if (const auto* error = std::get_if<DeadlineError>(&result)) FAIL("'" << text << "' gave: " << error->message);
  return std::get<Deadline>(result);
}

DeadlineError failed(std::string_view text, DeadlineOptions options = {}) {
  const DeadlineResult result = parse_deadline(text, options);
  if (std::holds_alternative<Deadline>(result)) FAIL("'" << text << "' was accepted");
  return std::get<DeadlineError>(result);
}

Recurrence rule_of(std::string_view text, DeadlineOptions options = {}) {
  const Deadline deadline = parsed(text, options);
  REQUIRE(deadline.kind == DeadlineKind::Recurring);
  REQUIRE(deadline.recurrence.has_value());
  CHECK_FALSE(deadline.due.has_value());
  return *deadline.recurrence;
}

/// "label due" for each occurrence of `text` in `year`, joined by "; ".
std::string year_of(std::string_view text, int year, DeadlineOptions options = {}) {
  std::string out;
  for (const auto& occurrence : occurrences_in_year(rule_of(text, options), year)) {
    if (!out.empty()) out += "; ";
    out += occurrence.label + " " + occurrence.due.iso();
    if (occurrence.start) out += " from " + occurrence.start->iso();
  }
  return out;
}

}  // namespace

TEST_CASE("every year: the whole year, due on 31 December") {
  for (const char* text : {"Hằng năm", "Hàng năm", "hằng năm", "HẰNG NĂM", "  Hằng   năm ", "Định kỳ hằng năm"}) {
    INFO(text);
    const Recurrence rule = rule_of(text);
    CHECK(rule.every == Frequency::Year);
    CHECK(rule.on.empty());
    CHECK_FALSE(rule.from.has_value());
    CHECK_FALSE(rule.ongoing);
    CHECK(year_of(text, 2021) == "2021 2021-12-31 from 2021-01-01");
  }
  // NFD: the letters and their marks written apart.
  CHECK(rule_of("Ha\u0306\u0300ng na\u0306m").every == Frequency::Year);
  CHECK(parsed("Hằng năm").text == "Hằng năm");
}

TEST_CASE("every quarter: 'Hằng quý', 'Hàng quý', 'Quý' and 'Quí'") {
  for (const char* text : {"Hằng quý", "Hàng quý", "Hằng quí", "hàng QUÝ", "Quý", "Quí", "quý", "Định kỳ hằng quý"}) {
    INFO(text);
    CHECK(rule_of(text).every == Frequency::Quarter);
    CHECK(year_of(text, 2022) ==
          "2022-Q1 2022-03-31 from 2022-01-01; 2022-Q2 2022-06-30 from 2022-04-01; "
          "2022-Q3 2022-09-30 from 2022-07-01; 2022-Q4 2022-12-31 from 2022-10-01");
  }
}

TEST_CASE("every six months: 'định kỳ 6 tháng'") {
  for (const char* text : {"định kỳ 6 tháng", "Định kỳ 6 tháng", "Hằng 6 tháng", "6 tháng một lần"}) {
    INFO(text);
    CHECK(rule_of(text).every == Frequency::HalfYear);
    CHECK(year_of(text, 2021) == "2021-H1 2021-06-30 from 2021-01-01; 2021-H2 2021-12-31 from 2021-07-01");
  }
}

TEST_CASE("every month: 'Hằng tháng', due on the month's last day") {
  CHECK(rule_of("Hằng tháng").every == Frequency::Month);
  CHECK(rule_of("hàng tháng").every == Frequency::Month);
  const auto months = occurrences_in_year(rule_of("Hằng tháng"), 2024);
  REQUIRE(months.size() == 12);
  CHECK(months[1].label == "2024-02");
  CHECK(months[1].due == Date{2024, 2, 29});
  CHECK(months[11].due == Date{2024, 12, 31});
}

TEST_CASE("'Tháng 12 hằng năm' is the whole of December, every year") {
  const Recurrence rule = rule_of("Tháng 12 hằng năm");
  CHECK(rule.every == Frequency::Year);
  REQUIRE(rule.on.size() == 1);
  CHECK(rule.on[0].whole_month);
  CHECK(year_of("Tháng 12 hằng năm", 2023) == "2023 2023-12-31 from 2023-12-01");
  CHECK(year_of("tháng 6 hàng năm", 2023) == "2023 2023-06-30 from 2023-06-01");
  // Without "hằng năm" a month without its year is not a repetition.
  CHECK(failed("Tháng 12").message == "cannot read the deadline 'Tháng 12'");
}

TEST_CASE("a day of every year: 'trước ngày 30 tháng 11 hàng năm', 'Trước ngày 15/12 hằng năm'") {
  CHECK(year_of("trước ngày 30 tháng 11 hàng năm", 2021) == "2021 2021-11-30");
  CHECK(year_of("Trước ngày 15/12 hằng năm", 2021) == "2021 2021-12-15");
  CHECK(year_of("Ngày 15/12 hằng năm", 2021) == "2021 2021-12-15");
  CHECK(year_of("15/12 hằng năm", 2021) == "2021 2021-12-15");
  CHECK(year_of("Chậm nhất là ngày 15/12 hằng năm", 2021) == "2021 2021-12-15");
  // With `before_date: exclusive`, "trước ngày 30/11" means the 29th, every year.
  DeadlineOptions exclusive;
  exclusive.before_date = BeforeDate::Exclusive;
  CHECK(year_of("trước ngày 30 tháng 11 hàng năm", 2021, exclusive) == "2021 2021-11-29");
  CHECK(year_of("Trước ngày 01/3 hằng năm", 2024, exclusive) == "2024 2024-02-29");
  CHECK(year_of("Trước ngày 01/3 hằng năm", 2023, exclusive) == "2023 2023-02-28");
}

TEST_CASE("several days a year: 'định kỳ trước ngày 01/6 và 15/11 hằng năm'") {
  const Recurrence rule = rule_of("định kỳ trước ngày 01/6 và 15/11 hằng năm");
  CHECK(rule.every == Frequency::Year);
  REQUIRE(rule.on.size() == 2);
  CHECK(year_of("định kỳ trước ngày 01/6 và 15/11 hằng năm", 2021) == "2021-06-01 2021-06-01; 2021-11-15 2021-11-15");
  // Written in either order, the occurrences come in date order.
  CHECK(year_of("Định kỳ trước ngày 15/11, 01/6 hằng năm", 2021) == "2021-06-01 2021-06-01; 2021-11-15 2021-11-15");
}

TEST_CASE("29 February every year falls on 28 February in common years") {
  CHECK(year_of("Ngày 29/2 hằng năm", 2024) == "2024 2024-02-29");
  CHECK(year_of("Ngày 29/2 hằng năm", 2025) == "2025 2025-02-28");
}

TEST_CASE("'chậm nhất là ngày 20 của tháng cuối kỳ báo cáo' is quarterly, day 20 of the quarter's last month") {
  const Recurrence rule = rule_of("chậm nhất là ngày 20 của tháng cuối kỳ báo cáo");
  CHECK(rule.every == Frequency::Quarter);
  CHECK(year_of("chậm nhất là ngày 20 của tháng cuối kỳ báo cáo", 2022) ==
        "2022-Q1 2022-03-20; 2022-Q2 2022-06-20; 2022-Q3 2022-09-20; 2022-Q4 2022-12-20");
  CHECK(year_of("Trước ngày 20 của tháng cuối quý", 2022) == year_of("Chậm nhất là ngày 20 của tháng cuối quý", 2022));
  CHECK(rule_of("chậm nhất là ngày 20 của tháng cuối kỳ báo cáo hằng quý").every == Frequency::Quarter);
}

TEST_CASE("from a year on: 'Năm 2025 và các năm tiếp theo', 'từ năm 2025 và các năm tiếp theo'") {
  for (const char* text : {"Năm 2025 và các năm tiếp theo", "từ năm 2025 và các năm tiếp theo",
                           "Từ năm 2025 và các năm tiếp theo", "năm 2025 trở đi"}) {
    INFO(text);
    const Recurrence rule = rule_of(text);
    CHECK(rule.every == Frequency::Year);
    CHECK(rule.from == 2025);
    CHECK(year_of(text, 2026) == "2026 2026-12-31 from 2026-01-01");
  }
  CHECK(rule_of("Hằng năm, từ năm 2023").from == 2023);
  CHECK(rule_of("Hằng quý kể từ năm 2023").from == 2023);
}

TEST_CASE("'Thường xuyên, hằng năm' is ongoing work with a yearly checkpoint") {
  const Recurrence rule = rule_of("Thường xuyên, hằng năm");
  CHECK(rule.ongoing);
  CHECK(rule.every == Frequency::Year);
  CHECK(rule_of("Thực hiện thường xuyên, hàng năm").ongoing);
  // Plain "Thường xuyên" stays ongoing without checkpoints.
  CHECK(parsed("Thường xuyên").kind == DeadlineKind::Ongoing);
}

TEST_CASE("a day without its year takes the plan's year") {
  DeadlineOptions options;
  options.year = 2025;
  CHECK(parsed("Trước ngày 30/11", options).due == Date{2025, 11, 30});
  CHECK(parsed("trước ngày 30 tháng 11", options).due == Date{2025, 11, 30});
  CHECK(parsed("Chậm nhất là ngày 15/12", options).due == Date{2025, 12, 15});
  CHECK(parsed("30/11", options).due == Date{2025, 11, 30});
  CHECK(parsed("Trước ngày 30/11", options).kind == DeadlineKind::Date);
  options.before_date = BeforeDate::Exclusive;
  CHECK(parsed("Trước ngày 30/11", options).due == Date{2025, 11, 29});
}

TEST_CASE("a day without its year is an error when the plan gives no year") {
  const DeadlineError error = failed("Trước ngày 30/11");
  CHECK(error.message == "the day 30/11 has no year, and the plan gives none");
  CHECK(error.hint.find("period:") != std::string::npos);
  DeadlineOptions options;
  options.year = 2025;
  CHECK(failed("Trước ngày 29/2", options).message == "there is no day 29/2/2025: February 2025 has 28 days");
}

TEST_CASE("impossible days and mismatched repetitions are errors, never guesses") {
  CHECK(failed("Trước ngày 31/4 hằng năm").message == "there is no day 31/4: April has 30 days");
  CHECK(failed("Tháng 13 hằng năm").message == "there is no month 13: months go from 1 to 12");
  CHECK(failed("Trước ngày 30/11 hằng quý").message == "a day of the year (such as 30/11) can only repeat every year");
  CHECK(failed("Tháng 12 hằng quý").message == "the days named and the repetition do not agree");
  CHECK(failed("ngày 32 của tháng cuối quý").message == "there is no day 32: days go from 1 to 31");
  for (const char* text : {"Hằng", "Định kỳ", "Hằng tuần", "Từ năm 2025", "Quý năm", "Hằng năm năm"}) {
    INFO(text);
    CHECK(failed(text).message.rfind("cannot read the deadline", 0) == 0);
  }
}

TEST_CASE("the accepted forms list the recurring wordings") {
  std::string all;
  for (const auto& form : accepted_deadline_forms()) all += form + "\n";
  CHECK(all.find("Hằng năm, Hàng quý") != std::string::npos);
  CHECK(all.find("Định kỳ trước ngày 01/6 và 15/11") != std::string::npos);
  CHECK(all.find("Thường xuyên, hằng năm") != std::string::npos);
  CHECK(all.find("Năm 2025 và các năm tiếp theo") != std::string::npos);
}

TEST_CASE("occurrences cover the years asked, never more than the cap") {
  const Recurrence monthly = rule_of("Hằng tháng");
  CHECK(occurrences(monthly, 2021, 2022).size() == 24);
  CHECK(occurrences(monthly, 2021, 3021).size() == static_cast<std::size_t>(12 * kMaxRecurrenceYears));
  CHECK(occurrences(monthly, 2022, 2021).empty());
}

TEST_CASE("an occurrence is found by its label, inside the years only") {
  const Recurrence quarterly = rule_of("Hằng quý");
  const auto found = find_occurrence(quarterly, "2022-Q2", 2021, 2025);
  REQUIRE(found.has_value());
  CHECK(found->due == Date{2022, 6, 30});
  CHECK_FALSE(find_occurrence(quarterly, "2022-Q5", 2021, 2025));
  CHECK_FALSE(find_occurrence(quarterly, "2020-Q4", 2021, 2025));
  CHECK_FALSE(find_occurrence(quarterly, "2026-Q1", 2021, 2025));
  CHECK_FALSE(find_occurrence(quarterly, "2022", 2021, 2025));
  CHECK_FALSE(find_occurrence(quarterly, "Q2", 2021, 2025));
  CHECK(find_occurrence(rule_of("Hằng năm"), "2023", 2021, 2025));
  CHECK(label_example(quarterly, 2021) == "'2021-Q1' … '2021-Q4'");
  CHECK(label_example(rule_of("Hằng năm"), 2021) == "'2021'");
}

TEST_CASE("a structured rule is described in words") {
  Recurrence rule;
  rule.every = Frequency::Quarter;
  rule.on = {DayOfPeriod{0, 20, false}};
  rule.from = 2022;
  CHECK(describe_recurrence(rule) == "Hằng quý, ngày 20 của tháng cuối kỳ, từ năm 2022");
  Recurrence yearly;
  yearly.on = {DayOfPeriod{6, 1, false}, DayOfPeriod{11, 15, false}};
  CHECK(describe_recurrence(yearly) == "Hằng năm, ngày 01/6 và ngày 15/11");
}
