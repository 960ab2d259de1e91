#include "check/check.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "util/spell.hpp"

namespace cchc::check {

namespace {

using model::Located;
using model::LocatedText;
using model::Plan;
using model::Section;
using model::Task;
using model::TaskStatus;
using util::Diagnostic;
using util::Diagnostics;
using util::Severity;
using util::SourcePos;

/// How many known names a "not found" hint lists before giving up.
constexpr std::size_t kMaxListedNames = 10;

Diagnostic make(Severity severity, const std::string& file, SourcePos pos, std::string check, std::string message,
                std::string hint = {}) {
  return Diagnostic{severity, file, pos, std::move(check), std::move(message), std::move(hint)};
}

/// Calls `visit(task, parent)` for every task in document order, parents before children.
template <class Visit>
void for_each_task(std::span<const Task> tasks, const Task* parent, Visit&& visit) {
  for (const auto& task : tasks) {
    visit(task, parent);
    for_each_task(task.children, &task, visit);
  }
}

template <class Visit>
void for_each_task(const Plan& plan, Visit&& visit) {
  for_each_task(plan.tasks, nullptr, visit);
}

/// The task's full number as messages show it; a view into the plan.
std::string_view task_label(const Task& task) { return model::full_path(task); }

/// The number of tasks of `plan`, children included.
std::size_t task_count(const Plan& plan) {
  std::size_t count = 0;
  for_each_task(plan, [&](const Task&, const Task*) { ++count; });
  return count;
}

std::string line_text(SourcePos pos) { return pos.known() ? fmt::format("line {}", pos.line) : "an earlier line"; }

/// "did you mean 'snv'?" when a known name is close; else the known names (or how to declare one).
std::string name_hint(std::string_view word, const std::vector<std::string>& known, std::string_view declare_hint) {
  if (auto match = util::closest_match(word, known)) return fmt::format("did you mean '{}'?", *match);
  if (known.empty()) return std::string(declare_hint);
  if (known.size() > kMaxListedNames) return std::string(declare_hint);
  std::string list;
  for (const auto& name : known) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return fmt::format("known: {}", list);
}

std::vector<std::string> agency_ids(const Plan& plan) {
  std::vector<std::string> ids;
  for (const auto& agency : plan.agencies) ids.push_back(agency.id.value);
  return ids;
}

std::vector<std::string> document_ids(const Plan& plan) {
  std::vector<std::string> ids;
  for (const auto& document : plan.documents) ids.push_back(document.id.value);
  return ids;
}

std::vector<std::string> task_paths(const Plan& plan) {
  std::vector<std::string> paths;
  for_each_task(plan, [&](const Task& task, const Task*) { paths.emplace_back(task_label(task)); });
  return paths;
}

/// The full numbers of a plan's tasks for "did you mean" hints, listed the first time a hint needs them: most
/// plans need none, and a plan of 10 000 tasks would copy them all for nothing.
class KnownTaskPaths {
 public:
  explicit KnownTaskPaths(const Plan& plan) : m_plan(plan) {}
  const std::vector<std::string>& get() {
    if (!m_paths) m_paths = task_paths(m_plan);
    return *m_paths;
  }

