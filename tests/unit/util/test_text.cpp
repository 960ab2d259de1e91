#include <utf8proc.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <vector>

#include "../random_texts.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"
#include "util/text_rules.hpp"

using namespace cchc::util;

namespace {
// "Chương trình" spelled with combining marks, as part of the seed plan is.
const std::string kNfd = "Chu\xcc\x9bo\xcc\x9bng tri\xcc\x80nh";
const std::string kNfc = "Chương trình";
}  // namespace

TEST_CASE("NFD text normalises to the NFC spelling") {
  REQUIRE(kNfd != kNfc);
  CHECK(to_nfc(kNfd) == kNfc);
  CHECK(to_nfc(kNfc) == kNfc);
}

TEST_CASE("case folding makes spellings compare equal") {
  CHECK(fold_case("TRƯỚC NGÀY") == fold_case("trước ngày"));
  CHECK(fold_case("Thường Xuyên") == fold_case("thu\xcc\x9bo\xcc\x9b\xcc\x80ng xuye\xcc\x82n"));
}

TEST_CASE("display width counts columns, not bytes or code points") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width(kNfc) == 12);
  CHECK(display_width(kNfd) == 12);
  CHECK(display_width("漢字") == 4);
  CHECK(display_width("a\x1b") == 1);
}

TEST_CASE("truncation respects width and marks the cut") {
  CHECK(truncate_to_width("Sở Nội vụ", 20) == "Sở Nội vụ");
  CHECK(truncate_to_width("Sở Nội vụ", 5) == "Sở N…");
  CHECK(display_width(truncate_to_width("漢字漢字", 5)) <= 5);
}

TEST_CASE("wrapping breaks at spaces and keeps every line within the width") {
  const auto lines = wrap_to_width("Tổng kết, đánh giá kết quả thực hiện cải cách thể chế.", 20);
  REQUIRE(lines.size() > 1);
  for (const auto& line : lines) CHECK(display_width(line) <= 20);
  CHECK(lines[0] == "Tổng kết, đánh giá");
  CHECK(wrap_to_width("", 10) == std::vector<std::string>{""});
  for (const auto& line : wrap_to_width("aaaaaaaaaaaaaaaaaaaaaaaaa", 10)) CHECK(display_width(line) <= 10);
}

TEST_CASE("wrapping in place gives wrap_to_width's lines, as parts of the text") {
  // Words of real titles, wide and zero-width characters, and words wider than the narrow widths below; the spaces
  // make texts both with words one space apart and with the runs and ends that must be refused.
  const std::vector<std::string> pieces = {"Tổng",
                                           "kết",
                                           "cải cách",
                                           "hành chính",
                                           "Sở Nội vụ",
                                           "3.14",
                                           "(Trước ngày 30/4/2020)",
                                           "漢字",
                                           "a\xcc\x81",
                                           "\xcc\x81",
                                           "aaaaaaaaaaaaaaaaaaaaaaaaa",
                                           "chuyểnđổisốtoàndiện",
                                           " ",
                                           " ",
                                           " ",
                                           "  ",
                                           "\t",
                                           "\n"};
  int in_place = 0;
  for (const auto& text : cchc::test_support::random_texts(pieces, 3000)) {
    for (const int width : {0, 1, 2, 3, 5, 8, 13, 20, 40}) {
      std::vector<WrappedLine> lines{{"before", 6}};  // appended to, never replaced
      const bool single_spaced = text.find("  ") == std::string::npos &&
                                 text.find_first_of("\t\n") == std::string::npos &&
                                 (text.empty() || (text.front() != ' ' && text.back() != ' '));
      INFO("text \"" << text << "\", width " << width);
      REQUIRE(wrap_in_place(text, width, lines) == single_spaced);
      if (!single_spaced) {
        CHECK(lines.size() == 1);
        continue;
      }
      ++in_place;
      const std::vector<std::string> expected = wrap_to_width(text, width);
      REQUIRE(lines.size() == expected.size() + 1);
      for (std::size_t i = 0; i < expected.size(); ++i) {
        const WrappedLine& line = lines[i + 1];
        CHECK(line.text == expected[i]);
        CHECK(line.width == display_width(expected[i]));
        // A part of the text itself, not a copy.
        CHECK(line.text.data() >= text.data());
        CHECK(line.text.data() + line.text.size() <= text.data() + text.size());
      }
    }
  }
  CHECK(in_place > 3000);  // most texts are single-spaced, so the comparison above ran on them
}

