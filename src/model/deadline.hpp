#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/boxed.hpp"
#include "util/date.hpp"
#include "util/shared_text.hpp"

namespace cchc::model {

/// How "Trước ngày X" ("before day X") is read. Literally the last day is X−1,
/// but most offices accept a report that arrives on X; the plan chooses.
enum class BeforeDate { Inclusive, Exclusive };

/// What kind of deadline a wording names. New kinds (recurrences, conditions,
/// working-day counts) are added here; each keeps the original wording.
enum class DeadlineKind : std::uint8_t {
  Date,     ///< a day, or a period (month, quarter, year, range) due on its last day
  Ongoing,  ///< "Thường xuyên": continuous work, never overdue
  /// "Theo Kế hoạch riêng", "Sau khi có Quy chế của TW", "Đột xuất": no date until the plan records the
  /// event (`trigger:`); `condition` keeps what is waited for.
  Conditional,
  /// "05 ngày làm việc kể từ ngày 13/02/2026", "30 ngày kể từ ngày ban hành Kế hoạch", "10 ngày làm việc sau
  /// khi hoàn thành nhiệm vụ 3.1": `span` counted from `anchor`; the date is computed when evaluating, with
  /// the plan's working calendar and the predecessor's done date.
  Relative,
  Recurring,  ///< "Hằng năm", "Hằng quý", "trước ngày 30/11 hằng năm": one occurrence per period (see `recurrence`)
};

/// Calendar days (Civil Code 2015 Art. 148.5: a deadline ending on a day off moves to the next working day)
/// or working days (days off are skipped while counting).
enum class DayUnit { Calendar, Working };

/// How many days a relative deadline gives. Counting starts on the day after the anchor (Art. 147).
struct DaySpan {
  int count = 0;
  DayUnit unit = DayUnit::Calendar;

  friend bool operator==(const DaySpan&, const DaySpan&) = default;
};

/// What a relative deadline counts from.
struct DeadlineAnchor {
  enum class Kind {
    Date,        ///< a stated day: "kể từ ngày 13/02/2026"
    PlanIssued,  ///< the plan's own issue date (`plan: date:`): "kể từ ngày ban hành Kế hoạch"
    TaskDone,    ///< the done date of another task: "sau khi hoàn thành nhiệm vụ 3.1"
    Event,       ///< an event the plan records with `trigger: {on: …}`: "kể từ ngày nhận"
    Trigger,     ///< inside `trigger: {due: "30 ngày"}`: the trigger's own `on:` day
  };
  Kind kind = Kind::Date;
  std::optional<util::Date> date;  ///< Date
  std::string task;                ///< TaskDone: the task's full number as written, "3.1"
  std::string event;               ///< Event: the event as written, "ngày nhận"

  friend bool operator==(const DeadlineAnchor&, const DeadlineAnchor&) = default;
};

/// How many days a relative deadline gives, and from what.
struct RelativeDays {
  DaySpan span;
  DeadlineAnchor anchor;

  friend bool operator==(const RelativeDays&, const RelativeDays&) = default;
};

/// How often a recurring deadline comes back.
enum class Frequency { Year, HalfYear, Quarter, Month };

/// Where in each period an occurrence falls.
struct DayOfPeriod {
  int month = 0;  ///< 1-based month inside the period (1..12 for a year, 1..3 for a quarter); 0: its last month
  int day = 0;    ///< day of that month; 0: its last day. A day past the month's end means its last day.
  bool whole_month = false;  ///< "Tháng 12 hằng năm": the work spans the whole month, which starts the window

  friend bool operator==(const DayOfPeriod&, const DayOfPeriod&) = default;
};

/// The rule of a recurring deadline: "định kỳ trước ngày 01/6 và 15/11 hằng năm" is every year, on 1 June and
/// on 15 November.
struct Recurrence {
  Frequency every = Frequency::Year;
  /// The day(s) in each period; empty: the whole period, due on its last day ("Hằng quý").
  std::vector<DayOfPeriod> on;
  /// The first year ("từ năm 2025 và các năm tiếp theo"); nullopt: the plan's first year.
  std::optional<int> from;
  /// "Thường xuyên, hằng năm": continuous work with a checkpoint each period; never overdue as a whole.
  bool ongoing = false;
  /// "Trước ngày 30/11 hằng năm" read with `before_date: exclusive`: each occurrence is due the day before.
  bool day_before = false;

