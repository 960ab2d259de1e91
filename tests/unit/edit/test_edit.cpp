#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "edit/edit.hpp"
#include "load/load.hpp"

using namespace cchc;
using edit::Action;
using edit::Request;
using model::TaskStatus;

namespace {

const char* kHead =
    "cchc: 1\n"
    "plan:\n"
    "  id: p\n"
    "  title: \"Kế hoạch\"\n"
    "  date: 2020-02\n"
    "agencies:\n"
    "  snv: \"Sở Nội vụ\"\n";

Request done(std::string id, util::Date on, std::vector<std::string> evidence = {}) {
  Request r;
  r.action = Action::Done;
  r.id = std::move(id);
  r.on = on;
  r.evidence = std::move(evidence);
  return r;
}

Request simple(Action action, std::string id) {
  Request r;
  r.action = action;
  r.id = std::move(id);
  r.reason = "Không còn cần thiết";
  r.percent = 40;
  return r;
}

std::string must_edit(const std::string& text, const Request& request) {
  const auto result = edit::apply(text, "plan.yaml", request);
  if (const auto* refusal = std::get_if<edit::Refusal>(&result)) FAIL(refusal->message << " / " << refusal->hint);
  const auto& edited = std::get<edit::Edited>(result);
  REQUIRE(edited.changed);
  return edited.text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      lines.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

/// Every line that differs lies within lines first..last (1-based) of `before`; new lines are inserted there.
void require_only_lines(const std::string& before, const std::string& after, std::size_t first, std::size_t last) {
  const auto a = lines_of(before), b = lines_of(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  INFO("after:\n" << after);
  REQUIRE(head + 1 >= first);
  REQUIRE(a.size() - tail <= last);
}

const model::Task& task_of(const load::LoadResult& result, const std::string& path) {
  REQUIRE(result.plan);
  const model::Task* task = result.plan->find_task(path);
  REQUIRE(task != nullptr);
  return *task;
}

load::LoadResult reload(const std::string& text) {
  auto result = load::load_plan(text, "plan.yaml");
  for (const auto& d : result.diagnostics) INFO(d.message);
  REQUIRE(result.plan);
  REQUIRE_FALSE(util::has_errors(result.diagnostics));
  return result;
}

std::string read_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("done on the seed plan changes only the lines of task 3.1") {
  const std::string seed = read_file(CCHC_SOURCE_DIR "/plans/ha-tinh-2020-tong-ket-cchc.yaml");
  REQUIRE_FALSE(seed.empty());
  const std::string after = must_edit(seed, done("3.1", {2020, 4, 28}, {"Báo cáo số 45/BC-STP"}));
  require_only_lines(seed, after, 118, 122);  // - id: "3.1" … support: don-vi-dia-phuong
  const auto loaded = reload(after);
  const auto& task = task_of(loaded, "3.1");
  CHECK(task.status.value == TaskStatus::Done);
  CHECK(task.done->value == util::Date{2020, 4, 28});
  REQUIRE(task.evidence.size() == 1);
  CHECK(task.evidence[0].value == "Báo cáo số 45/BC-STP");
  CHECK(after.find("        status: done\n        done: 2020-04-28\n        evidence: \"Báo cáo số 45/BC-STP\"\n") !=
        std::string::npos);
}

TEST_CASE("flow-style task maps are edited inside their braces") {
  const std::string text = std::string(kHead) +
                           "tasks:\n"
                           "  - {id: \"1\", title: \"Một\", due: \"30/4/2020\", lead: snv}\n"
                           "  - {id: \"2\", title: Hai, status: doing,  lead: snv }  # note\n";
  SECTION("insert") {
    const std::string after = must_edit(text, done("1", {2020, 4, 2}));
    CHECK(lines_of(after)[8] ==
          "  - {id: \"1\", title: \"Một\", due: \"30/4/2020\", lead: snv, status: done, done: 2020-04-02}\n");
    require_only_lines(text, after, 9, 9);
    CHECK(task_of(reload(after), "1").status.value == TaskStatus::Done);
  }
  SECTION("replace keeps spacing and comment") {
    const std::string after = must_edit(text, done("2", {2020, 4, 3}));
    CHECK(lines_of(after)[9] == "  - {id: \"2\", title: Hai, status: done,  lead: snv, done: 2020-04-03 }  # note\n");
    SECTION("and remove again") {
      const std::string reopened = must_edit(after, simple(Action::Reopen, "2"));
      CHECK(lines_of(reopened)[9] == "  - {id: \"2\", title: Hai, status: todo,  lead: snv }  # note\n");
    }
  }
}

TEST_CASE("a flow map over several lines with a comment before the brace") {
  const std::string text = std::string(kHead) +
                           "tasks:\n"
                           "  - {id: \"1\",\n"
                           "     title: \"Một\"  # the title\n"
                           "    }\n";
  const std::string after = must_edit(text, simple(Action::Start, "1"));
  CHECK(lines_of(after)[9] == "     title: \"Một\", status: doing  # the title\n");
  CHECK(task_of(reload(after), "1").status.value == TaskStatus::Doing);
}

TEST_CASE("comments at ends of lines stay") {
  const std::string text = std::string(kHead) +
                           "tasks:\n"
                           "  - id: \"1\"  # STT 1\n"
                           "    title: \"Một\"   # from the table\n"
                           "    status: todo  # chưa làm\n"
                           "    # a comment line inside the task\n"
                           "    lead: snv # chủ trì\n"
                           "\n"
                           "  # the next row\n"
                           "  - id: \"2\"\n"
                           "    title: Hai\n";
  const std::string after = must_edit(text, done("1", {2020, 3, 1}));
  CHECK(lines_of(after)[10] == "    status: done  # chưa làm\n");
  CHECK(lines_of(after)[11] == "    done: 2020-03-01\n");
  CHECK(lines_of(after)[12] == "    # a comment line inside the task\n");
  require_only_lines(text, after, 9, 13);
}

TEST_CASE("quoted ids, quoted keys and tabs inside strings") {
  const std::string text = std::string(kHead) +
                           "tasks:\n"
                           "  - 'id': '3.10'\n"
                           "    \"title\": \"Cột\tmột\"\n"
                           "    note: 'tab\there'\n";
  const std::string after = must_edit(text, done("3.10", {2020, 3, 1}, {"Số\t1 \"A\""}));
  CHECK(after.substr(0, text.size()) == text);
  CHECK(after.substr(text.size()) == "    status: done\n    done: 2020-03-01\n    evidence: \"Số\\t1 \\\"A\\\"\"\n");
  const auto loaded = reload(after);
  const auto& task = task_of(loaded, "3.10");
  CHECK(task.evidence[0].value == "Số\t1 \"A\"");
  CHECK(task.title.value == "Cột\tmột");
}

TEST_CASE("CRLF line ends are kept, on new lines too") {
  std::string text =
      std::string(kHead) +
      "tasks:\n  - id: \"1\"\n    title: Một\n    status: doing\n    done: 2020-01-01\n  - id: \"2\"\n    title: Hai\n";
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const std::string after = must_edit(crlf, simple(Action::Progress, "2"));
  CHECK(after == crlf + "    status: doing\r\n    progress: 40\r\n");
  // status: doing with a done date is an error in the input; the edit adds none, so it is allowed.
  const std::string started = must_edit(crlf, simple(Action::Cancel, "1"));
  CHECK(started.find("    status: cancelled\r\n    reason: \"Không còn cần thiết\"\r\n  - id: \"2\"") !=
        std::string::npos);
  CHECK(started.find("done: 2020") == std::string::npos);
  for (std::size_t i = 0; i < started.size(); ++i) {
    if (started[i] == '\n') REQUIRE(started[i - 1] == '\r');
  }
}

TEST_CASE("NFD text stays NFD; the id may be typed in any form") {
  // "Tổng" with the circumflex and the hook above as combining marks.
  const std::string nfd_title = "To\xCC\x82\xCC\x89ng ke\xCC\x82\xCC\x81t";
  const std::string text =
      std::string(kHead) + "tasks:\n  - id: \"1\"\n    title: \"" + nfd_title + "\"\n    note: \"ghi chu\xCC\x81\"\n";
  const std::string after = must_edit(text, done("1", {2020, 3, 1}, {"Ba\xCC\x81o ca\xCC\x81o"}));
  CHECK(after.substr(0, text.size()) == text);
  CHECK(after.find("evidence: \"Ba\xCC\x81o ca\xCC\x81o\"") != std::string::npos);  // as typed
  CHECK(task_of(reload(after), "1").evidence[0].value == "Báo cáo");                // the model is NFC
}

TEST_CASE("a file without a final line end keeps having none") {
  const std::string text =
      std::string(kHead) + "tasks:\n  - id: \"1\"\n    title: Một\n    status: done\n    done: 2020-03-01";
  const std::string reopened = must_edit(text, simple(Action::Reopen, "1"));
  CHECK(reopened == std::string(kHead) + "tasks:\n  - id: \"1\"\n    title: Một\n    status: todo");
  const std::string again = must_edit(reopened, done("1", {2020, 3, 2}));
  CHECK(again == std::string(kHead) + "tasks:\n  - id: \"1\"\n    title: Một\n    status: done\n    done: 2020-03-02");
}

TEST_CASE("four-space indentation, compact lists and subtasks") {
  const std::string text =
      "cchc: 1\n"
      "plan:\n"
      "    id: p\n"
      "    title: x\n"
      "tasks:\n"
      "- id: \"II\"\n"
      "  title: Hai\n"
      "  tasks:\n"
      "  -   id: \"1\"\n"
      "      title: Con\n"
      "      lead: snv\n"
      "  -   id: \"2\"\n"
      "      title: Con hai\n"
      "agencies:\n"
      "    snv: Sở\n";
  SECTION("a parent: new keys go before its subtasks") {
    const std::string after = must_edit(text, simple(Action::Start, "II"));
    CHECK(lines_of(after)[7] == "  status: doing\n");
    CHECK(lines_of(after)[8] == "  tasks:\n");
  }
  SECTION("a child at its own indentation") {
    const std::string after = must_edit(text, simple(Action::Start, "II.1"));
    CHECK(lines_of(after)[11] == "      status: doing\n");
    require_only_lines(text, after, 9, 11);
    CHECK(task_of(reload(after), "II.1").status.value == TaskStatus::Doing);
  }
  SECTION("the last child, before the next top-level key") {
    const std::string after = must_edit(text, simple(Action::Start, "II.2"));
    CHECK(lines_of(after)[13] == "      status: doing\n");
    CHECK(lines_of(after)[14] == "agencies:\n");
  }
}

TEST_CASE("a block scalar note keeps its text, trailing blank lines included") {
  const std::string text = std::string(kHead) +
                           "tasks:\n"
                           "  - id: \"1\"\n"
                           "    title: Một\n"
                           "    note: |\n"
                           "      dòng một\n"
                           "      # not a comment\n"
                           "\n"
                           "  - id: \"2\"\n"
                           "    title: Hai\n";
  const std::string after = must_edit(text, simple(Action::Start, "1"));
  CHECK(after.find("      # not a comment\n    status: doing\n") != std::string::npos);
  CHECK(task_of(reload(after), "1").note() == "dòng một\n# not a comment\n");
}

TEST_CASE("replacing existing evidence, done date and progress") {
  const std::string text = std::string(kHead) +
                           "tasks:\n"
                           "  - id: \"1\"\n"
                           "    title: Một\n"
                           "    status: doing\n"
                           "    progress: 30\n"
                           "    evidence:\n"
                           "      - \"cũ\"\n"
                           "      - \"cũ 2\"\n"
                           "    lead: snv\n";
  const std::string after = must_edit(text, done("1", {2020, 5, 1}, {"mới"}));
  CHECK(after == std::string(kHead) +
                     "tasks:\n"
                     "  - id: \"1\"\n"
                     "    title: Một\n"
                     "    status: done\n"
                     "    done: 2020-05-01\n"
                     "    progress: 100\n"
                     "    evidence: \"mới\"\n"
                     "    lead: snv\n");
}

TEST_CASE("sections are edited with section = true") {
  const std::string text = std::string(kHead) + "sections:\n  - id: \"1.1\"\n    title: Sở\n    lead: snv\n";
  Request request = done("1.1", {2020, 3, 3});
  request.section = true;
  const std::string after = must_edit(text, request);
  CHECK(after == text + "    status: done\n    done: 2020-03-03\n");
}

TEST_CASE("refusals: unknown id with a hint, a done task's progress, an unreadable file") {
  const std::string text =
      std::string(kHead) + "tasks:\n  - id: \"3.1\"\n    title: x\n    status: done\n    done: 2020-03-01\n";
  auto result = edit::apply(text, "plan.yaml", simple(Action::Start, "3.2"));
  REQUIRE(std::holds_alternative<edit::Refusal>(result));
  CHECK(std::get<edit::Refusal>(result).hint == "did you mean '3.1'?");
  result = edit::apply(text, "plan.yaml", simple(Action::Progress, "3.1"));
  REQUIRE(std::holds_alternative<edit::Refusal>(result));
  result = edit::apply("cchc: 1\nplan: [", "plan.yaml", simple(Action::Start, "1"));
  REQUIRE(std::holds_alternative<edit::Refusal>(result));
  result = edit::apply(text, "plan.yaml", done("3.1", {2020, 3, 1}));
  REQUIRE(std::holds_alternative<edit::Edited>(result));
  CHECK_FALSE(std::get<edit::Edited>(result).changed);
}

TEST_CASE("a first key that cannot be removed is refused, not damaged") {
  const std::string text =
      std::string(kHead) + "tasks:\n  - done: 2020-03-01\n    id: \"1\"\n    title: x\n    status: done\n";
  const auto result = edit::apply(text, "plan.yaml", simple(Action::Reopen, "1"));
  REQUIRE(std::holds_alternative<edit::Refusal>(result));
}

TEST_CASE("unified diff") {
  CHECK(edit::unified_diff("a\n", "a\n", "f") == "");
  CHECK(edit::unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nx\n5\n6\n7\n8\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+x\n 5\n 6\n 7\n");
  CHECK(edit::unified_diff("a\nb", "a\nc", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
}

TEST_CASE("done, start and progress are refused on a recurring task; cancel and reopen speak for the whole duty") {
  const std::string text =
      "cchc: 1\nplan:\n  id: p\n  title: T\n  period: 2021 - 2025\ntasks:\n"
      "  - id: \"1\"\n    title: Báo cáo quý\n    due: Hằng quý\n";
  for (const Request& request : {done("1", util::Date{2021, 3, 25}), simple(Action::Start, "1")}) {
    const edit::Result result = edit::apply(text, "plan.yaml", request);
    const auto* refusal = std::get_if<edit::Refusal>(&result);
    REQUIRE(refusal != nullptr);
    CHECK(refusal->message == "plan.yaml: task '1' repeats ('Hằng quý'), so each occurrence is recorded on its own");
    CHECK(refusal->hint.find("occurrences:") != std::string::npos);
  }
  Request cancel = simple(Action::Cancel, "1");
  cancel.reason = "bãi bỏ";
  CHECK(must_edit(text, cancel).find("status: cancelled") != std::string::npos);
}
