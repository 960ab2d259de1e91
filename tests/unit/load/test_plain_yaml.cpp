#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "load/event_cache.hpp"
#include "load/plain_yaml.hpp"
#include "load/text_scan.hpp"
#include "load/yaml_tree.hpp"
#include "yaml_dump.hpp"

#include "../committed_plans.hpp"
#include "event_log.hpp"

using namespace cchc;

namespace {

/// Keeps the one recording read_yaml stores.
class OneRecording : public load::EventCache {
 public:
  std::optional<std::string> recording;
  std::optional<std::string> find(const std::string& /*file*/) override { return std::nullopt; }
  void store(const std::string& /*file*/, std::string_view entry) override { recording = std::string(entry); }
};

/// What yaml-cpp reported for `text`, as read_yaml records it; nullopt when yaml-cpp stopped on an error.
std::optional<std::string> yaml_cpp_recording(std::string_view text) {
  OneRecording cache;
  load::ParseOptions options;
  options.event_cache = &cache;
  // Limits far away: a limit stops the builder, not yaml-cpp, and then nothing is stored.
  load::Limits limits;
  limits.max_file_bytes = 1u << 30;
  limits.max_depth = 1 << 20;
  limits.max_nodes = 1u << 30;
  limits.max_scalar_bytes = 1u << 30;
  limits.max_diagnostics = 1;
  (void)load::read_yaml(text, "plan.yaml", limits, nullptr, options);
  return cache.recording;
}

/// The events of a recording, one per line, for messages that show where two recordings part.
std::string listed(const std::string& recording, std::string_view text) {
  auto replay = load::EventReplay::open(recording, text);
  if (!replay) return "(not a recording of this text)";
  test_support::EventLog log;
  while (replay->handle_next_document(log)) log.document_handled(true);
  log.document_handled(false);
  std::string out;
  for (const auto& line : log.lines) out += line + "\n";
  return out;
}

/// read_yaml's checks of the characters, which run before either reader sees a text.
bool passes_character_checks(std::string_view text) {
  return !text.starts_with("\xEF\xBB\xBF") && text.find('\r') == std::string_view::npos &&
         !load::first_invalid_utf8(text) && load::find_character_problems(text, 1).empty();
}

/// The property the plain reader rests on: whatever it accepts, yaml-cpp reads into the same recording, byte for
/// byte. Returns whether it accepted the text.
bool plain_matches_yaml_cpp(const std::string& text) {
  const auto plain = load::record_plain_yaml(text);
  if (!plain) return false;
  INFO("text:\n" << text);
  const auto reference = yaml_cpp_recording(text);
  REQUIRE(reference);  // yaml-cpp read it without an error
  if (*plain != *reference) CHECK(listed(*plain, text) == listed(*reference, text));
  CHECK(*plain == *reference);
  return true;
}

/// A plan in the style of bench/generate.py: every kind of value the plain reader knows, NFD letters included.
const std::string kSampleStyles = R"(cchc: 1
plan:
  id: ke-hoach-1000
  title: "Kế hoạch cải cách hành chính tổng hợp"
)"
                                  "  nfd: Tha\xCC\x81"
                                  "ng 02 na\xCC\x86m 2020\n"
                                  R"(
  date: 2026-01-15   # a comment after a value
agencies:
  snv: "Sở Nội vụ"
  stp: 'Sở Tư pháp, ''trích'''
  empty:
  tilde: ~

# a comment between blocks
tasks:
  - id: "1"
    title: Đánh giá cơ chế một cửa:liên thông? không, 9001:2015 # comment
    quoted: "Sở \\ \"CCHC\" \/ \n\t"
    parent: {plan: vong-b-2026, task: "1", 'x': 'y', empty: ~,}
    holidays:
      - {date: 2026-11-24, name: Ngày Văn hóa Việt Nam}
      - {}
    tasks:
      - id: "1.1"
        due: "Quý IV/2025 - Quý II/2026"
        support: [stttt, syt]
        other: [ "a b" , 'c''d',  e f ,]
        none: []
        note: |-
          Dòng một: "x"
            # thụt vào

          Dòng ba
        keep: |
          một

      - plain item
      - "quoted item"
      -
      - [nested, list]
      - key with spaces  : value
        null: null
  - id: 2
    status: done
