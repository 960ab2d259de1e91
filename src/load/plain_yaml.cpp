#include "load/plain_yaml.hpp"

#include <array>
#include <climits>
#include <cstring>
#include <utility>
#include <vector>

namespace cchc::load {

namespace {

constexpr std::size_t npos = std::string_view::npos;

/// YAML limits a key written without `?` to 1024 characters; past this many bytes the reader leaves a key to yaml-cpp.
constexpr std::size_t kMaxKeyBytes = 1000;

/// Flow collections nested deeper than this are left to yaml-cpp (read_yaml bounds the depth before either reader).
constexpr int kMaxFlowDepth = 8;

/// A table of the bytes in `members`, and NUL (as std::strchr finds the terminator): a lookup where strchr was a
/// call for each value read.
constexpr std::array<bool, 256> byte_set(std::string_view members) {
  std::array<bool, 256> set{};
  set[0] = true;
  for (const char c : members) set[static_cast<unsigned char>(c)] = true;
  return set;
}

/// Characters that cannot start a plain scalar, or start one only when followed by a non-space (- ? :), which
/// this reader leaves to yaml-cpp.
bool starts_other_than_plain(char c) {
  static constexpr auto kSet = byte_set("-?:,[]{}#&*!|>'\"%@` ");
  return kSet[static_cast<unsigned char>(c)];
}

/// Characters that end a plain scalar in a flow list, or that this reader leaves to yaml-cpp there.
bool special_in_flow(char c) {
  static constexpr auto kSet = byte_set(",[]{}#?:'\"");
  return kSet[static_cast<unsigned char>(c)];
}

/// Reads one text; every step returns false to give up.
class Scanner {
 public:
  Scanner(std::string_view text, EventVisitor& visitor, void (*release_passed)(std::string_view))
      : m_text(text), m_visitor(visitor), m_release_passed(release_passed) {}

  /// Whether a literal block (`|`) was met: see scan_plain_yaml.
  bool literal_blocks() const { return m_literal_blocks; }

  bool run() {
    // Marks are ints in yaml-cpp; a tab is whitespace in some places and content in others.
    if (m_text.size() > INT_MAX / 2 || m_text.find('\t') != npos) return false;
    while (m_next < m_text.size()) {
      m_line_start = m_next;
      if (m_release_passed && m_line_start - m_released >= kReleaseStep) {
        m_release_passed(m_text.substr(m_released, m_line_start - m_released));
        m_released = m_line_start;
      }
      const void* newline = std::memchr(m_text.data() + m_next, '\n', m_text.size() - m_next);
      m_line_end =
          newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - m_text.data()) : m_text.size();
      m_next = newline ? m_line_end + 1 : m_text.size();
      if (!line()) return false;
      if (newline) ++m_line;
    }
    return finish();
  }

 private:
  enum class Pending { None, AfterKey, AfterDash };
  struct Open {
    bool is_map;
    std::size_t indent;
  };

  /// How far the reader goes between two calls of m_release_passed: each call is a system call, and a stretch
  /// only a few pages long would give back little.
  static constexpr std::size_t kReleaseStep = 256u << 10;

  std::string_view m_text;
  EventVisitor& m_visitor;
  void (*m_release_passed)(std::string_view);
  std::size_t m_released = 0;  ///< the text before this was handed to m_release_passed
  std::size_t m_next = 0;      ///< where the next line starts
  std::size_t m_line_start = 0;
  std::size_t m_line_end = 0;
  int m_line = 0;  ///< of the current line, 0-based
  std::vector<Open> m_open;
  std::size_t m_root_indent = 0;
  /// A key or a dash ended its line: its value is what the next line holds (a block nested deeper), or null.
  Pending m_pending = Pending::None;
  std::size_t m_pending_indent = 0;  ///< the indentation of the map or list that key or dash belongs to
  std::string m_value;
  bool m_literal_blocks = false;
  const std::string m_plain_tag = "?";
  const std::string m_quoted_tag = "!";

