#include "cli/edit_command.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <span>

#include "check/check.hpp"
#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "cli/write_file.hpp"
#include "load/load.hpp"
#include "render/render.hpp"
#include "util/spell.hpp"

namespace cchc::cli {

namespace {

void say(std::FILE* stream, const std::string& text) { std::fwrite(text.data(), 1, text.size(), stream); }

/// A file that holds the item asked for.
struct Candidate {
  const SourceFile* file;
  model::Plan plan;
};

bool holds(const model::Plan& plan, const EditCommand& command) {
  if (command.section) {
    return std::any_of(plan.sections.begin(), plan.sections.end(),
                       [&](const model::Section& section) { return section.id.value == command.id; });
  }
  return plan.find_task(command.id) != nullptr;
}

void collect_ids(std::span<const model::Task> tasks, std::vector<std::string>& out) {
  for (const auto& task : tasks) {
    out.emplace_back(model::full_path(task));
    collect_ids(task.children, out);
  }
}

/// New warnings of the edited text (a done date before the plan's own date…), shown so the user can look again.
void show_new_warnings(const std::string& file, std::string_view before, std::string_view after, bool color) {
  const auto warnings = [&](std::string_view text) {
    util::Diagnostics all;
    auto loaded = load::load_plan(text, file);
    if (loaded.plan) all = check::check_plan(*loaded.plan);
    std::erase_if(all, [](const util::Diagnostic& d) { return d.severity != util::Severity::Warning; });
    return all;
  };
  const auto old_warnings = warnings(before);
  for (const auto& warning : warnings(after)) {
    const bool known = std::any_of(old_warnings.begin(), old_warnings.end(), [&](const util::Diagnostic& d) {
      return d.check == warning.check && d.message == warning.message;
    });
    if (!known) say(stderr, render::format_diagnostic(warning, after, color));
  }
}

}  // namespace

EditCommand with_qualified_id_resolved(EditCommand command, const std::vector<std::string>& plan_ids) {
  const std::size_t colon = command.id.find(':');
  if (colon == std::string::npos || !command.plans.empty()) return command;
  const std::string plan_id = command.id.substr(0, colon);
  if (std::find(plan_ids.begin(), plan_ids.end(), plan_id) == plan_ids.end()) return command;
  command.plans = {plan_id};
  command.id.erase(0, colon + 1);
  return command;
}

EditInputs read_edit_inputs(const EditCommand& typed) {
  EditInputs read;
  read.inputs = read_inputs(typed.paths.empty() ? default_paths() : typed.paths, load::Limits{}.max_file_bytes);
  std::vector<std::string> plan_ids;
  for (const auto& file : read.inputs.files) {
    read.plans.push_back(load::load_plan(file.text(), file.path));
    if (read.plans.back().plan) plan_ids.push_back(read.plans.back().plan->id.value);
  }
  read.command = with_qualified_id_resolved(typed, plan_ids);
  return read;
}

int run_edit(const EditCommand& typed) {
  EditInputs read = read_edit_inputs(typed);
  const Inputs& inputs = read.inputs;
  for (const auto& error : inputs.errors) say(stderr, error + "\n");
  if (!inputs.errors.empty()) return kExitUsage;
  std::vector<load::LoadResult>& loaded_files = read.plans;
  const EditCommand& command = read.command;

  edit::Request request;
  request.action = command.action;
  request.id = command.id;
  request.section = command.section;
  request.evidence = command.evidence;
  request.reason = command.reason;
  request.percent = command.percent;
  if (command.action == edit::Action::Progress && (command.percent < 0 || command.percent > 100)) {
    throw UsageError{
        fmt::format("progress '{}' is not a percent; write a whole number from 0 to 100", command.percent)};
  }
  if (command.action == edit::Action::Cancel && command.reason.find_first_not_of(" \t") == std::string::npos) {
    throw UsageError{"cancel needs --reason \"…\": why the work is cancelled is part of the record"};
  }
  std::optional<util::Date> on;
  if (!command.on.empty()) {
    on = util::parse_iso_date(command.on);
    if (!on) throw UsageError{fmt::format("--on '{}' is not a date; write it as YYYY-MM-DD", command.on)};
  }
  const std::optional<util::Date> fixed = fixed_today(command.today);

  std::vector<Candidate> candidates;
  std::vector<std::string> known_ids, unreadable;
  for (std::size_t i = 0; i < inputs.files.size(); ++i) {
    const SourceFile& file = inputs.files[i];
    load::LoadResult& loaded = loaded_files[i];
    if (!loaded.plan) {
      unreadable.push_back(file.path);
      continue;
    }
    if (!command.plans.empty() &&
        std::find(command.plans.begin(), command.plans.end(), loaded.plan->id.value) == command.plans.end()) {
      continue;
    }
    if (command.section) {
      for (const auto& section : loaded.plan->sections) known_ids.push_back(section.id.value);
    } else {
      collect_ids(loaded.plan->tasks, known_ids);
    }
    if (holds(*loaded.plan, command)) candidates.push_back({&file, std::move(*loaded.plan)});
  }
  const std::string what = fmt::format("{} '{}'", command.section ? "section" : "task", command.id);
  if (candidates.empty()) {
    std::string message = fmt::format("no plan has {}", what);
    if (!command.plans.empty()) message += fmt::format(" (looked in plan {})", fmt::join(command.plans, ", "));
    if (auto near = util::closest_match(command.id, known_ids)) message += fmt::format("; did you mean '{}'?", *near);
    if (!unreadable.empty()) {
      message += fmt::format("\n  note: {} could not be read; run 'cchc validate'", fmt::join(unreadable, ", "));
    }
    throw UsageError{message};
  }
  if (candidates.size() > 1) {
    std::string message = fmt::format("{} is in {} plans; say which with --plan:", what, candidates.size());
    for (const auto& candidate : candidates) {
      message += fmt::format("\n  --plan {}   ({})", candidate.plan.id.value, candidate.file->path);
    }
    throw UsageError{message};
  }
  const Candidate& chosen = candidates.front();
  if (command.action == edit::Action::Done) {
    std::optional<util::Date> today = fixed;
    if (!today) today = date_in_zone(current_time(), chosen.plan.timezone);
    if (on && today && *on > *today) {
      say(stderr,
          fmt::format("cchc: warning: the done date {} is after today ({}); check it\n", on->iso(), today->iso()));
    }
    if (!on) on = today;
    if (!on) {
      throw UsageError{fmt::format("{}: time zone '{}' is not known on this machine; pass --on YYYY-MM-DD",
                                   chosen.file->path, chosen.plan.timezone)};
    }
    request.on = *on;
  }

  const auto result = edit::apply(chosen.file->text(), chosen.file->path, request);
  if (const auto* refusal = std::get_if<edit::Refusal>(&result)) {
    say(stderr, fmt::format("cchc: error: {}\n", refusal->message));
    if (!refusal->hint.empty()) say(stderr, fmt::format("  hint: {}\n", refusal->hint));
    return kExitProblems;
  }
  const auto& edited = std::get<edit::Edited>(result);
  if (!edited.changed) {
    say(stdout, fmt::format("{}: {}\n", chosen.file->path, edited.summary));
    return kExitOk;
  }
  const bool color = command.color == "always" ||
                     (command.color == "auto" && isatty(fileno(stderr)) != 0 && std::getenv("NO_COLOR") == nullptr);
  if (command.dry_run) {
    say(stdout, edit::unified_diff(chosen.file->text(), edited.text, chosen.file->path));
    show_new_warnings(chosen.file->path, chosen.file->text(), edited.text, color);
    return kExitOk;
  }
  if (auto failure = replace_file(chosen.file->path, chosen.file->text(), edited.text)) {
    say(stderr, fmt::format("cchc: error: {}\n", *failure));
    return kExitUsage;
  }
  say(stdout, fmt::format("{}: {}\n", chosen.file->path, edited.summary));
  show_new_warnings(chosen.file->path, chosen.file->text(), edited.text, color);
  return kExitOk;
}

}  // namespace cchc::cli
