#include <catch2/catch.hpp>

#include "check/check.hpp"

using namespace cchc;
using model::Deadline;
using model::TaskStatus;
using util::Date;
using util::Diagnostic;
using util::Diagnostics;
using util::Severity;
using util::SourcePos;

namespace {

// Plans are built by hand with explicit positions, as the loader would record them.

model::Located<Deadline> due_on(Date date, SourcePos pos) {
  Deadline deadline;
  deadline.text = date.vn();
  deadline.due = date;
  return {deadline, pos};
}

/// A task whose map starts on `line`: id at column 7, title on the next line, lead after that.
model::Task make_task(std::string id, int line, std::string parent_path = {}) {
  model::Task task;
  task.id = {id, {line, 7}};
  task.path = model::child_path(parent_path, id);
  task.title = {util::HeapText("Task " + id), {line + 1, 12}};
  task.lead = model::LocatedId{"snv", {line + 2, 11}};
  task.pos = {line, 5};
  return task;
}

model::Agency make_agency(std::string id, std::string name) {
  model::Agency agency;
  agency.id = {std::move(id), {}};
  agency.name = std::move(name);
  return agency;
}

model::Section make_section(std::string id, int line) {
  model::Section section;
  section.id = {id, {line, 7}};
  section.title = {"Section " + id, {line + 1, 12}};
  section.pos = {line, 5};
  return section;
}

/// A clean plan: agencies snv, stp, stc; document bnv-6503; tasks 1, 2 and 3 (with 3.1, 3.2).
model::Plan clean_plan() {
  model::Plan plan;
  plan.file = "plans/ha-tinh.yaml";
  plan.id = {"ht-2020", {2, 7}};
  plan.title = {"Kế hoạch", {3, 10}};
  plan.agencies = {make_agency("snv", "Sở Nội vụ"), make_agency("stp", "Sở Tư pháp"),
                   make_agency("stc", "Sở Tài chính")};
  model::Document document;
  document.id = {"bnv-6503", {}};
  document.ref = "6503/BNV-CCHC";
  plan.documents = {document};
  plan.tasks = {make_task("1", 20), make_task("2", 30), make_task("3", 40)};
  plan.tasks[2].children = {make_task("3.1", 45, "3"), make_task("3.2", 50, "3")};
  plan.tasks[0].due = due_on({2020, 2, 29}, {23, 10});
  return plan;
}

/// The only diagnostic of `plan`, which must have exactly one.
Diagnostic only_diagnostic(const model::Plan& plan) {
  const Diagnostics diagnostics = check::check_plan(plan);
  INFO((diagnostics.empty() ? std::string("none") : diagnostics[0].message));
  REQUIRE(diagnostics.size() == 1);
  return diagnostics[0];
}

}  // namespace

TEST_CASE("a clean plan has no diagnostics") { CHECK(check::check_plan(clean_plan()).empty()); }

TEST_CASE("duplicate-id: two siblings with the same number") {
  auto plan = clean_plan();
  plan.tasks[2].children.push_back(make_task("3.1", 55, "3"));
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "duplicate-id");
  CHECK(d.severity == Severity::Error);
  CHECK(d.file == "plans/ha-tinh.yaml");
  CHECK(d.pos == SourcePos{55, 7});
  CHECK(d.message == "task number '3.1' is used twice in the same list");
  CHECK(d.hint.find("line 45") != std::string::npos);
}

TEST_CASE("duplicate-id: the same full number reached from two places") {
  auto plan = clean_plan();
  plan.tasks.push_back(make_task("3.2", 60));  // a top-level "3.2" clashes with the child 3.2
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "duplicate-id");
  CHECK(d.pos == SourcePos{60, 7});
  CHECK(d.message == "task '3.2' has the same full number as another task");
  CHECK(d.hint.find("line 50") != std::string::npos);
}

TEST_CASE("duplicate-id: a number taken three times gives two problems, in file order, each naming the first") {
  auto plan = clean_plan();
  plan.tasks.push_back(make_task("3.1", 70));                   // a top-level "3.1": the child 3.1 is first
  plan.tasks[2].children.push_back(make_task("3.1", 52, "3"));  // a sibling of the child 3.1
  plan.tasks.push_back(make_task("2", 80));                     // a sibling of the top-level 2
  const Diagnostics diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 3);
  // The walk goes depth first: the child 3.1 at line 52 comes before the top-level tasks after task 3.
  CHECK(diagnostics[0].pos == SourcePos{52, 7});
  CHECK(diagnostics[0].message == "task number '3.1' is used twice in the same list");
  CHECK(diagnostics[0].hint.find("line 45") != std::string::npos);
  CHECK(diagnostics[1].pos == SourcePos{70, 7});
  CHECK(diagnostics[1].message == "task '3.1' has the same full number as another task");
  CHECK(diagnostics[1].hint.find("line 45") != std::string::npos);
  CHECK(diagnostics[2].pos == SourcePos{80, 7});
  CHECK(diagnostics[2].message == "task number '2' is used twice in the same list");
  CHECK(diagnostics[2].hint.find("line 30") != std::string::npos);
}

