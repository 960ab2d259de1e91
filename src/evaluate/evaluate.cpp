#include "evaluate/evaluate.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "model/recurrence.hpp"

#include "calendar/holidays.hpp"

namespace cchc::evaluate {

namespace {

using model::TaskStatus;

/// A deadline after derivation: a date, ongoing work, or nothing.
struct EffectiveDue {
  std::optional<util::Date> date;
  std::optional<util::Date> start;  ///< first day of the window, when the wording names a period
  bool ongoing = false;
  WaitingFor waiting;     ///< Kind::None unless the date is not known yet
  std::string_view text;  ///< the wording, in the plan; empty when derived
  bool derived = false;
};

/// A completion after derivation from children or listed tasks.
struct EffectiveCompletion {
  TaskStatus status = TaskStatus::Todo;
  std::optional<util::Date> done;
};

bool is_recurring(const model::OptionalLocated<model::Deadline>& due) {
  return due && due->value.recurrence.has_value();
}

/// The latest of several deadlines: the last date wins; ongoing only counts when no part has a date.
EffectiveDue latest_of(const std::vector<const EffectiveDue*>& parts) {
  EffectiveDue result;
  result.derived = true;
  bool any_ongoing = false;
  for (const EffectiveDue* part : parts) {
    if (part->date && (!result.date || *part->date > *result.date)) result.date = part->date;
    if (part->start && (!result.start || *part->start < *result.start)) result.start = part->start;
    any_ongoing = any_ongoing || part->ongoing;
  }
  result.ongoing = !result.date && any_ongoing;
  if (!result.date && !result.ongoing) {
    // Undated because some part waits: the whole waits for the first of them.
    for (const EffectiveDue* part : parts) {
      if (part->waiting.kind != WaitingFor::Kind::None) {
        result.waiting = part->waiting;
        break;
      }
    }
  }
  return result;
}

/// Done when every part is done or cancelled and at least one is done; cancelled when all are
/// cancelled; `fallback` otherwise. The done date is the latest part's, unknown if any done part lacks one.
EffectiveCompletion combined_completion(const std::vector<const EffectiveCompletion*>& parts,
                                        const EffectiveCompletion& fallback) {
  if (parts.empty()) return fallback;
  bool any_done = false, all_closed = true, done_dates_known = true;
  std::optional<util::Date> latest;
  for (const EffectiveCompletion* part : parts) {
    if (part->status == TaskStatus::Done) {
      any_done = true;
      if (!part->done) {
        done_dates_known = false;
      } else if (!latest || *part->done > *latest) {
        latest = part->done;
      }
    } else if (part->status != TaskStatus::Cancelled) {
      all_closed = false;
    }
  }
  if (!all_closed) return fallback;
  if (!any_done) return {TaskStatus::Cancelled, std::nullopt};
  return {TaskStatus::Done, done_dates_known ? latest : std::nullopt};
}

EffectiveCompletion own_completion(const model::Located<TaskStatus>& status,
                                   const model::OptionalLocated<util::Date>& done) {
  EffectiveCompletion result{status.value, std::nullopt};
  if (done) result.done = done->value;
  return result;
}

bool is_open(TaskStatus status) { return status == TaskStatus::Todo || status == TaskStatus::Doing; }

/// The completion of a task or section: its own when it is finished, else what its parts' completions (a task's
/// children, the tasks a section names) add up to.
template <class Work>
EffectiveCompletion completion_of(const Work& work, const std::vector<const EffectiveCompletion*>& parts) {
  const EffectiveCompletion own = own_completion(work.status, work.done);
  return is_open(own.status) ? combined_completion(parts, own) : own;
}

/// The state and day count of an item whose due and completion are known.
void assign_state(Item& item, const EffectiveDue& due, util::Date today, const Options& options) {
  item.days.reset();
  if (item.status == TaskStatus::Cancelled) {
    item.state = State::Cancelled;
    return;
  }
  // Looking back at a past day, work recorded as finished later was still open then.
  const bool done_by_today = item.status == TaskStatus::Done && !(item.done && *item.done > today);
  if (done_by_today) {
    if (item.due && item.done) {
      item.days = util::days_between(*item.done, *item.due);
      item.state = *item.days < 0 ? State::DoneLate : State::Done;
    } else {
      item.state = State::Done;
    }
    return;
  }
  if (!item.due) {
    if (due.ongoing) {
      item.state = State::Ongoing;
    } else {
      item.state = due.waiting.kind == WaitingFor::Kind::None ? State::NoDeadline : State::Waiting;
    }
    return;
  }
  const long days = util::days_between(today, *item.due);
  item.days = days;
  if (days < 0) {
    item.state = State::Overdue;
  } else if (days == 0) {
    item.state = State::DueToday;
  } else if (days <= options.soon_days) {
    item.state = State::DueSoon;
  } else if (item.start && *item.start <= today) {
    item.state = State::InProgress;  // inside its window ("2026 - 2030" in 2027), not yet near the end
  } else {
    item.state = State::Upcoming;
  }
}

/// The same for an occurrence of a recurring deadline, which never waits: ongoing or dated.
void assign_state(Item& item, bool ongoing, util::Date today, const Options& options) {
  EffectiveDue due;
  due.ongoing = ongoing;
  assign_state(item, due, today, options);
}

/// The display name of an agency id (text of `plan`): its name, or the id itself when unnamed or undeclared.
std::string_view agency_name(const model::Plan& plan, std::string_view agency_id) {
  const model::Agency* agency = plan.find_agency(agency_id);
  if (!agency || agency->name.empty()) return agency_id;
  return agency->name;
}

/// `Id` is model::LocatedId for a task, model::LocatedText for a section; `Lead` an optional one of them.
template <class Id, class Lead>
void fill_people(Item& item, const model::Plan& plan, const Lead& lead, std::span<const Id> support) {
  if (lead) {
    item.lead = std::string_view(lead->value);
    item.lead_name = agency_name(plan, lead->value);
  }
  item.support.reserve(support.size());
  item.support_names.reserve(support.size());
  for (const auto& agency : support) {
    item.support.push_back(std::string_view(agency.value));
    item.support_names.push_back(agency_name(plan, agency.value));
  }
}

void apply_due(Item& item, const EffectiveDue& due) {
  item.due = due.date;
  item.waiting_for = due.waiting;
  item.start = due.start;
  item.due_text = due.text;
  item.due_derived = due.derived;
}

/// A task or section whose deadline repeats: each occurrence gets its own state from its own record, and the
/// item shows the most urgent one. Sets the item's due, completion and state; returns what parents derive.
std::pair<EffectiveDue, EffectiveCompletion> evaluate_recurring(Item& item, const model::Plan& plan,
                                                                const model::Deadline& deadline,
                                                                std::span<const model::OccurrenceRecord> records,
                                                                const EffectiveCompletion& own, util::Date today,
                                                                const Options& options) {
  const model::Recurrence& rule = *deadline.recurrence;
  EffectiveDue due;
  due.text = deadline.text;
  due.ongoing = rule.ongoing;
  item.due_text = deadline.text;
  // The duty as a whole cancelled or finished ends every occurrence.
  const std::optional<int> first = model::first_recurrence_year(plan, rule);
  if (!is_open(own.status) || !first) {
    item.status = own.status;
    item.done = own.done;
    assign_state(item, rule.ongoing, today, options);
    return {due, own};
  }
  std::vector<OccurrenceState> states;
  std::vector<EffectiveCompletion> completions;
  for (const auto& occurrence : model::occurrences(rule, *first, model::last_recurrence_year(plan, *first, today))) {
    Item probe;
    probe.due = occurrence.due;
    probe.start = occurrence.start;
    for (const auto& record : records) {
      if (record.label.value != occurrence.label) continue;
      probe.status = record.status.value;
      if (record.done) probe.done = record.done->value;
    }
    assign_state(probe, false, today, options);
    states.push_back(OccurrenceState{occurrence.label, occurrence.start, occurrence.due, probe.status, probe.done,
                                     probe.state, probe.days});
    completions.push_back(EffectiveCompletion{probe.status, probe.done});
  }
  if (states.empty()) {  // the rule starts after the plan's period ends
    assign_state(item, rule.ongoing, today, options);
    return {due, own};
  }
  const auto is_late = [](const OccurrenceState& state) { return state.state == State::Overdue; };
  const auto is_pending = [](const OccurrenceState& state) {
    return state.state != State::Done && state.state != State::DoneLate && state.state != State::Cancelled;
  };
  std::copy_if(states.begin(), states.end(), std::back_inserter(item.late_occurrences), is_late);
  // Continuous work is never overdue as a whole: it shows its next checkpoint; its missed ones are still listed.
  auto shown = rule.ongoing ? states.end() : std::find_if(states.begin(), states.end(), is_late);
  if (shown == states.end()) {
    shown = std::find_if(states.begin(), states.end(), [&](const auto& s) { return is_pending(s) && !is_late(s); });
  }
  if (shown == states.end()) shown = states.end() - 1;
  item.occurrence = shown->label;
  item.due = shown->due;
  item.start = shown->start;
  item.status = shown->status;
  item.done = shown->done;
  item.state = shown->state;
  item.days = shown->days;
  if (rule.ongoing && is_pending(*shown)) {
    item.state = State::Ongoing;
    item.days.reset();
  }
  due.date = shown->due;
  due.start = shown->start;
  std::vector<const EffectiveCompletion*> parts;
  parts.reserve(completions.size());
  for (const auto& completion : completions) parts.push_back(&completion);
  return {due, combined_completion(parts, own)};
}

/// Rearranges `items` so that position i holds what was at `sorted[i]`, moving each item once, cycle by cycle;
/// `sorted` (a permutation) is used up.
void move_into_order(std::vector<Item>& items, std::vector<std::size_t>& sorted) {
  for (std::size_t start = 0; start < items.size(); ++start) {
    if (sorted[start] == start) continue;  // already in place, or placed by an earlier cycle
    Item first = std::move(items[start]);
    std::size_t hole = start;
    while (sorted[hole] != start) {
      const std::size_t from = sorted[hole];
      items[hole] = std::move(items[from]);
      sorted[hole] = hole;
      hole = from;
    }
    items[hole] = std::move(first);
    sorted[hole] = hole;
  }
}

/// How many tasks `tasks` hold, at any depth: each has one item.
std::size_t count_tasks(std::span<const model::Task> tasks) {
  std::size_t count = tasks.size();
  for (const auto& task : tasks) count += count_tasks(task.children);
  return count;
}

/// Whether a deadline of one of `tasks` (or of their descendants, or of their triggers) counts from another task's
/// completion ("sau khi hoàn thành nhiệm vụ 3.1").
bool any_task_counts_from_a_task(std::span<const model::Task> tasks) {
  const auto counts = [](const model::OptionalLocated<model::Deadline>& due) {
    return due && due->value.counts_from(model::DeadlineAnchor::Kind::TaskDone);
  };
  return std::any_of(tasks.begin(), tasks.end(), [&](const model::Task& task) {
    return counts(task.due) || (task.trigger() && counts(task.trigger()->due)) ||
           any_task_counts_from_a_task(task.children);
  });
}

/// Walks the task tree once, depth-first, recording each task's item and its derived due and completion.
class TaskEvaluator {
 public:
  TaskEvaluator(const model::Plan& plan, util::Date today, const Options& options)
      : plan_(plan), today_(today), options_(options) {
    // A relative deadline may count from the completion of any task, earlier or later in the file, and a section
    // combines those of the tasks it names: then every completion is known before the first deadline is resolved.
    // Otherwise a task's completion needs only its children's, which visit has just worked out: no table (8 bytes
    // a task, held with the rows at the evaluation's peak; issue 8).
    completions_tabled_ = !plan.sections.empty() || any_task_counts_from_a_task(plan.tasks);
    if (completions_tabled_) {
      completions_.reserve(count_tasks(plan.tasks));
      for (const auto& task : plan.tasks) collect_completion(task);
    }
    // A task's effective deadline is needed by its parent, which visit hands it to, and by the sections that
    // name it: only those are kept, not one for every task (64 bytes each; issue 8, peak memory).
    for (const auto& section : plan.sections) {
      for (const auto& path : section.tasks) {
        if (const auto index = task_index(path.value)) named_dues_.emplace(*index, EffectiveDue{});
      }
    }
  }