  std::size_t column(std::size_t at) const { return at - m_line_start; }
  EventMark mark(std::size_t at) const {
    return EventMark{static_cast<int>(at), m_line, static_cast<int>(at - m_line_start)};
  }
  char at(std::size_t offset) const { return offset < m_line_end ? m_text[offset] : '\n'; }
  std::size_t skip_spaces(std::size_t from) const {
    while (from < m_line_end && m_text[from] == ' ') ++from;
    return from;
  }
  /// A dash that starts a list item: followed by a space or the end of the line.
  bool is_dash(std::size_t offset) const {
    return m_text[offset] == '-' && (offset + 1 == m_line_end || m_text[offset + 1] == ' ');
  }
  /// Nothing but spaces and perhaps a comment from `from` to the end of the line.
  bool rest_is_blank(std::size_t from) const {
    const std::size_t next = skip_spaces(from);
    return next == m_line_end || (m_text[next] == '#' && next > from);
  }

  void plain(EventMark where, std::string_view value) {
    // yaml-cpp reports these plain scalars as null (SingleDocParser::HandleNode, IsNullString).
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
      m_visitor.null(where, 0);
      return;
    }
    m_value.assign(value);
    m_visitor.scalar(where, m_plain_tag, 0, m_value);
  }
  void quoted(EventMark where) { m_visitor.scalar(where, m_quoted_tag, 0, m_value); }

  void close_deeper_than(std::size_t indent) {
    while (!m_open.empty() && m_open.back().indent > indent) {
      if (m_open.back().is_map) {
        m_visitor.map_end();
      } else {
        m_visitor.sequence_end();
      }
      m_open.pop_back();
    }
  }

  bool line() {
    const std::size_t content = skip_spaces(m_line_start);
    if (content == m_line_end || m_text[content] == '#') return true;  // blank or a comment
    const std::size_t indent = column(content);
    if (indent == 0) {
      const std::string_view start = m_text.substr(content, 3);
      const char after = at(content + 3);
      if ((start == "---" || start == "...") && (after == ' ' || after == '\n')) return false;
    }
    if (m_pending != Pending::None) {
      const Pending pending = std::exchange(m_pending, Pending::None);
      if (indent > m_pending_indent) {
        if (pending == Pending::AfterDash) return false;  // a block under a bare dash
        return open_block(content);
      }
      // A list may also start at its key's own indentation.
      if (pending == Pending::AfterKey && indent == m_pending_indent && is_dash(content)) return open_block(content);
      // The next token (a key, a dash, or the end of blocks here) is where yaml-cpp marks the missing value.
      m_visitor.null(mark(content), 0);
    }
    if (m_open.empty()) {
      // The root may be indented: the second of two parts of a file read at once starts inside its task list
      // (read_yaml). Nothing is read left of it, so it stays open to the end.
      m_root_indent = indent;
      m_visitor.document_start(mark(content));
      return open_block(content);
    }
    if (indent < m_root_indent) return false;  // left to yaml-cpp, which knows what a line left of the root is
    close_deeper_than(indent);
    if (!m_open.back().is_map && m_open.back().indent == indent && !is_dash(content) && m_open.size() > 1) {
      // A list at its key's indentation ends at the next key of that key's map.
      m_visitor.sequence_end();
      m_open.pop_back();
    }
    if (m_open.back().indent != indent) return false;  // deeper than its block, or between two levels
    return m_open.back().is_map ? key_entry(content) : dash_item(content);
  }

  bool open_block(std::size_t content) {
    if (is_dash(content)) {
      m_visitor.sequence_start(mark(content), m_plain_tag, 0, EventStyle::Block);
      m_open.push_back(Open{false, column(content)});
      return dash_item(content);
    }
    m_visitor.map_start(mark(content), m_plain_tag, 0, EventStyle::Block);
    m_open.push_back(Open{true, column(content)});
    return key_entry(content);
  }

  /// The colon that ends a plain key starting at `start`; npos when the line does not start with one.
  std::size_t key_colon(std::size_t start) const {
    if (starts_other_than_plain(m_text[start])) return npos;
    for (std::size_t i = start + 1; i < m_line_end && i - start <= kMaxKeyBytes; ++i) {
      const char c = m_text[i];
      if (c == ':' && at(i + 1) == ' ') return i;
      if (c == ':' && i + 1 == m_line_end) return i;
      if (c == '#' && m_text[i - 1] == ' ') return npos;
    }
    return npos;
  }