TEST_CASE("whitespace collapses, including newlines, tabs and no-break spaces") {
  CHECK(collapse_whitespace("  Trước \t ngày\n30/4/2020 ") == "Trước ngày 30/4/2020");
  CHECK(collapse_whitespace("a\xc2\xa0\xc2\xa0 b") == "a b");
}

TEST_CASE("columns and byte offsets convert both ways") {
  const std::string line = "  lead: Sở";
  CHECK(column_of_byte(line, 8) == 9);
  CHECK(byte_of_column(line, 9) == 8);
  CHECK(byte_of_column("Sở x", 4) == 5);  // "ở" takes three bytes
}

TEST_CASE("invalid UTF-8 is detected") {
  CHECK(is_valid_utf8(kNfc));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("\xc3"));
  CHECK(to_nfc("\xff") == "\xff");
}

TEST_CASE("did-you-mean finds near names and ignores far ones") {
  const std::vector<std::string> agencies{"snv", "stp", "stc", "ubnd-tinh"};
  CHECK(closest_match("snvv", agencies) == "snv");
  CHECK(closest_match("ubnd-tnh", agencies) == "ubnd-tinh");
  CHECK_FALSE(closest_match("hospital", agencies));
  CHECK(edit_distance("Sở", "So") == 1);
  CHECK(edit_distance("titel", "title") == 1);
  CHECK(closest_match("titel", {"title", "tasks", "lead"}) == "title");
}

TEST_CASE("strip_diacritics makes Vietnamese names ASCII") {
  CHECK(cchc::util::strip_diacritics("Sở Tư pháp") == "So Tu phap");
  CHECK(cchc::util::strip_diacritics("Đà Nẵng, Hà Tĩnh") == "Da Nang, Ha Tinh");
  CHECK(cchc::util::strip_diacritics("Ke\u0302\u0301 hoa\u0323ch") == "Ke hoach");  // NFD input
  CHECK(cchc::util::strip_diacritics("plain-ascii 2025") == "plain-ascii 2025");
}

