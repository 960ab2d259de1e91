#include <catch2/catch.hpp>

#include "render/render.hpp"
#include "sample_items.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

TEST_CASE("markdown: a GFM pipe table", "[markdown]") {
  const std::string text = render_markdown({overdue_task(), section_without_due()}, vi_options());
  CHECK(text ==
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn | Tình trạng | Số ngày |\n"
        "| --- | --- | --- | --- | --- | ---: |\n"
        "| 2 | Các đơn vị, địa phương tổ chức tổng kết; xây dựng báo cáo tổng kết theo đề cương ban hành kèm theo "
        "Kế hoạch của UBND tỉnh. | UBND tỉnh | 30/04/2020 (Trước ngày 30/4/2020) | quá hạn | -16 |\n"
        "| §III.1 | Báo cáo của Sở Nội vụ | Sở Nội vụ | — | không có thời hạn |  |\n"
        "\n"
        "1 quá hạn · 1 không có thời hạn\n");
}

TEST_CASE("markdown: cell text is escaped", "[markdown]") {
  auto item = overdue_task();
  item.title = "#1 a|b *c* _d_ `e` [f](g) <h> ~i~ \\ & x#y\nnext";
  item.lead_name = "Sở | Nội vụ";
  const std::string text = render_markdown({item}, vi_options());
  CHECK(text.find("| \\#1 a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\~i\\~ \\\\ \\& x#y next |") !=
        std::string::npos);
  CHECK(text.find("| Sở \\| Nội vụ |") != std::string::npos);

  // Colons that could start a pandoc emoji (":smile:") are escaped; "như sau: " is left alone.
  item.title = "ISO 9001:2008 :smile: như sau: xong";
  CHECK(render_markdown({item}, vi_options()).find("| ISO 9001\\:2008 \\:smile: như sau: xong |") != std::string::npos);
  // Every row has the same number of unescaped pipes as the header.
  const auto count_cells = [](const std::string& line) {
    int pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
      } else if (line[i] == '|') {
        ++pipes;
      }
    }
    return pipes;
  };
  const auto lines = lines_of(text);
  CHECK(count_cells(lines[2]) == count_cells(lines[0]));
}

TEST_CASE("markdown: control characters are replaced", "[markdown]") {
  auto item = overdue_task();
  item.title = "a\x1b[31mb\x7f";
  const std::string text = render_markdown({item}, vi_options());
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x7f') == std::string::npos);
  CHECK(text.find("a\xef\xbf\xbd\\[31mb\xef\xbf\xbd") != std::string::npos);
}

TEST_CASE("markdown: numbers qualified with their plan for several plans, English headings", "[markdown]") {
  auto other = cjk_task();
  other.plan_id = "quang-binh-2020";
  Options options = vi_options();
  options.language = model::Language::En;
  const std::string text = render_markdown({overdue_task(), other}, options);
  const auto lines = lines_of(text);
  CHECK(lines[0] == "| No. | Task | Lead | Due | State | Days |");
  CHECK(lines[1] == "| --- | --- | --- | --- | --- | ---: |");
  CHECK(lines[3] ==
        "| quang-binh-2020\\:4 | 行政改革计划 总结报告 | Sở Nội vụ | 2020-02-29 (Tháng 02 năm 2020) | done | +9 |");
}

TEST_CASE("markdown: --by plan gives each plan a level-2 heading", "[markdown]") {
  auto other = cjk_task();
  other.plan_id = "quang-binh-2020";
  other.plan_title = "Kế hoạch Quảng Bình";
  Options options = vi_options();
  options.grouping = evaluate::Grouping::Plan;
  const auto lines = lines_of(render_markdown({overdue_task(), other}, options));
  CHECK(lines[0] == "## Kế hoạch ha-tinh-2020");  // no title known: the id alone
  CHECK(lines[1].empty());
  CHECK(lines[2].rfind("| STT |", 0) == 0);
  CHECK(lines[5].empty());
  CHECK(lines[6] == "## Kế hoạch quang-binh-2020: Kế hoạch Quảng Bình");
}

TEST_CASE("markdown: empty lists", "[markdown]") {
  CHECK(render_markdown({}, vi_options(View::Overdue)).empty());
  CHECK(render_markdown({}, vi_options(View::Status)) == "Không có nhiệm vụ nào.\n");
}
