#include "load/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <istream>
#include <iterator>
#include <limits>
#include <map>
#include <streambuf>
#include <system_error>
#include <thread>
#include <utility>

#include "load/event_cache.hpp"
#include "load/plain_yaml.hpp"
#include "load/text_scan.hpp"
#include "util/text.hpp"

namespace cchc::load {

namespace {

using util::SourcePos;

/// Thrown by the tree builder when the document crosses one of the limits; ends the reading of the file.
struct LimitExceeded {
  SourcePos pos;
  std::string message;
  std::string hint;
};

/// The longest text read at all, whatever the limits say: offsets into it fit in 32 bits. No limit a user can set
/// comes near (CCHC_MAX_FILE_MIB allows 1 GiB).
constexpr std::size_t kMaxTextBytes = std::numeric_limits<std::uint32_t>::max();

/// Turns byte offsets of the (normalised) text into 1-based line and code point column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : m_text(text) {
    // Counted first so that the index takes what it needs and no more: 4 bytes a line (600 000 lines at 100 000
    // tasks), where a growing vector of offsets took up to 16.
    m_starts.reserve(count_line_feeds(text) + 1);
    m_starts.push_back(0);
    // string_view::find goes to memchr, several times faster than a loop over the bytes on a large plan.
    for (std::size_t end = text.find('\n'); end != std::string_view::npos; end = text.find('\n', end + 1)) {
      m_starts.push_back(static_cast<Offset>(end + 1));
    }
  }

  SourcePos at(std::size_t offset) const {
    std::size_t anywhere = 0;
    return at(offset, anywhere);
  }

  /// The same, where `line_hint` is the 0-based line of the caller's previous lookup, updated: a parser's marks
  /// move forward a few lines at a time, so the line is found by a step or two instead of a binary search over
  /// every line of the file (a fiftieth of the time of `cchc overdue` on 100 000 tasks).
  SourcePos at(std::size_t offset, std::size_t& line_hint) const {
    offset = std::min(offset, m_text.size());
    std::size_t line = std::min(line_hint, m_starts.size() - 1);
    constexpr int kSteps = 4;
    int steps = 0;
    while (steps < kSteps && m_starts[line] <= offset && line + 1 < m_starts.size() && m_starts[line + 1] <= offset) {
      ++line;
      ++steps;
    }
    const bool found = m_starts[line] <= offset && (line + 1 == m_starts.size() || offset < m_starts[line + 1]);
    if (!found) {
      const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
      line = static_cast<std::size_t>(next - m_starts.begin()) - 1;
    }
    line_hint = line;
    const std::size_t start = m_starts[line];
    // The text is valid UTF-8 here (read_yaml checks first), so the code points before `offset` are counted
    // without decoding, once per node.
    const std::size_t column = 1 + count_code_points(m_text.substr(start, offset - start));
    return SourcePos{static_cast<int>(line) + 1, static_cast<int>(column)};
  }

  /// Where yaml-cpp's mark points. Its byte offset is reliable; its line and column are not always
  /// (at the end of the input they stay 0), so they are only a fallback.
  SourcePos at(const YAML::Mark& mark) const {
    if (mark.pos >= 0) return at(static_cast<std::size_t>(mark.pos));
    if (mark.line >= 0) return SourcePos{mark.line + 1, mark.column + 1};
    return at(m_text.size());
  }

  /// The text of the 1-based `line`, without its line end.
  std::string_view line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > m_starts.size()) return {};
    const std::size_t start = m_starts[static_cast<std::size_t>(line) - 1];
    const std::size_t end =
        static_cast<std::size_t>(line) < m_starts.size() ? m_starts[static_cast<std::size_t>(line)] - 1 : m_text.size();
    return m_text.substr(start, end - start);
  }

  std::string_view text() const { return m_text; }

  /// The character (one UTF-8 sequence) at `offset`, for messages such as "unexpected ','".
  std::string character_at(std::size_t offset) const {
    if (offset >= m_text.size()) return {};
    std::size_t length = 1;
    while (offset + length < m_text.size() && (static_cast<unsigned char>(m_text[offset + length]) & 0xC0) == 0x80) {
      ++length;
    }
    return std::string(m_text.substr(offset, length));
  }

 private:
  // Texts are at most kMaxTextBytes (read_yaml refuses longer ones), so an offset fits in 32 bits.
  using Offset = std::uint32_t;
  std::string_view m_text;
  std::vector<Offset> m_starts;
};

/// Collects the "yaml-syntax" diagnostics of one file.
class Reporter {
 public:
  Reporter(const std::string& file, YamlDocument& document, std::size_t cap)
      : m_file(file), m_diagnostics(document.diagnostics), m_dropped(document.dropped), m_cap(cap) {}

  void error(SourcePos pos, std::string message, std::string hint = {}) {
    // Past the cap problems are only counted: 20 000 anchors must not cost 20 000 messages.
    if (m_cap > 0 && m_diagnostics.size() >= m_cap) {
      ++m_dropped;
      return;
    }
    m_diagnostics.push_back(
        util::Diagnostic{util::Severity::Error, m_file, pos, "yaml-syntax", std::move(message), std::move(hint)});
  }

  /// A limit of docs/hostile-input.md was crossed: check "limit".
  void limit(SourcePos pos, std::string message, std::string hint) {
    m_diagnostics.push_back(
        util::Diagnostic{util::Severity::Error, m_file, pos, "limit", std::move(message), std::move(hint)});
  }

 private:
  const std::string& m_file;
  util::Diagnostics& m_diagnostics;
  std::size_t& m_dropped;
  std::size_t m_cap;
};

/// "tag:yaml.org,2002:str" is written "!!str" in the file; show it that way.
std::string tag_as_written(const std::string& tag) {
  static const std::string kCorePrefix = "tag:yaml.org,2002:";
  if (tag.rfind(kCorePrefix, 0) == 0) return "!!" + tag.substr(kCorePrefix.size());
  return tag;
}

/// How far the first of two parsers is (see read_in_two_parts): still in the root before the task list, streaming
/// the list's items, or done without streaming them.
constexpr int kHeadParsing = 0;
constexpr int kHeadStreams = 1;
constexpr int kHeadDone = 2;