 private:
  const Plan& m_plan;
  std::optional<std::vector<std::string>> m_paths;
};

// duplicate-id ------------------------------------------------------------------------------------------------

/// Two siblings with the same number, or two tasks anywhere whose full paths coincide ("3.1" at the top
/// level and "3.1" under "3"). A sibling clash is reported once, as such, not again as a path clash.
void check_duplicate_task_ids(const Plan& plan, Diagnostics& out) {
  // The tasks sorted by full number, equal numbers in file order: one pointer a task, 80 KB for 10 000 tasks (a
  // hash map of them took 400 KB, at the checks' peak of memory: issue 8). Nearly every plan has no duplicate,
  // and then this is all.
  std::vector<const Task*> by_path;
  by_path.reserve(task_count(plan));
  for_each_task(plan, [&](const Task& task, const Task*) { by_path.push_back(&task); });
  std::stable_sort(by_path.begin(), by_path.end(),
                   [](const Task* a, const Task* b) { return task_label(*a) < task_label(*b); });
  std::unordered_map<const Task*, const Task*> first_of;  // each later task with a taken number -> the first one
  for (std::size_t i = 1; i < by_path.size(); ++i) {
    if (task_label(*by_path[i]) != task_label(*by_path[i - 1])) continue;
    const Task* first = by_path[i - 1];
    if (const auto earlier = first_of.find(first); earlier != first_of.end()) first = earlier->second;
    first_of.emplace(by_path[i], first);
  }
  if (first_of.empty()) return;
  // Reported in file order, each against the first task with its number.
  for_each_task(plan, [&](const Task& task, const Task* parent) {
    const auto duplicate = first_of.find(&task);
    if (duplicate == first_of.end()) return;
    const Task& first = *duplicate->second;
    const std::string_view path = task_label(task);
    const std::span<const Task> siblings = parent ? std::span<const Task>(parent->children) : plan.tasks;
    const bool sibling = std::any_of(siblings.begin(), siblings.end(), [&](const Task& t) { return &t == &first; });
    const std::string message = sibling ? fmt::format("task number '{}' is used twice in the same list", task.id.value)
                                        : fmt::format("task '{}' has the same full number as another task", path);
    out.push_back(make(
        Severity::Error, plan.file, task.id.pos, "duplicate-id", message,
        fmt::format("the other task '{}' is at {}; give each task its own number", path, line_text(first.id.pos))));
  });
}

void check_duplicate_section_ids(const Plan& plan, Diagnostics& out) {
  std::map<std::string, const Section*, std::less<>> first_by_id;
  for (const auto& section : plan.sections) {
    const auto [found, inserted] = first_by_id.emplace(section.id.value, &section);
    if (inserted) continue;
    out.push_back(make(Severity::Error, plan.file, section.id.pos, "duplicate-id",
                       fmt::format("section id '{}' is used twice", section.id.value),
                       fmt::format("the other section '{}' is at {}; give each section its own id", section.id.value,
                                   line_text(found->second->id.pos))));
  }
}

// unknown-agency ----------------------------------------------------------------------------------------------

/// `agency` is a task's LocatedId or a section's LocatedText.
template <class Located>
void check_agency_reference(const Plan& plan, const std::vector<std::string>& known, const Located& agency,
                            Diagnostics& out) {
  const std::string_view id = agency.value;
  if (plan.find_agency(id)) return;
  out.push_back(make(Severity::Error, plan.file, agency.pos, "unknown-agency", fmt::format("unknown agency '{}'", id),
                     name_hint(id, known, "declare it under 'agencies:' first")));
}

void check_unknown_agencies(const Plan& plan, Diagnostics& out) {
  const auto known = agency_ids(plan);
  for_each_task(plan, [&](const Task& task, const Task*) {
    if (task.lead) check_agency_reference(plan, known, *task.lead, out);
    for (const auto& agency : task.support) check_agency_reference(plan, known, agency, out);
  });
  for (const auto& section : plan.sections) {
    if (section.lead) check_agency_reference(plan, known, *section.lead, out);
  }
}

// unknown-document --------------------------------------------------------------------------------------------

void check_document_references(const Plan& plan, const std::vector<std::string>& known,
                               std::span<const model::AppendixRef> appendices, Diagnostics& out) {
  for (const auto& appendix : appendices) {
    if (plan.find_document(appendix.doc.value)) continue;
    out.push_back(make(Severity::Error, plan.file, appendix.doc.pos, "unknown-document",
                       fmt::format("unknown document '{}'", appendix.doc.value),
                       name_hint(appendix.doc.value, known, "declare it under 'documents:' first")));
  }
}

void check_unknown_documents(const Plan& plan, Diagnostics& out) {
  const auto known = document_ids(plan);
  for_each_task(plan,
                [&](const Task& task, const Task*) { check_document_references(plan, known, task.appendices(), out); });
  for (const auto& section : plan.sections) check_document_references(plan, known, section.appendices, out);
}

// unknown-task ------------------------------------------------------------------------------------------------

void check_unknown_tasks(const Plan& plan, Diagnostics& out) {
  KnownTaskPaths known(plan);
  for (const auto& section : plan.sections) {
    for (const auto& path : section.tasks) {
      if (plan.find_task(path.value)) continue;
      out.push_back(make(Severity::Error, plan.file, path.pos, "unknown-task",
                         fmt::format("section '{}' lists unknown task '{}'", section.id.value, path.value),
                         name_hint(path.value, known.get(), "list tasks by their full number, as in '3.1'")));
    }
  }
}

// unknown-task, dependency-cycle, plan-date-needed: relative deadlines ----------------------------------------

/// The deadlines a task or section states, its own and its trigger's, with where each is written.
std::vector<const Located<model::Deadline>*> stated_deadlines(const model::OptionalLocated<model::Deadline>& due,
                                                              const util::Boxed<model::Trigger>& trigger) {
  std::vector<const Located<model::Deadline>*> deadlines;
  if (due) deadlines.push_back(&*due);
  if (trigger && trigger->due) deadlines.push_back(&*trigger->due);
  return deadlines;
}

/// `what` names the task or section in messages ("task '3.1'"); it is only called for one.
void check_relative_deadline(const Plan& plan, KnownTaskPaths& known, const std::function<std::string()>& what,
                             const Located<model::Deadline>& deadline, Diagnostics& out) {
  using Anchor = model::DeadlineAnchor::Kind;
  if (deadline.value.counts_from(Anchor::TaskDone) && !plan.find_task(deadline.value.relative->anchor.task)) {
    const std::string& task = deadline.value.relative->anchor.task;
    out.push_back(make(Severity::Error, plan.file, deadline.pos, "unknown-task",
                       fmt::format("{} counts from unknown task '{}'", what(), task),
                       name_hint(task, known.get(), "refer to tasks by their full number, as in '3.1'")));
  }
  const bool dated = plan.date && plan.date->value.month > 0 && plan.date->value.day > 0;
  if (deadline.value.counts_from(Anchor::PlanIssued) && !dated) {
    out.push_back(make(Severity::Warning, plan.file, deadline.pos, "plan-date-needed",
                       fmt::format("{} counts from the plan's issue date, but the plan has no full 'date:'", what()),
                       "add the day the plan was issued to the 'plan' block, e.g. 'date: 2026-02-13'; until then "
                       "the task is shown as waiting"));
  }
}

void check_relative_deadlines(const Plan& plan, Diagnostics& out) {
  KnownTaskPaths known(plan);
  for_each_task(plan, [&](const Task& task, const Task*) {
    const auto what = [&] { return fmt::format("task '{}'", task_label(task)); };
    for (const auto* deadline : stated_deadlines(task.due, task.trigger())) {
      check_relative_deadline(plan, known, what, *deadline, out);
    }
  });
  for (const auto& section : plan.sections) {
    const auto what = [&] { return fmt::format("section '{}'", section.id.value); };
    for (const auto* deadline : stated_deadlines(section.due, section.trigger)) {
      check_relative_deadline(plan, known, what, *deadline, out);
    }
  }
}

/// Tasks whose deadlines count from each other's completion in a circle can never start. The walk is
/// iterative: a chain of 10 000 tasks, each after the one before, must not exhaust the stack.
void check_dependency_cycles(const Plan& plan, Diagnostics& out) {
  const auto waits_for_a_task = [](const Task& task) {
    for (const auto* deadline : stated_deadlines(task.due, task.trigger())) {
      if (deadline->value.counts_from(model::DeadlineAnchor::Kind::TaskDone)) return true;
    }
    return false;
  };
  bool any_waits = false;
  for_each_task(plan, [&](const Task& task, const Task*) { any_waits = any_waits || waits_for_a_task(task); });
  if (!any_waits) return;  // most plans: no circle can close
  std::vector<const Task*> tasks;
  tasks.reserve(task_count(plan));
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(tasks.capacity());
  for_each_task(plan, [&](const Task& task, const Task*) {
    index_of.emplace(task_label(task), tasks.size());
    tasks.push_back(&task);
  });
  // The tasks each task waits for, with the deadline that says so.
  std::vector<std::vector<std::pair<std::size_t, const Located<model::Deadline>*>>> waits_for(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    for (const auto* deadline : stated_deadlines(tasks[i]->due, tasks[i]->trigger())) {
      if (!deadline->value.counts_from(model::DeadlineAnchor::Kind::TaskDone)) continue;
      const auto found = index_of.find(deadline->value.relative->anchor.task);
      if (found != index_of.end()) waits_for[i].emplace_back(found->second, deadline);
    }
  }
  enum class Mark { Unseen, OnPath, Finished };
  std::vector<Mark> marks(tasks.size(), Mark::Unseen);
  std::vector<std::pair<std::size_t, std::size_t>> path;  // (task, next edge to follow)
  for (std::size_t root = 0; root < tasks.size(); ++root) {
    if (marks[root] != Mark::Unseen) continue;
    path.emplace_back(root, 0);
    marks[root] = Mark::OnPath;
    while (!path.empty()) {
      auto& [task, edge] = path.back();
      if (edge == waits_for[task].size()) {
        marks[task] = Mark::Finished;
        path.pop_back();
        continue;
      }
      const std::size_t next = waits_for[task][edge++].first;
      if (marks[next] == Mark::Unseen) {
        marks[next] = Mark::OnPath;
        path.emplace_back(next, 0);
        continue;
      }
      if (marks[next] != Mark::OnPath) continue;
      // A circle: from `next` along the path back to `task`. Named from its first task in the file.
      std::vector<std::size_t> circle;
      for (auto at = path.size(); at-- > 0;) {
        circle.push_back(path[at].first);
        if (path[at].first == next) break;
      }
      std::reverse(circle.begin(), circle.end());
      std::rotate(circle.begin(), std::min_element(circle.begin(), circle.end()), circle.end());
      const Task& first = *tasks[circle.front()];
      const std::size_t successor = circle.size() > 1 ? circle[1] : circle.front();
      const Located<model::Deadline>* where = nullptr;
      for (const auto& [target, deadline] : waits_for[circle.front()]) {
        if (target == successor && !where) where = deadline;
      }
      // The whole circle, unless it is too long to read: then its first tasks and its length.
      std::string chain;
      const std::size_t shown = circle.size() > kMaxListedNames + 2 ? kMaxListedNames : circle.size();
      for (std::size_t at = 0; at < shown; ++at) chain += fmt::format("{} → ", task_label(*tasks[circle[at]]));
      chain += shown < circle.size() ? fmt::format("… ({} tasks in all) → {}", circle.size(), task_label(first))
                                     : std::string(task_label(first));
      const std::string message =
          circle.size() == 1 ? fmt::format("task '{}' counts its deadline from its own completion", task_label(first))
                             : fmt::format(
                                   "tasks wait for each other in a circle: {} (each waits for the next to be "
                                   "done), so none of them can ever start",
                                   chain);
      out.push_back(make(Severity::Error, plan.file, where ? where->pos : first.pos, "dependency-cycle", message,
                         "one of these tasks must count from something else: a day, the plan's issue date "
                         "or a task outside the circle"));
    }
  }
}

// done-date-not-done, missing-done-date -----------------------------------------------------------------------

/// What the done-date checks call an item in messages ("task '3.1'", "section 'snv'"): made only for a message,
/// not for each of the thousands of tasks that need none.
using Naming = std::function<std::string()>;

/// `what` names the item in messages: "task '3.1'", "section 'snv'".
void check_done_date_matches_status(const Plan& plan, const Naming& what, const Located<TaskStatus>& status,
                                    const model::OptionalLocated<util::Date>& done, Diagnostics& out) {
  if (!done || status.value == TaskStatus::Done) return;
  out.push_back(make(Severity::Error, plan.file, done->pos, "done-date-not-done",
                     fmt::format("{} has a done date ({}) but its status is '{}'", what(), done->value.vn(),
                                 model::to_string(status.value)),
                     "set 'status: done', or remove the 'done' date"));
}

void check_done_has_date(const Plan& plan, const Naming& what, const Located<TaskStatus>& status,
                         const model::OptionalLocated<util::Date>& done, Diagnostics& out) {
  if (done || status.value != TaskStatus::Done) return;
  out.push_back(make(Severity::Warning, plan.file, status.pos, "missing-done-date",
                     fmt::format("{} is done but has no done date", what()),
                     "add 'done: YYYY-MM-DD' so that lateness can be judged"));
}

/// A done date before the first day the plan's date can mean (2020-02 → 1/2/2020) is most likely a typo.
void check_done_after_plan(const Plan& plan, const Naming& what, const model::OptionalLocated<util::Date>& done,
                           Diagnostics& out) {
  if (!done || !plan.date) return;
  const util::PartialDate& date = plan.date->value;
  const util::Date earliest{date.year, date.month > 0 ? date.month : 1, date.day > 0 ? date.day : 1};
  if (done->value >= earliest) return;
  out.push_back(
      make(Severity::Warning, plan.file, done->pos, "done-before-plan",
           fmt::format("{} is marked done on {}, before the plan itself ({})", what(), done->value.vn(), date.vn()),
           "check the year and the month of the done date"));
}

/// The done-date checks of one progress record: a task's, a section's, or one occurrence's of either.
template <class Record>
void check_record_done_date(const Plan& plan, const Naming& what, const Record& record, Diagnostics& out) {
  check_done_date_matches_status(plan, what, record.status, record.done, out);
  check_done_has_date(plan, what, record.status, record.done, out);
  check_done_after_plan(plan, what, record.done, out);
}

/// The checks of `item` and of each occurrence of its recurring deadline ("task '3', occurrence '2021-Q1'").
template <class Item>
void check_item_done_dates(const Plan& plan, const Naming& what, const Item& item, Diagnostics& out) {
  check_record_done_date(plan, what, item, out);
  for (const auto& occurrence : model::occurrences_of(item)) {
    const auto occurrence_what = [&] { return fmt::format("{}, occurrence '{}'", what(), occurrence.label.value); };
    check_record_done_date(plan, occurrence_what, occurrence, out);
  }
}

void check_done_dates(const Plan& plan, Diagnostics& out) {
  for_each_task(plan, [&](const Task& task, const Task*) {
    check_item_done_dates(
        plan, [&] { return fmt::format("task '{}'", task_label(task)); }, task, out);
  });
  for (const auto& section : plan.sections) {
    check_item_done_dates(
        plan, [&] { return fmt::format("section '{}'", section.id.value); }, section, out);
  }
}

// child-due-after-parent --------------------------------------------------------------------------------------

std::optional<util::Date> own_due_date(const Task& task) {
  if (!task.due || task.due->value.kind != model::DeadlineKind::Date) return std::nullopt;
  return task.due->value.due;
}

/// Compares each task with the nearest enclosing task that states its own date
/// (the direct parent, unless the parent's date only comes from its children).
void check_children_due(const Plan& plan, std::span<const Task> tasks, const Task* dated_ancestor, Diagnostics& out) {
  for (const auto& task : tasks) {
    const auto due = own_due_date(task);
    if (due && dated_ancestor) {
      const util::Date limit = *own_due_date(*dated_ancestor);
      if (*due > limit) {
        out.push_back(make(Severity::Error, plan.file, task.due->pos, "child-due-after-parent",
                           fmt::format("task '{}' is due {}, after task '{}' that contains it (due {})",
                                       task_label(task), due->vn(), task_label(*dated_ancestor), limit.vn()),
                           "a task cannot be finished before its parts; move one of the two dates"));
      }
    }
    check_children_due(plan, task.children, due ? &task : dated_ancestor, out);
  }
}

void check_child_due_after_parent(const Plan& plan, Diagnostics& out) {
  check_children_due(plan, plan.tasks, nullptr, out);
}

/// Diagnostics of one file in the order their positions appear in it; unknown positions come first.
void sort_by_position(Diagnostics& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.column < b.pos.column;
  });
}

}  // namespace

