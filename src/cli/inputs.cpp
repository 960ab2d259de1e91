#include "cli/inputs.hpp"

#include "cli/commands.hpp"
#include "cli/heap.hpp"
#include "util/text.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "util/text.hpp"

namespace cchc::cli {

namespace fs = std::filesystem;

namespace {

bool is_plan_file_name(const fs::path& path) {
  const auto extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

/// What a file that is not a regular file is, for messages.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

/// What changed_since_mapped compares.
std::array<std::int64_t, 5> stamp_of(const struct stat& status) {
  return {static_cast<std::int64_t>(status.st_dev), static_cast<std::int64_t>(status.st_ino),
          static_cast<std::int64_t>(status.st_size), static_cast<std::int64_t>(status.st_mtim.tv_sec),
          static_cast<std::int64_t>(status.st_mtim.tv_nsec)};
}

/// Closes a file descriptor when it goes out of scope.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

/// Reads one plan file. It is opened without blocking (a FIFO or a device never stalls a cron job) and
/// checked with fstat on the open descriptor, so what is checked is what is read; it must be a regular file
/// of at most `max_bytes`. A file whose size or modification time changes while it is read is refused rather
/// than half read.
void read_one(const fs::path& path, Inputs& inputs, std::size_t max_bytes) {
  const std::string name = path.string();
  const auto fail = [&](const std::string& what) {
    inputs.errors.push_back(fmt::format("cchc: error: {}: {}", shown_path(name), what));
  };
  Descriptor file;
  file.fd = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (file.fd < 0) {
    fail(fmt::format("cannot be read: {}", std::strerror(errno)));
    return;
  }
  struct stat before {};
  if (::fstat(file.fd, &before) != 0) {
    fail(fmt::format("cannot be read: {}", std::strerror(errno)));
    return;
  }
  if (!S_ISREG(before.st_mode)) {
    fail(fmt::format("{}, not a plan file; a plan must be a regular .yaml file", kind_of(before.st_mode)));
    return;
  }
  const auto size = static_cast<std::size_t>(before.st_size);
  if (size > max_bytes) {
    fail(
        fmt::format("the file is {} KiB; a plan file may be at most {} KiB (CCHC_MAX_FILE_MIB raises the limit; "
                    "see docs/hostile-input.md)",
                    size >> 10, max_bytes >> 10));
    return;
  }
  if (size > 0 && size >= map_from_bytes()) {
    auto mapped = util::MappedText::map(
        file.fd, size,
        fmt::format("cchc: error: {}: the file was cut short while cchc was reading it; run cchc again once it is "
                    "saved\n",
                    shown_path(name)),
        kExitUsage);
    if (mapped) {
      struct stat after {};
      const bool changed = ::fstat(file.fd, &after) != 0 || after.st_size != before.st_size ||
                           after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
                           after.st_mtim.tv_nsec != before.st_mtim.tv_nsec;
      if (changed) {
        fail("the file changed while it was being read; run cchc again once it is saved");
        return;
      }
      inputs.bytes += size;
      inputs.files.push_back({name, {}, std::move(mapped), stamp_of(after)});
      return;
    }
  }
  // The buffer is written once, page by page: from the reserved heap, a large one takes one page fault per
  // 2 MiB, not per 4 KiB (5 300 faults for a 21 MB plan, each several microseconds on a virtual machine).
  prepare_heap_for(inputs.bytes + size);
  std::string text(size + 1, '\0');  // one byte more, to notice a file that grew
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t got = ::read(file.fd, text.data() + done, text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      fail(fmt::format("reading failed: {}", std::strerror(errno)));
      return;
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  struct stat after {};
  const bool changed = ::fstat(file.fd, &after) != 0 || done != size || after.st_size != before.st_size ||
                       after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec;
  if (changed) {
    fail("the file changed while it was being read; run cchc again once it is saved");
    return;
  }
  text.resize(done);
  inputs.bytes += done;
  inputs.files.push_back({name, std::move(text), std::nullopt});
}

/// Collects the plan files under `directory`, depth first. A folder that cannot be listed is reported with its
/// path and the others are still searched; symbolic links to folders are not followed (no loops), links to
/// files are, and a broken or looping link named *.yaml is reported when it is read.
void find_plan_files(const fs::path& directory, std::vector<fs::path>& found, Inputs& inputs, int depth) {
  std::error_code error;
  fs::directory_iterator it(directory, error);
  if (error) {
    inputs.errors.push_back(
        fmt::format("cchc: error: {}: cannot list the folder: {}", shown_path(directory.string()), error.message()));
    return;
  }
  for (; !error && it != fs::directory_iterator(); it.increment(error)) {
    const fs::directory_entry& entry = *it;
    std::error_code type_error;
    const bool is_link = entry.is_symlink(type_error);
    if (!is_link && entry.is_directory(type_error)) {
      if (depth < 64) find_plan_files(entry.path(), found, inputs, depth + 1);
    } else if (is_plan_file_name(entry.path())) {
      found.push_back(entry.path());
    }
  }
  if (error) {
    inputs.errors.push_back(
        fmt::format("cchc: error: {}: cannot list the folder: {}", shown_path(directory.string()), error.message()));
  }
}

void read_directory(const fs::path& directory, Inputs& inputs, std::size_t max_bytes) {
  std::vector<fs::path> found;
  const std::size_t errors_before = inputs.errors.size();
  find_plan_files(directory, found, inputs, 0);
  if (found.empty() && inputs.errors.size() == errors_before) {
    inputs.errors.push_back(
        fmt::format("cchc: error: {}: no plan files (*.yaml, *.yml) in this folder", shown_path(directory.string())));
  }
  std::sort(found.begin(), found.end());
  for (const auto& path : found) read_one(path, inputs, max_bytes);
}

/// The project file's `paths`, set once before the command runs.
std::vector<std::string>& configured_paths() {
  static std::vector<std::string> paths;
  return paths;
}

}  // namespace

std::string shown_path(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size();) {
    const auto byte = static_cast<unsigned char>(path[i]);
    std::size_t length = byte < 0x80                    ? 1
                         : byte >= 0xC2 && byte <= 0xDF ? 2
                         : byte >= 0xE0 && byte <= 0xEF ? 3
                         : byte >= 0xF0 && byte <= 0xF4 ? 4
                                                        : 0;
    const std::string_view sequence = path.substr(i, length);
    const bool valid = length > 0 && sequence.size() == length && util::is_valid_utf8(sequence);
    // Controls (C0, DEL, C1) and bidirectional overrides in a file name must not reach the terminal raw.
    const bool unsafe = !valid || byte < 0x20 || byte == 0x7F ||
                        (byte == 0xC2 && static_cast<unsigned char>(path[i + 1]) < 0xA0) ||
                        (byte == 0xE2 && sequence.size() == 3 &&
                         ((sequence[1] == '\x80' && static_cast<unsigned char>(sequence[2]) >= 0xAA &&
                           static_cast<unsigned char>(sequence[2]) <= 0xAE) ||
                          (sequence[1] == '\x81' && static_cast<unsigned char>(sequence[2]) >= 0xA6 &&
                           static_cast<unsigned char>(sequence[2]) <= 0xA9)));
    if (!valid || (unsafe && length == 1)) {
      out += fmt::format("\\x{:02x}", byte);
      i += 1;
    } else if (unsafe) {
      for (const char c : sequence) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      i += length;
    } else {
      out.append(sequence);
      i += length;
    }
  }
  return out;
}

load::Limits plan_limits() {
  const char* text = std::getenv("CCHC_MAX_FILE_MIB");
  if (text == nullptr || *text == '\0') return {};
  const std::string value = text;
  const bool digits =
      value.size() <= 4 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int mib = digits ? std::stoi(value) : 0;
  if (mib < 1 || mib > 1024) {
    throw UsageError{
        fmt::format("CCHC_MAX_FILE_MIB '{}' is not a size; write a whole number of MiB from 1 to 1024", value)};
  }
  return load::limits_for_file_size(static_cast<std::size_t>(mib));
}

bool changed_since_mapped(const SourceFile& file) {
  if (!file.mapped) return false;
  struct stat now {};
  if (::stat(file.path.c_str(), &now) != 0) return false;  // removed: the mapping holds the file as it was
  const auto stamp = stamp_of(now);
  const bool same_file = stamp[0] == file.mapped_stamp[0] && stamp[1] == file.mapped_stamp[1];
  return same_file && stamp != file.mapped_stamp;
}

namespace {

/// A number of bytes set by the environment variable `name`, or `fallback` when it is unset or empty. Throws
/// UsageError when it is not a whole number.
std::size_t bytes_from_environment(const char* name, std::size_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  const std::string value = text;
  const bool digits =
      value.size() <= 10 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) throw UsageError{fmt::format("{} '{}' is not a size; write a whole number of bytes", name, value)};
  return static_cast<std::size_t>(std::stoull(value));
}

}  // namespace

std::size_t map_from_bytes() {
  // Below this, reading costs less than mapping (one read against a mapping, its page faults and its unmapping),
  // and the text is small beside the rest of a run's memory.
  return bytes_from_environment("CCHC_MAP_FROM_BYTES", 1u << 20);
}

std::size_t two_parsers_from_bytes() {
  // Below this a second thread costs more than it saves (the Hà Tĩnh plan, 17 KB, parses in about a millisecond).
  return bytes_from_environment("CCHC_TWO_PARSERS_FROM_BYTES", 256u << 10);
}

bool plain_yaml_reader() {
  const char* text = std::getenv("CCHC_PLAIN_YAML");
  if (text == nullptr || *text == '\0' || std::string_view(text) == "on") return true;
  if (std::string_view(text) == "off") return false;
  throw UsageError{fmt::format("CCHC_PLAIN_YAML '{}' is neither on nor off", text)};
}

std::vector<std::string> default_paths() {
  const char* from_environment = std::getenv("CCHC_PLANS");
  if (from_environment != nullptr && *from_environment != '\0') return {from_environment};
  if (!configured_paths().empty()) return configured_paths();
  return {"plans"};
}

void set_configured_paths(std::vector<std::string> paths) { configured_paths() = std::move(paths); }

Inputs read_inputs(const std::vector<std::string>& paths, std::size_t max_bytes) {
  Inputs inputs;
  for (const auto& text : paths) {
    const fs::path path(text);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
      inputs.errors.push_back(fmt::format("cchc: error: {}: cannot be read: {}", shown_path(text), error.message()));
    } else if (error || !fs::exists(status)) {
      inputs.errors.push_back(fmt::format("cchc: error: {}: no such file or folder", shown_path(text)));
    } else if (fs::is_directory(status)) {
      read_directory(path, inputs, max_bytes);
    } else {
      read_one(path, inputs, max_bytes);
    }
  }
  return inputs;
}

