#include "cli/inputs.hpp"

#include "cli/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace cchc::cli {

namespace fs = std::filesystem;

namespace {

bool is_plan_file_name(const fs::path& path) {
  const auto extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

void read_one(const fs::path& path, Inputs& inputs) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::is_regular_file(status)) {
    inputs.errors.push_back(
        fmt::format("cchc: error: {}: not a regular file; a plan must be a .yaml file", path.string()));
    return;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    inputs.errors.push_back(fmt::format("cchc: error: {}: cannot be read: {}", path.string(), std::strerror(errno)));
    return;
  }
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  if (stream.bad()) {
    inputs.errors.push_back(fmt::format("cchc: error: {}: reading failed", path.string()));
    return;
  }
  inputs.files.push_back({path.string(), buffer.str()});
}

void read_directory(const fs::path& directory, Inputs& inputs) {
  std::vector<fs::path> found;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const auto& entry = *it;
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && is_plan_file_name(entry.path())) found.push_back(entry.path());
  }
  if (error) {
    inputs.errors.push_back(
        fmt::format("cchc: error: {}: cannot list the folder: {}", directory.string(), error.message()));
  }
  if (found.empty() && !error) {
    inputs.errors.push_back(
        fmt::format("cchc: error: {}: no plan files (*.yaml, *.yml) in this folder", directory.string()));
  }
  std::sort(found.begin(), found.end());
  for (const auto& path : found) read_one(path, inputs);
}

/// The project file's `paths`, set once before the command runs.
std::vector<std::string>& configured_paths() {
  static std::vector<std::string> paths;
  return paths;
}

}  // namespace

std::vector<std::string> default_paths() {
  const char* from_environment = std::getenv("CCHC_PLANS");
  if (from_environment != nullptr && *from_environment != '\0') return {from_environment};
  if (!configured_paths().empty()) return configured_paths();
  return {"plans"};
}

void set_configured_paths(std::vector<std::string> paths) { configured_paths() = std::move(paths); }

Inputs read_inputs(const std::vector<std::string>& paths) {
  Inputs inputs;
  for (const auto& text : paths) {
    const fs::path path(text);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      inputs.errors.push_back(fmt::format("cchc: error: {}: no such file or folder", text));
    } else if (fs::is_directory(status)) {
      read_directory(path, inputs);
    } else {
      read_one(path, inputs);
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
    return static_cast<std::time_t>(date->to_days()) * 86400 + hours * 3600 + minutes * 60 + seconds;
  }
  throw UsageError{fmt::format("CCHC_NOW '{}' is not an instant; write it as YYYY-MM-DDTHH:MM:SSZ", text)};
}

std::optional<util::Date> date_in_zone(std::time_t now, const std::string& zone) {
  std::string tz_value;
  const bool known =
      !zone.empty() && zone.find("..") == std::string::npos && fs::exists(fs::path("/usr/share/zoneinfo") / zone);
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
