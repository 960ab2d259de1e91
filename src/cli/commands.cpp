#include "cli/commands.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <numeric>
#include <optional>

#include "check/check.hpp"
#include "cli/cache.hpp"
#include "cli/calendar_command.hpp"
#include "cli/edit_command.hpp"
#include "cli/heap.hpp"
#include "cli/inputs.hpp"
#include "cli/parallel.hpp"
#include "cli/write_file.hpp"
#include "evaluate/evaluate.hpp"
#include "evaluate/rollup.hpp"
#include "load/load.hpp"
#include "render/export.hpp"
#include "render/render.hpp"
#include "render/report.hpp"
#include "render/timeline.hpp"
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
  std::string group_by;      ///< status, overdue, upcoming: --by plan or unit; empty for one list
  int jobs = 0;              ///< --jobs: threads that load plans; 0 for $CCHC_JOBS or every core
  EditCommand edit;          ///< done, start, cancel, reopen, progress
  std::string by = "lead";   ///< stats: lead, plan, section or month
  std::string from;          ///< stats: window start
  std::string to;            ///< stats: window end
  CalendarOptions calendar;  ///< `cchc calendar` only
  std::string output;        ///< report, timeline, export: -o FILE instead of stdout
  bool excel = false;        ///< export: CSV for Excel (BOM, ';')
  std::string delimiter;     ///< export: CSV field separator
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

/// A command's output, or a piece of it, written to the file descriptor directly: through stdio it would first be
/// copied into a buffer of stdio's own, a heap block and its pages in every run. Anything stdio holds goes first.
void write_out(std::string_view text) {
  std::fflush(stdout);
  for (std::size_t written = 0; written < text.size();) {
    const ssize_t count = ::write(STDOUT_FILENO, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return;  // as fwrite: nothing more can be written (a closed pipe ends the process first)
    written += static_cast<std::size_t>(count);
  }
}
void write_err(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stderr); }

