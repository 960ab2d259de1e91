// Shell completion: `cchc completion bash|zsh|fish` writes a script generated
// from the CLI11 definitions of the commands (so it never drifts from them), and
// the scripts call the hidden `cchc __complete tasks|agencies|plans [PATH...]`
// for the ids of the plans in reach.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <set>
#include <span>
#include <tuple>

#include "cli/commands.hpp"
#include "cli/everyday.hpp"
#include "cli/inputs.hpp"
#include "evaluate/evaluate.hpp"
#include "load/load.hpp"

namespace cchc::cli {

namespace {

/// What a value on the command line is, for completion.
enum class ValueKind { Flag, Free, Choices, Agencies, Plans, Tasks, Files };

struct OptionInfo {
  std::vector<std::string> names;  ///< "--format", "-f"
  std::string description;
  ValueKind kind = ValueKind::Flag;
  std::vector<std::string> choices;
  bool repeatable = false;
};

struct CommandInfo {
  std::string name;
  std::string description;
  std::vector<OptionInfo> options;
  ValueKind positional = ValueKind::Flag;  ///< Flag: takes no positional argument
  std::vector<std::string> positional_choices;
};

/// The values an option takes, by its command and long name. Options not listed take a free value.
void classify_option(const std::string& command, const std::string& long_name, OptionInfo& info) {
  // Where a command gives an option its own values (report, timeline and export have formats of their own).
  static const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> kCommandChoices = {
      {"report", "format", {"markdown", "html"}},
      {"timeline", "format", {"terminal", "svg", "mermaid"}},
      {"timeline", "by", {"section", "lead"}},
      {"export", "format", {"ics", "csv", "json"}},
      {"export", "delimiter", {";", ",", "tab"}},
      {"status", "by", {"plan", "unit"}},
      {"overdue", "by", {"plan", "unit"}},
      {"upcoming", "by", {"plan", "unit"}},
      {"stats", "by", {"lead", "plan", "unit", "section", "month"}},
      {"report", "by", {"plan", "unit"}},
  };
  for (const auto& [command_name, option_name, values] : kCommandChoices) {
    if (command_name == command && option_name == long_name) {
      info.kind = ValueKind::Choices;
      info.choices = values;
      return;
    }
  }
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kChoices = {
      {"format", {"table", "markdown", "csv", "json"}},
      {"color", {"auto", "always", "never"}},
      {"lang", {"vi", "en"}},
      {"sort", {"urgency", "document"}},
  };
  if (long_name == "lead" || long_name == "agency") {
    info.kind = ValueKind::Agencies;
    return;
  }
  if (long_name == "plan") {
    info.kind = ValueKind::Plans;
    return;
  }
  if (long_name == "output") {
    info.kind = ValueKind::Files;
    return;
  }
  if (long_name == "state") {
    info.kind = ValueKind::Choices;
    for (auto state : evaluate::all_states()) info.choices.emplace_back(evaluate::to_string(state));
    return;
  }
  for (const auto& [name, values] : kChoices) {
    if (name == long_name) {
      info.kind = ValueKind::Choices;
      info.choices = values;
      return;
    }
  }
  info.kind = ValueKind::Free;
}

/// A positional argument named ID or TASK… completes task ids; TOPIC, help
/// topics and commands; SHELL, shells; anything else, file names. A task id
/// wins over files when a command takes both (`done ID [PATH...]`): ids are
/// what is typed first, and a word with a '/' still completes as a file in bash.
void classify_positional(const CLI::App& app, const CLI::Option& option, CommandInfo& info) {
  const std::string name = option.get_name();
  if (info.positional == ValueKind::Tasks) return;
  if (name.find("ID") != std::string::npos || name.find("TASK") != std::string::npos) {
    info.positional = ValueKind::Tasks;
  } else if (name == "TOPIC") {
    info.positional = ValueKind::Choices;
    info.positional_choices = {"deadlines", "formats", "exit-codes", "cron"};
    for (const auto* command : app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); })) {
      info.positional_choices.push_back(command->get_name());
    }
  } else if (name == "SHELL") {
    info.positional = ValueKind::Choices;
    info.positional_choices = {"bash", "zsh", "fish"};
  } else {
    info.positional = ValueKind::Files;
  }
}