std::time_t current_time() {
  const char* fixed = std::getenv("CCHC_NOW");
  if (fixed == nullptr || *fixed == '\0') return std::time(nullptr);
  const std::string text = fixed;
  // YYYY-MM-DDTHH:MM:SSZ, always UTC.
  const auto date = text.size() == 20 ? util::parse_iso_date(text.substr(0, 10)) : std::nullopt;
  int hours = -1, minutes = -1, seconds = -1;
  if (date && text[10] == 'T' && text[19] == 'Z' &&
      std::sscanf(text.c_str() + 11, "%2d:%2d:%2d", &hours, &minutes, &seconds) == 3 && hours >= 0 && hours < 24 &&
      minutes >= 0 && minutes < 60 && seconds >= 0 && seconds < 60) {
    return static_cast<std::time_t>(date->to_days()) * 86400 + static_cast<std::time_t>(hours) * 3600 +
           static_cast<std::time_t>(minutes) * 60 + seconds;
  }
  throw UsageError{fmt::format("CCHC_NOW '{}' is not an instant; write it as YYYY-MM-DDTHH:MM:SSZ", text)};
}

std::optional<util::Date> fixed_today(const std::string& option) {
  std::string text = option;
  if (text.empty()) {
    if (const char* from_environment = std::getenv("CCHC_TODAY")) text = from_environment;
  }
  if (text.empty()) return std::nullopt;
  if (auto date = util::parse_iso_date(util::collapse_whitespace(text))) return date;
  throw UsageError{fmt::format("--today '{}' is not a date; write it as YYYY-MM-DD", text)};
}

