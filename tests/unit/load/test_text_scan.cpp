#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "load/text_scan.hpp"

using namespace cchc::load;

// The scans step over eight bytes at a time; these are the same rules a byte (or a character) at a time, as they
// were written before, to hold the fast versions to on texts built to put every kind of byte at every alignment.
namespace reference {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto byte_at = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned lead = byte_at(i);
    std::size_t length = 0;
    unsigned low = 0x80, high = 0xBF;
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned byte = byte_at(i + k);
      if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) return i;
    }
    i += length;
  }
  return std::nullopt;
}

bool may_hold_control(std::string_view text) {
  for (std::size_t offset = 0; offset < text.size();) {
    const auto [code_point, length] = decode_at(text, offset);
    if (is_forbidden_control(code_point)) return true;
    offset += length;
  }
  return false;
}

std::size_t closing_quote(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote != '\'' || i + 1 >= text.size() || text[i + 1] != '\'') return i;
      ++i;
    }
  }
  return std::string_view::npos;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t offset = 0; offset < text.size(); ++count) offset += decode_at(text, offset).second;
  return count;
}

bool is_unicode_space(unsigned code_point) {
  return code_point == 0xA0 || code_point == 0x1680 || (code_point >= 0x2000 && code_point <= 0x200B) ||
         code_point == 0x202F || code_point == 0x205F || code_point == 0x3000 || code_point == 0xFEFF;
}

/// Offsets and messages of the problems, decoding every character.
std::vector<std::pair<std::size_t, std::string>> character_problems(std::string_view text, std::size_t max) {
  std::vector<std::pair<std::size_t, std::string>> problems;
  bool in_indentation = true;
  for (std::size_t offset = 0; offset < text.size() && problems.size() < max;) {
    const auto [code_point, length] = decode_at(text, offset);
    if (code_point == '\n') {
      in_indentation = true;
    } else if (code_point == '\r') {
      if (offset + 1 >= text.size() || text[offset + 1] != '\n') problems.emplace_back(offset, "CR");
    } else if (code_point == 0) {
      problems.emplace_back(offset, "NUL");
    } else if (is_forbidden_control(code_point)) {
      problems.emplace_back(offset, control_name(code_point));
    } else if (in_indentation && is_unicode_space(code_point)) {
      problems.emplace_back(offset, "space");
      in_indentation = false;
    } else if (code_point != ' ' && code_point != '\t' && code_point != '-') {
      in_indentation = false;
    }
    offset += length;
  }
  return problems;
}

std::optional<std::size_t> flow_too_deep(std::string_view text, int max_depth) {
  int depth = 0;
  bool value_start = true;
  const auto blank_at = [&](std::size_t i) {
    return i >= text.size() || text[i] == ' ' || text[i] == '\t' || text[i] == '\n';
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      value_start = true;
      continue;
    }
    if (c == ' ' || c == '\t') continue;
    if (c == '#' && (i == 0 || blank_at(i - 1))) {
      const std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) break;
      i = end - 1;
      continue;
    }
    if ((c == '"' || c == '\'') && value_start) {
      std::size_t k = i + 1;
      for (; k < text.size(); ++k) {
        if (c == '"' && text[k] == '\\') {
          ++k;
        } else if (text[k] == c) {
          if (c == '\'' && k + 1 < text.size() && text[k + 1] == '\'') {
            ++k;
          } else {
            break;
          }
        }
      }
      if (k >= text.size()) return std::nullopt;
      i = k;
      value_start = false;
      continue;
    }
    if ((c == '[' || c == '{') && (value_start || depth > 0)) {
      if (++depth > max_depth) return i;
      value_start = true;
    } else if (depth > 0 && (c == ']' || c == '}')) {
      --depth;
      value_start = false;
    } else if ((depth > 0 && (c == ',' || c == ':')) || ((c == ':' || c == '-' || c == '?') && blank_at(i + 1))) {
      value_start = true;
    } else {
      value_start = false;
    }
  }
  return std::nullopt;
}

}  // namespace reference

namespace {

/// Pieces a plan's text is made of, and the ones the scans look for: controls (C0, DEL, C1 as C2 80..9F), CR,
/// NUL, spaces YAML does not count as indentation (NBSP is C2 A0, next to the C1 controls), Vietnamese letters in
/// both forms, other scripts, YAML indicators, brackets, quotes and comments. (Laid out as a table by hand.)
// clang-format off
const std::vector<std::string> kValidPieces = {
    "a", "Z", "0", " ", "  ", "\t", "\n", "\n  ", "- ", "-", ":", ": ", "?", "? ", "#", " # ghi chú\n", "[", "]",
    "{", "}", ",", "\"", "'", "''", "\\", "\\\"", "\r\n", "\r", std::string(1, '\0'), "\x01", "\x1b", "\x7f",
    "\xC2\x80", "\xC2\x9F", "\xC2\xA0", "\xC2\xA9", "\xE1\x9A\x80", "\xE2\x80\x83", "\xE2\x80\x8B", "\xE2\x80\xAF",
    "\xE3\x80\x80", "\xEF\xBB\xBF", "ệ", "e\xCC\x82\xCC\xA3", "Đ", "Nhiệm vụ", "thực hiện", "中", "😀", "title: ",
    "tasks:\n", "  - id: \"3.1\"\n", "support: [snv, stp]", "{a: [b, {c: d}]}", "'it''s'"};
// clang-format on

/// Bytes that break UTF-8 in every way the check knows: stray continuations, overlongs, surrogates, too large,
/// sequences cut short.
const std::vector<std::string> kInvalidPieces = {"\x80",         "\xBF",         "\xC0\xAF",         "\xC1\xBF",
                                                 "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5",
                                                 "\xFF",         "\xE1\x9A",     "\xF0\x9F\x98",     "\xC3"};

std::string random_text(std::mt19937& random, const std::vector<std::string>& pieces, std::size_t count) {
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  // Long ASCII runs too, so that whole words are stepped over between the pieces that matter.
  std::uniform_int_distribution<int> run(0, 3);
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    if (run(random) == 0) text.append(static_cast<std::size_t>(random() % 24), 'x');
    text += pieces[pick(random)];
  }
  return text;
}

}  // namespace