  bool key_entry(std::size_t start) {
    if (m_text[start] == '"' || m_text[start] == '\'') {
      // A quoted key, its colon right after the closing quote.
      const std::size_t close = quoted_scalar(start);
      if (close == npos || at(close + 1) != ':' || (at(close + 2) != ' ' && at(close + 2) != '\n')) return false;
      return value_after(close + 2, column(start), Pending::AfterKey);
    }
    const std::size_t colon = key_colon(start);
    if (colon == npos) return false;
    std::size_t key_end = colon;
    while (m_text[key_end - 1] == ' ') --key_end;
    plain(mark(start), m_text.substr(start, key_end - start));
    return value_after(colon + 1, column(start), Pending::AfterKey);
  }

  bool dash_item(std::size_t dash) {
    if (!is_dash(dash)) return false;
    const std::size_t start = skip_spaces(dash + 1);
    if (start == m_line_end || m_text[start] == '#') return value_after(dash + 1, column(dash), Pending::AfterDash);
    if (is_dash(start)) return false;  // a list in a list on one line
    if (key_colon(start) != npos) {
      m_visitor.map_start(mark(start), m_plain_tag, 0, EventStyle::Block);
      m_open.push_back(Open{true, column(start)});
      return key_entry(start);
    }
    return value_after(dash + 1, column(dash), Pending::AfterDash);
  }

  /// The value after a key's colon or a dash, from `from` on; `owner` is the indentation of the block it is in.
  bool value_after(std::size_t from, std::size_t owner, Pending if_empty) {
    const std::size_t start = skip_spaces(from);
    if (start == m_line_end || (m_text[start] == '#' && start > from)) {
      m_pending = if_empty;
      m_pending_indent = owner;
      return true;
    }
    switch (m_text[start]) {
      case '"':
      case '\'': {
        const std::size_t close = quoted_scalar(start);
        return close != npos && rest_is_blank(close + 1);
      }
      case '[':
      case '{': {
        const std::size_t after = flow_collection(start, 1);
        return after != npos && rest_is_blank(after);
      }
      case '|': return literal_block(start, owner);
      default: break;
    }
    if (starts_other_than_plain(m_text[start])) return false;
    std::size_t end = start;
    for (; end < m_line_end; ++end) {
      const char c = m_text[end];
      if (c == ':' && (end + 1 == m_line_end || m_text[end + 1] == ' ')) return false;  // a key where a value goes
      if (c == '#' && m_text[end - 1] == ' ') break;
    }
    while (m_text[end - 1] == ' ') --end;
    plain(mark(start), m_text.substr(start, end - start));
    return true;
  }

  /// Reports the quoted scalar opening at `open` and returns the offset of its closing quote; npos to give up
  /// (no closing quote on the line, or an escape other than \" \\ \/ \n \t in double quotes).
  std::size_t quoted_scalar(std::size_t open) {
    const char quote = m_text[open];
    const char* line = m_text.data();
    m_value.clear();
    std::size_t from = open + 1;
    while (true) {
      const void* found = std::memchr(line + from, quote, m_line_end - from);
      if (!found) return npos;
      const auto close = static_cast<std::size_t>(static_cast<const char*>(found) - line);
      if (quote == '"') {
        const void* backslash = std::memchr(line + from, '\\', close - from);
        if (!backslash) {
          m_value.append(line + from, close - from);
          from = close;
          break;
        }
        // The escapes of plan texts; any other is left to yaml-cpp.
        const auto escape = static_cast<std::size_t>(static_cast<const char*>(backslash) - line);
        m_value.append(line + from, escape - from);
        switch (at(escape + 1)) {
          case '"': m_value.push_back('"'); break;
          case '\\': m_value.push_back('\\'); break;
          case '/': m_value.push_back('/'); break;
          case 'n': m_value.push_back('\n'); break;
          case 't': m_value.push_back('\t'); break;
          default: return npos;
        }
        from = escape + 2;
        continue;
      }
      m_value.append(line + from, close - from);
      if (at(close + 1) != '\'') {
        from = close;
        break;
      }
      m_value.push_back('\'');  // '' stands for one quote
      from = close + 2;
    }
    quoted(mark(open));
    return from;
  }