  /// Appends the item of `task` and then those of its descendants to `items` (those Options::keep keeps);
  /// returns the task's effective deadline.
  template <class Rows>
  EffectiveDue visit(const model::Task& task, int depth, Rows& items) {
    EffectiveCompletion unused;
    return visit(task, depth, items, unused);
  }

  /// The same, and sets `completion` to the task's completion as its parent combines it.
  template <class Rows>
  EffectiveDue visit(const model::Task& task, int depth, Rows& items, EffectiveCompletion& completion) {
    const std::size_t index = tasks_seen_++;  // the task's index among all the plan's tasks, in document order
    // The task's row comes before its children's, but its state depends on theirs: its place is taken now.
    const std::size_t slot = items.size();
    items.emplace_back();
    std::vector<EffectiveDue> child_dues;
    child_dues.reserve(task.children.size());
    std::vector<EffectiveCompletion> child_completions(completions_tabled_ ? 0 : task.children.size());
    for (std::size_t i = 0; i < task.children.size(); ++i) {
      EffectiveCompletion& child_completion = completions_tabled_ ? completion : child_completions[i];
      child_dues.push_back(visit(task.children[i], depth + 1, items, child_completion));
    }
    if (completions_tabled_) {
      completion = completions_[index];
    } else {
      std::vector<const EffectiveCompletion*> parts;
      parts.reserve(child_completions.size());
      for (const EffectiveCompletion& child : child_completions) parts.push_back(&child);
      completion = completion_of(task, parts);
    }

    Item& item = items[slot];
    const EffectiveDue due = fill(item, task, depth, index, child_dues, completion);
    if (const auto named = named_dues_.find(index); named != named_dues_.end()) named->second = due;
    item.order = index;
    if (options_.keep && !options_.keep(item)) {
      if (slot + 1 == items.size()) {
        items.pop_back();
      } else {
        left_out_.push_back(slot);  // rows of its children were kept after it: removed at the end
      }
    }
    return due;
  }