/// Builds a YamlNode tree from yaml-cpp's parse events.
class TreeBuilder : public YAML::EventHandler {
 public:
  /// `base` is where the text yaml-cpp reads starts in the whole file, and `depth` how many collections hold
  /// it there: a part of a file parsed on its own (see read_in_two_parts) reports the file's positions and
  /// is held to the file's depth limit.
  TreeBuilder(const LineIndex& lines, Reporter& reporter, const Limits& limits, ItemStream* stream,
              std::size_t base = 0, std::size_t depth = 0)
      : m_lines(lines), m_reporter(reporter), m_limits(limits), m_stream(stream), m_base(base), m_depth(depth) {}

  /// Set to kHeadStreams once the stream has chosen to take a list's items: it has read the root before the list.
  void announce_streaming_to(std::atomic<int>* state) { m_head_state = state; }
  /// The items of the document's root list go to the stream (for the second half of a task list).
  void stream_root_list() { m_stream_root_list = true; }

  /// The text yaml-cpp reads is this part of the file, `length` bytes from `base`.
  void read_part_of(std::size_t length) { m_end = m_base + length; }

  /// The events come from the plain reader reading the text itself (not from a recording): it accepts a quoted
  /// text only when its closing quote is on the same line, and in double quotes only the escapes \" \\ \/ \n \t,
  /// none of which writes a forbidden control character (the raw text was checked before). So the two checks of
  /// quoted texts below, a tenth of building the tree of a plan, cannot find anything and are left out.
  void quotes_checked_by_plain_reader() { m_quotes_checked = true; }

  /// Nodes seen so far (keys, values, list items).
  std::size_t nodes() const { return m_nodes; }

  /// The finished root of the current document, when one was built.
  std::optional<YamlNode> root;
  /// Set when a quote was never closed: yaml-cpp then read the rest of the file as text, so the tree is useless.
  bool swallowed_rest = false;
  /// Set when a part of a file (read_part_of) holds a key of a block map with no ':' after it ("    re used."):
  /// yaml-cpp takes that for a key without a value only where its text ends, and the whole file, which goes on,
  /// reads otherwise (it runs the key into the next line and stops at an error there).
  bool bare_key_in_part = false;
  /// Byte offset where each document handled so far started.
  std::vector<int> document_starts;

