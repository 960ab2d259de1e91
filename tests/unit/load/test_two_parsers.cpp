#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "load/load.hpp"
#include "load/yaml_tree.hpp"
#include "yaml_dump.hpp"

using namespace cchc;
using test_support::dump;
using Recorder = test_support::StreamRecorder;

namespace {

/// A plan whose top-level list has `count` tasks, each with a few keys, then `after` (root keys after the list).
std::string plan_text(int count, const std::string& after = "", const std::string& indent = "  ") {
  std::ostringstream out;
  out << "cchc: 1\nplan:\n  id: p\n  title: Kế hoạch\n  date: 2026-01-15\ntasks:\n";
  for (int i = 1; i <= count; ++i) {
    out << indent << "- id: \"" << i << "\"\n"
        << indent << "  title: Nhiệm vụ " << i << "\n"
        << indent << "  lead: snv\n"
        << indent << "  due: Trước ngày 28/" << (i % 12 + 1) << "/2026\n";
  }
  out << after;
  return out.str();
}

load::ParseOptions always_two_parsers(bool plain_yaml = false) {
  load::ParseOptions options;
  options.two_parsers_from_bytes = 0;
  options.plain_yaml = plain_yaml;  // each part read by the plain reader when it accepts it
  return options;
}

}  // namespace

TEST_CASE("a top-level task list is cut at an item near its middle and at the root key after it") {
  const std::string text = plan_text(10, "sections:\n  - id: s\n    title: Báo cáo\n");
  const auto split = load::find_task_list_split(text);
  REQUIRE(split);
  CHECK(text.substr(split->middle).starts_with("  - id: \""));
  CHECK(text.substr(split->end).starts_with("sections:"));
  const std::size_t first = text.find("  - id:");
  const std::size_t half = first + (split->end - first) / 2;
  CHECK(split->middle > first);
  CHECK((split->middle > half ? split->middle - half : half - split->middle) < 120);  // one task is ~90 bytes
  // The items on either side of the cut, which the reading makes room for before it starts.
  const auto items_in = [](std::string_view part) {
    std::size_t count = 0;
    for (std::size_t at = part.find("  - id:"); at != std::string_view::npos; at = part.find("  - id:", at + 1)) {
      ++count;
    }
    return count;
  };
  CHECK(split->items_before_middle == items_in(std::string_view(text).substr(0, split->middle)));
  CHECK(split->items_before_middle >= 4);
  CHECK(split->items_before_middle + split->items_from_middle == 10);

  SECTION("a list at the indentation of its key, ending the file") {
    const std::string flush = plan_text(6, "", "");
    const auto cut = load::find_task_list_split(flush);
    REQUIRE(cut);
    CHECK(flush.substr(cut->middle).starts_with("- id: \""));
    CHECK(cut->end == flush.size());
    CHECK(cut->items_before_middle + cut->items_from_middle == 6);
  }
}

TEST_CASE("texts that leave any room for doubt are not cut") {
  CHECK_FALSE(load::find_task_list_split(plan_text(1)));                         // one item
  CHECK_FALSE(load::find_task_list_split("cchc: 1\ntasks: [a, b]\n"));           // a flow list
  CHECK_FALSE(load::find_task_list_split(plan_text(6, "---\ncchc: 1\n")));       // a second document
  CHECK_FALSE(load::find_task_list_split("%YAML 1.2\n" + plan_text(6)));         // a directive
  CHECK_FALSE(load::find_task_list_split(plan_text(6, "  \t- id: x\n")));        // a tab in an indentation
  CHECK_FALSE(load::find_task_list_split(plan_text(6, " x: 1\n")));              // a line between levels
  CHECK_FALSE(load::find_task_list_split("cchc: 1\ntasks:\n  x: 1\n  y: 2\n"));  // not a list
  CHECK(load::find_task_list_split("---\n" + plan_text(6)));                     // a first-line marker is fine
}

TEST_CASE("two parsers give the tree, the streamed items and the positions one parser gives") {
  const std::string text = plan_text(40, "sections:\n  - id: s\n    title: Báo cáo\n    lead: snv\n");
  for (const bool plain : {false, true}) {
    INFO("plain reader: " << plain);
    Recorder one, two;
    const auto single = load::read_yaml(text, "plan.yaml", {}, &one);
    const auto parts = load::read_yaml(text, "plan.yaml", {}, &two, always_two_parsers(plain));
    CHECK(two.restarts == 0);  // the cut was used
    CHECK(two.forks == 1);     // and the second half's items were read on the second thread
    CHECK(dump(parts.root) == dump(single.root));
    CHECK(two.items == one.items);
    CHECK(two.items.size() == 40);
    CHECK(parts.diagnostics.empty());
  }
}

