#pragma once

#include <string>

namespace CLI {
class App;
}

namespace cchc::cli {

/// What `cchc calendar` was asked.
struct CalendarOptions {
  std::string year;
  std::string add_working_days;
  std::string from;
  std::string format = "table";
  std::string lang = "vi";
};

/// Declares the options of `cchc calendar` on its subcommand.
void setup_calendar(CLI::App& command, CalendarOptions& options);
/// Prints the days off of a year, or answers a working-day question; returns the exit code.
int run_calendar(const CalendarOptions& options);

}  // namespace cchc::cli