TEST_CASE("duplicate-id: two sections with the same id") {
  auto plan = clean_plan();
  plan.sections = {make_section("snv", 70), make_section("stp", 75), make_section("snv", 80)};
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "duplicate-id");
  CHECK(d.pos == SourcePos{80, 7});
  CHECK(d.message == "section id 'snv' is used twice");
  CHECK(d.hint.find("line 70") != std::string::npos);
}

TEST_CASE("unknown-agency: a misspelt lead gets a did-you-mean hint") {
  auto plan = clean_plan();
  plan.tasks[1].lead = model::LocatedId{"snvv", {32, 11}};
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "unknown-agency");
  CHECK(d.severity == Severity::Error);
  CHECK(d.pos == SourcePos{32, 11});
  CHECK(d.message == "unknown agency 'snvv'");
  CHECK(d.hint == "did you mean 'snv'?");
}

TEST_CASE("unknown-agency: support entries and section leads are checked too") {
  auto plan = clean_plan();
  plan.tasks[2].children[0].support = {{"stp", {47, 14}}, {"ubnd-tinh", {47, 19}}};
  auto section = make_section("1.1", 70);
  section.lead = model::LocatedText{"stcc", {72, 11}};
  plan.sections = {section};
  const Diagnostics diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].check == "unknown-agency");
  CHECK(diagnostics[0].pos == SourcePos{47, 19});
  CHECK(diagnostics[0].message == "unknown agency 'ubnd-tinh'");
  CHECK(diagnostics[0].hint == "known: snv, stp, stc");  // nothing close: list what exists
  CHECK(diagnostics[1].pos == SourcePos{72, 11});
  CHECK(diagnostics[1].hint == "did you mean 'stc'?");
}

TEST_CASE("unknown-document: an appendix naming no declared document") {
  auto plan = clean_plan();
  model::AppendixRef appendix;
  appendix.doc = {"bnv-6530", {36, 14}};
  appendix.items = {{"Phụ lục 2", {36, 30}}};
  plan.tasks[1].edit_extras().appendices = {appendix};
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "unknown-document");
  CHECK(d.pos == SourcePos{36, 14});
  CHECK(d.message == "unknown document 'bnv-6530'");
  CHECK(d.hint == "did you mean 'bnv-6503'?");
}

TEST_CASE("unknown-task: a section listing a task that does not exist") {
  auto plan = clean_plan();
  auto section = make_section("1.1", 70);
  section.tasks = {{"3.1", {72, 12}}, {"3.3", {72, 17}}};
  plan.sections = {section};
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "unknown-task");
  CHECK(d.pos == SourcePos{72, 17});
  CHECK(d.message == "section '1.1' lists unknown task '3.3'");
  CHECK(d.hint.rfind("did you mean '3.", 0) == 0);
}

TEST_CASE("done-date-not-done: a done date on open or cancelled work") {
  auto plan = clean_plan();
  plan.tasks[1].done = model::Located<Date>{{2020, 4, 25}, {35, 11}};
  plan.tasks[2].children[1].status = {TaskStatus::Cancelled, {53, 13}};
  plan.tasks[2].children[1].done = model::Located<Date>{{2020, 4, 26}, {54, 11}};
  const Diagnostics diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].check == "done-date-not-done");
  CHECK(diagnostics[0].severity == Severity::Error);
  CHECK(diagnostics[0].pos == SourcePos{35, 11});
  CHECK(diagnostics[0].message == "task '2' has a done date (25/04/2020) but its status is 'todo'");
  CHECK(diagnostics[0].hint == "set 'status: done', or remove the 'done' date");
  CHECK(diagnostics[1].pos == SourcePos{54, 11});
  CHECK(diagnostics[1].message == "task '3.2' has a done date (26/04/2020) but its status is 'cancelled'");
}

TEST_CASE("missing-done-date: done without a date is a warning at the status") {
  auto plan = clean_plan();
  plan.tasks[1].status = {TaskStatus::Done, {34, 13}};
  auto section = make_section("1.1", 70);
  section.status = {TaskStatus::Done, {73, 13}};
  plan.sections = {section};
  plan.tasks[0].status = {TaskStatus::Done, {24, 13}};
  plan.tasks[0].done = model::Located<Date>{{2020, 2, 20}, {25, 11}};  // complete: no diagnostic
  const Diagnostics diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].check == "missing-done-date");
  CHECK(diagnostics[0].severity == Severity::Warning);
  CHECK(diagnostics[0].pos == SourcePos{34, 13});
  CHECK(diagnostics[0].message == "task '2' is done but has no done date");
  CHECK(diagnostics[0].hint.find("done: YYYY-MM-DD") != std::string::npos);
  CHECK(diagnostics[1].pos == SourcePos{73, 13});
  CHECK(diagnostics[1].message == "section '1.1' is done but has no done date");
  CHECK_FALSE(util::has_errors(diagnostics));
}