  /// Appends the item of one report section, derived from the tasks it lists (when Options::keep keeps it).
  template <class Rows>
  void visit(const model::Section& section, Rows& items) {
    Item item;
    fill(item, section);
    item.order = tasks_seen_ + sections_seen_++;
    if (!options_.keep || options_.keep(item)) items.push_back(std::move(item));
  }

  /// Removes the rows of tasks that were left out while rows of their children were kept.
  template <class Rows>
  void remove_left_out(Rows& items) {
    if (left_out_.empty()) return;
    std::sort(left_out_.begin(), left_out_.end());
    std::size_t kept = 0;
    auto next_left_out = left_out_.begin();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (next_left_out != left_out_.end() && *next_left_out == i) {
        ++next_left_out;
        continue;
      }
      if (kept != i) items[kept] = std::move(items[i]);
      ++kept;
    }
    items.resize(kept);
    left_out_.clear();
  }

 private:
  /// The item of `task`, the `index`-th task, whose children's effective deadlines are `children`; returns the
  /// task's own.
  EffectiveDue fill(Item& item, const model::Task& task, int depth, std::size_t index,
                    const std::vector<EffectiveDue>& children, const EffectiveCompletion& completion) {
    item.kind = ItemKind::Task;
    item.plan_id = plan_.id.value;
    item.plan_title = plan_.title.value;
    item.unit = plan_unit(plan_);
    item.file = plan_.file;
    item.id = model::full_path(task);
    item.title = task.title.value;
    item.depth = depth;
    item.has_children = !task.children.empty();
    item.pos = task.pos;
    fill_people<model::LocatedId>(item, plan_, task.lead, task.support);

    EffectiveDue due;
    if (is_recurring(task.due)) {
      const EffectiveCompletion own = own_completion(task.status, task.done);
      EffectiveCompletion occurrences_completion;
      std::tie(due, occurrences_completion) =
          evaluate_recurring(item, plan_, task.due->value, task.occurrences(), own, today_, options_);
      // What sections and relative deadlines read of it; its parent combined its own completion (collect_completion).
      if (completions_tabled_) completions_[index] = occurrences_completion;
      return due;
    }
    if (auto own = own_due(task.due, task.trigger())) {
      due = *own;
    } else if (!children.empty()) {
      std::vector<const EffectiveDue*> child_dues;
      child_dues.reserve(children.size());
      for (const EffectiveDue& child : children) child_dues.push_back(&child);
      due = latest_of(child_dues);
    }

    apply_due(item, due);
    item.status = completion.status;
    item.done = completion.done;
    assign_state(item, due, today_, options_);
    return due;
  }

