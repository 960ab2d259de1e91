#include "stats/stats.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace cchc::stats {

std::optional<double> Row::completion_rate() const {
  if (settled() == 0) return std::nullopt;
  return 100.0 * (on_time + late + undated) / settled();
}

std::optional<double> Row::on_time_rate() const {
  if (settled() == 0) return std::nullopt;
  return 100.0 * on_time / settled();
}

std::optional<double> Row::average_days_late() const {
  if (late == 0) return std::nullopt;
  return static_cast<double>(days_late) / late;
}

namespace {

/// Adds one task to a row, as of `today`.
void count(Row& row, const evaluate::Item& item, util::Date today) {
  ++row.due;
  if (item.status == model::TaskStatus::Cancelled) {
    ++row.cancelled;
    return;
  }
  const bool done = item.status == model::TaskStatus::Done && (!item.done || *item.done <= today);
  if (done && !item.done) {
    ++row.undated;
  } else if (done && *item.done <= *item.due) {
    ++row.on_time;
  } else if (done) {
    ++row.late;
    row.days_late += util::days_between(*item.due, *item.done);
  } else if (*item.due < today) {
    ++row.overdue;
  } else {
    ++row.not_yet_due;
  }
}

}  // namespace

Report compute(const std::vector<const model::Plan*>& plans, const std::vector<evaluate::Item>& items, util::Date today,
               const Options& options) {
  Report report;
  report.today = today;
  report.options = options;
  for (const auto* plan : plans) {
    if (plan->scoring.from_plan) {
      report.scoring = plan->scoring;
      break;
    }
  }
  // The plans a plan's tasks also count for under --rollup: itself, then its parent, its parent's parent…
  // A link to a plan that was not read, or one that comes round again (check_plans reports both), ends the chain.
  std::map<std::string_view, const model::Plan*, std::less<>> plan_by_id;
  for (const auto* plan : plans) plan_by_id.emplace(plan->id.value, plan);
  std::map<std::string_view, std::vector<const model::Plan*>, std::less<>> chains;
  for (const auto* plan : plans) {
    std::vector<const model::Plan*>& chain = chains[plan->id.value];
    for (const model::Plan* step = plan; step != nullptr;) {
      if (std::find(chain.begin(), chain.end(), step) != chain.end()) break;
      chain.push_back(step);
      if (!options.rollup || !step->parent) break;
      const auto parent = plan_by_id.find(step->parent->plan.value);
      step = parent == plan_by_id.end() ? nullptr : parent->second;
    }
  }
  std::vector<Row> rows;
  std::map<std::string, std::size_t, std::less<>> index;
  const auto row_for = [&](std::string_view key, std::string_view name) -> Row& {
    const auto [found, inserted] = index.emplace(key, rows.size());
    if (inserted) rows.push_back(Row{std::string(key), std::string(name)});
    return rows[found->second];
  };
  for (const auto& item : items) {
    if (item.kind != evaluate::ItemKind::Task || !item.due || item.due_derived) continue;
    if (options.from && *item.due < *options.from) continue;
    if (options.to && *item.due > *options.to) continue;
    count(report.total, item, today);
    switch (options.by) {
      case GroupBy::Lead: count(row_for(item.lead, item.lead_name), item, today); break;
      case GroupBy::Month: count(row_for(item.due->iso().substr(0, 7), ""), item, today); break;
      case GroupBy::Plan:
      case GroupBy::Unit: {
        const auto chain = chains.find(item.plan_id);
        if (chain == chains.end()) break;
        std::vector<std::string_view> counted;  // a unit above a plan may be the plan's own unit
        for (const model::Plan* plan : chain->second) {
          const std::string_view key =
              options.by == GroupBy::Plan ? std::string_view(plan->id.value) : evaluate::plan_unit(*plan);
          if (std::find(counted.begin(), counted.end(), key) != counted.end()) continue;
          counted.push_back(key);
          count(row_for(key, options.by == GroupBy::Plan ? std::string_view(plan->title.value) : ""), item, today);
        }
        break;
      }
      case GroupBy::Section: {
        bool listed = false;
        for (const auto* plan : plans) {
          if (plan->id.value != item.plan_id) continue;
          for (const auto& section : plan->sections) {
            const bool names = std::any_of(section.tasks.begin(), section.tasks.end(), [&](const auto& path) {
              return path.value == item.id || item.id.rfind(path.value + ".", 0) == 0;
            });
            if (!names) continue;
            const std::string key =
                plans.size() > 1 ? fmt::format("{}:{}", plan->id.value, section.id.value) : section.id.value;
            count(row_for(key, section.title.value), item, today);
            listed = true;
          }
        }
        if (!listed) count(row_for("", ""), item, today);
        break;
      }
    }
  }
  if (options.by == GroupBy::Month) {
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  } else if (options.by == GroupBy::Plan || options.by == GroupBy::Unit) {
    // In the order of the plans (a parent's row is made by its children's tasks first, under --rollup).
    std::map<std::string_view, std::size_t, std::less<>> rank;
    for (const auto* plan : plans) {
      rank.emplace(options.by == GroupBy::Plan ? std::string_view(plan->id.value) : evaluate::plan_unit(*plan),
                   rank.size());
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [&rank](const Row& a, const Row& b) { return rank.at(a.key) < rank.at(b.key); });
  } else {
    // Rows without a key ("no lead", "in no section") last.
    std::stable_partition(rows.begin(), rows.end(), [](const Row& row) { return !row.key.empty(); });
  }
  report.rows = std::move(rows);
  return report;
}

}  // namespace cchc::stats
