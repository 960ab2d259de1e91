#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace cchc::cli {

/// Exit codes, the same for every command (a contract for scripts and cron).
enum ExitCode : int {
  kExitOk = 0,
  kExitProblems = 1,  ///< problems found in plans (or, with --exit-code, overdue tasks)
  kExitUsage = 2,     ///< bad command line, unreadable file or folder
};

/// A command-line mistake found after parsing (unknown agency in --lead, bad --today…).
struct UsageError {
  std::string message;
};

/// Registers the subcommands on `app`; the chosen one runs from its callback and stores its exit code in
/// `exit_code`. When `invoked` names one of them (the first argument), only that one is registered: the others
/// could never be parsed in this run, and building them (CLI11 makes an App of each) was a fifth of the
/// instructions of `cchc status` on the seed plan. Help, completion and anything else see every command whole.
/// Returns whether it registered the invoked command alone (then the everyday commands are not needed either).
bool register_commands(CLI::App& app, int& exit_code, std::string_view invoked = {});

}  // namespace cchc::cli
