#include <utf8proc.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../random_texts.hpp"
#include "render/cells.hpp"
#include "render/render.hpp"
#include "sample_items.hpp"
#include "util/text.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

namespace {

std::vector<evaluate::Item> mixed_items() {
  return {overdue_task(), nfd_child_task(), cjk_task(), section_without_due()};
}

/// Every line but the footer (the last one) of a table.
std::vector<std::string> table_body(const std::string& table) {
  auto lines = lines_of(table);
  REQUIRE(lines.size() >= 3);
  lines.pop_back();
  return lines;
}

}  // namespace

TEST_CASE("table: NFC, NFD and CJK titles line up by display width", "[table]") {
  for (const int width : {200, 100, 70, 40}) {
    Options options = vi_options();
    options.width = width;
    const std::string table = render_table(mixed_items(), options);
    const auto body = table_body(table);
    const int expected = util::display_width(body.front());
    for (const auto& line : body) {
      INFO("width " << width << ", line: " << line);
      CHECK(util::display_width(line) == expected);
    }
    // The state column starts at the same display column on every item's first line.
    const std::string heading_prefix = body[0].substr(0, body[0].find("Tình trạng"));
    const int state_column = util::display_width(heading_prefix);
    for (const auto& line : body) {
      for (const char* label : {"quá hạn", "chưa đến hạn", "hoàn thành", "không có thời hạn"}) {
        const auto at = line.find(std::string("  ") + label + "  ");
        if (at != std::string::npos) CHECK(util::display_width(line.substr(0, at + 2)) == state_column);
      }
    }
  }
}

TEST_CASE("table: a wide terminal shows each title on one line", "[table]") {
  Options options = vi_options();
  options.width = 300;
  const std::string table = render_table(mixed_items(), options);
  const auto lines = lines_of(table);
  // header, rule, four items, footer
  REQUIRE(lines.size() == 7);
  CHECK(lines[0].find("STT") == 0);
  CHECK(lines[0].find("Nhiệm vụ") != std::string::npos);
  CHECK(lines[0].find("Cơ quan chủ trì") != std::string::npos);
  CHECK(lines[0].find("Thời hạn") != std::string::npos);
  CHECK(lines[0].find("Số ngày") != std::string::npos);
  CHECK(lines[0].find("Kế hoạch") == std::string::npos);  // one plan only
  CHECK(lines[1].find_first_not_of("─") == std::string::npos);
  CHECK(lines[2].find("30/04/2020 (Trước ngày 30/4/2020)") != std::string::npos);
  CHECK(lines[2].find("-16") != std::string::npos);
  CHECK(lines[2].find("UBND tỉnh") != std::string::npos);
  // "30/6/2020" says nothing the date does not: the date alone.
  CHECK(lines[3].find("30/06/2020  ") != std::string::npos);
  CHECK(lines[3].find("(30/6/2020)") == std::string::npos);
  CHECK(lines[3].find("+45") != std::string::npos);
  // The child is indented two spaces under its parent's title column.
  const auto title_column = lines[2].find("Các đơn vị");
  CHECK(lines[3].substr(title_column, 2) == "  ");
  CHECK(lines[3].substr(title_column + 2, 2) == "To");
  CHECK(lines[5].rfind("§III.1", 0) == 0);
  CHECK(lines[5].find("—") != std::string::npos);
  CHECK(lines[6] == "1 quá hạn · 1 chưa đến hạn · 1 không có thời hạn · 1 hoàn thành");
}

TEST_CASE("table: titles wrap to fit a narrow terminal", "[table]") {
  Options options = vi_options();
  options.width = 110;  // the other columns take 78, leaving 32 for the title
  const std::string table = render_table({overdue_task()}, options);
  const auto body = table_body(table);
  for (const auto& line : body) CHECK(util::display_width(line) == 110);
  REQUIRE(body.size() > 3);  // the title took more than one line

  // The title column, cut out of every row line and joined, gives back every word.
  // (This title and lead are NFC, so code points and columns agree.)
  const std::string& header = body[0];
  const int title_start = util::display_width(header.substr(0, header.find("Nhiệm vụ")));
  const int lead_start = util::display_width(header.substr(0, header.find("Cơ quan chủ trì")));
  std::string joined;
  for (std::size_t i = 2; i < body.size(); ++i) {
    const std::string& line = body[i];
    const auto from = util::byte_of_column(line, title_start + 1);
    const auto to = util::byte_of_column(line, lead_start + 1);
    CHECK(util::display_width(line.substr(from, to - from)) == lead_start - title_start);
    const std::string part = util::collapse_whitespace(line.substr(from, to - from));
    joined += (joined.empty() ? "" : " ") + part;
    if (i > 2) CHECK(util::collapse_whitespace(line.substr(0, from)).empty());  // nothing but title text
  }
  CHECK(joined == overdue_task().title);
}

