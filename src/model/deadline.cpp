#include "model/deadline.hpp"

#include <fmt/format.h>

#include <functional>

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
  if (!cursor.word("tháng")) return std::nullopt;
  auto month = cursor.number(1, 2);
  if (!month) return std::nullopt;
  std::optional<std::string> year;
  if (cursor.word("năm") || cursor.punct('/')) year = cursor.number(4, 4);  // "Tháng 02 năm 2020", "Tháng 2/2020"
  if (!year || !cursor.at_end()) return std::nullopt;
  return month_period(*year, *month);
}

MatchResult match_year(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  cursor.word("năm");  // optional: "Năm 2020" and "2020" mean the same
  auto year = cursor.number(4, 4);
  if (!year || !cursor.at_end()) return std::nullopt;
  return year_period(*year);
}

MatchResult match_ongoing(const Tokens& tokens, const DeadlineOptions&) {
  Cursor cursor(tokens);
  if (!cursor.word("thường") || !cursor.word("xuyên") || !cursor.at_end()) return std::nullopt;
  Deadline deadline;
  deadline.kind = DeadlineKind::Ongoing;
  return deadline;
}

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
      {"Tháng 02 năm 2020 or Tháng 2/2020 (a month: due on its last day)", match_month_words},
      {"Năm 2020 or 2020 (a year: due on 31/12)", match_year},
      {"Thường xuyên (ongoing work, never overdue)", match_ongoing},
  };
  return kForms;
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
  const Tokens tokens = tokenize(util::collapse_whitespace(util::fold_case(text)));
  for (const auto& form : forms()) {
    if (auto result = form.match(tokens, options)) {
      if (auto* deadline = std::get_if<Deadline>(&*result)) deadline->text = written;
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