  /// The item of one report section, derived from the tasks it lists.
  void fill(Item& item, const model::Section& section) {
    item.kind = ItemKind::Section;
    item.plan_id = plan_.id.value;
    item.plan_title = plan_.title.value;
    item.unit = plan_unit(plan_);
    item.file = plan_.file;
    item.id = section.id.value;
    item.title = section.title.value;
    item.pos = section.pos;
    fill_people<model::LocatedText>(item, plan_, section.lead, {});

    std::vector<const EffectiveDue*> task_dues;
    std::vector<const EffectiveCompletion*> task_completions;
    for (const auto& path : section.tasks) {
      const auto found = task_index(path.value);
      if (!found) continue;  // reported by the check stage
      task_dues.push_back(&named_dues_.at(*found));
      task_completions.push_back(&completions_[*found]);
    }
    if (is_recurring(section.due)) {
      evaluate_recurring(item, plan_, section.due->value, section.occurrences,
                         own_completion(section.status, section.done), today_, options_);
      return;
    }
    EffectiveDue due;
    if (auto own = own_due(section.due, section.trigger)) {
      due = *own;
    } else if (!section.tasks.empty()) {
      due = latest_of(task_dues);
    }
    const EffectiveCompletion completion = completion_of(section, task_completions);

    apply_due(item, due);
    item.status = completion.status;
    item.done = completion.done;
    assign_state(item, due, today_, options_);
  }