last:
)";

}  // namespace

TEST_CASE("plain yaml: the constructs plan files use are read as yaml-cpp reads them", "[load][plain_yaml]") {
  const std::vector<std::string> texts = {
      kSampleStyles,
      "a: 1",
      "\"2021\": {status: done}\n'b''c':\n  \"\": x\n",
      "a: 1\n",
      "a:\n",
      "# only a comment first\n\na:\n  - x\n  -\n",
      "a:\n  b:\n    c: |\n      x\n\n\nd: 1\n",
      "a: |\n\n  leading empty line\n",
      "- a\n- b: c\n  d: e\n",
      // Lists at their key's indentation.
      "a:\n- x\n-\nb:\n- id: 1\n  tasks:\n  - id: 1.1\n  -\n- [y]\nc: 1\n",
      "a:\n  b:\n  - x\n  c:\n  -\nd:\n- y\n",
      "a:\n- x\n",
      // Flow collections in flow collections.
      "due: {every: year, on: [\"01/6\", \"15/11\"]}\nb: [a, [b, c], {d: e}, [], {}]\n",
      "a: [[[[[[[[x]]]]]]]]\n",
      // Indented roots, as the second of two parts of a plan read at once begins.
      "  a: indented root\n  b:\n    - x\n",
      "  - a\n  - b: 1\n    c: [x]\n  -\n  - \"q\"\n",
      "\n# a comment\n    - id: \"3\"\n      title: x\n      tasks:\n      - id: 3.1\n    - id: \"4\"\n",
  };
  for (const auto& text : texts) CHECK(plain_matches_yaml_cpp(text));
}

// read_yaml reads a large plan in parts on two threads (find_task_list_split), each part by the plain reader when
// it accepts it: the head (the root map up to the middle of the task list), the middle (the rest of the list, an
// indented root list) and the tail (the root map's keys after the list). Each must be read as yaml-cpp reads it.
TEST_CASE("plain yaml: the parts of a committed plan read at once are read as yaml-cpp reads them",
          "[load][plain_yaml]") {
  int middles = 0;
  for (const auto& path : test_support::committed_plans()) {
    const std::string text = test_support::read_file(path);
    if (!passes_character_checks(text)) continue;
    const auto split = load::find_task_list_split(text);
    if (!split) continue;
    INFO(path.string());
    (void)plain_matches_yaml_cpp(text.substr(0, split->middle));
    middles += plain_matches_yaml_cpp(text.substr(split->middle, split->end - split->middle)) ? 1 : 0;
    if (split->end < text.size()) (void)plain_matches_yaml_cpp(text.substr(split->end));
  }
  CHECK(middles >= 20);  // the parts are not all left to yaml-cpp
}

// Characters outside ASCII where YAML's own characters go: whatever the plain reader makes of them, it is what
// yaml-cpp makes of them (these need not be accepted).
TEST_CASE("plain yaml: unusual characters are read as yaml-cpp reads them, or left to it", "[load][plain_yaml]") {
  const std::vector<std::string> texts = {
      "a: 1\n\xEF\xBB\xBF"
      " b: 2\n",  // a byte order mark at the start of a line (refused by the character checks)
      "a:\xC2\xA0"
      "b\n",               // a no-break space after the colon
      "a: b\xC2\xA0#c\n",  // and before a hash
      "a: b\xE2\x80\xA8"
      "c\n",  // a line separator inside a value
      "a: \xE2\x80\x83"
      "b\n",                   // an em space before a value
      "\xE1\xBB\xA6y: ban\n",  // a key that starts with a Vietnamese capital
      "a: [\xC2\xA0, b]\n",    // a no-break space alone in a flow list
      "a: 'b\xC2\xA0'\n",
      "a: b \n",  // a space at the end of a line
      "a:  \nb: 1\n",
      "<<: 1\n",  // a merge key: yaml-cpp reports it as a plain scalar
  };
  int checked = 0;
  for (const auto& text : texts) {
    if (!passes_character_checks(text)) continue;  // neither reader would see it
    INFO("text:\n" << text);
    (void)plain_matches_yaml_cpp(text);
    ++checked;
  }
  CHECK(checked == static_cast<int>(texts.size()) - 1);
}

