#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "load/load.hpp"

using namespace cchc;
using model::TaskStatus;
using util::Date;
using util::SourcePos;

namespace {

std::string dump(const util::Diagnostics& diagnostics) {
  std::ostringstream out;
  for (const auto& d : diagnostics) {
    out << d.pos.line << ":" << d.pos.column << " [" << d.check << "] " << d.message << "\n";
  }
  return out.str();
}

/// Loads `text`, which must give a plan without any diagnostic.
model::Plan load_clean(std::string_view text) {
  load::LoadResult result = load::load_plan(text, "plan.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.plan.has_value());
  return std::move(*result.plan);
}

/// Loads `text`, which must give exactly one diagnostic; returns it.
util::Diagnostic load_one_problem(std::string_view text) {
  const load::LoadResult result = load::load_plan(text, "plan.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].file == "plan.yaml");
  CHECK(result.diagnostics[0].severity == util::Severity::Error);
  return result.diagnostics[0];
}

bool has(const util::Diagnostics& diagnostics, std::string_view check, int line, int column) {
  for (const auto& d : diagnostics) {
    if (d.check == check && d.pos == SourcePos{line, column}) return true;
  }
  return false;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kHeader =
    "cchc: 1\n"
    "plan:\n"
    "  id: test-plan\n"
    "  title: Kế hoạch thử\n";

}  // namespace

TEST_CASE("a full valid plan is read into the model") {
  const model::Plan plan = load_clean(
      "cchc: 1\n"
      "agencies:\n"
      "  snv: Sở Nội vụ\n"
      "  stp:\n"
      "    name: Sở Tư pháp\n"
      "    short: STP\n"
      "  dvdp: {name: \"Các đơn vị, địa phương\", group: true}\n"
      "documents:\n"
      "  bnv-6503:\n"
      "    ref: 6503/BNV-CCHC\n"
      "    date: 2019-12-24\n"
      "    issuer: Bộ Nội vụ\n"
      "    title: triển khai Kế hoạch tổng kết\n"
      "tasks:\n"
      "  - id: 1\n"
      "    title: Ban hành đề cương\n"
      "    due: Tháng 02 năm 2020\n"
      "    lead: snv\n"
      "    support: dvdp\n"
      "    status: done\n"
      "    done: 2020-02-20\n"
      "    note: gửi kèm\n"
      "  - id: II\n"
      "    title: Nội dung\n"
      "    tasks:\n"
      "      - id: 1\n"
      "        title: Việc con\n"
      "        due: Trước ngày 30/4/2020\n"
      "        support: [snv, stp]\n"
      "  - id: 3\n"
      "    title: Chuyên đề\n"
      "    tasks:\n"
      "      - id: 3.10\n"
      "        title: Kinh tế vĩ mô\n"
      "        due: Thường xuyên\n"
      "        status: cancelled\n"
      "        appendices:\n"
      "          - doc: bnv-6503\n"
      "            items: [\"Phụ lục 2\", \"Phụ lục 8\"]\n"
      "          - doc: bnv-6503\n"
      "            items: mục 13, Phụ lục 6\n"
      "sections:\n"
      "  - id: 1.1\n"
      "    title: Sở Tư pháp\n"
      "    lead: stp\n"
      "    tasks: [3.10, II.1]\n"
      "    due: 2020-05\n"
      "    status: doing\n"
      "    note: |-\n"
      "      - dòng một\n"
      "      - dòng hai\n"
      "plan:  # after the tasks: its before_date still applies to them\n"
      "  id: ha-tinh-2020\n"
      "  title: Tổng kết CCHC\n"
      "  issuer: UBND tỉnh Hà Tĩnh\n"
      "  number: /KH-UBND\n"
      "  date: 2020-02\n"
      "  status: issued\n"
      "  language: en\n"
      "  timezone: Asia/Bangkok\n"
      "  before_date: exclusive\n");

  CHECK(plan.file == "plan.yaml");
  CHECK(plan.format_version == 1);
  CHECK(plan.id.value == "ha-tinh-2020");
  CHECK(plan.id.pos == SourcePos{53, 7});
  CHECK(plan.title.value == "Tổng kết CCHC");
  CHECK(plan.issuer == "UBND tỉnh Hà Tĩnh");
  CHECK(plan.number == "/KH-UBND");
  REQUIRE(plan.date.has_value());
  CHECK(plan.date->value == util::PartialDate{2020, 2, 0});
  CHECK(plan.status == model::PlanStatus::Issued);
  CHECK(plan.language == model::Language::En);
  CHECK(plan.timezone == "Asia/Bangkok");
  CHECK(plan.before_date == model::BeforeDate::Exclusive);

  REQUIRE(plan.agencies.size() == 3);
  CHECK(plan.agencies[0].id.value == "snv");
  CHECK(plan.agencies[0].name == "Sở Nội vụ");
  CHECK(plan.agencies[0].pos == SourcePos{3, 3});
  CHECK(plan.agencies[1].short_name == "STP");
  CHECK_FALSE(plan.agencies[1].group);
  CHECK(plan.agencies[2].name == "Các đơn vị, địa phương");
  CHECK(plan.agencies[2].group);

  REQUIRE(plan.documents.size() == 1);
  const model::Document& document = plan.documents[0];
  CHECK(document.id.value == "bnv-6503");
  CHECK(document.ref == "6503/BNV-CCHC");
  CHECK(document.date == util::PartialDate{2019, 12, 24});
  CHECK(document.issuer == "Bộ Nội vụ");

  REQUIRE(plan.tasks.size() == 3);
  const model::Task& first = plan.tasks[0];
  CHECK(first.id.value == "1");
  CHECK(model::full_path(first) == "1");
  CHECK(first.path.empty());  // the number is the full reference: nothing more is kept
  CHECK(first.pos == SourcePos{15, 5});
  CHECK(first.title.value == "Ban hành đề cương");
  REQUIRE(first.lead.has_value());
  CHECK(first.lead->value == "snv");
  CHECK(first.lead->pos == SourcePos{18, 11});
  REQUIRE(first.support.size() == 1);
  CHECK(first.support[0].value == "dvdp");
  REQUIRE(first.due.has_value());
  CHECK(first.due->value.text == "Tháng 02 năm 2020");
  CHECK(first.due->value.due == Date{2020, 2, 29});
  CHECK(first.due->pos == SourcePos{17, 10});
  CHECK(first.status.value == TaskStatus::Done);
  CHECK(first.status.pos == SourcePos{20, 13});
  REQUIRE(first.done.has_value());
  CHECK(first.done->value == Date{2020, 2, 20});
  CHECK(first.note() == "gửi kèm");
  REQUIRE(first.extras);  // a note is among the extras, made for it
  CHECK_FALSE(first.reason());

  const model::Task& roman = plan.tasks[1];
  CHECK(model::full_path(roman) == "II");
  CHECK_FALSE(roman.due.has_value());
  // None of trigger, reason, note, appendices or occurrences: no block for them, and each reads as empty.
  CHECK_FALSE(roman.extras);
  CHECK_FALSE(roman.trigger());
  CHECK(roman.note().empty());
  CHECK(roman.appendices().empty());
  CHECK(roman.occurrences().empty());
  CHECK(roman.status.value == TaskStatus::Todo);
  REQUIRE(roman.children.size() == 1);
  CHECK(roman.children[0].id.value == "1");
  CHECK(model::full_path(roman.children[0]) == "II.1");
  CHECK(roman.children[0].path == "II.1");  // kept, as it differs from the number "1"
  REQUIRE(roman.children[0].due.has_value());
  CHECK(roman.children[0].due->value.due == Date{2020, 4, 29});  // exclusive, from the plan block below
  REQUIRE(roman.children[0].support.size() == 2);
  CHECK(roman.children[0].support[1].value == "stp");
  CHECK(roman.children[0].support[1].pos == SourcePos{29, 24});

  const model::Task& child = plan.tasks[2].children.at(0);
  CHECK(child.id.value == "3.10");  // unquoted, still the text as written
  CHECK(model::full_path(child) == "3.10");
  CHECK(child.due->value.kind == model::DeadlineKind::Ongoing);
  CHECK(child.status.value == TaskStatus::Cancelled);
  REQUIRE(child.appendices().size() == 2);
  CHECK(child.appendices()[0].doc.value == "bnv-6503");
  REQUIRE(child.appendices()[0].items.size() == 2);
  CHECK(child.appendices()[0].items[1].value == "Phụ lục 8");
  REQUIRE(child.appendices()[1].items.size() == 1);
  CHECK(child.appendices()[1].items[0].value == "mục 13, Phụ lục 6");

  CHECK(plan.find_task("II.1") == &roman.children[0]);
  CHECK(plan.find_task("3.10") == &child);

  REQUIRE(plan.sections.size() == 1);
  const model::Section& section = plan.sections[0];
  CHECK(section.id.value == "1.1");
  CHECK(section.title.value == "Sở Tư pháp");
  CHECK(section.lead->value == "stp");
  REQUIRE(section.tasks.size() == 2);
  CHECK(section.tasks[0].value == "3.10");
  CHECK(section.tasks[1].value == "II.1");
  CHECK(section.due->value.due == Date{2020, 5, 31});
  CHECK(section.status.value == TaskStatus::Doing);
  CHECK(section.note == "- dòng một\n- dòng hai");
}

TEST_CASE("the Hà Tĩnh 2020 plan loads without a single diagnostic") {
  const auto path = std::filesystem::path(CCHC_SOURCE_DIR) / "plans" / "ha-tinh-2020-tong-ket-cchc.yaml";
  if (!std::filesystem::exists(path)) return;
  const model::Plan plan = load_clean(read_file(path));
  CHECK(plan.tasks.size() == 9);
  const model::Task* task = plan.find_task("3.10");
  REQUIRE(task != nullptr);
  CHECK(task->due->value.due == Date{2020, 4, 30});
  // Its document titles are partly NFD in the file; the model holds NFC.
  for (const auto& document : plan.documents) CHECK(document.title.find("\xCC") == std::string::npos);
}

TEST_CASE("NFD text becomes NFC, and keys written in NFD are recognised") {
  // "Sở Nội vụ" and "Trước ngày" with combining marks.
  const std::string nfd_name = "So\u031B\u0309 No\u0323\u0302i vu\u0323";
  const model::Plan plan =
      load_clean(kHeader + "agencies:\n  snv: " + nfd_name + "\ntasks:\n  - id: \"1\"\n    title: " + nfd_name +
                 "\n    due: Tr\u01B0\u01A1\u0301c nga\u0300y 30/4/2020\n");
  CHECK(plan.agencies.at(0).name == "Sở Nội vụ");
  CHECK(plan.tasks.at(0).title.value == "Sở Nội vụ");
  CHECK(plan.tasks.at(0).due->value.text == "Trước ngày 30/4/2020");
}

TEST_CASE("a key given twice is found in a map of any size and in either Unicode form") {
  SECTION("a large map, whose keys are looked up by hash") {
    std::string agencies = "agencies:\n";
    for (int i = 1; i <= 20; ++i) agencies += "  a" + std::to_string(i) + ": Đơn vị " + std::to_string(i) + "\n";
    agencies += "  a3: Đơn vị 3\n";  // line 26: the header takes 4 lines, "agencies:" the 5th
    const auto d = load_one_problem(kHeader + agencies);
    CHECK(d.check == "duplicate-key");
    CHECK(d.pos == SourcePos{26, 3});
    CHECK(d.message == "the key 'a3' is given twice in the same map (first on line 8)");
  }
  SECTION("the same key in NFC and in NFD, in a small map and in a large one") {
    for (const int others : {0, 20}) {
      std::string agencies = "agencies:\n  s\u1EDF: A\n";
      for (int i = 1; i <= others; ++i) agencies += "  a" + std::to_string(i) + ": B\n";
      agencies += "  so\u031B\u0309: C\n";
      // 'sở' is no valid agency id either: that is reported too, once, for the first.
      const load::LoadResult result = load::load_plan(kHeader + agencies, "plan.yaml");
      INFO(others << "\n" << dump(result.diagnostics));
      REQUIRE(result.diagnostics.size() == 2);
      CHECK(has(result.diagnostics, "invalid-value", 6, 3));
      CHECK(has(result.diagnostics, "duplicate-key", 7 + others, 3));
      CHECK(result.diagnostics[1].message == "the key 's\u1EDF' is given twice in the same map (first on line 6)");
    }
  }
  SECTION("a key of a task written in NFD is read as its NFC form") {
    // "tïtle" is no key, but an NFD "tïtle" must be reported in NFC, as the user would search for it.
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title: x\n    ti\u0308tle: y\n");
    CHECK(d.check == "unknown-key");
    CHECK(d.message == "unknown key 't\u00EFtle'");
  }
}

TEST_CASE("columns count code points, not bytes") {
  const util::Diagnostic d = load_one_problem(kHeader + "agencies:\n  snv: {name: \"Sở Nội vụ\", grop: true}\n");
  CHECK(d.check == "unknown-key");
  CHECK(d.pos == SourcePos{6, 28});
  CHECK(d.hint == "did you mean 'group'?");
}

TEST_CASE("each load-stage diagnostic points at the right place") {
  SECTION("unknown key, with a did-you-mean hint") {
    const auto d = load_one_problem(kHeader + "  tittle: x\n");
    CHECK(d.check == "unknown-key");
    CHECK(d.pos == SourcePos{5, 3});
    CHECK(d.message == "unknown key 'tittle'");
    CHECK(d.hint == "did you mean 'title'?");
  }
  SECTION("unknown key far from every allowed key lists them") {
    const auto d = load_one_problem(kHeader + "owner: x\n");
    CHECK(d.pos == SourcePos{5, 1});
    CHECK(d.hint == "the keys allowed here are: cchc, plan, agencies, documents, tasks, sections, scoring");
  }
  SECTION("missing required field points at the map") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    due: 2020\n");
    CHECK(d.check == "missing-field");
    CHECK(d.pos == SourcePos{6, 5});
    CHECK(d.message == "task '1' has no 'title'");
  }
  SECTION("an empty required field points at its key") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title:\n");
    CHECK(d.check == "missing-field");
    CHECK(d.pos == SourcePos{7, 5});
    CHECK(d.message == "'title' of task '1' is empty");
  }
  SECTION("missing plan block and format version") {
    const load::LoadResult result = load::load_plan("agencies:\n  snv: Sở Nội vụ\n", "plan.yaml");
    INFO(dump(result.diagnostics));
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(has(result.diagnostics, "missing-field", 1, 1));
    CHECK(result.diagnostics[0].message == "the plan file has no 'cchc'");
    CHECK(result.diagnostics[1].message == "the plan file has no 'plan'");
  }
  SECTION("wrong type points at the value") {
    const auto d = load_one_problem(kHeader + "tasks:\n  a: 1\n");
    CHECK(d.check == "wrong-type");
    CHECK(d.pos == SourcePos{6, 3});
    CHECK(d.message == "'tasks' must be a list of tasks, each starting with '- id:', not a map");
  }
  SECTION("a list item of the wrong kind") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - Ban hành đề cương\n");
    CHECK(d.check == "wrong-type");
    CHECK(d.pos == SourcePos{6, 5});
  }
  SECTION("duplicate key points at the second one") {
    const auto d = load_one_problem(kHeader + "  title: again\n");
    CHECK(d.check == "duplicate-key");
    CHECK(d.pos == SourcePos{5, 3});
    CHECK(d.message == "the key 'title' is given twice in the same map (first on line 4)");
  }
  SECTION("duplicate agency id") {
    const auto d = load_one_problem(kHeader + "agencies:\n  snv: Sở Nội vụ\n  stp: Sở Tư pháp\n  snv: Sở Nội vụ\n");
    CHECK(d.check == "duplicate-key");
    CHECK(d.pos == SourcePos{8, 3});
  }
  SECTION("bad enum value with a hint") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title: x\n    status: Done\n");
    CHECK(d.check == "invalid-value");
    CHECK(d.pos == SourcePos{8, 13});
    CHECK(d.message == "unknown status 'Done'");
    CHECK(d.hint == "did you mean 'done'?");
  }
  SECTION("bad before_date") {
    const auto d = load_one_problem(kHeader + "  before_date: excl\n");
    CHECK(d.check == "invalid-value");
    CHECK(d.pos == SourcePos{5, 16});
  }
  SECTION("bad id syntax") {
    const auto d = load_one_problem(kHeader + "agencies:\n  Sở-NV: Sở Nội vụ\n");
    CHECK(d.check == "invalid-value");
    CHECK(d.pos == SourcePos{6, 3});
    CHECK(d.message == "'Sở-NV' is not a valid agency id");
  }
  SECTION("bad format version") {
    const auto d = load_one_problem("cchc: 2\nplan:\n  id: x\n  title: y\n");
    CHECK(d.check == "invalid-value");
    CHECK(d.pos == SourcePos{1, 7});
    CHECK(d.message == "unsupported format version '2'");
  }
  SECTION("booleans are only true and false") {
    const auto d = load_one_problem(kHeader + "agencies:\n  dv:\n    name: x\n    group: yes\n");
    CHECK(d.check == "invalid-value");
    CHECK(d.pos == SourcePos{8, 12});
  }
  SECTION("impossible completion date") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title: x\n    done: 2020-02-30\n");
    CHECK(d.check == "invalid-date");
    CHECK(d.pos == SourcePos{8, 11});
    CHECK(d.message == "'2020-02-30' is not a real date: February 2020 has 29 days");
  }
  SECTION("completion date in another form") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title: x\n    done: 30/4/2020\n");
    CHECK(d.check == "invalid-date");
    CHECK(d.message == "'30/4/2020' is not a date in the form YYYY-MM-DD");
  }
  SECTION("impossible partial date of the plan") {
    const auto d = load_one_problem(kHeader + "  date: 2020-13\n");
    CHECK(d.check == "invalid-date");
    CHECK(d.pos == SourcePos{5, 9});
    CHECK(d.message == "'2020-13' is not a real date: there is no month 13");
  }
  SECTION("impossible date inside a deadline wording") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title: x\n    due: Trước ngày 30/02/2020\n");
    CHECK(d.check == "invalid-deadline");
    CHECK(d.pos == SourcePos{8, 10});
    CHECK(d.message == "there is no day 30/02/2020: February 2020 has 29 days");
  }
  SECTION("unknown deadline wording lists the accepted forms") {
    const auto d = load_one_problem(kHeader + "tasks:\n  - id: \"1\"\n    title: x\n    due: \"Cuối quý\"\n");
    CHECK(d.check == "invalid-deadline");
    CHECK(d.pos == SourcePos{8, 10});
    CHECK(d.message == "cannot read the deadline 'Cuối quý'");
    CHECK(d.hint.find("Thường xuyên") != std::string::npos);
  }
}