namespace {

std::string encode(utf8proc_int32_t code_point) {
  utf8proc_uint8_t bytes[4];
  const auto length = utf8proc_encode_char(code_point, bytes);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

/// utf8proc's own mapping of `text` with `options`: what cchc's shortcuts are checked against.
std::string map_by_utf8proc(std::string_view text, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &mapped, static_cast<utf8proc_option_t>(options));
  REQUIRE(length >= 0);
  std::string result(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  std::free(mapped);
  return result;
}

std::string nfc_by_utf8proc(std::string_view text) { return map_by_utf8proc(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }
std::string nfd_by_utf8proc(std::string_view text) {
  return map_by_utf8proc(text, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
}

}  // namespace

TEST_CASE("the NFC shortcut only passes texts that utf8proc leaves as they are, in any order") {
  std::vector<utf8proc_int32_t> kept;
  for (utf8proc_int32_t c = 1; c < 0x300; ++c) kept.push_back(c);
  for (utf8proc_int32_t c = 0x1E00; c <= 0x1EFF; ++c) kept.push_back(c);
  for (utf8proc_int32_t c = 0x2010; c <= 0x2027; ++c) kept.push_back(c);
  // Every pair: nothing the shortcut passes composes with what follows it.
  std::size_t wrong = 0;  // counted, not listed: a million pairs
  for (const auto first : kept) {
    const std::string head = encode(first);
    for (const auto second : kept) {
      const std::string pair = head + encode(second);
      if (!is_nfc_without_lookup(pair) || nfc_by_utf8proc(pair) != pair) ++wrong;
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("the NFC shortcut sends combining marks, other scripts and broken bytes to utf8proc") {
  CHECK_FALSE(is_nfc_without_lookup("Ke\u0302\u0301 hoa\u0323ch"));  // NFD
  CHECK_FALSE(is_nfc_without_lookup("\u2000"));                      // canonically U+2002
  CHECK_FALSE(is_nfc_without_lookup("\u212B"));                      // Angstrom sign, canonically Å
  CHECK_FALSE(is_nfc_without_lookup("\xC3"));                        // a lead byte alone
  CHECK(is_nfc_without_lookup("Kế hoạch cải cách hành chính – “2026”"));
  CHECK(to_nfc("Ke\u0302\u0301 hoa\u0323ch") == "Kế hoạch");
}

TEST_CASE("NFC stretch by stretch is utf8proc's NFC of the whole text, whatever mixes with the marks") {
  // Pieces a text is made of: ASCII, precomposed and decomposed Vietnamese, every combining mark of U+0300-U+036F
  // (among them the ones that decompose or reorder), Hangul jamo that compose into syllables, other scripts.
  std::vector<std::string> pieces;
  for (const char* ascii : {"a", "e", "o", "u", "A", "E", " ", "1", "-", ".", "\n"}) pieces.emplace_back(ascii);
  for (const char* latin : {"ê", "ơ", "ư", "Ư", "ắ", "ệ", "đ", "Đ", "ḁ", "ỹ", "Å"}) pieces.emplace_back(latin);
  for (const char* other :
       {"\u212B", "\u2000", "\u0390", "\u1100", "\u1161", "\u11A8", "\uAC00", "\u4E2D", "\u0928\u093C", "\U0001F600"}) {
    pieces.emplace_back(other);
  }
  for (utf8proc_int32_t mark = 0x300; mark <= 0x36F; ++mark) pieces.push_back(encode(mark));
  std::mt19937 random(20261127);  // fixed: the same texts every run
  std::size_t wrong = 0;
  std::size_t changed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const auto count = std::uniform_int_distribution<int>(1, i % 100 == 0 ? 200 : 12)(random);
    for (int j = 0; j < count; ++j) {
      // Marks often, in runs, as NFD text has them; sometimes a run longer than the stack buffer.
      const auto which = std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(random);
      text += pieces[which];
    }
    const std::string expected = nfc_by_utf8proc(text);
    if (to_nfc(text) != expected) ++wrong;
    if (expected != text) ++changed;
  }
  CHECK(wrong == 0);
  CHECK(changed > 10000);  // most texts did need NFC: the stretches were exercised
  std::string long_run = "e";
  for (int i = 0; i < 100; ++i) long_run += (i % 2 == 0) ? "\u0323" : "\u0302";
  CHECK(to_nfc(long_run + " x") == nfc_by_utf8proc(long_run + " x"));                     // past the stack buffer
  CHECK(to_nfc("Nhie\u0323\u0302m vu\u0323 \xC3") == "Nhie\u0323\u0302m vu\u0323 \xC3");  // not UTF-8: left as is
}

TEST_CASE("case folding's shortcut agrees with utf8proc's full folding on every code point") {
  std::vector<utf8proc_int32_t> wrong;
  for (utf8proc_int32_t c = 1; c < 0x3000; ++c) {
    const std::string text = "A" + encode(c) + "Ệ";
    if (fold_case(text) != fold_case_by_lookup(text)) wrong.push_back(c);
  }
  CHECK(wrong == std::vector<utf8proc_int32_t>{});
  CHECK(fold_case("TRƯỚC NGÀY 30/4") == "trước ngày 30/4");
  CHECK(fold_case("STRASSE ß") == fold_case_by_lookup("STRASSE ß"));
}

TEST_CASE("a clean line is one that collapsing would leave as it is and that holds nothing to replace") {
  CHECK(is_clean_line(""));
  CHECK(is_clean_line("Sở Nội vụ"));
  CHECK(is_clean_line("Trước ngày 30/4/2020 (Hằng quý)"));
  CHECK_FALSE(is_clean_line(" Sở"));  // a space at either end
  CHECK_FALSE(is_clean_line("Sở "));
  CHECK_FALSE(is_clean_line("Sở  Nội vụ"));          // two spaces
  CHECK_FALSE(is_clean_line("Sở\tNội vụ"));          // a tab
  CHECK_FALSE(is_clean_line("Sở\xc2\xa0Nội vụ"));    // a no-break space
  CHECK_FALSE(is_clean_line("Ke\u0302\u0301 hoa"));  // NFD: combining marks are decoded the long way
  CHECK_FALSE(is_clean_line("a\x7f"));               // a control
  CHECK_FALSE(is_clean_line("\u202Eabc"));           // a bidirectional override
  CHECK_FALSE(is_clean_line("\xc3"));                // broken UTF-8
}

TEST_CASE("whitespace-only texts are those that collapse to nothing") {
  for (const std::string text : {"", " ", "\t\n", "\u00A0 \u3000", "a", " x ", "\u0301"}) {
    CHECK(is_whitespace_only(text) == collapse_whitespace(text).empty());
  }
  CHECK(is_whitespace_only(" \u00A0\n"));
  CHECK_FALSE(is_whitespace_only(" .\n"));
}

TEST_CASE("the ASCII shortcuts of width and whitespace agree with utf8proc on every ASCII character") {
  std::vector<int> wrong;
  for (int c = 0; c < 0x80; ++c) {
    const std::string alone(1, static_cast<char>(c));
    const bool control = c < 0x20 || c == 0x7F;
    const int width = control ? 0 : utf8proc_charwidth(c);
    const bool space = c == ' ' || (c >= '\t' && c <= '\r') || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
    // Between two Vietnamese letters, so the shortcut and utf8proc's decoding meet in one text.
    if (display_width("Ệ" + alone + "ư") != width + 2) wrong.push_back(c);
    if (is_whitespace_only(alone) != space) wrong.push_back(c);
    if (collapse_whitespace("Ệ" + alone + "ư") != (space ? "Ệ ư" : "Ệ" + alone + "ư")) wrong.push_back(c);
  }
  CHECK(wrong == std::vector<int>{});
}

namespace {

/// collapse_whitespace as it was written first, a code point at a time: the reference for the fast one.
std::string collapse_whitespace_slowly(std::string_view text) {
  std::string result;
  bool pending_space = false;
  for (std::size_t offset = 0; offset < text.size();) {
    std::size_t length = 1;
    utf8proc_int32_t code_point = -1;
    const auto lead = static_cast<unsigned char>(text[offset]);
    if (lead >= 0x80) {
      const auto got = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset),
                                        static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
      length = got > 0 ? static_cast<std::size_t>(got) : 1;
    }
    const bool space = lead == ' ' || lead == '\t' || lead == '\n' || lead == '\r' || lead == '\f' || lead == '\v' ||
                       (code_point >= 0x80 && utf8proc_category(code_point) == UTF8PROC_CATEGORY_ZS);
    if (space) {
      pending_space = !result.empty();
    } else {
      if (pending_space) result += ' ';
      pending_space = false;
      result.append(text.substr(offset, length));
    }
    offset += length;
  }
  return result;
}

}  // namespace

TEST_CASE("collapse_whitespace agrees with a code point at a time version on random texts", "[text]") {
  // Pieces that matter to it: ASCII spaces and controls, no-break and ideographic spaces, Vietnamese letters in
  // NFC and NFD, and broken UTF-8 (a lone lead byte, a lone continuation byte, a cut sequence).
  const std::vector<std::string> pieces = {" ",
                                           "  ",
                                           "\t",
                                           "\n",
                                           "\r\n",
                                           "\f",
                                           "\v",
                                           "\x01",
                                           "\x7f",
                                           "a",
                                           "Ab",
                                           "30/4/2020",
                                           "\xc2\xa0",
                                           "\xe3\x80\x80",
                                           "\xe2\x80\x83",
                                           "ệ",
                                           "e\xcc\x82\xcc\xa3",
                                           "Trước",
                                           "\xc3",
                                           "\x80",
                                           "\xe1\xbb",
                                           "\xf0\x9f\x98",
                                           "\x1f",
                                           "!",
                                           "~",
                                           std::string(1, '\0')};
  int differences = 0;
  for (const std::string& text : cchc::test_support::random_texts(pieces, 20000)) {
    if (collapse_whitespace(text) != collapse_whitespace_slowly(text)) {
      if (++differences <= 3) FAIL_CHECK("differs on \"" << text << "\"");
    }
  }
  CHECK(differences == 0);
}

TEST_CASE("display_width counts each code point as utf8proc_charwidth does, controls as none", "[text]") {
  int differences = 0;
  for (utf8proc_int32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
    if (code_point >= 0xD800 && code_point <= 0xDFFF) continue;  // surrogates are not UTF-8
    utf8proc_uint8_t bytes[4];
    const auto length = utf8proc_encode_char(code_point, bytes);
    const std::string text(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
    const bool control = code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0);
    const int expected = control ? 0 : utf8proc_charwidth(code_point);
    if (display_width(text) != expected && ++differences <= 3) {
      FAIL_CHECK("U+" << std::hex << code_point << ": " << display_width(text) << " columns, not " << expected);
    }
  }
  CHECK(differences == 0);
}

namespace {

/// The code points of `text`, for checking that a rule answers for each.
std::vector<utf8proc_int32_t> code_points(std::string_view text) {
  std::vector<utf8proc_int32_t> decoded;
  for (std::size_t offset = 0; offset < text.size();) {
    utf8proc_int32_t code_point = 0;
    const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset),
                                         static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
    REQUIRE(length > 0);
    decoded.push_back(code_point);
    offset += static_cast<std::size_t>(length);
  }
  return decoded;
}

// The letters of Vietnamese, capital and small, precomposed: what the rules must answer for without utf8proc.
const std::string kVietnameseLetters =
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ"
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";

}  // namespace

TEST_CASE("the space separator rule agrees with utf8proc's category Zs on every code point", "[text]") {
  std::vector<utf8proc_int32_t> wrong;
  int separators = 0;
  for (utf8proc_int32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
    const bool zs = utf8proc_category(code_point) == UTF8PROC_CATEGORY_ZS;
    if (is_space_separator(code_point) != zs) wrong.push_back(code_point);
    if (zs) ++separators;
  }
  CHECK(wrong == std::vector<utf8proc_int32_t>{});
  CHECK(separators == 17);  // the list the rule spells out, as utf8proc 2.8 (Unicode 15) has it
  CHECK(collapse_whitespace("Sở\u202FNội\u205F\u3000vụ\u1680") == "Sở Nội vụ");
  CHECK(is_whitespace_only("\u2000\u200A\u00A0"));
  CHECK_FALSE(is_whitespace_only("\u200B"));  // the zero width space is a format character, not a space
}

TEST_CASE("the lower case rule gives utf8proc_tolower wherever it answers, and answers for Vietnamese", "[text]") {
  int differences = 0;
  int answered = 0;
  for (utf8proc_int32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
    const std::int32_t lower = lower_case_without_lookup(code_point);
    if (lower == kAskUtf8proc) continue;
    ++answered;
    if (lower != utf8proc_tolower(code_point) && ++differences <= 3) {
      FAIL_CHECK("U+" << std::hex << code_point << ": U+" << lower << ", not U+" << utf8proc_tolower(code_point));
    }
  }
  CHECK(differences == 0);
  CHECK(answered == 0x80 + 0x80 + 0x7F + 4 + 0x100);  // ASCII, Latin-1, Latin Extended-A but İ, Ơ ơ Ư ư, U+1Exx
  std::vector<utf8proc_int32_t> unanswered;
  for (const auto letter : code_points(kVietnameseLetters)) {
    if (lower_case_without_lookup(letter) == kAskUtf8proc) unanswered.push_back(letter);
  }
  CHECK(unanswered == std::vector<utf8proc_int32_t>{});
  CHECK(fold_case("ĐƯỜNG Ơ ƯU TIÊN ẞ") == fold_case_by_lookup("ĐƯỜNG Ơ ƯU TIÊN ẞ"));
}

TEST_CASE("the symbol width rule gives utf8proc_charwidth wherever it answers, and answers for the renderers'",
          "[text]") {
  int differences = 0;
  for (utf8proc_int32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
    const int width = symbol_width_without_lookup(code_point);
    if (width != kAskUtf8proc && width != utf8proc_charwidth(code_point) && ++differences <= 3) {
      FAIL_CHECK("U+" << std::hex << code_point << ": " << width << " columns, not " << utf8proc_charwidth(code_point));
    }
  }
  CHECK(differences == 0);
  // What src/render/ draws outside the letters of a plan (the rest is below U+0300, measured without a table).
  std::vector<utf8proc_int32_t> unanswered;
  for (const auto symbol : code_points("–—‣…•“”‘’→─│┬┼╌█░▓▼◆○✔✖")) {
    if (symbol_width_without_lookup(symbol) == kAskUtf8proc) unanswered.push_back(symbol);
  }
  CHECK(unanswered == std::vector<utf8proc_int32_t>{});
  CHECK(display_width("─── … ✔") == 7);
}

TEST_CASE("each spelling of the table composes to utf8proc's NFC of it, one letter, in sorted order", "[text]") {
  const auto letters = decomposed_letters();
  REQUIRE(letters.size() > 400);
  int differences = 0;
  for (const DecomposedLetter& letter : letters) {
    const std::string nfc = nfc_by_utf8proc(letter.nfd());
    if ((letter.nfc() != nfc || code_points(nfc).size() != 1) && ++differences <= 3) {
      FAIL_CHECK("\"" << letter.nfd() << "\" composes to \"" << nfc << "\", not \"" << letter.nfc() << "\"");
    }
  }
  CHECK(differences == 0);
  // composed_letter searches by halves: each key must come after the one before.
  int out_of_order = 0;
  for (std::size_t i = 1; i < letters.size(); ++i) {
    if (!(letters[i - 1].nfd() < letters[i].nfd())) ++out_of_order;
  }
  CHECK(out_of_order == 0);
}

TEST_CASE("the table holds the NFD of every letter of Latin-1 to Latin Extended-B and Latin Extended Additional",
          "[text]") {
  std::vector<utf8proc_int32_t> missing;
  int decomposing = 0;
  for (const auto& [first, last] : {std::pair{0xC0, 0x24F}, std::pair{0x1E00, 0x1EFF}}) {
    for (utf8proc_int32_t code_point = first; code_point <= last; ++code_point) {
      const std::string letter = encode(code_point);
      const std::string nfd = nfd_by_utf8proc(letter);
      if (nfd == letter) continue;
      ++decomposing;
      if (composed_letter(nfd) != nfc_by_utf8proc(nfd)) missing.push_back(code_point);
    }
  }
  CHECK(missing == std::vector<utf8proc_int32_t>{});
  CHECK(decomposing > 400);
  // And the half-composed spellings Vietnamese is typed in: a letter with one mark, then the other.
  CHECK(composed_letter("ê\u0309") == "ể");
  CHECK(composed_letter("ơ\u0300") == "ờ");
  CHECK(composed_letter("ư\u0303") == "ữ");
  CHECK(composed_letter("ạ\u0306") == "ặ");
  CHECK(composed_letter("ẹ\u0302") == "ệ");
  CHECK(composed_letter("ê\u0323") == "ệ");  // the dot below goes first: NFC reorders, and composes
  // Only the whole text is looked up: a letter and more, or marks in another order, are utf8proc's to answer.
  CHECK(composed_letter("u\u031B\u0300") == "ừ");
  CHECK(composed_letter("e\u0323\u0302") == "ệ");
  CHECK(composed_letter("ku\u031B").empty());
  CHECK(composed_letter("u\u031B\u0300n").empty());
  CHECK(composed_letter("e\u0302\u0323").empty());  // ệ with its marks out of canonical order
  CHECK(composed_letter("ẻ\u0302").empty());        // stays two: the circumflex cannot reach past the hook
  CHECK(composed_letter("eê\u0301").empty());
  CHECK(composed_letter("").empty());
}

TEST_CASE("NFD Vietnamese sentences normalise to utf8proc's NFC, through the table or not", "[text]") {
  for (const std::string sentence :
       {"Đường", "người", "Thường xuyên", "Trước ngày 30/4/2020", "Ủy ban nhân dân", "ệ", "ữ",
        "Kế hoạch cải cách hành chính", "ĐƯỜNG NGƯỜI ỦY BAN", "Sở Tư pháp, Hà Tĩnh: Nhiệm vụ ưu tiên số 1"}) {
    const std::string nfd = nfd_by_utf8proc(sentence);
    REQUIRE(nfd != sentence);
    CHECK(to_nfc(nfd) == nfc_by_utf8proc(nfd));
    CHECK(to_nfc(nfd) == sentence);
  }
  // Half-composed spellings, through the table; marks out of canonical order and spellings that stay two
  // letters, through utf8proc.
  for (const std::string text : {"Tổng thê\u0309", "Kê\u0301 hoa\u0323ch", "nhiê\u0323m vu\u0323", "ngươ\u0300i",
                                 "nhie\u0302\u0323m vu\u0323", "Ơ\u0300 u\u0300\u031B", "ẻ\u0302 kẻ\u0302"}) {
    CHECK(to_nfc(text) == nfc_by_utf8proc(text));
  }
  CHECK(to_nfc("Tổng thê\u0309") == "Tổng thể");
}

TEST_CASE("an ASCII character before a spelling of the table leaves its NFC to the table's", "[text]") {
  // to_nfc's stretches start with the ASCII character before the marks: "thê" + U+0309 gives the stretch "hê" +
  // U+0309, which the table answers as "h" and its answer for the rest. Every such pair, against utf8proc.
  int differences = 0;
  int spellings = 0;
  for (const DecomposedLetter& letter : decomposed_letters()) {
    if (static_cast<unsigned char>(letter.nfd()[0]) < 0x80) continue;  // a letter of its own: looked up whole
    ++spellings;
    for (int ascii = 0; ascii < 0x80; ++ascii) {
      const std::string text = std::string(1, static_cast<char>(ascii)) + std::string(letter.nfd());
      if (to_nfc(text) != nfc_by_utf8proc(text) && ++differences <= 3) {
        FAIL_CHECK("\"" << text << "\" normalises to \"" << to_nfc(text) << "\"");
      }
    }
  }
  CHECK(differences == 0);
  CHECK(spellings > 100);
}
