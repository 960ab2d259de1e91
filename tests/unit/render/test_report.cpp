#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "render/report.hpp"

#include "../kept.hpp"

using namespace cchc;
using namespace cchc::render;
using evaluate::Item;
using evaluate::ItemKind;
using evaluate::State;

namespace {

model::Agency agency(const std::string& id, const std::string& name) {
  model::Agency agency;
  agency.id.value = id;
  agency.name = name;
  return agency;
}

Item task(const std::string& id, State state, const std::string& lead, std::vector<std::string> support = {}) {
  Item item;
  item.plan_id = "p";
  item.id = test_support::kept(id);
  item.title = test_support::kept("Task " + id);
  item.lead = test_support::kept(lead);
  for (auto& agency : support) item.support.push_back(test_support::kept(std::move(agency)));
  item.state = state;
  return item;
}

model::Plan sample_plan() {
  model::Plan plan;
  plan.id.value = "p";
  plan.title.value = "Kế hoạch mẫu";
  plan.issuer = "UBND tỉnh";
  plan.number = "12/KH-UBND";
  plan.agencies = {agency("snv", "Sở Nội vụ"), agency("stp", "Sở Tư pháp"), agency("dv", "Các đơn vị")};
  model::Section section;
  section.id.value = "1.1";
  section.title.value = "Phần của Sở Tư pháp";
  section.tasks = {{"3.2", {}}, {"3.10", {}}};
  plan.sections.push_back(section);
  model::Section second;
  second.id.value = "1.2";
  second.title.value = "Phần của Sở Nội vụ";
  second.tasks = {{"1", {}}};
  plan.sections.push_back(second);
  return plan;
}

/// Items of sample_plan in a deliberately scrambled order (3.10 written before 3.2).
std::vector<Item> sample_items() {
  std::vector<Item> items;
  items.push_back(task("1", State::DoneLate, "snv", {"dv"}));
  Item grouping = task("3", State::Overdue, "");
  grouping.has_children = true;
  grouping.due_derived = true;
  items.push_back(grouping);
  items.push_back(task("3.10", State::Overdue, "stp", {"snv"}));
  items.back().days = -1;
  items.push_back(task("3.2", State::Overdue, "stp", {"dv"}));
  items.back().days = -1;
  items.push_back(task("3.1", State::Overdue, "snv"));
  items.back().days = -30;
  items.push_back(task("4", State::DueSoon, "snv"));
  items.push_back(task("5", State::Done, "snv"));
  items.push_back(task("6", State::Cancelled, "snv"));
  items.push_back(task("7", State::Ongoing, "snv"));
  items.push_back(task("8", State::Upcoming, "snv"));
  Item section = task("1.1", State::Overdue, "stp");
  section.kind = ItemKind::Section;
  items.push_back(section);
  Item arrived = task("1.2", State::DoneLate, "snv");
  arrived.kind = ItemKind::Section;
  arrived.done = util::Date{2020, 3, 2};
  items.push_back(arrived);
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].order = i;
    if (items[i].kind == ItemKind::Task)
      items[i].depth = static_cast<int>(std::count(items[i].id.begin(), items[i].id.end(), '.'));
  }
  return items;
}

std::vector<std::string> ids(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.emplace_back(item.id);
  return out;
}

}  // namespace

namespace {

/// Tasks in document order with their depth, as evaluate_plan lists them.
std::vector<Item> tree(const std::vector<std::pair<std::string, int>>& numbers) {
  std::vector<Item> items;
  for (const auto& [number, depth] : numbers) {
    items.push_back(task(number, State::Upcoming, "snv"));
    items.back().depth = depth;
    items.back().order = items.size() - 1;
  }
  return items;
}

}  // namespace

TEST_CASE("report: siblings numbered in digits sort as numbers, subtasks stay under their parent", "[report]") {
  const auto ordered = in_number_order(
      tree({{"10", 0}, {"3", 0}, {"3.10", 1}, {"3.10.2", 2}, {"3.10.1", 2}, {"3.2", 1}, {"3.1", 1}, {"9", 0}}));
  CHECK(ids(ordered) == std::vector<std::string>{"3", "3.1", "3.2", "3.10", "3.10.1", "3.10.2", "9", "10"});
}

TEST_CASE("report: Roman numerals sort by value; II.1 stays under II", "[report]") {
  const auto ordered = in_number_order(tree({{"IX", 0}, {"II", 0}, {"II.10", 1}, {"II.1", 1}, {"IV", 0}}));
  CHECK(ids(ordered) == std::vector<std::string>{"II", "II.1", "II.10", "IV", "IX"});
}

