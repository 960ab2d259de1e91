// The project file .cchc.yaml: found by walking up from the current folder, its
// settings become the defaults of the matching options of every command
// (command-line flags still win), and `cchc config` shows where each comes from.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/everyday.hpp"
#include "cli/inputs.hpp"
#include "load/config.hpp"
#include "render/render.hpp"

namespace cchc::cli {

namespace fs = std::filesystem;

namespace {

struct Project {
  std::string file;  ///< as shown to the user: relative to the current folder when that is shorter
  std::vector<load::ConfigSetting> settings;
  std::vector<std::string> paths;  ///< `paths`, made relative to the current folder
};

Project& project() {
  static Project instance;
  return instance;
}

const load::ConfigSetting* find_setting(const std::string& key) {
  for (const auto& setting : project().settings) {
    if (setting.key == key) return &setting;
  }
  return nullptr;
}

std::optional<fs::path> find_project_file() {
  std::error_code error;
  fs::path folder = fs::current_path(error);
  if (error) return std::nullopt;
  while (true) {
    const fs::path candidate = folder / ".cchc.yaml";
    if (fs::is_regular_file(candidate, error)) return candidate;
    if (!folder.has_parent_path() || folder.parent_path() == folder) return std::nullopt;
    folder = folder.parent_path();
  }
}

std::string shown_path(const fs::path& path) {
  std::error_code error;
  const fs::path relative = fs::relative(path, fs::current_path(error), error);
  if (error || relative.empty()) return path.string();
  const std::string text = relative.string();
  return text.size() < path.string().size() ? text : path.string();
}

int run_config() {
  const Project& current = project();
  std::string text = current.file.empty() ? "Project file: none (no .cchc.yaml in this folder or any folder above it)\n"
                                          : fmt::format("Project file: {}\n", current.file);
  auto where = [&](const load::ConfigSetting* setting) {
    return setting != nullptr ? fmt::format("{}:{}", current.file, setting->pos.line) : std::string("default");
  };
  struct Row {
    std::string key, value, source;
  };
  std::vector<Row> rows;
  const char* plans_variable = std::getenv("CCHC_PLANS");
  if (plans_variable != nullptr && *plans_variable != '\0') {
    rows.push_back({"paths", plans_variable, "$CCHC_PLANS"});
  } else {
    const auto* setting = find_setting("paths");
    rows.push_back({"paths", fmt::format("{}", fmt::join(default_paths(), ", ")), where(setting)});
  }
  const std::vector<std::pair<std::string, std::string>> defaults = {
      {"lang", "(the plan's language)"}, {"format", "table"}, {"color", "auto"},
      {"width", "(the terminal's)"},     {"within", "14d"},   {"sort", "urgency"},
  };
  for (const auto& [key, fallback] : defaults) {
    const auto* setting = find_setting(key);
    rows.push_back({key, setting != nullptr ? setting->values.front() : fallback, where(setting)});
  }
  for (const auto& row : rows) text += fmt::format("  {:<8}{:<28}{}\n", row.key, row.value, row.source);
  text += "Command-line flags win over these settings, and $CCHC_PLANS over paths.\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void apply_project_config(CLI::App& app) {
  const std::optional<fs::path> found = find_project_file();
  if (!found) return;
  std::ifstream stream(*found, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  if (!stream) throw UsageError{fmt::format("cannot read the project file '{}'", found->string())};
  const std::string text = buffer.str();
  Project& current = project();
  current.file = shown_path(*found);
  load::ConfigResult result = load::load_config(text, current.file);
  if (util::has_errors(result.diagnostics)) {
    for (const auto& diagnostic : result.diagnostics) {
      const std::string shown = render::format_diagnostic(diagnostic, text, false);
      std::fwrite(shown.data(), 1, shown.size(), stderr);
    }
    throw UsageError{fmt::format("the project file {} has errors; fix them or move it away", current.file)};
  }
  current.settings = std::move(result.settings);
  if (const auto* paths = find_setting("paths")) {
    for (const auto& value : paths->values) {
      const fs::path path(value);
      current.paths.push_back(path.is_absolute() ? value : shown_path(found->parent_path() / path));
    }
    set_configured_paths(current.paths);
  }
  // The project's `format` names a list format (table, markdown, csv, json); commands whose --format takes
  // other values keep their own default rather than refuse a value the user never typed for them.
  const auto own_formats = [](const CLI::App* command) { return command->get_name() == "report"; };
  for (auto* command : app.get_subcommands([](CLI::App*) { return true; })) {
    for (auto* option : command->get_options()) {
      if (!option->get_configurable()) continue;
      for (const auto& name : option->get_lnames()) {
        if (name == "paths" || (name == "format" && own_formats(command))) continue;
        if (const auto* setting = find_setting(name)) option->default_val(setting->values.front());
      }
    }
  }
}

void register_config_command(CLI::App& app, int& exit_code) {
  CLI::App* command =
      app.add_subcommand("config", "Show the settings in effect (from .cchc.yaml, found in this folder or above)");
  command->callback([&exit_code] { exit_code = run_config(); });
}

}  // namespace cchc::cli