Loaded load_all(const std::vector<std::string>& paths, int requested_jobs) {
  Loaded loaded;
  const load::Limits limits = plan_limits();
  Inputs inputs = read_inputs(paths.empty() ? default_paths() : paths, limits.max_file_bytes);
  prepare_heap_for(inputs.bytes);
  loaded.io_errors = std::move(inputs.errors);
  loaded.files = std::move(inputs.files);
  loaded.plans.resize(loaded.files.size());
  loaded.diagnostics.resize(loaded.files.size());
  // Each file is loaded and checked on its own, on every core; results land in the file's slot, so the
  // output is the same whatever the number of threads (CCHC_JOBS). When cores are left over (one large plan),
  // a large file is parsed in two parts at once; load_plan's result does not depend on it.
  const unsigned jobs = loading_jobs(requested_jobs);
  load::ParseOptions parse_options;
  if (loaded.files.size() < jobs) parse_options.two_parsers_from_bytes = two_parsers_from_bytes();
  parse_options.prepare_second_thread = prepare_thread_heap;
  parse_options.plain_yaml = plain_yaml_reader();
  parse_options.release_passed_text = util::release_passed_text;
  const std::unique_ptr<load::EventCache> event_cache = open_event_cache(limits.max_file_bytes);
  parse_options.event_cache = event_cache.get();
  const std::unique_ptr<load::EventCache> model_cache = open_model_cache(limits.max_file_bytes);
  parse_options.model_cache = model_cache.get();
  for_each_index(loaded.files.size(), jobs, [&loaded, &limits, &parse_options](std::size_t i) {
    const SourceFile& file = loaded.files[i];
    load::LoadResult result = load::load_plan(file.text(), file.path, limits, parse_options);
    if (result.plan) {
      auto checked = check::check_plan(*result.plan);
      result.diagnostics.insert(result.diagnostics.end(), checked.begin(), checked.end());
    }
    loaded.plans[i] = std::move(result.plan);
    loaded.diagnostics[i] = std::move(result.diagnostics);
  });
  for (std::size_t i = 0; i < loaded.files.size(); ++i) {
    if (!changed_since_mapped(loaded.files[i])) continue;
    loaded.io_errors.push_back(
        fmt::format("cchc: error: {}: the file changed while it was being read; run cchc again once it is saved",
                    shown_path(loaded.files[i].path)));
    loaded.plans[i].reset();
    loaded.diagnostics[i].clear();
  }
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
      write_err(render::format_diagnostic(diagnostic, loaded.files[i].text(), color));
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

/// The plans that loaded without errors, in the order of their files.
std::vector<const model::Plan*> usable_plans(const Loaded& loaded) {
  std::vector<const model::Plan*> plans;
  for (std::size_t i = 0; i < loaded.files.size(); ++i) {
    if (file_is_usable(loaded, i)) plans.push_back(&*loaded.plans[i]);
  }
  return plans;
}

/// The one day a whole report is made as of: --today (`fixed`), else today in the first plan's time zone.
util::Date report_day(const std::optional<util::Date>& fixed, const std::vector<const model::Plan*>& plans) {
  std::optional<util::Date> today = fixed;
  if (!today) today = date_in_zone(current_time(), plans.empty() ? "Asia/Ho_Chi_Minh" : plans.front()->timezone);
  if (!today) throw UsageError{"the plan's time zone is not known on this machine; install tzdata or pass --today"};
  return *today;
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

/// The language --lang asks for; nullopt when it is not given (the plan's language is used then).
std::optional<model::Language> resolve_language(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text == "vi") return model::Language::Vi;
  if (text == "en") return model::Language::En;
  throw UsageError{fmt::format("--lang '{}' is not known; use vi or en", text)};
}

render::Format resolve_format(const std::string& text) {
  if (text == "table") return render::Format::Table;
  if (text == "markdown" || text == "md") return render::Format::Markdown;
  if (text == "csv") return render::Format::Csv;
  if (text == "json") return render::Format::Json;
  throw UsageError{fmt::format("--format '{}' is not known; use table, markdown, csv or json", text)};
}

/// The --lead, --agency, --state and --plan filters, checked against the loaded plans.
evaluate::Filter resolve_filter(const Options& options, const std::vector<const model::Plan*>& plans) {
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
  return filter;
}

int run_validate(const Options& options) {
  const Loaded loaded = load_all(options.paths, options.jobs);
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

/// The plans read and evaluated on their day, with the filters of the command line resolved.
struct Evaluation {
  Loaded loaded;
  ProblemCounts counts;
  std::vector<const model::Plan*> plans;  ///< the usable ones; they point into `loaded`
  std::vector<evaluate::Item> items;      ///< every item of those plans, in document order
  evaluate::Filter filter;
  util::Date today;  ///< the first plan's day (--today, else today in its time zone)
  model::Language language = model::Language::Vi;
  bool nothing_read = false;  ///< no file could be read at all: the error says why, output would mislead
};

/// Keeps `evaluation` (the plans read, their texts, the rows) until the process ends instead of freeing it when
/// the command returns. The output is written by then, and freeing plans a string and a task at a time takes
/// longer than the exit, which drops the whole heap at once: 0.7 M of the 15 M instructions of a warm `cchc
/// overdue` on 1 000 tasks went to freeing them. What is kept stays reachable from a static, so a leak checker
/// (the ASan build of the tests) sees no leak.
void keep_until_exit(Evaluation&& evaluation) {
  static auto* const kept = new std::vector<Evaluation>();  // NOLINT(cppcoreguidelines-owning-memory)
  kept->push_back(std::move(evaluation));
}

/// Moves `rows` to the end of `items`; no row is copied (a plan of 10 000 tasks has 10 000 rows).
void append_rows(std::vector<evaluate::Item>& items, std::vector<evaluate::Item>&& rows) {
  if (items.empty()) {
    items = std::move(rows);
  } else {
    items.insert(items.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
}

/// Reads the PATHs, prints their problems, resolves --lead, --agency, --plan, --state and --lang, and
/// evaluates every usable plan on its day.
Evaluation evaluate_inputs(const Options& options, const evaluate::Options& evaluate_options) {
  const std::optional<util::Date> fixed_today = cli::fixed_today(options.today);
  const std::optional<model::Language> language = resolve_language(options.lang);
  Evaluation evaluation;
  evaluation.loaded = load_all(options.paths, options.jobs);
  evaluation.counts = report_problems(evaluation.loaded, options.color);
  // The files' text was kept to quote lines in the diagnostics; the model holds copies of what it needs. Freed
  // now, it makes room for the rows (21 MB of a 100 000-task plan, a tenth of the peak memory).
  for (auto& file : evaluation.loaded.files) file.drop_text();
  const Loaded& loaded = evaluation.loaded;
  std::vector<const model::Plan*>& plans = evaluation.plans;
  plans = usable_plans(loaded);
  evaluation.filter = resolve_filter(options, plans);
  evaluation.language = language.value_or(plans.empty() ? model::Language::Vi : plans.front()->language);

  const std::time_t now = current_time();
  bool first = true;
  std::size_t items_before = 0;  // of the plans before, kept or not
  for (const auto* plan : plans) {
    std::optional<util::Date> today = fixed_today;
    if (!today) today = date_in_zone(now, plan->timezone);
    if (!today) {
      throw UsageError{fmt::format("{}: time zone '{}' is not known on this machine; install tzdata or pass --today",
                                   shown_path(plan->file), shown_path(plan->timezone))};
    }
    if (first) evaluation.today = *today;
    first = false;
    auto evaluated = evaluate::evaluate_plan(*plan, *today, evaluate_options);
    // Numbered as cchc always has: the plan's offset plus twice the row's position (the offset used to grow as
    // rows were appended one by one). Ties between plans in the urgency order depend on it (golden tests
    // status-csv, status-examples); plain document order, as Item::order says, is a visible change of its own.
    for (auto& item : evaluated) item.order = items_before + 2 * item.order;
    items_before += evaluate::item_count(*plan);
    append_rows(evaluation.items, std::move(evaluated));
  }
  if (plans.empty()) evaluation.today = fixed_today ? *fixed_today : date_in_zone(now, "Asia/Ho_Chi_Minh").value();
  evaluation.nothing_read = loaded.files.empty() && !loaded.io_errors.empty();
  return evaluation;
}

/// The exit code of a command that read plans: 2 when a file could not be read, 1 when a plan has errors.
int exit_code_after(const Evaluation& evaluation) {
  if (!evaluation.loaded.io_errors.empty()) return kExitUsage;
  return evaluation.counts.errors > 0 ? kExitProblems : kExitOk;
}

/// Sections whose deadline only repeats their tasks' add nothing to a list of work.
void drop_derived_sections(std::vector<evaluate::Item>& items) {
  std::erase_if(
      items, [](const evaluate::Item& item) { return item.kind == evaluate::ItemKind::Section && item.due_derived; });
}

/// --by of the list commands: plan or unit (the plan's issuer); none when not given.
evaluate::Grouping resolve_grouping(const std::string& text) {
  if (text.empty()) return evaluate::Grouping::None;
  if (text == "plan") return evaluate::Grouping::Plan;
  if (text == "unit") return evaluate::Grouping::Unit;
  throw UsageError{fmt::format("--by '{}' is not known; use plan or unit", text)};
}

/// Whether the overdue or upcoming list shows a row in `state` (the status list shows every state).
bool listed_in(render::View view, evaluate::State state) {
  using evaluate::State;
  if (view == render::View::Overdue) return state == State::Overdue;
  if (view == render::View::Upcoming) return state == State::DueToday || state == State::DueSoon;
  return true;
}

int run_list(render::View view, const Options& options) {
  const render::Format format = resolve_format(options.format);
  const evaluate::Grouping grouping = resolve_grouping(options.group_by);
  if (grouping != evaluate::Grouping::None && options.rollup) {
    throw UsageError{
        "--rollup already shows each plan under the task it carries out; use either --rollup or --by, not both"};
  }
  if (options.sort != "urgency" && options.sort != "document") {
    throw UsageError{fmt::format("--sort '{}' is not known; use urgency or document", options.sort)};
  }
  evaluate::Options evaluate_options;
  evaluate_options.soon_days = parse_within(options.within);
  // The overdue and upcoming lists show a few of the rows: the others are left out as they are evaluated, so a
  // plan of 100 000 tasks never holds 100 000 rows (40 MB). Kept is every row that may pass the filters below,
  // which decide as before; a row with missed occurrences becomes one overdue row per occurrence first.
  if (view != render::View::Status && !options.rollup) {
    evaluate_options.keep = [view](const evaluate::Item& item) {
      return listed_in(view, item.state) || (view == render::View::Overdue && !item.late_occurrences.empty());
    };
  }
  Evaluation evaluation = evaluate_inputs(options, evaluate_options);
  if (view != render::View::Status) evaluation.filter.actionable_only = true;

  render::Options render_options;
  render_options.view = view;
  render_options.width = terminal_width(options.width);
  render_options.color = use_color(options.color, stdout);
  render_options.language = evaluation.language;
  render_options.today = evaluation.today;

  if (options.rollup) {
    // The plans' `parent:` links fold each child plan into the task it implements; the view shows the top
    // plans (or the --plan ones) with one row per implementing plan under each such task, in document order.
    evaluate::roll_up(evaluation.items, evaluation.plans);
    evaluation.items = evaluate::rollup_view(evaluation.items, evaluation.plans, evaluation.filter.plans);
    evaluation.filter.plans.clear();
  }
  drop_derived_sections(evaluation.items);
  // The overdue list names each missed occurrence of a recurring deadline, so the mail says which one is late.
  if (view == render::View::Overdue) {
    evaluation.items = evaluate::one_row_per_late_occurrence(std::move(evaluation.items));
  }
  // The overdue list keeps overdue rows only: selecting them first spares copying every other row (on a plan of
  // 10 000 tasks, copying rows was about a tenth of the time in a profile).
  if (view == render::View::Overdue && evaluation.filter.states.empty()) {
    evaluation.filter.states = {evaluate::State::Overdue};
  }
  const std::size_t rows_evaluated = evaluation.items.size();
  auto selected = evaluate::select(std::move(evaluation.items), evaluation.filter);
  std::erase_if(selected, [view](const auto& item) { return !listed_in(view, item.state); });
  // The rows left out give their room to the rendering; not worth a copy of every row when few were left out. The
  // array's room beyond the rows evaluated was never written (evaluate_plan reserves a row for every task) and
  // takes no RAM: it does not count.
  if (selected.size() < rows_evaluated / 2) selected.shrink_to_fit();
  if (options.sort == "urgency" && !options.rollup) {  // a rolled-up view reads as a tree: document order
    evaluate::sort_by_urgency(selected);
    render_options.indent_by_depth = false;  // indentation means nothing once rows are reordered
  }
  evaluate::group_rows(selected, grouping);
  render_options.grouping = grouping;
  if (!evaluation.nothing_read) render::render_to(format, selected, render_options, write_out);

  int code = exit_code_after(evaluation);
  if (view == render::View::Overdue && options.exit_code && !selected.empty() && code == 0) code = kExitProblems;
  evaluation.items = std::move(selected);
  keep_until_exit(std::move(evaluation));
  return code;
}

/// Writes a command's output to -o FILE (atomically: a reader never sees half a report), or to stdout.
void deliver(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    write_out(text);
    return;
  }
  if (auto failure = write_output_file(output, text)) throw UsageError{*failure};
}

int run_timeline(const Options& options) {
  if (options.format != "terminal" && options.format != "svg" && options.format != "mermaid") {
    throw UsageError{
        fmt::format("--format '{}' is not known for a timeline; use terminal, svg or mermaid", options.format)};
  }
  if (options.by != "section" && options.by != "lead") {
    throw UsageError{fmt::format("--by '{}' is not known; use section or lead", options.by)};
  }
  evaluate::Options evaluate_options;
  evaluate_options.soon_days = parse_within(options.within);
  Evaluation evaluation = evaluate_inputs(options, evaluate_options);
  drop_derived_sections(evaluation.items);
  const auto selected = evaluate::select(std::move(evaluation.items), evaluation.filter);

  render::TimelineOptions timeline;
  timeline.language = evaluation.language;
  timeline.group = options.by == "lead" ? render::TimelineGroup::Lead : render::TimelineGroup::Section;
  if (evaluation.plans.size() == 1) timeline.title = evaluation.plans.front()->title.value;
  const bool to_stdout = options.output.empty() || options.output == "-";
  timeline.color = to_stdout && use_color(options.color, stdout);
  timeline.width = to_stdout ? terminal_width(options.width) : (options.width > 0 ? options.width : 120);
  if (!evaluation.nothing_read) {
    std::string text;
    if (options.format == "svg") {
      text = render::render_timeline_svg(selected, evaluation.today, timeline);
    } else if (options.format == "mermaid") {
      text = render::render_timeline_mermaid(selected, evaluation.today, timeline);
    } else {
      text = render::render_timeline_terminal(selected, evaluation.today, timeline);
    }
    deliver(text, options.output);
  }
  return exit_code_after(evaluation);
}

int run_export(const Options& options) {
  if (options.format != "ics" && options.format != "csv" && options.format != "json") {
    throw UsageError{fmt::format("--format '{}' is not known for export; use ics, csv or json", options.format)};
  }
  if ((options.excel || !options.delimiter.empty()) && options.format != "csv") {
    throw UsageError{"--excel and --delimiter are for --format csv"};
  }
  if (!options.delimiter.empty() && options.delimiter != ";" && options.delimiter != "," &&
      options.delimiter != "tab") {
    throw UsageError{fmt::format("--delimiter '{}' is not known; use ';', ',' or tab", options.delimiter)};
  }
  const bool filtered = !options.leads.empty() || !options.agencies.empty() || !options.states.empty();
  if (filtered && options.format == "json") {
    throw UsageError{
        "the JSON export is always the whole plan, so --lead, --agency and --state do not apply to it; choose "
        "plans with --plan, or filter the JSON afterwards (jq)"};
  }
  evaluate::Options evaluate_options;
  evaluate_options.soon_days = parse_within(options.within);
  Evaluation evaluation = evaluate_inputs(options, evaluate_options);
  if (!evaluation.nothing_read) {
    std::string text;
    if (options.format == "json") {
      std::vector<const model::Plan*> plans;
      for (const auto* plan : evaluation.plans) {
        const auto& wanted = evaluation.filter.plans;
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), plan->id.value) != wanted.end()) {
          plans.push_back(plan);
        }
      }
      text = render::render_export_json(plans, evaluate::select(std::move(evaluation.items), evaluation.filter),
                                        evaluation.today);
    } else {
      drop_derived_sections(evaluation.items);
      const auto selected = evaluate::select(std::move(evaluation.items), evaluation.filter);
      if (options.format == "ics") {
        text = render::render_ics(selected, evaluation.today, evaluation.language);
      } else {
        render::CsvDialect dialect;
        dialect.byte_order_mark = options.excel;
        dialect.delimiter = options.excel ? ';' : ',';
        if (options.delimiter == "," || options.delimiter == ";") dialect.delimiter = options.delimiter[0];
        if (options.delimiter == "tab") dialect.delimiter = '\t';
        text = render::render_export_csv(selected, dialect);
      }
    }
    deliver(text, options.output);
  }
  return exit_code_after(evaluation);
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
  } else if (options.by == "unit") {
    stats_options.by = stats::GroupBy::Unit;
  } else {
    throw UsageError{fmt::format("--by '{}' is not known; use lead, plan, unit, section or month", options.by)};
  }
  if (options.rollup && stats_options.by != stats::GroupBy::Plan && stats_options.by != stats::GroupBy::Unit) {
    throw UsageError{"--rollup counts the plans below a plan in its row; use it with --by plan or --by unit"};
  }
  stats_options.rollup = options.rollup;
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
  const std::optional<model::Language> language = resolve_language(options.lang);
  const std::optional<util::Date> fixed = cli::fixed_today(options.today);
  const Loaded loaded = load_all(options.paths, options.jobs);
  const ProblemCounts counts = report_problems(loaded, options.color);
  const std::vector<const model::Plan*> plans = usable_plans(loaded);
  const util::Date today = report_day(fixed, plans);
  std::vector<evaluate::Item> items;
  for (const auto* plan : plans) {
    append_rows(items, evaluate::evaluate_plan(*plan, today));
  }
  const auto report = stats::compute(plans, items, today, stats_options);
  bool vietnamese = plans.empty() || plans.front()->language == model::Language::Vi;
  if (language) vietnamese = *language == model::Language::Vi;
  const stats::Format stats_format = format == render::Format::Markdown ? stats::Format::Markdown
                                     : format == render::Format::Csv    ? stats::Format::Csv
                                     : format == render::Format::Json   ? stats::Format::Json
                                                                        : stats::Format::Table;
  write_out(stats::render(report, stats_format, vietnamese));
  if (!loaded.io_errors.empty()) return kExitUsage;
  return counts.errors > 0 ? kExitProblems : kExitOk;
}