Diagnostics check_plan(const Plan& plan) {
  Diagnostics diagnostics;
  check_duplicate_task_ids(plan, diagnostics);
  check_duplicate_section_ids(plan, diagnostics);
  check_unknown_agencies(plan, diagnostics);
  check_unknown_documents(plan, diagnostics);
  check_unknown_tasks(plan, diagnostics);
  check_relative_deadlines(plan, diagnostics);
  check_dependency_cycles(plan, diagnostics);
  check_done_dates(plan, diagnostics);
  check_child_due_after_parent(plan, diagnostics);
  sort_by_position(diagnostics);
  return diagnostics;
}

namespace {

/// The `parent:` links between the plans loaded together: each names a plan that was loaded and a task of it,
/// and following them from any plan never comes back to it.
void check_parent_links(const std::map<std::string, const Plan*, std::less<>>& by_id, Diagnostics& diagnostics) {
  std::vector<std::string> plan_ids;
  plan_ids.reserve(by_id.size());
  for (const auto& [id, plan] : by_id) plan_ids.push_back(id);
  std::map<std::string, std::string, std::less<>> parent_of;  // plan id -> parent plan id, for links that resolve
  for (const auto& [id, plan] : by_id) {
    if (!plan->parent) continue;
    const model::PlanLink& link = *plan->parent;
    const auto parent = by_id.find(link.plan.value);
    if (parent == by_id.end()) {
      diagnostics.push_back(
          make(Severity::Error, plan->file, link.plan.pos, "unknown-plan",
               fmt::format("parent plan '{}' is not among the plans read", link.plan.value),
               name_hint(link.plan.value, plan_ids, "read the parent plan's file too (e.g. the whole plans/ folder)")));
      continue;
    }
    if (!parent->second->find_task(link.task.value)) {
      const std::vector<std::string> paths = task_paths(*parent->second);
      diagnostics.push_back(
          make(Severity::Error, plan->file, link.task.pos, "unknown-task",
               fmt::format("plan '{}' has no task '{}'", link.plan.value, link.task.value),
               name_hint(link.task.value, paths, fmt::format("use the full path of a task of '{}'", link.plan.value))));
      continue;
    }
    parent_of.emplace(id, link.plan.value);
  }
  // A plan whose chain of parents comes back to it: reported once per cycle, at the plan that comes first by id.
  for (const auto& entry : parent_of) {
    const std::string& start = entry.first;
    std::vector<std::string> chain = {start};
    for (auto next = parent_of.find(start); next != parent_of.end(); next = parent_of.find(next->second)) {
      if (next->second == start) {
        if (std::any_of(chain.begin(), chain.end(), [&](const std::string& id) { return id < start; })) break;
        std::string shown;
        for (const auto& id : chain) shown += id + " → ";
        const Plan& plan = *by_id.find(start)->second;
        diagnostics.push_back(make(Severity::Error, plan.file, plan.parent->pos, "plan-cycle",
                                   fmt::format("the parent links go round in a circle: {}{}", shown, start),
                                   "a plan cannot implement, directly or through others, a task of itself; "
                                   "remove one of these 'parent:' links"));
        break;
      }
      if (std::find(chain.begin(), chain.end(), next->second) != chain.end()) break;  // a cycle not through start
      chain.push_back(next->second);
    }
  }
}

}  // namespace

Diagnostics check_plans(const std::vector<const Plan*>& plans) {
  Diagnostics diagnostics;
  std::map<std::string, const Plan*, std::less<>> first_by_id;
  for (const Plan* plan : plans) {
    if (plan->id.value.empty()) continue;  // no id at all: already reported as missing
    const auto [found, inserted] = first_by_id.emplace(plan->id.value, plan);
    if (inserted) continue;
    const Plan& first = *found->second;
    diagnostics.push_back(make(
        Severity::Error, plan->file, plan->id.pos, "duplicate-plan",
        fmt::format("plan id '{}' is already used by another plan", plan->id.value),
        fmt::format("{} declares the same id at {}; give each plan its own id", first.file, line_text(first.id.pos))));
  }
  check_parent_links(first_by_id, diagnostics);
  return diagnostics;
}

}  // namespace cchc::check
