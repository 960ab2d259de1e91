#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "event_log.hpp"
#include "load/event_cache.hpp"
#include "load/load.hpp"
#include "load/yaml_tree.hpp"
#include "util/hash.hpp"
#include "yaml_dump.hpp"

using namespace cchc;
using test_support::dump;
using test_support::EventLog;
using test_support::StreamRecorder;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string seed_plan() { return read_file(CCHC_SOURCE_DIR "/plans/ha-tinh-2020-tong-ket-cchc.yaml"); }

/// An event cache in memory, which also counts what read_yaml did with it.
class MemoryCache : public load::EventCache {
 public:
  std::map<std::string, std::string> entries;
  int finds = 0;
  int stores = 0;
  int replays = 0;

  std::optional<std::string> find(const std::string& file) override {
    ++finds;
    const auto found = entries.find(file);
    if (found == entries.end()) return std::nullopt;
    return found->second;
  }
  void store(const std::string& file, std::string_view recording) override {
    ++stores;
    entries[file] = std::string(recording);
  }
  void replayed(const std::string& /*file*/) override { ++replays; }
};

/// A cache that fails at everything, as a broken disk would.
class FailingCache : public load::EventCache {
 public:
  std::optional<std::string> find(const std::string& /*file*/) override { throw std::runtime_error("disk"); }
  void store(const std::string& /*file*/, std::string_view /*recording*/) override { throw std::runtime_error("disk"); }
};

load::ParseOptions with_cache(load::EventCache& cache) {
  load::ParseOptions options;
  options.event_cache = &cache;
  return options;
}

/// Everything one reading of a text gave: the tree, the problems and what was streamed.
std::string reading(std::string_view text, const load::ParseOptions& options = {}, const load::Limits& limits = {}) {
  StreamRecorder stream;
  const load::YamlDocument document = load::read_yaml(text, "plan.yaml", limits, &stream, options);
  std::ostringstream out;
  out << dump(document.root) << "--- problems\n"
      << dump(document.diagnostics) << "dropped " << document.dropped << "\n--- entries\n";
  for (const auto& entry : stream.entries) out << entry;
  out << "--- items\n";
  for (const auto& item : stream.items) out << item;
  return out.str();
}

/// Texts with something to report, each from the part of read_yaml that would report it: the tree builder
/// (anchors, aliases, tags, a second document, a text never closed) and the plan reader (duplicate keys, NFD).
std::vector<std::string> texts_with_warnings() {
  const std::string head = "cchc: 1\nplan:\n  id: p\n  title: Kế hoạch\n  date: 2026-01-15\n";
  return {
      head + "tasks:\n  - id: \"1\"\n    title: Một\n    title: Hai\n    lead: snv\n",           // a duplicate key
      head + "tasks:\n  - id: \"1\"\n    title: Nhie\xCC\xA3m vu\xCC\xA3 NFD\n    lead: snv\n",  // NFD text
      head + "tasks:\n  - &a id: \"1\"\n    title: *a\n    note: !!str x\n",                     // anchor, alias, tag
      head + "tasks:\n  - {id: \"1\", title: 'it''s', due: \"Tr\\u01b0\\u1edbc ng\\u00e0y 1/2/2026\"}\n",
      head + "tasks:\n  - id: \"1\"\n    title: |\n      many\n      lines\n    note: >-\n      folded\n      text\n",
      head + "---\ncchc: 1\n",  // a second document
      "\xEF\xBB\xBF"
      "cchc: 1\r\nplan:\r\n  id: p\r\n",                      // a BOM and CRLF line ends
      "",                                                     // nothing at all
      "# only a comment\n",                                   // no document
      "- a\n- b\n",                                           // not a map
      head + "tasks:\n  - id: \"1\"\n    title: \"x\\e\"\n",  // a control character as an escape
  };
}