  /// Start offsets of the flow collections ('[' or '{') still open, innermost last.
  const std::vector<std::pair<int, char>>& open_flows() const { return m_open_flows; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    document_starts.push_back(mark.pos < 0 ? mark.pos : mark.pos + static_cast<int>(m_base));
    m_open.clear();
    m_open_flows.clear();
  }

  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const SourcePos pos = at(mark);
    count_node(pos);
    note_anchor(anchor);
    // The null of "key:" is marked after the ':'; that of a bare key, at the key itself (or before it, for "? key").
    if (m_end != std::string_view::npos && !m_open.empty() && m_open.back().node->is_map() && !m_open.back().flow &&
        m_open.back().awaiting_value) {
      const SourcePos key = m_open.back().node->entries.back().key.pos;
      if (pos.line < key.line || (pos.line == key.line && pos.column <= key.column)) bare_key_in_part = true;
    }
    YamlNode& node = place();
    node.pos = pos;
    placed(node);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto name = m_anchor_names.find(anchor);
    const std::string shown = name == m_anchor_names.end() ? "*" : "*" + name->second;
    const SourcePos pos = at(mark);
    count_node(pos);
    m_reporter.error(pos, fmt::format("aliases ('{}') are not supported in plan files", shown),
                     "write the value out in full at each place it is needed");
    YamlNode& node = place();
    node.pos = pos;
    node.unsupported = true;
    placed(node);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const SourcePos pos = at(mark);
    count_node(pos);
    if (value.size() > m_limits.max_scalar_bytes) {
      throw LimitExceeded{pos,
                          fmt::format("this text is {} KiB long; a plan text may hold at most {} KiB",
                                      value.size() >> 10, m_limits.max_scalar_bytes >> 10),
                          "a plan holds titles and short notes; keep long documents in files of their own"};
    }
    // yaml-cpp gives plain scalars the non-specific tag "?" and quoted or block scalars "!".
    const bool plain = tag.size() == 1 && tag[0] == '?';
    if (!plain && !m_quotes_checked) {
      check_decoded_controls(value, pos);
      if (mark.pos >= 0) check_quote_closed(m_base + static_cast<std::size_t>(mark.pos), pos);
    }
    check_tag(tag, pos);
    note_anchor(anchor);
    YamlNode& node = place();
    node.kind = YamlNode::Kind::Scalar;
    node.pos = pos;
    node.text = value;
    node.plain = plain;
    placed(node);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(YamlNode::Kind::Sequence, mark, tag, anchor, style == YAML::EmitterStyle::Flow ? '[' : 0);
  }

  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(YamlNode::Kind::Map, mark, tag, anchor, style == YAML::EmitterStyle::Flow ? '{' : 0);
  }

  void OnMapEnd() override { close(); }

  void OnAnchor(const YAML::Mark& mark, const std::string& anchor_name) override {
    m_pending_anchor = anchor_name;
    m_reporter.error(at(mark), fmt::format("anchors ('&{}') are not supported in plan files", anchor_name),
                     "write the value out in full at each place it is needed");
  }

 private:
  /// A collection being filled, where it will stay: in its parent (the parents' lists of items and entries do not
  /// grow while their last member is open), or in m_root or m_streamed_item.
  struct Open {
    YamlNode* node = nullptr;
    bool awaiting_value = false;  ///< Map: the last entry has its key but not yet its value
    char flow = 0;                ///< '[' or '{' when written in flow style
  };

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, char flow) {
    const SourcePos pos = at(mark);
    count_node(pos);
    if (m_depth + m_open.size() >= static_cast<std::size_t>(m_limits.max_depth)) {
      throw LimitExceeded{pos,
                          fmt::format("lists and maps are nested more than {} levels deep here", m_limits.max_depth),
                          "a plan file needs only a few levels; check the indentation and the brackets"};
    }
    check_tag(tag, pos);
    note_anchor(anchor);
    bool streamed = false;
    if (kind == YamlNode::Kind::Sequence && streaming_root_value()) {
      streamed = m_stream->stream_items_of(m_open.front().node->entries.back().key);
      if (streamed && m_head_state) {
        m_head_state->store(kHeadStreams, std::memory_order_release);
        m_head_state->notify_all();
      }
    }
    if (kind == YamlNode::Kind::Sequence && m_stream_root_list && m_open.empty()) streamed = true;
    if (flow) m_open_flows.emplace_back(mark.pos < 0 ? mark.pos : mark.pos + static_cast<int>(m_base), flow);
    YamlNode& node = place();
    node.kind = kind;
    node.pos = pos;
    node.flow = flow != 0;
    node.streamed = streamed;
    // Room for a task's keys at once: grown one by one, a map of eight entries is moved three times over. A map
    // that leaves more than half of it unused gives it back when it closes, so that a tree of small maps takes at
    // most twice the room of its entries.
    constexpr std::size_t kUsualBlockMapKeys = 8;
    if (kind == YamlNode::Kind::Map && !flow) node.entries.reserve(kUsualBlockMapKeys);
    // And for a few items of a list (`support: [snv, stp]`), under the same rule.
    constexpr std::size_t kUsualListItems = 4;
    if (kind == YamlNode::Kind::Sequence) node.items.reserve(kUsualListItems);
    m_open.push_back(Open{&node, false, flow});
  }

  void close() {
    if (m_open.empty()) return;
    YamlNode& finished = *m_open.back().node;
    if (m_open.back().flow && !m_open_flows.empty()) m_open_flows.pop_back();
    m_open.pop_back();
    if (finished.entries.capacity() > 2 * finished.entries.size()) finished.entries.shrink_to_fit();
    if (finished.items.capacity() > 2 * finished.items.size()) finished.items.shrink_to_fit();
    placed(finished);
  }

  /// Where the next node is built, in place: the document's root, an item of the list being filled (or the one
  /// item of a streamed list in the making), or the key or value of the map's last entry. A node is built where
  /// it stays, not moved there: ten thousand nodes are made for a plan of a thousand tasks. Whatever can stop the
  /// reading (a limit) is checked before, so no slot is left half made.
  YamlNode& place() {
    if (m_open.empty()) return m_root = YamlNode{};
    const Open& parent = m_open.back();
    if (parent.node->is_sequence()) {
      if (parent.node->streamed) return m_streamed_item = YamlNode{};
      return parent.node->items.emplace_back();
    }
    if (parent.awaiting_value) return parent.node->entries.back().value = YamlNode{};
    return parent.node->entries.emplace_back().key;
  }

  /// `node`, made at place(), is complete: the root is handed over, a streamed item goes to the stream, a value
  /// completes its entry, a key starts one.
  void placed(YamlNode& node) {
    if (m_open.empty()) {
      root = std::move(m_root);
      return;
    }
    Open& parent = m_open.back();
    if (parent.node->is_sequence()) {
      if (parent.node->streamed) m_stream->item(std::move(m_streamed_item));
    } else if (parent.awaiting_value) {
      const bool root_entry = streaming_root_value();
      parent.awaiting_value = false;
      if (root_entry) m_stream->root_entry(parent.node->entries.back());
    } else {
      if (node.is_scalar() && node.plain && std::string_view(node.text) == "<<") {
        node.unsupported = true;
        m_reporter.error(node.pos, "merge keys ('<<') are not supported in plan files",
                         "write the keys out in full in this map");
      }
      YamlEntry& entry = parent.node->entries.back();
      entry.value.pos = entry.key.pos;
      parent.awaiting_value = true;
    }
  }

  /// Where yaml-cpp's mark points in the whole file.
  SourcePos at(const YAML::Mark& mark) const {
    if (mark.pos >= 0) return m_lines.at(m_base + static_cast<std::size_t>(mark.pos), m_line_hint);
    return m_base == 0 ? m_lines.at(mark) : m_lines.at(m_base);
  }

  /// Whether the value now being read belongs to an entry of the first document's root map, and a stream
  /// wants to see it.
  bool streaming_root_value() const {
    return m_stream && document_starts.size() == 1 && m_open.size() == 1 && m_open.front().node->is_map() &&
           m_open.front().awaiting_value;
  }

  void check_quote_closed(std::size_t offset, SourcePos pos) {
    // Only this part's text: a quote closed past the cut would be closed in another part's text, and this part's
    // parse would then have silently swallowed the rest of it.
    const std::string_view text = m_lines.text().substr(0, m_end);
    if (offset >= text.size() || (text[offset] != '"' && text[offset] != '\'')) return;
    // yaml-cpp 0.7 silently accepts `title: "abc` followed by a line end, swallowing the rest of the file into the
    // text; this catches it.
    if (closing_quote(text, offset) != std::string_view::npos) return;
    swallowed_rest = true;
    m_reporter.error(pos, fmt::format("the quote {} opened here is never closed", text[offset]),
                     fmt::format("add the closing {} at the end of the text", text[offset]));
  }

  void count_node(SourcePos pos) {
    if (++m_nodes <= m_limits.max_nodes) return;
    throw LimitExceeded{pos, fmt::format("the file holds more than {} keys, values and list items", m_limits.max_nodes),
                        "split the plan into several files, or raise the limit with CCHC_MAX_FILE_MIB"};
  }

  /// Quoted texts can spell control characters as escapes ("\e", "\x1b", "\u0007"): they are refused like
  /// raw ones, so nothing invisible reaches a report or a terminal.
  void check_decoded_controls(const std::string& value, SourcePos pos) {
    // Every title of a plan comes here; a text without the bytes a control character is written with needs no
    // decoding.
    if (!may_hold_control(value)) return;
    for (std::size_t offset = 0; offset < value.size();) {
      const auto [code_point, length] = decode_at(value, offset);
      if (is_forbidden_control(code_point)) {
        m_reporter.error(
            pos,
            fmt::format("this text holds the control character {}, written as an escape", control_name(code_point)),
            "remove the escape (such as \\e, \\x1b or \\u001b); plan texts may hold only printable "
            "characters, tabs and line breaks");
        return;
      }
      offset += length;
    }
  }

  void check_tag(const std::string& tag, SourcePos pos) {
    if (tag.empty() || (tag.size() == 1 && (tag[0] == '?' || tag[0] == '!'))) return;
    m_reporter.error(pos, fmt::format("tags ('{}') are not supported in plan files", tag_as_written(tag)),
                     "remove the tag; put the value in quotes if it must be read as text");
  }

  /// Remembers the name of an anchor (already reported) so that aliases to it can be named.
  void note_anchor(YAML::anchor_t anchor) {
    if (anchor != 0) m_anchor_names[anchor] = m_pending_anchor;
    m_pending_anchor.clear();
  }

  const LineIndex& m_lines;
  mutable std::size_t m_line_hint = 0;  ///< the line of the last position looked up (see LineIndex::at)
  bool m_quotes_checked = false;        ///< see quotes_checked_by_plain_reader
  Reporter& m_reporter;
  const Limits& m_limits;
  ItemStream* m_stream;
  std::size_t m_base;
  std::size_t m_depth;
  std::size_t m_end = std::string_view::npos;  ///< where the text yaml-cpp reads ends in the file
  std::atomic<int>* m_head_state = nullptr;
  bool m_stream_root_list = false;
  std::size_t m_nodes = 0;
  std::vector<Open> m_open;
  YamlNode m_root;           ///< the document's root while it is built
  YamlNode m_streamed_item;  ///< the item of a streamed list being built (they are never nested)
  std::vector<std::pair<int, char>> m_open_flows;
  std::map<YAML::anchor_t, std::string> m_anchor_names;
  std::string m_pending_anchor;
};

