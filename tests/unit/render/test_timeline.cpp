#include <catch2/catch.hpp>

#include "render/timeline.hpp"
#include "sample_items.hpp"
#include "util/text.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

namespace {

const util::Date kToday{2020, 5, 1};

/// A task with a window: from February to June 2020, in progress.
evaluate::Item window_task() {
  auto item = nfd_child_task();
  item.id = "3.2";
  item.title = "Cửa sổ: <b>#1</b>; 50% `xong`";
  item.start = util::Date{2020, 2, 1};
  item.due = util::Date{2020, 6, 30};
  item.state = evaluate::State::InProgress;
  return item;
}

evaluate::Item undated_task() {
  auto item = cjk_task();
  item.id = "5";
  item.due.reset();
  item.due_text = "Thường xuyên";
  item.state = evaluate::State::Ongoing;
  return item;
}

}  // namespace

TEST_CASE("timeline terminal: fits the width, marks overdue with its own glyph", "[timeline]") {
  TimelineOptions options;
  options.width = 80;
  const std::string text = render_timeline_terminal({overdue_task(), window_task(), undated_task()}, kToday, options);
  for (const auto& line : lines_of(text)) CHECK(util::display_width(line) <= 80);
  CHECK(text.find("✖") != std::string::npos);   // the overdue deadline
  CHECK(text.find("█◆") != std::string::npos);  // the window ending in its deadline
  CHECK(text.find("▼") != std::string::npos);   // today on the ruler
  CHECK(text.find("\x1b[") == std::string::npos);
  CHECK(text.find("Không có mốc thời gian") != std::string::npos);
  CHECK(text.find("5") != std::string::npos);
}

TEST_CASE("timeline terminal: colour only when asked", "[timeline]") {
  TimelineOptions options;
  options.color = true;
  const std::string text = render_timeline_terminal({overdue_task()}, kToday, options);
  CHECK(text.find("\x1b[31m✖") != std::string::npos);
}

TEST_CASE("timeline terminal: today's column is the same on every row", "[timeline]") {
  TimelineOptions options;
  options.width = 90;
  const std::string text =
      render_timeline_terminal({overdue_task(), window_task(), nfd_child_task(), cjk_task()}, kToday, options);
  std::vector<std::size_t> columns;
  for (const auto& line : lines_of(text)) {
    const auto at = line.find("│");
    if (at != std::string::npos && line.find("Hôm nay") == std::string::npos) {
      columns.push_back(static_cast<std::size_t>(util::display_width(line.substr(0, at))));
    }
  }
  REQUIRE(columns.size() >= 2);
  for (const auto column : columns) CHECK(column == columns.front());
}

TEST_CASE("timeline svg: escaped, labelled today, one row per dated item", "[timeline]") {
  const std::string svg = render_timeline_svg({overdue_task(), window_task(), undated_task()}, kToday, {});
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;#1&lt;/b&gt;") != std::string::npos);
  CHECK(svg.find("Hôm nay 01/05/2020") != std::string::npos);
  CHECK(svg.find("class=\"row overdue\"") != std::string::npos);
  CHECK(svg.find("<style") == std::string::npos);

  TimelineOptions inline_options;
  inline_options.xml_declaration = false;
  CHECK(render_timeline_svg({overdue_task()}, kToday, inline_options).rfind("<svg ", 0) == 0);
}

TEST_CASE("timeline mermaid: names cannot break the gantt grammar", "[timeline]") {
  auto hostile = window_task();
  hostile.title = "a: b # c; d %% e <f> `g`\nsecond line";
  auto keyword = overdue_task();
  keyword.id = "section";
  keyword.title = "x";
  const std::string text = render_timeline_mermaid({hostile, keyword, undated_task()}, kToday, {});
  CHECK(text.rfind("```mermaid\ngantt\n", 0) == 0);
  CHECK(text.find("    3.2 a： b ＃ c； d ％％ e ＜f＞ ｀g｀ second line :active, t1, 2020-02-01, 2020-06-30\n") !=
        std::string::npos);
  CHECK(text.find("    ‣ section x :crit, milestone, t2, 2020-04-30, 0d\n") != std::string::npos);
  CHECK(text.find("todayMarker off\n") != std::string::npos);
  CHECK(text.find(":milestone, today, 2020-05-01, 0d\n") != std::string::npos);
  CHECK(text.find("```\n\nKhông có mốc thời gian") != std::string::npos);
}

TEST_CASE("timeline: grouped by lead", "[timeline]") {
  TimelineOptions options;
  options.group = TimelineGroup::Lead;
  const std::string text = render_timeline_mermaid({overdue_task(), window_task()}, kToday, options);
  CHECK(text.find("    section UBND tỉnh\n") != std::string::npos);
  CHECK(text.find("    section Sở Tư pháp\n") != std::string::npos);
}