/// Shows the same events to every visitor given.
class Both : public load::EventVisitor {
 public:
  Both(load::EventVisitor& a, load::EventVisitor& b) : m_a(a), m_b(b) {}
  void document_start(load::EventMark m) override { m_a.document_start(m), m_b.document_start(m); }
  void document_end() override { m_a.document_end(), m_b.document_end(); }
  void null(load::EventMark m, std::size_t n) override { m_a.null(m, n), m_b.null(m, n); }
  void alias(load::EventMark m, std::size_t n) override { m_a.alias(m, n), m_b.alias(m, n); }
  void scalar(load::EventMark m, const std::string& t, std::size_t n, const std::string& v) override {
    m_a.scalar(m, t, n, v), m_b.scalar(m, t, n, v);
  }
  void sequence_start(load::EventMark m, const std::string& t, std::size_t n, load::EventStyle s) override {
    m_a.sequence_start(m, t, n, s), m_b.sequence_start(m, t, n, s);
  }
  void sequence_end() override { m_a.sequence_end(), m_b.sequence_end(); }
  void map_start(load::EventMark m, const std::string& t, std::size_t n, load::EventStyle s) override {
    m_a.map_start(m, t, n, s), m_b.map_start(m, t, n, s);
  }
  void map_end() override { m_a.map_end(), m_b.map_end(); }
  void anchor(load::EventMark m, const std::string& name) override { m_a.anchor(m, name), m_b.anchor(m, name); }
  void document_handled(bool more) override { m_a.document_handled(more), m_b.document_handled(more); }

 private:
  load::EventVisitor& m_a;
  load::EventVisitor& m_b;
};

/// Every event and every way of keeping a value: text at the mark, text after it, written out; no position.
void show_every_kind_of_event(load::EventVisitor& to) {
  to.document_start({0, 0, 0});
  to.map_start({0, 0, 0}, "?", 0, load::EventStyle::Block);
  to.scalar({0, 0, 0}, "?", 0, "key");                             // plain: the text at the mark
  to.scalar({5, 0, 5}, "!", 0, "quoted");                          // quoted: one byte after the mark
  to.scalar({14, 1, 0}, "tag:yaml.org,2002:str", 7, "escaped\n");  // written out, with a tag and an anchor
  to.anchor({14, 1, 0}, "name");
  to.sequence_start({30, 2, 2}, "", 0, load::EventStyle::Flow);
  to.null({-1, -1, -1}, 0);
  to.alias({31, 2, 3}, 7);
  to.scalar({-1, -1, -1}, "", 0, "");
  to.sequence_end();
  to.map_end();
  to.document_end();
  to.document_handled(true);
  to.document_handled(false);
}

constexpr std::string_view kEventText = "key: \"quoted\"\n  something else, long enough\n";

std::string every_kind_of_event_recorded() {
  load::EventWriter writer(kEventText);
  show_every_kind_of_event(writer);
  return std::move(writer).finish();
}

/// `recording` with its checksum made right again, as a forger would, to reach the checks behind it.
std::string resealed(std::string recording) {
  recording.resize(recording.size() - 8);
  const std::uint64_t checksum = util::digest64(recording);
  for (int i = 0; i < 8; ++i) recording.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFF));
  return recording;
}

/// Replays a whole recording as read_yaml's loop would, into a log.
std::optional<std::vector<std::string>> replay_all(std::string_view recording, std::string_view text) {
  auto replay = load::EventReplay::open(recording, text);
  if (!replay) return std::nullopt;
  EventLog log;
  for (int calls = 0; calls < 10; ++calls) {
    const bool more = replay->handle_next_document(log);
    log.document_handled(more);
    if (!more) break;
  }
  return log.lines;
}

}  // namespace

TEST_CASE("a recording gives back every event written to it, in order") {
  EventLog shown;
  load::EventWriter writer(kEventText);
  Both both(shown, writer);
  show_every_kind_of_event(both);
  const std::string recording = std::move(writer).finish();
  const auto replayed = replay_all(recording, kEventText);
  REQUIRE(replayed);
  CHECK(*replayed == shown.lines);
  CHECK(replayed->size() == 15);
}

TEST_CASE("a recording is refused for any other text, even of the same size") {
  const std::string recording = every_kind_of_event_recorded();
  REQUIRE(load::EventReplay::open(recording, kEventText));
  std::string other(kEventText);
  for (std::size_t i = 0; i < other.size(); ++i) {
    std::string changed = other;
    changed[i] = changed[i] == 'x' ? 'y' : 'x';
    CHECK_FALSE(load::EventReplay::open(recording, changed));
  }
  CHECK_FALSE(load::EventReplay::open(recording, other + " "));
  CHECK_FALSE(load::EventReplay::open(recording, other.substr(1)));
}

TEST_CASE("a recording cut short or with any bit changed is refused") {
  const std::string recording = every_kind_of_event_recorded();
  for (std::size_t length = 0; length < recording.size(); ++length) {
    INFO("cut at " << length);
    CHECK_FALSE(load::EventReplay::open(recording.substr(0, length), kEventText));
  }
  for (std::size_t i = 0; i < recording.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = recording;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      INFO("byte " << i << " bit " << bit);
      CHECK_FALSE(load::EventReplay::open(flipped, kEventText));
    }
  }
  CHECK_FALSE(load::EventReplay::open(recording + "x", kEventText));
}

