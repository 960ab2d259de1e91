#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/deadline.hpp"
#include "util/date.hpp"

namespace cchc::model {

/// A recurring deadline never runs for more than this many years from its first: a plan's `period:` may not be
/// longer, and without a `period:` end the occurrences stop there. It bounds the work for a hostile
/// "Hằng tháng" over a thousand years (at most 600 occurrences per task).
constexpr int kMaxRecurrenceYears = 50;

/// One occurrence of a recurring deadline: "2021", "2022-Q2", "2021-06-01".
struct Occurrence {
  std::string label;                ///< how the plan's `occurrences:` and the output name it
  std::optional<util::Date> start;  ///< first day of its window when it spans a period ("Hằng quý": the quarter)
  util::Date due;
};

/// The occurrences of `rule` falling in `year`, in date order.
std::vector<Occurrence> occurrences_in_year(const Recurrence& rule, int year);

/// The occurrences of `rule` from `first_year` through `last_year`, in date order.
std::vector<Occurrence> occurrences(const Recurrence& rule, int first_year, int last_year);

/// The occurrence of `rule` labelled `label` within the years `first_year`..`last_year`; nullopt when there is
/// none (the label is not one of the rule's, or falls outside the years).
std::optional<Occurrence> find_occurrence(const Recurrence& rule, std::string_view label, int first_year,
                                          int last_year);

/// A short example of the labels of `rule`, for messages: "'2021'", "'2021-Q1' … '2021-Q4'".
std::string label_example(const Recurrence& rule, int year);

/// The rule in words, for a deadline given in the structured form: "Hằng quý, ngày 20 của tháng cuối quý".
std::string describe_recurrence(const Recurrence& rule);

}  // namespace cchc::model
