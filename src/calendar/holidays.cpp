#include "calendar/holidays.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "calendar/lunar.hpp"

namespace cchc::calendar {

int weekday(util::Date date) {
  const long days = date.to_days();  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((days + 3) % 7 + 7) % 7);
}

bool is_weekend(util::Date date) { return weekday(date) >= 5; }

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    parts.push_back(trim(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> result;
  for (auto part : split(text, ' ')) {
    if (!part.empty()) result.push_back(part);
  }
  return result;
}

std::optional<int> parse_int(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

/// "D/M" with a day that exists in some year.
std::optional<std::pair<int, int>> parse_day_month(std::string_view text) {
  const auto parts = split(text, '/');
  if (parts.size() != 2) return std::nullopt;
  const auto day = parse_int(parts[0]);
  const auto month = parse_int(parts[1]);
  if (!day || !month || *month < 1 || *month > 12 || *day < 1 || *day > util::days_in_month(2000, *month)) {
    return std::nullopt;
  }
  return std::pair(*day, *month);
}

/// The solar day of a rule in a year, if the rule gives one then.
std::vector<util::Date> rule_days(const HolidayRule& rule, int year) {
  if ((rule.from_year != 0 && year < rule.from_year) || (rule.until_year != 0 && year > rule.until_year)) return {};
  switch (rule.kind) {
    case HolidayRule::Kind::Fixed:
      if (!util::is_valid_date(year, rule.month, rule.day)) return {};
      return {util::Date{year, rule.month, rule.day}};
    case HolidayRule::Kind::Lunar:
      if (auto date = to_solar(LunarDate{year, rule.month, rule.day, false})) return {*date};
      return {};
    case HolidayRule::Kind::Tet: {
      std::vector<util::Date> days;
      const util::Date first = util::add_days(tet(year), rule.day);
      days.reserve(rule.month);
      for (int i = 0; i < rule.month; ++i) days.push_back(util::add_days(first, i));
      return days;
    }
  }
  return {};
}

}  // namespace

util::Diagnostics Calendar::add(std::string_view text, std::string_view file) {
  util::Diagnostics problems;
  int line_number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = trim(line.substr(0, hash));
    if (line.empty()) continue;
    auto fail = [&](std::string message) {
      problems.push_back(util::Diagnostic{util::Severity::Error, std::string(file), util::SourcePos{line_number, 1},
                                          "holiday-data", std::move(message),
                                          "see docs/calendar.md for the lines a holiday file may hold"});
    };
    const auto fields = split(line, '|');
    const auto head = words(fields[0]);
    const std::string_view name_vi = fields.size() > 1 ? fields[1] : std::string_view{};
    const std::string_view name_en = fields.size() > 2 ? fields[2] : std::string_view{};
    const std::string_view source = fields.size() > 3 ? fields[3] : std::string_view{};
    const std::string_view keyword = head.empty() ? std::string_view{} : head[0];

    if (keyword == "fixed" || keyword == "lunar" || keyword == "tet") {
      HolidayRule rule;
      rule.kind = keyword == "fixed"   ? HolidayRule::Kind::Fixed
                  : keyword == "lunar" ? HolidayRule::Kind::Lunar
                                       : HolidayRule::Kind::Tet;
      std::size_t at = 2;
      if (head.size() < 3) {
        fail(fmt::format("'{}' needs an id and a day, e.g. '{} national-day 2/9 | Quốc khánh | National Day'", keyword,
                         keyword));
        continue;
      }
      rule.id = head[1];
      if (rule.kind == HolidayRule::Kind::Tet) {
        const auto offset = parse_int(head[2]);
        const auto count = head.size() > 3 ? parse_int(head[3]) : std::nullopt;
        if (!offset || !count || *count < 1 || *count > 15 || *offset < -15 || *offset > 15) {
          fail("'tet' needs the first day as an offset from 1/1 lunar and a number of days, e.g. 'tet tet -1 5'");
          continue;
        }
        rule.day = *offset;
        rule.month = *count;
        at = 4;
      } else {
        const auto day_month = parse_day_month(head[2]);
        if (!day_month) {
          fail(fmt::format("'{}' is not a day and month; write it as D/M, e.g. 2/9", head[2]));
          continue;
        }
        std::tie(rule.day, rule.month) = *day_month;
        at = 3;
      }
      bool ok = true;
      for (; at < head.size(); at += 2) {
        const auto year = at + 1 < head.size() ? parse_int(head[at + 1]) : std::nullopt;
        if ((head[at] != "from" && head[at] != "until") || !year) {
          fail(fmt::format("'{}' is not understood here; a rule may end with 'from YEAR' and 'until YEAR'", head[at]));
          ok = false;
          break;
        }
        (head[at] == "from" ? rule.from_year : rule.until_year) = *year;
      }
      if (!ok) continue;
      if (name_vi.empty()) {
        fail(fmt::format("the holiday '{}' has no name; add '| Vietnamese name | English name'", rule.id));
        continue;
      }
      rule.name_vi = name_vi;
      rule.name_en = name_en.empty() ? name_vi : name_en;
      rule.source = source;
      m_rules.push_back(std::move(rule));
    } else if (keyword == "off" || keyword == "work") {
      const bool working = keyword == "work";
      const std::size_t date_at = working ? 1 : 2;
      if (head.size() != date_at + 1) {
        fail(working ? "'work' needs one date, e.g. 'work 2025-02-08 | Làm bù | Make-up working day | source'"
                     : "'off' needs the id of the holiday it replaces and a date or range, e.g. 'off tet "
                       "2025-01-25..2025-02-02 | … | … | source'");
        continue;
      }
      std::string_view range = head[date_at];
      std::string_view first_text = range, last_text = range;
      if (const auto dots = range.find(".."); dots != std::string_view::npos) {
        first_text = range.substr(0, dots);
        last_text = range.substr(dots + 2);
      }
      const auto first = util::parse_iso_date(first_text);
      const auto last = util::parse_iso_date(last_text);
      if (!first || !last || *last < *first || util::days_between(*first, *last) > 31) {
        fail(fmt::format("'{}' is not a date or a range of at most a month; write YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD",
                         range));
        continue;
      }
      if (source.empty()) {
        fail("a decreed day needs its source (the decision or announcement) in the fourth field");
        continue;
      }
      for (util::Date day = *first; day <= *last; day = util::add_days(day, 1)) {
        DecreedDay decreed;
        decreed.date = day;
        decreed.id = working ? "" : std::string(head[1]);
        decreed.working = working;
        decreed.name_vi = name_vi;
        decreed.name_en = name_en.empty() ? name_vi : name_en;
        decreed.source = source;
        m_decreed.push_back(std::move(decreed));
      }
    } else {
      fail(fmt::format("'{}' is not a kind of line; use fixed, lunar, tet, off or work", keyword));
    }
  }
  return problems;
}

