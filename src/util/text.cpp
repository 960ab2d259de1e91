#include "util/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "util/text_rules.hpp"

namespace cchc::util {

namespace {

/// One decoded code point and the bytes it took; invalid bytes decode as
/// U+FFFD of length 1 so that callers always make progress.
struct Decoded {
  utf8proc_int32_t code_point;
  std::size_t length;
};

Decoded decode_at(std::string_view text, std::size_t offset) {
  // Most bytes of a plan, even a Vietnamese one, are ASCII: a table of 10 000 rows decodes millions of them.
  const auto first = static_cast<unsigned char>(text[offset]);
  if (first < 0x80) return {first, 1};
  utf8proc_int32_t code_point = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset);
  const auto length = utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
  if (length <= 0) return {0xFFFD, 1};
  return {code_point, static_cast<std::size_t>(length)};
}

int code_point_width(utf8proc_int32_t code_point) {
  if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) return 0;
  if (code_point < 0x7F) return 1;  // printable ASCII, as utf8proc_charwidth says, without its table lookup
  // The rest of a Vietnamese text, also as utf8proc_charwidth says (a test compares every code point): Latin-1,
  // Latin Extended-A and -B, IPA and spacing modifiers, and the precomposed letters of Latin Extended Additional
  // take a column; the combining marks of a decomposed (NFD) letter none.
  if (code_point < 0x300 || (code_point >= 0x1E00 && code_point <= 0x1EFF)) return 1;
  if (code_point < 0x370) return 0;
  // The dashes, ellipsis and box-drawing lines the renderers draw around every table, without the property table
  // that utf8proc_charwidth would make resident for them (util/text_rules.hpp).
  if (const int width = symbol_width_without_lookup(code_point); width != kAskUtf8proc) return width;
  return utf8proc_charwidth(code_point);
}

std::string map_utf8(std::string_view text, int options) {
  if (text.empty() || !is_valid_utf8(text)) return std::string(text);
  utf8proc_uint8_t* mapped = nullptr;
  const auto length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &mapped, static_cast<utf8proc_option_t>(options));
  if (length < 0) return std::string(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  return {reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length)};
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// The length of the precomposed letter of Vietnamese (U+00C0..U+02FF, two bytes led by 0xC3..0xCB, or
/// U+1E00..U+1EFF, three led by 0xE1 0xB8..0xBB) at `offset`, or 0. Such a letter is one column wide and never a
/// space: most of any text after its ASCII, it is measured and copied without decoding.
inline std::size_t precomposed_letter_at(std::string_view text, std::size_t offset) {
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  const auto continues = [&](std::size_t i) { return (byte(i) & 0xC0u) == 0x80u; };
  const unsigned lead = byte(offset);
  if (lead >= 0xC3 && lead <= 0xCB && continues(offset + 1)) return 2;
  if (lead == 0xE1 && byte(offset + 1) >= 0xB8 && byte(offset + 1) <= 0xBB && continues(offset + 2)) return 3;
  return 0;
}

/// Appends `word` to `lines`, breaking it by code points when it is wider than `width`.
void append_word(std::vector<std::string>& lines, std::string& current, int& current_width, std::string_view word,
                 int width) {
  const int word_width = display_width(word);
  const int needed = current.empty() ? word_width : current_width + 1 + word_width;
  if (needed <= width) {
    if (!current.empty()) current += ' ';
    current += word;
    current_width = needed;
    return;
  }
  if (!current.empty()) {
    lines.push_back(current);
    current.clear();
    current_width = 0;
  }
  if (word_width <= width) {
    current = std::string(word);
    current_width = word_width;
    return;
  }
  // A word wider than the column: cut it, never before a zero-width mark.
  std::size_t offset = 0;
  while (offset < word.size()) {
    const Decoded decoded = decode_at(word, offset);
    const int w = code_point_width(decoded.code_point);
    if (current_width + w > width && !current.empty() && w > 0) {
      lines.push_back(current);
      current.clear();
      current_width = 0;
    }
    current.append(word.substr(offset, decoded.length));
    current_width += w;
    offset += decoded.length;
  }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    if (static_cast<unsigned char>(text[offset]) < 0x80) {  // most of any text: no call for it
      ++offset;
      continue;
    }
    utf8proc_int32_t code_point = 0;
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset);
    const auto length = utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
    if (length <= 0) return false;
    offset += static_cast<std::size_t>(length);
  }
  return true;
}