/// A read-only stream over text already in memory: yaml-cpp reads from a std::istream, and an istringstream
/// would copy the whole file once more.
class InPlaceBuffer : public std::streambuf {
 public:
  explicit InPlaceBuffer(std::string_view text) {
    // The get area is only read from; std::streambuf's interface takes non-const pointers.
    char* begin = const_cast<char*>(text.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    setg(begin, begin, begin + text.size());
  }
};

EventMark event_mark(const YAML::Mark& mark) { return EventMark{mark.pos, mark.line, mark.column}; }

YAML::Mark yaml_mark(EventMark from) {
  YAML::Mark mark;
  mark.pos = from.pos;
  mark.line = from.line;
  mark.column = from.column;
  return mark;
}

/// Hands yaml-cpp's events to the tree builder and writes them down for the event cache.
class RecordingHandler : public YAML::EventHandler {
 public:
  RecordingHandler(YAML::EventHandler& builder, EventWriter& writer) : m_builder(builder), m_writer(writer) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    m_writer.document_start(event_mark(mark));
    m_builder.OnDocumentStart(mark);
  }
  void OnDocumentEnd() override {
    m_writer.document_end();
    m_builder.OnDocumentEnd();
  }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    m_writer.null(event_mark(mark), anchor);
    m_builder.OnNull(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    m_writer.alias(event_mark(mark), anchor);
    m_builder.OnAlias(mark, anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    m_writer.scalar(event_mark(mark), tag, anchor, value);
    m_builder.OnScalar(mark, tag, anchor, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    m_writer.sequence_start(event_mark(mark), tag, anchor, static_cast<EventStyle>(style));
    m_builder.OnSequenceStart(mark, tag, anchor, style);
  }
  void OnSequenceEnd() override {
    m_writer.sequence_end();
    m_builder.OnSequenceEnd();
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    m_writer.map_start(event_mark(mark), tag, anchor, static_cast<EventStyle>(style));
    m_builder.OnMapStart(mark, tag, anchor, style);
  }
  void OnMapEnd() override {
    m_writer.map_end();
    m_builder.OnMapEnd();
  }
  void OnAnchor(const YAML::Mark& mark, const std::string& anchor_name) override {
    m_writer.anchor(event_mark(mark), anchor_name);
    m_builder.OnAnchor(mark, anchor_name);
  }

 private:
  YAML::EventHandler& m_builder;
  EventWriter& m_writer;
};

/// Hands the events of a recording to the tree builder as yaml-cpp would.
class ReplayingVisitor : public EventVisitor {
 public:
  explicit ReplayingVisitor(YAML::EventHandler& builder) : m_builder(builder) {}

  void document_start(EventMark mark) override { m_builder.OnDocumentStart(yaml_mark(mark)); }
  void document_end() override { m_builder.OnDocumentEnd(); }
  void null(EventMark mark, std::size_t anchor) override { m_builder.OnNull(yaml_mark(mark), anchor); }
  void alias(EventMark mark, std::size_t anchor) override { m_builder.OnAlias(yaml_mark(mark), anchor); }
  void scalar(EventMark mark, const std::string& tag, std::size_t anchor, const std::string& value) override {
    m_builder.OnScalar(yaml_mark(mark), tag, anchor, value);
  }
  void sequence_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) override {
    m_builder.OnSequenceStart(yaml_mark(mark), tag, anchor, static_cast<YAML::EmitterStyle::value>(style));
  }
  void sequence_end() override { m_builder.OnSequenceEnd(); }
  void map_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) override {
    m_builder.OnMapStart(yaml_mark(mark), tag, anchor, static_cast<YAML::EmitterStyle::value>(style));
  }
  void map_end() override { m_builder.OnMapEnd(); }
  void anchor(EventMark mark, const std::string& name) override { m_builder.OnAnchor(yaml_mark(mark), name); }
  void document_handled(bool /*more*/) override {}  // handle_next_document returns it

 private:
  YAML::EventHandler& m_builder;
};

/// Where a reading's documents come from: a recording replayed, the plain reader reading `plain` (a text it
/// accepts), or yaml-cpp parsing `input`, writing down what it reports when given a writer. The builder receives
/// the same calls either way.
class DocumentSource {
 public:
  DocumentSource(std::istream& input, YAML::EventHandler& builder, EventReplay* replay, EventWriter* writer,
                 std::optional<std::string_view> plain, void (*release_passed)(std::string_view) = nullptr)
      : m_builder(builder),
        m_replay(replay),
        m_writer(writer),
        m_plain(plain),
        m_release_passed(release_passed),
        m_replayer(builder) {
    if (!replay && !plain) m_parser.Load(input);
    if (writer) m_recorder.emplace(builder, *writer);
  }

  /// As YAML::Parser::HandleNextDocument.
  bool next_document() {
    if (m_replay) return m_replay->handle_next_document(m_replayer);
    if (m_plain) {
      // One document, then none: what the plain reader reports of the calls of HandleNextDocument.
      if (std::exchange(m_plain_read, true)) return false;
      (void)scan_plain_yaml(*m_plain, m_replayer, nullptr, m_release_passed);
      return true;
    }
    if (!m_recorder) return m_parser.HandleNextDocument(m_builder);
    const bool more = m_parser.HandleNextDocument(*m_recorder);
    m_writer->document_handled(more);
    return more;
  }