std::vector<CommandInfo> describe_commands(const CLI::App& app) {
  std::vector<CommandInfo> commands;
  for (const auto* command : app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); })) {
    CommandInfo info{command->get_name(), command->get_description(), {}, ValueKind::Flag, {}};
    for (const auto* option : command->get_options()) {
      if (!option->nonpositional()) {
        classify_positional(app, *option, info);
        continue;
      }
      OptionInfo option_info;
      for (const auto& name : option->get_lnames()) option_info.names.push_back("--" + name);
      for (const auto& name : option->get_snames()) option_info.names.push_back("-" + name);
      option_info.description = option->get_description();
      option_info.repeatable = option->get_expected_max() > 1;
      if (option->get_items_expected_max() > 0 && !option->get_lnames().empty()) {
        classify_option(command->get_name(), option->get_lnames().front(), option_info);
      }
      info.options.push_back(std::move(option_info));
    }
    commands.push_back(std::move(info));
  }
  return commands;
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  return fmt::format("{}", fmt::join(words, separator));
}

/// The shell words that print the ids a dynamic kind completes from.
const char* dynamic_source(ValueKind kind) {
  switch (kind) {
    case ValueKind::Agencies: return "agencies";
    case ValueKind::Plans: return "plans";
    case ValueKind::Tasks: return "tasks";
    default: return nullptr;
  }
}

// ---- bash ----

std::string bash_values(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::Choices: return fmt::format("COMPREPLY=($(compgen -W '{}' -- \"$cur\"))", join(choices, " "));
    case ValueKind::Tasks:
      return "if [[ $cur == */* ]]; then compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); "
             "else COMPREPLY=($(compgen -W \"$(\"$cchc\" __complete tasks \"${paths[@]}\" 2>/dev/null)\" -- "
             "\"$cur\")); fi";
    case ValueKind::Agencies:
    case ValueKind::Plans:
      return fmt::format(
          "COMPREPLY=($(compgen -W \"$(\"$cchc\" __complete {} \"${{paths[@]}}\" 2>/dev/null)\" -- \"$cur\"))",
          dynamic_source(kind));
    case ValueKind::Files: return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))";
    default: return "COMPREPLY=()";
  }
}

std::string bash_script(const std::vector<CommandInfo>& commands) {
  std::vector<std::string> names;
  names.reserve(commands.size());
  for (const auto& command : commands) names.push_back(command.name);
  std::string cases;
  for (const auto& command : commands) {
    std::vector<std::string> flags;
    std::string value_cases;
    for (const auto& option : command.options) {
      flags.insert(flags.end(), option.names.begin(), option.names.end());
      if (option.kind == ValueKind::Flag) continue;
      value_cases +=
          fmt::format("        {}) {}; return ;;\n", join(option.names, "|"), bash_values(option.kind, option.choices));
    }
    cases += fmt::format(
        "    {})\n"
        "      case $prev in\n{}      esac\n"
        "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '{}' -- \"$cur\")); return; fi\n"
        "      {}\n"
        "      ;;\n",
        command.name, value_cases, join(flags, " "), bash_values(command.positional, command.positional_choices));
  }
  return fmt::format(
      "# bash completion for cchc. Generated by `cchc completion bash` from cchc's own command definitions;\n"
      "# do not edit. Install: save as /usr/share/bash-completion/completions/cchc (the .deb does this), or\n"
      "#   source <(cchc completion bash)   in ~/.bashrc\n"
      "_cchc() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=\n"
      "  ((COMP_CWORD > 0)) && prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "  local cchc=${{COMP_WORDS[0]}} command= word i\n"
      "  local -a paths=()\n"
      "  # The command is the first word that is not an option; words naming files or folders are the\n"
      "  # plans to read task and agency ids from (without any, cchc reads plans/ or $CCHC_PLANS).\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    word=${{COMP_WORDS[i]}}\n"
      "    [[ $word == -* ]] && continue\n"
      "    if [[ -z $command ]]; then command=$word; elif [[ -e $word ]]; then paths+=(\"$word\"); fi\n"
      "  done\n"
      "  COMPREPLY=()\n"
      "  if [[ -z $command ]]; then\n"
      "    COMPREPLY=($(compgen -W '{} --help --version' -- \"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  case $command in\n{}"
      "  esac\n"
      "}}\n"
      "complete -F _cchc cchc\n",
      join(names, " "), cases);
}

// ---- zsh ----

/// Text inside a single-quoted _arguments spec: quotes closed and reopened,
/// brackets and colons escaped.
std::string zsh_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(ValueKind kind, const std::vector<std::string>& choices) {
  switch (kind) {
    case ValueKind::Choices: return fmt::format("({})", join(choices, " "));
    case ValueKind::Agencies: return "_cchc_ids agencies";
    case ValueKind::Plans: return "_cchc_ids plans";
    case ValueKind::Tasks: return "_cchc_ids tasks";
    case ValueKind::Files: return "_files";
    default: return " ";
  }
}