TEST_CASE("plain yaml: anything else is left to yaml-cpp", "[load][plain_yaml]") {
  const std::vector<std::string> others = {
      "",
      "# nothing but a comment\n",
      "---\na: 1\n",
      "a: 1\n...\n",
      "a:\n\tb: 1\n",
      "a: &x 1\nb: *x\n",
      "a: !tag 1\n",
      "a: {b: 1\n  , c: 2}\n",
      "a: [[[[[[[[[x]]]]]]]]]\n",  // flow collections nine deep
      "a: {[b]: c}\n",
      "a: {b:1}\n",
      "a: {b: }\n",
      "a: \"\\x41\"\n",
      "a: >\n  folded\n",
      "a: |+\n  kept\n",
      "a: |2\n   x\n",
      "a:",  // a missing value at the end of a text without a line end
      "a: \"escape \\u0041\"\n",
      "a: \"two\n  lines\"\n",
      "a: plain\n  continued\n",
      "a: [1,\n  2]\n",
      "a: 1\n- b\n",
      "- a\nb: 1\n",
      "a: b: c\n",
      "a: 1\n  b: 2\n",
      "\"quoted key\" : 1\n",
      "a:\n  - \"quoted key in a list\": 1\n",
      "? complex\n: key\n",
      "a: - b\n",
      "a:\n  - - b\n",
      "a: @reserved\n",
      "a: [b, , c]\n",
      "a: [b: c]\n",
      "  - a\nb: 1\n",  // a line left of an indented root
      "  - a\n - b\n",
      "  a: 1\n b: 2\n",
      "a:\n    b: 1\n  c: 2\n",
      "a: |\n  no line end",
      "a: |\n  x\n   \n  y\n",
      "scalar at the root\n",
  };
  for (const auto& text : others) {
    INFO("text:\n" << text);
    CHECK_FALSE(load::record_plain_yaml(text));
  }
}

TEST_CASE("plain yaml: every committed plan the plain reader accepts is read as yaml-cpp reads it",
          "[load][plain_yaml]") {
  int accepted = 0;
  const auto paths = test_support::committed_plans();
  for (const auto& path : paths) {
    const std::string text = test_support::read_file(path);
    if (!passes_character_checks(text)) continue;
    INFO(path.string());
    accepted += plain_matches_yaml_cpp(text) ? 1 : 0;
  }
  // Most plans are plain: the reader is not giving up on everything.
  CHECK(accepted * 2 >= static_cast<int>(paths.size()));
  CHECK(load::record_plain_yaml(test_support::read_file(CCHC_SOURCE_DIR "/plans/ha-tinh-2020-tong-ket-cchc.yaml")));
}

// Texts a little off the plain style: characters that matter to YAML put in at random places, lines moved in or
// out, dropped, doubled or cut. Whatever the plain reader still accepts must be what yaml-cpp reads.
TEST_CASE("plain yaml: altered plans, where accepted, are read as yaml-cpp reads them", "[load][plain_yaml]") {
  std::vector<std::string> bases = {kSampleStyles};
  for (const auto& path : test_support::committed_plans()) {
    std::string text = test_support::read_file(path);
    if (passes_character_checks(text) && load::record_plain_yaml(text)) bases.push_back(std::move(text));
  }
  const char* rounds_wanted = std::getenv("CCHC_PLAIN_YAML_ROUNDS");  // more, by hand: the test's default is quick
  const int rounds = rounds_wanted ? std::atoi(rounds_wanted) : 4000;
  std::mt19937 random(20261127);
  const std::string specials = ":#-'\"[]{}|>&*!?,% \n~\\.0";
  int accepted = 0;
  int tried = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string text = bases[static_cast<std::size_t>(round) % bases.size()];
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int edit = 0; edit < edits; ++edit) {
      std::size_t at = random() % (text.size() + 1);
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;  // a character's start
      const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
      const std::size_t start = line_start == std::string::npos ? 0 : line_start + 1;
      switch (random() % 6) {
        case 0: text.insert(at, 1, specials[random() % specials.size()]); break;
        case 1: text.insert(start, random() % 2 ? " " : "  "); break;
        case 2:
          if (start < text.size() && text[start] == ' ') text.erase(start, 1);
          break;
        case 3: {
          const std::size_t end = text.find('\n', start);
          text.erase(start, end == std::string::npos ? std::string::npos : end - start + 1);
          break;
        }
        case 4: {
          const std::size_t end = text.find('\n', start);
          if (end != std::string::npos) text.insert(start, text.substr(start, end - start + 1));
          break;
        }
        default: text.resize(at); break;
      }
    }
    if (!passes_character_checks(text)) continue;
    ++tried;
    accepted += plain_matches_yaml_cpp(text) ? 1 : 0;
  }
  // Both sides were exercised: many altered texts stay plain, many do not.
  CHECK(accepted >= tried / 4);
  CHECK(accepted <= tried - tried / 10);
}