TEST_CASE("report: letters and mixed numbering keep the plan's order", "[report]") {
  // A, B, C, D: C and D are also Roman numerals, yet these are letters; 3 and II: nothing says which is first.
  CHECK(ids(in_number_order(tree({{"A", 0}, {"B", 0}, {"C", 0}, {"D", 0}}))) ==
        std::vector<std::string>{"A", "B", "C", "D"});
  CHECK(ids(in_number_order(tree({{"3", 0}, {"II", 0}, {"II.1", 1}}))) == std::vector<std::string>{"3", "II", "II.1"});
  CHECK(ids(in_number_order(tree({{"b", 0}, {"a", 0}}))) == std::vector<std::string>{"b", "a"});
}

TEST_CASE("report: subtasks whose parent was filtered out keep their place", "[report]") {
  const auto ordered = in_number_order(tree({{"3.10", 1}, {"3.2", 1}, {"4", 0}, {"2", 0}}));
  CHECK(ids(ordered) == std::vector<std::string>{"3.2", "3.10", "2", "4"});
  CHECK(in_number_order({}).empty());
}

TEST_CASE("report: the task table is in number order, groupings included", "[report]") {
  const model::Plan plan = sample_plan();
  const Report report = build_report({&plan}, {sample_items()}, util::Date{2020, 5, 1});
  REQUIRE(report.plans.size() == 1);
  CHECK(ids(report.plans[0].tasks) ==
        std::vector<std::string>{"1", "3", "3.1", "3.2", "3.10", "4", "5", "6", "7", "8"});
  CHECK(report.plans[0].issuer == "UBND tỉnh");
  CHECK(report.plans[0].number == "12/KH-UBND");
  CHECK(report.today == util::Date{2020, 5, 1});
}

TEST_CASE("report: shares leave out groupings and cancelled tasks and add up", "[report]") {
  const model::Plan plan = sample_plan();
  const PlanReport report = build_report({&plan}, {sample_items()}, util::Date{2020, 5, 1}).plans.at(0);
  const ReportShares& shares = report.shares;
  CHECK(shares.counted == 8);  // 1, 3.1, 3.2, 3.10, 4, 5, 7, 8
  CHECK(shares.done_on_time == 1);
  CHECK(shares.done_late == 1);
  CHECK(shares.overdue == 3);
  CHECK(shares.not_yet_due == 2);
  CHECK(shares.undated == 1);
  CHECK(shares.done_on_time + shares.done_late + shares.overdue + shares.not_yet_due + shares.undated ==
        shares.counted);
  CHECK(shares.percent(shares.overdue) == 38);  // 37.5 rounds half up
  CHECK(shares.percent(shares.counted) == 100);
  CHECK(ReportShares{}.percent(0) == 0);

  const auto count_of = [&](State state) {
    for (const auto& [s, n] : report.counts) {
      if (s == state) return n;
    }
    return -1;
  };
  CHECK(count_of(State::Overdue) == 3);  // not the grouping 3
  CHECK(count_of(State::Cancelled) == 1);
  CHECK(count_of(State::InProgress) == 0);
}

TEST_CASE("report: overdue most late first, then by number; due soon apart", "[report]") {
  const model::Plan plan = sample_plan();
  const PlanReport report = build_report({&plan}, {sample_items()}, util::Date{2020, 5, 1}).plans.at(0);
  CHECK(ids(report.overdue) == std::vector<std::string>{"3.1", "3.2", "3.10"});
  CHECK(ids(report.due_soon) == std::vector<std::string>{"4"});
}

TEST_CASE("report: one part per lead agency with what it leads and supports", "[report]") {
  const model::Plan plan = sample_plan();
  const PlanReport report = build_report({&plan}, {sample_items()}, util::Date{2020, 5, 1}).plans.at(0);
  REQUIRE(report.agencies.size() == 2);  // "dv" only supports
  CHECK(report.agencies[0].agency_id == "snv");
  CHECK(report.agencies[0].name == "Sở Nội vụ");
  CHECK(ids(report.agencies[0].leads) == std::vector<std::string>{"1", "3.1", "4", "5", "6", "7", "8"});
  CHECK(ids(report.agencies[0].supports) == std::vector<std::string>{"3.10"});
  CHECK(report.agencies[1].agency_id == "stp");
  CHECK(ids(report.agencies[1].leads) == std::vector<std::string>{"3.2", "3.10"});
  CHECK(report.agencies[1].supports.empty());
}

TEST_CASE("report: the outline says who owes which part and whether it arrived", "[report]") {
  const model::Plan plan = sample_plan();
  const PlanReport report = build_report({&plan}, {sample_items()}, util::Date{2020, 5, 1}).plans.at(0);
  REQUIRE(report.outline.size() == 2);
  CHECK(report.outline[0].section.id == "1.1");
  CHECK(report.outline[0].tasks == std::vector<std::string>{"3.2", "3.10"});
  CHECK_FALSE(report.outline[0].arrived);
  CHECK(report.outline[1].arrived);
  CHECK(report.outline[1].section.done == util::Date{2020, 3, 2});
}

