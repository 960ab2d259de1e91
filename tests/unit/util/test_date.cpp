#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "util/date.hpp"

using namespace cchc::util;

TEST_CASE("days round-trip through from_days for every day of four centuries") {
  const Date start{1900, 1, 1};
  const long first = start.to_days();
  Date previous = Date::from_days(first - 1);
  for (long day = first; day < first + 146097; ++day) {
    const Date date = Date::from_days(day);
    REQUIRE(date.to_days() == day);
    REQUIRE(is_valid_date(date.year, date.month, date.day));
    REQUIRE(previous < date);
    previous = date;
  }
}

TEST_CASE("known day numbers") {
  CHECK(Date{1970, 1, 1}.to_days() == 0);
  CHECK(Date{2020, 5, 1}.to_days() - Date{2020, 4, 30}.to_days() == 1);
  CHECK(days_between(Date{2020, 2, 1}, Date{2020, 3, 1}) == 29);
  CHECK(add_days(Date{2020, 12, 31}, 1) == Date{2021, 1, 1});
}

TEST_CASE("a date holds the farthest day cchc computes: 3 660 days after 31/12/9999") {
  // A Date keeps its year in 16 bits. Plans write years up to 9999, and the longest span a deadline counts is
  // 3 660 days: the day past it must still round-trip, and a 16-bit year must not have wrapped.
  const Date last_written{9999, 12, 31};
  const Date farthest = add_days(last_written, 3660);
  CHECK(farthest.year == 10010);
  CHECK(farthest.to_days() - last_written.to_days() == 3660);
  CHECK(last_written < farthest);
  CHECK(Date::from_days(farthest.to_days()) == farthest);
  CHECK(Date{32767, 12, 31}.iso() == "32767-12-31");
}

TEST_CASE("impossible dates are rejected") {
  CHECK_FALSE(is_valid_date(2020, 2, 30));
  CHECK_FALSE(is_valid_date(2021, 2, 29));
  CHECK(is_valid_date(2020, 2, 29));
  CHECK_FALSE(is_valid_date(2021, 4, 31));
  CHECK_FALSE(is_valid_date(2021, 13, 1));
  CHECK(is_valid_date(2000, 2, 29));
  CHECK_FALSE(is_valid_date(1900, 2, 29));
}

TEST_CASE("ISO dates parse strictly") {
  CHECK(parse_iso_date("2020-04-30") == Date{2020, 4, 30});
  CHECK_FALSE(parse_iso_date("2020-02-30"));
  CHECK_FALSE(parse_iso_date("2020-4-30"));
  CHECK_FALSE(parse_iso_date("2020-04-30x"));
  CHECK_FALSE(parse_iso_date(""));
}

TEST_CASE("partial dates") {
  CHECK(parse_partial_date("2020") == PartialDate{2020, 0, 0});
  CHECK(parse_partial_date("2020-02") == PartialDate{2020, 2, 0});
  CHECK(parse_partial_date("2020-02-29") == PartialDate{2020, 2, 29});
  CHECK_FALSE(parse_partial_date("2020-13"));
  CHECK_FALSE(parse_partial_date("2021-02-29"));
  CHECK(PartialDate{2020, 2, 0}.vn() == "02/2020");
  CHECK(Date{2020, 4, 30}.vn() == "30/04/2020");
}

TEST_CASE("Date::iso and Date::vn print what the format strings print, for every kind of value", "[date]") {
  // The fast path (four-digit years, two-digit months and days) and the rest (fmt) must agree with fmt.
  int checked = 0;
  for (const int year : {-10000, -1, 0, 7, 99, 100, 999, 1000, 1970, 2020, 9999, 10000, 32767}) {
    for (const int month : {-1, 0, 1, 9, 10, 12, 99, 100}) {
      for (const int day : {-5, 0, 1, 9, 10, 29, 31, 99, 100}) {
        const Date date{year, month, day};
        INFO(year << "-" << month << "-" << day);
        CHECK(date.iso() == fmt::format("{:04}-{:02}-{:02}", year, month, day));
        CHECK(date.vn() == fmt::format("{:02}/{:02}/{:04}", day, month, year));
        ++checked;
      }
    }
  }
  for (long days = -1000; days < 60000; days += 37) {
    const Date date = Date::from_days(days);
    CHECK(date.iso() == fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day));
    CHECK(date.vn() == fmt::format("{:02}/{:02}/{:04}", date.day, date.month, date.year));
  }
  CHECK(checked == 13 * 8 * 9);
}
