#include "load/text_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace cchc::load {

namespace {

// Eight bytes at a time: a whole word is stepped over when none of its bytes can matter to the scan. The tests
// below are exact for "is there any such byte" (the well-known tricks only err in which byte they mark).
constexpr std::uint64_t kEveryByte = 0x0101010101010101u;
constexpr std::uint64_t kHighBits = 0x8080808080808080u;
constexpr std::size_t kWord = sizeof(std::uint64_t);

std::uint64_t word_at(std::string_view text, std::size_t offset) {
  std::uint64_t word = 0;
  std::memcpy(&word, text.data() + offset, kWord);
  return word;
}

/// The top bit of each byte of `word` below `bound` (at most 0x80) is set: a byte below the bound borrows into its
/// top bit, and only a byte below 0x80 has that bit clear to begin with. A borrow can also mark a more significant
/// byte than one truly below the bound, never a less significant one: on a little-endian machine the first byte
/// marked in the text's order is one below the bound; on a big-endian one it may come before it, never after.
std::uint64_t bytes_below(std::uint64_t word, unsigned bound) {
  return (word - kEveryByte * bound) & ~word & kHighBits;
}

std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) { return bytes_below(word ^ (kEveryByte * byte), 1); }

/// Marks the bytes a control character can start with: those below 0x20, DEL, and 0xC2 (which starts
/// U+0080..U+00BF, the C1 controls among them); zero when there is none.
std::uint64_t control_bytes(std::uint64_t word) {
  return bytes_below(word, 0x20) | bytes_equal(word, 0x7F) | bytes_equal(word, 0xC2);
}

/// How many bytes of `ones` are 1 (each is 0 or 1): the multiplication adds them all up into the top byte.
/// (std::popcount is a call into libgcc on the baseline x86-64 this is built for.)
std::size_t sum_of_bytes(std::uint64_t ones) { return static_cast<std::size_t>((ones * kEveryByte) >> 56); }

/// The index in the text's order of the first byte `marks` marks (not zero): no byte before it is marked truly.
std::size_t first_marked(std::uint64_t marks) {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::size_t>(std::countr_zero(marks)) / 8;
  } else {
    return static_cast<std::size_t>(std::countl_zero(marks)) / 8;
  }
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0u) == 0x80u; }

/// Whether `code_point` is a space other than the ASCII space that editors show as blank: YAML does not count
/// them as indentation, so a line indented with them silently belongs elsewhere.
bool is_unicode_space(unsigned code_point) {
  return code_point == 0xA0 || code_point == 0x1680 || (code_point >= 0x2000 && code_point <= 0x200B) ||
         code_point == 0x202F || code_point == 0x205F || code_point == 0x3000 || code_point == 0xFEFF;
}

/// How many times `c` occurs in `text`, counting no further than `enough`.
std::size_t count_up_to(std::string_view text, char c, std::size_t enough) {
  std::size_t found = 0;
  if (text.empty()) return found;  // memchr takes no null pointer, even for no bytes
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  while (found < enough) {
    at = static_cast<const char*>(std::memchr(at, c, static_cast<std::size_t>(end - at)));
    if (at == nullptr) break;
    ++found;
    ++at;
  }
  return found;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto byte_at = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  for (std::size_t i = 0; i < text.size();) {
    if (i + kWord <= text.size()) {
      // ASCII is well-formed: step to the first byte with its top bit set.
      const std::uint64_t high = word_at(text, i) & kHighBits;
      if (high == 0) {
        i += kWord;
        continue;
      }
      i += first_marked(high);
    }
    const unsigned lead = byte_at(i);
    // The letters of Vietnamese: two bytes (U+0080..U+07FF) or three led by 0xE1 (U+1000..U+1FFF), whose second
    // byte has the full range: checked without the general case's bounds.
    if (lead >= 0xC2 && lead <= 0xDF && is_continuation(static_cast<unsigned char>(byte_at(i + 1)))) {
      i += 2;
      continue;
    }
    if (lead == 0xE1 && is_continuation(static_cast<unsigned char>(byte_at(i + 1))) &&
        is_continuation(static_cast<unsigned char>(byte_at(i + 2)))) {
      i += 3;
      continue;
    }
    std::size_t length = 0;
    unsigned low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // no overlongs
      if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned byte = byte_at(i + k);
      const unsigned min = k == 1 ? low : 0x80, max = k == 1 ? high : 0xBF;
      if (byte < min || byte > max) return i;
    }
    i += length;
  }
  return std::nullopt;
}