TEST_CASE("child-due-after-parent: a child due after its parent's own due") {
  auto plan = clean_plan();
  plan.tasks[2].due = due_on({2020, 4, 30}, {43, 10});
  plan.tasks[2].children[0].due = due_on({2020, 4, 30}, {48, 10});  // same day: fine
  plan.tasks[2].children[1].due = due_on({2020, 5, 5}, {53, 10});
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "child-due-after-parent");
  CHECK(d.severity == Severity::Error);
  CHECK(d.pos == SourcePos{53, 10});
  CHECK(d.message.find("'3.2'") != std::string::npos);
  CHECK(d.message.find("05/05/2020") != std::string::npos);
  CHECK(d.message.find("30/04/2020") != std::string::npos);
  CHECK_FALSE(d.hint.empty());
}

TEST_CASE("child-due-after-parent: a parent without its own due constrains nothing") {
  auto plan = clean_plan();
  plan.tasks[2].children[1].due = due_on({2020, 5, 5}, {53, 10});
  CHECK(check::check_plan(plan).empty());
}

TEST_CASE("child-due-after-parent: a grandchild is held to the nearest dated ancestor") {
  auto plan = clean_plan();
  plan.tasks[2].due = due_on({2020, 4, 30}, {43, 10});
  plan.tasks[2].children[0].children = {make_task("3.1.1", 46, "3.1")};
  plan.tasks[2].children[0].children[0].due = due_on({2020, 5, 1}, {47, 10});
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "child-due-after-parent");
  CHECK(d.pos == SourcePos{47, 10});
  CHECK(d.message.find("'3.1.1'") != std::string::npos);
  CHECK(d.message.find("'3'") != std::string::npos);
}

TEST_CASE("diagnostics come in the order of the file") {
  auto plan = clean_plan();
  plan.tasks[2].children[1].lead = model::LocatedId{"nobody", {52, 11}};  // unknown-agency
  plan.tasks[0].done = model::Located<Date>{{2020, 2, 20}, {25, 11}};     // done-date-not-done
  plan.tasks[2].children.push_back(make_task("3.1", 57, "3"));            // duplicate-id
  const Diagnostics diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].check == "done-date-not-done");
  CHECK(diagnostics[1].check == "unknown-agency");
  CHECK(diagnostics[2].check == "duplicate-id");
}

TEST_CASE("duplicate-plan: two files declaring the same plan id") {
  const auto first = clean_plan();
  auto other = clean_plan();
  other.id = {"other", {2, 7}};
  auto second = clean_plan();
  second.file = "plans/copy.yaml";
  second.id = {"ht-2020", {4, 9}};
  const Diagnostics diagnostics = check::check_plans({&first, &other, &second});
  REQUIRE(diagnostics.size() == 1);
  const Diagnostic& d = diagnostics[0];
  CHECK(d.check == "duplicate-plan");
  CHECK(d.severity == Severity::Error);
  CHECK(d.file == "plans/copy.yaml");
  CHECK(d.pos == SourcePos{4, 9});
  CHECK(d.message == "plan id 'ht-2020' is already used by another plan");
  CHECK(d.hint.find("plans/ha-tinh.yaml") != std::string::npos);
  CHECK(check::check_plans({&first, &other}).empty());
}

TEST_CASE("done-before-plan: a done date before the plan's own date is a warning") {
  auto plan = clean_plan();
  plan.date = model::Located<util::PartialDate>{{2020, 2, 0}, {5, 9}};
  plan.tasks[0].status = {TaskStatus::Done, {24, 13}};
  plan.tasks[0].done = model::Located<Date>{{2020, 1, 31}, {25, 11}};
  const Diagnostic d = only_diagnostic(plan);
  CHECK(d.check == "done-before-plan");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.pos == SourcePos{25, 11});
  CHECK(d.message == "task '1' is marked done on 31/01/2020, before the plan itself (02/2020)");
  plan.tasks[0].done->value = {2020, 2, 1};  // within the month the letterhead gives: fine
  CHECK(check::check_plan(plan).empty());
}

TEST_CASE("the done-date checks look at each occurrence of a recurring deadline too") {
  model::Plan plan;
  plan.file = "plan.yaml";
  plan.id = {"p", {}};
  model::Task task;
  task.id = {"1", {}};
  task.path = "1";
  task.title = {util::HeapText("Báo cáo"), {}};
  model::OccurrenceRecord dated_not_done;
  dated_not_done.label = {"2021-Q1", {}};
  dated_not_done.done = model::Located<util::Date>{util::Date{2021, 3, 25}, {12, 30}};
  model::OccurrenceRecord done_undated;
  done_undated.label = {"2021-Q2", {}};
  done_undated.status = {model::TaskStatus::Done, {13, 20}};
  task.edit_extras().occurrences = {dated_not_done, done_undated};
  plan.tasks.push_back(task);
  const auto diagnostics = check::check_plan(plan);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].check == "done-date-not-done");
  CHECK(diagnostics[0].message ==
        "task '1', occurrence '2021-Q1' has a done date (25/03/2021) but its status is 'todo'");
  CHECK(diagnostics[1].check == "missing-done-date");
  CHECK(diagnostics[1].message == "task '1', occurrence '2021-Q2' is done but has no done date");
}
