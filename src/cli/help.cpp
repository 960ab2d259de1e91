// Help that teaches: examples under every command's --help, `cchc help TOPIC`,
// and "did you mean" for mistyped commands and flags.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/data.hpp"
#include "cli/everyday.hpp"
#include "util/spell.hpp"

namespace cchc::cli {

namespace {

/// Real command lines, run in a plans repository (they work on the bundled plans).
/// A command's example lines; an array of constants, not a map, so that nothing is built when cchc starts.
struct CommandExamples {
  std::string_view command;
  std::array<std::string_view, 3> lines;  ///< unused ones are empty
};

constexpr CommandExamples kExamples[] = {
    {"validate",
     {"cchc validate                         # every plan under plans/",
      "cchc validate plans/ha-tinh-2020-tong-ket-cchc.yaml  # one file",
      "cchc validate examples plans          # several folders"}},
    {"status",
     {"cchc status --today 2020-04-01", "cchc status --lead snv --format markdown > snv.md",
      "cchc status --rollup plans/tinh        # districts' and communes' plans under the tasks they implement"}},
    {"overdue",
     {"cchc overdue --today 2020-05-01", "cchc overdue --format markdown      # in cron: silent when nothing is late",
      "cchc overdue --exit-code --format json | jq -r '.items[].id'"}},
    {"upcoming", {"cchc upcoming --within 30d", "cchc upcoming --within 2w --agency stp --today 2020-02-20"}},
    {"init",
     {"cchc init                                # plans/ke-hoach-cchc-<year>.yaml, in Vietnamese",
      "cchc init plans/so-tu-phap-2025.yaml --lang en", "cchc init && cchc validate && cchc status"}},
    // The editing commands (done, start, cancel, reopen, progress), for when they are part of the binary.
    {"done",
     {"cchc done 3.1 --on 2020-04-28 --evidence \"Báo cáo số 45/BC-STP ngày 28/4/2020\"",
      "cchc done 3.1 --dry-run          # show the change as a diff; write nothing"}},
    {"start", {"cchc start 3.4", "cchc start 3.4 plans/ha-tinh-2020-tong-ket-cchc.yaml --dry-run"}},
    {"cancel", {"cchc cancel 3.9 --reason \"Gộp vào nhiệm vụ 3.8\"", "cchc cancel 3.9 --reason \"…\" --dry-run"}},
    {"reopen", {"cchc reopen 3.1", "cchc reopen 3.1 --dry-run"}},
    {"progress", {"cchc progress 3.2 60", "cchc progress 3.2 60 --dry-run"}},
    {"stats",
     {"cchc stats --by lead --today 2020-07-01        # on-time rate and points per lead agency",
      "cchc stats --by month --from 2020-01-01 --to 2020-06-30 --format csv"}},
    {"report",
     {"cchc report --today 2020-05-01 -o bao-cao.md && pandoc -f gfm bao-cao.md -o bao-cao.docx",
      "cchc report --format html -o bao-cao.html       # one page for a portal, a phone or A4 paper",
      "cchc report --agency snv --lang en               # what Sở Nội vụ leads or supports, in English"}},
    {"log",
     {"cchc log 3.1                      # who changed task 3.1 and when (git history)",
      "cchc log 1 --section --plan ha-tinh-tong-ket-cchc-2020"}},
    {"timeline",
     {"cchc timeline --today 2020-05-01                  # bars and deadlines in the terminal",
      "cchc timeline --format svg -o tien-do.svg        # a picture for a report or a web page",
      "cchc timeline --format mermaid --by lead >> README.md  # a gantt chart GitHub and GitLab draw"}},
    {"export",
     {"cchc export --format ics -o han.ics            # every deadline into a calendar; import again to update",
      "cchc export --format csv --excel -o nhiem-vu.csv  # opens in Excel with Vietnamese intact",
      "cchc export --format json | jq '.plans[].counts'"}},
    {"calendar",
     {"cchc calendar 2026                               # days off, Tết and Giỗ Tổ of 2026",
      "cchc calendar --add-working-days 5 --from 2026-02-13", "cchc calendar 2025 --format json --lang en"}},
    {"config",
     {"cchc config                  # which .cchc.yaml is used, and each setting's source",
      "cd plans/huyen && cchc config  # found in this folder or the nearest one above"}},
    {"completion",
     {"source <(cchc completion bash)                      # in ~/.bashrc", "cchc completion zsh > ~/.zfunc/_cchc",
      "cchc completion fish > ~/.config/fish/completions/cchc.fish"}},
    {"help",
     {"cchc help deadlines", "cchc help cron --lang vi", "cchc help status   # the same as cchc status --help"}},
};

struct Topic {
  std::string_view name;
  std::string_view summary;
  const char* const* vi;
  const char* const* en;
};

const Topic kTopics[] = {
    {"deadlines", "how `due` wordings are read (Trước ngày, Tháng … năm …, Thường xuyên)", &data::kHelpDeadlinesVi,
     &data::kHelpDeadlinesEn},
    {"formats", "table, markdown, csv and json output", &data::kHelpFormatsVi, &data::kHelpFormatsEn},
    {"exit-codes", "what 0, 1 and 2 mean, for scripts", &data::kHelpExitCodesVi, &data::kHelpExitCodesEn},
    {"cron", "mailing the overdue list every morning", &data::kHelpCronVi, &data::kHelpCronEn},
};

void write_out(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

/// Commands a user may type (hidden ones have an empty group).
std::vector<std::string> visible_commands(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); })) {
    names.push_back(command->get_name());
  }
  return names;
}

std::string topic_list() {
  std::string text;
  for (const auto& topic : kTopics) text += fmt::format("  {:<12}{}\n", topic.name, topic.summary);
  return text;
}

