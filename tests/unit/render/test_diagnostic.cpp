#include <catch2/catch.hpp>

#include "render/render.hpp"
#include "sample_items.hpp"
#include "util/text.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

namespace {

util::Diagnostic unknown_agency(int line, int column) {
  util::Diagnostic diagnostic;
  diagnostic.file = "plans/ha-tinh.yaml";
  diagnostic.pos = {line, column};
  diagnostic.check = "unknown-agency";
  diagnostic.message = "unknown agency 'snvv'";
  diagnostic.hint = "did you mean 'snv'?";
  return diagnostic;
}

}  // namespace

TEST_CASE("diagnostic: header, source line, caret and hint", "[diagnostic]") {
  const std::string source = "cchc: 1\ntasks:\n  - id: \"1\"\n    lead: snvv\n";
  CHECK(format_diagnostic(unknown_agency(4, 11), source, false) ==
        "plans/ha-tinh.yaml:4:11: error: unknown agency 'snvv'\n"
        "  4 |     lead: snvv\n"
        "    |           ^\n"
        "  hint: did you mean 'snv'?\n");
}

TEST_CASE("diagnostic: the caret stands under the column after NFD Vietnamese text", "[diagnostic]") {
  // "    lead: Sở Nội vụ snvv", decomposed: the prefix has 25 code points but takes 20 columns.
  const std::string line = "    lead: So\u031b\u0309 No\u0323\u0302i vu\u0323 snvv";
  const std::string source = std::string(11, '\n') + line + "\n";
  const int column = util::column_of_byte(line, line.find("snvv"));
  REQUIRE(column == 26);
  const auto lines = lines_of(format_diagnostic(unknown_agency(12, column), source, false));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "plans/ha-tinh.yaml:12:26: error: unknown agency 'snvv'");
  CHECK(lines[1] == "  12 | " + line);
  CHECK(lines[2] == "     | " + std::string(20, ' ') + "^");
  // The caret's display column is the display column where "snvv" starts.
  CHECK(util::display_width(lines[2].substr(0, lines[2].find('^'))) ==
        util::display_width(lines[1].substr(0, lines[1].find("snvv"))));
}

TEST_CASE("diagnostic: wide characters move the caret two columns each", "[diagnostic]") {
  const std::string source = "title: 行政 x\n";
  const auto lines = lines_of(format_diagnostic(unknown_agency(1, 11), source, false));
  CHECK(lines[2] == "    | " + std::string(12, ' ') + "^");  // "title: " 7, two wide 4, space 1
}

TEST_CASE("diagnostic: tabs and control bytes in the source line", "[diagnostic]") {
  const std::string source = "a:\tb\x1b[2J c\r\n";
  // Column 10 is 'c': a : TAB b ESC [ 2 J space c; shown "a:" + 2 spaces + "b\x1b[2J " = 13 columns before it.
  const auto lines = lines_of(format_diagnostic(unknown_agency(1, 10), source, false));
  REQUIRE(lines.size() == 4);
  CHECK(lines[1] == "  1 | a:  b\\x1b[2J c");
  CHECK(lines[2] == "    | " + std::string(13, ' ') + "^");
  CHECK(lines[1].find('\t') == std::string::npos);
  CHECK(lines[1].find('\r') == std::string::npos);
}

TEST_CASE("diagnostic: unknown position or a line outside the source", "[diagnostic]") {
  CHECK(format_diagnostic(unknown_agency(0, 0), "lead: snvv\n", false) ==
        "plans/ha-tinh.yaml: error: unknown agency 'snvv'\n  hint: did you mean 'snv'?\n");
  CHECK(format_diagnostic(unknown_agency(9, 3), "lead: snvv\n", false) ==
        "plans/ha-tinh.yaml:9:3: error: unknown agency 'snvv'\n  hint: did you mean 'snv'?\n");
  CHECK(format_diagnostic(unknown_agency(1, 7), "", false) ==
        "plans/ha-tinh.yaml:1:7: error: unknown agency 'snvv'\n  hint: did you mean 'snv'?\n");
  // A column past the end of the line puts the caret just after it.
  const auto past_end = lines_of(format_diagnostic(unknown_agency(1, 40), "lead: snvv", false));
  CHECK(past_end[2] == "    | " + std::string(10, ' ') + "^");
  // A known line without a column: the line, no caret.
  auto no_column = unknown_agency(1, 0);
  no_column.hint.clear();
  CHECK(format_diagnostic(no_column, "lead: snvv", false) ==
        "plans/ha-tinh.yaml:1: error: unknown agency 'snvv'\n  1 | lead: snvv\n");
}

TEST_CASE("diagnostic: warnings and colour", "[diagnostic]") {
  auto warning = unknown_agency(1, 7);
  warning.severity = util::Severity::Warning;
  warning.message = "task '3' is done but has no done date";
  warning.hint.clear();
  CHECK(format_diagnostic(warning, "lead: snvv", false) ==
        "plans/ha-tinh.yaml:1:7: warning: task '3' is done but has no done date\n"
        "  1 | lead: snvv\n"
        "    |       ^\n");
  const std::string colored = format_diagnostic(unknown_agency(1, 7), "lead: snvv", true);
  CHECK(colored.find("\x1b[1mplans/ha-tinh.yaml:1:7:\x1b[0m") == 0);
  CHECK(colored.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
  CHECK(colored.find("\x1b[1;32m^\x1b[0m") != std::string::npos);
  const std::string yellow = format_diagnostic(warning, "lead: snvv", true);
  CHECK(yellow.find("\x1b[1;33mwarning\x1b[0m") != std::string::npos);
}

TEST_CASE("diagnostic: control characters in the message are shown escaped", "[diagnostic]") {
  auto diagnostic = unknown_agency(0, 0);
  diagnostic.message = "unknown agency 'sn\x1b[31mv'";
  const std::string text = format_diagnostic(diagnostic, "", false);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("'sn\\x1b[31mv'") != std::string::npos);
}

TEST_CASE("diagnostic: a hint over several lines stays indented under itself", "[diagnostic]") {
  auto diagnostic = unknown_agency(0, 0);
  diagnostic.message = "cannot read the deadline 'Cuối quý'";
  diagnostic.hint = "write the deadline in one of these forms:\n  2020-04-30 (a day)\r\n  Thường xuyên (ongoing work)";
  CHECK(format_diagnostic(diagnostic, "", false) ==
        "plans/ha-tinh.yaml: error: cannot read the deadline 'Cuối quý'\n"
        "  hint: write the deadline in one of these forms:\n"
        "          2020-04-30 (a day)\n"
        "          Thường xuyên (ongoing work)\n");
}
