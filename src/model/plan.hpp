#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/deadline.hpp"
#include "util/boxed.hpp"
#include "util/compact_vector.hpp"
#include "util/date.hpp"
#include "util/diagnostic.hpp"
#include "util/heap_text.hpp"
#include "util/short_text.hpp"

namespace cchc::model {

using util::SourcePos;

/// A value from the plan file together with where it was written.
template <class T>
struct Located {
  T value{};
  SourcePos pos;

  friend bool operator==(const Located&, const Located&) = default;
};

/// A Located value that may be absent, in the room of the Located value alone: absence is marked in its position,
/// whose line no source position takes, where std::optional adds a flag and, after the padding it brings, 8 bytes
/// (a task's lead, due, done and progress: 24 bytes in every task, issue 8: peak memory). Reads like std::optional
/// (`if (x)`, `x->`, `*x`, `= value`, `= std::nullopt`, `emplace`, `reset`).
template <class T>
class OptionalLocated {
 public:
  OptionalLocated() { m_located.pos.line = kAbsentLine; }
  OptionalLocated(std::nullopt_t) : OptionalLocated() {}  // NOLINT(google-explicit-constructor): as std::optional
  OptionalLocated(Located<T> located) : m_located(std::move(located)) {}  // NOLINT(google-explicit-constructor)
  OptionalLocated(std::optional<Located<T>> located) {                    // NOLINT(google-explicit-constructor)
    if (located) {
      m_located = std::move(*located);
    } else {
      m_located.pos.line = kAbsentLine;
    }
  }

  bool has_value() const { return m_located.pos.line != kAbsentLine; }
  explicit operator bool() const { return has_value(); }
  Located<T>& operator*() { return m_located; }
  const Located<T>& operator*() const { return m_located; }
  Located<T>* operator->() { return &m_located; }
  const Located<T>* operator->() const { return &m_located; }
  const Located<T>& value() const {
    if (!has_value()) throw std::bad_optional_access();
    return m_located;
  }
  /// Drops the value (and what it holds) and marks the absence.
  void reset() { *this = OptionalLocated(); }
  template <class... Args>
  Located<T>& emplace(Args&&... args) {
    m_located = Located<T>{std::forward<Args>(args)...};
    return m_located;
  }

  /// Equal when both are absent or both hold equal values, as for std::optional.
  friend bool operator==(const OptionalLocated& a, const OptionalLocated& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || a.m_located == b.m_located;
  }

 private:
  static constexpr int kAbsentLine = std::numeric_limits<int>::min();
  Located<T> m_located{};
};

using LocatedText = Located<std::string>;
/// A short text a task holds: its number, an agency id. 16 bytes for the text, not 32 (util::ShortText).
using LocatedId = Located<util::ShortText>;

enum class PlanStatus { Draft, Issued };
enum class Language { Vi, En };
/// One byte: the evaluation keeps a completion (a status and a done date, 8 bytes) for every task of a plan.
enum class TaskStatus : std::uint8_t { Todo, Doing, Done, Cancelled };

/// A party that leads or supports tasks: a department, a district, or a
/// collective such as "Các đơn vị, địa phương" (group = true).
struct Agency {
  LocatedText id;
  std::string name;
  std::string short_name;  ///< optional; used in narrow tables when present
  bool group = false;
  SourcePos pos;

  friend bool operator==(const Agency&, const Agency&) = default;
};

/// A document the plan refers to, e.g. Văn bản số 6503/BNV-CCHC.
struct Document {
  LocatedText id;
  std::string ref;
  std::optional<util::PartialDate> date;
  std::string issuer;
  std::string title;
  SourcePos pos;

  friend bool operator==(const Document&, const Document&) = default;
};

/// "Phụ lục 2, 8 kèm theo Văn bản số 6503/BNV-CCHC": items of a referenced document.
struct AppendixRef {
  LocatedText doc;                 ///< a document id
  std::vector<LocatedText> items;  ///< as written: "Phụ lục 2", "mục 13, Phụ lục 6"
  SourcePos pos;

  friend bool operator==(const AppendixRef&, const AppendixRef&) = default;
};

/// The day the event a deadline waits for happened ("Sau khi có Quy chế của TW": the day the Quy chế was
/// issued; "kể từ ngày nhận": the day of receipt), and, for a condition, the deadline it brought.
struct Trigger {
  Located<util::Date> on;
  /// For a conditional deadline: when the work is due now that the event happened; any wording, or a bare
  /// span ("30 ngày", "10 ngày làm việc") counted from `on`.
  OptionalLocated<Deadline> due;
  std::string note;  ///< what the event was: "Quyết định số 12/QĐ-UBND"
  SourcePos pos;

  friend bool operator==(const Trigger&, const Trigger&) = default;
};

/// A day off or a working weekend day a plan adds to the working calendar (for years the shipped data lacks).
struct PlanDay {
  Located<util::Date> date;
  std::string name;

