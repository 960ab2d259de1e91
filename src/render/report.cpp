#include "render/report.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <tuple>

namespace cchc::render {

namespace {

using evaluate::Item;
using evaluate::ItemKind;
using evaluate::State;

/// The value of an upper-case Roman numeral written the usual way (I … MMMCMXCIX); 0 when `text` is not one.
int roman_value(std::string_view text) {
  if (text.empty() || text.size() > 15) return 0;
  const auto digit = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      case 'D': return 500;
      case 'M': return 1000;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int value = digit(text[i]);
    if (value == 0) return 0;
    const int next = i + 1 < text.size() ? digit(text[i + 1]) : 0;
    total += next > value ? -value : value;
  }
  return total;
}

/// How one dot-separated part of a task number sorts: numbers (digits or Roman numerals) by value before
/// words; words, and numbers of equal value written differently ("2" and "II"), by their text.
struct NumberPart {
  int rank = 0;  ///< 0 for a number, 1 for a word
  unsigned long long value = 0;
  std::string_view text;

  friend bool operator<(const NumberPart& a, const NumberPart& b) {
    return std::tie(a.rank, a.value, a.text) < std::tie(b.rank, b.value, b.text);
  }
};

NumberPart number_part(std::string_view text) {
  const bool digits =
      !text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    unsigned long long value = 0;
    for (const char c : text) value = value * 10 + static_cast<unsigned long long>(c - '0');
    return {0, value, text};
  }
  if (const int value = roman_value(text)) return {0, static_cast<unsigned long long>(value), text};
  return {1, 0, text};
}

/// Splits "3.10" into "3" and "10".
std::vector<std::string_view> number_parts(std::string_view number) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = number.find('.', start);
    parts.push_back(number.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool by_number(const Item& a, const Item& b) {
  if (task_number_less(a.id, b.id)) return true;
  if (task_number_less(b.id, a.id)) return false;
  return a.order < b.order;
}

bool is_open_and_not_yet_due(State state) {
  return state == State::DueToday || state == State::DueSoon || state == State::InProgress ||
         state == State::Upcoming;
}

/// A grouping whose deadline only repeats its subtasks': counting it would count their work twice.
bool is_grouping(const Item& item) { return item.has_children && item.due_derived; }

ReportShares shares_of(const std::vector<const Item*>& tasks) {
  ReportShares shares;
  for (const Item* task : tasks) {
    if (task->state == State::Cancelled) continue;
    ++shares.counted;
    switch (task->state) {
      case State::Done: ++shares.done_on_time; break;
      case State::DoneLate: ++shares.done_late; break;
      case State::Overdue: ++shares.overdue; break;
      case State::Ongoing:
      case State::NoDeadline: ++shares.undated; break;
      default:
        if (is_open_and_not_yet_due(task->state)) ++shares.not_yet_due;
        break;
    }
  }
  return shares;
}

std::vector<AgencyPart> agency_parts(const model::Plan& plan, const std::vector<Item>& tasks) {
  std::vector<AgencyPart> parts;
  for (const auto& agency : plan.agencies) {
    AgencyPart part;
    part.agency_id = agency.id.value;
    part.name = agency.name.empty() ? agency.id.value : agency.name;
    for (const auto& task : tasks) {
      if (task.lead == agency.id.value) part.leads.push_back(task);
      if (std::find(task.support.begin(), task.support.end(), agency.id.value) != task.support.end()) {
        part.supports.push_back(task);
      }
    }
    if (!part.leads.empty()) parts.push_back(std::move(part));
  }
  return parts;
}

std::vector<OutlinePart> outline_parts(const model::Plan& plan, const std::vector<Item>& items) {
  std::vector<OutlinePart> parts;
  for (const auto& section : plan.sections) {
    const auto item = std::find_if(items.begin(), items.end(), [&](const Item& candidate) {
      return candidate.kind == ItemKind::Section && candidate.id == section.id.value;
    });
    if (item == items.end()) continue;  // filtered out
    OutlinePart part;
    part.section = *item;
    for (const auto& task : section.tasks) part.tasks.push_back(task.value);
    part.arrived = item->state == State::Done || item->state == State::DoneLate;
    parts.push_back(std::move(part));
  }
  return parts;
}

PlanReport plan_report(const model::Plan& plan, const std::vector<Item>& items) {
  PlanReport report;
  report.plan_id = plan.id.value;
  report.title = plan.title.value;
  report.issuer = plan.issuer;
  report.number = plan.number;
  if (plan.date) report.issued = plan.date->value;
  report.status = plan.status;

  for (const auto& item : items) {
    if (item.kind == ItemKind::Task) report.tasks.push_back(item);
  }
  std::sort(report.tasks.begin(), report.tasks.end(), by_number);

  std::vector<const Item*> counted;
  for (const auto& task : report.tasks) {
    if (!is_grouping(task)) counted.push_back(&task);
  }
  report.shares = shares_of(counted);
  for (const State state : evaluate::all_states()) {
    const auto count = std::count_if(counted.begin(), counted.end(), [&](const Item* task) { return task->state == state; });
    report.counts.emplace_back(state, static_cast<int>(count));
  }

  for (const Item* task : counted) {
    if (task->state == State::Overdue) report.overdue.push_back(*task);
    if (task->state == State::DueToday || task->state == State::DueSoon) report.due_soon.push_back(*task);
  }
  std::stable_sort(report.overdue.begin(), report.overdue.end(),
                   [](const Item& a, const Item& b) { return a.days.value_or(0) < b.days.value_or(0); });
  std::stable_sort(report.due_soon.begin(), report.due_soon.end(), [](const Item& a, const Item& b) {
    return a.due.value_or(util::Date{}) < b.due.value_or(util::Date{});
  });

  report.agencies = agency_parts(plan, report.tasks);
  report.outline = outline_parts(plan, items);
  return report;
}

}  // namespace

int ReportShares::percent(int part) const {
  if (counted <= 0) return 0;
  return static_cast<int>((static_cast<long long>(part) * 200 + counted) / (2LL * counted));
}

bool task_number_less(std::string_view a, std::string_view b) {
  const auto left = number_parts(a);
  const auto right = number_parts(b);
  const std::size_t common = std::min(left.size(), right.size());
  for (std::size_t i = 0; i < common; ++i) {
    const NumberPart x = number_part(left[i]);
    const NumberPart y = number_part(right[i]);
    if (x < y) return true;
    if (y < x) return false;
  }
  return left.size() < right.size();
}

Report build_report(const std::vector<const model::Plan*>& plans, const std::vector<std::vector<Item>>& items,
                    util::Date today) {
  Report report;
  report.today = today;
  for (std::size_t i = 0; i < plans.size() && i < items.size(); ++i) {
    report.plans.push_back(plan_report(*plans[i], items[i]));
  }
  return report;
}

}  // namespace cchc::render