  friend bool operator==(const Recurrence&, const Recurrence&) = default;
};

/// How precise the wording was: it decides how the date is shown back.
enum class DeadlinePrecision : std::uint8_t { Day, Month, Quarter, HalfYear, Year };

/// A deadline as the plan states it, and what it means.
struct Deadline {
  // The one-byte enums and the four-byte dates first, where they fill the eight bytes before `text` together: a
  // deadline takes 40 bytes, not 88, in every task (issue 8: peak memory), with its wording a SharedText.
  DeadlineKind kind = DeadlineKind::Date;
  DeadlinePrecision precision = DeadlinePrecision::Day;
  /// First day of the period the wording names ("Tháng 02 năm 2020" → 2020-02-01);
  /// nullopt for a single day or an ongoing task.
  std::optional<util::Date> start;
  /// Last day on which the work is on time; nullopt for ongoing work.
  std::optional<util::Date> due;
  /// The wording exactly as written (after NFC), shown beside the computed date. A SharedText, eight bytes here and
  /// not a std::string's 32, and one block for all the tasks of a plan that write the same wording (a plan reads
  /// each wording once and copies the deadline it means).
  util::SharedText text;
  /// Relative: how many days, counted from what; set on every Relative deadline, empty on the others (boxed: few
  /// deadlines count days, and a plan of 100 000 tasks would hold 100 000 empty ones).
  util::Boxed<RelativeDays> relative;
  /// The rule of a Recurring deadline; `start` and `due` are then empty (each occurrence has its own).
  util::Boxed<Recurrence> recurrence;

  /// Conditional: the event waited for, which is the wording as written ("Sau khi có Quy chế của TW"); empty for
  /// the other kinds.
  std::string_view condition() const { return kind == DeadlineKind::Conditional ? text.view() : ""; }
  /// The anchor of a Relative deadline is of `anchor_kind`.
  bool counts_from(DeadlineAnchor::Kind anchor_kind) const {
    return kind == DeadlineKind::Relative && relative && relative->anchor.kind == anchor_kind;
  }

  friend bool operator==(const Deadline&, const Deadline&) = default;
};

/// Settings that change how wordings are read; they come from the plan.
struct DeadlineOptions {
  BeforeDate before_date = BeforeDate::Inclusive;
  /// Accept a bare span ("30 ngày", "10 ngày làm việc") counted from the trigger's day: only inside
  /// `trigger: {due: …}`. In `due:` a span must say from when.
  bool span_from_trigger = false;
  /// The year a day written without one ("Trước ngày 30/11") belongs to: the plan's one-year `period:` or the
  /// year of its `date:`; nullopt when the plan gives none, and such a day is then an error.
  std::optional<int> year{};

  friend bool operator==(const DeadlineOptions&, const DeadlineOptions&) = default;
};

/// Why a wording could not be read.
struct DeadlineError {
  std::string message;  ///< plain words: "'31/02/2020' is not a date: February 2020 has 29 days"
  std::string hint;     ///< e.g. the list of accepted forms
};

using DeadlineResult = std::variant<Deadline, DeadlineError>;

/// Reads a deadline wording ("2020-04-30", "2020-02", "Trước ngày 30/4/2020",
/// "Tháng 02 năm 2020", "Thường xuyên", …). Case, extra spaces and NFD input are
/// accepted; anything not recognised is an error, never a guess.
DeadlineResult parse_deadline(std::string_view text, const DeadlineOptions& options = {});

/// One line per accepted form, for "unrecognised wording" hints and the docs.
const std::vector<std::string>& accepted_deadline_forms();

}  // namespace cchc::model