  /// Records the completion of `task` and its descendants, in the order `visit` numbers them.
  std::size_t collect_completion(const model::Task& task) {
    const std::size_t index = completions_.size();
    completions_.emplace_back();
    std::vector<std::size_t> children;
    for (const auto& child : task.children) children.push_back(collect_completion(child));
    std::vector<const EffectiveCompletion*> child_completions;
    child_completions.reserve(children.size());
    for (std::size_t child : children) child_completions.push_back(&completions_[child]);
    completions_[index] = completion_of(task, child_completions);
    return index;
  }

  /// The index of the task whose full path is `path`; of two with the same path (an error the check stage
  /// reports), the one collect_completion records last. Nullopt when there is none.
  std::optional<std::size_t> task_index(std::string_view path) const {
    if (!paths_indexed_) index_paths();
    const auto after =
        std::upper_bound(by_path_.begin(), by_path_.end(), path,
                         [](std::string_view wanted, const PathEntry& entry) { return wanted < entry.path; });
    if (after == by_path_.begin() || std::prev(after)->path != path) return std::nullopt;
    return std::prev(after)->index;
  }

  /// Builds by_path_, when a section or a deadline first names a task: most plans never do, and a plan of
  /// 100 000 tasks would hold 100 000 entries through the evaluation for nothing (issue 8, peak memory).
  void index_paths() const {
    paths_indexed_ = true;
    by_path_.reserve(completions_.size());
    std::size_t next = 0;
    for (const auto& task : plan_.tasks) add_paths(task, next);
    std::stable_sort(by_path_.begin(), by_path_.end(),
                     [](const PathEntry& a, const PathEntry& b) { return a.path < b.path; });
  }

  /// The entries of `task` and its descendants, numbered as collect_completion numbers them (the task first), and
  /// listed in the order it records them (the task after its descendants).
  void add_paths(const model::Task& task, std::size_t& next) const {
    const std::size_t index = next++;
    for (const auto& child : task.children) add_paths(child, next);
    by_path_.push_back({model::full_path(task), index});
  }