TEST_CASE("behind the checksum every length and offset is checked: forged recordings never crash the replay") {
  const std::string recording = every_kind_of_event_recorded();
  const std::string forged_whole = resealed(recording);
  REQUIRE(forged_whole == recording);  // resealing an intact recording changes nothing
  // Cut anywhere after the header and sealed again: events cut in the middle, or a call whose result is missing,
  // are refused before a single event is shown.
  const std::size_t events_start = recording.size() - 8 - 15 * 3;  // well inside the events
  for (std::size_t length = events_start; length < recording.size() - 8; ++length) {
    std::string cut = recording.substr(0, length) + std::string(8, '\0');
    const auto replayed = replay_all(resealed(cut), kEventText);
    if (replayed) CHECK(replayed->back().starts_with("handled"));
  }
  // Every byte set to every value, sealed again: whatever decodes stays within the text and the recording.
  for (std::size_t i = 0; i + 8 < recording.size(); ++i) {
    for (int value : {0x00, 0x01, 0x02, 0x03, 0x05, 0x0c, 0x7f, 0x80, 0xff}) {
      std::string forged = recording;
      forged[i] = static_cast<char>(value);
      static_cast<void>(replay_all(resealed(forged), kEventText));
    }
  }
  // A scalar said to be at a position past the end of the text.
  load::EventWriter writer("ab");
  writer.document_start({0, 0, 0});
  writer.scalar({0, 0, 0}, "?", 0, "ab");  // kept as the two bytes at offset 0
  writer.document_end();
  writer.document_handled(false);
  std::string past_end = std::move(writer).finish();
  REQUIRE(replay_all(past_end, "ab"));
  // From the end: checksum (8), last call, document end, length, how the value is kept, anchor, tag, column,
  // line (1 each), then the position, right after the scalar's code (5).
  const std::size_t offset_byte = past_end.size() - 17;
  REQUIRE(past_end[offset_byte - 1] == '\x05');
  REQUIRE(past_end[offset_byte] == '\0');
  past_end[offset_byte] = '\x08';  // offset 4: past the text's end
  CHECK_FALSE(replay_all(resealed(past_end), "ab"));
}

TEST_CASE("a replayed recording gives exactly the tree, problems and streamed items of a parse") {
  std::vector<std::string> texts = texts_with_warnings();
  texts.push_back(seed_plan());
  for (const std::string& text : texts) {
    INFO(text.substr(0, 200));
    const std::string live = reading(text);
    MemoryCache cache;
    CHECK(reading(text, with_cache(cache)) == live);  // parsed and recorded
    CHECK(cache.stores == 1);
    CHECK(cache.replays == 0);
    CHECK(reading(text, with_cache(cache)) == live);  // replayed
    CHECK(cache.stores == 1);
    CHECK(cache.replays == 1);
  }
}

TEST_CASE("a plan loaded from a recording is the plan loaded from its text, problems included") {
  std::vector<std::string> texts = texts_with_warnings();
  texts.push_back(seed_plan());
  for (const std::string& text : texts) {
    INFO(text.substr(0, 200));
    const std::string live = dump(load::load_plan(text, "plan.yaml"));
    MemoryCache cache;
    CHECK(dump(load::load_plan(text, "plan.yaml", {}, with_cache(cache))) == live);
    CHECK(dump(load::load_plan(text, "plan.yaml", {}, with_cache(cache))) == live);
    CHECK(cache.replays == 1);
  }
  const std::string seed = dump(load::load_plan(seed_plan(), "plan.yaml"));
  CHECK(seed.find("lead=snv") != std::string::npos);  // the dump holds the plan's tasks, not only its header
}

TEST_CASE("a recording made under some limits replays under others as a parse under those would") {
  const std::string text = seed_plan();
  MemoryCache cache;
  static_cast<void>(reading(text, with_cache(cache)));
  REQUIRE(cache.stores == 1);
  load::Limits tight;
  tight.max_nodes = 200;
  tight.max_depth = 3;
  tight.max_scalar_bytes = 40;
  for (const load::Limits& limits : {tight, load::Limits{}}) {
    const std::string live = reading(text, {}, limits);
    CHECK(reading(text, with_cache(cache), limits) == live);
  }
  // Under the tight limits the builder stops the replay where it stops a parse: that reading is not complete.
  CHECK(cache.finds == 3);
  CHECK(cache.replays == 1);
  CHECK(cache.stores == 1);
  CHECK(reading(text, {}, tight).find("[limit]") != std::string::npos);
}

