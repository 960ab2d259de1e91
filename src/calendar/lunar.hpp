#pragma once

#include <optional>
#include <string>

#include "util/date.hpp"

namespace cchc::calendar {

/// A day of the Vietnamese lunisolar calendar (âm lịch).
struct LunarDate {
  int year = 0;  ///< the lunar year, named by the solar year in which its month 1 begins
  int month = 1;
  int day = 1;
  bool leap = false;  ///< a leap month (tháng nhuận) repeats the number of the month before it
  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

/// The time zone the calendar is computed in, in hours east of UTC. Vietnam has used UTC+7 since
/// 1967; China's calendar uses UTC+8 (tests use it to compare with the Chinese New Year).
inline constexpr int kVietnamUtcOffset = 7;

/// The lunar date of a solar day. Valid for 1800–2199 (the astronomy's ΔT model limits it).
LunarDate to_lunar(util::Date date, int utc_offset_hours = kVietnamUtcOffset);

/// The solar day of a lunar date; nullopt when no such day exists (day 30 of a 29-day month,
/// a leap month the year does not have, month outside 1..12).
std::optional<util::Date> to_solar(LunarDate lunar, int utc_offset_hours = kVietnamUtcOffset);

/// Days in a lunar month (29 or 30); 0 when the month does not exist.
int lunar_month_length(int year, int month, bool leap, int utc_offset_hours = kVietnamUtcOffset);

/// The leap month of a lunar year (1..12), or 0 when the year has none.
int leap_month(int lunar_year, int utc_offset_hours = kVietnamUtcOffset);

/// Tết Nguyên Đán, 1/1 of the lunar year that begins in `solar_year`.
util::Date tet(int solar_year, int utc_offset_hours = kVietnamUtcOffset);

/// Giỗ Tổ Hùng Vương, 10/3 of the lunar year that begins in `solar_year`.
util::Date hung_kings_day(int solar_year, int utc_offset_hours = kVietnamUtcOffset);

/// The traditional name of a lunar year, stem and branch ("Bính Ngọ" for 2026).
std::string year_name(int lunar_year);

/// The astronomy the calendar is built on, exposed for tests.
namespace astro {
/// Julian Ephemeris Day of the true new moon number k (k = 0 is the new moon of 6 January 2000),
/// from Meeus, Astronomical Algorithms, 2nd ed., ch. 49.
double new_moon_jde(long k);
/// ΔT = TT − UT in seconds for a (fractional) year: an approximation good to a few seconds 1900–2025.
double delta_t_seconds(double year);
/// The Sun's apparent longitude in degrees [0, 360) at a Julian Ephemeris Day (Meeus ch. 25, low precision).
double sun_apparent_longitude(double jde);
}  // namespace astro

}  // namespace cchc::calendar
