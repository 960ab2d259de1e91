#include "cli/commands.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>

#include "check/check.hpp"
#include "cli/calendar_command.hpp"
#include "cli/edit_command.hpp"
#include "cli/inputs.hpp"
#include "cli/parallel.hpp"
#include "evaluate/evaluate.hpp"
#include "evaluate/rollup.hpp"
#include "load/load.hpp"
#include "render/render.hpp"
#include "stats/stats.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

namespace cchc::cli {

namespace {

/// Options shared by the commands that read plans.
struct Options {
  std::vector<std::string> paths;
  std::string today;
  std::string format = "table";
  std::string lang;
  std::vector<std::string> leads;
  std::vector<std::string> agencies;
  std::vector<std::string> plans;
  std::vector<std::string> states;
  std::string color = "auto";
  int width = 0;
  std::string within = "14d";
  std::string sort = "urgency";
  bool exit_code = false;
  bool rollup = false;       ///< status, overdue, upcoming: roll child plans up into the tasks they implement
  EditCommand edit;          ///< done, start, cancel, reopen, progress
  std::string by = "lead";   ///< stats: lead, plan, section or month
  std::string from;          ///< stats: window start
  std::string to;            ///< stats: window end
  CalendarOptions calendar;  ///< `cchc calendar` only
};

/// Every plan file read, with what loading and checking it found.
struct Loaded {
  std::vector<SourceFile> files;
  std::vector<std::optional<model::Plan>> plans;  ///< parallel to files; empty when unreadable
  std::vector<util::Diagnostics> diagnostics;     ///< parallel to files
  std::vector<std::string> io_errors;
};

bool stream_is_terminal(std::FILE* stream) { return isatty(fileno(stream)) != 0; }

bool no_color_requested() {
  const char* value = std::getenv("NO_COLOR");
  return value != nullptr && *value != '\0';
}

bool use_color(const std::string& mode, std::FILE* stream) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return stream_is_terminal(stream) && !no_color_requested();
}

int terminal_width(int requested) {
  if (requested > 0) return requested;
  winsize size{};
  if (stream_is_terminal(stdout) && ioctl(fileno(stdout), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS")) {
    const int value = std::atoi(columns);
    if (value > 0) return value;
  }
  return 120;  // mail and files: wide enough for a row, narrow enough to read
}

void write_out(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void write_err(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stderr); }

Loaded load_all(const std::vector<std::string>& paths) {
  Loaded loaded;
  const load::Limits limits = plan_limits();
  Inputs inputs = read_inputs(paths.empty() ? default_paths() : paths, limits.max_file_bytes);
  loaded.io_errors = std::move(inputs.errors);
  loaded.files = std::move(inputs.files);
  loaded.plans.resize(loaded.files.size());
  loaded.diagnostics.resize(loaded.files.size());
  // Each file is loaded and checked on its own, on every core; results land in the file's slot, so the
  // output is the same whatever the number of threads (CCHC_JOBS).
  for_each_index(loaded.files.size(), loading_jobs(), [&loaded, &limits](std::size_t i) {
    const SourceFile& file = loaded.files[i];
    load::LoadResult result = load::load_plan(file.text, file.path, limits);
    if (result.plan) {
      auto checked = check::check_plan(*result.plan);
      result.diagnostics.insert(result.diagnostics.end(), checked.begin(), checked.end());
    }
    loaded.plans[i] = std::move(result.plan);
    loaded.diagnostics[i] = std::move(result.diagnostics);
  });
  std::vector<const model::Plan*> plans;
  for (const auto& plan : loaded.plans) {
    if (plan) plans.push_back(&*plan);
  }
  for (auto& diagnostic : check::check_plans(plans)) {
    for (std::size_t i = 0; i < loaded.files.size(); ++i) {
      if (loaded.files[i].path == diagnostic.file) loaded.diagnostics[i].push_back(diagnostic);
    }
  }
  for (auto& diagnostics : loaded.diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
  }
  return loaded;
}

struct ProblemCounts {
  int errors = 0;
  int warnings = 0;
  int files_with_errors = 0;
};

/// Prints every diagnostic on stderr, like a compiler, and counts them.
ProblemCounts report_problems(const Loaded& loaded, const std::string& color_mode) {
  const bool color = use_color(color_mode, stderr);
  ProblemCounts counts;
  for (const auto& error : loaded.io_errors) write_err(error + "\n");
  for (std::size_t i = 0; i < loaded.files.size(); ++i) {
    bool file_has_errors = false;
    for (const auto& diagnostic : loaded.diagnostics[i]) {
      write_err(render::format_diagnostic(diagnostic, loaded.files[i].text, color));
      if (diagnostic.severity == util::Severity::Error) {
        ++counts.errors;
        file_has_errors = true;
      } else {
        ++counts.warnings;
      }
    }
    if (file_has_errors || !loaded.plans[i]) ++counts.files_with_errors;
  }
  if (counts.errors > 0 || counts.warnings > 0) {
    write_err(fmt::format("cchc: {} error{}, {} warning{} in {} file{}\n", counts.errors, counts.errors == 1 ? "" : "s",
                          counts.warnings, counts.warnings == 1 ? "" : "s", loaded.files.size(),
                          loaded.files.size() == 1 ? "" : "s"));
  }
  return counts;
}

bool file_is_usable(const Loaded& loaded, std::size_t index) {
  return loaded.plans[index].has_value() && !util::has_errors(loaded.diagnostics[index]);
}

/// "14", "14d", "2w": a number of days.
int parse_within(const std::string& text) {
  std::string digits = text;
  int factor = 1;
  if (!digits.empty() && (digits.back() == 'd' || digits.back() == 'w')) {
    factor = digits.back() == 'w' ? 7 : 1;
    digits.pop_back();
  }
  if (digits.empty() || digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
    throw UsageError{fmt::format("--within '{}' is not a duration; write a number of days like 14, 14d or 2w", text)};
  }
  return std::stoi(digits) * factor;
}

/// Maps what the user typed after --lead/--agency (an id, a name or a short
/// name, in any case or Unicode form) to agency ids of the loaded plans.
std::vector<std::string> resolve_agencies(const std::vector<std::string>& wanted,
                                          const std::vector<const model::Plan*>& plans, const char* flag) {
  std::vector<std::string> ids;
  std::vector<std::string> known;
  for (const auto* plan : plans) {
    for (const auto& agency : plan->agencies) known.push_back(agency.id.value);
  }
  for (const auto& text : wanted) {
    const std::string folded = util::fold_case(util::collapse_whitespace(text));
    bool found = false;
    for (const auto* plan : plans) {
      for (const auto& agency : plan->agencies) {
        if (agency.id.value == text || util::fold_case(agency.name) == folded ||
            (!agency.short_name.empty() && util::fold_case(agency.short_name) == folded)) {
          ids.push_back(agency.id.value);
          found = true;
        }
      }
    }
    if (!found) {
      std::string message = fmt::format("{} '{}': no plan has this agency", flag, text);
      if (auto near = util::closest_match(text, known)) message += fmt::format("; did you mean '{}'?", *near);
      throw UsageError{message};
    }
  }
  return ids;
}

std::vector<evaluate::State> resolve_states(const std::vector<std::string>& wanted) {
  std::vector<evaluate::State> states;
  for (const auto& text : wanted) {
    if (auto state = evaluate::parse_state(text)) {
      states.push_back(*state);
      continue;
    }
    std::vector<std::string> names;
    for (auto state : evaluate::all_states()) names.emplace_back(evaluate::to_string(state));
    std::string message = fmt::format("--state '{}' is not a state; use one of: {}", text, fmt::join(names, ", "));
    if (auto near = util::closest_match(text, names)) message += fmt::format(" (did you mean '{}'?)", *near);
    throw UsageError{message};
  }
  return states;
}

render::Format resolve_format(const std::string& text) {
  if (text == "table") return render::Format::Table;
  if (text == "markdown" || text == "md") return render::Format::Markdown;
  if (text == "csv") return render::Format::Csv;
  if (text == "json") return render::Format::Json;
  throw UsageError{fmt::format("--format '{}' is not known; use table, markdown, csv or json", text)};
}

int run_validate(const Options& options) {
  const Loaded loaded = load_all(options.paths);
  const ProblemCounts counts = report_problems(loaded, options.color);
  for (std::size_t i = 0; i < loaded.files.size(); ++i) {
    if (!file_is_usable(loaded, i)) continue;
    const auto& plan = *loaded.plans[i];
    std::size_t tasks = 0;
    std::vector<const model::Task*> pending;
    for (const auto& task : plan.tasks) pending.push_back(&task);
    while (!pending.empty()) {
      const auto* task = pending.back();
      pending.pop_back();
      ++tasks;
      for (const auto& child : task->children) pending.push_back(&child);
    }
    write_out(fmt::format("ok: {}: plan '{}', {} tasks, {} sections\n", shown_path(loaded.files[i].path), plan.id.value,
                          tasks, plan.sections.size()));
  }
  if (!loaded.io_errors.empty()) return kExitUsage;
  return counts.errors > 0 ? kExitProblems : kExitOk;
}

int run_list(render::View view, const Options& options) {
  const render::Format format = resolve_format(options.format);
  const std::optional<util::Date> fixed_today = cli::fixed_today(options.today);
  if (!options.lang.empty() && options.lang != "vi" && options.lang != "en") {
    throw UsageError{fmt::format("--lang '{}' is not known; use vi or en", options.lang)};
  }
  if (options.sort != "urgency" && options.sort != "document") {
    throw UsageError{fmt::format("--sort '{}' is not known; use urgency or document", options.sort)};
  }
  evaluate::Options evaluate_options;
  evaluate_options.soon_days = parse_within(options.within);

  const Loaded loaded = load_all(options.paths);
  const ProblemCounts counts = report_problems(loaded, options.color);

  std::vector<const model::Plan*> plans;
  for (std::size_t i = 0; i < loaded.files.size(); ++i) {
    if (file_is_usable(loaded, i)) plans.push_back(&*loaded.plans[i]);
  }

  evaluate::Filter filter;
  filter.leads = resolve_agencies(options.leads, plans, "--lead");
  filter.agencies = resolve_agencies(options.agencies, plans, "--agency");
  filter.states = resolve_states(options.states);
  for (const auto& plan_id : options.plans) {
    const bool known =
        std::any_of(plans.begin(), plans.end(), [&](const auto* plan) { return plan->id.value == plan_id; });
    if (!known) {
      std::vector<std::string> ids;
      ids.reserve(plans.size());
      for (const auto* plan : plans) ids.push_back(plan->id.value);
      std::string message = fmt::format("--plan '{}': no plan has this id", plan_id);
      if (auto near = util::closest_match(plan_id, ids)) message += fmt::format("; did you mean '{}'?", *near);
      throw UsageError{message};
    }
    filter.plans.push_back(plan_id);
  }
  if (view != render::View::Status) filter.actionable_only = true;

  render::Options render_options;
  render_options.view = view;
  render_options.width = terminal_width(options.width);
  render_options.color = use_color(options.color, stdout);
  render_options.language = plans.empty() ? model::Language::Vi : plans.front()->language;
  if (!options.lang.empty()) render_options.language = options.lang == "en" ? model::Language::En : model::Language::Vi;

  const std::time_t now = current_time();
  std::vector<evaluate::Item> items;
  bool first = true;
  for (const auto* plan : plans) {
    std::optional<util::Date> today = fixed_today;
    if (!today) today = date_in_zone(now, plan->timezone);
    if (!today) {
      throw UsageError{fmt::format("{}: time zone '{}' is not known on this machine; install tzdata or pass --today",
                                   shown_path(plan->file), shown_path(plan->timezone))};
    }
    if (first) render_options.today = *today;
    first = false;
    auto evaluated = evaluate::evaluate_plan(*plan, *today, evaluate_options);
    for (auto& item : evaluated) {
      item.order += items.size();
      items.push_back(std::move(item));
    }
  }
  if (plans.empty()) render_options.today = fixed_today ? *fixed_today : date_in_zone(now, "Asia/Ho_Chi_Minh").value();

  if (options.rollup) {
    // The plans' `parent:` links fold each child plan into the task it implements; the view shows the top
    // plans (or the --plan ones) with one row per implementing plan under each such task, in document order.
    evaluate::roll_up(items, plans);
    items = evaluate::rollup_view(items, plans, filter.plans);
    filter.plans.clear();
  }
  // Sections whose deadline only repeats their tasks' add nothing to a list of work.
  std::erase_if(
      items, [](const evaluate::Item& item) { return item.kind == evaluate::ItemKind::Section && item.due_derived; });
  // The overdue list keeps overdue rows only: selecting them first spares copying every other row (on a plan of
  // 10 000 tasks, copying rows was about a tenth of the time in a profile).
  if (view == render::View::Overdue && filter.states.empty()) filter.states = {evaluate::State::Overdue};
  auto selected = evaluate::select(items, filter);
  if (view == render::View::Overdue) {
    std::erase_if(selected, [](const auto& item) { return item.state != evaluate::State::Overdue; });
  } else if (view == render::View::Upcoming) {
    std::erase_if(selected, [](const auto& item) {
      return item.state != evaluate::State::DueToday && item.state != evaluate::State::DueSoon;
    });
  }
  if (options.sort == "urgency" && !options.rollup) {  // a rolled-up view reads as a tree: document order
    evaluate::sort_by_urgency(selected);
    render_options.indent_by_depth = false;  // indentation means nothing once rows are reordered
  }
  // Nothing could be read at all: the error says why; a "no tasks" table would only mislead.
  const bool nothing_read = loaded.files.empty() && !loaded.io_errors.empty();
  if (!nothing_read) write_out(render::render(format, selected, render_options));

  if (!loaded.io_errors.empty()) return kExitUsage;
  if (counts.errors > 0) return kExitProblems;
  if (view == render::View::Overdue && options.exit_code && !selected.empty()) return kExitProblems;
  return kExitOk;
}

int run_stats(const Options& options) {
  const render::Format format = resolve_format(options.format);
  stats::Options stats_options;
  if (options.by == "lead") {
    stats_options.by = stats::GroupBy::Lead;
  } else if (options.by == "plan") {
    stats_options.by = stats::GroupBy::Plan;
  } else if (options.by == "section") {
    stats_options.by = stats::GroupBy::Section;
  } else if (options.by == "month") {
    stats_options.by = stats::GroupBy::Month;
  } else {
    throw UsageError{fmt::format("--by '{}' is not known; use lead, plan, section or month", options.by)};
  }
  const auto window_day = [](const std::string& text, const char* flag) -> std::optional<util::Date> {
    if (text.empty()) return std::nullopt;
    if (auto date = util::parse_iso_date(text)) return date;
    throw UsageError{fmt::format("{} '{}' is not a date; write it as YYYY-MM-DD", flag, text)};
  };
  stats_options.from = window_day(options.from, "--from");
  stats_options.to = window_day(options.to, "--to");
  if (stats_options.from && stats_options.to && *stats_options.to < *stats_options.from) {
    throw UsageError{"--to is before --from"};
  }
  if (!options.lang.empty() && options.lang != "vi" && options.lang != "en") {
    throw UsageError{fmt::format("--lang '{}' is not known; use vi or en", options.lang)};
  }
  const std::optional<util::Date> fixed = cli::fixed_today(options.today);
  const Loaded loaded = load_all(options.paths);
  const ProblemCounts counts = report_problems(loaded, options.color);
  std::vector<const model::Plan*> plans;
  for (std::size_t i = 0; i < loaded.files.size(); ++i) {
    if (file_is_usable(loaded, i)) plans.push_back(&*loaded.plans[i]);
  }
  // One day for the whole report: --today, else today in the first plan's zone.
  std::optional<util::Date> today = fixed;
  if (!today) today = date_in_zone(current_time(), plans.empty() ? "Asia/Ho_Chi_Minh" : plans.front()->timezone);
  if (!today) throw UsageError{"the plan's time zone is not known on this machine; install tzdata or pass --today"};
  std::vector<evaluate::Item> items;
  for (const auto* plan : plans) {
    auto evaluated = evaluate::evaluate_plan(*plan, *today);
    items.insert(items.end(), evaluated.begin(), evaluated.end());
  }
  const auto report = stats::compute(plans, items, *today, stats_options);
  bool vietnamese = plans.empty() || plans.front()->language == model::Language::Vi;
  if (!options.lang.empty()) vietnamese = options.lang == "vi";
  const stats::Format stats_format = format == render::Format::Markdown ? stats::Format::Markdown
                                     : format == render::Format::Csv    ? stats::Format::Csv
                                     : format == render::Format::Json   ? stats::Format::Json
                                                                        : stats::Format::Table;
  write_out(stats::render(report, stats_format, vietnamese));
  if (!loaded.io_errors.empty()) return kExitUsage;
  return counts.errors > 0 ? kExitProblems : kExitOk;
}

void add_path_and_color(CLI::App& command, Options& options) {
  command.add_option("PATH", options.paths, "Plan files or folders (default: plans/, or $CCHC_PLANS)");
  command.add_option("--color", options.color, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_list_options(CLI::App& command, Options& options) {
  add_path_and_color(command, options);
  command.add_option(
      "--today", options.today,
      "The date to evaluate against, YYYY-MM-DD (also $CCHC_TODAY; default: today in the plan's time zone)");
  command.add_option("--format,-f", options.format, "Output: table, markdown, csv or json");
  command.add_option("--lang", options.lang, "Labels in vi or en (default: the plan's language)");
  // One value per flag (repeat the flag for more), so `--lead snv plans` leaves `plans` as a PATH.
  command.add_option("--lead", options.leads, "Only tasks led by this agency (id or name; repeatable)")
      ->allow_extra_args(false);
  command.add_option("--agency", options.agencies, "Only tasks this agency leads or supports (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--plan", options.plans, "Only this plan id (repeatable)")->allow_extra_args(false);
  command
      .add_option("--state", options.states,
                  "Only tasks in this state: overdue, due-today, due-soon, in-progress, upcoming, ongoing, "
                  "no-deadline, done-late, done, cancelled (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--width", options.width, "Table width in columns (default: the terminal's, or $COLUMNS)");
  command.add_option("--sort", options.sort, "Row order: urgency (overdue first) or document");
  command.add_flag("--rollup", options.rollup,
                   "Fold the plans that implement a task (their 'parent:') into it: its state and counts include "
                   "theirs; shows the top plans, in document order");
}

/// The options every editing command has; `action` says which one it is.
void add_edit_options(CLI::App& command, Options& options, edit::Action action) {
  EditCommand& edit = options.edit;
  edit.action = action;
  command.add_option("ID", edit.id, "The task's full number, as 'cchc status' shows it (e.g. 3.1)")->required();
  if (action == edit::Action::Progress) {
    command.add_option("PERCENT", edit.percent, "How much of the work is done, 0 to 100")->required();
  }
  command.add_option("PATH", edit.paths, "Plan files or folders to look in (default: plans/, or $CCHC_PLANS)");
  command.add_option("--plan", edit.plans, "The plan holding the task, when several plans have this id")
      ->allow_extra_args(false);
  command.add_flag("--section", edit.section, "ID names a report section (under 'sections:'), not a task");
  command.add_flag("--dry-run,-n", edit.dry_run, "Print the change as a unified diff; write nothing");
  command.add_option("--color", edit.color, "Colour of warnings: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  if (action == edit::Action::Done) {
    command.add_option("--on", edit.on, "The day the work was finished, YYYY-MM-DD (default: today)");
    command.add_option("--today", edit.today, "Today, YYYY-MM-DD (also $CCHC_TODAY; default: the plan's time zone)");
    command
        .add_option("--evidence", edit.evidence,
                    "What proves it, e.g. \"Báo cáo số 45/BC-STP ngày 28/4/2020\" or a link (repeatable; "
                    "replaces the recorded evidence)")
        ->allow_extra_args(false);
  }
  if (action == edit::Action::Cancel) {
    command.add_option("--reason", edit.reason, "Why the work is cancelled")->required();
  }
}

/// One subcommand: its name, one-line help, and how it is set up.
struct CommandSpec {
  const char* name;
  const char* help;
  void (*setup)(CLI::App& command, Options& options);
  int (*run)(const Options& options);
};

const CommandSpec kCommands[] = {
    {"validate", "Check plan files and report every problem with its file:line:col",
     [](CLI::App& command, Options& options) { add_path_and_color(command, options); },
     [](const Options& options) { return run_validate(options); }},
    {"status", "Show every task with its state on a day",
     [](CLI::App& command, Options& options) {
       add_list_options(command, options);
       command.add_option("--within", options.within, "How far ahead counts as due soon (default 14d; e.g. 7, 2w)");
     },
     [](const Options& options) { return run_list(render::View::Status, options); }},
    {"overdue", "List overdue tasks; prints nothing when none (for cron)",
     [](CLI::App& command, Options& options) {
       add_list_options(command, options);
       command.add_flag("--exit-code", options.exit_code, "Exit with 1 when something is overdue");
     },
     [](const Options& options) { return run_list(render::View::Overdue, options); }},
    {"upcoming", "List tasks due within a period (default 14 days)",
     [](CLI::App& command, Options& options) {
       add_list_options(command, options);
       command.add_option("--within", options.within, "How far ahead to look (default 14d; e.g. 7, 30d, 2w)");
     },
     [](const Options& options) { return run_list(render::View::Upcoming, options); }},
    {"stats", "On-time statistics per lead, plan, section or month, with PAR-style points",
     [](CLI::App& command, Options& options) {
       add_path_and_color(command, options);
       command.add_option("--today", options.today,
                          "The day the report is made as of, YYYY-MM-DD (also $CCHC_TODAY); done dates after it "
                          "count as not done");
       command.add_option("--by", options.by, "Group by lead (default), plan, section or month");
       command.add_option("--from", options.from, "Count only tasks due on or after this day, YYYY-MM-DD");
       command.add_option("--to", options.to, "Count only tasks due on or before this day, YYYY-MM-DD");
       command.add_option("--format,-f", options.format, "Output: table, markdown, csv or json");
       command.add_option("--lang", options.lang, "Labels in vi or en (default: the plan's language)");
     },
     [](const Options& options) { return run_stats(options); }},
    {"log", "Show who changed a task and when, from git history (read-only)",
     [](CLI::App& command, Options& options) {
       EditCommand& edit = options.edit;
       command.add_option("ID", edit.id, "The task's full number (e.g. 3.1)")->required();
       command.add_option("PATH", edit.paths, "Plan files or folders to look in (default: plans/, or $CCHC_PLANS)");
       command.add_option("--plan", edit.plans, "The plan holding the task, when several plans have this id")
           ->allow_extra_args(false);
       command.add_flag("--section", edit.section, "ID names a report section, not a task");
     },
     [](const Options& options) { return run_log(options.edit); }},
    {"done", "Record a task as done: status, done date, evidence (edits the plan file)",
     [](CLI::App& command, Options& options) { add_edit_options(command, options, edit::Action::Done); },
     [](const Options& options) { return run_edit(options.edit); }},
    {"start", "Record a task as started: status doing (edits the plan file)",
     [](CLI::App& command, Options& options) { add_edit_options(command, options, edit::Action::Start); },
     [](const Options& options) { return run_edit(options.edit); }},
    {"cancel", "Record a task as cancelled, with the reason (edits the plan file)",
     [](CLI::App& command, Options& options) { add_edit_options(command, options, edit::Action::Cancel); },
     [](const Options& options) { return run_edit(options.edit); }},
    {"reopen", "Record a done or cancelled task as not done after all (edits the plan file)",
     [](CLI::App& command, Options& options) { add_edit_options(command, options, edit::Action::Reopen); },
     [](const Options& options) { return run_edit(options.edit); }},
    {"progress", "Record how far a task is, in percent (edits the plan file)",
     [](CLI::App& command, Options& options) { add_edit_options(command, options, edit::Action::Progress); },
     [](const Options& options) { return run_edit(options.edit); }},
    {"calendar", "Days off of a year (holidays, Tết, compensatory days) and working-day counts",
     [](CLI::App& command, Options& options) { setup_calendar(command, options.calendar); },
     [](const Options& options) { return run_calendar(options.calendar); }},
};

}  // namespace

void register_commands(CLI::App& app, int& exit_code) {
  // Options live as long as the app; each subcommand has its own set.
  static std::vector<std::unique_ptr<Options>> storage;
  for (const auto& spec : kCommands) {
    auto& options = *storage.emplace_back(std::make_unique<Options>());
    CLI::App* command = app.add_subcommand(spec.name, spec.help);
    spec.setup(*command, options);
    const auto run = spec.run;
    command->callback([run, &options, &exit_code] { exit_code = run(options); });
  }
}

}  // namespace cchc::cli