  /// The deadline the item states itself, when it states one, resolved on `today_`.
  std::optional<EffectiveDue> own_due(const model::OptionalLocated<model::Deadline>& due,
                                      const util::Boxed<model::Trigger>& trigger) const {
    if (!due) return std::nullopt;
    // An event recorded for a later day had not happened yet on `today_`.
    std::optional<util::Date> happened;
    if (trigger && trigger->on.value <= today_) happened = trigger->on.value;
    EffectiveDue result;
    const model::Deadline& deadline = due->value;
    if (deadline.kind == model::DeadlineKind::Conditional && happened && trigger->due) {
      result = resolve(trigger->due->value, happened);
    } else {
      result = resolve(deadline, happened);
    }
    result.text = deadline.text;
    return result;
  }

  /// The date of one deadline; `happened` is the day of the event it may wait for.
  EffectiveDue resolve(const model::Deadline& deadline, std::optional<util::Date> happened) const {
    using Kind = model::DeadlineKind;
    using Anchor = model::DeadlineAnchor::Kind;
    EffectiveDue result;
    switch (deadline.kind) {
      case Kind::Date:
        result.date = deadline.due;
        result.start = deadline.start;
        return result;
      case Kind::Ongoing: result.ongoing = true; return result;
      case Kind::Conditional: result.waiting = {WaitingFor::Kind::Event, deadline.condition()}; return result;
      // Recurring deadlines are evaluated per occurrence before this; inside a trigger they give no one date.
      case Kind::Recurring: return result;
      case Kind::Relative: break;
    }
    if (!deadline.relative) return result;  // every Relative deadline the parser makes has its days
    const model::DeadlineAnchor& anchor = deadline.relative->anchor;
    std::optional<util::Date> from;
    switch (anchor.kind) {
      case Anchor::Date: from = anchor.date; break;
      case Anchor::Trigger:
      case Anchor::Event:
        from = happened;
        if (!from)
          result.waiting = {WaitingFor::Kind::Event,
                            anchor.event.empty() ? deadline.text.view() : std::string_view(anchor.event)};
        break;
      case Anchor::PlanIssued:
        if (plan_.date && plan_.date->value.month > 0 && plan_.date->value.day > 0) {
          const util::PartialDate& issued = plan_.date->value;
          from = util::Date{issued.year, issued.month, issued.day};
        } else {
          result.waiting = {WaitingFor::Kind::PlanIssued, {}};
        }
        break;
      case Anchor::TaskDone: {
        if (const auto found = task_index(anchor.task)) {
          const EffectiveCompletion& before = completions_[*found];
          if (before.status == TaskStatus::Done && before.done && *before.done <= today_) from = before.done;
        }
        if (!from) result.waiting = {WaitingFor::Kind::Task, anchor.task};
        break;
      }
    }
    if (!from) return result;
    result.start = util::add_days(*from, 1);  // Civil Code 2015 Art. 147: counting starts the day after
    const model::DaySpan& span = deadline.relative->span;
    result.date = span.unit == model::DayUnit::Working ? calendar().add_working_days(*from, span.count)
                                                       : calendar().add_calendar_days(*from, span.count);
    return result;
  }

  /// The built-in calendar with the plan's own days added, made when a relative deadline first counts days: most
  /// plans have none, and making it (reading the built-in holidays, copying them) was a twentieth of the
  /// instructions of `cchc status` on the seed plan.
  const calendar::Calendar& calendar() const {
    if (!calendar_) {
      calendar_.emplace(calendar::Calendar::builtin());
      for (const auto& day : plan_.holidays) {
        calendar_->add_day(calendar::DecreedDay{day.date.value, "plan", false, day.name, day.name, plan_.file});
      }
      for (const auto& day : plan_.working_days) {
        calendar_->add_day(calendar::DecreedDay{day.date.value, "", true, day.name, day.name, plan_.file});
      }
    }
    return *calendar_;
  }