TEST_CASE("many problems in one file are all reported, in file order") {
  const load::LoadResult result = load::load_plan(
      "cchc: 1\n"
      "tasks:\n"
      "  - id: \"1\"\n"
      "    titel: Ban hành\n"            // 4: unknown key, and so no title
      "    due: Trước ngày 31/4/2020\n"  // 5: impossible date
      "    status: finish\n"             // 6: bad status
      "  - id: \"2\"\n"
      "    title: Tổng kết\n"
      "    title: Tổng kết lại\n"  // 9: duplicate key
      "    support: {snv: 1}\n"    // 10: wrong type
      "    done: 2021-02-29\n"     // 11: impossible date
      "    tasks:\n"
      "      - id: \"2.1\"\n"
      "        due: Cuối năm\n"  // 14: unreadable deadline; 13: no title
      "plan:\n"
      "  id: Bad Id\n"  // 16: bad id
      "  title: x\n"
      "  language: fr\n",  // 18: bad language
      "many.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.plan.has_value());
  const auto& d = result.diagnostics;
  CHECK(has(d, "missing-field", 3, 5));
  CHECK(has(d, "unknown-key", 4, 5));
  CHECK(has(d, "invalid-deadline", 5, 10));
  CHECK(has(d, "invalid-value", 6, 13));
  CHECK(has(d, "duplicate-key", 9, 5));
  CHECK(has(d, "wrong-type", 10, 14));
  CHECK(has(d, "invalid-date", 11, 11));
  CHECK(has(d, "missing-field", 13, 9));
  CHECK(has(d, "invalid-deadline", 14, 14));
  CHECK(has(d, "invalid-value", 16, 7));
  CHECK(has(d, "invalid-value", 18, 13));
  CHECK(d.size() == 11);
  for (std::size_t i = 1; i < d.size(); ++i) {
    CHECK(std::pair(d[i - 1].pos.line, d[i - 1].pos.column) <= std::pair(d[i].pos.line, d[i].pos.column));
  }
  // The good parts are still read.
  REQUIRE(result.plan->tasks.size() == 2);
  CHECK(model::full_path(result.plan->tasks[1].children.at(0)) == "2.1");
}

TEST_CASE("byte order mark and CRLF line ends are accepted") {
  const model::Plan plan = load_clean(
      "\xEF\xBB\xBF"
      "cchc: 1\r\nplan:\r\n  id: crlf\r\n  title: \"Tiêu đề\"\r\n"
      "  issuer: |\r\n    dòng một\r\n    dòng hai\r\n");
  CHECK(plan.id.value == "crlf");
  CHECK(plan.id.pos == SourcePos{3, 7});
  CHECK(plan.title.value == "Tiêu đề");
  CHECK(plan.issuer == "dòng một\ndòng hai\n");

  const auto d = load_one_problem(
      "\xEF\xBB\xBF"
      "cchc: 1\r\nplan:\r\n  id: crlf\r\n  title: x\r\n  bad: 1\r\n");
  CHECK(d.pos == SourcePos{5, 3});
}

TEST_CASE("anchors, aliases, tags and merge keys are rejected") {
  const load::LoadResult result = load::load_plan(kHeader +
                                                      "  issuer: &who UBND tỉnh\n"
                                                      "  number: *who\n"
                                                      "  date: !!str 2020\n"
                                                      "agencies:\n"
                                                      "  snv:\n"
                                                      "    <<: {name: x}\n",
                                                  "plan.yaml");
  INFO(dump(result.diagnostics));
  const auto& d = result.diagnostics;
  REQUIRE(d.size() == 4);
  CHECK(has(d, "yaml-syntax", 5, 11));
  CHECK(d[0].message == "anchors ('&who') are not supported in plan files");
  CHECK(has(d, "yaml-syntax", 6, 11));
  CHECK(d[1].message == "aliases ('*who') are not supported in plan files");
  CHECK(has(d, "yaml-syntax", 7, 9));
  CHECK(d[2].message == "tags ('!!str') are not supported in plan files");
  CHECK(has(d, "yaml-syntax", 10, 5));
  CHECK(d[3].message == "merge keys ('<<') are not supported in plan files");
}

TEST_CASE("malformed YAML gives yaml-syntax with a position and no plan") {
  struct Case {
    std::string text;
    int line, column;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[", 1, 1, "the '[' opened here is never closed"},
      {",", 1, 1, "unexpected ',' here"},
      {"cchc: 1\n...\n,\n", 3, 1, "unexpected ',' here"},
      {"cchc: 1\nplan: {id: x, title: [a\n", 2, 22, "the '[' opened here is never closed"},
      {"cchc: 1\nplan: {id: x}}\n", 2, 14, "unexpected '}' here"},
      {"cchc: 1\nplan:\n  id: x\n title: y\n", 4, 2, "this line is not indented like the lines above it"},
      {"cchc: 1\nplan:\n  id: x\n  title: Phụ lục: 2\n", 4, 17, "unexpected ':' here"},
      {"cchc: 1\nplan:\n\tid: x\n", 3, 1, "this line is indented with a tab"},
      {"cchc: 1\nplan:\n  title: \"Tiêu đề\n  id: x\n", 3, 10, "the quote \" opened here is never closed"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const load::LoadResult result = load::load_plan(c.text, "plan.yaml");
    INFO(dump(result.diagnostics));
    CHECK_FALSE(result.plan.has_value());
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(result.diagnostics[0].check == "yaml-syntax");
    CHECK(result.diagnostics[0].pos == SourcePos{c.line, c.column});
    CHECK(result.diagnostics[0].message == c.message);
  }
}

TEST_CASE("deeply nested input is an error, not a crash") {
  const load::LoadResult result = load::load_plan(std::string(100000, '['), "plan.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].check == "limit");
  CHECK(result.diagnostics[0].pos == SourcePos{1, 65});
  CHECK_FALSE(result.plan.has_value());
}

TEST_CASE("block nesting, node count, text length and file size have limits") {
  std::string deep;
  for (int level = 0; level < 70; ++level) deep += std::string(static_cast<std::size_t>(level) * 2, ' ') + "k:\n";
  const auto nested = load::load_plan(deep, "plan.yaml");
  REQUIRE(nested.diagnostics.size() == 1);
  CHECK(nested.diagnostics[0].check == "limit");
  CHECK(nested.diagnostics[0].pos == SourcePos{65, 129});

  load::Limits small;
  small.max_nodes = 5;
  const auto many = load::load_plan(kHeader, "plan.yaml", small);
  REQUIRE(many.diagnostics.size() == 1);
  CHECK(many.diagnostics[0].check == "limit");
  CHECK(many.diagnostics[0].message.find("more than 5 keys") != std::string::npos);

  small = {};
  small.max_scalar_bytes = 4;
  const auto longer = load::load_plan(kHeader, "plan.yaml", small);
  REQUIRE(longer.diagnostics.size() == 1);
  CHECK(longer.diagnostics[0].check == "limit");

  small = {};
  small.max_file_bytes = 10;
  const auto large = load::load_plan(kHeader, "plan.yaml", small);
  REQUIRE(large.diagnostics.size() == 1);
  CHECK(large.diagnostics[0].pos == SourcePos{1, 1});
}

TEST_CASE("controls, NUL, bare CR and non-ASCII indentation are located errors") {
  CHECK(load_one_problem("cchc: 1\r" + kHeader.substr(8)).pos == SourcePos{1, 8});
  CHECK(load_one_problem(kHeader + "\x1b[31m\n").pos == SourcePos{5, 1});
  CHECK(load_one_problem(kHeader + "#\x07\n").pos == SourcePos{5, 2});
  CHECK(load_one_problem(kHeader + "# \xC2\x85\n").pos == SourcePos{5, 3});
  CHECK(load_one_problem(std::string(1, '\0') + kHeader).message.find("NUL") != std::string::npos);
  CHECK(load_one_problem(std::string("c\0c\0h\0c\0", 8)).message.find("UTF-16") != std::string::npos);
  const auto nbsp = load_one_problem("cchc: 1\nplan:\n  id: x\n\u00a0 title: t\n");
  CHECK(nbsp.pos == SourcePos{4, 1});
  CHECK(nbsp.message.find("U+00A0") != std::string::npos);
  const auto escape = load::load_plan("cchc: 1\nplan:\n  id: x\n  title: \"a\\e[2Jb\"\n", "plan.yaml");
  REQUIRE_FALSE(escape.diagnostics.empty());
  CHECK(escape.diagnostics[0].pos == SourcePos{4, 10});
  CHECK(escape.diagnostics[0].message.find("U+001B (ESC)") != std::string::npos);
}

TEST_CASE("a flood of problems is cut to the first hundred and a count") {
  std::string text = kHeader;
  for (int i = 0; i < 5000; ++i) text += "k" + std::to_string(i) + ": 1\n";
  const auto result = load::load_plan(text, "plan.yaml");
  REQUIRE(result.diagnostics.size() == 101);
  CHECK(result.diagnostics.back().check == "limit");
  CHECK(result.diagnostics.back().message == "4900 more problems in this file not shown");
}

TEST_CASE("a second document is an error") {
  const load::LoadResult result = load::load_plan(kHeader + "---\n" + kHeader, "plan.yaml");
  INFO(dump(result.diagnostics));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].check == "yaml-syntax");
  CHECK(result.diagnostics[0].pos == SourcePos{5, 1});
}

TEST_CASE("invalid UTF-8 is a located error") {
  const load::LoadResult result = load::load_plan(kHeader + "  issuer: Sở \xFF\n", "plan.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].check == "yaml-syntax");
  CHECK(result.diagnostics[0].pos == SourcePos{5, 14});
  CHECK(result.diagnostics[0].message == "the file is not valid UTF-8 text (byte 0xFF)");
  CHECK_FALSE(result.plan.has_value());

  const load::LoadResult utf16 = load::load_plan(std::string("\xFF\xFE"
                                                             "c\0c\0",
                                                             6),
                                                 "plan.yaml");
  REQUIRE(utf16.diagnostics.size() == 1);
  CHECK(utf16.diagnostics[0].message == "the file is saved as UTF-16, not UTF-8");
}

TEST_CASE("an empty file or a file that is not a map") {
  for (const char* text : {"", "# only a comment\n", "~\n"}) {
    const auto d = load_one_problem(text);
    CHECK(d.check == "missing-field");
    CHECK(d.pos == SourcePos{1, 1});
  }
  const auto d = load_one_problem("- a\n- b\n");
  CHECK(d.check == "wrong-type");
}

TEST_CASE("null, ~ and empty values mean absent for optional keys") {
  const model::Plan plan = load_clean(kHeader +
                                      "  issuer: ~\n  number:\n  date: null\n"
                                      "tasks:\n  - id: \"1\"\n    title: x\n    due:\n    lead: ~\n    status:\n");
  CHECK(plan.issuer.empty());
  CHECK_FALSE(plan.date.has_value());
  CHECK_FALSE(plan.tasks.at(0).due.has_value());
  CHECK_FALSE(plan.tasks.at(0).lead.has_value());
  CHECK(plan.tasks.at(0).status.value == TaskStatus::Todo);
}

namespace {

/// The announcement on a bad plan's first line: "# expect: CHECK at LINE:COL".
struct Expectation {
  std::string check;
  SourcePos pos;
};

std::optional<Expectation> parse_expectation(const std::string& text) {
  const std::string prefix = "# expect: ";
  if (text.rfind(prefix, 0) != 0) return std::nullopt;
  std::istringstream line(text.substr(prefix.size(), text.find('\n') - prefix.size()));
  Expectation expectation;
  std::string at;
  char colon = 0;
  if (!(line >> expectation.check >> at >> expectation.pos.line >> colon >> expectation.pos.column) || at != "at" ||
      colon != ':') {
    return std::nullopt;
  }
  return expectation;
}

}  // namespace

TEST_CASE("every bad plan in tests/data/bad gives the diagnostic its first line announces") {
  const auto folder = std::filesystem::path(CCHC_SOURCE_DIR) / "tests" / "data" / "bad";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string text = read_file(entry.path());
    INFO(entry.path().filename().string());
    const auto expected = parse_expectation(text);
    REQUIRE(expected.has_value());
    const load::LoadResult result = load::load_plan(text, entry.path().string());
    INFO(dump(result.diagnostics));
    REQUIRE_FALSE(result.diagnostics.empty());
    // The first problem in file order is the announced one, and every problem is of that kind.
    CHECK(result.diagnostics[0].check == expected->check);
    CHECK(result.diagnostics[0].pos == expected->pos);
    for (const auto& d : result.diagnostics) CHECK(d.check == expected->check);
  }
  CHECK(files >= 8);
}

TEST_CASE("the check-stage bad plans are structurally fine") {
  const auto folder = std::filesystem::path(CCHC_SOURCE_DIR) / "tests" / "data" / "bad-check";
  if (!std::filesystem::exists(folder)) return;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().filename().string());
    load_clean(read_file(entry.path()));
  }
}