 private:
  YAML::EventHandler& m_builder;
  EventReplay* m_replay;
  EventWriter* m_writer;
  std::optional<std::string_view> m_plain;
  void (*m_release_passed)(std::string_view);
  bool m_plain_read = false;
  YAML::Parser m_parser;
  std::optional<RecordingHandler> m_recorder;
  ReplayingVisitor m_replayer;
};

/// Calls the event cache, which only ever saves time: when it fails (even out of memory), all goes on without it.
template <class Call>
void without_failing(Call call) {
  try {
    call();
  } catch (...) {  // NOLINT(bugprone-empty-catch)
  }
}

/// The recording `cache` holds for `file`, if any.
std::optional<std::string> cached_recording(EventCache* cache, const std::string& file) {
  std::optional<std::string> recording;
  if (cache) without_failing([&] { recording = cache->find(file); });
  return recording;
}

/// Turns a yaml-cpp error into plain words, pointing where the user can fix it.
void report_syntax_error(const YAML::Exception& error, const LineIndex& lines, const TreeBuilder& builder,
                         Reporter& reporter) {
  const SourcePos pos = lines.at(error.mark);
  const std::string& msg = error.msg;
  const std::string_view line = lines.line_text(pos.line);
  const std::string_view indentation = line.substr(0, line.find_first_not_of(" \t"));
  if (indentation.find('\t') != std::string_view::npos) {
    reporter.error(SourcePos{pos.line, 1}, "this line is indented with a tab",
                   "indent with spaces only; YAML does not allow tabs for indentation");
  } else if ((msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || msg == YAML::ErrorMsg::END_OF_MAP_FLOW) &&
             !builder.open_flows().empty()) {
    const auto [offset, bracket] = builder.open_flows().back();
    const char closer = bracket == '[' ? ']' : '}';
    reporter.error(lines.at(static_cast<std::size_t>(offset)),
                   fmt::format("the '{}' opened here is never closed", bracket),
                   fmt::format("add the matching '{}'", closer));
  } else if (msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::END_OF_SEQ) {
    reporter.error(pos, "this line is not indented like the lines above it",
                   "entries of the same map or list must start in the same column; indent with spaces");
  } else if (msg == YAML::ErrorMsg::MAP_VALUE) {
    reporter.error(pos, "unexpected ':' here",
                   "put text that contains ': ' in quotes, e.g. title: \"Phụ lục: 2\"; "
                   "or check the indentation");
  } else if (msg == YAML::ErrorMsg::FLOW_END || msg == YAML::ErrorMsg::UNKNOWN_TOKEN) {
    const std::string character =
        error.mark.pos >= 0 ? lines.character_at(static_cast<std::size_t>(error.mark.pos)) : std::string();
    reporter.error(pos, fmt::format("unexpected '{}' here", character),
                   "put text that starts with a special character in quotes");
  } else if (msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
    reporter.error(pos, "a quoted text is not closed before the end of the file", "add the closing quote");
  } else if (msg == YAML::ErrorMsg::BAD_FILE) {
    reporter.error(pos, "lists or maps are nested too deeply here", "a plan file needs only a few levels");
  } else {
    reporter.error(pos, msg);
  }
}

/// Whether `line` is the root map's key `tasks:` alone, its list starting on the next line.
bool is_tasks_key_line(std::string_view line) {
  if (!line.starts_with("tasks:")) return false;
  const std::string_view rest = line.substr(6);
  const std::size_t next = rest.find_first_not_of(' ');
  return next == std::string_view::npos || rest[next] == '#';
}

/// Whether `content` (a line after its indentation) starts a block list item: "- …" or a lone "-".
bool starts_list_item(std::string_view content) { return content == "-" || content.starts_with("- "); }

}  // namespace

std::optional<TaskListSplit> find_task_list_split(std::string_view text) {
  enum class Where { BeforeList, FirstItem, InList, AfterList } where = Where::BeforeList;
  std::size_t list_indent = 0;
  std::size_t end = text.size();
  std::vector<std::size_t> items;
  bool first_line = true;
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t line_end = std::min(text.find('\n', offset), text.size());
    const std::string_view line = text.substr(offset, line_end - offset);
    const std::size_t start = offset;
    offset = line_end + 1;
    const bool marker = line.starts_with("---") || line.starts_with("...") || line.starts_with("%");
    if (marker && !(first_line && line.starts_with("---"))) return std::nullopt;
    first_line = false;
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) continue;  // blank
    if (line[indent] == '\t') return std::nullopt;
    if (line[indent] == '#') continue;  // a comment line
    const std::string_view content = line.substr(indent);
    switch (where) {
      case Where::BeforeList:
        if (indent == 0 && is_tasks_key_line(line)) where = Where::FirstItem;
        break;
      case Where::FirstItem:
        if (!starts_list_item(content)) return std::nullopt;
        list_indent = indent;
        items.push_back(start);
        where = Where::InList;
        break;
      case Where::InList:
        if (indent > list_indent) break;
        if (indent == list_indent && starts_list_item(content)) {
          items.push_back(start);
          break;
        }
        if (indent != 0) return std::nullopt;
        end = start;
        where = Where::AfterList;
        break;
      case Where::AfterList: break;
    }
  }
  if (items.size() < 2) return std::nullopt;
  const std::size_t half = items.front() + (end - items.front()) / 2;
  const auto after_half = std::lower_bound(items.begin() + 1, items.end(), half);
  auto middle = after_half == items.end() ? items.end() - 1 : after_half;
  if (middle != items.begin() + 1 && half - *(middle - 1) < *middle - half) --middle;
  const auto before = static_cast<std::size_t>(middle - items.begin());
  return TaskListSplit{*middle, end, before, items.size() - before};
}

namespace {

/// The items of the second half of a task list, read on the second thread by a fork of the first thread's stream
/// once that stream has read the root up to the list (it waits for that at its first item: the root comes first
/// in the file); held for the first thread when the head of the file turns out not to stream its list.
class LateItems : public ItemStream {
 public:
  LateItems(ItemStream* main, const std::atomic<int>& head_state, std::size_t expected_items)
      : m_main(main), m_head_state(head_state), m_expected_items(expected_items) {}