int run_report(const Options& options) {
  if (options.format != "markdown" && options.format != "md" && options.format != "html") {
    throw UsageError{fmt::format("--format '{}' is not known for a report; use markdown or html", options.format)};
  }
  // Plans are the report's parts already; --by unit puts the parts of one unit's plans together.
  const evaluate::Grouping grouping =
      options.group_by == "plan" ? evaluate::Grouping::None : resolve_grouping(options.group_by);
  const std::optional<model::Language> language = resolve_language(options.lang);
  const std::optional<util::Date> fixed = cli::fixed_today(options.today);
  evaluate::Options evaluate_options;
  evaluate_options.soon_days = parse_within(options.within);

  const Loaded loaded = load_all(options.paths, options.jobs);
  const ProblemCounts counts = report_problems(loaded, options.color);
  const std::vector<const model::Plan*> plans = usable_plans(loaded);
  evaluate::Filter filter = resolve_filter(options, plans);
  filter.plans.clear();  // plans not asked for are left out whole below, not as empty parts
  const util::Date today = report_day(fixed, plans);

  std::vector<const model::Plan*> reported;
  std::vector<std::vector<evaluate::Item>> items;
  std::vector<std::vector<render::PlanBelow>> below;  // --rollup: per reported plan
  if (options.rollup) {
    // The top plans (or the --plan ones), their tasks rolled up over the plans below, which get a part of their
    // own in the report of the plan they report to.
    std::vector<evaluate::Item> all;
    for (const auto* plan : plans) append_rows(all, evaluate::evaluate_plan(*plan, today, evaluate_options));
    evaluate::roll_up(all, plans);
    std::map<std::string_view, std::size_t> part_of;
    std::size_t current = 0;
    for (auto& row : evaluate::rollup_view(all, plans, options.plans)) {
      const auto plan =
          std::find_if(plans.begin(), plans.end(), [&](const auto* p) { return p->id.value == row.plan_id; });
      if (row.kind == evaluate::ItemKind::Plan) {
        // A Plan row follows the task it carries out, in the part of the plan that task belongs to.
        if (below.empty() || plan == plans.end() || !(*plan)->parent) continue;
        const model::PlanLink& link = *(*plan)->parent;
        below[current].push_back({std::move(row), link.plan.value + ":" + link.task.value});
        continue;
      }
      const auto [found, inserted] = part_of.emplace(row.plan_id, reported.size());
      if (inserted) {
        reported.push_back(*plan);
        items.emplace_back();
        below.emplace_back();
      }
      current = found->second;
      items[current].push_back(std::move(row));
    }
    for (auto& part : items) part = evaluate::select(std::move(part), filter);
  } else {
    for (const auto* plan : plans) {
      if (!options.plans.empty() &&
          std::find(options.plans.begin(), options.plans.end(), plan->id.value) == options.plans.end()) {
        continue;
      }
      reported.push_back(plan);
      items.push_back(evaluate::select(evaluate::evaluate_plan(*plan, today, evaluate_options), filter));
    }
  }
  if (grouping == evaluate::Grouping::Unit) {
    // The plans of one unit together, units in the order of their first plan.
    std::vector<std::size_t> order(reported.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::map<std::string_view, std::size_t> first;
    for (std::size_t i = 0; i < reported.size(); ++i) first.emplace(evaluate::plan_unit(*reported[i]), i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return first.at(evaluate::plan_unit(*reported[a])) < first.at(evaluate::plan_unit(*reported[b]));
    });
    std::vector<const model::Plan*> plans_in_order;
    std::vector<std::vector<evaluate::Item>> items_in_order;
    std::vector<std::vector<render::PlanBelow>> below_in_order;
    for (const std::size_t i : order) {
      plans_in_order.push_back(reported[i]);
      items_in_order.push_back(std::move(items[i]));
      if (i < below.size()) below_in_order.push_back(std::move(below[i]));
    }
    reported = std::move(plans_in_order);
    items = std::move(items_in_order);
    below = std::move(below_in_order);
  }
  render::ReportOptions report_options;
  report_options.language = language.value_or(plans.empty() ? model::Language::Vi : plans.front()->language);
  render::Report report = render::build_report(reported, items, today);
  for (std::size_t i = 0; i < below.size() && i < report.plans.size(); ++i) {
    report.plans[i].plans_below = std::move(below[i]);
  }
  if (options.format == "html") {
    // The page shows the plans on a time axis too: the same picture `cchc timeline --format svg` draws.
    std::vector<evaluate::Item> pictured;
    for (const auto& part : items) pictured.insert(pictured.end(), part.begin(), part.end());
    drop_derived_sections(pictured);
    render::TimelineOptions timeline;
    timeline.language = report_options.language;
    timeline.xml_declaration = false;
    if (!pictured.empty()) report_options.timeline_svg = render::render_timeline_svg(pictured, today, timeline);
  }
  const std::string text = options.format == "html" ? render::render_report_html(report, report_options)
                                                    : render::render_report_markdown(report, report_options);
  const bool nothing_read = loaded.files.empty() && !loaded.io_errors.empty();
  if (!nothing_read) {
    deliver(text, options.output);
  }
  if (!loaded.io_errors.empty()) return kExitUsage;
  return counts.errors > 0 ? kExitProblems : kExitOk;
}