  /// Reports the plain scalar of a flow collection that starts at `start` (spaces skipped) and returns where it
  /// ends: at a comma or at `closer` (`]` or `}`), or at the colon after a key when `key`; npos to give up.
  std::size_t flow_plain(std::size_t start, char closer, bool key) {
    if (starts_other_than_plain(m_text[start]) || special_in_flow(m_text[start])) return npos;
    std::size_t end = start;
    while (end < m_line_end && m_text[end] != ',' && m_text[end] != closer) {
      if (key && m_text[end] == ':') break;
      if (special_in_flow(m_text[end]) || m_text[end] == '{' || m_text[end] == '}') return npos;
      ++end;
    }
    if (end == m_line_end) return npos;
    std::size_t trimmed = end;
    while (m_text[trimmed - 1] == ' ') --trimmed;
    plain(mark(start), m_text.substr(start, trimmed - start));
    return end;
  }

  /// Reports the entry of a flow collection that starts at `start` (a scalar, or as a value a collection nested
  /// `depth` deep) and returns where it ends; npos to give up.
  std::size_t flow_entry(std::size_t start, char closer, bool key, int depth) {
    const char first = m_text[start];
    if (first == '[' || first == '{') return key || depth >= kMaxFlowDepth ? npos : flow_collection(start, depth + 1);
    if (first != '"' && first != '\'') return flow_plain(start, closer, key);
    const std::size_t close = quoted_scalar(start);
    return close == npos ? npos : close + 1;
  }

  /// After an entry of a flow collection ending at `closer`: the offset of the next entry, or of the closer; npos
  /// to give up.
  std::size_t after_flow_entry(std::size_t end, char closer) const {
    const std::size_t next = skip_spaces(end);
    if (next == m_line_end) return npos;
    if (m_text[next] == ',') return skip_spaces(next + 1);
    return m_text[next] == closer ? next : npos;
  }

  /// A flow list (`[`) or map (`{`) that opens at `open`, `depth` deep, and closes on the same line, of scalars
  /// and collections; in a map, each key is a scalar followed by a colon and a space. Returns where it ends (past
  /// its closer); npos to give up.
  std::size_t flow_collection(std::size_t open, int depth) {
    const bool map = m_text[open] == '{';
    const char closer = map ? '}' : ']';
    if (map) {
      m_visitor.map_start(mark(open), m_plain_tag, 0, EventStyle::Flow);
    } else {
      m_visitor.sequence_start(mark(open), m_plain_tag, 0, EventStyle::Flow);
    }
    std::size_t next = skip_spaces(open + 1);
    while (next < m_line_end && m_text[next] != closer) {
      if (map) {
        const std::size_t colon = flow_entry(next, closer, true, depth);
        if (colon == npos || at(colon) != ':' || at(colon + 1) != ' ') return npos;
        next = skip_spaces(colon + 1);
        if (next == m_line_end || m_text[next] == ',' || m_text[next] == closer) return npos;  // no value
      }
      const std::size_t end = flow_entry(next, closer, false, depth);
      if (end == npos) return npos;
      next = after_flow_entry(end, closer);
      if (next == npos) return npos;
    }
    if (next == m_line_end) return npos;
    if (map) {
      m_visitor.map_end();
    } else {
      m_visitor.sequence_end();
    }
    return next + 1;
  }