// Texts made line by line from the shapes of plan files, with values drawn from pieces that matter to YAML (quotes,
// colons, hashes, escapes, brackets, null words, trailing spaces, NFD letters) at random indentations: far more
// combinations than real plans hold. Whatever the plain reader accepts must be what yaml-cpp reads.
TEST_CASE("plain yaml: random texts of plan-like lines, where accepted, are read as yaml-cpp reads them",
          "[load][plain_yaml]") {
  const std::vector<std::string> words = {"id",    "title",      "Sở Nội vụ", "Tha\xCC\x81ng 02",
                                          "3.1",   "2026-01-15", "a b",       "x",
                                          "~",     "null",       "Null",      "NULL",
                                          "",      " ",          ":",         ": ",
                                          "#",     " #",         "'",         "''",
                                          "\"",    "\\",         "\\n",       "\\\"",
                                          "\\x41", "-",          "- ",        "[",
                                          "]",     "{",          "}",         ",",
                                          ", ",    "?",          "&a",        "*a",
                                          "!t",    "|",          ">",         "%",
                                          "@",     "`",          "9001:2015", "http://x.vn/a#b"};
  const std::vector<std::string> shapes = {"K: V",
                                           "K: 'V'",
                                           "K: \"V\"",
                                           "- V",
                                           "- K: V",
                                           "K:",
                                           "-",
                                           "# V",
                                           "",
                                           "K: [V, V]",
                                           "K: {K: V, K: V}",
                                           "K: {K: [V, V]}",
                                           "K: [[V], {K: V}]",
                                           "- [V]",
                                           "- {K: V}",
                                           "K: |",
                                           "K: |-",
                                           "  V",
                                           "\"K\": V",
                                           "K: V # V"};
  std::mt19937 random(20261128);
  const auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  const auto value = [&] {
    std::string text;
    for (int i = 1 + static_cast<int>(random() % 3); i > 0; --i) text += pick(words);
    return text;
  };
  const char* rounds_wanted = std::getenv("CCHC_PLAIN_YAML_ROUNDS");
  const int rounds = rounds_wanted ? std::atoi(rounds_wanted) : 12000;
  int accepted = 0;
  int tried = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string text = "cchc: 1\n";
    std::size_t deepest = 0;  // the indentation a line may take: that of an open block, or deeper after a key
    for (int line = 1 + static_cast<int>(random() % 12); line > 0; --line) {
      const std::size_t indent = random() % 8 == 0 ? random() % 7 : 2 * (random() % (deepest / 2 + 1));
      std::string shaped(indent, ' ');
      const std::string shape = pick(shapes);
      deepest = shape == "K:" || shape == "-" || shape.ends_with("|") || shape.ends_with("|-") ? indent + 2
                : shape.starts_with("- K")                                                     ? indent + 2
                                           : std::max(deepest, indent);
      for (const char c : shape) {
        if (c == 'K') {
          shaped += random() % 4 == 0 ? value() : pick({"id", "title", "due", "ý kiến", "k k"});
        } else if (c == 'V') {
          shaped += value();
        } else {
          shaped += c;
        }
      }
      text += shaped + "\n";
    }
    if (!passes_character_checks(text)) continue;
    ++tried;
    accepted += plain_matches_yaml_cpp(text) ? 1 : 0;
  }
  CHECK(accepted >= tried / 40);  // about one text in twenty is plain throughout
  CHECK(accepted <= tried - tried / 10);
}

