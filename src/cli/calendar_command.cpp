// `cchc calendar`: the Vietnamese working calendar of a year, and working-day arithmetic.
#include "cli/calendar_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "calendar/holidays.hpp"
#include "calendar/lunar.hpp"
#include "cli/commands.hpp"
#include "util/text.hpp"

namespace cchc::cli {

namespace {

constexpr int kFirstYear = 1900;  ///< the years whose lunar calendar the tests check
constexpr int kLastYear = 2100;

struct Labels {
  bool en = false;
  const char* t(const char* vi, const char* english) const { return en ? english : vi; }
};

const char* weekday_name(util::Date date, bool en) {
  static constexpr const char* kVi[] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
  static constexpr const char* kEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return (en ? kEn : kVi)[calendar::weekday(date)];
}

/// The weekday inside a Vietnamese sentence: "thứ Sáu", "Chủ nhật".
std::string weekday_in_text(util::Date date, bool en) {
  std::string name = weekday_name(date, en);
  if (!en && name.starts_with("Thứ")) name[0] = 't';
  return name;
}

std::string show(util::Date date, bool en) { return en ? date.iso() : date.vn(); }

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

const char* kind_name(calendar::DayOff::Kind kind) {
  switch (kind) {
    case calendar::DayOff::Kind::Holiday: return "holiday";
    case calendar::DayOff::Kind::Compensatory: return "compensatory";
    case calendar::DayOff::Kind::Decreed: return "decreed";
  }
  return "holiday";
}

/// Why a day is off, in words.
std::string reason(const calendar::DayOff& day, const Labels& labels) {
  const std::string& name = labels.en ? day.name_en : day.name_vi;
  if (day.kind == calendar::DayOff::Kind::Compensatory) {
    return fmt::format("{} {} ({})", labels.t("Nghỉ bù", "In lieu of"), name, show(day.makes_up_for, labels.en));
  }
  return name;
}

int parse_year(const std::string& text, const char* what) {
  const std::string trimmed = util::collapse_whitespace(text);
  const bool digits = !trimmed.empty() && trimmed.size() <= 4 &&
                      std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int year = digits ? std::stoi(trimmed) : 0;
  if (year < kFirstYear || year > kLastYear) {
    throw UsageError{fmt::format("{} '{}' is not a year from {} to {}", what, text, kFirstYear, kLastYear)};
  }
  return year;
}

/// The run of days off around Tết (weekends included).
std::pair<util::Date, util::Date> tet_break(const calendar::Calendar& cal, util::Date tet) {
  util::Date first = tet, last = tet;
  while (!cal.is_working_day(util::add_days(first, -1))) first = util::add_days(first, -1);
  while (!cal.is_working_day(util::add_days(last, 1))) last = util::add_days(last, 1);
  return {first, last};
}

std::string year_report(int year, const std::string& format, const Labels& labels) {
  const auto& cal = calendar::Calendar::builtin();
  const util::Date tet = calendar::tet(year);
  const util::Date hung_kings = calendar::hung_kings_day(year);
  const int leap = calendar::leap_month(year);
  const auto days = cal.days_off(year);
  const auto worked = cal.working_weekend_days(year);
  const auto [break_first, break_last] = tet_break(cal, tet);
  const long break_days = util::days_between(break_first, break_last) + 1;

  if (format == "json") {
    std::string out = "{\n";
    out += fmt::format("  \"year\": {},\n", year);
    out += fmt::format("  \"lunar_year\": {},\n", json_quote(calendar::year_name(year)));
    out += fmt::format("  \"tet\": {},\n", json_quote(tet.iso()));
    out += fmt::format("  \"hung_kings_day\": {},\n", json_quote(hung_kings.iso()));
    out += fmt::format("  \"leap_month\": {},\n", leap == 0 ? "null" : std::to_string(leap));
    out += fmt::format("  \"tet_break\": {{\"from\": {}, \"to\": {}, \"days\": {}}},\n", json_quote(break_first.iso()),
                       json_quote(break_last.iso()), break_days);
    out += "  \"days_off\": [";
    for (std::size_t i = 0; i < days.size(); ++i) {
      const auto& day = days[i];
      out += i == 0 ? "\n" : ",\n";
      out += fmt::format(
          "    {{\"date\": {}, \"weekday\": {}, \"kind\": {}, \"id\": {}, \"name\": {}, \"makes_up_for\": {}, "
          "\"source\": {}}}",
          json_quote(day.date.iso()), json_quote(weekday_name(day.date, true)), json_quote(kind_name(day.kind)),
          json_quote(day.id), json_quote(labels.en ? day.name_en : day.name_vi),
          day.kind == calendar::DayOff::Kind::Compensatory ? json_quote(day.makes_up_for.iso()) : "null",
          json_quote(day.source));
    }
    out += days.empty() ? "],\n" : "\n  ],\n";
    out += "  \"working_weekend_days\": [";
    for (std::size_t i = 0; i < worked.size(); ++i) {
      out += i == 0 ? "\n" : ",\n";
      out += fmt::format(R"(    {{"date": {}, "name": {}, "source": {}}})", json_quote(worked[i].date.iso()),
                         json_quote(labels.en ? worked[i].name_en : worked[i].name_vi), json_quote(worked[i].source));
    }
    out += worked.empty() ? "]\n" : "\n  ]\n";
    return out + "}\n";
  }

  std::string out;
  out += fmt::format("{} {}\n", labels.t("Lịch nghỉ năm", "Days off in"), year);
  out += fmt::format("{} {}: {} {}\n", labels.t("Tết Nguyên đán, mùng 1 tháng Giêng năm", "Tết (1/1 lunar), year"),
                     calendar::year_name(year), weekday_in_text(tet, labels.en), show(tet, labels.en));
  out += fmt::format("{}: {} {}\n", labels.t("Giỗ Tổ Hùng Vương, 10/3 âm lịch", "Hung Kings' Day (10/3 lunar)"),
                     weekday_in_text(hung_kings, labels.en), show(hung_kings, labels.en));
  if (leap != 0) {
    out += fmt::format(
        fmt::runtime(labels.t("Năm âm lịch có tháng {} nhuận.\n", "The lunar year has a leap month {}.\n")), leap);
  } else {
    out += labels.t("Năm âm lịch không có tháng nhuận.\n", "The lunar year has no leap month.\n");
  }
  out += fmt::format("{}: {} – {} ({} {})\n\n", labels.t("Kỳ nghỉ Tết", "Tết break"), show(break_first, labels.en),
                     show(break_last, labels.en), break_days, labels.t("ngày", "days"));

  const std::string date_heading = labels.t("Ngày", "Date");
  const std::string weekday_heading = labels.t("Thứ", "Weekday");
  int weekday_width = util::display_width(weekday_heading);
  for (const auto& day : days)
    weekday_width = std::max(weekday_width, util::display_width(weekday_name(day.date, labels.en)));
  for (const auto& day : worked)
    weekday_width = std::max(weekday_width, util::display_width(weekday_name(day.date, labels.en)));
  const int date_width = 10;
  out += fmt::format("{}  {}  {}\n", util::pad_to_width(date_heading, date_width),
                     util::pad_to_width(weekday_heading, weekday_width), labels.t("Lý do", "Reason"));
  for (const auto& day : days) {
    out += fmt::format("{}  {}  {}\n", util::pad_to_width(show(day.date, labels.en), date_width),
                       util::pad_to_width(weekday_name(day.date, labels.en), weekday_width), reason(day, labels));
  }
  for (const auto& day : worked) {
    out += fmt::format("{}  {}  {} ({})\n", util::pad_to_width(show(day.date, labels.en), date_width),
                       util::pad_to_width(weekday_name(day.date, labels.en), weekday_width),
                       labels.en ? day.name_en : day.name_vi, labels.t("ngày làm việc", "a working day"));
  }
  const long weekdays_off =
      std::count_if(days.begin(), days.end(), [](const auto& day) { return !calendar::is_weekend(day.date); });
  out += fmt::format(
      fmt::runtime(labels.t("\n{} ngày nghỉ rơi vào ngày thường; thứ Bảy và Chủ nhật là ngày nghỉ hằng tuần.\n",
                            "\n{} days off fall on weekdays; Saturdays and Sundays are weekly days off.\n")),
      weekdays_off);
  return out;
}

std::string working_days_report(util::Date from, int n, const std::string& format, const Labels& labels) {
  const auto& cal = calendar::Calendar::builtin();
  const util::Date result = cal.add_working_days(from, n);
  struct Skipped {
    util::Date date;
    std::string reason;
  };
  std::vector<Skipped> skipped;
  const int step = n < 0 ? -1 : 1;
  for (util::Date day = util::add_days(from, step); day != result; day = util::add_days(day, step)) {
    if (cal.is_working_day(day)) continue;
    std::string why = labels.t("Nghỉ hằng tuần", "Weekly day off");
    for (const auto& off : cal.days_off(day.year)) {
      if (off.date == day) why = reason(off, labels);
    }
    skipped.push_back({day, why});
  }
  if (format == "json") {
    std::string out = "{\n";
    out += fmt::format("  \"from\": {},\n  \"working_days\": {},\n  \"result\": {},\n", json_quote(from.iso()), n,
                       json_quote(result.iso()));
    out += "  \"skipped\": [";
    for (std::size_t i = 0; i < skipped.size(); ++i) {
      out += i == 0 ? "\n" : ",\n";
      out += fmt::format(R"(    {{"date": {}, "weekday": {}, "reason": {}}})", json_quote(skipped[i].date.iso()),
                         json_quote(weekday_name(skipped[i].date, true)), json_quote(skipped[i].reason));
    }
    out += skipped.empty() ? "]\n" : "\n  ]\n";
    return out + "}\n";
  }
  std::string out = fmt::format(fmt::runtime(labels.t("{} ngày làm việc kể từ {} {}: đến hết {} {}.\n",
                                                      "{} working days from {} {}: until the end of {} {}.\n")),
                                n, weekday_in_text(from, labels.en), show(from, labels.en),
                                weekday_in_text(result, labels.en), show(result, labels.en));
  if (n >= 0) {
    out += labels.t("Ngày đầu tiên được tính là ngày tiếp theo (Bộ luật Dân sự 2015, Điều 147).\n",
                    "Counting starts on the next day (Civil Code 2015, Art. 147).\n");
  } else {
    out += labels.t("Đếm ngược, bắt đầu từ ngày hôm trước.\n", "Counting backwards, starting on the day before.\n");
  }
  if (skipped.empty()) {
    out += labels.t("Không bỏ qua ngày nghỉ nào.\n", "No day off was skipped.\n");
    return out;
  }
  out += fmt::format(fmt::runtime(labels.t("Đã bỏ qua {} ngày nghỉ:\n", "{} days off skipped:\n")), skipped.size());
  int weekday_width = 0;
  for (const auto& day : skipped)
    weekday_width = std::max(weekday_width, util::display_width(weekday_name(day.date, labels.en)));
  for (const auto& day : skipped) {
    out += fmt::format("  {}  {}  {}\n", show(day.date, labels.en),
                       util::pad_to_width(weekday_name(day.date, labels.en), weekday_width), day.reason);
  }
  return out;
}

}  // namespace

void setup_calendar(CLI::App& command, CalendarOptions& options) {
  command.add_option("YEAR", options.year, "The year whose days off to list (1900–2100)");
  command.add_option("--add-working-days", options.add_working_days,
                     "Count this many working days (negative: backwards) from --from, skipping days off");
  command.add_option("--from", options.from, "The day the count starts after, YYYY-MM-DD");
  command.add_option("--format,-f", options.format, "Output: table or json");
  command.add_option("--lang", options.lang, "Labels in vi or en (default vi)");
}

int run_calendar(const CalendarOptions& options) {
  if (options.format != "table" && options.format != "json") {
    throw UsageError{fmt::format("--format '{}' is not known; use table or json", options.format)};
  }
  if (options.lang != "vi" && options.lang != "en") {
    throw UsageError{fmt::format("--lang '{}' is not known; use vi or en", options.lang)};
  }
  const Labels labels{options.lang == "en"};
  std::string out;
  if (!options.add_working_days.empty()) {
    if (!options.year.empty()) {
      throw UsageError{"give either a YEAR or --add-working-days N --from DATE, not both"};
    }
    const std::string& text = options.add_working_days;
    const std::size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
    const bool digits =
        text.size() > sign && text.size() - sign <= 4 &&
        std::all_of(text.begin() + static_cast<long>(sign), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      throw UsageError{fmt::format("--add-working-days '{}' is not a number of days; write e.g. 5", text)};
    }
    if (options.from.empty()) throw UsageError{"--add-working-days needs --from DATE (YYYY-MM-DD)"};
    const auto from = util::parse_iso_date(util::collapse_whitespace(options.from));
    if (!from) throw UsageError{fmt::format("--from '{}' is not a date; write it as YYYY-MM-DD", options.from)};
    const int n = std::stoi(text);
    const util::Date end = util::add_days(*from, static_cast<long>(n) * 2 + (n < 0 ? -60 : 60));
    if (from->year < kFirstYear || from->year > kLastYear || end.year < kFirstYear || end.year > kLastYear) {
      throw UsageError{
          fmt::format("the calendar covers {} to {}; {} is too far out", kFirstYear, kLastYear, options.from)};
    }
    out = working_days_report(*from, n, options.format, labels);
  } else {
    if (!options.from.empty()) throw UsageError{"--from goes with --add-working-days N"};
    if (options.year.empty()) {
      throw UsageError{
          "say which year, e.g. 'cchc calendar 2026', or ask 'cchc calendar --add-working-days 5 --from 2026-02-13'"};
    }
    out = year_report(parse_year(options.year, "YEAR"), options.format, labels);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace cchc::cli