  void root_entry(const YamlEntry& /*entry*/) override {}
  bool stream_items_of(const YamlNode& /*key*/) override { return false; }
  void item(YamlNode&& item) override {
    if (!m_decided) {
      m_decided = true;
      m_head_state.wait(kHeadParsing, std::memory_order_acquire);
      if (m_main && m_head_state.load(std::memory_order_acquire) == kHeadStreams) {
        m_fork = m_main->fork();
        m_fork->expect_items(m_expected_items);
      }
    }
    if (m_fork) {
      m_fork->item(std::move(item));
    } else {
      m_held.push_back(std::move(item));
    }
  }
  void restart() override {}
  std::unique_ptr<ItemStream> fork() override { return nullptr; }
  bool join(ItemStream& /*forked*/) override { return false; }

  /// The stream that read the items, when one did.
  ItemStream* forked() const { return m_fork.get(); }
  /// The items no stream read, in file order.
  std::vector<YamlNode>& held() { return m_held; }

 private:
  ItemStream* m_main;
  const std::atomic<int>& m_head_state;
  std::size_t m_expected_items;
  std::unique_ptr<ItemStream> m_fork;
  std::vector<YamlNode> m_held;
  bool m_decided = false;
};

/// One part of a file parsed on its own.
struct Part {
  YamlDocument scratch;  ///< its own problems: any means the part is not used
  Reporter reporter;
  TreeBuilder builder;
  std::optional<YamlNode> root;
  std::size_t documents = 0;
  bool parsed = false;
  bool replayed = false;  ///< read from a recording, not by yaml-cpp
  std::string made;       ///< the recording parse() was asked to make

  Part(const LineIndex& lines, const std::string& file, const Limits& limits, ItemStream* stream, std::size_t base,
       std::size_t depth)
      : reporter(file, scratch, 0), builder(lines, reporter, limits, stream, base, depth) {}

  /// Reads `text`, the part: replays `recording` when it is one of this very text, else parses it, writing down
  /// what yaml-cpp reports into `made` when `record` says so. With `plain_yaml`, a part the plain reader reads
  /// goes to it instead of yaml-cpp, as a whole text would (see read_yaml).
  void parse(std::string_view text, std::string_view recording = {}, bool record = false, bool plain_yaml = false,
             void (*release_passed)(std::string_view) = nullptr) {
    builder.read_part_of(text.size());
    try {
      std::optional<EventReplay> replay;
      if (!recording.empty()) replay = EventReplay::open(recording, text);
      replayed = replay.has_value();
      bool plain = false;
      if (!replay && plain_yaml) {
        if (record) {
          if (auto scanned = record_plain_yaml(text)) {
            made = std::move(*scanned);
            replay = EventReplay::open(made, text);
          }
        } else {
          plain = plain_yaml_accepts(text);
        }
      }
      if (plain) builder.quotes_checked_by_plain_reader();
      InPlaceBuffer buffer(text);
      std::istream input(&buffer);
      std::optional<EventWriter> writer;
      if (!replay && !plain && record) writer.emplace(text);
      DocumentSource source(input, builder, replay ? &*replay : nullptr, writer ? &*writer : nullptr,
                            plain ? std::optional<std::string_view>(text) : std::nullopt, release_passed);
      constexpr int kMaxDocuments = 2;
      for (; documents < kMaxDocuments && source.next_document(); ++documents) {
        if (documents == 0) root = std::move(builder.root);
        builder.root.reset();
      }
      if (writer) made = std::move(*writer).finish();
      parsed = true;
    } catch (...) {  // a syntax error, a limit crossed, memory: the part is not used
      parsed = false;
    }
  }