// Without a cache, read_yaml lets the plain reader show the builder its events as it reads, in one pass; when it
// gives up part way (after items went to the stream) or the builder stops on a limit, all that is dropped and
// yaml-cpp reads the text. Either way the tree, the streamed items and the problems are yaml-cpp's.
TEST_CASE("plain yaml: read_yaml in one pass gives what yaml-cpp gives, also when the reader gives up part way",
          "[load][plain_yaml]") {
  const auto same_reading = [](const std::string& text, const load::Limits& limits) {
    INFO("text:\n" << text);
    test_support::StreamRecorder by_yaml_cpp;
    test_support::StreamRecorder by_plain_reader;
    load::ParseOptions plain;
    plain.plain_yaml = true;
    const auto expected = load::read_yaml(text, "plan.yaml", limits, &by_yaml_cpp);
    const auto read = load::read_yaml(text, "plan.yaml", limits, &by_plain_reader, plain);
    CHECK(test_support::dump(read.diagnostics) == test_support::dump(expected.diagnostics));
    CHECK(read.dropped == expected.dropped);
    CHECK(test_support::dump(read.root) == test_support::dump(expected.root));
    CHECK(by_plain_reader.entries == by_yaml_cpp.entries);
    CHECK(by_plain_reader.items == by_yaml_cpp.items);
    return by_plain_reader.restarts;
  };
  const std::string tasks = "cchc: 1\ntasks:\n  - id: \"1\"\n    title: Một\n  - id: \"2\"\n    title: Hai\n";
  // Given up after two items were streamed: a value on two lines, an anchor, a tab.
  CHECK(same_reading(tasks + "  - id: \"3\"\n    title: Ba\n      tiếp\n", {}) == 1);
  CHECK(same_reading(tasks + "  - id: &x \"3\"\n", {}) == 1);
  CHECK(same_reading(tasks + "  - id: \"3\"\n\ttitle: x\n", {}) == 1);
  // A limit crossed part way: read again by yaml-cpp, which reports it.
  load::Limits few_nodes;
  few_nodes.max_nodes = 8;
  CHECK(same_reading(tasks, few_nodes) == 1);
  CHECK(same_reading(tasks, {}) == 0);  // read in one pass, nothing dropped
  // The bound on flow brackets waits for the plain reader: a text it reads whole with no literal block cannot cross
  // it. These cross it or come near, and must be reported exactly as when the bound is checked first.
  const std::string deep = std::string(70, '[') + std::string(70, ']');
  CHECK(same_reading(tasks + "  - id: \"3\"\n    support: " + deep + "\n", {}) == 1);  // given up: too deep for it
  CHECK(same_reading(tasks + "  - id: \"3\"\n    note: |\n      " + deep + "\n", {}) == 1);  // a block's text
  CHECK(same_reading(tasks + "  - id: \"3\"\n    note: |-\n      [[x\n      " + deep + "\n", {}) == 1);
  CHECK(same_reading(tasks + "  - id: \"3\"\n    note: |\n      [x]\n", {}) == 0);  // a block, nothing deep
  load::Limits shallow;
  shallow.max_depth = 5;  // the root map, the task list, a task and two lists
  CHECK(same_reading(tasks + "  - id: \"3\"\n    support: [[[a]]]\n", shallow) == 1);  // the builder stops
  CHECK(same_reading(tasks + "  - id: \"3\"\n    support: [[a]]\n", shallow) == 0);
  CHECK(same_reading(tasks + "  - id: \"3\"\n    note: |\n      [[[[[[\n", shallow) == 1);
  // Committed plans, whole and cut short at random: plain or not, each read gives yaml-cpp's reading.
  std::mt19937 random(20261128);
  int restarted = 0;
  for (const auto& path : test_support::committed_plans()) {
    const std::string text = test_support::read_file(path);
    INFO(path.string());
    restarted += same_reading(text, {}) > 0 ? 1 : 0;
    restarted += same_reading(text.substr(0, random() % (text.size() + 1)), {}) > 0 ? 1 : 0;
  }
  CHECK(restarted > 0);
}