bool is_nfc_without_lookup(std::string_view text) {
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  const auto continuation = [&](std::size_t i) { return (byte(i) & 0xC0u) == 0x80u; };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned lead = byte(i);
    if (lead < 0x80) {
      ++i;
    } else if (lead >= 0xC2 && lead <= 0xCB && continuation(i + 1)) {
      i += 2;  // U+0080..U+02FF
    } else if ((lead == 0xE1 && byte(i + 1) >= 0xB8 && byte(i + 1) <= 0xBB && continuation(i + 2)) ||
               (lead == 0xE2 && byte(i + 1) == 0x80 && byte(i + 2) >= 0x90 && byte(i + 2) <= 0xA7)) {
      i += 3;  // U+1E00..U+1EFF, U+2010..U+2027
    } else {
      return false;
    }
  }
  return true;
}

namespace {

constexpr auto kNfc = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

/// NFC of a short stretch of valid UTF-8, in a buffer on the stack when it fits: utf8proc_map measures, allocates
/// and decomposes twice, some 20 000 instructions for one title.
std::string stretch_to_nfc(std::string_view stretch) {
  constexpr utf8proc_ssize_t kRoom = 64;  // code points; reencode writes its UTF-8 over them (4 bytes each)
  std::array<utf8proc_int32_t, kRoom> buffer{};
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(stretch.data());
  const auto length =
      utf8proc_decompose(bytes, static_cast<utf8proc_ssize_t>(stretch.size()), buffer.data(), kRoom, kNfc);
  if (length < 0 || length > kRoom) return map_utf8(stretch, kNfc);
  const auto written = utf8proc_reencode(buffer.data(), length, kNfc);
  if (written < 0) return map_utf8(stretch, kNfc);
  return {reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(written)};
}

/// stretch_to_nfc, read from the table of decomposed letters when the stretch spells one letter (with an ASCII
/// letter before it, perhaps), else remembered per thread: a decomposed (NFD) Vietnamese text is made of a few dozen
/// distinct stretches ("a" + U+0301, "o" + U+031B + U+0300 ...), each met again and again, and utf8proc takes a
/// thousand instructions or more on each (a third of the titles of bench/generate.py's plans are NFD: their NFC was a
/// tenth of reading such a plan). The table's answers are utf8proc's and the remembered ones the function's own, so
/// neither changes a result. The view is good until the next call.
std::string_view stretch_to_nfc_remembered(std::string_view stretch) {
  // The usual stretch of an NFD Vietnamese text is one letter with its marks; the table holds utf8proc's own NFC
  // of each such letter, and asking it leaves utf8proc's decomposition tables untouched (util/text_rules.hpp).
  if (const std::string_view composed = composed_letter(stretch); !composed.empty()) return composed;
  thread_local std::string latest;
  // A letter typed half composed ("ê" + U+0309 for "ể") comes with the ASCII letter before it: "thê" + U+0309 is
  // the stretch "hê" + U+0309. The ASCII letter composes with nothing that starts with a precomposed letter (only
  // combining marks and a few vowel signs of other scripts compose with what precedes them), so the NFC of such a
  // stretch is that letter and the table's answer for the rest.
  if (stretch.size() > 1 && is_ascii(stretch[0]) && precomposed_letter_at(stretch, 1) > 0) {
    if (const std::string_view composed = composed_letter(stretch.substr(1)); !composed.empty()) {
      return latest.assign(1, stretch[0]).append(composed);
    }
  }
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  // Short stretches only, and so many: a text of ever new or very long stretches (a hostile one, or a title in
  // another script) costs at most 4 096 x 64 bytes and their results here, and is normalized as it was before.
  constexpr std::size_t kMostRemembered = 4096;
  constexpr std::size_t kLongestRemembered = 64;
  thread_local std::unordered_map<std::string, std::string, Hash, std::equal_to<>> remembered;
  if (stretch.size() > kLongestRemembered) return latest = stretch_to_nfc(stretch);
  if (const auto found = remembered.find(stretch); found != remembered.end()) return found->second;
  latest = stretch_to_nfc(stretch);
  if (remembered.size() >= kMostRemembered) return latest;
  return remembered.emplace(std::string(stretch), latest).first->second;
}

}  // namespace

std::string to_nfc(std::string_view text) {
  // Most texts of a plan are ASCII or precomposed Vietnamese, already NFC: they skip utf8proc's decomposition,
  // which was a tenth of the time spent reading a large plan.
  if (is_nfc_without_lookup(text)) return std::string(text);
  if (!is_valid_utf8(text)) return std::string(text);  // as utf8proc_map leaves it
  // NFC changes nothing across an ASCII character: nothing combines with one from behind, and it has no
  // combining class to reorder. So only the stretches of non-ASCII text (with the ASCII letter before each,
  // which may take their marks: "e" + U+0323 + U+0302 is "ệ") go through utf8proc, a few code points each.
  std::string normalized;
  normalized.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (is_ascii(text[at])) {
      ++at;
      continue;
    }
    const std::size_t start = at > copied ? at - 1 : at;  // text[at - 1] is ASCII (or was copied already)
    std::size_t end = at;
    while (end < text.size() && !is_ascii(text[end])) ++end;
    const std::string_view stretch = text.substr(start, end - start);
    normalized.append(text.substr(copied, start - copied));
    if (is_nfc_without_lookup(stretch)) {
      normalized.append(stretch);
    } else {
      normalized.append(stretch_to_nfc_remembered(stretch));
    }
    copied = end;
    at = end;
  }
  normalized.append(text.substr(copied));
  return normalized;
}

