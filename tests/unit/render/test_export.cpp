#include <catch2/catch.hpp>

#include "render/export.hpp"
#include "sample_items.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

namespace {

const util::Date kToday{2020, 5, 1};

std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

}  // namespace

TEST_CASE("ics: one all-day event per deadline with a stable UID", "[ics]") {
  const std::string ics = render_ics({overdue_task(), section_without_due()}, kToday, model::Language::Vi);
  CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
  CHECK(ics.find("UID:2@ha-tinh-2020.cchc\r\n") != std::string::npos);
  CHECK(ics.find("DTSTART;VALUE=DATE:20200430\r\nDTEND;VALUE=DATE:20200501\r\n") != std::string::npos);
  CHECK(ics.find("DTSTAMP:20200501T000000Z\r\n") != std::string::npos);
  CHECK(ics.find("X-CCHC-STATE:overdue\r\n") != std::string::npos);
  CHECK(ics.find("III.1") == std::string::npos);  // no deadline, no event
  CHECK(ics == render_ics({overdue_task(), section_without_due()}, kToday, model::Language::Vi));
}

TEST_CASE("ics: text escaped, lines folded at 75 octets between characters", "[ics]") {
  auto item = overdue_task();
  std::string title = "a;b,c\\d\ne ";
  for (int i = 0; i < 40; ++i) title += "ữ";
  item.title = title;
  const std::string ics = render_ics({item}, kToday, model::Language::Vi);
  CHECK(ics.find("SUMMARY:2 a\\;b\\,c\\\\d\\ne ữ") != std::string::npos);
  for (const auto& line : crlf_lines(ics)) {
    CHECK(line.size() <= 75);
    CHECK(line.find('\n') == std::string::npos);
    // No line starts inside a UTF-8 sequence, after the folding space.
    const std::size_t first = line.rfind(' ', 0) == 0 ? 1 : 0;
    if (line.size() > first) CHECK((static_cast<unsigned char>(line[first]) & 0xC0) != 0x80);
  }
}

TEST_CASE("ics: done work is marked, cancelled work has its status", "[ics]") {
  auto done = cjk_task();
  auto cancelled = overdue_task();
  cancelled.state = evaluate::State::Cancelled;
  const std::string ics = render_ics({done, cancelled}, kToday, model::Language::En);
  CHECK(ics.find("SUMMARY:✔ 4 ") != std::string::npos);
  CHECK(ics.find("STATUS:CANCELLED\r\n") != std::string::npos);
}

TEST_CASE("csv export: Excel dialect, formulas neutralised", "[csv]") {
  auto item = overdue_task();
  item.title = "=cmd()";
  item.lead_name = "@SUM(A1)";
  item.support_names = {"-1", "Sở Tư pháp"};
  CsvDialect excel;
  excel.byte_order_mark = true;
  excel.delimiter = ';';
  const std::string text = render_export_csv({item}, excel);
  CHECK(text.rfind("\xEF\xBB\xBFplan;id;title;lead;support;due;due_text;state;days;status;kind;occurrence;lead_name;"
                   "support_names;start;done;depth\r\n",
                   0) == 0);
  CHECK(text.find(";'=cmd();") != std::string::npos);
  CHECK(text.find(";'@SUM(A1);\"'-1; Sở Tư pháp\";") != std::string::npos);  // holds the delimiter: quoted
  CHECK(render_export_csv({item}, {}).rfind("plan,id,", 0) == 0);
}
