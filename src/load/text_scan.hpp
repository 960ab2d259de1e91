#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// The checks read_yaml makes on the characters of a plan file before any YAML is read. Each goes over the whole
/// text, so each steps over eight bytes at once where none of them can matter (most of a plan is ASCII and
/// letters); tests/unit/load/test_text_scan.cpp holds them to byte-at-a-time versions.
namespace cchc::load {

/// Byte offset of the first byte that does not belong to well-formed UTF-8; nullopt when all is well.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// The number of code points in `text`, which is valid UTF-8: its bytes that do not continue a sequence.
std::size_t count_code_points(std::string_view text);

/// The number of line feeds in `text`.
std::size_t count_line_feeds(std::string_view text);

/// The name of a control character for messages: "U+001B (ESC)".
std::string control_name(unsigned code_point);

/// Whether `code_point` is a control character a plan text may not hold (tab and line feed are allowed).
bool is_forbidden_control(unsigned code_point);

/// The code point of the well-formed UTF-8 sequence at `offset`, and its length.
std::pair<unsigned, std::size_t> decode_at(std::string_view text, std::size_t offset);

/// Whether `text` may hold a forbidden control character: false only when it certainly holds none (no byte below
/// 0x20 other than tab and line feed, no 0x7F, no 0xC2 followed by 0x80..0x9F).
bool may_hold_control(std::string_view text);

/// The offset of the quote that closes the quoted text whose opening quote (" or ') is at `open`; npos when none
/// does. In double quotes a backslash escapes the next character; in single quotes '' stands for one quote.
std::size_t closing_quote(std::string_view text, std::size_t open);

/// A problem found by looking at the characters of the file, before any YAML is read.
struct CharacterProblem {
  std::size_t offset;
  std::string message;
  std::string hint;
};

/// Every NUL, bare CR, other control character and non-ASCII space used as indentation in `text` (valid
/// UTF-8, BOM removed, line ends not yet normalised); at most `max` of them.
std::vector<CharacterProblem> find_character_problems(std::string_view text, std::size_t max);

/// Byte offset of the first '[' or '{' that opens a flow collection deeper than `max_depth`, or nullopt.
/// yaml-cpp tokenises a whole flow collection before it reports any event (a megabyte of '[' takes a second
/// and hundreds of megabytes), so the depth is bounded here first. A bracket counts when it stands where a
/// value can start; inside a flow collection every bracket outside quotes counts. Comments and quoted texts
/// are skipped. The count may only err upwards (a block text whose line starts with '[').
std::optional<std::size_t> flow_too_deep(std::string_view text, int max_depth);

}  // namespace cchc::load