namespace {

/// Whether folding `code_point` is just utf8proc's lower case of it, one code point for one, and neither it nor
/// its lower case combines with a neighbour under NFC: ASCII, Latin-1, Latin Extended-A and -B and the
/// precomposed Vietnamese letters U+1EA0..U+1EFF, except the few that fold to something else (µ to Greek mu,
/// ß to "ss", İ to i with a combining dot, ŉ, ſ, ǰ).
bool folds_to_lower_case(utf8proc_int32_t code_point) {
  if (code_point < 0x80) return true;
  if (code_point >= 0xA0 && code_point <= 0x24F) {
    return code_point != 0xB5 && code_point != 0xDF && code_point != 0x130 && code_point != 0x149 &&
           code_point != 0x17F && code_point != 0x1F0;
  }
  return code_point >= 0x1EA0 && code_point <= 0x1EFF;
}

}  // namespace

std::string fold_case(std::string_view text) {
  // The deadline reader folds every word it compares; utf8proc's full mapping allocates twice per call and was
  // the largest cost of reading the deadlines of a large plan. Vietnamese text needs only lower case.
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t offset = 0; offset < text.size();) {
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte < 0x80) {
      folded += static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
      ++offset;
      continue;
    }
    utf8proc_int32_t code_point = 0;
    const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset),
                                         static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
    if (length <= 0 || !folds_to_lower_case(code_point)) {
      return map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    }
    // The lower case of a Vietnamese letter by rule: utf8proc_tolower would make its property table resident.
    const std::int32_t by_rule = lower_case_without_lookup(code_point);
    utf8proc_uint8_t encoded[4];
    const auto written =
        utf8proc_encode_char(by_rule != kAskUtf8proc ? by_rule : utf8proc_tolower(code_point), encoded);
    folded.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(written));
    offset += static_cast<std::size_t>(length);
  }
  return folded;
}

std::string fold_case_by_lookup(std::string_view text) {
  return map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string strip_diacritics(std::string_view text) {
  std::string stripped = map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
  for (const auto& [from, to] : {std::pair<std::string_view, char>{"\u0111", 'd'}, {"\u0110", 'D'}}) {
    for (auto at = stripped.find(from); at != std::string::npos; at = stripped.find(from, at + 1)) {
      stripped.replace(at, from.size(), 1, to);
    }
  }
  return stripped;
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t offset = 0; offset < text.size();) {
    // What nearly every cell holds, measured without decoding: printable ASCII and the precomposed letters of
    // Vietnamese, a column each, as code_point_width says.
    const auto lead = static_cast<unsigned char>(text[offset]);
    const std::size_t letter = lead >= 0x20 && lead < 0x7F ? 1 : precomposed_letter_at(text, offset);
    if (letter > 0) {
      ++width;
      offset += letter;
      continue;
    }
    const Decoded decoded = decode_at(text, offset);
    width += code_point_width(decoded.code_point);
    offset += decoded.length;
  }
  return width;
}

std::string truncate_to_width(std::string_view text, int width) {
  if (display_width(text) <= width) return std::string(text);
  if (width <= 0) return {};
  const int budget = width - 1;  // room for the ellipsis
  std::string result;
  int used = 0;
  for (std::size_t offset = 0; offset < text.size();) {
    const Decoded decoded = decode_at(text, offset);
    const int w = code_point_width(decoded.code_point);
    if (used + w > budget) break;
    result.append(text.substr(offset, decoded.length));
    used += w;
    offset += decoded.length;
  }
  return result + "…";
}

std::vector<std::string> wrap_to_width(std::string_view text, int width) {
  if (width < 1) width = 1;
  std::vector<std::string> lines;
  std::string current;
  int current_width = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    while (offset < text.size() && is_space_byte(text[offset])) ++offset;
    const std::size_t start = offset;
    while (offset < text.size() && !is_space_byte(text[offset])) ++offset;
    if (offset > start) append_word(lines, current, current_width, text.substr(start, offset - start), width);
  }
  if (!current.empty() || lines.empty()) lines.push_back(current);
  return lines;
}

