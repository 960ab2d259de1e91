#include "load/config.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "load/yaml_tree.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

namespace cchc::load {

namespace {

/// The values a key accepts; empty: any text of the key's own shape (checked below).
const std::vector<std::pair<std::string, std::vector<std::string>>>& choices() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kChoices = {
      {"paths", {}},
      {"lang", {"vi", "en"}},
      {"format", {"table", "markdown", "md", "csv", "json"}},
      {"color", {"auto", "always", "never"}},
      {"width", {}},
      {"within", {}},
      {"sort", {"urgency", "document"}},
  };
  return kChoices;
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.size() <= 4 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> keys;
    for (const auto& [key, values] : choices()) keys.push_back(key);
    return keys;
  }();
  return kKeys;
}

ConfigResult load_config(std::string_view text, const std::string& file) {
  ConfigResult result;
  YamlDocument document = read_yaml(text, file);
  result.diagnostics = std::move(document.diagnostics);
  auto error = [&](util::SourcePos pos, std::string check, std::string message, std::string hint) {
    result.diagnostics.push_back(
        {util::Severity::Error, file, pos, std::move(check), std::move(message), std::move(hint)});
  };
  if (!document.root || document.root->is_null()) return result;  // an empty project file sets nothing
  const YamlNode& root = *document.root;
  if (!root.is_map()) {
    error(root.pos, "wrong-type", "a project file is a map of settings",
          fmt::format("write one setting a line, e.g. 'lang: vi'; the keys are: {}", fmt::join(config_keys(), ", ")));
    return result;
  }
  std::vector<std::string> seen;
  for (const auto& entry : root.entries) {
    if (entry.key.unsupported || entry.value.unsupported) continue;
    const std::string key = util::to_nfc(entry.key.text);
    const auto known = std::find_if(choices().begin(), choices().end(), [&](const auto& c) { return c.first == key; });
    if (known == choices().end()) {
      std::string hint = fmt::format("the keys are: {}", fmt::join(config_keys(), ", "));
      if (auto near = util::closest_match(key, config_keys())) hint = fmt::format("did you mean '{}'?", *near);
      error(entry.key.pos, "unknown-key", fmt::format("unknown key '{}'", key), hint);
      continue;
    }
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      error(entry.key.pos, "duplicate-key", fmt::format("'{}' is set twice", key), "keep one of them");
      continue;
    }
    seen.push_back(key);
    ConfigSetting setting{key, {}, entry.value.pos};
    if (key == "paths" && entry.value.is_sequence()) {
      for (const auto& item : entry.value.items) {
        if (!item.is_scalar() || item.text.empty()) {
          error(item.pos, "wrong-type", "each path is a file or folder name", "write e.g. paths: [plans, districts]");
          continue;
        }
        setting.values.push_back(util::to_nfc(item.text));
      }
    } else if (entry.value.is_scalar() && !entry.value.text.empty()) {
      setting.values.push_back(util::to_nfc(util::collapse_whitespace(entry.value.text)));
    } else {
      error(entry.value.pos, "wrong-type", fmt::format("'{}' needs a value", key),
            key == "paths" ? "write a folder, or a list: paths: [plans, districts]" : "write it on the same line");
      continue;
    }
    const std::string& value = setting.values.empty() ? std::string() : setting.values.front();
    const auto& allowed = known->second;
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      error(entry.value.pos, "invalid-value", fmt::format("'{}' is not a value of '{}'", value, key),
            fmt::format("use one of: {}", fmt::join(allowed, ", ")));
      continue;
    }
    if (key == "width" && !all_digits(value)) {
      error(entry.value.pos, "invalid-value", fmt::format("width '{}' is not a number of columns", value),
            "write e.g. width: 100");
      continue;
    }
    if (key == "within") {
      std::string digits = value;
      if (!digits.empty() && (digits.back() == 'd' || digits.back() == 'w')) digits.pop_back();
      if (!all_digits(digits)) {
        error(entry.value.pos, "invalid-value", fmt::format("within '{}' is not a duration", value),
              "write a number of days like 14, 14d or 2w");
        continue;
      }
    }
    if (!setting.values.empty()) result.settings.push_back(std::move(setting));
  }
  return result;
}

}  // namespace cchc::load
