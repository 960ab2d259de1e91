#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace cchc::cli {

/// Registers the commands for everyday use: `init`, `help`, and the hidden
/// `completion` and `__complete` that shell completion scripts call.
void register_everyday_commands(CLI::App& app, int& exit_code);

/// The parts of register_everyday_commands, one per source file.
void register_help_command(CLI::App& app, int& exit_code);
void register_init_command(CLI::App& app, int& exit_code);
void register_completion_commands(CLI::App& app, int& exit_code);
void register_config_command(CLI::App& app, int& exit_code);

/// Finds the project file .cchc.yaml in the current folder or the nearest one
/// above it and makes its settings the defaults of the options of the same
/// name in every command (lang, format, color, width, within, sort), and its
/// `paths` the default plans (after $CCHC_PLANS). Flags given on the command
/// line still win. Prints the file's problems and throws UsageError when it
/// has errors.
void apply_project_config(CLI::App& app);

/// The "Examples:" footer of a command's --help (two or three real command
/// lines); empty when the command has none.
std::string examples_footer(std::string_view command);

/// Sets every subcommand's --help footer from examples_footer.
void add_examples_to_help(CLI::App& app);

/// Looks at the first word before parsing: a word that is neither an option
/// nor a command is a mistyped command. Throws UsageError that names the
/// nearest command ("did you mean 'status'?").
void check_command_name(const CLI::App& app, int argc, const char* const* argv);

/// The message for arguments CLI11 did not expect (`extras`), suggesting the
/// nearest flag of the chosen command; nullopt when there is nothing to add.
std::optional<std::string> explain_extras(const CLI::App& app, const std::vector<std::string>& extras);

/// "0.1.0 (git 1a2b3c4)": the version and the revision it was built from.
std::string version_text();

}  // namespace cchc::cli
