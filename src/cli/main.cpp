// cchc: tracks the deadlines of Vietnamese administrative-reform plans.
// The CLI is a thin layer: it parses arguments, reads files and the clock,
// and hands plain data to the pipeline stages (load → check → evaluate → render).

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/everyday.hpp"

int main(int argc, char** argv) {
  CLI::App app{"cchc: theo dõi kế hoạch cải cách hành chính (CCHC) — track administrative-reform plans", "cchc"};
  app.set_version_flag("--version", cchc::cli::version_text());
  app.require_subcommand(1);
  app.fallthrough();
  int exit_code = cchc::cli::kExitOk;
  if (!cchc::cli::register_commands(app, exit_code, argc > 1 ? argv[1] : ""))
    cchc::cli::register_everyday_commands(app, exit_code);
  cchc::cli::add_examples_to_help(app);
  try {
    cchc::cli::check_command_name(app, argc, argv);
    cchc::cli::apply_project_config(app);
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& error) {
    if (auto message = cchc::cli::explain_extras(app, app.remaining(true))) {
      std::fputs(message->c_str(), stderr);
      return cchc::cli::kExitUsage;
    }
    app.exit(error);
    return cchc::cli::kExitUsage;
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : cchc::cli::kExitUsage;
  } catch (const cchc::cli::UsageError& error) {
    std::fflush(stdout);
    std::fputs(fmt::format("cchc: error: {}\n", error.message).c_str(), stderr);
    return cchc::cli::kExitUsage;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    std::fputs(fmt::format("cchc: internal error: {}\n", error.what()).c_str(), stderr);
    return cchc::cli::kExitUsage;
  }
  return exit_code;
}
