// The Vietnamese lunisolar calendar, computed from the astronomy:
//  - a month begins on the local day (UTC+7) of a true new moon;
//  - month 11 is the month holding the day of the winter solstice (the Sun at 270°);
//  - a "lunar year" from one month 11 to the next holds 12 or 13 months; when it holds 13, the first
//    month after month 11 during which the Sun reaches no multiple of 30° (no major solar term,
//    trung khí) is a leap month and repeats the number of the month before it.
// The formulas are those of J. Meeus, Astronomical Algorithms (2nd ed., 1998): ch. 49 for the new
// moons, ch. 25 (low precision) for the Sun, ch. 10 for ΔT; the coding is ours.
#include "calendar/lunar.hpp"

#include <cmath>
#include <map>
#include <utility>

namespace cchc::calendar {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kJdOf1970 = 2440587.5;  ///< JD of 1970-01-01 00:00 UT (util::Date::to_days() == 0)

double radians(double degrees) { return degrees * kPi / 180.0; }
double sin_deg(double degrees) { return std::sin(radians(degrees)); }

double normalize_degrees(double degrees) {
  double value = std::fmod(degrees, 360.0);
  if (value < 0) value += 360.0;
  return value;
}

}  // namespace

namespace astro {

double new_moon_jde(long k_whole) {
  const auto k = static_cast<double>(k_whole);
  const double t = k / 1236.85;
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1 - 0.002516 * t - 0.0000074 * t2;
  const double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;  // Sun's mean anomaly
  const double mp =
      201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;  // Moon's mean anomaly
  const double f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const double omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;

  // Periodic terms for the new moon (Meeus table 49.A, first column).
  jde += -0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) + 0.01608 * sin_deg(2 * mp) + 0.01039 * sin_deg(2 * f) +
         0.00739 * e * sin_deg(mp - m) - 0.00514 * e * sin_deg(mp + m) + 0.00208 * e * e * sin_deg(2 * m) -
         0.00111 * sin_deg(mp - 2 * f) - 0.00057 * sin_deg(mp + 2 * f) + 0.00056 * e * sin_deg(2 * mp + m) -
         0.00042 * sin_deg(3 * mp) + 0.00042 * e * sin_deg(m + 2 * f) + 0.00038 * e * sin_deg(m - 2 * f) -
         0.00024 * e * sin_deg(2 * mp - m) - 0.00017 * sin_deg(omega) - 0.00007 * sin_deg(mp + 2 * m) +
         0.00004 * sin_deg(2 * mp - 2 * f) + 0.00004 * sin_deg(3 * m) + 0.00003 * sin_deg(mp + m - 2 * f) +
         0.00003 * sin_deg(2 * mp + 2 * f) - 0.00003 * sin_deg(mp + m + 2 * f) + 0.00003 * sin_deg(mp - m + 2 * f) -
         0.00002 * sin_deg(mp - m - 2 * f) - 0.00002 * sin_deg(3 * mp + m) + 0.00002 * sin_deg(4 * mp);

