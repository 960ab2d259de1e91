#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cchc::util {

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

/// Unicode NFC of `text`. Plans mix NFC and NFD spellings of the same words;
/// everything is compared and measured after this. Invalid UTF-8 is returned unchanged.
std::string to_nfc(std::string_view text);

/// True when `text` is certainly NFC because every code point is one that NFC keeps and that never combines
/// with its neighbours: U+0000..U+02FF (ASCII and the Latin letters before the combining marks), U+1E00..U+1EFF
/// (the precomposed Vietnamese letters: ệ, ữ, ỏ …) and the dashes and quotes U+2010..U+2027. False means "look
/// it up" (a combining mark, another script, or bytes that are not UTF-8), not "not NFC".
bool is_nfc_without_lookup(std::string_view text);

/// NFC, case-folded: the key under which two spellings of a name are "the same".
std::string fold_case(std::string_view text);

/// The same as fold_case, always through utf8proc's full case folding: what fold_case's shortcut is tested against.
std::string fold_case_by_lookup(std::string_view text);

/// The text without diacritics, for making ASCII ids from names: "Sở Tư pháp" → "So Tu phap",
/// "Đà Nẵng" → "Da Nang" (đ/Đ, which do not decompose, become d/D).
std::string strip_diacritics(std::string_view text);

/// Columns a terminal uses to show `text` (combining marks 0, CJK wide 2).
int display_width(std::string_view text);

/// Cuts `text` to at most `width` columns, ending in "…" when something was cut.
std::string truncate_to_width(std::string_view text, int width);

/// Splits `text` into lines of at most `width` columns, at spaces where possible.
/// Always returns at least one line.
std::vector<std::string> wrap_to_width(std::string_view text, int width);

/// One line of a text wrapped in place: a part of the text and the columns it takes.
struct WrappedLine {
  std::string_view text;
  int width = 0;
};

/// The lines wrap_to_width would make of `text`, appended to `lines` as parts of `text` (no copies), when every
/// word of `text` is one space from the next and no space starts or ends it; any other text returns false and
/// appends nothing, and the caller wraps it with wrap_to_width, which joins its words with single spaces.
bool wrap_in_place(std::string_view text, int width, std::vector<WrappedLine>& lines);

/// `text` followed by spaces up to `width` columns.
std::string pad_to_width(std::string_view text, int width);

/// Replaces runs of whitespace (including newlines and tabs) by one space and trims the ends.
std::string collapse_whitespace(std::string_view text);

/// True when `text` is already a single clean line: printable ASCII and precomposed Vietnamese letters only (no
/// control, combining mark or other space), words one space apart, no space at either end. collapse_whitespace
/// leaves such a text as it is, and nothing in it needs replacing before it is shown.
bool is_clean_line(std::string_view text);

/// True when collapse_whitespace(text) would be empty: nothing but spaces, tabs, line breaks and other spaces.
bool is_whitespace_only(std::string_view text);

/// Number of code points in the first `byte_count` bytes of `line`, plus one:
/// the 1-based column of the byte at that offset.
int column_of_byte(std::string_view line, std::size_t byte_count);

/// Byte offset of the 1-based code point column `column` in `line` (clamped to the end).
std::size_t byte_of_column(std::string_view line, int column);

}  // namespace cchc::util
