#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/json_writer.hpp"
#include "render/render.hpp"

// The JSON output is a documented contract (docs/json.md): keys in a fixed order,
// two-space indentation as `jq .` prints it, fields only ever added.
namespace cchc::render {

namespace {

using detail::array;
using detail::date_or_null;
using detail::ObjectWriter;
using detail::quote;

/// The word scripts see for what a waiting item waits for.
const char* waiting_kind(evaluate::WaitingFor::Kind kind) {
  switch (kind) {
    case evaluate::WaitingFor::Kind::Event: return "event";
    case evaluate::WaitingFor::Kind::Task: return "task";
    case evaluate::WaitingFor::Kind::PlanIssued: return "plan-issued";
    case evaluate::WaitingFor::Kind::None: break;
  }
  return "";
}

std::string rollup_object(const evaluate::Rollup& rollup, int indent) {
  std::vector<std::string> plans;
  for (const auto& plan : rollup.plans) plans.push_back(quote(plan));
  ObjectWriter counts(indent + 2);
  for (const auto& [state, count] : rollup.counts) counts.add(evaluate::to_string(state), fmt::format("{}", count));
  ObjectWriter object(indent);
  object.add("plans", array(plans, indent + 2));
  object.add("plans_below", fmt::format("{}", rollup.plans_below));
  object.add("tasks", fmt::format("{}", rollup.tasks));
  object.add("done", fmt::format("{}", rollup.done));
  object.add("counts", counts.finish());
  object.add("own_state", quote(evaluate::to_string(rollup.own_state)));
  return object.finish();
}

std::string item_object(const evaluate::Item& item, int indent) {
  std::vector<std::string> support;
  for (const auto& agency : item.support) support.push_back(quote(agency));

  ObjectWriter object(indent);
  object.add("plan", quote(item.plan_id));
  object.add("id", quote(item.id));
  object.add("title", quote(item.title));
  object.add("lead", quote(item.lead));
  object.add("lead_name", quote(item.lead_name));
  object.add("support", array(support, indent + 2));
  object.add("due", date_or_null(item.due));
  object.add("due_text", quote(item.due_text));
  object.add("state", quote(evaluate::to_string(item.state)));
  object.add("days", item.days ? fmt::format("{}", *item.days) : "null");
  object.add("status", quote(model::to_string(item.status)));
  object.add("done", date_or_null(item.done));
  object.add("kind", quote(detail::kind_name(item.kind)));
  object.add("depth", fmt::format("{}", item.depth));
  object.add("file", quote(item.file));
  object.add("line", item.pos.known() ? fmt::format("{}", item.pos.line) : "null");
  object.add("start", date_or_null(item.start));
  object.add("waiting_for", quote(waiting_kind(item.waiting_for.kind)));
  object.add("waiting_text", quote(item.waiting_for.text));
  object.add("occurrence", item.occurrence.empty() ? "null" : quote(item.occurrence));
  // Only with --rollup, and only on rows that plans below add to: the contract is extended, never changed.
  if (item.rollup) object.add("rollup", rollup_object(*item.rollup, indent + 2));
  return object.finish();
}

}  // namespace

std::string render_json(const std::vector<evaluate::Item>& items, const Options& options) {
  // Even an empty overdue list prints the whole object: scripts always get valid JSON.
  std::vector<std::string> objects;
  objects.reserve(items.size());
  for (const auto& item : items) objects.push_back(item_object(item, 4));

  ObjectWriter counts(2);
  for (const evaluate::State state : evaluate::all_states()) {
    int count = 0;
    for (const auto& item : items) {
      if (item.state == state) ++count;
    }
    counts.add(evaluate::to_string(state), fmt::format("{}", count));
  }

  ObjectWriter root(0);
  root.add("today", quote(options.today.iso()));
  root.add("items", array(objects, 2));
  root.add("counts", counts.finish());
  return root.finish() + "\n";
}

}  // namespace cchc::render