TEST_CASE("every case of the hostile corpus gets its announced check, place and message from the loader") {
  const auto folder = std::filesystem::path(CCHC_SOURCE_DIR) / "tests" / "hostile";
  std::ifstream manifest(folder / "EXPECTED");
  REQUIRE(manifest);
  int cases = 0;
  for (std::string row; std::getline(manifest, row);) {
    if (row.empty() || row[0] == '#') continue;
    std::vector<std::string> fields;
    for (std::size_t start = 0;;) {
      const std::size_t tab = row.find('\t', start);
      fields.push_back(row.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    REQUIRE(fields.size() == 5);
    const std::string& check = fields[2];
    // "-": a good file; duplicate-plan and dependency-cycle: the check stage's, not the loader's.
    if (check == "-" || check == "duplicate-plan" || check == "dependency-cycle") continue;
    ++cases;
    INFO(fields[0]);
    const std::string text = read_file(folder / fields[0]);
    const load::LoadResult result = load::load_plan(text, fields[0]);
    INFO(dump(result.diagnostics));
    const std::size_t colon = fields[3].find(':');
    const SourcePos pos{std::stoi(fields[3].substr(0, colon)), std::stoi(fields[3].substr(colon + 1))};
    const bool found = std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [&](const auto& d) {
      return d.check == check && d.pos == pos && d.message.find(fields[4]) != std::string::npos;
    });
    CHECK(found);
  }
  CHECK(cases >= 60);
}

TEST_CASE("progress, evidence and reason are read; progress is a percent") {
  const std::string head = "cchc: 1\nplan:\n  id: p\n  title: x\ntasks:\n  - id: \"1\"\n    title: t\n";
  const auto plan = load_clean(head +
                               "    status: doing\n    progress: 60\n    evidence: \"Báo cáo số 45/BC-STP\"\n"
                               "  - id: \"2\"\n    title: u\n    status: cancelled\n    reason: \"Gộp vào 1\"\n"
                               "    evidence: [\"a\", \"https://example.gov.vn/x\"]\n");
  REQUIRE(plan.tasks[0].progress);
  CHECK(plan.tasks[0].progress->value == 60);
  CHECK(plan.tasks[0].progress->pos == SourcePos{9, 15});
  REQUIRE(plan.tasks[0].evidence.size() == 1);
  CHECK(plan.tasks[0].evidence[0].value == "Báo cáo số 45/BC-STP");
  CHECK(plan.tasks[1].reason()->value == "Gộp vào 1");
  CHECK(plan.tasks[1].evidence.size() == 2);
  for (const char* bad : {"101", "\"60\"", "60%", "-1", "6.5"}) {
    const auto d = load_one_problem(head + "    progress: " + bad + "\n");
    CHECK(d.check == "invalid-value");
    CHECK(d.pos == SourcePos{8, 15});
  }
}