std::optional<util::Date> date_in_zone(std::time_t now, const std::string& zone) {
  std::string tz_value;
  // An IANA name ("Asia/Ho_Chi_Minh") only: a plan must not make cchc open an arbitrary file ("/etc/shadow",
  // "../../x") as a time zone.
  const bool plain_name = !zone.empty() && zone.front() != '/' && zone.find("..") == std::string::npos &&
                          std::all_of(zone.begin(), zone.end(), [](char c) {
                            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                   c == '/' || c == '_' || c == '-' || c == '+';
                          });
  const bool known = plain_name && fs::is_regular_file(fs::path("/usr/share/zoneinfo") / zone);
  if (known) {
    tz_value = zone;
  } else if (zone == "Asia/Ho_Chi_Minh" || zone == "Asia/Saigon") {
    tz_value = "<+07>-7";  // POSIX form: Vietnam has kept UTC+7 without daylight saving since 1975
  } else if (zone == "UTC" || zone == "Etc/UTC") {
    tz_value = "UTC0";
  } else {
    return std::nullopt;
  }
  const char* previous = std::getenv("TZ");
  const std::string saved = previous != nullptr ? previous : "";
  setenv("TZ", tz_value.c_str(), 1);
  tzset();
  std::tm local{};
  localtime_r(&now, &local);
  if (previous != nullptr) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
  return util::Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace cchc::cli