void add_path_and_color(CLI::App& command, Options& options) {
  command.add_option("PATH", options.paths, "Plan files or folders (default: plans/, or $CCHC_PLANS)");
  command
      .add_option("--jobs,-j", options.jobs,
                  "Threads that read plan files (default: $CCHC_JOBS, else one per core); output does not depend on it")
      ->check(CLI::Range(1, 256));
  command.add_option("--color", options.color, "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_today_option(CLI::App& command, Options& options) {
  command.add_option(
      "--today", options.today,
      "The date to evaluate against, YYYY-MM-DD (also $CCHC_TODAY; default: today in the plan's time zone)");
}

/// --lang, then the filters that choose items: --lead, --agency, --plan, --state.
void add_filter_options(CLI::App& command, Options& options) {
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
                  "no-deadline, done-late, done, cancelled, waiting (repeatable)")
      ->allow_extra_args(false);
}

void add_list_options(CLI::App& command, Options& options) {
  add_path_and_color(command, options);
  add_today_option(command, options);
  command.add_option("--format,-f", options.format, "Output: table, markdown, csv or json");
  add_filter_options(command, options);
  command.add_option("--width", options.width, "Table width in columns (default: the terminal's, or $COLUMNS)");
  command.add_option("--sort", options.sort, "Row order: urgency (overdue first) or document");
  command.add_flag("--rollup", options.rollup,
                   "Fold the plans that implement a task (their 'parent:') into it: its state and counts include "
                   "theirs; shows the top plans, in document order");
  command.add_option("--by", options.group_by,
                     "Group rows under a heading per plan, or per unit (the plan's issuer); CSV and JSON keep the "
                     "groups' rows together");
}

