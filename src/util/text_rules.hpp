#pragma once

// utf8proc's answers for the characters of Vietnamese text, given without utf8proc's data tables.
//
// Why: peak memory counts when cchc runs for 10 000 tasks, and the binary is static. utf8proc's tables (the
// properties, 198 KB, the two stages that index them, the decomposition sequences, the compositions) are pages
// of the binary's file, which the kernel maps 64 KiB at a time around each first touch: one lookup makes a
// 64 KiB window resident. An ordinary `cchc overdue` on a Vietnamese plan touched three such windows (192 KiB)
// for a space test, a lower case, the width of a box-drawing line and the NFC of decomposed letters.
//
// Each rule answers exactly as utf8proc does wherever it gives an answer (tests/unit/util/test_text.cpp compares
// every code point with the utf8proc that cchc links), and leaves every other character to utf8proc.

#include <cstdint>
#include <span>
#include <string_view>

namespace cchc::util {

/// What a rule below returns for a character it has no answer for: ask utf8proc.
inline constexpr std::int32_t kAskUtf8proc = -1;

/// Whether `code_point` is a space separator (Unicode general category Zs): the space, the no-break space, the
/// Ogham space mark, the typographic spaces U+2000..U+200A, the narrow no-break space, the medium mathematical
/// space and the ideographic space. The list has not changed since Unicode 6.3, which moved U+180E out of it.
constexpr bool is_space_separator(std::int32_t code_point) {
  return code_point == 0x20 || code_point == 0xA0 || code_point == 0x1680 ||
         (code_point >= 0x2000 && code_point <= 0x200A) || code_point == 0x202F || code_point == 0x205F ||
         code_point == 0x3000;
}

/// utf8proc_tolower(code_point) for ASCII, Latin-1, Latin Extended-A, Ơ and Ư, and Latin Extended Additional (the
/// precomposed Vietnamese letters), where capital and small letter follow each other; kAskUtf8proc elsewhere.
constexpr std::int32_t lower_case_without_lookup(std::int32_t code_point) {
  const bool even = code_point % 2 == 0;
  if (code_point < 0x80) return code_point >= 'A' && code_point <= 'Z' ? code_point + ('a' - 'A') : code_point;
  if (code_point <= 0xFF) {
    // Latin-1: the capitals are U+00C0..U+00DE (not the multiplication sign), 0x20 before their small letters.
    return code_point >= 0xC0 && code_point <= 0xDE && code_point != 0xD7 ? code_point + 0x20 : code_point;
  }
  if (code_point <= 0x17F) {
    // Latin Extended-A: pairs, the capital first, from an even code point except in U+0139..U+0148 and
    // U+0179..U+017E; ĸ, ŉ and ſ have no capital here, Ÿ's small letter is ÿ, and İ's is "i" + a dot above.
    if (code_point == 0x130) return kAskUtf8proc;
    if (code_point == 0x138 || code_point == 0x149 || code_point == 0x17F) return code_point;
    if (code_point == 0x178) return 0xFF;
    const bool capital_is_odd = (code_point >= 0x139 && code_point <= 0x148) || (code_point >= 0x179);
    return even != capital_is_odd ? code_point + 1 : code_point;
  }
  if (code_point == 0x1A0 || code_point == 0x1AF) return code_point + 1;  // Ơ, Ư
  if (code_point == 0x1A1 || code_point == 0x1B0) return code_point;      // ơ, ư
  if (code_point >= 0x1E00 && code_point <= 0x1EFF) {
    // Latin Extended Additional: pairs from even code points, but for U+1E96..U+1E9F, small letters without a
    // capital here and the capital sharp s, whose small letter is ß.
    if (code_point == 0x1E9E) return 0xDF;
    if (code_point >= 0x1E96 && code_point <= 0x1E9F) return code_point;
    return even ? code_point + 1 : code_point;
  }
  return kAskUtf8proc;
}

/// utf8proc_charwidth(code_point) for the punctuation and drawing characters cchc's renderers print: the dashes,
/// quotes, bullets and ellipsis of U+2010..U+2027, the arrows, box drawing, block elements and geometric shapes
/// (but the two emoji squares U+25FD and U+25FE, which are wide), and the dingbats U+270C..U+2727 (✔, ✖);
/// kAskUtf8proc elsewhere.
constexpr int symbol_width_without_lookup(std::int32_t code_point) {
  if (code_point >= 0x2010 && code_point <= 0x2027) return 1;
  if (code_point >= 0x2190 && code_point <= 0x21FF) return 1;
  if (code_point >= 0x2500 && code_point <= 0x25FC) return 1;
  if (code_point >= 0x270C && code_point <= 0x2727) return 1;
  return kAskUtf8proc;
}

/// A Latin letter that Unicode decomposes, as a decomposed (NFD) text spells it ("o" + U+031B + U+0300) or, for a
/// letter of two marks, half composed ("ơ" + U+0300), and utf8proc's NFC of that spelling ("ờ"): a row of
/// tools/generate-decomposed-letters' table. The two are NUL-padded byte arrays rather than views: 10 bytes a
/// row, a tenth of a 64 KiB window for the whole table.
struct DecomposedLetter {
  char decomposed[6];
  char composed[4];

  std::string_view nfd() const;
  std::string_view nfc() const;
};

/// The table: the NFD of every letter of U+00C0..U+024F and U+1E00..U+1EFF whose NFD is not itself, and the
/// half-composed spellings that utf8proc composes into one letter, sorted by their bytes.
std::span<const DecomposedLetter> decomposed_letters();

/// utf8proc's NFC of `text` when the whole of it is a spelling of the table ("o" + U+031B + U+0300 gives "ờ"); an
/// empty view otherwise, even when the text starts with such a spelling.
std::string_view composed_letter(std::string_view text);

}  // namespace cchc::util