  const model::Plan& plan_;
  util::Date today_;
  const Options& options_;
  mutable std::optional<calendar::Calendar> calendar_;  ///< see calendar()
  /// The effective deadlines of the tasks that sections name, by task index; filled by visit.
  std::unordered_map<std::size_t, EffectiveDue> named_dues_;
  std::size_t tasks_seen_ = 0;       ///< by visit
  bool completions_tabled_ = false;  ///< completions_ holds every task's completion (see the constructor)
  std::vector<EffectiveCompletion> completions_;
  /// A task's full path (text of the plan) and its index, sorted by path; built by index_paths when first needed.
  struct PathEntry {
    std::string_view path;
    std::size_t index;
  };
  mutable std::vector<PathEntry> by_path_;  // mutable: a cache that task_index fills on first use
  mutable bool paths_indexed_ = false;
  std::size_t sections_seen_ = 0;
  std::vector<std::size_t> left_out_;  ///< places in the items of tasks left out, to remove at the end
};

/// Where a state sorts in the urgency order.
int urgency_rank(State state) {
  switch (state) {
    case State::Overdue: return 0;
    case State::DueToday: return 1;
    case State::DueSoon: return 2;
    case State::InProgress: return 3;
    case State::Upcoming: return 4;
    case State::Ongoing: return 5;
    case State::Waiting: return 6;
    case State::NoDeadline: return 7;
    case State::DoneLate: return 8;
    case State::Done: return 9;
    case State::Cancelled: return 10;
  }
  return 11;
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool involves_any(const Item& item, const std::vector<std::string>& agencies) {
  if (contains(agencies, item.lead)) return true;
  return std::any_of(item.support.begin(), item.support.end(),
                     [&](std::string_view agency) { return contains(agencies, agency); });
}

bool passes(const Item& item, const Filter& filter) {
  if (!filter.include_sections && item.kind == ItemKind::Section) return false;
  if (filter.actionable_only && item.due_derived) return false;
  if (!filter.leads.empty() && !contains(filter.leads, item.lead)) return false;
  if (!filter.agencies.empty() && !involves_any(item, filter.agencies)) return false;
  if (!filter.plans.empty() && !contains(filter.plans, item.plan_id)) return false;
  const auto& states = filter.states;
  return states.empty() || std::find(states.begin(), states.end(), item.state) != states.end();
}

}  // namespace

const char* to_string(State state) {
  switch (state) {
    case State::Overdue: return "overdue";
    case State::DueToday: return "due-today";
    case State::DueSoon: return "due-soon";
    case State::InProgress: return "in-progress";
    case State::Upcoming: return "upcoming";
    case State::Ongoing: return "ongoing";
    case State::NoDeadline: return "no-deadline";
    case State::DoneLate: return "done-late";
    case State::Done: return "done";
    case State::Cancelled: return "cancelled";
    case State::Waiting: return "waiting";
  }
  return "no-deadline";
}

std::optional<State> parse_state(std::string_view text) {
  for (State state : all_states()) {
    if (text == to_string(state)) return state;
  }
  return std::nullopt;
}

const std::vector<State>& all_states() {
  static const std::vector<State> states = {State::Overdue,  State::DueToday,  State::DueSoon,    State::InProgress,
                                            State::Upcoming, State::Ongoing,   State::NoDeadline, State::DoneLate,
                                            State::Done,     State::Cancelled, State::Waiting};
  return states;
}

std::size_t item_count(const model::Plan& plan) { return count_tasks(plan.tasks) + plan.sections.size(); }

std::vector<Item> evaluate_plan(const model::Plan& plan, util::Date today, const Options& options) {
  // Room for a row per task and section, though Options::keep may keep few: the array is never grown, so never
  // held twice while it moves (a vector that doubles held 10 and 19 MB at once for the overdue rows of 100 000
  // tasks), and the memory of the rows never written is only reserved, never touched, so it takes no room in RAM.
  std::vector<Item> items;
  items.reserve(item_count(plan));
  // The evaluator's tables (a completion per task, the deadlines sections name, the path index) are given back at
  // the end of this block, before the rows are rendered.
  {
    TaskEvaluator evaluator(plan, today, options);
    for (const auto& task : plan.tasks) evaluator.visit(task, 0, items);
    for (const auto& section : plan.sections) evaluator.visit(section, items);
    evaluator.remove_left_out(items);
  }
  return items;
}

std::vector<Item> one_row_per_late_occurrence(std::vector<Item> items) {
  std::size_t row_count = 0;
  for (const auto& item : items) row_count += std::max<std::size_t>(1, item.late_occurrences.size());
  if (row_count == items.size()) return items;  // nothing repeats: every item is its own row
  std::vector<Item> rows;
  rows.reserve(row_count);
  for (auto& item : items) {
    if (item.late_occurrences.empty()) {
      rows.push_back(std::move(item));
      continue;
    }
    const std::vector<OccurrenceState> late_occurrences = std::move(item.late_occurrences);
    item.late_occurrences.clear();
    for (const auto& late : late_occurrences) {
      Item row = item;
      row.occurrence = late.label;
      row.due = late.due;
      row.start = late.start;
      row.status = late.status;
      row.done = late.done;
      row.state = late.state;
      row.days = late.days;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string_view plan_unit(const model::Plan& plan) {
  return plan.issuer.empty() ? std::string_view(plan.id.value) : std::string_view(plan.issuer);
}

std::string_view group_key(const Item& item, Grouping grouping) {
  switch (grouping) {
    case Grouping::Plan: return item.plan_id;
    case Grouping::Unit: return item.unit;
    case Grouping::None: break;
  }
  return {};
}

void group_rows(std::vector<Item>& items, Grouping grouping) {
  if (grouping == Grouping::None) return;
  // A group's rank is its earliest row in document order, so groups come in the order of the plans whatever
  // the rows' order (urgency), which then holds inside each group.
  std::unordered_map<std::string_view, std::size_t> rank_of;
  for (const auto& item : items) {
    const auto [found, inserted] = rank_of.emplace(group_key(item, grouping), item.order);
    if (!inserted) found->second = std::min(found->second, item.order);
  }
  std::vector<std::size_t> sorted(items.size());
  std::iota(sorted.begin(), sorted.end(), std::size_t{0});
  std::stable_sort(sorted.begin(), sorted.end(), [&](std::size_t left, std::size_t right) {
    // The key breaks ties: `order` numbers two plans' rows apart only roughly (see evaluate_inputs in the CLI).
    const std::string_view a = group_key(items[left], grouping), b = group_key(items[right], grouping);
    return std::pair(rank_of.at(a), a) < std::pair(rank_of.at(b), b);
  });
  move_into_order(items, sorted);
}

std::vector<Item> select(const std::vector<Item>& items, const Filter& filter) {
  std::vector<Item> selected;
  for (const auto& item : items) {
    if (passes(item, filter)) selected.push_back(item);
  }
  return selected;
}

std::vector<Item> select(std::vector<Item>&& items, const Filter& filter) {
  std::erase_if(items, [&filter](const Item& item) { return !passes(item, filter); });
  return std::move(items);
}

void sort_by_urgency(std::vector<Item>& items) {
  // The positions are sorted, then each row moved once to its place: sorting the rows themselves would move
  // each several times and hold a second copy of the whole list in the sort's buffer.
  std::vector<std::size_t> sorted(items.size());
  std::iota(sorted.begin(), sorted.end(), std::size_t{0});
  std::stable_sort(sorted.begin(), sorted.end(), [&items](std::size_t left, std::size_t right) {
    const Item& a = items[left];
    const Item& b = items[right];
    const int rank_a = urgency_rank(a.state), rank_b = urgency_rank(b.state);
    if (rank_a != rank_b) return rank_a < rank_b;
    const bool by_days = a.state == State::Overdue || a.state == State::DueSoon || a.state == State::InProgress ||
                         a.state == State::Upcoming;
    // Fewer days left means more urgent; for overdue work that is the most negative count first.
    if (by_days && a.days && b.days && *a.days != *b.days) return *a.days < *b.days;
    return a.order < b.order;
  });
  move_into_order(items, sorted);
}

std::vector<std::pair<State, int>> count_states(const std::vector<Item>& items) {
  std::vector<std::pair<State, int>> counts;
  for (State state : all_states()) {
    counts.emplace_back(state, static_cast<int>(std::count_if(items.begin(), items.end(),
                                                              [&](const Item& item) { return item.state == state; })));
  }
  return counts;
}

}  // namespace cchc::evaluate