  /// A literal block (`|` or `|-`) whose indicator is at `indicator`, in a block indented by `owner`. Its lines
  /// are read here; the main loop goes on after its last line that is not empty.
  bool literal_block(std::size_t indicator, std::size_t owner) {
    m_literal_blocks = true;
    std::size_t after = indicator + 1;
    const bool strip = at(after) == '-';
    if (strip) ++after;
    if (!rest_is_blank(after)) return false;  // an indentation indicator, `|+`, or text after the indicator
    const EventMark where = mark(indicator);

    std::size_t indent = 0;  // of the block's content, from its first line that is not empty
    std::size_t offset = m_next;
    int line = m_line;
    std::size_t empty_lines = 0;
    std::size_t taken_end = 0;  // where the last line of content taken ends
    int taken_line = m_line;
    m_value.clear();
    while (offset < m_text.size()) {
      const void* newline = std::memchr(m_text.data() + offset, '\n', m_text.size() - offset);
      if (!newline) return false;  // a block that ends the text without a line end
      const auto end = static_cast<std::size_t>(static_cast<const char*>(newline) - m_text.data());
      ++line;
      if (end == offset) {
        ++empty_lines;
        offset = end + 1;
        continue;
      }
      std::size_t spaces = offset;
      while (spaces < end && m_text[spaces] == ' ') ++spaces;
      if (spaces == end) return false;  // a line of spaces only: its meaning depends on the indentation
      const std::size_t line_indent = spaces - offset;
      if (indent == 0) {
        if (line_indent <= owner) return false;  // an empty block
        indent = line_indent;
      }
      if (line_indent < indent) break;
      m_value.append(taken_end != 0 ? empty_lines + 1 : empty_lines, '\n');
      m_value.append(m_text.substr(offset + indent, end - offset - indent));
      empty_lines = 0;
      taken_end = end;
      taken_line = line;
      offset = end + 1;
    }
    if (taken_end == 0) return false;
    if (!strip) m_value.push_back('\n');
    quoted(where);
    // The main loop goes on with the line after the last one taken (the empty ones after it are skipped there).
    m_next = taken_end + 1;
    m_line = taken_line;
    m_line_end = taken_end;
    return true;
  }

  bool finish() {
    if (m_open.empty()) return false;  // no document: left to yaml-cpp
    if (m_pending != Pending::None) {
      // The missing value is marked at the end of the text, after its last line end (m_line has counted them
      // all); where the text ends without one, yaml-cpp's mark is its own.
      if (m_text.back() != '\n') return false;
      m_visitor.null(EventMark{static_cast<int>(m_text.size()), m_line, 0}, 0);
    }
    for (; !m_open.empty(); m_open.pop_back()) {
      if (m_open.back().is_map) {
        m_visitor.map_end();
      } else {
        m_visitor.sequence_end();
      }
    }
    m_visitor.document_end();
    m_visitor.document_handled(true);
    m_visitor.document_handled(false);
    return true;
  }
};

}  // namespace

bool scan_plain_yaml(std::string_view text, EventVisitor& visitor, bool* literal_blocks,
                     void (*release_passed)(std::string_view)) {
  Scanner scanner(text, visitor, release_passed);
  const bool read = scanner.run();
  if (literal_blocks) *literal_blocks = scanner.literal_blocks();
  return read;
}

bool plain_yaml_accepts(std::string_view text) {
  class Ignored : public EventVisitor {
   public:
    void document_start(EventMark /*mark*/) override {}
    void document_end() override {}
    void null(EventMark /*mark*/, std::size_t /*anchor*/) override {}
    void alias(EventMark /*mark*/, std::size_t /*anchor*/) override {}
    void scalar(EventMark /*mark*/, const std::string& /*tag*/, std::size_t /*anchor*/,
                const std::string& /*value*/) override {}
    void sequence_start(EventMark /*mark*/, const std::string& /*tag*/, std::size_t /*anchor*/,
                        EventStyle /*style*/) override {}
    void sequence_end() override {}
    void map_start(EventMark /*mark*/, const std::string& /*tag*/, std::size_t /*anchor*/,
                   EventStyle /*style*/) override {}
    void map_end() override {}
    void anchor(EventMark /*mark*/, const std::string& /*name*/) override {}
    void document_handled(bool /*more*/) override {}
  } ignored;
  return scan_plain_yaml(text, ignored);
}

std::optional<std::string> record_plain_yaml(std::string_view text) {
  EventWriter writer(text);
  if (!scan_plain_yaml(text, writer)) return std::nullopt;
  return std::move(writer).finish();
}

}  // namespace cchc::load
