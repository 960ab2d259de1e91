#include "model/deadline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <initializer_list>

#include "util/text.hpp"

namespace cchc::model {

namespace {

// A wording is read in two steps: it is cut into tokens (words, numbers, punctuation), then each
// accepted form gets a chance to match the whole token list. A new form (quarters, ranges,
// recurrences) is one more matcher in the table at the bottom, nothing else changes.

enum class TokenKind { Word, Number, Punct };

/// One piece of a folded wording: "trước", "30", "/".
struct Token {
  TokenKind kind;
  std::string text;           ///< case-folded, NFC; numbers keep their leading zeros
  bool space_before = false;  ///< written after whitespace: "2020-02" differs from "2020 - 2030"
};

using Tokens = std::vector<Token>;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_ascii_punct(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x80 && !is_ascii_digit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != ' ';
}

/// Cuts collapsed, folded text (single spaces only) into tokens.
Tokens tokenize(std::string_view folded) {
  Tokens tokens;
  bool space_before = false;
  for (std::size_t i = 0; i < folded.size();) {
    const char c = folded[i];
    if (c == ' ') {
      space_before = true;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    TokenKind kind = TokenKind::Punct;
    if (is_ascii_digit(c)) {
      kind = TokenKind::Number;
      while (end < folded.size() && is_ascii_digit(folded[end])) ++end;
    } else if (!is_ascii_punct(c)) {
      kind = TokenKind::Word;  // letters, including every non-ASCII byte (Vietnamese letters)
      while (end < folded.size() && folded[end] != ' ' && !is_ascii_digit(folded[end]) &&
             !is_ascii_punct(folded[end])) {
        ++end;
      }
    }
    tokens.push_back(Token{kind, std::string(folded.substr(i, end - i)), space_before});
    space_before = false;
    i = end;
  }
  return tokens;
}

/// A cursor over the tokens with the small vocabulary the matchers need.
class Cursor {
 public:
  explicit Cursor(const Tokens& tokens) : m_tokens(&tokens) {}

  bool at_end() const { return m_next == m_tokens->size(); }

  /// Consumes `word` (given in any case or normal form) when it comes next.
  bool word(std::string_view word) {
    if (at_end() || next().kind != TokenKind::Word) return false;
    if (next().text != util::fold_case(word)) return false;
    ++m_next;
    return true;
  }

  /// Consumes every word of `phrase` ("ban hành kế hoạch") in order, or nothing.
  bool words(std::string_view phrase) {
    const std::size_t saved = m_next;
    std::size_t begin = 0;
    while (begin < phrase.size()) {
      std::size_t end = phrase.find(' ', begin);
      if (end == std::string_view::npos) end = phrase.size();
      if (!word(phrase.substr(begin, end - begin))) {
        m_next = saved;
        return false;
      }
      begin = end + 1;
    }
    return true;
  }

  /// Consumes the first of `phrases` that comes next; true when one did.
  bool any_of(std::initializer_list<std::string_view> phrases) {
    return std::any_of(phrases.begin(), phrases.end(), [this](std::string_view phrase) { return words(phrase); });
  }

  /// The text of the next token, without consuming it; empty at the end.
  std::string rest_first() const { return at_end() ? std::string() : next().text; }

  /// True when the next token is a word (not a number or a mark).
  bool at_word() const { return !at_end() && next().kind == TokenKind::Word; }

  /// Consumes the rest and returns it as folded text, single-spaced as written: "có quy chế của tw".
  std::string rest() {
    std::string text;
    for (; !at_end(); ++m_next) {
      if (!text.empty() && next().space_before) text += ' ';
      text += next().text;
    }
    return text;
  }

  /// Consumes the punctuation `mark`; `tight` also requires no space before it.
  bool punct(char mark, bool tight = false) {
    if (at_end() || next().kind != TokenKind::Punct || next().text != std::string(1, mark)) return false;
    if (tight && next().space_before) return false;
    ++m_next;
    return true;
  }

  /// Consumes a number of `min_digits`..`max_digits` digits; `tight` also requires no space before it.
  std::optional<std::string> number(std::size_t min_digits, std::size_t max_digits, bool tight = false) {
    if (at_end() || next().kind != TokenKind::Number) return std::nullopt;
    const Token& token = next();
    if (token.text.size() < min_digits || token.text.size() > max_digits) return std::nullopt;
    if (tight && token.space_before) return std::nullopt;
    ++m_next;
    return token.text;
  }

 private:
  const Token& next() const { return (*m_tokens)[m_next]; }

  const Tokens* m_tokens;
  std::size_t m_next = 0;
};

int to_int(const std::string& digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

const char* month_name(int month) {
  static constexpr const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
  return kNames[month - 1];
}

constexpr const char* kCheckDate = "check the day, month and year of the date";

DeadlineError year_error(const std::string& year) {
  return DeadlineError{fmt::format("there is no year {}: years go from 0001 to 9999", year), kCheckDate};
}

DeadlineError month_error(const std::string& month) {
  return DeadlineError{fmt::format("there is no month {}: months go from 1 to 12", month), kCheckDate};
}

/// Why year/month/day (as written, shown as `as_written`) is not a calendar day; nullopt when it is one.
std::optional<DeadlineError> day_problem(const std::string& year, const std::string& month, const std::string& day,
                                         const std::string& as_written) {
  const int y = to_int(year), m = to_int(month), d = to_int(day);
  if (y < 1) return year_error(year);
  if (m < 1 || m > 12) return month_error(month);
  if (d < 1) return DeadlineError{fmt::format("there is no day {}: days start at 1", as_written), kCheckDate};
  const int last = util::days_in_month(y, m);
  if (d > last) {
    return DeadlineError{fmt::format("there is no day {}: {} {} has {} days", as_written, month_name(m), y, last),
                         kCheckDate};
  }
  return std::nullopt;
}

using MatchResult = std::optional<DeadlineResult>;  ///< nullopt: the wording is not of this form

Deadline day_deadline(int y, int m, int d) {
  Deadline deadline;
  deadline.precision = DeadlinePrecision::Day;
  deadline.due = util::Date{y, m, d};
  return deadline;
}

/// A day written d/m/yyyy or yyyy-mm-dd, the shared core of several forms.
MatchResult read_day(Cursor& cursor) {
  Cursor saved = cursor;
  if (auto year = cursor.number(4, 4)) {
    auto month = cursor.punct('-', true) ? cursor.number(1, 2, true) : std::nullopt;
    auto day = month && cursor.punct('-', true) ? cursor.number(1, 2, true) : std::nullopt;
    if (day) {
      if (auto problem = day_problem(*year, *month, *day, *year + "-" + *month + "-" + *day)) return *problem;
      return day_deadline(to_int(*year), to_int(*month), to_int(*day));
    }
  }
  cursor = saved;
  if (auto day = cursor.number(1, 2)) {
    auto month = cursor.punct('/') ? cursor.number(1, 2) : std::nullopt;
    auto year = month && cursor.punct('/') ? cursor.number(4, 4) : std::nullopt;
    if (year) {
      if (auto problem = day_problem(*year, *month, *day, *day + "/" + *month + "/" + *year)) return *problem;
      return day_deadline(to_int(*year), to_int(*month), to_int(*day));
    }
  }
  return std::nullopt;
}

/// The whole month `month` of `year`, due on its last day.
DeadlineResult month_period(const std::string& year, const std::string& month) {
  const int y = to_int(year), m = to_int(month);
  if (y < 1) return year_error(year);
  if (m < 1 || m > 12) return month_error(month);
  Deadline deadline;
  deadline.precision = DeadlinePrecision::Month;
  deadline.start = util::Date{y, m, 1};
  deadline.due = util::last_day_of_month(y, m);
  return deadline;
}

/// The whole year, due on 31 December.
DeadlineResult year_period(const std::string& year) {
  const int y = to_int(year);
  if (y < 1) return year_error(year);
  Deadline deadline;
  deadline.precision = DeadlinePrecision::Year;
  deadline.start = util::Date{y, 1, 1};
  deadline.due = util::Date{y, 12, 31};
  return deadline;
}

/// Quarter `quarter` (1..4) of `year`: its first month starts it, its last day ends it.
DeadlineResult quarter_period(const std::string& year, int quarter) {
  const int y = to_int(year);
  if (y < 1) return year_error(year);
  Deadline deadline;
  deadline.precision = DeadlinePrecision::Quarter;
  deadline.start = util::Date{y, quarter * 3 - 2, 1};
  deadline.due = util::last_day_of_month(y, quarter * 3);
  return deadline;
}

/// A quarter number written in Roman ("IV") or Arabic ("4") figures; 0 when it is neither.
int read_quarter_number(Cursor& cursor) {
  static const std::pair<const char*, int> kRoman[] = {{"i", 1}, {"ii", 2}, {"iii", 3}, {"iv", 4}};
  for (const auto& [numeral, value] : kRoman) {
    if (cursor.word(numeral)) return value;
  }
  Cursor saved = cursor;
  if (auto digits = cursor.number(1, 1)) {
    const int value = to_int(*digits);
    if (value >= 1 && value <= 4) return value;
  }
  cursor = saved;
  return 0;
}

/// "Quý IV/2025", "Quí IV-2025", "Quý III Năm 2026", "Quý I, II năm 2021" (the quarters named, from the
/// first to the last). Leaves the cursor after the year.
MatchResult read_quarters(Cursor& cursor) {
  if (!cursor.word("quý") && !cursor.word("quí")) return std::nullopt;
  std::vector<int> quarters;
  do {
    const int quarter = read_quarter_number(cursor);
    if (quarter == 0) return std::nullopt;
    quarters.push_back(quarter);
  } while (cursor.punct(',') || cursor.word("và"));
  if (!cursor.punct('/') && !cursor.punct('-')) {
    if (!cursor.word("năm")) return std::nullopt;
  }
  auto year = cursor.number(4, 4);
  if (!year) return std::nullopt;
  auto first = quarter_period(*year, *std::min_element(quarters.begin(), quarters.end()));
  auto last = quarter_period(*year, *std::max_element(quarters.begin(), quarters.end()));
  if (std::holds_alternative<DeadlineError>(last)) return last;
  std::get<Deadline>(last).start = std::get<Deadline>(first).start;
  return last;
}

/// "Tháng 02 năm 2020", "Tháng 2/2020", "Tháng 12-2025". Leaves the cursor after the year.
MatchResult read_month_words(Cursor& cursor) {
  if (!cursor.word("tháng")) return std::nullopt;
  auto month = cursor.number(1, 2);
  if (!month) return std::nullopt;
  std::optional<std::string> year;
  if (cursor.word("năm") || cursor.punct('/') || cursor.punct('-')) year = cursor.number(4, 4);
  if (!year) return std::nullopt;
  return month_period(*year, *month);
}

/// "6 tháng đầu năm 2025" (January–June) and "6 tháng cuối năm 2025" (July–December).
MatchResult read_half_year(Cursor& cursor) {
  auto six = cursor.number(1, 1);
  if (!six || *six != "6" || !cursor.word("tháng")) return std::nullopt;
  const bool first_half = cursor.word("đầu");
  if (!first_half && !cursor.word("cuối")) return std::nullopt;
  if (!cursor.word("năm")) return std::nullopt;
  auto year = cursor.number(4, 4);
  if (!year) return std::nullopt;
  const int y = to_int(*year);
  if (y < 1) return year_error(*year);
  Deadline deadline;
  deadline.precision = DeadlinePrecision::HalfYear;
  deadline.start = util::Date{y, first_half ? 1 : 7, 1};
  deadline.due = first_half ? util::Date{y, 6, 30} : util::Date{y, 12, 31};
  return deadline;
}

/// "ngày 30 tháng 11 năm 2025": a day spelled out in words.
MatchResult read_day_in_words(Cursor& cursor) {
  auto day = cursor.number(1, 2);
  if (!day || !cursor.word("tháng")) return std::nullopt;
  auto month = cursor.number(1, 2);
  if (!month || !cursor.word("năm")) return std::nullopt;
  auto year = cursor.number(4, 4);
  if (!year) return std::nullopt;
  if (auto problem = day_problem(*year, *month, *day, *day + "/" + *month + "/" + *year)) return *problem;
  return day_deadline(to_int(*year), to_int(*month), to_int(*day));
}

/// Any one period or day, as a range's end may be written: a day, a month, a quarter, a half-year or a year.
MatchResult read_period(Cursor& cursor) {
  const Cursor start = cursor;
  using Reader = MatchResult (*)(Cursor&);
  const Reader readers[] = {
      read_quarters,
      read_month_words,
      read_half_year,
      [](Cursor& c) -> MatchResult {
        c.word("ngày");
        const Cursor before_day = c;
        if (auto day = read_day(c)) return day;
        c = before_day;
        return read_day_in_words(c);
      },
      [](Cursor& c) -> MatchResult {
        c.word("năm");
        auto year = c.number(4, 4);
        if (!year) return std::nullopt;
        return year_period(*year);
      },
  };
  for (const Reader reader : readers) {
    cursor = start;
    if (auto result = reader(cursor)) return result;
  }
  cursor = start;
  return std::nullopt;
}

/// The result when `cursor` consumed everything, nullopt (not this form) otherwise.
MatchResult complete(const Cursor& cursor, DeadlineResult result) {
  if (!cursor.at_end()) return std::nullopt;
  return result;
}

// ---- one matcher per accepted form ----

MatchResult match_day(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  auto day = read_day(cursor);
  if (!day) return std::nullopt;
  return complete(cursor, *day);
}

MatchResult match_iso_month(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  auto year = cursor.number(4, 4);
  auto month = year && cursor.punct('-', true) ? cursor.number(1, 2, true) : std::nullopt;
  if (!month || !cursor.at_end()) return std::nullopt;
  return month_period(*year, *month);
}

MatchResult match_before_day(const Tokens& tokens, const DeadlineOptions& options) {
  Cursor cursor(tokens);
  if (!cursor.word("trước") || !cursor.word("ngày")) return std::nullopt;
  auto day = read_day(cursor);
  if (!day || !cursor.at_end()) return std::nullopt;
  if (auto* deadline = std::get_if<Deadline>(&*day); deadline && options.before_date == BeforeDate::Exclusive) {
    deadline->due = util::add_days(*deadline->due, -1);
  }
  return *day;
}

MatchResult match_month_words(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  cursor.word("trong");  // "Trong tháng 6/2025": within the month
  auto month = read_month_words(cursor);
  if (!month) return std::nullopt;
  return complete(cursor, *month);
}

MatchResult match_quarter(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  cursor.word("trong");
  auto quarters = read_quarters(cursor);
  if (!quarters) return std::nullopt;
  return complete(cursor, *quarters);
}

MatchResult match_half_year(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  cursor.word("trong");
  auto half = read_half_year(cursor);
  if (!half) return std::nullopt;
  return complete(cursor, *half);
}

MatchResult match_day_in_words(const Tokens& tokens, const DeadlineOptions& options) {
  Cursor cursor(tokens);
  const bool before = cursor.word("trước");
  if (!cursor.word("ngày")) return std::nullopt;
  auto day = read_day_in_words(cursor);
  if (!day || !cursor.at_end()) return std::nullopt;
  if (auto* deadline = std::get_if<Deadline>(&*day);
      deadline && before && options.before_date == BeforeDate::Exclusive) {
    deadline->due = util::add_days(*deadline->due, -1);
  }
  return *day;
}

/// "Chậm nhất ngày 30/11/2025", "Chậm nhất là ngày 30/11/2025": at the latest on that day.
MatchResult match_at_the_latest(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  if (!cursor.word("chậm") || !cursor.word("nhất")) return std::nullopt;
  cursor.word("là");
  cursor.word("vào");
  if (!cursor.word("ngày")) return std::nullopt;
  const Cursor before_day = cursor;
  auto day = read_day(cursor);
  if (!day) {
    cursor = before_day;
    day = read_day_in_words(cursor);
  }
  if (!day) return std::nullopt;
  return complete(cursor, *day);
}

/// "Trước năm 2030": by the end of the year before (Civil Code: a year ends on 31/12).
MatchResult match_before_year(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  if (!cursor.word("trước") || !cursor.word("năm")) return std::nullopt;
  auto year = cursor.number(4, 4);
  if (!year || !cursor.at_end()) return std::nullopt;
  if (to_int(*year) < 2) return year_error(*year);
  Deadline deadline;
  deadline.precision = DeadlinePrecision::Year;
  deadline.due = util::Date{to_int(*year) - 1, 12, 31};
  return deadline;
}

/// "Đầu năm 2025" = 1/1, "Giữa năm 2025" = 30/6, "Cuối năm 2025" = 31/12: the time points of the
/// Civil Code 2015, Art. 148.
MatchResult match_point_of_year(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  int month = 0, day = 0;
  if (cursor.word("đầu")) {
    month = 1, day = 1;
  } else if (cursor.word("giữa")) {
    month = 6, day = 30;
  } else if (cursor.word("cuối")) {
    month = 12, day = 31;
  } else {
    return std::nullopt;
  }
  if (!cursor.word("năm")) return std::nullopt;
  auto year = cursor.number(4, 4);
  if (!year || !cursor.at_end()) return std::nullopt;
  if (to_int(*year) < 1) return year_error(*year);
  return day_deadline(to_int(*year), month, day);
}

/// "2026 - 2030", "Giai đoạn 2026 - 2030", "Quý IV/2025 - Quý II/2026", "Từ tháng 10/2025 đến tháng 3/2026":
/// a window that starts with its first period and is due at the end of its last.
MatchResult match_range(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  if (cursor.word("giai")) {
    if (!cursor.word("đoạn")) return std::nullopt;
  } else {
    cursor.word("từ");
  }
  auto first = read_period(cursor);
  if (!first || std::holds_alternative<DeadlineError>(*first)) return first;
  if (!cursor.punct('-') && !cursor.word("đến") && !cursor.word("tới")) return std::nullopt;
  auto last = read_period(cursor);
  if (!last || !cursor.at_end()) return std::nullopt;
  if (std::holds_alternative<DeadlineError>(*last)) return last;
  const Deadline& from = std::get<Deadline>(*first);
  Deadline to = std::get<Deadline>(*last);
  const util::Date begins = from.start ? *from.start : *from.due;
  if (*to.due < begins) {
    return DeadlineError{fmt::format("the period ends ({}) before it begins ({})", to.due->vn(), begins.vn()),
                         "write the earlier period first: '2026 - 2030'"};
  }
  to.start = begins;
  return to;
}

MatchResult match_year(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  cursor.word("trong");
  cursor.word("năm");  // optional: "Năm 2020" and "2020" mean the same
  auto year = cursor.number(4, 4);
  if (!year || !cursor.at_end()) return std::nullopt;
  return year_period(*year);
}

MatchResult match_ongoing(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  // Central documents write it out in full: "Thực hiện thường xuyên, liên tục".
  cursor.words("thực hiện");
  if (!cursor.word("thường") || !cursor.word("xuyên")) return std::nullopt;
  if (cursor.punct(',') || cursor.word("và") || !cursor.at_end()) {
    if (!cursor.words("liên tục")) return std::nullopt;
  }
  if (!cursor.at_end()) return std::nullopt;
  Deadline deadline;
  deadline.kind = DeadlineKind::Ongoing;
  return deadline;
}

// ---- conditions and relative deadlines ----

/// Verbs that make "Sau khi …" an event one can tell has happened ("có Quy chế", "ban hành Nghị định");
/// "Sau khi xong" names none and stays an error.
constexpr std::string_view kEventVerbs[] = {"có",         "được",     "ban hành", "hoàn thành", "phê duyệt", "nhận",
                                            "kết thúc",   "tổng kết", "sơ kết",   "thành lập",  "sáp nhập",  "sắp xếp",
                                            "triển khai", "bố trí",   "giao",     "thông qua",  "ký",        "cấp"};

/// True when the rest names an event: one of the verbs, followed by what it is about.
bool names_event(Cursor cursor) {
  while (!cursor.at_end()) {
    for (std::string_view verb : kEventVerbs) {
      Cursor after = cursor;
      if (after.words(verb) && !after.at_end()) return true;
    }
    if (!cursor.at_word()) return false;
    cursor.word(cursor.rest_first());
  }
  return false;
}

/// "Theo Kế hoạch riêng", "Theo lộ trình…", "Sau khi có Quy chế của TW", "Khi có yêu cầu", "Đột xuất":
/// work whose date depends on something that has not happened yet.
MatchResult match_conditional(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  bool matched = false;
  if (cursor.word("theo")) {
    matched = cursor.any_of({"kế hoạch", "lộ trình", "hướng dẫn", "chỉ đạo", "yêu cầu", "thông báo", "quy định"});
  } else if (cursor.words("sau khi")) {
    matched = names_event(cursor);
  } else if (cursor.word("khi")) {
    matched = cursor.any_of({"có", "được"}) && !cursor.at_end();
  } else {
    matched = cursor.words("đột xuất");
  }
  if (!matched) return std::nullopt;
  // "Theo kế hoạch, trước ngày 30/4/2026" also names a date: read as a condition it would be silently lost,
  // so a wording with a year or a day in it is not taken as a condition (it is an error unless another form
  // reads it).
  const bool names_a_date = std::any_of(tokens.begin(), tokens.end(), [](const Token& token) {
    return token.kind == TokenKind::Number && token.text.size() == 4;
  });
  if (names_a_date) return std::nullopt;
  Deadline deadline;
  deadline.kind = DeadlineKind::Conditional;
  return deadline;
}

/// The longest a relative deadline may count: ten years of days keeps every count quick and sane.
constexpr int kMaxSpanDays = 3660;

/// "05 ngày", "10 ngày làm việc", after an optional "Trong thời hạn", "Trong vòng", "Trong", "Chậm nhất".
std::optional<std::variant<DaySpan, DeadlineError>> read_span(Cursor& cursor) {
  cursor.any_of({"trong thời hạn", "trong vòng", "trong", "chậm nhất là", "chậm nhất", "không quá"});
  auto count = cursor.number(1, 4);
  if (!count || !cursor.word("ngày")) return std::nullopt;
  DaySpan span;
  span.count = to_int(*count);
  span.unit = cursor.words("làm việc") ? DayUnit::Working : DayUnit::Calendar;
  if (span.count < 1 || span.count > kMaxSpanDays) {
    return DeadlineError{
        fmt::format("{} days is not a deadline cchc can count: write from 1 to {} days", *count, kMaxSpanDays),
        "check the number of days"};
  }
  return span;
}

/// A task number as deadlines write it: "3.1", "II.1", "3".
std::optional<std::string> read_task_number(Cursor& cursor) {
  std::string path;
  while (true) {
    if (auto digits = cursor.number(1, 6, !path.empty())) {
      path += *digits;
    } else if (cursor.at_word()) {
      const std::string word = cursor.rest_first();
      const bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!ascii || word.size() > 6) return std::nullopt;
      cursor.word(word);
      path += word;
    } else {
      return std::nullopt;
    }
    if (!cursor.punct('.', true)) return path;
    path += '.';
  }
}

/// "ban hành Kế hoạch (này)", "ký ban hành", "Kế hoạch (này) được ban hành": the plan's own issue.
bool read_plan_issued(Cursor cursor) {
  if (cursor.any_of({"ký ban hành", "ban hành"})) {
    cursor.any_of({"kế hoạch", "văn bản"});
  } else if (cursor.words("kế hoạch")) {
    cursor.word("này");
    cursor.word("được");
    if (!cursor.words("ban hành")) return false;
  } else {
    return false;
  }
  cursor.word("này");
  return cursor.at_end();
}

/// "hoàn thành nhiệm vụ 3.1", "nhiệm vụ 3.1 hoàn thành": a task's completion; the task's number.
std::optional<std::string> read_task_done(Cursor cursor) {
  cursor.any_of({"khi", "ngày"});
  if (cursor.words("hoàn thành")) {
    cursor.any_of({"nhiệm vụ", "mục", "task"});
    auto path = read_task_number(cursor);
    if (path && cursor.at_end()) return path;
    return std::nullopt;
  }
  if (!cursor.any_of({"nhiệm vụ", "mục", "task"})) return std::nullopt;
  auto path = read_task_number(cursor);
  cursor.word("được");
  if (path && cursor.words("hoàn thành") && cursor.at_end()) return path;
  return std::nullopt;
}

/// After "kể từ" / "sau": the day, the plan's issue, a task's completion or an event the days count from.
std::optional<std::variant<DeadlineAnchor, DeadlineError>> read_anchor(Cursor& cursor) {
  const Cursor start = cursor;
  cursor.word("ngày");
  const Cursor after_day_word = cursor;
  MatchResult day = read_day(cursor);
  if (!day) {
    cursor = after_day_word;
    day = read_day_in_words(cursor);
  }
  if (day) {
    if (auto* problem = std::get_if<DeadlineError>(&*day)) return *problem;
    if (!cursor.at_end()) return std::nullopt;
    DeadlineAnchor anchor;
    anchor.kind = DeadlineAnchor::Kind::Date;
    anchor.date = std::get<Deadline>(*day).due;
    return anchor;
  }
  DeadlineAnchor anchor;
  if (read_plan_issued(after_day_word)) {
    anchor.kind = DeadlineAnchor::Kind::PlanIssued;
  } else if (auto path = read_task_done(start)) {
    anchor.kind = DeadlineAnchor::Kind::TaskDone;
    anchor.task = *path;
  } else {
    // Anything else that starts with a word is an event the plan dates with `trigger: {on: …}`.
    cursor = after_day_word;
    if (!cursor.at_word()) return std::nullopt;
    if (Cursor task_words = start; (task_words.any_of({"khi", "ngày"}), task_words.words("hoàn thành")) ||
                                   task_words.any_of({"nhiệm vụ", "mục", "task"})) {
      return DeadlineError{"cannot read the number of the task the days are counted from",
                           "write the task's full number as the plan gives it, e.g. 'sau khi hoàn thành nhiệm vụ 3.1'"};
    }
    anchor.kind = DeadlineAnchor::Kind::Event;
    anchor.event = cursor.rest();
  }
  cursor.rest();
  return anchor;
}

/// "05 ngày làm việc kể từ ngày 13/02/2026", "30 ngày kể từ ngày ban hành Kế hoạch", "10 ngày làm việc sau
/// khi hoàn thành nhiệm vụ 3.1", "Trong thời hạn 05 ngày làm việc kể từ ngày nhận"; and, inside `trigger:`
/// only, a bare "30 ngày".
MatchResult match_relative(const Tokens& tokens, const DeadlineOptions& options) {
  Cursor cursor(tokens);
  auto span = read_span(cursor);
  if (!span) return std::nullopt;
  if (auto* problem = std::get_if<DeadlineError>(&*span)) return *problem;
  Deadline deadline;
  deadline.kind = DeadlineKind::Relative;
  RelativeDays& relative = deadline.relative.emplace();
  relative.span = std::get<DaySpan>(*span);
  if (cursor.at_end()) {
    if (!options.span_from_trigger) {
      return DeadlineError{"the deadline gives a number of days but not from when they are counted",
                           "write e.g. '30 ngày kể từ ngày ban hành Kế hoạch', '10 ngày làm việc sau khi hoàn thành "
                           "nhiệm vụ 3.1' or '05 ngày làm việc kể từ ngày 13/02/2026'"};
    }
    relative.anchor.kind = DeadlineAnchor::Kind::Trigger;
    return deadline;
  }
  if (!cursor.any_of({"kể từ sau", "kể từ", "tính từ", "sau khi", "sau", "từ"})) return std::nullopt;
  auto anchor = read_anchor(cursor);
  if (!anchor) return std::nullopt;
  if (auto* problem = std::get_if<DeadlineError>(&*anchor)) return *problem;
  relative.anchor = std::get<DeadlineAnchor>(*anchor);
  return deadline;
}

// ---- recurring deadlines and days without a year ----

/// Consumes the words of `phrase` ("định kỳ") when they all come next; leaves the cursor alone otherwise.
bool phrase(Cursor& cursor, std::initializer_list<std::string_view> words) {
  const Cursor saved = cursor;
  for (const std::string_view word : words) {
    if (!cursor.word(word)) {
      cursor = saved;
      return false;
    }
  }
  return true;
}

/// "hằng" or its spoken variant "hàng": both mean "every".
bool every_word(Cursor& cursor) { return cursor.word("hằng") || cursor.word("hàng"); }

bool quarter_word(Cursor& cursor) { return cursor.word("quý") || cursor.word("quí"); }

/// "hằng năm", "hàng quý", "hằng tháng", "định kỳ 6 tháng", "6 tháng một lần"; nullopt when none comes next.
std::optional<Frequency> read_frequency(Cursor& cursor) {
  const Cursor saved = cursor;
  cursor.punct(',');
  phrase(cursor, {"định", "kỳ"});
  if (every_word(cursor)) {
    if (cursor.word("năm")) return Frequency::Year;
    if (quarter_word(cursor)) return Frequency::Quarter;
    if (cursor.word("tháng")) return Frequency::Month;
    const Cursor before_six = cursor;
    if (auto six = cursor.number(1, 1); six && *six == "6" && cursor.word("tháng")) return Frequency::HalfYear;
    cursor = before_six;
  } else if (auto six = cursor.number(1, 1); six && *six == "6" && cursor.word("tháng")) {
    phrase(cursor, {"một", "lần"});
    return Frequency::HalfYear;
  }
  cursor = saved;
  return std::nullopt;
}

/// "từ năm 2025", "kể từ năm 2025", "năm 2025 và các năm tiếp theo": the first year of a recurrence.
std::optional<std::string> read_first_year(Cursor& cursor) {
  const Cursor saved = cursor;
  cursor.punct(',');
  phrase(cursor, {"kể"});
  const bool from = cursor.word("từ");
  if (cursor.word("năm")) {
    if (auto year = cursor.number(4, 4)) {
      if (phrase(cursor, {"và", "các", "năm", "tiếp", "theo"}) || phrase(cursor, {"trở", "đi"}) || from) return year;
    }
  }
  cursor = saved;
  return std::nullopt;
}

/// A day of the year without its year: "30/11", "01/6", "30 tháng 11"; nullopt when none comes next or a
/// year follows (then it is a plain day, read elsewhere).
std::optional<std::pair<std::string, std::string>> read_day_of_year(Cursor& cursor) {
  const Cursor saved = cursor;
  if (auto day = cursor.number(1, 2)) {
    std::optional<std::string> month;
    if (cursor.punct('/') || cursor.word("tháng")) month = cursor.number(1, 2);
    if (month) {
      const Cursor after = cursor;
      if (!cursor.punct('/') && !cursor.punct('-') && !cursor.word("năm")) {
        cursor = after;
        return std::pair{*day, *month};
      }
    }
  }
  cursor = saved;
  return std::nullopt;
}

/// Why `day`/`month` is no day of any year ("31/4"); nullopt when it is one (29/2 is: in leap years).
std::optional<DeadlineError> day_of_year_problem(const std::string& day, const std::string& month) {
  const int m = to_int(month), d = to_int(day);
  if (m < 1 || m > 12) return month_error(month);
  if (d < 1) return DeadlineError{fmt::format("there is no day {}/{}: days start at 1", day, month), kCheckDate};
  const int last = util::days_in_month(2000, m);  // a leap year: 29/2 is allowed
  if (d > last) {
    return DeadlineError{fmt::format("there is no day {}/{}: {} has {} days", day, month, month_name(m), last),
                         kCheckDate};
  }
  return std::nullopt;
}

/// "Trước ngày", "chậm nhất là ngày", "vào ngày", "ngày": the words before a day. True for "trước".
struct DayLead {
  bool found = false;
  bool before = false;
};

DayLead read_day_lead(Cursor& cursor) {
  DayLead lead;
  lead.before = cursor.word("trước");
  if (!lead.before && phrase(cursor, {"chậm", "nhất"})) {
    cursor.word("là");
    cursor.word("vào");
  } else if (!lead.before) {
    cursor.word("vào");
  }
  lead.found = cursor.word("ngày");
  return lead;
}

MatchResult recurring(Recurrence rule) {
  Deadline deadline;
  deadline.kind = DeadlineKind::Recurring;
  deadline.precision = rule.on.empty() || std::any_of(rule.on.begin(), rule.on.end(),
                                                      [](const DayOfPeriod& day) { return day.whole_month; })
                           ? DeadlinePrecision::Month
                           : DeadlinePrecision::Day;
  deadline.recurrence.emplace(std::move(rule));
  return deadline;
}

/// Every recurring wording: "Hằng năm", "Hàng quý", "Quý", "Định kỳ 6 tháng", "Hằng tháng", "Tháng 12 hằng năm",
/// "Trước ngày 30 tháng 11 hàng năm", "Định kỳ trước ngày 01/6 và 15/11 hằng năm", "Chậm nhất là ngày 20 của
/// tháng cuối kỳ báo cáo", "Thường xuyên, hằng năm", each optionally followed by "từ năm 2025".
MatchResult match_recurring(const Tokens& tokens, const DeadlineOptions& options) {
  Cursor cursor(tokens);
  Recurrence rule;
  phrase(cursor, {"thực", "hiện"});
  rule.ongoing = phrase(cursor, {"thường", "xuyên"});
  if (rule.ongoing) cursor.punct(',');
  const bool periodic = phrase(cursor, {"định", "kỳ"});
  std::optional<Frequency> implied;  // what the days themselves say: "của tháng cuối quý" is quarterly
  std::vector<std::pair<std::string, std::string>> days_of_year;
  const Cursor before_days = cursor;
  DayLead lead = read_day_lead(cursor);
  if (!lead.found) {  // "30/11 hằng năm": the day alone
    cursor = before_days;
    Cursor probe = cursor;
    lead.found = read_day_of_year(probe).has_value();
  }
  if (lead.found) {
    rule.day_before = lead.before && options.before_date == BeforeDate::Exclusive;
    do {
      if (auto day = read_day_of_year(cursor)) {
        days_of_year.push_back(*day);
        continue;
      }
      auto day = cursor.number(1, 2);
      if (!day || !cursor.word("của") || !cursor.word("tháng") || !cursor.word("cuối")) return std::nullopt;
      if (phrase(cursor, {"kỳ", "báo", "cáo"}) || quarter_word(cursor)) {
        implied = Frequency::Quarter;  // the report is quarterly: "tháng cuối kỳ báo cáo" is the quarter's last
      } else {
        return std::nullopt;
      }
      const int value = to_int(*day);
      if (value < 1 || value > 31) {
        return DeadlineError{fmt::format("there is no day {}: days go from 1 to 31", *day), kCheckDate};
      }
      rule.on.push_back(DayOfPeriod{0, value, false});
    } while (cursor.punct(',') || cursor.word("và"));
  } else {
    cursor = before_days;
    if (cursor.word("tháng")) {  // "Tháng 12 hằng năm": the whole month, every year
      auto month = cursor.number(1, 2);
      if (!month) return std::nullopt;
      if (to_int(*month) < 1 || to_int(*month) > 12) return month_error(*month);
      rule.on.push_back(DayOfPeriod{to_int(*month), 0, true});
      implied = Frequency::Year;
    }
  }
  std::optional<Frequency> every = read_frequency(cursor);
  // "Tháng 12" alone names no repetition: only "Tháng 12 hằng năm" does.
  if (!every && std::any_of(rule.on.begin(), rule.on.end(), [](const DayOfPeriod& day) { return day.whole_month; })) {
    return std::nullopt;
  }
  if (!every && periodic && rule.on.empty() && days_of_year.empty() && quarter_word(cursor)) {
    every = Frequency::Quarter;  // "Định kỳ quý"
  }
  if (!every && !implied) {
    // "Quý" alone in the time column of a report table: every quarter.
    Cursor alone(tokens);
    if (!quarter_word(alone) || !alone.at_end()) return std::nullopt;
    rule.every = Frequency::Quarter;
    return recurring(std::move(rule));
  }
  if (!every) every = implied;
  if (!every || (!days_of_year.empty() && !rule.on.empty())) return std::nullopt;
  if (!days_of_year.empty() && *every != Frequency::Year) {
    return DeadlineError{"a day of the year (such as 30/11) can only repeat every year",
                         "write 'hằng năm', or name the day of the period: 'ngày 20 của tháng cuối quý'"};
  }
  if (implied && *every != *implied) {
    return DeadlineError{"the days named and the repetition do not agree",
                         "'tháng cuối kỳ báo cáo' goes with 'hằng quý'; 'Tháng 12' goes with 'hằng năm'"};
  }
  for (const auto& [day, month] : days_of_year) {
    if (auto problem = day_of_year_problem(day, month)) return *problem;
    rule.on.push_back(DayOfPeriod{to_int(month), to_int(day), false});
  }
  if (auto year = read_first_year(cursor)) {
    if (to_int(*year) < 1) return year_error(*year);
    rule.from = to_int(*year);
  }
  if (!cursor.at_end()) return std::nullopt;
  rule.every = *every;
  return recurring(std::move(rule));
}

/// "Năm 2025 và các năm tiếp theo", "Từ năm 2025 và các năm tiếp theo": the whole year, every year from 2025.
MatchResult match_years_onward(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  auto year = read_first_year(cursor);
  if (!year || !cursor.at_end()) return std::nullopt;
  // "Từ năm 2025" alone is a start without an end, not a repetition: it needs "và các năm tiếp theo".
  Cursor onward(tokens);
  onward.word("từ");
  onward.word("năm");
  onward.number(4, 4);
  if (onward.at_end()) return std::nullopt;
  if (to_int(*year) < 1) return year_error(*year);
  Recurrence rule;
  rule.from = to_int(*year);
  return recurring(std::move(rule));
}

/// "Trước ngày 30/11", "Ngày 30 tháng 11", "Chậm nhất là ngày 15/12": a day whose year the plan gives.
MatchResult match_day_without_year(const Tokens& tokens, const DeadlineOptions& options) {
  Cursor cursor(tokens);
  const DayLead lead = read_day_lead(cursor);
  auto day = read_day_of_year(cursor);
  if (!day || !cursor.at_end()) return std::nullopt;
  if (auto problem = day_of_year_problem(day->first, day->second)) return *problem;
  if (!options.year) {
    return DeadlineError{
        fmt::format("the day {}/{} has no year, and the plan gives none", day->first, day->second),
        fmt::format("write the year ('{}/{}/2025'), give the plan a one-year 'period:' or a 'date:', or make it "
                    "repeat: '… hằng năm'",
                    day->first, day->second)};
  }
  const std::string year = fmt::format("{:04}", *options.year);
  if (auto problem = day_problem(year, day->second, day->first, day->first + "/" + day->second + "/" + year)) {
    return *problem;
  }
  Deadline deadline = day_deadline(*options.year, to_int(day->second), to_int(day->first));
  if (lead.before && options.before_date == BeforeDate::Exclusive) deadline.due = util::add_days(*deadline.due, -1);
  return deadline;
}

/// The matcher of a line that only adds to the description of the form above it.
MatchResult describe_only(const Tokens&, const DeadlineOptions&) { return std::nullopt; }

/// An accepted form: how it is described to users, and its matcher.
struct Form {
  std::string description;
  std::function<MatchResult(const Tokens&, const DeadlineOptions&)> match;
};

const std::vector<Form>& forms() {
  static const std::vector<Form> kForms = {
      {"2020-04-30 (a day)", match_day},
      {"30/4/2020 or 30/04/2020 (a day)", match_day},
      {"2020-02 (a month: due on its last day)", match_iso_month},
      {"Trước ngày 30/4/2020 (before a day; the plan's before_date says whether the day itself counts)",
       match_before_day},
      {"Ngày 30 tháng 11 năm 2025, Trước ngày 30 tháng 11 năm 2025 (a day in words)", match_day_in_words},
      {"Chậm nhất là ngày 30/11/2025 (at the latest on that day)", match_at_the_latest},
      {"Tháng 02 năm 2020, Tháng 2/2020, Tháng 12-2025 (a month: due on its last day)", match_month_words},
      {"Quý IV/2025, Quí IV-2025, Quý III năm 2026, Quý I, II năm 2021 (quarters: due at the end of the last)",
       match_quarter},
      {"6 tháng đầu năm 2025, 6 tháng cuối năm 2025 (a half-year: due on 30/6 or 31/12)", match_half_year},
      {"Năm 2020 or 2020 (a year: due on 31/12)", match_year},
      {"Trước năm 2030 (due on 31/12 of the year before)", match_before_year},
      {"Đầu năm 2025, Giữa năm 2025, Cuối năm 2025 (1/1, 30/6, 31/12: Civil Code 2015, Art. 148)", match_point_of_year},
      {"2026 - 2030, Giai đoạn 2026 - 2030, Quý IV/2025 - Quý II/2026, Từ tháng 10/2025 đến tháng 3/2026 "
       "(a period: due at the end of its last part)",
       match_range},
      {"Thường xuyên, Thực hiện thường xuyên, liên tục (ongoing work, never overdue)", match_ongoing},
      {"05 ngày làm việc kể từ ngày 13/02/2026, 30 ngày kể từ ngày ban hành Kế hoạch, 10 ngày làm việc sau khi "
       "hoàn thành nhiệm vụ 3.1, Trong thời hạn 05 ngày làm việc kể từ ngày nhận (days counted from the day after "
       "a day, the plan's issue, a task's completion or an event)",
       match_relative},
      {"Theo Kế hoạch riêng, Theo lộ trình …, Sau khi có Quy chế của TW, Khi có yêu cầu, Đột xuất (waits for an "
       "event the plan records with 'trigger:')",
       match_conditional},
      {"Trước ngày 30/11, Ngày 30 tháng 11 (a day of the plan's year: its one-year 'period:' or its 'date:')",
       match_day_without_year},
      {"Hằng năm, Hàng quý, Quý, Định kỳ 6 tháng, Hằng tháng (recurring: every period, due on its last day)",
       match_recurring},
      // The recurring forms are one matcher; the lines below only describe the rest of them to the reader.
      {"Tháng 12 hằng năm, Trước ngày 30 tháng 11 hàng năm, Định kỳ trước ngày 01/6 và 15/11 hằng năm "
       "(recurring: days of every year)",
       describe_only},
      {"Chậm nhất là ngày 20 của tháng cuối kỳ báo cáo (recurring: every quarter, day 20 of its last month)",
       describe_only},
      {"Thường xuyên, hằng năm (ongoing, with a yearly checkpoint); any recurring form + 'từ năm 2025'", describe_only},
      {"Năm 2025 và các năm tiếp theo, Từ năm 2025 và các năm tiếp theo (every year from 2025)", match_years_onward},
  };
  return kForms;
}

/// `folded` (ASCII: a task number) as it is written in `written`, case included: "ii.1" → "II.1".
std::string as_written_in(std::string_view written, const std::string& folded) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t at = written.size() >= folded.size() ? written.size() - folded.size() + 1 : 0; at-- > 0;) {
    bool same = true;
    for (std::size_t i = 0; i < folded.size() && same; ++i) same = lower(written[at + i]) == folded[i];
    if (same) return std::string(written.substr(at, folded.size()));
  }
  return folded;
}

std::string accepted_forms_hint() {
  std::string hint = "write the deadline in one of these forms:";
  for (const auto& form : accepted_deadline_forms()) hint += "\n  " + form;
  return hint;
}

}  // namespace

