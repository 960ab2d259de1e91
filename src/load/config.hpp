#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.hpp"

namespace cchc::load {

/// One setting of a project file (.cchc.yaml): its key, its value(s) as written
/// (NFC), and where it was written.
struct ConfigSetting {
  std::string key;                  ///< "paths", "lang", "format", "color", "width", "within", "sort"
  std::vector<std::string> values;  ///< one value, or several for `paths`
  util::SourcePos pos;
};

/// What reading a project file gave: the settings it holds, in file order, and
/// its problems (unknown keys with a did-you-mean, values out of range).
struct ConfigResult {
  std::vector<ConfigSetting> settings;
  util::Diagnostics diagnostics;
};

/// The keys a project file may set, in the order `cchc config` shows them.
const std::vector<std::string>& config_keys();

/// Reads the text of a .cchc.yaml. `file` labels diagnostics. Never throws.
ConfigResult load_config(std::string_view text, const std::string& file);

}  // namespace cchc::load