TEST_CASE("the scans of the characters find what a byte-at-a-time scan finds", "[load][text_scan]") {
  std::mt19937 random(20261127);
  std::vector<std::string> every_piece = kValidPieces;
  every_piece.insert(every_piece.end(), kInvalidPieces.begin(), kInvalidPieces.end());
  int invalid = 0, with_problems = 0, with_controls = 0, too_deep = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::size_t count = static_cast<std::size_t>(random() % 40);
    const bool broken = round % 4 == 0;
    const std::string text = random_text(random, broken ? every_piece : kValidPieces, count);
    // Every alignment of the same text: the words fall differently on it.
    for (std::size_t skip = 0; skip < 8 && skip <= text.size(); ++skip) {
      const std::string_view view = std::string_view(text).substr(skip);
      const auto invalid_at = first_invalid_utf8(view);
      REQUIRE(invalid_at == reference::first_invalid_utf8(view));
      if (invalid_at) {
        ++invalid;
        continue;
      }
      REQUIRE(may_hold_control(view) == reference::may_hold_control(view));
      REQUIRE(count_code_points(view) == reference::count_code_points(view));
      REQUIRE(count_line_feeds(view) == static_cast<std::size_t>(std::count(view.begin(), view.end(), '\n')));
      for (std::size_t at = view.find_first_of("\"'"); at != std::string_view::npos;
           at = view.find_first_of("\"'", at + 1)) {
        REQUIRE(closing_quote(view, at) == reference::closing_quote(view, at));
      }
      with_controls += may_hold_control(view) ? 1 : 0;
      const auto problems = find_character_problems(view, 10);
      const auto expected = reference::character_problems(view, 10);
      REQUIRE(problems.size() == expected.size());
      for (std::size_t i = 0; i < problems.size(); ++i) REQUIRE(problems[i].offset == expected[i].first);
      with_problems += problems.empty() ? 0 : 1;
      for (const int depth : {0, 1, 2, 64}) {
        const auto deep = flow_too_deep(view, depth);
        REQUIRE(deep == reference::flow_too_deep(view, depth));
        too_deep += deep ? 1 : 0;
      }
    }
  }
  // The texts reached every outcome, not only the quiet ones.
  CHECK(invalid > 1000);
  CHECK(with_controls > 1000);
  CHECK(with_problems > 1000);
  CHECK(too_deep > 1000);
}

TEST_CASE("the character scans report the place of each kind of problem", "[load][text_scan]") {
  const std::string ascii(21, 'x');
  // A word of eight plain bytes, then each problem: the fast path must stop in time for all of them.
  CHECK(first_invalid_utf8(ascii + "\xC3(") == ascii.size());
  CHECK(first_invalid_utf8(ascii + "Nhiệm vụ") == std::nullopt);
  CHECK(may_hold_control(ascii + "\xC2\x85"));
  CHECK_FALSE(may_hold_control(ascii + "\xC2\xA0 ệ\t\n"));
  CHECK(may_hold_control(ascii + "\x1b"));
  const std::string text = "title: " + ascii + "\x1b" + ascii + "\n\xC2\xA0- id: 1\nnote: a\rb\n";
  const auto problems = find_character_problems(text, 10);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].offset == text.find('\x1b'));
  CHECK(problems[0].message.find("U+001B (ESC)") != std::string::npos);
  CHECK(problems[1].offset == text.find("\xC2\xA0"));
  CHECK(problems[1].message.find("U+00A0") != std::string::npos);
  CHECK(problems[2].offset == text.find('\r'));
  // A no-break space inside a line is only a letter.
  CHECK(find_character_problems("title: a\xC2\xA0"
                                "b\n",
                                10)
            .empty());
  CHECK(flow_too_deep("title: " + ascii + "\nx: [[[a]]]\n", 2) == std::string("title: " + ascii + "\nx: [[").size());
  CHECK(flow_too_deep("title: " + ascii + " # - [[[[\nx: 1\n", 2) == std::nullopt);
  // Just as many brackets of both kinds as the depth needs to go past the limit, and one fewer.
  CHECK(flow_too_deep("x: [{[a]}]\n", 2) == std::string("x: [{").size());
  CHECK(flow_too_deep("x: {[{a}]}\n", 2) == std::string("x: {[").size());
  CHECK(flow_too_deep("x: [{a}]\n", 1) == std::string("x: [").size());
  CHECK(flow_too_deep("x: [{a}]\n", 2) == std::nullopt);
  CHECK(flow_too_deep("", 0) == std::nullopt);
}