TEST_CASE("report: several plans give one part each, in the order given", "[report]") {
  const model::Plan first = sample_plan();
  model::Plan second = sample_plan();
  second.id.value = "q";
  second.title.value = "Second";
  const Report report = build_report({&second, &first}, {{}, sample_items()}, util::Date{2020, 5, 1});
  REQUIRE(report.plans.size() == 2);
  CHECK(report.plans[0].plan_id == "q");
  CHECK(report.plans[0].tasks.empty());
  CHECK(report.plans[0].outline.empty());  // its sections were filtered out
  CHECK(report.plans[0].shares.counted == 0);
  CHECK(report.plans[1].plan_id == "p");
}

namespace {

Report hostile_report() {
  model::Plan plan = sample_plan();
  plan.title.value = "Plan | with *stars* <script>alert(1)</script>\nsecond line #";
  plan.issuer = "=cmd()|x";
  std::vector<Item> items = sample_items();
  items[2].title = "a | b *c* <script>alert('x')</script> =cmd() \"q\" & d\nnew line";
  items[2].due_text = "Trước ngày 30/4/2020 | <b>";
  return build_report({&plan}, {items}, util::Date{2020, 5, 1});
}

}  // namespace

TEST_CASE("report markdown: headings, tables and escaped plan text", "[report]") {
  const std::string text = render_report_markdown(hostile_report(), {});
  CHECK(text.rfind("# Báo cáo tiến độ thực hiện kế hoạch\n", 0) == 0);
  CHECK(text.find("Tình hình đến ngày 01/05/2020.") != std::string::npos);
  CHECK(text.find("## Plan \\| with \\*stars\\* \\<script\\>alert(1)\\</script\\> second line \\#\n") !=
        std::string::npos);
  CHECK(text.find("- **Cơ quan ban hành:** =cmd()\\|x\n") != std::string::npos);
  CHECK(text.find("| 3.10 | a \\| b \\*c\\* \\<script\\>alert('x')\\</script\\> =cmd() \"q\" \\& d new line |") !=
        std::string::npos);
  CHECK(text.find("<script>") == std::string::npos);
  CHECK(text.find("### Nhiệm vụ quá hạn\n") != std::string::npos);
  CHECK(text.find("#### Sở Nội vụ\n") != std::string::npos);
  CHECK(text.find("| Đã nhận 02/03/2020 |") != std::string::npos);
  CHECK(text.find("| Quá hạn | 3 | 38 % |") != std::string::npos);
  CHECK(text.find("Tiến độ theo thời gian") == std::string::npos);
}

TEST_CASE("report markdown: English labels", "[report]") {
  ReportOptions options;
  options.language = model::Language::En;
  const std::string text = render_report_markdown(hostile_report(), options);
  CHECK(text.rfind("# Plan progress report\n", 0) == 0);
  CHECK(text.find("As of 2020-05-01.") != std::string::npos);
  CHECK(text.find("### Overdue tasks\n") != std::string::npos);
  CHECK(text.find("| Arrived 2020-03-02 |") != std::string::npos);
}

TEST_CASE("report html: one page, no script, everything escaped", "[report]") {
  const std::string text = render_report_html(hostile_report(), {});
  CHECK(text.rfind("<!DOCTYPE html>\n<html lang=\"vi\">", 0) == 0);
  CHECK(text.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") != std::string::npos);
  CHECK(text.find("@page{size:A4") != std::string::npos);
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("http") == std::string::npos);  // nothing fetched
  CHECK(text.find("<h2>Plan | with *stars* &lt;script&gt;alert(1)&lt;/script&gt; second line #</h2>") !=
        std::string::npos);
  CHECK(text.find("<td>a | b *c* &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; =cmd() &quot;q&quot; &amp; d new "
                  "line</td>") != std::string::npos);
  CHECK(text.find("<tr class=\"overdue\">") != std::string::npos);
  CHECK(text.find("<figure") == std::string::npos);
  CHECK(text.size() > 1000);
  CHECK(text.substr(text.size() - 8) == "</html>\n");
}

TEST_CASE("report html: the timeline goes where the options say", "[report]") {
  ReportOptions options;
  options.timeline_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>";
  const std::string text = render_report_html(hostile_report(), options);
  const auto figure = text.find("<figure class=\"timeline\">\n<figcaption>Tiến độ theo thời gian</figcaption>\n<svg");
  REQUIRE(figure != std::string::npos);
  CHECK(figure < text.find("<h2>"));  // before the first plan's part
}
