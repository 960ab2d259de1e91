#include <catch2/catch.hpp>

#include <algorithm>

#include "calendar/holidays.hpp"

using cchc::calendar::Calendar;
using cchc::calendar::DayOff;
using cchc::calendar::DecreedDay;
using cchc::util::Date;

namespace {
Date d(int day, int month, int year) { return Date{year, month, day}; }

bool is_off(const std::vector<DayOff>& days, Date date) {
  return std::any_of(days.begin(), days.end(), [&](const auto& day) { return day.date == date; });
}

const DayOff* find(const std::vector<DayOff>& days, Date date) {
  for (const auto& day : days) {
    if (day.date == date) return &day;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("the holiday data compiled in reads without a problem") {
  Calendar calendar;
  CHECK(calendar.add(cchc::calendar::builtin_holidays_text(), "data/holidays.txt").empty());
  CHECK(calendar.rules().size() == 7);
}

TEST_CASE("weekdays") {
  CHECK(cchc::calendar::weekday(d(1, 1, 1970)) == 3);   // a Thursday
  CHECK(cchc::calendar::weekday(d(27, 4, 2026)) == 0);  // a Monday
  CHECK(cchc::calendar::is_weekend(d(29, 4, 2023)));
}

// Source: the issue: in 2023 Giỗ Tổ fell on Saturday 29/4 and 30/4 on a Sunday, which gave
// Tuesday 2/5 and Wednesday 3/5 off (Labour Code 2019 Art. 111.3).
TEST_CASE("2023: two holidays on a weekend are made up on Tuesday and Wednesday after 1/5") {
  const auto days = Calendar::builtin().days_off(2023);
  REQUIRE(find(days, d(2, 5, 2023)));
  CHECK(find(days, d(2, 5, 2023))->kind == DayOff::Kind::Compensatory);
  CHECK(find(days, d(2, 5, 2023))->makes_up_for == d(29, 4, 2023));
  CHECK(find(days, d(3, 5, 2023))->makes_up_for == d(30, 4, 2023));
  CHECK(find(days, d(1, 5, 2023))->id == "labour-day");
  CHECK_FALSE(is_off(days, d(4, 5, 2023)));
  CHECK(Calendar::builtin().is_working_day(d(4, 5, 2023)));
  CHECK_FALSE(Calendar::builtin().is_working_day(d(3, 5, 2023)));
}

// Source: the issue (compensatory Monday 27/04/2026) and the 2026 Tết decision, 14/2–22/2/2026.
TEST_CASE("2026: the Tết break and the compensatory Monday after Giỗ Tổ") {
  const auto& calendar = Calendar::builtin();
  const auto days = calendar.days_off(2026);
  for (Date day = d(14, 2, 2026); day <= d(22, 2, 2026); day = cchc::util::add_days(day, 1)) {
    INFO(day.iso());
    CHECK_FALSE(calendar.is_working_day(day));
  }
  CHECK(calendar.is_working_day(d(13, 2, 2026)));
  CHECK(calendar.is_working_day(d(23, 2, 2026)));
  REQUIRE(find(days, d(27, 4, 2026)));
  CHECK(find(days, d(27, 4, 2026))->kind == DayOff::Kind::Compensatory);
  CHECK(find(days, d(27, 4, 2026))->id == "hung-kings");
  CHECK(is_off(days, d(1, 9, 2026)));  // Tuesday, the adjacent day of Wednesday 2/9
  CHECK(is_off(days, d(2, 9, 2026)));
}

// Source: the issue: 5 working days from 13/02/2026 end on 27/02/2026. Civil Code Art. 147:
// counting starts on 14/2; 14/2–22/2 is the Tết break, so the days are 23, 24, 25, 26 and 27/2.
TEST_CASE("working days are counted from the next day and skip days off") {
  const auto& calendar = Calendar::builtin();
  CHECK(calendar.add_working_days(d(13, 2, 2026), 5) == d(27, 2, 2026));
  CHECK(calendar.add_working_days(d(13, 2, 2026), 1) == d(23, 2, 2026));
  CHECK(calendar.add_working_days(d(13, 2, 2026), 0) == d(13, 2, 2026));
  CHECK(calendar.add_working_days(d(23, 2, 2026), -1) == d(13, 2, 2026));
  CHECK(calendar.add_working_days(d(28, 4, 2023), 1) == d(4, 5, 2023));
  CHECK(calendar.next_working_day(d(14, 2, 2026)) == d(23, 2, 2026));
  CHECK(calendar.next_working_day(d(13, 2, 2026)) == d(13, 2, 2026));
  // Across New Year: 31/12/2026 is a Thursday, 1/1/2027 a holiday, then a weekend.
  CHECK(calendar.add_working_days(d(31, 12, 2026), 1) == d(4, 1, 2027));
}

// Source: the 2025 Tết decision as reported by the press: 25/1–2/2/2025 off, Saturday 8/2/2025 worked.
TEST_CASE("decreed days replace the rule and a decreed Saturday is a working day") {
  const auto& calendar = Calendar::builtin();
  CHECK_FALSE(calendar.is_working_day(d(27, 1, 2025)));
  CHECK(calendar.is_working_day(d(3, 2, 2025)));  // the rule alone would have made up 1/2 on Monday 3/2
  CHECK(calendar.is_working_day(d(8, 2, 2025)));
  CHECK(calendar.working_weekend_days(2025).size() == 1);
  // 2024: 8/2–14/2 decreed; the rule would have given 9/2–15/2.
  CHECK_FALSE(calendar.is_working_day(d(8, 2, 2024)));
  CHECK(calendar.is_working_day(d(15, 2, 2024)));
}

TEST_CASE("rule-based Tết in a year without a decision: the last day of the year and four more, made up") {
  // 2027: Tết on Saturday 6/2 (computed); rule days 5/2 (Fri)–9/2 (Tue); 6/2 and 7/2 are made up on 10/2 and 11/2.
  const auto days = Calendar::builtin().days_off(2027);
  for (int day = 5; day <= 11; ++day) CHECK(is_off(days, d(day, 2, 2027)));
  CHECK_FALSE(is_off(days, d(12, 2, 2027)));
  CHECK(find(days, d(10, 2, 2027))->kind == DayOff::Kind::Compensatory);
}

TEST_CASE("a new holiday is one line of data") {
  Calendar calendar;
  REQUIRE(calendar.add("fixed culture-day 24/11 from 2026 | Ngày Văn hóa Việt Nam | Vietnam Culture Day", "x").empty());
  CHECK_FALSE(calendar.is_working_day(d(24, 11, 2026)));
  CHECK(calendar.is_working_day(d(24, 11, 2025)));
}

TEST_CASE("mistakes in holiday data are reported with their line") {
  Calendar calendar;
  const auto problems = calendar.add(
      "# comment\n"
      "fixed x 31/4 | X | X\n"
      "yearly y 1/1 | Y | Y\n"
      "off tet 2026-02-30 | Z | Z | s\n"
      "work 2026-02-28 | W | W\n"
      "lunar z 10/3 extra 2020 | Z | Z\n"
      "fixed q 1/6\n",
      "holidays.txt");
  REQUIRE(problems.size() == 6);
  CHECK(problems[0].pos.line == 2);
  CHECK(problems[0].message == "'31/4' is not a day and month; write it as D/M, e.g. 2/9");
  CHECK(problems[1].pos.line == 3);
  CHECK(problems[1].message == "'yearly' is not a kind of line; use fixed, lunar, tet, off or work");
  CHECK(problems[2].pos.line == 4);
  CHECK(problems[3].message == "a decreed day needs its source (the decision or announcement) in the fourth field");
  CHECK(problems[4].pos.line == 6);
  CHECK(problems[5].message == "the holiday 'q' has no name; add '| Vietnamese name | English name'");
  CHECK(problems[0].file == "holidays.txt");
}

TEST_CASE("a holiday late in December made up across New Year skips 1/1") {
  Calendar calendar;
  REQUIRE(calendar.add("fixed new-year 1/1 | A | A\nfixed eve 31/12 | B | B\n", "x").empty());
  // 31/12/2022 was a Saturday; 1/1/2023 a Sunday: made up on Monday 2/1 and Tuesday 3/1.
  const auto days = calendar.days_off(2023);
  REQUIRE(find(days, d(2, 1, 2023)));
  CHECK(find(days, d(2, 1, 2023))->makes_up_for == d(31, 12, 2022));
  CHECK(find(days, d(3, 1, 2023))->makes_up_for == d(1, 1, 2023));
}

TEST_CASE("calendar days are counted from the next day; an end on a day off moves to the next working day") {
  const Calendar& calendar = Calendar::builtin();
  // Civil Code 2015 Art. 147 and 148.5.
  CHECK(calendar.add_calendar_days(d(13, 2, 2026), 30) == d(16, 3, 2026));  // Sunday 15/03 → Monday
  CHECK(calendar.add_calendar_days(d(16, 1, 2026), 30) == d(23, 2, 2026));  // Sunday 15/02, in Tết → 23/02
  CHECK(calendar.add_calendar_days(d(1, 4, 2026), 30) == d(4, 5, 2026));    // Friday 1/5, then the weekend
  CHECK(calendar.add_calendar_days(d(13, 2, 2026), 10) == d(23, 2, 2026));  // a working day stays
  CHECK(calendar.add_calendar_days(d(2, 3, 2026), 0) == d(2, 3, 2026));
}

TEST_CASE("a day added to a copy of the calendar changes that copy only") {
  Calendar calendar = Calendar::builtin();
  calendar.add_day(DecreedDay{d(24, 11, 2027), "plan", false, "Ngày Văn hóa Việt Nam", "Vietnam Culture Day", "plan"});
  CHECK_FALSE(calendar.is_working_day(d(24, 11, 2027)));
  CHECK(Calendar::builtin().is_working_day(d(24, 11, 2027)));
  CHECK(calendar.add_working_days(d(23, 11, 2027), 1) == d(25, 11, 2027));
  calendar.add_day(DecreedDay{d(27, 11, 2027), "", true, "Làm bù", "Make-up day", "plan"});
  CHECK(calendar.is_working_day(d(27, 11, 2027)));
}