DeadlineResult parse_deadline(std::string_view text, const DeadlineOptions& options) {
  const std::string written = util::collapse_whitespace(util::to_nfc(text));
  if (written.empty()) return DeadlineError{"the deadline is empty", accepted_forms_hint()};
  // "Theo lộ trình…": the ellipsis character is punctuation, not part of the word before it.
  std::string folded = util::fold_case(text);
  for (std::size_t at = folded.find("…"); at != std::string::npos; at = folded.find("…", at)) {
    folded.replace(at, std::string_view("…").size(), "...");
  }
  const Tokens tokens = tokenize(util::collapse_whitespace(folded));
  for (const auto& form : forms()) {
    if (auto result = form.match(tokens, options)) {
      if (auto* deadline = std::get_if<Deadline>(&*result)) {
        deadline->text = written;
        if (deadline->counts_from(DeadlineAnchor::Kind::TaskDone)) {
          deadline->relative->anchor.task = as_written_in(written, deadline->relative->anchor.task);
        }
      }
      return *result;
    }
  }
  return DeadlineError{fmt::format("cannot read the deadline '{}'", written), accepted_forms_hint()};
}

const std::vector<std::string>& accepted_deadline_forms() {
  static const std::vector<std::string> kDescriptions = [] {
    std::vector<std::string> descriptions;
    for (const auto& form : forms()) {
      if (descriptions.empty() || descriptions.back() != form.description) descriptions.push_back(form.description);
    }
    return descriptions;
  }();
  return kDescriptions;
}

}  // namespace cchc::model