TEST_CASE("table: the title column keeps at least 20 columns", "[table]") {
  Options options = vi_options();
  options.width = 10;
  const std::string table = render_table({overdue_task()}, options);
  const auto body = table_body(table);
  for (const auto& line : body) CHECK(util::display_width(line) == util::display_width(body.front()));
  // Title lines are at most 20 columns wide, and there are several of them.
  CHECK(body.size() > 5);
}

TEST_CASE("table: with several plans every number is qualified with its plan", "[table]") {
  auto other = overdue_task();
  other.plan_id = "ha-tinh-2021";
  Options options = vi_options();
  options.width = 300;
  const auto one_plan = lines_of(render_table({overdue_task()}, options));
  CHECK(one_plan[2].rfind("2 ", 0) == 0);
  const auto two_plans = lines_of(render_table({overdue_task(), other}, options));
  CHECK(two_plans[0].rfind("STT", 0) == 0);  // no Plan column: the number says whose task it is
  CHECK(two_plans[2].rfind("ha-tinh-2020:2 ", 0) == 0);
  CHECK(two_plans[3].rfind("ha-tinh-2021:2 ", 0) == 0);
}

TEST_CASE("table: --by plan or unit puts a heading over each group", "[table]") {
  auto district = overdue_task();
  district.plan_id = "huyen-a";
  district.plan_title = "Kế hoạch CCHC huyện A";
  district.unit = "UBND huyện A";
  auto province = overdue_task();
  province.plan_title = "Kế hoạch CCHC tỉnh";
  province.unit = "UBND tỉnh";
  Options options = vi_options();
  options.width = 300;
  options.grouping = evaluate::Grouping::Plan;
  const auto by_plan = lines_of(render_table({province, district}, options));
  CHECK(by_plan[0] == "Kế hoạch ha-tinh-2020: Kế hoạch CCHC tỉnh");
  CHECK(by_plan[1].empty());
  CHECK(by_plan[4].rfind("ha-tinh-2020:2 ", 0) == 0);
  CHECK(by_plan[5].empty());
  CHECK(by_plan[6] == "Kế hoạch huyen-a: Kế hoạch CCHC huyện A");
  CHECK(by_plan[10].rfind("huyen-a:2 ", 0) == 0);
  CHECK(by_plan.back() == "2 quá hạn");  // one count line for the whole list

  options.grouping = evaluate::Grouping::Unit;
  options.language = model::Language::En;
  const auto by_unit = lines_of(render_table({province, district}, options));
  CHECK(by_unit[0] == "Unit: UBND tỉnh");
  CHECK(by_unit[6] == "Unit: UBND huyện A");
}

TEST_CASE("table: English labels and ISO dates", "[table]") {
  Options options = vi_options();
  options.language = model::Language::En;
  options.width = 300;
  const std::string table = render_table({overdue_task(), section_without_due()}, options);
  const auto lines = lines_of(table);
  CHECK(lines[0].rfind("No.", 0) == 0);
  for (const char* heading : {"Task", "Lead", "Due", "State", "Days"}) {
    CHECK(lines[0].find(heading) != std::string::npos);
  }
  CHECK(lines[2].find("2020-04-30 (Trước ngày 30/4/2020)") != std::string::npos);
  CHECK(lines[2].find("overdue") != std::string::npos);
  CHECK(lines.back() == "1 overdue · 1 no deadline");
}

TEST_CASE("table: empty lists", "[table]") {
  CHECK(render_table({}, vi_options(View::Overdue)).empty());
  CHECK(render_table({}, vi_options(View::Status)) == "Không có nhiệm vụ nào.\n");
  CHECK(render_table({}, vi_options(View::Upcoming)) == "Không có nhiệm vụ nào.\n");
  Options english = vi_options();
  english.language = model::Language::En;
  CHECK(render_table({}, english) == "No tasks.\n");
}