  friend bool operator==(const PlanDay&, const PlanDay&) = default;
};

/// How one occurrence of a recurring deadline went, under `occurrences:` of a task or section, keyed by the
/// occurrence's label ("2021", "2022-Q1"): the same progress record a task has.
struct OccurrenceRecord {
  LocatedText label;
  Located<TaskStatus> status{TaskStatus::Todo, {}};
  OptionalLocated<util::Date> done;
  OptionalLocated<int> progress;
  std::vector<LocatedText> evidence;
  std::optional<LocatedText> reason;
  std::string note;
  SourcePos pos;

  friend bool operator==(const OccurrenceRecord&, const OccurrenceRecord&) = default;
};

/// The years a plan covers, `period: 2021 - 2030`: recurring deadlines have occurrences only inside it.
struct YearSpan {
  int from = 0;
  int to = 0;

  friend bool operator==(const YearSpan&, const YearSpan&) = default;
};

/// The parts of a task that few tasks have, together in one heap block (Task::extras): a task without any takes one
/// pointer for the five of them, not five (40 bytes in every task; issue 8: peak memory).
struct TaskExtras {
  util::Boxed<Trigger> trigger;     ///< the event a conditional or event-relative deadline waits for
  util::Boxed<LocatedText> reason;  ///< why it was cancelled
  util::HeapText note;
  util::CompactVector<AppendixRef> appendices;
  util::CompactVector<OccurrenceRecord> occurrences;  ///< per occurrence of a recurring deadline, in file order

  friend bool operator==(const TaskExtras&, const TaskExtras&) = default;
};

/// One row of the plan's task table; may have children (3 → 3.1 … 3.14).
struct Task {
  LocatedId id;  ///< the number as the document prints it: "1", "3.14", "II"
  /// The full reference where it differs from `id` ("1" under "II" is "II.1"); empty where it is `id` itself, as
  /// for nearly every task ("3.1" under "3" stays "3.1"). Read it with full_path().
  util::HeapText path;
  Located<util::HeapText> title;           ///< a HeapText: eight bytes in every task, not a std::string's 32 (issue 8)
  OptionalLocated<util::ShortText> lead;   ///< an agency id
  util::CompactVector<LocatedId> support;  ///< agency ids
  OptionalLocated<Deadline> due;
  Located<TaskStatus> status{TaskStatus::Todo, {}};
  OptionalLocated<util::Date> done;
  OptionalLocated<int> progress;  ///< percent of the work done, 0–100, as the lead reported it
  /// What proves the work: "Báo cáo số 45/BC-STP ngày 28/4/2020", a link. Each text a HeapText: 16 bytes a
  /// document with its position, not 40 (a plan's done tasks each name one or more; issue 8: peak memory).
  util::CompactVector<Located<util::HeapText>> evidence;
  util::CompactVector<Task> children;
  /// Trigger, reason, note, appendices and occurrences, when the task has any of them: set it through
  /// edit_extras(), and only with something to keep, so that equal tasks hold equal boxes.
  util::Boxed<TaskExtras> extras;
  SourcePos pos;  ///< where the task's map starts

  const util::Boxed<Trigger>& trigger() const { return held_extras().trigger; }
  const util::Boxed<LocatedText>& reason() const { return held_extras().reason; }
  const util::HeapText& note() const { return held_extras().note; }
  const util::CompactVector<AppendixRef>& appendices() const { return held_extras().appendices; }
  const util::CompactVector<OccurrenceRecord>& occurrences() const { return held_extras().occurrences; }
  /// The extras, made when the task had none.
  TaskExtras& edit_extras() { return extras ? *extras : extras.emplace(); }

  friend bool operator==(const Task&, const Task&) = default;

 private:
  const TaskExtras& held_extras() const {
    static const TaskExtras none;
    return extras ? *extras : none;
  }
};

/// What generic code over tasks and sections reads of either.
inline const util::CompactVector<OccurrenceRecord>& occurrences_of(const Task& task) { return task.occurrences(); }
inline const util::Boxed<LocatedText>& reason_of(const Task& task) { return task.reason(); }
inline const util::Boxed<Trigger>& trigger_of(const Task& task) { return task.trigger(); }

/// The task's full reference, by which other tasks, sections and commands name it: "3.1", "II.1".
inline std::string_view full_path(const Task& task) {
  return task.path.empty() ? task.id.value.view() : task.path.view();
}

/// A part of the summary report the plan asks for (its "Tổ chức thực hiện"
/// section): who owes which part, tracked like a task.
struct Section {
  LocatedText id;
  LocatedText title;
  std::optional<LocatedText> lead;
  OptionalLocated<Deadline> due;
  util::Boxed<Trigger> trigger;    ///< as for tasks
  std::vector<LocatedText> tasks;  ///< task paths this part reports on
  std::vector<AppendixRef> appendices;
  Located<TaskStatus> status{TaskStatus::Todo, {}};
  OptionalLocated<util::Date> done;
  OptionalLocated<int> progress;      ///< as for tasks
  std::vector<LocatedText> evidence;  ///< as for tasks
  std::optional<LocatedText> reason;  ///< as for tasks
  std::string note;
  std::vector<OccurrenceRecord> occurrences;  ///< as for tasks
  SourcePos pos;

