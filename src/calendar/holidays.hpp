#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/date.hpp"
#include "util/diagnostic.hpp"

namespace cchc::calendar {

/// 0 = Monday … 6 = Sunday.
int weekday(util::Date date);
bool is_weekend(util::Date date);

/// A holiday rule read from the holiday data (see docs/calendar.md).
struct HolidayRule {
  enum class Kind { Fixed, Lunar, Tet };
  Kind kind = Kind::Fixed;
  std::string id;      ///< e.g. "tet", "national-day"; decreed days replace the rule days with their id
  int day = 1;         ///< Fixed, Lunar: day and month; Tet: first day as an offset from 1/1 lunar
  int month = 1;       ///< Tet: the number of days
  int from_year = 0;   ///< 0: always
  int until_year = 0;  ///< 0: still in force
  std::string name_vi, name_en, source;
};

/// Days the government decreed for one year: days off replacing a rule, or a Saturday worked.
struct DecreedDay {
  util::Date date;
  std::string id;  ///< the rule it replaces (days off); empty for a working day
  bool working = false;
  std::string name_vi, name_en, source;
};

/// One day off that is not a plain weekend.
struct DayOff {
  enum class Kind { Holiday, Compensatory, Decreed };
  util::Date date;
  Kind kind = Kind::Holiday;
  std::string id;
  std::string name_vi, name_en;  ///< for a compensatory day, the holiday it makes up for
  util::Date makes_up_for;       ///< Compensatory only
  std::string source;
};

/// The Vietnamese working calendar: weekends, holidays from rules, compensatory days, decreed days.
class Calendar {
 public:
  /// Reads holiday data (the format of data/holidays.txt) and adds it to this calendar; problems are
  /// reported with `file` and their line.
  util::Diagnostics add(std::string_view text, std::string_view file);

  /// Adds one decreed day (a plan's own `holidays:` or `working_days:`).
  void add_day(DecreedDay day) { m_decreed.push_back(std::move(day)); }

  /// The holiday data compiled into cchc.
  static const Calendar& builtin();

  /// Every day off of a solar year other than plain weekends, in date order.
  std::vector<DayOff> days_off(int year) const;
  /// Saturdays the government decreed to be working days in a year.
  std::vector<DecreedDay> working_weekend_days(int year) const;

  bool is_working_day(util::Date date) const;
  /// The day itself when it is a working day, else the first working day after it.
  util::Date next_working_day(util::Date date) const;
  /// The day on which a period of n working days counted from `from` ends. Civil Code 2015 Art. 147:
  /// counting starts on the day after `from`. n = 0 gives `from`; negative n counts backwards.
  util::Date add_working_days(util::Date from, int n) const;
  /// The day on which a period of n calendar days counted from `from` ends: `from` + n, moved to the next
  /// working day when it is a day off (Civil Code 2015 Art. 147 and 148.5). n >= 0.
  util::Date add_calendar_days(util::Date from, int n) const;

  const std::vector<HolidayRule>& rules() const { return m_rules; }

 private:
  std::vector<HolidayRule> m_rules;
  std::vector<DecreedDay> m_decreed;
};

/// The text of data/holidays.txt, embedded at build time.
std::string_view builtin_holidays_text();

}  // namespace cchc::calendar