const Calendar& Calendar::builtin() {
  static const Calendar calendar = [] {
    Calendar result;
    result.add(builtin_holidays_text(), "data/holidays.txt");  // checked by the tests
    return result;
  }();
  return calendar;
}

std::vector<DecreedDay> Calendar::working_weekend_days(int year) const {
  std::vector<DecreedDay> result;
  for (const auto& day : m_decreed) {
    if (day.working && day.date.year == year) result.push_back(day);
  }
  return result;
}

std::vector<DayOff> Calendar::days_off(int year) const {
  // Work on three years so that a compensatory day carried across New Year lands where it belongs.
  std::map<util::Date, DayOff> off;
  std::set<util::Date> worked;
  for (const auto& day : m_decreed) {
    if (day.working) worked.insert(day.date);
  }
  auto is_free = [&](util::Date date) { return !off.contains(date) && (!is_weekend(date) || worked.contains(date)); };
  std::vector<DayOff> from_rules;
  for (int y = year - 1; y <= year + 1; ++y) {
    // Decreed days replace the rule days with their id in that year.
    std::set<std::string> replaced;
    for (const auto& day : m_decreed) {
      if (day.working || day.date.year != y) continue;
      replaced.insert(day.id);
      off.emplace(day.date, DayOff{day.date, DayOff::Kind::Decreed, day.id, day.name_vi, day.name_en, {}, day.source});
    }
    for (const auto& rule : m_rules) {
      if (replaced.contains(rule.id)) continue;
      for (const auto& date : rule_days(rule, y)) {
        from_rules.push_back(DayOff{date, DayOff::Kind::Holiday, rule.id, rule.name_vi, rule.name_en, {}, rule.source});
      }
    }
  }
  std::stable_sort(from_rules.begin(), from_rules.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  for (const auto& entry : from_rules) off.emplace(entry.date, entry);
  // Labour Code 2019 Art. 111.3: a holiday on a weekly day off is made up on the next working day,
  // in date order, each on the first day not already off.
  for (const auto& entry : from_rules) {
    if (!is_weekend(entry.date) || worked.contains(entry.date)) continue;
    util::Date day = util::add_days(entry.date, 1);
    while (!is_free(day)) day = util::add_days(day, 1);
    off.emplace(day, DayOff{day, DayOff::Kind::Compensatory, entry.id, entry.name_vi, entry.name_en, entry.date,
                            "Bộ luật Lao động 2019, Điều 111.3"});
  }
  std::vector<DayOff> result;
  for (auto& [date, entry] : off) {
    if (date.year == year) result.push_back(std::move(entry));
  }
  return result;
}

bool Calendar::is_working_day(util::Date date) const {
  if (is_weekend(date)) {
    for (const auto& day : m_decreed) {
      if (day.working && day.date == date) return true;
    }
    return false;
  }
  for (const auto& day : days_off(date.year)) {
    if (day.date == date) return false;
  }
  return true;
}

util::Date Calendar::next_working_day(util::Date date) const {
  while (!is_working_day(date)) date = util::add_days(date, 1);
  return date;
}

util::Date Calendar::add_working_days(util::Date from, int n) const {
  const int step = n < 0 ? -1 : 1;
  int left = n < 0 ? -n : n;
  util::Date day = from;
  int cached_year = 0;
  std::set<util::Date> off;
  std::set<util::Date> worked;
  while (left > 0) {
    day = util::add_days(day, step);
    if (day.year != cached_year) {
      cached_year = day.year;
      off.clear();
      worked.clear();
      for (const auto& entry : days_off(day.year)) off.insert(entry.date);
      for (const auto& entry : working_weekend_days(day.year)) worked.insert(entry.date);
    }
    const bool working = worked.contains(day) || (!is_weekend(day) && !off.contains(day));
    if (working) --left;
  }
  return day;
}

util::Date Calendar::add_calendar_days(util::Date from, int n) const {
  return next_working_day(util::add_days(from, n));
}

}  // namespace cchc::calendar