TEST_CASE("a damaged or foreign recording is a miss: the text is parsed and recorded again") {
  const std::string text = seed_plan();
  const std::string live = reading(text);
  MemoryCache cache;
  static_cast<void>(reading(text, with_cache(cache)));
  const std::string good = cache.entries.at("plan.yaml");

  SECTION("cut short at every length of a small one, or with bytes flipped") {
    const std::string small_text = texts_with_warnings().front();
    const std::string small_live = reading(small_text);
    MemoryCache small;
    static_cast<void>(reading(small_text, with_cache(small)));
    const std::string recording = small.entries.at("plan.yaml");
    for (std::size_t length = 0; length < recording.size(); ++length) {
      small.entries["plan.yaml"] = recording.substr(0, length);
      CHECK(reading(small_text, with_cache(small)) == small_live);
    }
    for (std::size_t i = 0; i < recording.size(); i += 7) {
      std::string flipped = recording;
      flipped[i] = static_cast<char>(~flipped[i]);
      small.entries["plan.yaml"] = flipped;
      CHECK(reading(small_text, with_cache(small)) == small_live);
    }
    CHECK(small.replays == 0);
    CHECK(small.entries.at("plan.yaml") == recording);  // each miss recorded the text again
  }
  SECTION("the text changed in one byte, its size unchanged") {
    std::string changed = text;
    const std::size_t at = changed.find("\n  title: ");
    REQUIRE(at != std::string::npos);
    changed[at + 10] = changed[at + 10] == 'X' ? 'Y' : 'X';
    CHECK(reading(changed, with_cache(cache)) == reading(changed));
    CHECK(reading(changed) != live);
    CHECK(cache.replays == 0);
    CHECK(cache.stores == 2);
    CHECK(cache.entries.at("plan.yaml") != good);
  }
  SECTION("another file's recording") {
    cache.entries["plan.yaml"] = every_kind_of_event_recorded();
    CHECK(reading(text, with_cache(cache)) == live);
    CHECK(cache.replays == 0);
  }
}

TEST_CASE("a text yaml-cpp could not read to its end, or that crossed a limit, is never recorded") {
  const std::string head = "cchc: 1\nplan:\n  id: p\n";
  load::Limits tight;
  tight.max_nodes = 5;
  MemoryCache cache;
  for (const std::string& text : {head + "tasks:\n  - id: [1\n", head + "tasks: a: b\n", head + "  bad: [}\n"}) {
    CHECK(reading(text, with_cache(cache)) == reading(text));
  }
  CHECK(reading(head, with_cache(cache), tight) == reading(head, {}, tight));
  CHECK(cache.stores == 0);
}

TEST_CASE("a cache that fails changes nothing") {
  FailingCache failing;
  for (const std::string& text : texts_with_warnings()) CHECK(reading(text, with_cache(failing)) == reading(text));
}

namespace {

/// A plan whose task list a reading in parts cuts in two, with `tail` after the list.
std::string plan_in_parts(const std::string& tail = "") {
  std::string text = "cchc: 1\nplan:\n  id: p\n  title: T\n  date: 2026-01-15\ntasks:\n";
  for (int i = 1; i <= 30; ++i) text += "  - id: \"" + std::to_string(i) + "\"\n    title: Nhiệm vụ\n";
  return text + tail;
}

load::ParseOptions in_parts(load::EventCache* cache) {
  load::ParseOptions options;
  options.two_parsers_from_bytes = 0;
  options.event_cache = cache;
  return options;
}

}  // namespace

TEST_CASE("with a cache a large text is still read in two parts, each recorded, then each replayed") {
  for (const std::string& tail : {std::string{}, std::string("sections:\n  - id: a\n    title: Phần\n")}) {
    const std::string text = plan_in_parts(tail);
    INFO(tail);
    MemoryCache cache;
    StreamRecorder cold;
    const auto recorded = load::read_yaml(text, "plan.yaml", {}, &cold, in_parts(&cache));
    CHECK(cold.forks == 1);  // the second half of the list was read on the other thread
    REQUIRE(cache.stores == 1);
    const auto parts = load::split_part_recordings(cache.entries.at("plan.yaml"));
    REQUIRE(parts);
    CHECK(parts->size() == 3);
    CHECK((*parts)[2].empty() == tail.empty());  // no tail, no recording of it
    StreamRecorder warm;
    const auto replayed = load::read_yaml(text, "plan.yaml", {}, &warm, in_parts(&cache));
    CHECK(cache.replays == 1);
    CHECK(cache.stores == 1);
    CHECK(warm.forks == 1);
    CHECK(dump(replayed.root) == dump(recorded.root));
    CHECK(warm.items == cold.items);
    CHECK(warm.items.size() == 30);
    // The plan is the one a single parser without a cache reads. (The tree builder of the tail streams no root
    // entries, so the readings differ there: the plan reader takes the tail from the tree.)
    CHECK(dump(load::load_plan(text, "plan.yaml", {}, in_parts(&cache))) == dump(load::load_plan(text, "plan.yaml")));
    CHECK(cache.replays == 2);
  }
}

