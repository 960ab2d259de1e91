#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/edit_command.hpp"
#include "cli/inputs.hpp"
#include "load/load.hpp"

namespace cchc::cli {

namespace fs = std::filesystem;

namespace {

struct Ran {
  int status = -1;  ///< exit status; 127 when the program could not be started
  std::string out;
};

/// Runs `argv` (no shell), capturing its standard output when `capture`, else letting it write to ours.
/// Its standard error is discarded when capturing.
Ran run_program(const std::vector<std::string>& argv, bool capture) {
  Ran ran;
  int pipe_fds[2] = {-1, -1};
  if (capture && pipe(pipe_fds) != 0) return ran;
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) return ran;
  if (pid == 0) {
    if (capture) {
      dup2(pipe_fds[1], STDOUT_FILENO);
      close(pipe_fds[0]);
      close(pipe_fds[1]);
      std::FILE* null = std::fopen("/dev/null", "w");
      if (null) dup2(fileno(null), STDERR_FILENO);
    }
    std::vector<char*> args;
    args.reserve(argv.size());
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  if (capture) {
    close(pipe_fds[1]);
    char buffer[65536];
    ssize_t got;
    while ((got = read(pipe_fds[0], buffer, sizeof buffer)) > 0) ran.out.append(buffer, static_cast<std::size_t>(got));
    close(pipe_fds[0]);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

}  // namespace

int run_log(const EditCommand& typed) {
  const EditInputs read = read_edit_inputs(typed);
  const Inputs& inputs = read.inputs;
  for (const auto& error : inputs.errors) std::fputs((error + "\n").c_str(), stderr);
  if (!inputs.errors.empty()) return kExitUsage;
  const std::vector<load::LoadResult>& loaded_files = read.plans;
  const EditCommand& command = read.command;
  std::vector<const SourceFile*> holding;
  for (std::size_t i = 0; i < inputs.files.size(); ++i) {
    const SourceFile& file = inputs.files[i];
    const load::LoadResult& loaded = loaded_files[i];
    if (!loaded.plan) continue;
    if (!command.plans.empty() &&
        std::find(command.plans.begin(), command.plans.end(), loaded.plan->id.value) == command.plans.end()) {
      continue;
    }
    if (edit::item_lines(file.text(), command.id, command.section)) holding.push_back(&file);
  }
  const std::string what = fmt::format("{} '{}'", command.section ? "section" : "task", command.id);
  if (holding.empty()) throw UsageError{fmt::format("no plan has {}", what)};
  if (holding.size() > 1)
    throw UsageError{fmt::format("{} is in {} plans; say which with --plan", what, holding.size())};
  const fs::path path = fs::absolute(holding.front()->path);
  const std::string folder = path.parent_path().string();
  const std::string name = path.filename().string();

  const Ran inside = run_program({"git", "-C", folder, "rev-parse", "--is-inside-work-tree"}, true);
  if (inside.status == 127) throw UsageError{"cchc log needs git, which is not installed (apt-get install git)"};
  if (inside.status != 0) {
    throw UsageError{
        fmt::format("{} is not in a git repository, so it has no recorded history; keep the plans in "
                    "git (git init; git add; git commit) to see who changed what",
                    holding.front()->path)};
  }
  // The range is taken from the committed version: git log -L reads line numbers in HEAD's file.
  const Ran committed = run_program({"git", "-C", folder, "show", "HEAD:./" + name}, true);
  const auto lines =
      committed.status == 0 ? edit::item_lines(committed.out, command.id, command.section) : std::nullopt;
  if (!lines) {
    throw UsageError{
        fmt::format("{} is not in the last commit of {}; commit the file first", what, holding.front()->path)};
  }
  const Ran log =
      run_program({"git", "-C", folder, "--no-pager", "log", "--no-color",
                   "--format=commit %h%nAuthor: %an <%ae>%nDate:   %ad%n%n    %s%n", "--date=format:%Y-%m-%d %H:%M",
                   fmt::format("-L{},{}:{}", lines->first, lines->second, name)},
                  false);
  return log.status == 0 ? kExitOk : kExitUsage;
}

}  // namespace cchc::cli