TEST_CASE("table: control characters in titles never reach the terminal", "[table]") {
  auto item = overdue_task();
  item.title =
      "Evil \x1b]0;pwned\x07 title \x1b[31mred\xc2\x9b"
      "2J \xe2\x80\xae"
      "reversed\nnext line\tend \xff";
  item.lead_name = "Sở\x1b[5m";
  for (const int width : {300, 30}) {
    Options options = vi_options();
    options.width = width;
    const std::string table = render_table({item}, options);
    CHECK(table.find('\x1b') == std::string::npos);
    CHECK(table.find('\x07') == std::string::npos);
    CHECK(table.find('\t') == std::string::npos);
    CHECK(table.find("\xc2\x9b") == std::string::npos);
    CHECK(table.find("\xe2\x80\xae") == std::string::npos);
    CHECK(util::is_valid_utf8(table));
    CHECK(table.find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD stands in for them
    if (width == 300) CHECK(lines_of(table).size() == 4);    // the newline did not split the row
  }
}

TEST_CASE("table: colour only when asked", "[table]") {
  const auto items = std::vector<evaluate::Item>{overdue_task(), nfd_child_task(), cjk_task()};
  Options options = vi_options();
  CHECK(render_table(items, options).find('\x1b') == std::string::npos);

  options.color = true;
  const std::string table = render_table(items, options);
  CHECK(table.find("\x1b[31mquá hạn") != std::string::npos);
  CHECK(table.find("\x1b[32mhoàn thành") != std::string::npos);
  // Colour codes take no columns: stripped of them, the lines still line up.
  std::string plain;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i] == '\x1b') {
      i = table.find('m', i);
      continue;
    }
    plain += table[i];
  }
  CHECK(plain == render_table(items, vi_options()));
}

TEST_CASE("table: due cells", "[table]") {
  Options options = vi_options();
  options.width = 300;
  auto derived = overdue_task();
  derived.due_derived = true;
  derived.due_text = {};
  auto ongoing = nfd_child_task();
  ongoing.due.reset();
  ongoing.due_text = "Thường xuyên";
  ongoing.state = evaluate::State::Ongoing;
  ongoing.days.reset();
  auto month = cjk_task();
  const auto lines = lines_of(render_table({derived, ongoing, month}, options));
  CHECK(lines[2].find("30/04/2020  ") != std::string::npos);
  CHECK(lines[2].find("(") == std::string::npos);
  CHECK(lines[3].find("Thường xuyên") != std::string::npos);
  CHECK(lines[4].find("29/02/2020 (Tháng 02 năm 2020)") != std::string::npos);
}

TEST_CASE("table: when space is short the due wording goes under its date and the lead wraps", "[table]") {
  auto item = overdue_task();
  item.lead_name = "Văn phòng Đoàn ĐBQH - HĐND và UBND tỉnh";
  Options options = vi_options();
  options.width = 90;
  const std::string table = render_table({item, nfd_child_task()}, options);
  const auto body = table_body(table);
  for (const auto& line : body) CHECK(util::display_width(line) == 90);
  // The first line holds the date alone; the wording is on the second, in the same column.
  const auto due_at = body[2].find("30/04/2020  ");
  REQUIRE(due_at != std::string::npos);
  const int due_column = util::display_width(body[2].substr(0, due_at));
  const auto wording_at = body[3].find("(Trước ngày 30/4/2020)");
  REQUIRE(wording_at != std::string::npos);
  CHECK(util::display_width(body[3].substr(0, wording_at)) == due_column);
  // The lead's words are split over lines but all there.
  CHECK(body[2].find("Văn phòng Đoàn") != std::string::npos);
  CHECK(table.find("Văn phòng Đoàn ĐBQH - HĐND và UBND tỉnh") == std::string::npos);
  CHECK(table.find("UBND tỉnh") != std::string::npos);
  // The title keeps more room than the lead.
  const std::string& header = body[0];
  const int title_start = util::display_width(header.substr(0, header.find("Nhiệm vụ")));
  const int lead_start = util::display_width(header.substr(0, header.find("Cơ quan chủ trì")));
  const int due_start = util::display_width(header.substr(0, header.find("Thời hạn")));
  CHECK(lead_start - title_start > due_start - lead_start);
}

namespace {

/// replace_unsafe as it was written first, a code point at a time (with utf8proc's decoder, which refuses the
/// same sequences): the reference for the fast one.
std::string replace_unsafe_slowly(std::string_view text, bool keep_line_breaks) {
  std::string out;
  for (std::size_t offset = 0; offset < text.size();) {
    utf8proc_int32_t code_point = -1;
    const auto got = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset),
                                      static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
    const std::size_t length = got > 0 ? static_cast<std::size_t>(got) : 1;
    const bool line_break = code_point == '\t' || code_point == '\n' || code_point == '\r';
    const bool unsafe = got <= 0 || code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F) ||
                        (code_point >= 0x202A && code_point <= 0x202E) ||
                        (code_point >= 0x2066 && code_point <= 0x2069);
    if (unsafe && !(line_break && keep_line_breaks)) {
      out += line_break ? " " : "\xef\xbf\xbd";
    } else {
      out.append(text.substr(offset, length));
    }
    offset += length;
  }
  return out;
}

}  // namespace

