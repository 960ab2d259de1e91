#pragma once

#include <string>
#include <vector>

#include "cli/inputs.hpp"
#include "edit/edit.hpp"
#include "load/load.hpp"

namespace cchc::cli {

/// The command line of `cchc done|start|cancel|reopen|progress`.
struct EditCommand {
  edit::Action action = edit::Action::Done;
  std::string id;
  std::vector<std::string> paths;
  std::vector<std::string> plans;  ///< --plan: which plan, when the id is in several
  std::string on;                  ///< done: --on
  std::string today;               ///< --today, as for the listing commands
  std::vector<std::string> evidence;
  std::string reason;
  int percent = -1;
  bool section = false;
  bool dry_run = false;
  std::string color = "auto";
};

/// `command` with an id written "plan-id:number" (as lists of several plans show numbers), where plan-id is one
/// of `plan_ids` and no --plan is given, turned into that --plan and the number; unchanged otherwise (a task id
/// may hold a colon of its own).
EditCommand with_qualified_id_resolved(EditCommand command, const std::vector<std::string>& plan_ids);

/// The plan files a command names (its PATHs, else plans/ or $CCHC_PLANS), each loaded, and the command with its
/// id resolved against the plans read (with_qualified_id_resolved).
struct EditInputs {
  Inputs inputs;
  std::vector<load::LoadResult> plans;  ///< parallel to inputs.files
  EditCommand command;
};
EditInputs read_edit_inputs(const EditCommand& typed);

/// Finds the item, edits its file (or prints the diff with --dry-run) and reports; returns the exit code.
int run_edit(const EditCommand& typed);

/// `cchc log ID`: the item's history from `git log -L` over its lines, when its plan is in a git repository.
int run_log(const EditCommand& typed);

}  // namespace cchc::cli