/// What timeline and export share: PATHs, colour, the day, the filters, --within and -o FILE.
void add_picture_options(CLI::App& command, Options& options) {
  add_path_and_color(command, options);
  add_today_option(command, options);
  add_filter_options(command, options);
  command.add_option("--within", options.within, "How far ahead counts as due soon (default 14d; e.g. 7, 2w)");
  command.add_option("--output,-o", options.output, "Write to this file instead of the terminal");
}

/// The options every editing command has; `action` says which one it is.
void add_edit_options(CLI::App& command, Options& options, edit::Action action) {
  EditCommand& edit = options.edit;
  edit.action = action;
  command
      .add_option("ID", edit.id,
                  "The task's full number, as 'cchc status' shows it: 3.1, or huyen-a-2026:3.1 (plan id, colon, "
                  "number) when several plans are read")
      ->required();
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
    {"stats", "On-time statistics per lead, plan, unit, section or month, with PAR-style points",
     [](CLI::App& command, Options& options) {
       add_path_and_color(command, options);
       command.add_option("--today", options.today,
                          "The day the report is made as of, YYYY-MM-DD (also $CCHC_TODAY); done dates after it "
                          "count as not done");
       command.add_option("--by", options.by,
                          "Group by lead (default), plan, unit (the plan's issuer), section or month");
       command.add_flag("--rollup", options.rollup,
                        "With --by plan or unit: a plan's row also counts the plans below it (their 'parent:')");
       command.add_option("--from", options.from, "Count only tasks due on or after this day, YYYY-MM-DD");
       command.add_option("--to", options.to, "Count only tasks due on or before this day, YYYY-MM-DD");
       command.add_option("--format,-f", options.format, "Output: table, markdown, csv or json");
       command.add_option("--lang", options.lang, "Labels in vi or en (default: the plan's language)");
     },
     [](const Options& options) { return run_stats(options); }},
    {"report", "The progress report of one or more plans, as Markdown (for Word via pandoc) or one HTML page",
     [](CLI::App& command, Options& options) {
       add_path_and_color(command, options);
       options.format = "markdown";
       command.add_option("--today", options.today,
                          "The day the report is made as of, YYYY-MM-DD (also $CCHC_TODAY; default: today in the "
                          "plan's time zone)");
       command.add_option("--format,-f", options.format, "Output: markdown (default) or html");
       command.add_option("--output,-o", options.output,
                          "Write the report to this file (replaced whole, never half-written) instead of stdout");
       command.add_option("--lang", options.lang, "Labels in vi or en (default: the plan's language)");
       command.add_option("--lead", options.leads, "Only tasks led by this agency (id or name; repeatable)")
           ->allow_extra_args(false);
       command.add_option("--agency", options.agencies, "Only tasks this agency leads or supports (repeatable)")
           ->allow_extra_args(false);
       command.add_option("--plan", options.plans, "Only this plan id (repeatable)")->allow_extra_args(false);
       command.add_option("--within", options.within, "How far ahead counts as due soon (default 14d; e.g. 7, 2w)");
       command.add_flag("--rollup", options.rollup,
                        "Report the top plans (or the --plan ones) with their tasks rolled up over the plans that "
                        "carry them out, and a part listing those plans");
       command.add_option("--by", options.group_by,
                          "plan (default: a part per plan) or unit (the parts of one unit's plans together)");
     },
     [](const Options& options) { return run_report(options); }},
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
    {"timeline", "The plan on a time axis: bars, deadlines, today's line (terminal, SVG or Mermaid)",
     [](CLI::App& command, Options& options) {
       add_picture_options(command, options);
       options.format = "terminal";
       options.by = "section";
       // Not from .cchc.yaml: its `format` names a list format (table, markdown…), not a picture.
       command.add_option("--format,-f", options.format, "Output: terminal (default), svg or mermaid")
           ->configurable(false);
       command.add_option("--by", options.by, "Group rows by section (top-level task, default) or lead");
       command.add_option("--width", options.width, "Width in columns (default: the terminal's, or $COLUMNS)");
     },
     [](const Options& options) { return run_timeline(options); }},
    {"export", "Write the plan for other programs: calendar (ics), spreadsheet (csv) or scripts (json)",
     [](CLI::App& command, Options& options) {
       add_picture_options(command, options);
       options.format.clear();
       command.add_option("--format,-f", options.format, "What to write: ics, csv or json")
           ->required()
           ->configurable(false);
       command.add_flag("--excel", options.excel,
                        "CSV for Excel on Windows: a UTF-8 byte order mark and ';' between fields");
       command.add_option("--delimiter", options.delimiter, "CSV field separator: ';', ',' or tab");
     },
     [](const Options& options) { return run_export(options); }},
    {"calendar", "Days off of a year (holidays, Tết, compensatory days) and working-day counts",
     [](CLI::App& command, Options& options) { setup_calendar(command, options.calendar); },
     [](const Options& options) { return run_calendar(options.calendar); }},
};

}  // namespace

bool register_commands(CLI::App& app, int& exit_code, std::string_view invoked) {
  // Options live as long as the app; each subcommand has its own set.
  static std::vector<std::unique_ptr<Options>> storage;
  const bool one_command = std::any_of(std::begin(kCommands), std::end(kCommands),
                                       [invoked](const CommandSpec& spec) { return invoked == spec.name; });
  for (const auto& spec : kCommands) {
    if (one_command && invoked != spec.name) continue;
    auto& options = *storage.emplace_back(std::make_unique<Options>());
    CLI::App* command = app.add_subcommand(spec.name, spec.help);
    spec.setup(*command, options);
    const auto run = spec.run;
    command->callback([run, &options, &exit_code] { exit_code = run(options); });
  }
  return one_command;
}

}  // namespace cchc::cli
