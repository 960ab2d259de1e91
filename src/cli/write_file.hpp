#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cchc::cli {

/// Replaces the file at `path` by `text`, atomically, if its bytes on disk are still `expected`.
///
/// Holds an exclusive flock(2) on the file while it compares and replaces, so two cchc processes never
/// both replace the same version: the second sees the first's result and refuses. The new text goes to a
/// temporary file in the same folder, is flushed with fsync, gets the old file's permissions, and is renamed
/// over the old one; a kill at any moment leaves either the old or the new file. A symbolic link is followed
/// and the file it points to is replaced. Returns nullopt on success, else a message saying what went wrong
/// (nothing was written then).
std::optional<std::string> replace_file(const std::string& path, std::string_view expected, std::string_view text);

/// Writes `text` to `path`, creating the file or replacing it whole, as a shell redirection would but
/// atomically: the text goes to a temporary file in the same folder, is flushed with fsync and renamed over
/// `path`, so a reader (or a kill) never sees half a file. A file that exists keeps its permissions; a new
/// one gets 0666 less the umask. A symbolic link is followed. Returns nullopt on success, else a message
/// saying what went wrong (nothing was written then).
std::optional<std::string> write_output_file(const std::string& path, std::string_view text);

}  // namespace cchc::cli
