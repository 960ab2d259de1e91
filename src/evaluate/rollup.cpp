#include "evaluate/rollup.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <utility>

namespace cchc::evaluate {

namespace {

bool is_open(State state) { return state != State::Done && state != State::DoneLate && state != State::Cancelled; }

/// Leaf tasks per state, indexed like all_states().
struct Tally {
  std::vector<int> per_state = std::vector<int>(all_states().size(), 0);
  std::set<std::string> plans_below;

  void add(State state) {
    const auto& states = all_states();
    ++per_state[static_cast<std::size_t>(std::find(states.begin(), states.end(), state) - states.begin())];
  }
  void add(const Tally& other) {
    for (std::size_t i = 0; i < per_state.size(); ++i) per_state[i] += other.per_state[i];
    plans_below.insert(other.plans_below.begin(), other.plans_below.end());
  }

  /// The most urgent open state; when all work is closed, done late before done before cancelled.
  std::optional<State> state() const {
    const auto& states = all_states();  // in urgency order
    for (std::size_t i = 0; i < states.size(); ++i) {
      if (per_state[i] > 0) return states[i];
    }
    return std::nullopt;
  }

  Rollup to_rollup(std::vector<std::string> direct, State own_state) const {
    Rollup rollup;
    rollup.plans = std::move(direct);
    rollup.plans_below = static_cast<int>(plans_below.size());
    rollup.own_state = own_state;
    const auto& states = all_states();
    for (std::size_t i = 0; i < states.size(); ++i) {
      rollup.tasks += per_state[i];
      if (states[i] == State::Done || states[i] == State::DoneLate) rollup.done += per_state[i];
      if (per_state[i] > 0) rollup.counts.emplace_back(states[i], per_state[i]);
    }
    return rollup;
  }
};

/// Whether the task at `path` is `ancestor` or below it ("2.1" is below "2"; "21" is not).
bool is_at_or_below(std::string_view path, std::string_view ancestor) {
  return path == ancestor ||
         (path.size() > ancestor.size() && path.substr(0, ancestor.size()) == ancestor && path[ancestor.size()] == '.');
}

/// The links that resolve: child plan id -> (parent plan id, task path), and the reverse.
struct Links {
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> parent_of;
  std::map<std::string, std::vector<std::string>, std::less<>>
      children_of;  ///< parent plan id -> child plan ids, sorted
};

Links resolve_links(const std::vector<Item>& items, const std::vector<const model::Plan*>& plans) {
  std::set<std::pair<std::string_view, std::string_view>> tasks;  // (plan id, path) of every task item
  for (const Item& item : items) {
    if (item.kind == ItemKind::Task) tasks.emplace(item.plan_id, item.id);
  }
  Links links;
  for (const model::Plan* plan : plans) {
    if (!plan->parent || plan->id.value.empty()) continue;
    const auto& link = *plan->parent;
    if (tasks.count({link.plan.value, link.task.value}) == 0) continue;
    links.parent_of[plan->id.value] = {link.plan.value, link.task.value};
  }
  // A plan whose chain of parents never reaches a top (a circle, or a plan hanging off one) is left out of
  // the rollup altogether; all of them are found before any is dropped.
  std::vector<std::string> circular;
  for (const auto& [id, parent] : links.parent_of) {
    std::set<std::string> seen = {id};
    for (auto up = links.parent_of.find(parent.first); up != links.parent_of.end();
         up = links.parent_of.find(up->second.first)) {
      if (!seen.insert(up->first).second) {
        circular.push_back(id);
        break;
      }
    }
  }
  for (const auto& id : circular) links.parent_of.erase(id);
  for (const auto& [child, parent] : links.parent_of) links.children_of[parent.first].push_back(child);
  return links;
}

/// Tallies plans and tasks from the items' states before any rollup.
class RollupBuilder {
 public:
  RollupBuilder(const std::vector<Item>& items, const Links& links) : m_items(items), m_links(links) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].kind == ItemKind::Task) m_by_plan[items[i].plan_id].push_back(i);
    }
  }

  /// Everything plan `id` adds up to: its leaf tasks and, through the links, those of every plan below it.
  const Tally& plan_tally(std::string_view id) {
    if (const auto done = m_plan_tallies.find(id); done != m_plan_tallies.end()) return done->second;
    Tally tally;
    tally.plans_below.emplace(id);
    for (const std::size_t index : rows_of(id)) {
      if (!m_items[index].has_children) tally.add(state_before_rollup(m_items[index]));
    }
    if (const auto children = m_links.children_of.find(id); children != m_links.children_of.end()) {
      for (const auto& child : children->second) tally.add(plan_tally(child));
    }
    return m_plan_tallies.emplace(std::string(id), std::move(tally)).first->second;
  }

  /// Sets the rollup of each task of plan `id` that has plans below it, in `out` (parallel to the items).
  void roll_up_plan(std::string_view id, std::vector<Item>& out) {
    const auto children = m_links.children_of.find(id);
    if (children == m_links.children_of.end()) return;
    const std::vector<std::size_t>& rows = rows_of(id);
    for (const std::size_t index : rows) {
      Item& item = out[index];
      std::vector<std::string> direct;
      std::vector<const std::string*> below;
      for (const auto& child : children->second) {
        const std::string& path = m_links.parent_of.at(child).second;
        if (path == item.id) direct.push_back(child);
        if (is_at_or_below(path, item.id)) below.push_back(&child);
      }
      if (below.empty()) continue;
      Tally tally;
      for (const std::size_t other : rows) {
        if (!m_items[other].has_children && is_at_or_below(m_items[other].id, item.id)) {
          tally.add(state_before_rollup(m_items[other]));
        }
      }
      for (const std::string* child : below) tally.add(plan_tally(*child));
      const State own = state_before_rollup(item);
      item.rollup = tally.to_rollup(std::move(direct), own);
      // A task's own `status: done` or `cancelled` wins, as it does over its sub-tasks; a heading's state
      // comes from its rows, here including the plans below them.
      const bool closed_by_own_status = !item.has_children && !is_open(own);
      if (const auto rolled = tally.state(); rolled && !closed_by_own_status && *rolled != own) {
        item.state = *rolled;
        item.days.reset();  // its own count of days would contradict the state the work below gives it
      }
    }
  }

 private:
  static State state_before_rollup(const Item& item) { return item.rollup ? item.rollup->own_state : item.state; }

  /// The task rows of plan `id`, by index; looking up never adds a key, whose text might not outlive the map.
  const std::vector<std::size_t>& rows_of(std::string_view id) const {
    static const std::vector<std::size_t> none;
    const auto found = m_by_plan.find(id);
    return found == m_by_plan.end() ? none : found->second;
  }

  const std::vector<Item>& m_items;
  const Links& m_links;
  std::map<std::string_view, std::vector<std::size_t>> m_by_plan;  ///< keys refer into the items' plans
  std::map<std::string, Tally, std::less<>> m_plan_tallies;
};

}  // namespace

