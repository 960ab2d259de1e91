#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/date.hpp"

namespace cchc::model {

/// How "Trước ngày X" ("before day X") is read. Literally the last day is X−1,
/// but most offices accept a report that arrives on X; the plan chooses.
enum class BeforeDate { Inclusive, Exclusive };

/// What kind of deadline a wording names. New kinds (recurrences, conditions,
/// working-day counts) are added here; each keeps the original wording.
enum class DeadlineKind {
  Date,     ///< a day, or a period (month, quarter, year, range) due on its last day
  Ongoing,  ///< "Thường xuyên": continuous work, never overdue
};

/// How precise the wording was: it decides how the date is shown back.
enum class DeadlinePrecision { Day, Month, Quarter, HalfYear, Year };

/// A deadline as the plan states it, and what it means.
struct Deadline {
  DeadlineKind kind = DeadlineKind::Date;
  /// The wording exactly as written (after NFC), shown beside the computed date.
  std::string text;
  DeadlinePrecision precision = DeadlinePrecision::Day;
  /// First day of the period the wording names ("Tháng 02 năm 2020" → 2020-02-01);
  /// nullopt for a single day or an ongoing task.
  std::optional<util::Date> start;
  /// Last day on which the work is on time; nullopt for ongoing work.
  std::optional<util::Date> due;
};

/// Settings that change how wordings are read; they come from the plan.
struct DeadlineOptions {
  BeforeDate before_date = BeforeDate::Inclusive;
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