  /// Parsed without a single remark, as exactly one document whose root is a block collection of `kind`.
  bool clean(YamlNode::Kind kind) const {
    return parsed && scratch.diagnostics.empty() && scratch.dropped == 0 && !builder.swallowed_rest &&
           !builder.bare_key_in_part && documents == 1 && root && root->kind == kind && !root->flow;
  }
};

/// What the event cache gives a reading in parts, and what it gets back: one recording per part, in file order
/// (head, middle, tail).
struct PartRecordings {
  std::vector<std::string_view> cached;  ///< what the cache holds; empty, or one (maybe empty) per part
  bool record = false;                   ///< write down each part not replayed
  bool all_replayed = false;             ///< out: yaml-cpp did not run
  std::vector<std::string> made;         ///< out, when recording: each part's recording, new or the one replayed
};

/// Reads `text` cut at `split`: the second half of the task list on another thread, the head (which streams to
/// `stream` as a whole read would) and the tail here. Returns the document when every part is clean and the
/// parts join into what a single parse gives; nullopt otherwise, and then the caller reads the text in one piece.
/// A part with a recording of its text in `recordings` is replayed instead of parsed.
std::optional<YamlNode> read_in_two_parts(std::string_view text, const LineIndex& lines, const TaskListSplit& split,
                                          const std::string& file, const Limits& limits, ItemStream* stream,
                                          const ParseOptions& options, PartRecordings& recordings) {
  const bool plain = options.plain_yaml;
  const auto cached = [&](std::size_t part) {
    return part < recordings.cached.size() ? recordings.cached[part] : std::string_view{};
  };
  std::atomic<int> head_state{kHeadParsing};
  // Each item is at least one node, so a hostile text of a million one-line items asks for no more room than the
  // node limit allows.
  const std::size_t items_from_middle = std::min(split.items_from_middle, limits.max_nodes);
  LateItems late_items(stream, head_state, items_from_middle);
  // The first part's stream ends up holding the whole list: room for it all now, so that joining the second
  // part's items does not move the first part's to a larger array while both are alive.
  if (stream) stream->expect_items(std::min(split.items_before_middle + items_from_middle, limits.max_nodes));
  Part head(lines, file, limits, stream, 0, 0);
  head.builder.announce_streaming_to(&head_state);
  Part middle(lines, file, limits, &late_items, split.middle, 1);  // its list is the root map's `tasks:` value
  middle.builder.stream_root_list();
  Part tail(lines, file, limits, nullptr, split.end, 0);
  std::thread second;
  try {
    second = std::thread([&] {
      if (options.prepare_second_thread) options.prepare_second_thread();
      middle.parse(text.substr(split.middle, split.end - split.middle), cached(1), recordings.record, plain,
                   options.release_passed_text);
    });
  } catch (const std::system_error&) {
    return std::nullopt;  // no thread to be had: one parser it is
  }
  head.parse(text.substr(0, split.middle), cached(0), recordings.record, plain, options.release_passed_text);
  int parsing = kHeadParsing;
  head_state.compare_exchange_strong(parsing, kHeadDone, std::memory_order_release);
  head_state.notify_all();
  const bool has_tail = split.end < text.size();
  if (has_tail) tail.parse(text.substr(split.end), cached(2), recordings.record, plain, options.release_passed_text);
  second.join();

  if (!head.clean(YamlNode::Kind::Map) || !middle.clean(YamlNode::Kind::Sequence)) return std::nullopt;
  if (has_tail && !tail.clean(YamlNode::Kind::Map)) return std::nullopt;
  // The parts count the middle's list and the tail's map once more than the whole file does.
  const std::size_t nodes =
      head.builder.nodes() + middle.builder.nodes() - 1 + (has_tail ? tail.builder.nodes() - 1 : 0);
  if (nodes > limits.max_nodes) return std::nullopt;
  YamlNode& root = *head.root;
  if (root.entries.empty()) return std::nullopt;
  YamlEntry& last = root.entries.back();
  if (!last.key.is_scalar() || !last.key.plain || last.key.text != "tasks" || !last.value.is_sequence() ||
      last.value.flow) {
    return std::nullopt;
  }
  if (late_items.forked()) {
    // Read on the second thread: valid only if the list it continued is the one this thread streamed.
    if (!last.value.streamed || !stream->join(*late_items.forked())) return std::nullopt;
  }
  for (YamlNode& item : late_items.held()) {
    if (last.value.streamed) {
      stream->item(std::move(item));
    } else {
      last.value.items.push_back(std::move(item));
    }
  }
  if (has_tail) {
    for (YamlEntry& entry : tail.root->entries) root.entries.push_back(std::move(entry));
  }
  recordings.all_replayed = head.replayed && middle.replayed && (!has_tail || tail.replayed);
  if (recordings.record && !recordings.all_replayed) {
    const std::array<Part*, 3> parts = {&head, &middle, &tail};
    for (std::size_t part = 0; part < parts.size(); ++part) {
      recordings.made.push_back(parts[part]->replayed ? std::string(cached(part)) : std::move(parts[part]->made));
    }
  }
  return std::move(head.root);
}

/// Reads `text` with the plain reader showing the builder its events as it goes, in one pass. Returns the
/// document when it read the whole text; nullopt when it gave up part way or the builder stopped (a limit, memory):
/// the events before may then not be yaml-cpp's (a value yaml-cpp would read on two lines was reported on one), so
/// what the builder did is dropped, and the caller has yaml-cpp read the text after `stream->restart()`. Sets
/// `literal_blocks` as scan_plain_yaml does, and hands it `release_passed`.
std::optional<YamlDocument> read_plain_in_one_pass(std::string_view text, const LineIndex& lines,
                                                   const std::string& file, const Limits& limits, ItemStream* stream,
                                                   bool& literal_blocks, void (*release_passed)(std::string_view)) {
  YamlDocument document;
  Reporter reporter(file, document, limits.max_diagnostics);
  TreeBuilder builder(lines, reporter, limits, stream);
  builder.quotes_checked_by_plain_reader();
  ReplayingVisitor events(builder);
  try {
    if (!scan_plain_yaml(text, events, &literal_blocks, release_passed)) return std::nullopt;
  } catch (...) {  // yaml-cpp reads it again, and reports what stopped the builder
    return std::nullopt;
  }
  // One document, as the plain reader reads (a second call of HandleNextDocument finds none).
  document.root = std::move(builder.root);
  if (builder.swallowed_rest) document.root.reset();
  return document;
}

}  // namespace