void roll_up(std::vector<Item>& items, const std::vector<const model::Plan*>& plans) {
  const Links links = resolve_links(items, plans);
  // Tallies read the states before any rollup, so the rolled items go to a copy.
  std::vector<Item> rolled = items;
  RollupBuilder builder(items, links);
  for (const auto& [parent, children] : links.children_of) builder.roll_up_plan(parent, rolled);
  items = std::move(rolled);
}

std::vector<Item> rollup_view(const std::vector<Item>& items, const std::vector<const model::Plan*>& plans,
                              const std::vector<std::string>& shown_plans) {
  const Links links = resolve_links(items, plans);
  std::map<std::string, const model::Plan*, std::less<>> plan_by_id;
  for (const model::Plan* plan : plans) plan_by_id.emplace(plan->id.value, plan);
  const auto shown = [&](std::string_view id) {
    if (!shown_plans.empty()) return std::find(shown_plans.begin(), shown_plans.end(), id) != shown_plans.end();
    return links.parent_of.count(id) == 0;
  };
  // Each plan's own summary: the rollup of all its work, as the Plan row under its parent task shows it.
  RollupBuilder builder(items, links);
  std::vector<Item> view;
  // One row per plan, under the task it carries out, then the plans below it under that row, at any depth.
  const std::function<void(const std::string&, std::size_t, int)> add_plan_row = [&](const std::string& id,
                                                                                     std::size_t order, int depth) {
    const model::Plan& plan = *plan_by_id.at(id);
    const Tally& tally = builder.plan_tally(id);
    Item row;
    row.kind = ItemKind::Plan;
    row.plan_id = plan.id.value;  // the row refers into its plan, as every item does
    row.plan_title = plan.title.value;
    row.unit = plan_unit(plan);
    row.file = plan.file;
    row.id = plan.id.value;
    row.title = plan.title.value;
    row.lead_name = plan.issuer;
    row.depth = depth;
    row.order = order;
    row.pos = plan.parent->pos;
    row.state = tally.state().value_or(State::NoDeadline);
    row.status = row.state == State::Cancelled                              ? model::TaskStatus::Cancelled
                 : row.state == State::Done || row.state == State::DoneLate ? model::TaskStatus::Done
                                                                            : model::TaskStatus::Todo;
    std::vector<std::string> direct;
    if (const auto below = links.children_of.find(id); below != links.children_of.end()) direct = below->second;
    row.rollup = tally.to_rollup(direct, row.state);
    view.push_back(std::move(row));
    for (const auto& child : direct) add_plan_row(child, order, depth + 1);
  };
  for (const Item& item : items) {
    if (!shown(item.plan_id)) continue;
    view.push_back(item);
    if (!item.rollup) continue;
    for (const auto& child : item.rollup->plans) add_plan_row(child, item.order, item.depth + 1);
  }
  return view;
}

}  // namespace cchc::evaluate
