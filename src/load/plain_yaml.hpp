#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "load/event_cache.hpp"

namespace cchc::load {

/// Reads the YAML that plan files are written in without yaml-cpp, and reports what yaml-cpp would: the same
/// events with the same marks, tags and values, in the same order, ending with the two calls of
/// HandleNextDocument (true, then false). yaml-cpp spends about a thousand instructions on each byte of a plan;
/// this reader a few tens.
///
/// It knows only a narrow part of YAML: one document whose root is a block map or list (indented, as the second
/// of two parts of a file read at once is, when no line goes left of it); block maps and lists,
/// a list indented deeper than its key or at the key's own indentation; keys written plain or quoted on one line;
/// values written plain, in single quotes, or in double quotes with no escape but \" \\ \/ \n \t, on one line;
/// flow lists and maps of such values, and of such lists and maps, on one line; literal blocks (`|` and `|-`); blank
/// lines and comments. Anything else (tabs, anchors, tags, folded or multi-line values, a document marker, a
/// syntax error) makes it give up, and then yaml-cpp reads the text, so every error message and every unusual file
/// stays yaml-cpp's. Only what it accepts must match yaml-cpp, event for event: tests/unit/load/test_plain_yaml.cpp
/// compares the recordings of the two byte for byte on every committed plan, on thousands of altered ones and of
/// random plan-like texts, and so does the fuzz target on its inputs.
///
/// `visitor` may have been shown some events when it gives up (returning false); they are then to be dropped.
/// `text` is what yaml-cpp would read: valid UTF-8 without a byte order mark or CR (read_yaml's checks ran).
/// `literal_blocks`, when given, is set to whether a literal block (`|`, `|-`) was read: the only lines of a text
/// it reads to its end that flow_too_deep (load/text_scan.hpp) does not count as YAML does.
///
/// `release_passed`, when given, is called with each stretch of `text` (some hundreds of KiB) that the reader has
/// read past and will not read again: the CLI gives back the memory of a mapped file's pages with it
/// (util::release_passed_text). The visitor must copy what it keeps of the values it is shown.
bool scan_plain_yaml(std::string_view text, EventVisitor& visitor, bool* literal_blocks = nullptr,
                     void (*release_passed)(std::string_view) = nullptr);

/// Whether scan_plain_yaml reads `text` to its end without giving up.
bool plain_yaml_accepts(std::string_view text);

/// The recording (EventWriter's) of the events scan_plain_yaml reports for `text`; nullopt when it gives up.
std::optional<std::string> record_plain_yaml(std::string_view text);

}  // namespace cchc::load