YamlDocument read_yaml(std::string_view original, const std::string& file, const Limits& limits, ItemStream* stream,
                       const ParseOptions& options) {
  YamlDocument document;
  Reporter reporter(file, document, limits.max_diagnostics);

  const std::size_t max_bytes = std::min(limits.max_file_bytes, kMaxTextBytes);
  if (original.size() > max_bytes) {
    reporter.limit(
        SourcePos{1, 1},
        fmt::format("the file is {} KiB; a plan file may be at most {} KiB", original.size() >> 10, max_bytes >> 10),
        "a plan file holds text only; split a very large plan into several files");
    return document;
  }

  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (original.substr(0, kBom.size()) == kBom) original.remove_prefix(kBom.size());

  // UTF-16 puts a NUL beside every ASCII letter: "c\0c\0h\0" or "\0c\0c\0h".
  const auto nul_at = [&](std::size_t i) { return i < original.size() && original[i] == '\0'; };
  const bool utf16 = original.starts_with("\xFF\xFE") || original.starts_with("\xFE\xFF") ||
                     (original.size() >= 4 && nul_at(1) && nul_at(3) && !nul_at(0) && !nul_at(2)) ||
                     (original.size() >= 4 && nul_at(0) && nul_at(2) && !nul_at(1) && !nul_at(3));
  if (utf16) {
    reporter.error(SourcePos{1, 1}, "the file is saved as UTF-16, not UTF-8", "save the file with the encoding UTF-8");
    return document;
  }
  if (const auto bad = first_invalid_utf8(original)) {
    const LineIndex raw_lines(original);
    reporter.error(
        raw_lines.at(*bad),
        fmt::format("the file is not valid UTF-8 text (byte 0x{:02X})", static_cast<unsigned char>(original[*bad])),
        "save the file with the encoding UTF-8");
    return document;
  }
  if (const auto problems = find_character_problems(original, 10); !problems.empty()) {
    const LineIndex raw_lines(original);
    for (const auto& problem : problems) reporter.error(raw_lines.at(problem.offset), problem.message, problem.hint);
    return document;
  }

  // CRLF becomes LF so that lines and columns are counted alike everywhere (lone CRs were refused above). Most
  // files have no CR at all and are read in place, without a copy.
  std::string without_cr;
  std::string_view text = original;
  if (original.find('\r') != std::string_view::npos) {
    without_cr.reserve(original.size());
    std::remove_copy(original.begin(), original.end(), std::back_inserter(without_cr), '\r');
    text = without_cr;
  }
  const LineIndex lines(text);

  // The depth of flow brackets is bounded before yaml-cpp reads anything. When the plain reader alone reads the
  // whole text (no cache, no second parser), the check waits: a text it reads to its end with no literal block is
  // counted by flow_too_deep exactly as nested, and the tree builder, which bounds flow and block nesting together,
  // then stopped nothing, so the check could not find anything. It runs when the plain reader gives up (before
  // yaml-cpp reads) or read a literal block, whose lines the check may count as brackets.
  const auto too_deep = [&] {
    const auto deep = flow_too_deep(text, limits.max_depth);
    if (!deep) return false;
    reporter.limit(lines.at(*deep),
                   fmt::format("lists and maps are nested more than {} levels deep here", limits.max_depth),
                   "a plan file needs only a few levels; check the brackets");
    return true;
  };
  const bool plain_reader_alone = options.plain_yaml && !options.event_cache &&
                                  !(options.two_parsers_from_bytes && text.size() >= *options.two_parsers_from_bytes);
  if (!plain_reader_alone && too_deep()) return document;

  // A recording of what yaml-cpp reported for this very text (the recording names the text's size and digest)
  // is replayed into the same builder in place of a parse: the same calls, in the same order, so the same tree
  // and problems. The checks of the characters above ran on the text itself all the same.
  EventCache* const cache = options.event_cache;
  const std::optional<std::string> recording = cached_recording(cache, file);
  std::optional<EventReplay> replay;
  PartRecordings parts;
  parts.record = cache != nullptr;
  if (recording) {
    if (auto recordings = split_part_recordings(*recording)) {
      parts.cached = std::move(*recordings);
    } else {
      replay = EventReplay::open(*recording, text);
    }
  }

  // A large text is read in parts on two threads, each part by the plain reader when it reads it (as below), else
  // by yaml-cpp; with a cache, each part is replayed from its recording or recorded, so a run that records costs about
  // what two parsers cost (a few per cent more), not what one does. A text whose parts do not join is read in one piece
  // below (and recorded as one).
  if (!replay && options.two_parsers_from_bytes && text.size() >= *options.two_parsers_from_bytes) {
    if (const auto split = find_task_list_split(text)) {
      if (auto root = read_in_two_parts(text, lines, *split, file, limits, stream, options, parts)) {
        if (cache && parts.all_replayed) {
          without_failing([&] { cache->replayed(file); });
        } else if (cache && !parts.made.empty()) {
          without_failing([&] {
            const std::vector<std::string_view> made(parts.made.begin(), parts.made.end());
            std::string framing;
            cache->store_pieces(file, part_recordings_pieces(made, framing));
          });
        }
        document.root = std::move(root);
        return document;
      }
      if (stream) stream->restart();
    }
  }

  // A text in the plain block YAML plan files are written in is read without yaml-cpp, by the plain reader, which
  // reports yaml-cpp's events for it, event for event. With a cache, its recording is replayed into the builder
  // like one from the cache, and stored like one made by yaml-cpp; without, it shows the builder its events
  // itself as it reads, and yaml-cpp reads the text afresh when it gives up.
  std::optional<std::string> scanned;
  if (!replay && parts.cached.empty() && options.plain_yaml) {
    if (cache) {
      scanned = record_plain_yaml(text);
      if (scanned) replay = EventReplay::open(*scanned, text);
    } else {
      bool literal_blocks = false;
      auto read =
          read_plain_in_one_pass(text, lines, file, limits, stream, literal_blocks, options.release_passed_text);
      if (read && !(plain_reader_alone && literal_blocks && too_deep())) {
        document.root = std::move(read->root);
        for (auto& diagnostic : read->diagnostics) document.diagnostics.push_back(std::move(diagnostic));
        document.dropped += read->dropped;
        return document;
      }
      if (stream) stream->restart();
      if (read) return document;  // too deep, reported
      if (plain_reader_alone && too_deep()) return document;
    }
  }

  InPlaceBuffer buffer(text);
  std::istream input(&buffer);
  TreeBuilder builder(lines, reporter, limits, stream);
  // Without a recording to replay, yaml-cpp parses; with a cache, what it reports is written down as well.
  std::optional<EventWriter> writer;
  if (cache && !replay) writer.emplace(text);
  try {
    DocumentSource source(input, builder, replay ? &*replay : nullptr, writer ? &*writer : nullptr, std::nullopt);
    // yaml-cpp 0.7 can report empty documents forever without consuming input (a file holding just ","),
    // so the number of calls is bounded, and a document starting where the previous one did is an error.
    constexpr int kMaxDocuments = 3;
    for (int handled = 0; handled < kMaxDocuments && source.next_document(); ++handled) {
      if (handled == 0) document.root = std::move(builder.root);
      builder.root.reset();
    }
    // Only a reading that yaml-cpp and the builder took to its end is kept: one that stopped on a syntax error or
    // a limit is never stored, and is read again next time.
    if (writer) {
      const std::string made = std::move(*writer).finish();
      without_failing([&] { cache->store(file, made); });
    } else if (scanned) {
      without_failing([&] { cache->store(file, *scanned); });  // made only with a cache
    } else if (replay) {
      without_failing([&] { cache->replayed(file); });
    }
    if (builder.swallowed_rest) document.root.reset();
    const auto& starts = builder.document_starts;
    for (std::size_t i = 1; i < starts.size(); ++i) {
      if (starts[i] <= starts[i - 1]) {
        const auto offset = static_cast<std::size_t>(std::max(starts[i], 0));
        reporter.error(lines.at(offset), fmt::format("unexpected '{}' here", lines.character_at(offset)),
                       "put text that starts with a special character in quotes");
        document.root.reset();
        return document;
      }
    }
    if (starts.size() > 1) {
      reporter.error(lines.at(static_cast<std::size_t>(starts[1])),
                     "a second YAML document starts here; a plan file holds exactly one",
                     "remove the '---' line, or move the second plan to a file of its own");
      document.root.reset();
    }
  } catch (const LimitExceeded& limit) {
    reporter.limit(limit.pos, limit.message, limit.hint);
    document.root.reset();
  } catch (const YAML::Exception& error) {
    report_syntax_error(error, lines, builder, reporter);
    document.root.reset();
  } catch (const std::exception& error) {
    reporter.error(lines.at(text.size()), fmt::format("the file could not be read as YAML: {}", error.what()));
    document.root.reset();
  }
  return document;
}

}  // namespace cchc::load