TEST_CASE("replace_unsafe agrees with a code point at a time version on random texts", "[table]") {
  const std::vector<std::string> pieces = {
      " ",        "\t",    "\n",   "\r",       "\x01",         "\x7f",
      "a",        "Ab",    "ệ",    "\xc2\x85", "\xe2\x80\xae", "\xe2\x81\xa6",
      "\xc2\xa0", "\xc3",  "\x80", "\xe1\xbb", "\xf0\x9f\x98", "\xed\xa0\x80",
      "\xc0\xaf", "Trước", "\x1f", "~",        "\x1b[31m",     std::string(1, '\0')};
  int differences = 0;
  for (const std::string& text : test_support::random_texts(pieces, 20000)) {
    for (const bool keep : {false, true}) {
      if (render::detail::replace_unsafe(text, keep) != replace_unsafe_slowly(text, keep)) {
        if (++differences <= 3) FAIL_CHECK("differs on \"" << text << "\", keep_line_breaks " << keep);
      }
    }
  }
  CHECK(differences == 0);
}

TEST_CASE("one_line gives what cleaning and collapsing give, whether or not the text was already clean", "[table]") {
  // Clean pieces (letters, single spaces) are most of the mix, so that many texts take the shortcut; the others
  // (two spaces, controls, NBSP, a combining mark, bidirectional controls, broken UTF-8) must leave it.
  const std::vector<std::string> pieces = {"a",
                                           "Sở",
                                           " ",
                                           "Trước",
                                           "30/4/2020",
                                           "ệ",
                                           "\xc3\x97",
                                           "\xcb\xbf",
                                           "  ",
                                           "\t",
                                           "\n",
                                           "\x01",
                                           "\x7f",
                                           "\xc2\xa0",
                                           "e\xcc\x82",
                                           "\xe2\x80\xae",
                                           "\xc3",
                                           "\xe1\xbb",
                                           "\xe1\x9a\x80",
                                           std::string(1, '\0')};
  int differences = 0;
  int clean = 0;
  for (const std::string& text : test_support::random_texts(pieces, 20000)) {
    const std::string expected = util::collapse_whitespace(replace_unsafe_slowly(text, false));
    if (util::is_clean_line(text)) {
      ++clean;
      if (expected != text && ++differences <= 3) FAIL_CHECK("called clean but changed: \"" << text << "\"");
    }
    if (render::detail::one_line(text) != expected && ++differences <= 3) FAIL_CHECK("differs on \"" << text << "\"");
  }
  CHECK(differences == 0);
  CHECK(clean > 100);  // the shortcut was taken, not only the long way
}

TEST_CASE("table: a long table is handed out in pieces of whole lines, which join into the whole table", "[table]") {
  std::vector<evaluate::Item> items;
  for (int i = 0; i < 3000; ++i) {  // about 100 bytes a row: several pieces of 64 KiB
    evaluate::Item item = i % 2 == 0 ? overdue_task() : cjk_task();
    item.order = static_cast<std::size_t>(i);
    items.push_back(item);
  }
  for (const int width : {0, 60}) {
    Options options = vi_options();
    options.width = width;
    std::vector<std::string> pieces;
    render_table_to(items, options, [&pieces](std::string_view piece) { pieces.emplace_back(piece); });
    CHECK(pieces.size() >= 4);
    std::string joined;
    for (const auto& piece : pieces) {
      CHECK(piece.back() == '\n');  // a row's lines are never split between pieces
      CHECK(piece.size() < (96u << 10));
      joined += piece;
    }
    // Nothing lost or repeated between pieces: at full width every row is one line, after the header and the rule
    // and before the counts.
    if (width == 0) CHECK(lines_of(joined).size() == items.size() + 3);
  }
  std::vector<std::string> empty_pieces;
  render_table_to({}, vi_options(), [&empty_pieces](std::string_view piece) { empty_pieces.emplace_back(piece); });
  CHECK(empty_pieces == std::vector<std::string>{render_table({}, vi_options())});
}