std::size_t closing_quote(std::string_view text, std::size_t open) {
  const char quote = text[open];
  for (std::size_t from = open + 1;;) {
    const std::size_t at = text.find(quote, from);
    if (at == std::string_view::npos) return at;
    if (quote == '"') {
      std::size_t backslashes = 0;
      while (at - backslashes > open + 1 && text[at - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return at;
      from = at + 1;
    } else {
      if (at + 1 >= text.size() || text[at + 1] != '\'') return at;
      from = at + 2;  // '' is a quote inside single quotes
    }
  }
}

std::size_t count_code_points(std::string_view text) {
  std::size_t continuations = 0;
  std::size_t i = 0;
  for (; i + kWord <= text.size(); i += kWord) {
    // Bit 0 of each byte becomes its top bit and not the next: set where the byte is 10xxxxxx.
    const std::uint64_t word = word_at(text, i);
    continuations += sum_of_bytes((word >> 7) & ~(word >> 6) & kEveryByte);
  }
  for (; i < text.size(); ++i) continuations += is_continuation(static_cast<unsigned char>(text[i])) ? 1 : 0;
  return text.size() - continuations;
}

std::size_t count_line_feeds(std::string_view text) {
  constexpr std::uint64_t kLowBits = ~kHighBits;
  std::size_t count = 0;
  std::size_t i = 0;
  for (; i + kWord <= text.size(); i += kWord) {
    // A byte of `other` is zero where the text has a line feed; adding 0x7F to its low bits carries into the top
    // bit of every byte that is not zero, without reaching the next byte, so only zero bytes keep it clear.
    const std::uint64_t other = word_at(text, i) ^ (kEveryByte * '\n');
    const std::uint64_t feeds = ~(((other & kLowBits) + kLowBits) | other | kLowBits);
    count += sum_of_bytes(feeds >> 7);
  }
  for (; i < text.size(); ++i) count += text[i] == '\n' ? 1 : 0;
  return count;
}

std::string control_name(unsigned code_point) {
  static constexpr const char* kNames[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS",  "TAB", "LF",
                                           "VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
                                           "SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  if (code_point < 0x20) return fmt::format("U+{:04X} ({})", code_point, kNames[code_point]);
  if (code_point == 0x7F) return "U+007F (DEL)";
  return fmt::format("U+{:04X}", code_point);
}

bool is_forbidden_control(unsigned code_point) {
  return (code_point < 0x20 && code_point != '\t' && code_point != '\n') || (code_point >= 0x7F && code_point <= 0x9F);
}

std::pair<unsigned, std::size_t> decode_at(std::string_view text, std::size_t offset) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[offset + i]); };
  const unsigned lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  if (lead < 0xE0 && offset + 1 < text.size()) return {((lead & 0x1Fu) << 6) | (byte(1) & 0x3Fu), 2};
  if (lead < 0xF0 && offset + 2 < text.size()) {
    return {((lead & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu), 3};
  }
  if (offset + 3 < text.size()) {
    return {((lead & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) | (byte(3) & 0x3Fu), 4};
  }
  return {0xFFFD, 1};
}

bool may_hold_control(std::string_view text) {
  const auto suspect = [&](std::size_t i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    return (byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F ||
           (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F);
  };
  std::size_t i = 0;
  for (; i + kWord <= text.size(); i += kWord) {
    if (control_bytes(word_at(text, i)) == 0) continue;
    for (std::size_t k = i; k < i + kWord; ++k) {
      if (suspect(k)) return true;
    }
  }
  for (; i < text.size(); ++i) {
    if (suspect(i)) return true;
  }
  return false;
}

std::vector<CharacterProblem> find_character_problems(std::string_view text, std::size_t max) {
  std::vector<CharacterProblem> problems;
  bool in_indentation = true;
  for (std::size_t offset = 0; offset < text.size() && problems.size() < max;) {
    // Away from the indentation only control characters matter: the bytes before the first that can start one
    // are stepped over. A word may end inside a letter: the letter's remaining bytes continue a sequence and are
    // stepped over below.
    if (!in_indentation && offset + kWord <= text.size()) {
      const std::uint64_t marks = control_bytes(word_at(text, offset));
      if (marks == 0) {
        offset += kWord;
        continue;
      }
      offset += first_marked(marks);
    }
    // Most other bytes are printable ASCII or, away from the indentation, letters of other scripts: they are
    // stepped over without decoding (the text is valid UTF-8 here; C1 controls, U+0080..U+009F, start with 0xC2).
    // An indentation is spaces, most of every line: stepped over in a loop of their own.
    if (in_indentation) {
      while (offset < text.size() && text[offset] == ' ') ++offset;
      if (offset == text.size()) break;
    }
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte == '\n') {
      in_indentation = true;
      ++offset;
      continue;
    }
    if (byte >= 0x20 && byte < 0x7F) {
      if (byte != ' ' && byte != '-') in_indentation = false;
      ++offset;
      continue;
    }
    if (is_continuation(byte) || (byte >= 0xC3 && !in_indentation)) {
      offset += is_continuation(byte) ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      continue;
    }
    const auto [code_point, length] = decode_at(text, offset);
    if (code_point == '\n') {
      in_indentation = true;
    } else if (code_point == '\r') {
      if (offset + 1 >= text.size() || text[offset + 1] != '\n') {
        problems.push_back({offset, "a line ends here with a lone carriage return (CR), as in old Mac files",
                            "save the file with Unix (LF) or Windows (CRLF) line ends"});
      }
    } else if (code_point == 0) {
      problems.push_back({offset, "the file holds a NUL byte here: it is damaged, or not a text file",
                          "save the plan again as plain UTF-8 text"});
    } else if (is_forbidden_control(code_point)) {
      problems.push_back(
          {offset,
           fmt::format("the invisible control character {} is not allowed in a plan file", control_name(code_point)),
           "delete it; such characters often come along when text is copied from another program"});
    } else if (in_indentation && is_unicode_space(code_point)) {
      problems.push_back(
          {offset,
           fmt::format("this line is indented with a non-ASCII space (U+{:04X}), which YAML does not count "
                       "as indentation",
                       code_point),
           "replace it with ordinary spaces; it often comes from copying out of Word or a web page"});
      in_indentation = false;
    } else if (code_point != ' ' && code_point != '\t' && code_point != '-') {
      in_indentation = false;
    }
    offset += length;
  }
  return problems;
}

std::optional<std::size_t> flow_too_deep(std::string_view text, int max_depth) {
  // Each level opens with a bracket: a text with no more brackets than the limit cannot go past it, and a plan
  // holds a few dozen. Counting them (memchr) is many times quicker than the scan below.
  const std::size_t past_limit = static_cast<std::size_t>(std::max(max_depth, 0)) + 1;
  const std::size_t square = count_up_to(text, '[', past_limit);
  if (square + count_up_to(text, '{', past_limit - square) < past_limit) return std::nullopt;
  // Outside flow collections, once a value has started, only these bytes can change what follows: a line end, a
  // comment, and the indicators that let a new value start.
  static constexpr auto kMatterAfterValue = [] {
    std::array<bool, 256> matters{};
    for (const char c : std::string_view("\n#:-?")) matters[static_cast<unsigned char>(c)] = true;
    return matters;
  }();
  int depth = 0;
  bool value_start = true;
  const auto blank_at = [&](std::size_t i) {
    return i >= text.size() || text[i] == ' ' || text[i] == '\t' || text[i] == '\n';
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (depth == 0 && !value_start) {
      while (i < text.size() && !kMatterAfterValue[static_cast<unsigned char>(text[i])]) ++i;
      if (i == text.size()) break;
    }
    const char c = text[i];
    if (c == '\n') {
      value_start = true;
      continue;
    }
    if (c == ' ' || c == '\t') {
      while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) ++i;  // indentation, mostly
      continue;
    }
    if (c == '#' && (i == 0 || blank_at(i - 1))) {
      const std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) break;
      i = end - 1;
      continue;
    }
    if ((c == '"' || c == '\'') && value_start) {
      const std::size_t close = closing_quote(text, i);
      if (close == std::string_view::npos) return std::nullopt;  // never closed: reported when the YAML is read
      i = close;
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

}  // namespace cchc::load