std::string zsh_script(const std::vector<CommandInfo>& commands) {
  std::string described;
  std::string cases;
  for (const auto& command : commands) {
    described += fmt::format("    '{}:{}'\n", command.name, zsh_escape(command.description));
    std::string specs;
    for (const auto& option : command.options) {
      const std::string exclusion = option.names.size() > 1 ? fmt::format("({})", join(option.names, " ")) : "";
      const std::string star = option.repeatable ? "*" : "";
      for (const auto& name : option.names) {
        std::string spec = fmt::format("{}{}{}[{}]", exclusion, star, name, zsh_escape(option.description));
        if (option.kind != ValueKind::Flag) {
          spec +=
              fmt::format(":{}:{}", name.substr(name.find_first_not_of('-')), zsh_action(option.kind, option.choices));
        }
        specs += fmt::format(" \\\n        '{}'", spec);
      }
    }
    if (command.positional != ValueKind::Flag) {
      specs += fmt::format(" \\\n        '*:argument:{}'", zsh_action(command.positional, command.positional_choices));
    }
    cases += fmt::format("    {})\n      _arguments -s{} ;;\n", command.name, specs);
  }
  return fmt::format(
      "#compdef cchc\n"
      "# zsh completion for cchc. Generated by `cchc completion zsh` from cchc's own command definitions;\n"
      "# do not edit. Install: save as _cchc in a folder of $fpath (the .deb uses\n"
      "# /usr/share/zsh/vendor-completions).\n"
      "\n"
      "# Ids of the plans in reach: the files and folders on the command line, else plans/ or $CCHC_PLANS.\n"
      "_cchc_ids() {{\n"
      "  local -a paths ids\n"
      "  local word\n"
      "  for word in ${{words[2,-1]}}; do [[ $word != -* && -e $word ]] && paths+=($word); done\n"
      "  ids=(${{(f)\"$(_call_program ids ${{_cchc_binary:-cchc}} __complete $1 $paths 2>/dev/null)\"}})\n"
      "  compadd -a ids\n"
      "}}\n"
      "\n"
      "_cchc() {{\n"
      "  local -a commands\n"
      "  commands=(\n{}  )\n"
      "  if (( CURRENT == 2 )); then\n"
      "    _describe -t commands 'cchc command' commands\n"
      "    _arguments '--help[Print help]' '--version[Print the version]'\n"
      "    return\n"
      "  fi\n"
      "  local command=${{words[2]}} _cchc_binary=${{words[1]}}\n"
      "  shift words\n"
      "  (( CURRENT-- ))\n"
      "  case $command in\n{}"
      "  esac\n"
      "}}\n"
      "\n"
      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _cchc \"$@\"; else compdef _cchc cchc; fi\n",
      described, cases);
}

// ---- fish ----

