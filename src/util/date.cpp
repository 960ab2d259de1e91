#include "util/date.hpp"

#include <fmt/format.h>

namespace cchc::util {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain
// description of the arithmetic), written out for our Date type.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

long Date::to_days() const { return days_from_civil(year, month, day); }

Date Date::from_days(long days) {
  const long z = days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

namespace {

/// `number` (0–99) as two digits.
void append_two_digits(std::string& out, int number) {
  out += static_cast<char>('0' + number / 10);
  out += static_cast<char>('0' + number % 10);
}

/// A date with a year of four digits and a month and day of two: the text of nearly every date printed, made
/// without fmt's format-string machinery (a table of 10 000 rows prints thousands of them).
bool has_plain_digits(const Date& date) {
  return date.year >= 0 && date.year <= 9999 && date.month >= 0 && date.month <= 99 && date.day >= 0 && date.day <= 99;
}

}  // namespace

std::string Date::iso() const {
  if (!has_plain_digits(*this)) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  std::string out;
  out.reserve(10);
  append_two_digits(out, year / 100);
  append_two_digits(out, year % 100);
  out += '-';
  append_two_digits(out, month);
  out += '-';
  append_two_digits(out, day);
  return out;
}

std::string Date::vn() const {
  if (!has_plain_digits(*this)) return fmt::format("{:02}/{:02}/{:04}", day, month, year);
  std::string out;
  out.reserve(10);
  append_two_digits(out, day);
  out += '/';
  append_two_digits(out, month);
  out += '/';
  append_two_digits(out, year / 100);
  append_two_digits(out, year % 100);
  return out;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

bool is_valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && day >= 1 && day <= days_in_month(year, month);
}

Date add_days(Date date, long days) { return Date::from_days(date.to_days() + days); }

long days_between(Date from, Date to) { return to.to_days() - from.to_days(); }

Date last_day_of_month(int year, int month) { return Date{year, month, days_in_month(year, month)}; }

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  Date date{to_int(y), to_int(m), to_int(d)};
  if (!is_valid_date(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::string PartialDate::iso() const {
  if (month == 0) return fmt::format("{:04}", year);
  if (day == 0) return fmt::format("{:04}-{:02}", year, month);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string PartialDate::vn() const {
  if (month == 0) return fmt::format("{:04}", year);
  if (day == 0) return fmt::format("{:02}/{:04}", month, year);
  return fmt::format("{:02}/{:02}/{:04}", day, month, year);
}

std::optional<PartialDate> parse_partial_date(std::string_view text) {
  if (text.size() == 10) {
    if (auto full = parse_iso_date(text)) return PartialDate{full->year, full->month, full->day};
    return std::nullopt;
  }
  if (text.size() == 4 && all_digits(text)) {
    const int year = to_int(text);
    if (year < 1) return std::nullopt;
    return PartialDate{year, 0, 0};
  }
  if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) && all_digits(text.substr(5, 2))) {
    const int year = to_int(text.substr(0, 4)), month = to_int(text.substr(5, 2));
    if (year < 1 || month < 1 || month > 12) return std::nullopt;
    return PartialDate{year, month, 0};
  }
  return std::nullopt;
}

}  // namespace cchc::util