bool wrap_in_place(std::string_view text, int width, std::vector<WrappedLine>& lines) {
  // Words one space apart: a line is then the part of the text from its first word to its last, spaces included,
  // exactly as wrap_to_width joins them. Anything else (two spaces, a tab, a line break) would be joined
  // differently there.
  if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_space_byte(text[i]) && (text[i] != ' ' || text[i + 1] == ' ')) return false;
  }
  if (width < 1) width = 1;
  const std::size_t first_line = lines.size();
  // The line being filled: text[begin, end), `used` columns wide; empty when begin == end.
  std::size_t begin = 0, end = 0;
  int used = 0;
  const auto finish_line = [&] {
    lines.push_back({text.substr(begin, end - begin), used});
    begin = end;
    used = 0;
  };
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t space = text.find(' ', start);
    const std::size_t stop = space == std::string_view::npos ? text.size() : space;
    const std::string_view word = text.substr(start, stop - start);
    const int word_width = display_width(word);
    if (begin != end && used + 1 + word_width <= width) {
      end = stop;
      used += 1 + word_width;
    } else {
      if (begin != end) finish_line();
      begin = end = start;
      if (word_width <= width) {
        end = stop;
        used = word_width;
      } else {
        // A word wider than the column: cut it by code points, never before a zero-width mark.
        for (std::size_t offset = start; offset < stop;) {
          const Decoded decoded = decode_at(text.substr(0, stop), offset);
          const int w = code_point_width(decoded.code_point);
          if (used + w > width && begin != end && w > 0) finish_line();
          end = offset + decoded.length;
          used += w;
          offset = end;
        }
      }
    }
    start = stop + 1;
  }
  if (begin != end || lines.size() == first_line) finish_line();
  return true;
}

std::string pad_to_width(std::string_view text, int width) {
  std::string padded(text);
  const int missing = width - display_width(text);
  if (missing > 0) padded.append(static_cast<std::size_t>(missing), ' ');
  return padded;
}

bool is_whitespace_only(std::string_view text) {
  // Nearly every text asked about starts with a visible ASCII character: it answers at once.
  if (!text.empty() && static_cast<unsigned char>(text[0]) < 0x80 && !is_space_byte(text[0])) return false;
  for (std::size_t offset = 0; offset < text.size();) {
    const Decoded decoded = decode_at(text, offset);
    // The other spaces (Zs) by rule, as in collapse_whitespace.
    if (!is_space_byte(text[offset]) && !is_space_separator(decoded.code_point)) return false;
    offset += decoded.length;
  }
  return true;
}

bool is_clean_line(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  bool after_space = false;
  for (std::size_t offset = 0; offset < text.size();) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    if (lead == ' ') {
      if (after_space) return false;
      after_space = true;
      ++offset;
      continue;
    }
    after_space = false;
    const std::size_t letter = lead > 0x20 && lead < 0x7F ? 1 : precomposed_letter_at(text, offset);
    if (letter == 0) return false;
    offset += letter;
  }
  return true;
}

std::string collapse_whitespace(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  for (std::size_t offset = 0; offset < text.size();) {
    // A run of ASCII that is not a space and of precomposed Vietnamese letters, most of any text, is copied in one
    // piece without decoding.
    std::size_t end = offset;
    while (end < text.size()) {
      const auto byte = static_cast<unsigned char>(text[end]);
      const std::size_t letter = byte < 0x80 ? (is_space_byte(text[end]) ? 0 : 1) : precomposed_letter_at(text, end);
      if (letter == 0) break;
      end += letter;
    }
    if (end > offset) {
      if (pending_space) result += ' ';
      pending_space = false;
      result.append(text.substr(offset, end - offset));
      offset = end;
      continue;
    }
    const Decoded decoded = decode_at(text, offset);
    // The other spaces (Zs) by rule: utf8proc_category would make its property table resident for them.
    const bool space = is_space_byte(text[offset]) || is_space_separator(decoded.code_point);
    if (space) {
      pending_space = !result.empty();
    } else {
      if (pending_space) result += ' ';
      pending_space = false;
      result.append(text.substr(offset, decoded.length));
    }
    offset += decoded.length;
  }
  return result;
}

int column_of_byte(std::string_view line, std::size_t byte_count) {
  int column = 1;
  for (std::size_t offset = 0; offset < byte_count && offset < line.size();) {
    offset += decode_at(line, offset).length;
    ++column;
  }
  return column;
}

std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t offset = 0;
  for (int current = 1; current < column && offset < line.size(); ++current) {
    offset += decode_at(line, offset).length;
  }
  return offset;
}

}  // namespace cchc::util