/// vi when the user's locale is Vietnamese, en otherwise.
std::string default_help_language() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return std::string_view(value).substr(0, 2) == "vi" ? "vi" : "en";
  }
  return "en";
}

struct HelpOptions {
  std::string topic;
  std::string lang;
};

int run_help(const CLI::App& app, const HelpOptions& options) {
  const std::string lang = options.lang.empty() ? default_help_language() : options.lang;
  if (options.topic.empty()) {
    write_out(fmt::format(
        "Usage: cchc COMMAND [OPTIONS] [PATH...]\n\nCommands (cchc COMMAND --help for each):\n{}\nTopics (cchc help "
        "TOPIC [--lang vi|en]):\n{}\nStart a plan of your own: cchc init, then cchc validate and cchc status.\n",
        [&] {
          std::string text;
          for (const auto* command :
               app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); })) {
            text += fmt::format("  {:<12}{}\n", command->get_name(), command->get_description());
          }
          return text;
        }(),
        topic_list()));
    return kExitOk;
  }
  for (const auto& topic : kTopics) {
    if (topic.name == options.topic) {
      write_out(lang == "vi" ? *topic.vi : *topic.en);
      return kExitOk;
    }
  }
  for (const auto& name : visible_commands(app)) {
    if (name == options.topic) {
      const CLI::App* command = app.get_subcommand(name);
      write_out(command->help());
      return kExitOk;
    }
  }
  std::vector<std::string> known = visible_commands(app);
  for (const auto& topic : kTopics) known.emplace_back(topic.name);
  std::string message = fmt::format("help: '{}' is neither a topic nor a command", options.topic);
  if (auto near = util::closest_match(options.topic, known)) message += fmt::format("; did you mean '{}'?", *near);
  message += fmt::format("\nTopics:\n{}", topic_list());
  throw UsageError{message};
}

}  // namespace

std::string examples_footer(std::string_view command) {
  const auto* found = std::find_if(std::begin(kExamples), std::end(kExamples),
                                   [&](const CommandExamples& examples) { return examples.command == command; });
  if (found == std::end(kExamples)) return {};
  std::string text = "\nExamples:\n";
  for (const std::string_view line : found->lines) {
    if (!line.empty()) text += fmt::format("  {}\n", line);
  }
  text += "\nMore: cchc help (topics: deadlines, formats, exit-codes, cron)";
  return text;
}

void add_examples_to_help(CLI::App& app) {
  for (auto* command : app.get_subcommands([](CLI::App*) { return true; })) {
    command->footer(examples_footer(command->get_name()));
  }
  app.footer(
      "\nExamples:\n  cchc init && cchc validate      # start a plan of your own\n  cchc status --today 2020-04-01\n  "
      "cchc overdue --format markdown\n\nMore: cchc help (topics: deadlines, formats, exit-codes, cron)");
}

void register_help_command(CLI::App& app, int& exit_code) {
  static HelpOptions options;
  CLI::App* command = app.add_subcommand("help", "Explain a topic (deadlines, formats, exit-codes, cron) or a command");
  command->add_option("TOPIC", options.topic, "A topic or a command name; without it, the list of both");
  command->add_option("--lang", options.lang, "vi or en (default: from $LANG)")->check(CLI::IsMember({"vi", "en"}));
  command->callback([&app, &exit_code] { exit_code = run_help(app, options); });
}

void check_command_name(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2) return;
  const std::string word = argv[1];
  if (word.empty() || word[0] == '-') return;
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_name() == word) return;
    if (!command->get_group().empty()) names.push_back(command->get_name());
  }
  std::string message = fmt::format("'{}' is not a cchc command", word);
  if (auto near = util::closest_match(word, names)) {
    message += fmt::format("; did you mean '{}'?", *near);
  } else {
    message += fmt::format("; the commands are: {}", fmt::join(names, ", "));
  }
  message += "\nRun 'cchc --help' for the list of commands.";
  throw UsageError{message};
}

std::optional<std::string> explain_extras(const CLI::App& app, const std::vector<std::string>& extras) {
  const CLI::App* command = nullptr;
  for (const auto* parsed : app.get_subcommands()) command = parsed;
  std::vector<std::string> flags;
  const CLI::App* scope = command != nullptr ? command : &app;
  for (const auto* option : scope->get_options()) {
    for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
    for (const auto& name : option->get_snames()) flags.push_back("-" + name);
  }
  if (command != nullptr) {
    for (const auto* option : app.get_options()) {
      for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
    }
  }
  const std::string where = command != nullptr ? fmt::format("'cchc {}'", command->get_name()) : "cchc";
  std::string message;
  for (const auto& extra : extras) {
    if (!message.empty()) message += "\n";
    if (!extra.empty() && extra[0] == '-') {
      const std::string flag = extra.substr(0, extra.find('='));
      message += fmt::format("cchc: error: {} has no option '{}'", where, flag);
      if (auto near = util::closest_match(flag, flags)) message += fmt::format("; did you mean '{}'?", *near);
    } else {
      message += fmt::format("cchc: error: {} did not expect '{}'", where, extra);
    }
  }
  if (message.empty()) return std::nullopt;
  const std::string help_command =
      command != nullptr ? fmt::format("cchc {} --help", command->get_name()) : "cchc --help";
  return message + fmt::format("\nRun '{}' for its options and examples.\n", help_command);
}

void register_everyday_commands(CLI::App& app, int& exit_code) {
  register_init_command(app, exit_code);
  register_help_command(app, exit_code);
  register_completion_commands(app, exit_code);
  register_config_command(app, exit_code);
}

std::string version_text() { return fmt::format("cchc {} (git {})", CCHC_VERSION, data::kGitRevision); }

}  // namespace cchc::cli
