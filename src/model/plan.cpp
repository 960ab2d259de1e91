#include "model/plan.hpp"

#include <algorithm>
#include <span>

#include "model/recurrence.hpp"

namespace cchc::model {

namespace {

const Task* find_in(std::span<const Task> tasks, std::string_view path) {
  for (const auto& task : tasks) {
    if (full_path(task) == path) return &task;
    if (const Task* found = find_in(task.children, path)) return found;
  }
  return nullptr;
}

}  // namespace

const Agency* Plan::find_agency(std::string_view agency_id) const {
  for (const auto& agency : agencies) {
    if (agency.id.value == agency_id) return &agency;
  }
  return nullptr;
}

const Document* Plan::find_document(std::string_view document_id) const {
  for (const auto& document : documents) {
    if (document.id.value == document_id) return &document;
  }
  return nullptr;
}

const Task* Plan::find_task(std::string_view path) const { return find_in(tasks, path); }

std::string child_path(std::string_view parent_path, std::string_view child_id) {
  if (parent_path.empty()) return std::string(child_id);
  if (child_id.size() > parent_path.size() && child_id.substr(0, parent_path.size()) == parent_path &&
      child_id[parent_path.size()] == '.') {
    return std::string(child_id);
  }
  std::string path(parent_path);
  path += '.';
  path += child_id;
  return path;
}

int points_for(const std::vector<ScoreBand>& bands, double rate) {
  for (const auto& band : bands) {
    if (band.strict ? rate > band.threshold : rate >= band.threshold) return band.points;
  }
  return 0;
}

const char* to_string(TaskStatus status) {
  switch (status) {
    case TaskStatus::Todo: return "todo";
    case TaskStatus::Doing: return "doing";
    case TaskStatus::Done: return "done";
    case TaskStatus::Cancelled: return "cancelled";
  }
  return "todo";
}

const char* to_string(PlanStatus status) { return status == PlanStatus::Issued ? "issued" : "draft"; }

const char* to_string(Language language) { return language == Language::En ? "en" : "vi"; }

std::optional<int> first_recurrence_year(const Plan& plan, const Recurrence& rule) {
  if (rule.from) return rule.from;
  if (plan.period) return plan.period->value.from;
  if (plan.date) return plan.date->value.year;
  return std::nullopt;
}

int last_recordable_year(const Plan& plan, int first_year) {
  const int cap = first_year + kMaxRecurrenceYears - 1;
  return plan.period ? std::min(plan.period->value.to, cap) : cap;
}

int last_recurrence_year(const Plan& plan, int first_year, util::Date today) {
  if (plan.period) return last_recordable_year(plan, first_year);
  return std::min(std::max(first_year, today.year + 1), last_recordable_year(plan, first_year));
}

}  // namespace cchc::model
