#include "render/report.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>

namespace cchc::render {

namespace {

using evaluate::Item;
using evaluate::ItemKind;
using evaluate::State;

/// The value of `text` read as a Roman numeral in the upper-case digits I V X L C D M, a smaller digit before a
/// larger one subtracting (IV, IX, XC); 0 when it holds any other character.
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

/// The value of a task number's last part ("10" of "3.10") when it is written in digits; nullopt otherwise.
std::optional<unsigned long long> arabic_value(std::string_view text) {
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  unsigned long long value = 0;
  for (const char c : text) value = value * 10 + static_cast<unsigned long long>(c - '0');
  return value;
}

std::string_view last_part(std::string_view number) {
  const std::size_t dot = number.rfind('.');
  return dot == std::string_view::npos ? number : number.substr(dot + 1);
}

/// Appends items[begin, end) to `out`, siblings in number order, each followed by its own subtasks.
/// The range is in document order, depth first; items whose parent was filtered out stay where they are.
void order_range(const std::vector<Item>& items, std::size_t begin, std::size_t end, std::vector<Item>& out) {
  if (begin >= end) return;
  int top = items[begin].depth;
  for (std::size_t i = begin; i < end; ++i) top = std::min(top, items[i].depth);
  std::size_t first = begin;
  while (items[first].depth != top) ++first;
  order_range(items, begin, first, out);  // subtasks whose parent is not in the list

  std::vector<std::pair<std::size_t, std::size_t>> siblings;  // [start, end) of each sibling's subtree
  for (std::size_t i = first; i < end;) {
    std::size_t next = i + 1;
    while (next < end && items[next].depth != top) ++next;
    siblings.emplace_back(i, next);
    i = next;
  }
  // Siblings numbered all in digits, or all in Roman numerals, go by value; any other numbering (letters,
  // a mix) keeps the plan's order, as nothing says which of "3" and "II" comes first.
  const auto value_of = [&](const std::pair<std::size_t, std::size_t>& sibling, bool roman) -> unsigned long long {
    const std::string_view part = last_part(items[sibling.first].id);
    return roman ? static_cast<unsigned long long>(roman_value(part)) : arabic_value(part).value_or(0);
  };
  const bool all_arabic = std::all_of(siblings.begin(), siblings.end(), [&](const auto& sibling) {
    return arabic_value(last_part(items[sibling.first].id)).has_value();
  });
  const bool all_roman = !all_arabic && std::all_of(siblings.begin(), siblings.end(), [&](const auto& sibling) {
    return roman_value(last_part(items[sibling.first].id)) > 0;
  });
  if (all_arabic || all_roman) {
    std::stable_sort(siblings.begin(), siblings.end(),
                     [&](const auto& a, const auto& b) { return value_of(a, all_roman) < value_of(b, all_roman); });
  }
  for (const auto& [start, stop] : siblings) {
    out.push_back(items[start]);
    order_range(items, start + 1, stop, out);
  }
}

bool is_open_and_not_yet_due(State state) {
  return state == State::DueToday || state == State::DueSoon || state == State::InProgress || state == State::Upcoming;
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

  std::vector<Item> tasks;
  for (const auto& item : items) {
    if (item.kind == ItemKind::Task) tasks.push_back(item);
  }
  std::stable_sort(tasks.begin(), tasks.end(), [](const Item& a, const Item& b) { return a.order < b.order; });
  report.tasks = in_number_order(tasks);

  std::vector<const Item*> work;  // every task but the groupings: the shares' tasks and the cancelled ones
  for (const auto& task : report.tasks) {
    if (!is_grouping(task)) work.push_back(&task);
  }
  report.shares = shares_of(work);
  for (const State state : evaluate::all_states()) {
    const auto count = std::count_if(work.begin(), work.end(), [&](const Item* task) { return task->state == state; });
    report.counts.emplace_back(state, static_cast<int>(count));
  }

  for (const Item* task : work) {
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

std::vector<Item> in_number_order(const std::vector<Item>& tasks) {
  std::vector<Item> ordered;
  ordered.reserve(tasks.size());
  order_range(tasks, 0, tasks.size(), ordered);
  return ordered;
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