  friend bool operator==(const Section&, const Section&) = default;
};

inline const std::vector<OccurrenceRecord>& occurrences_of(const Section& section) { return section.occurrences; }
inline const std::optional<LocatedText>& reason_of(const Section& section) { return section.reason; }

/// One band of a PAR-style score: a rate above (or from) `threshold` percent earns `points`.
struct ScoreBand {
  int threshold = 0;    ///< percent
  bool strict = false;  ///< true for "above" (trên 90%), false for "from" (từ 70%)
  int points = 0;
  SourcePos pos;

  friend bool operator==(const ScoreBand&, const ScoreBand&) = default;
};

/// How rates become points: the first band a rate reaches gives its points.
struct Scoring {
  /// Share of the due tasks that were done. Default, from the Cà Mau PAR INDEX criteria: "Thực hiện trên 90%
  /// kế hoạch: 2 điểm; từ 70% - 90%: 1 điểm; dưới 70%: 0 điểm".
  std::vector<ScoreBand> completion = {{90, true, 2, {}}, {70, false, 1, {}}, {0, false, 0, {}}};
  /// Share of the due tasks done on time. Default, from the same criteria: "Tất cả báo cáo được gửi đúng thời
  /// gian quy định: 1 điểm" (otherwise 0).
  std::vector<ScoreBand> on_time = {{100, false, 1, {}}, {0, false, 0, {}}};
  bool from_plan = false;  ///< the plan states its own `scoring:`

  friend bool operator==(const Scoring&, const Scoring&) = default;
};

/// The points of `rate` (percent) under `bands`; 0 when it reaches none.
int points_for(const std::vector<ScoreBand>& bands, double rate);

/// What a plan implements in another plan: a district's plan carries out task 2 of the province's plan.
/// Written `parent: {plan: tinh-2026, task: "2"}` or `parent: "tinh-2026:2"` in the `plan:` block.
struct PlanLink {
  LocatedText plan;  ///< the parent plan's id
  LocatedText task;  ///< the full path of the task it implements in that plan
  SourcePos pos;     ///< where `parent:` is written

  friend bool operator==(const PlanLink&, const PlanLink&) = default;
};

/// A whole plan file.
struct Plan {
  std::string file;  ///< path as given on the command line
  int format_version = 1;
  LocatedText id;
  LocatedText title;
  std::string issuer;
  std::string number;
  std::optional<Located<util::PartialDate>> date;
  std::optional<Located<YearSpan>> period;  ///< the years the plan covers, when it says
  PlanStatus status = PlanStatus::Draft;
  Language language = Language::Vi;
  std::string timezone = "Asia/Ho_Chi_Minh";
  BeforeDate before_date = BeforeDate::Inclusive;
  std::vector<PlanDay> holidays;      ///< `plan: holidays:` days off added to the working calendar
  std::vector<PlanDay> working_days;  ///< `plan: working_days:` weekend days made working days
  std::optional<PlanLink> parent;     ///< the task of another plan this plan implements
  std::vector<Agency> agencies;       ///< in file order
  std::vector<Document> documents;    ///< in file order
  std::vector<Task> tasks;
  std::vector<Section> sections;
  Scoring scoring;

  const Agency* find_agency(std::string_view agency_id) const;
  const Document* find_document(std::string_view document_id) const;
  /// Finds a task by its full path ("3.1", "II.1"), anywhere in the tree.
  const Task* find_task(std::string_view path) const;

  friend bool operator==(const Plan&, const Plan&) = default;
};

/// The first year a recurring deadline runs in `plan`: the rule's own ("từ năm 2025"), else the plan's
/// `period:`, else the year of its `date:`; nullopt when none says.
std::optional<int> first_recurrence_year(const Plan& plan, const Recurrence& rule);

/// The last year a recurring deadline that starts in `first_year` runs: the end of the plan's `period:`, else
/// the year after `today` (so the next occurrence is always known); never more than kMaxRecurrenceYears.
int last_recurrence_year(const Plan& plan, int first_year, util::Date today);

/// The last year an occurrence may be recorded for, whatever the day: the end of the plan's `period:`, else
/// as far as a recurrence runs.
int last_recordable_year(const Plan& plan, int first_year);

/// The full path of a child task: kept when it already starts with the
/// parent's path ("3.1" under "3"), prefixed otherwise ("1" under "II" → "II.1").
std::string child_path(std::string_view parent_path, std::string_view child_id);

const char* to_string(TaskStatus status);
const char* to_string(PlanStatus status);
const char* to_string(Language language);

}  // namespace cchc::model
