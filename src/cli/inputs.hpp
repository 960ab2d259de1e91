#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/limits.hpp"
#include "util/date.hpp"
#include "util/mapped_text.hpp"

namespace cchc::cli {

/// A plan file as read from disk, kept whole so diagnostics can quote its lines: read into memory, or, from
/// map_from_bytes() on, mapped (util::MappedText), so that the pages the parser has passed can be given back.
struct SourceFile {
  std::string path;
  std::string bytes;                       ///< the text, when it was read
  std::optional<util::MappedText> mapped;  ///< the text, when it was mapped
  /// The file as it was when mapped: the device and inode, its size and its modification time (seconds, then
  /// nanoseconds); see changed_since_mapped.
  std::array<std::int64_t, 5> mapped_stamp{};

  std::string_view text() const { return mapped ? mapped->view() : std::string_view(bytes); }
  /// Gives up the text once nothing quotes it any more.
  void drop_text() {
    std::string().swap(bytes);
    mapped.reset();
  }
};

/// Whether `file`, mapped, was changed in place while cchc read it (its path still names the file mapped, and its
/// size or modification time differs from when it was mapped); a mapping, unlike a copy, could then have shown some
/// of its pages old and some new. A file replaced whole (renamed over, as editors save) or removed since is not:
/// the mapping holds the file as it was. False for a file that was read.
bool changed_since_mapped(const SourceFile& file);

/// What collecting the inputs gave: files in a stable order, and I/O problems.
struct Inputs {
  std::vector<SourceFile> files;
  std::vector<std::string> errors;  ///< complete messages, "cchc: error: …"
  std::size_t bytes = 0;            ///< the files' sizes added up
};

/// A file name as it may be printed: control characters, bidirectional overrides and bytes that are not
/// UTF-8 are shown as \xNN escapes, so a hostile file name cannot drive the terminal.
std::string shown_path(std::string_view path);

/// The default PATH list: $CCHC_PLANS when set, else the project file's
/// `paths` (set_configured_paths), else "plans".
std::vector<std::string> default_paths();

/// The `paths` of the project file .cchc.yaml, relative to the current folder.
void set_configured_paths(std::vector<std::string> paths);

/// The limits plan files are read with: the defaults, or those for files of up to $CCHC_MAX_FILE_MIB MiB
/// (a whole number from 1 to 1024; docs/hostile-input.md). Throws UsageError when it is set to anything else.
load::Limits plan_limits();

/// From what size a plan file is parsed in two parts at once when a core is free: 256 KiB, or
/// $CCHC_TWO_PARSERS_FROM_BYTES (bytes; 0 tries it on every file, which the tests use to compare both ways).
/// Throws UsageError when the variable is not a number.
std::size_t two_parsers_from_bytes();

/// From what size a plan file is mapped into memory rather than read (SourceFile): 1 MiB, or
/// $CCHC_MAP_FROM_BYTES (bytes; 0 maps every file that is not empty, which the tests use to compare both ways).
/// Throws UsageError when the variable is not a number.
std::size_t map_from_bytes();

/// Whether plain plan texts are read without yaml-cpp (load::ParseOptions::plain_yaml): yes unless
/// $CCHC_PLAIN_YAML is "off", which the tests use to make yaml-cpp read every file.
bool plain_yaml_reader();

/// Reads each PATH: a file is taken as given; a directory is searched
/// recursively for *.yaml and *.yml (sorted by path, so output never depends
/// on the order the file system lists them). Only regular files of at most
/// `max_bytes` are read; FIFOs and devices are refused without blocking. Every
/// file or folder that cannot be read is reported and the others are still read.
Inputs read_inputs(const std::vector<std::string>& paths, std::size_t max_bytes);

/// The current instant: the system clock, or $CCHC_NOW when set (an instant in
/// UTC, "2020-04-30T23:30:00Z"), so tests can show which day a cron job sees.
/// Throws UsageError when $CCHC_NOW is malformed.
std::time_t current_time();

/// The day fixed by --today (`option`) or, when that is empty, $CCHC_TODAY; nullopt when neither is set,
/// meaning "today in the plan's time zone". Throws UsageError when the text is not a YYYY-MM-DD date.
std::optional<util::Date> fixed_today(const std::string& option);

/// The calendar date of instant `now` in the IANA time zone `zone`. Vietnam
/// (UTC+7, no daylight saving) works even on machines without tzdata.
/// nullopt when the zone is unknown.
std::optional<util::Date> date_in_zone(std::time_t now, const std::string& zone);

}  // namespace cchc::cli