std::string fish_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string fish_script(const std::vector<CommandInfo>& commands) {
  std::vector<std::string> names;
  names.reserve(commands.size());
  for (const auto& command : commands) names.push_back(command.name);
  std::string lines;
  for (const auto& command : commands) {
    lines += fmt::format("complete -c cchc -n '__fish_use_subcommand' -a {} -d {}\n", command.name,
                         fish_quote(command.description));
  }
  for (const auto& command : commands) {
    const std::string when = fmt::format("-n '__fish_seen_subcommand_from {}'", command.name);
    lines += "\n";
    for (const auto& option : command.options) {
      std::string line = fmt::format("complete -c cchc {}", when);
      for (const auto& name : option.names) {
        line +=
            name.rfind("--", 0) == 0 ? fmt::format(" -l {}", name.substr(2)) : fmt::format(" -s {}", name.substr(1));
      }
      switch (option.kind) {
        case ValueKind::Flag: break;
        case ValueKind::Choices: line += fmt::format(" -x -a {}", fish_quote(join(option.choices, " "))); break;
        case ValueKind::Agencies:
        case ValueKind::Plans:
        case ValueKind::Tasks: line += fmt::format(" -x -a '(__cchc_ids {})'", dynamic_source(option.kind)); break;
        case ValueKind::Files: line += " -r -F"; break;
        default: line += " -x"; break;
      }
      lines += line + fmt::format(" -d {}\n", fish_quote(option.description));
    }
    switch (command.positional) {
      case ValueKind::Files: lines += fmt::format("complete -c cchc {} -F\n", when); break;
      case ValueKind::Tasks: lines += fmt::format("complete -c cchc {} -a '(__cchc_ids tasks)'\n", when); break;
      case ValueKind::Choices:
        lines += fmt::format("complete -c cchc {} -a {}\n", when, fish_quote(join(command.positional_choices, " ")));
        break;
      default: break;
    }
  }
  return fmt::format(
      "# fish completion for cchc. Generated by `cchc completion fish` from cchc's own command definitions;\n"
      "# do not edit. Install: save as cchc.fish in a completions folder (the .deb uses\n"
      "# /usr/share/fish/vendor_completions.d).\n"
      "\n"
      "# Ids of the plans in reach: the files and folders on the command line, else plans/ or $CCHC_PLANS.\n"
      "function __cchc_ids\n"
      "    set -l words (commandline -opc)\n"
      "    set -l paths\n"
      "    for word in $words[2..-1]\n"
      "        if not string match -q -- '-*' $word; and test -e $word\n"
      "            set -a paths $word\n"
      "        end\n"
      "    end\n"
      "    $words[1] __complete $argv[1] $paths 2>/dev/null\n"
      "end\n"
      "\n"
      "complete -c cchc -f\n"
      "complete -c cchc -n '__fish_use_subcommand' -l help -d 'Print help'\n"
      "complete -c cchc -n '__fish_use_subcommand' -l version -d 'Print the version'\n"
      "{}",
      lines);
}

struct CompletionOptions {
  std::string shell;
  std::string kind;
  std::vector<std::string> paths;
};

int run_completion(const CLI::App& app, const CompletionOptions& options) {
  const auto commands = describe_commands(app);
  std::string script;
  if (options.shell == "bash") script = bash_script(commands);
  if (options.shell == "zsh") script = zsh_script(commands);
  if (options.shell == "fish") script = fish_script(commands);
  std::fwrite(script.data(), 1, script.size(), stdout);
  return kExitOk;
}

void collect_task_paths(std::span<const model::Task> tasks, std::set<std::string>& seen,
                        std::vector<std::string>& out) {
  for (const auto& task : tasks) {
    if (std::string path(model::full_path(task)); seen.insert(path).second) out.push_back(std::move(path));
    collect_task_paths(task.children, seen, out);
  }
}

/// Prints one id a line, in file order; unreadable or broken plans give what
/// they can and never an error (a completion must not spill onto the prompt).
int run_complete(const CompletionOptions& options) {
  Inputs inputs = read_inputs(options.paths.empty() ? default_paths() : options.paths, load::Limits{}.max_file_bytes);
  std::set<std::string> seen;
  std::vector<std::string> ids;
  for (const auto& file : inputs.files) {
    const load::LoadResult result = load::load_plan(file.text(), file.path);
    if (!result.plan) continue;
    const auto& plan = *result.plan;
    if (options.kind == "tasks") collect_task_paths(plan.tasks, seen, ids);
    if (options.kind == "plans" && seen.insert(plan.id.value).second) ids.push_back(plan.id.value);
    if (options.kind == "agencies") {
      for (const auto& agency : plan.agencies) {
        if (seen.insert(agency.id.value).second) ids.push_back(agency.id.value);
      }
    }
  }
  for (const auto& id : ids) std::fputs((id + "\n").c_str(), stdout);
  return kExitOk;
}

}  // namespace

void register_completion_commands(CLI::App& app, int& exit_code) {
  static CompletionOptions completion;
  CLI::App* command = app.add_subcommand(
      "completion", "Print the shell completion script for bash, zsh or fish (the .deb installs them)");
  command->add_option("SHELL", completion.shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  command->callback([&app, &exit_code] { exit_code = run_completion(app, completion); });

  static CompletionOptions complete;
  CLI::App* hidden = app.add_subcommand("__complete", "Print ids for shell completion");
  hidden->group("");
  hidden->add_option("KIND", complete.kind, "tasks, agencies or plans")
      ->required()
      ->check(CLI::IsMember({"tasks", "agencies", "plans"}));
  hidden->add_option("PATH", complete.paths, "Plan files or folders");
  hidden->callback([&exit_code] {
    try {
      exit_code = run_complete(complete);
    } catch (const UsageError&) {
      exit_code = kExitOk;  // e.g. a malformed $CCHC_NOW: complete nothing rather than print
    }
  });
}

}  // namespace cchc::cli
