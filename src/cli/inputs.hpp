#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/date.hpp"

namespace cchc::cli {

/// A plan file as read from disk, kept whole so diagnostics can quote its lines.
struct SourceFile {
  std::string path;
  std::string text;
};

/// What collecting the inputs gave: files in a stable order, and I/O problems.
struct Inputs {
  std::vector<SourceFile> files;
  std::vector<std::string> errors;  ///< complete messages, "cchc: error: …"
};

/// The default PATH list: $CCHC_PLANS when set, else "plans".
std::vector<std::string> default_paths();

/// Reads each PATH: a file is taken as given; a directory is searched
/// recursively for *.yaml and *.yml (sorted by path, so output never depends
/// on the order the file system lists them).
Inputs read_inputs(const std::vector<std::string>& paths);

/// Today's date in the IANA time zone `zone`, from the system clock. Vietnam
/// (UTC+7, no daylight saving) works even on machines without tzdata.
/// nullopt when the zone is unknown.
std::optional<util::Date> today_in_zone(const std::string& zone);

}  // namespace cchc::cli
