#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cchc::util {

/// A day of the proleptic Gregorian calendar. Plans never need times of day.
///
/// Four bytes, as a plan of 100 000 tasks holds several dates a task and their evaluation as many again (issue 8:
/// peak memory). The year fits: plans write years 1 to 9999 (is_valid_date), and what cchc adds to a date (spans of
/// at most 3 660 days, recurrences of a few dozen years) stays far inside a 16-bit year.
struct Date {
  std::int16_t year = 1970;
  std::int8_t month = 1;
  std::int8_t day = 1;

  constexpr Date() = default;
  constexpr Date(int y, int m, int d)
      : year(static_cast<std::int16_t>(y)), month(static_cast<std::int8_t>(m)), day(static_cast<std::int8_t>(d)) {}

  /// Days since 1970-01-01 (negative before it).
  long to_days() const;
  static Date from_days(long days);

  /// YYYY-MM-DD.
  std::string iso() const;
  /// dd/mm/yyyy, as Vietnamese documents print dates.
  std::string vn() const;

  // clang-tidy 14 sees a literal 0 in the defaulted <=> (a known false positive).
  friend auto operator<=>(const Date&, const Date&) = default;  // NOLINT(modernize-use-nullptr)
  friend bool operator==(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
/// 0 when month is outside 1..12.
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);

Date add_days(Date date, long days);
/// `to - from` in days.
long days_between(Date from, Date to);
Date last_day_of_month(int year, int month);

/// Strict YYYY-MM-DD with a real calendar day; nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view text);

/// A date whose day or month may be unknown ("tháng 02 năm 2020" in a letterhead).
struct PartialDate {
  int year = 0;
  int month = 0;  ///< 0 when unknown
  int day = 0;    ///< 0 when unknown

  /// YYYY, YYYY-MM or YYYY-MM-DD.
  std::string iso() const;
  /// yyyy, mm/yyyy or dd/mm/yyyy.
  std::string vn() const;
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

/// YYYY, YYYY-MM or YYYY-MM-DD with real calendar values; nullopt otherwise.
std::optional<PartialDate> parse_partial_date(std::string_view text);

}  // namespace cchc::util