TEST_CASE("a part with anything unusual makes the whole text read again in one piece, with the same problems") {
  const std::string base = plan_text(40);
  const std::string middle_item = "  - id: \"30\"\n";
  REQUIRE(base.find(middle_item) != std::string::npos);
  const std::vector<std::string> broken = {
      // an alias in the second half
      std::string(base).insert(base.find(middle_item) + middle_item.size(), "    note: *x\n"),
      // a quoted text in the first half whose next line looks like an item, then closes in the second half
      std::string(base).insert(base.find("  - id: \"10\""), "  - id: q\n    title: \"mở\n  - id: z\n    đóng\"\n"),
      // a syntax error in the second half
      std::string(base).insert(base.find(middle_item) + middle_item.size(), "    title: a: b\n"),
      // a duplicate key after the list
      base + "plan:\n  id: again\n",
      // a line with no ':' ending the first part, or the list: one parser runs it into the next line, an error
      // there; a part alone would take it for a key without a value (found by fuzz_pipeline)
      std::string(base).insert(base.find(middle_item), "    re used.\n"),
      base + "    re used.\nscoring:\n  completion:\n    - {from: 0, points: 0}\n",
      std::string(base).insert(base.find(middle_item), "    ? re used\n"),
  };
  for (const auto& text : broken) {
    for (const bool plain : {false, true}) {
      INFO("plain reader: " << plain);
      Recorder one, two;
      const auto single = load::read_yaml(text, "plan.yaml", {}, &one);
      const auto parts = load::read_yaml(text, "plan.yaml", {}, &two, always_two_parsers(plain));
      CHECK(dump(parts.diagnostics) == dump(single.diagnostics));
      CHECK(dump(parts.root) == dump(single.root));
      CHECK(two.items == one.items);
    }
  }
}

TEST_CASE("a plan loaded with two parsers is the plan loaded with one, problems included") {
  const std::string text = plan_text(60, "sections:\n  - id: s\n    title: Báo cáo\n    lead: nobody\n    colour: x\n");
  const auto single = load::load_plan(text, "plan.yaml");
  const auto parts = load::load_plan(text, "plan.yaml", {}, always_two_parsers());
  REQUIRE(single.plan);
  REQUIRE(parts.plan);
  CHECK(parts.plan->tasks.size() == 60);
  CHECK(dump(parts.diagnostics) == dump(single.diagnostics));
  CHECK_FALSE(parts.diagnostics.empty());  // the unknown key 'colour'
  for (std::size_t i = 0; i < single.plan->tasks.size(); ++i) {
    CHECK(parts.plan->tasks[i].id.value == single.plan->tasks[i].id.value);
    CHECK(parts.plan->tasks[i].title.pos.line == single.plan->tasks[i].title.pos.line);
    REQUIRE(parts.plan->tasks[i].due);
    REQUIRE(single.plan->tasks[i].due);
    CHECK(parts.plan->tasks[i].due->value.due == single.plan->tasks[i].due->value.due);
  }
}

TEST_CASE("a quoted text that runs across the cut is never read as two texts") {
  // The cut falls on the line "  - id: z", which is inside the quoted title: the first part ends inside the quote,
  // the second would read 'đóng"' as a plain continuation of 'z'. The quote is only closed in the second part.
  const std::string text =
      "cchc: 1\nplan:\n  id: p\n  title: T\n  date: 2026-01-15\ntasks:\n"
      "  - id: q\n    title: \"mở\n  - id: z\n    đóng\"\n  - id: b\n    title: x\n";
  const auto split = load::find_task_list_split(text);
  REQUIRE(split);
  REQUIRE(text.substr(split->middle).starts_with("  - id: z"));
  Recorder one, two;
  const auto single = load::read_yaml(text, "plan.yaml", {}, &one);
  const auto parts = load::read_yaml(text, "plan.yaml", {}, &two, always_two_parsers());
  CHECK(two.restarts == 1);  // read again in one piece
  CHECK(dump(parts.diagnostics) == dump(single.diagnostics));
  CHECK(dump(parts.root) == dump(single.root));
  CHECK(two.items == one.items);
  CHECK(one.items.size() == 2);
}
