#include <catch2/catch.hpp>

#include "render/render.hpp"

#include "../kept.hpp"
#include "sample_items.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

TEST_CASE("json: the documented shape, keys in order", "[json]") {
  const std::string text = render_json({overdue_task(), section_without_due()}, vi_options());
  CHECK(text ==
        R"({
  "today": "2020-05-16",
  "items": [
    {
      "plan": "ha-tinh-2020",
      "id": "2",
      "title": "Các đơn vị, địa phương tổ chức tổng kết; xây dựng báo cáo tổng kết theo đề cương ban hành kèm theo Kế hoạch của UBND tỉnh.",
      "lead": "ubnd",
      "lead_name": "UBND tỉnh",
      "support": [
        "snv",
        "stp"
      ],
      "due": "2020-04-30",
      "due_text": "Trước ngày 30/4/2020",
      "state": "overdue",
      "days": -16,
      "status": "todo",
      "done": null,
      "kind": "task",
      "depth": 0,
      "file": "plans/ha-tinh.yaml",
      "line": 40,
      "start": null,
      "waiting_for": "",
      "waiting_text": "",
      "occurrence": null
    },
    {
      "plan": "ha-tinh-2020",
      "id": "III.1",
      "title": "Báo cáo của Sở Nội vụ",
      "lead": "snv",
      "lead_name": "Sở Nội vụ",
      "support": [],
      "due": null,
      "due_text": "",
      "state": "no-deadline",
      "days": null,
      "status": "todo",
      "done": null,
      "kind": "section",
      "depth": 0,
      "file": "",
      "line": null,
      "start": null,
      "waiting_for": "",
      "waiting_text": "",
      "occurrence": null
    }
  ],
  "counts": {
    "overdue": 1,
    "due-today": 0,
    "due-soon": 0,
    "in-progress": 0,
    "upcoming": 0,
    "ongoing": 0,
    "no-deadline": 1,
    "done-late": 0,
    "done": 0,
    "cancelled": 0,
    "waiting": 0
  }
}
)");
}

TEST_CASE("json: strings are escaped", "[json]") {
  auto item = cjk_task();
  item.title = test_support::kept(std::string("q\"b\\s/ nl\n cr\r tab\t bs\b ff\f nul") + '\0' +
                                  " esc\x1b del\x7f c1\xc2\x85 ls\xe2\x80\xa8 bad\xff é 行");
  const std::string text = render_json({item}, vi_options());
  CHECK(text.find(R"("title": "q\"b\\s/ nl\n cr\r tab\t bs\b ff\f nul\u0000 esc\u001b del\u007f c1\u0085 )"
                  R"(ls\u2028 bad\ufffd é 行",)") != std::string::npos);
  CHECK(text.find(R"("done": "2020-02-20",)") != std::string::npos);
  CHECK(text.find(R"("days": 9,)") != std::string::npos);
  for (const char c : text) {
    CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
  }
}

TEST_CASE("json: an empty list is still a whole object", "[json]") {
  const std::string text = render_json({}, vi_options(View::Overdue));
  CHECK(text.rfind("{\n  \"today\": \"2020-05-16\",\n  \"items\": [],\n  \"counts\": {\n    \"overdue\": 0,\n", 0) ==
        0);
  CHECK(text.substr(text.size() - 4) == "}\n}\n");
}
