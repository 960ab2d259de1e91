#include "model/recurrence.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cchc::model {

namespace {

int months_per_period(Frequency every) {
  switch (every) {
    case Frequency::Year: return 12;
    case Frequency::HalfYear: return 6;
    case Frequency::Quarter: return 3;
    case Frequency::Month: return 1;
  }
  return 12;
}

/// The name of the `index`-th (0-based) period of `year`: "2021", "2021-H2", "2022-Q1", "2021-03".
std::string period_label(Frequency every, int year, int index) {
  switch (every) {
    case Frequency::Year: return fmt::format("{}", year);
    case Frequency::HalfYear: return fmt::format("{}-H{}", year, index + 1);
    case Frequency::Quarter: return fmt::format("{}-Q{}", year, index + 1);
    case Frequency::Month: return fmt::format("{}-{:02}", year, index + 1);
  }
  return fmt::format("{}", year);
}

/// The day `anchor` names in the period that starts with month `first_month` of `year`.
util::Date anchor_date(const DayOfPeriod& anchor, int year, int first_month, int length) {
  const int month = first_month + (anchor.month == 0 ? length : std::clamp(anchor.month, 1, length)) - 1;
  const int last = util::days_in_month(year, month);
  return util::Date{year, month, anchor.day == 0 ? last : std::min(anchor.day, last)};
}

}  // namespace

std::vector<Occurrence> occurrences_in_year(const Recurrence& rule, int year) {
  std::vector<Occurrence> result;
  if (year < 1 || year > 9999) return result;
  const int length = months_per_period(rule.every);
  for (int index = 0; index < 12 / length; ++index) {
    const int first_month = index * length + 1;
    const std::string label = period_label(rule.every, year, index);
    if (rule.on.empty()) {
      // The whole period: it opens on its first day and is due on its last (Civil Code 2015, Art. 148).
      result.push_back(
          Occurrence{label, util::Date{year, first_month, 1}, util::last_day_of_month(year, first_month + length - 1)});
      continue;
    }
    for (const DayOfPeriod& anchor : rule.on) {
      const util::Date day = anchor_date(anchor, year, first_month, length);
      Occurrence occurrence;
      // Several days a year are told apart by the day itself: "2021-06-01", "2021-11-15".
      occurrence.label = rule.on.size() > 1 ? day.iso() : label;
      if (anchor.whole_month) occurrence.start = util::Date{day.year, day.month, 1};
      occurrence.due = rule.day_before ? util::add_days(day, -1) : day;
      result.push_back(std::move(occurrence));
    }
  }
  std::stable_sort(result.begin(), result.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.due < b.due; });
  return result;
}

std::vector<Occurrence> occurrences(const Recurrence& rule, int first_year, int last_year) {
  std::vector<Occurrence> result;
  last_year = std::min(last_year, first_year + kMaxRecurrenceYears - 1);
  for (int year = first_year; year <= last_year; ++year) {
    auto in_year = occurrences_in_year(rule, year);
    std::move(in_year.begin(), in_year.end(), std::back_inserter(result));
  }
  return result;
}

std::optional<Occurrence> find_occurrence(const Recurrence& rule, std::string_view label, int first_year,
                                          int last_year) {
  if (label.size() < 4) return std::nullopt;
  int year = 0;
  for (char c : label.substr(0, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < first_year || year > last_year || year > first_year + kMaxRecurrenceYears - 1) return std::nullopt;
  for (auto& occurrence : occurrences_in_year(rule, year)) {
    if (occurrence.label == label) return occurrence;
  }
  return std::nullopt;
}

std::string label_example(const Recurrence& rule, int year) {
  const auto in_year = occurrences_in_year(rule, year);
  if (in_year.empty()) return {};
  if (in_year.size() == 1) return fmt::format("'{}'", in_year.front().label);
  return fmt::format("'{}' … '{}'", in_year.front().label, in_year.back().label);
}

std::string describe_recurrence(const Recurrence& rule) {
  std::string text = rule.ongoing ? "Thường xuyên, " : "";
  switch (rule.every) {
    case Frequency::Year: text += rule.ongoing ? "hằng năm" : "Hằng năm"; break;
    case Frequency::HalfYear: text += rule.ongoing ? "định kỳ 6 tháng" : "Định kỳ 6 tháng"; break;
    case Frequency::Quarter: text += rule.ongoing ? "hằng quý" : "Hằng quý"; break;
    case Frequency::Month: text += rule.ongoing ? "hằng tháng" : "Hằng tháng"; break;
  }
  std::string days;
  for (const DayOfPeriod& anchor : rule.on) {
    if (!days.empty()) days += " và ";
    const std::string day = anchor.day == 0 ? "ngày cuối" : fmt::format("ngày {:02}", anchor.day);
    if (rule.every == Frequency::Year) {
      days += anchor.day == 0 ? fmt::format("{} tháng {}", day, anchor.month) : fmt::format("{}/{}", day, anchor.month);
    } else if (rule.every == Frequency::Month) {
      days += day;
    } else {
      days += day + " của tháng cuối kỳ";
    }
  }
  if (!days.empty()) text += fmt::format(", {}{}", rule.day_before ? "trước " : "", days);
  if (rule.from) text += fmt::format(", từ năm {}", *rule.from);
  return text;
}

}  // namespace cchc::model