TEST_CASE("a recording of parts is replayed only part by part for the very same text") {
  const std::string text = plan_in_parts();
  const std::string live = reading(text);
  MemoryCache cache;
  static_cast<void>(reading(text, in_parts(&cache)));
  const std::string good = cache.entries.at("plan.yaml");
  const auto parts = load::split_part_recordings(good);
  REQUIRE(parts);

  SECTION("a title changed in the second half: only that part is parsed and recorded again") {
    std::string changed = text;
    const std::size_t at = changed.rfind("Nhiệm vụ");
    changed.replace(at, 1, "X");
    CHECK(reading(changed, in_parts(&cache)) == reading(changed));
    CHECK(cache.replays == 0);
    REQUIRE(cache.stores == 2);
    const auto again = load::split_part_recordings(cache.entries.at("plan.yaml"));
    REQUIRE(again);
    CHECK((*again)[0] == (*parts)[0]);  // the head, unchanged, was replayed and kept
    CHECK((*again)[1] != (*parts)[1]);
    CHECK(reading(changed, in_parts(&cache)) == reading(changed));
    CHECK(cache.replays == 1);
  }
  SECTION("damaged parts, an entry cut short, or parts swapped are misses") {
    std::vector<std::string> damaged;
    for (std::size_t length = 0; length < good.size(); length += 3) damaged.push_back(good.substr(0, length));
    for (std::size_t i = 0; i < good.size(); i += 11) {
      std::string flipped = good;
      flipped[i] = static_cast<char>(~flipped[i]);
      damaged.push_back(flipped);
    }
    damaged.push_back(load::join_part_recordings({(*parts)[1], (*parts)[0], (*parts)[2]}));
    damaged.push_back(load::join_part_recordings({(*parts)[0]}));
    for (const std::string& entry : damaged) {
      cache.entries["plan.yaml"] = entry;
      CHECK(reading(text, in_parts(&cache)) == live);
    }
    CHECK(cache.replays == 0);
    CHECK(cache.entries.at("plan.yaml") == good);  // the last miss recorded the parts again
  }
  SECTION("read without the parts (one parser), the entry is a miss and a recording of the whole replaces it") {
    load::ParseOptions one_piece = in_parts(&cache);
    one_piece.two_parsers_from_bytes.reset();
    CHECK(reading(text, one_piece) == live);
    CHECK(cache.replays == 0);
    CHECK_FALSE(load::split_part_recordings(cache.entries.at("plan.yaml")));
    // And the recording of the whole is replayed in one piece even where parts could be read.
    CHECK(reading(text, in_parts(&cache)) == live);
    CHECK(cache.replays == 1);
  }
}

TEST_CASE("an entry of parts holds each recording as given and refuses anything else") {
  const std::vector<std::string_view> recordings = {"abc", "", std::string_view("\0x", 2)};
  const std::string entry = load::join_part_recordings(recordings);
  const auto parts = load::split_part_recordings(entry);
  REQUIRE(parts);
  CHECK(*parts == recordings);
  CHECK_FALSE(load::split_part_recordings(entry + "x"));
  CHECK_FALSE(load::split_part_recordings(entry.substr(0, entry.size() - 1)));
  CHECK_FALSE(load::split_part_recordings("cchc yaml events 1\n"));
  CHECK_FALSE(load::split_part_recordings(""));
  // Written in pieces, the recordings are not copied: every other piece is one of them.
  std::string framing;
  const auto pieces = load::part_recordings_pieces(recordings, framing);
  REQUIRE(pieces.size() == 2 * recordings.size());
  for (std::size_t i = 0; i < recordings.size(); ++i) CHECK(pieces[2 * i + 1].data() == recordings[i].data());
  const auto none = load::split_part_recordings(load::join_part_recordings({}));
  REQUIRE(none);
  CHECK(none->empty());
}