  // Additional corrections for all phases (Meeus ch. 49, A1..A14).
  struct Term {
    double coefficient, base, rate;
  };
  static constexpr Term kAdditional[] = {
      {0.000325, 299.77, 0.107408},  {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
      {0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
      {0.000060, 207.14, 2.453732},  {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
      {0.000042, 207.19, 0.121824},  {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
      {0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518},
  };
  bool first = true;
  for (const auto& term : kAdditional) {
    double argument = term.base + term.rate * k;
    if (first) argument -= 0.009173 * t2;  // A1 has a T² term
    first = false;
    jde += term.coefficient * sin_deg(argument);
  }
  return jde;
}

double delta_t_seconds(double year) {
  // Observed ΔT at the start of each listed year (seconds, rounded to 0.1 s; Meeus table 10.A and
  // the IERS values after 1990), linearly interpolated. After 2020 the trend of the last decades
  // (about +0.5 s a year) is extrapolated: a guess, as every ΔT for the future is.
  static constexpr std::pair<double, double> kTable[] = {
      {1800, 13.7}, {1820, 11.9}, {1840, 5.7},  {1860, 7.6},  {1880, -5.4}, {1900, -2.7},
      {1910, 10.4}, {1920, 21.2}, {1930, 24.0}, {1940, 24.3}, {1950, 29.1}, {1960, 33.2},
      {1970, 40.2}, {1980, 50.5}, {1990, 56.9}, {2000, 63.8}, {2010, 66.1}, {2020, 69.4},
  };
  constexpr std::size_t kCount = sizeof kTable / sizeof kTable[0];
  if (year <= kTable[0].first) return kTable[0].second;
  if (year >= kTable[kCount - 1].first) return kTable[kCount - 1].second + 0.5 * (year - kTable[kCount - 1].first);
  for (std::size_t i = 1; i < kCount; ++i) {
    if (year <= kTable[i].first) {
      const auto [y0, v0] = kTable[i - 1];
      const auto [y1, v1] = kTable[i];
      return v0 + (v1 - v0) * (year - y0) / (y1 - y0);
    }
  }
  return kTable[kCount - 1].second;
}

double sun_apparent_longitude(double jde) {
  const double t = (jde - 2451545.0) / 36525.0;
  const double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;  // geometric mean longitude
  const double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;   // mean anomaly
  const double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(m) +
                   (0.019993 - 0.000101 * t) * sin_deg(2 * m) + 0.000289 * sin_deg(3 * m);  // equation of centre
  const double omega = 125.04 - 1934.136 * t;
  return normalize_degrees(l0 + c - 0.00569 - 0.00478 * sin_deg(omega));  // nutation and aberration
}

}  // namespace astro

namespace {

double year_of_jd(double jd) { return 2000.0 + (jd - 2451544.5) / 365.2425; }

/// The local day (days since 1970-01-01 in the zone) on which new moon k falls.
long new_moon_day(long k, int offset) {
  const double jde = astro::new_moon_jde(k);
  const double jd_ut = jde - astro::delta_t_seconds(year_of_jd(jde)) / 86400.0;
  return static_cast<long>(std::floor(jd_ut + offset / 24.0 - kJdOf1970));
}

/// The Sun's apparent longitude at the local midnight that begins `day`.
double sun_at_start_of(long day, int offset) {
  const double jd_ut = kJdOf1970 + static_cast<double>(day) - offset / 24.0;
  return astro::sun_apparent_longitude(jd_ut + astro::delta_t_seconds(year_of_jd(jd_ut)) / 86400.0);
}

/// The number of the last new moon on or before `day`.
long new_moon_on_or_before(long day, int offset) {
  long k = static_cast<long>(std::floor((kJdOf1970 + static_cast<double>(day) - 2451550.09766) / 29.530588861));
  while (new_moon_day(k + 1, offset) <= day) ++k;
  while (new_moon_day(k, offset) > day) --k;
  return k;
}

/// Whether the Sun reaches a multiple of 30° (a major solar term) during the month of new moon k.
bool has_major_term(long k, int offset) {
  const double start = sun_at_start_of(new_moon_day(k, offset), offset);
  const double end = sun_at_start_of(new_moon_day(k + 1, offset), offset);
  return static_cast<int>(start / 30.0) != static_cast<int>(end / 30.0);
}

/// The months from month 11 of `year` to the one before month 11 of the next year.
struct Cycle {
  long first_k = 0;     ///< the new moon that begins month 11
  int months = 12;      ///< 12, or 13 with a leap month
  int leap_index = -1;  ///< index (from month 11) of the leap month, -1 when none
};

/// The new moon beginning month 11 of solar year `year`: the month holding the winter solstice's day.
long month_11(int year, int offset) {
  long day = util::Date{year, 12, 18}.to_days();
  while (sun_at_start_of(day + 1, offset) < 270.0) ++day;  // the solstice falls on `day`
  return new_moon_on_or_before(day, offset);
}

const Cycle& cycle(int year, int offset) {
  thread_local std::map<std::pair<int, int>, Cycle> cache;
  const auto key = std::pair(year, offset);
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  Cycle result;
  result.first_k = month_11(year, offset);
  result.months = static_cast<int>(month_11(year + 1, offset) - result.first_k);
  if (result.months == 13) {
    for (int i = 1; i < 13; ++i) {
      if (!has_major_term(result.first_k + i, offset)) {
        result.leap_index = i;
        break;
      }
    }
  }
  if (cache.size() > 4096) cache.clear();
  return cache.emplace(key, result).first->second;
}

/// The lunar year, month and leap flag of month `index` of the cycle beginning in `year`.
LunarDate label(int year, const Cycle& c, int index) {
  const int shifted = index - (c.leap_index >= 0 && index >= c.leap_index ? 1 : 0);
  LunarDate lunar;
  lunar.leap = index == c.leap_index;
  lunar.month = (11 + shifted - 1) % 12 + 1;
  lunar.year = 11 + shifted > 12 ? year + 1 : year;
  return lunar;
}

/// The new moon that begins a lunar month; nullopt when the year has no such month.
std::optional<long> month_start(int year, int month, bool leap, int offset) {
  if (month < 1 || month > 12) return std::nullopt;
  const int cycle_year = month >= 11 ? year : year - 1;
  const Cycle& c = cycle(cycle_year, offset);
  for (int i = 0; i < c.months; ++i) {
    const LunarDate lunar = label(cycle_year, c, i);
    if (lunar.year == year && lunar.month == month && lunar.leap == leap) return c.first_k + i;
  }
  return std::nullopt;
}

}  // namespace

LunarDate to_lunar(util::Date date, int utc_offset_hours) {
  const long day = date.to_days();
  const long k = new_moon_on_or_before(day, utc_offset_hours);
  int year = date.year;
  if (cycle(year, utc_offset_hours).first_k > k) --year;
  const Cycle& c = cycle(year, utc_offset_hours);
  LunarDate lunar = label(year, c, static_cast<int>(k - c.first_k));
  lunar.day = static_cast<int>(day - new_moon_day(k, utc_offset_hours)) + 1;
  return lunar;
}

std::optional<util::Date> to_solar(LunarDate lunar, int utc_offset_hours) {
  const auto k = month_start(lunar.year, lunar.month, lunar.leap, utc_offset_hours);
  if (!k) return std::nullopt;
  const long start = new_moon_day(*k, utc_offset_hours);
  const long length = new_moon_day(*k + 1, utc_offset_hours) - start;
  if (lunar.day < 1 || lunar.day > length) return std::nullopt;
  return util::Date::from_days(start + lunar.day - 1);
}

int lunar_month_length(int year, int month, bool leap, int utc_offset_hours) {
  const auto k = month_start(year, month, leap, utc_offset_hours);
  if (!k) return 0;
  return static_cast<int>(new_moon_day(*k + 1, utc_offset_hours) - new_moon_day(*k, utc_offset_hours));
}

int leap_month(int lunar_year, int utc_offset_hours) {
  for (int cycle_year : {lunar_year - 1, lunar_year}) {
    const Cycle& c = cycle(cycle_year, utc_offset_hours);
    if (c.leap_index < 0) continue;
    const LunarDate lunar = label(cycle_year, c, c.leap_index);
    if (lunar.year == lunar_year) return lunar.month;
  }
  return 0;
}

util::Date tet(int solar_year, int utc_offset_hours) {
  return *to_solar(LunarDate{solar_year, 1, 1, false}, utc_offset_hours);
}

std::string year_name(int lunar_year) {
  static constexpr const char* kStems[] = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"};
  static constexpr const char* kBranches[] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                              "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
  // 1984 was Giáp Tý, the first year of a sixty-year cycle.
  const int index = ((lunar_year - 1984) % 60 + 60) % 60;
  return std::string(kStems[index % 10]) + " " + kBranches[index % 12];
}

util::Date hung_kings_day(int solar_year, int utc_offset_hours) {
  return *to_solar(LunarDate{solar_year, 3, 10, false}, utc_offset_hours);
}

}  // namespace cchc::calendar
