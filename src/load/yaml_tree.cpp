#include "load/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "util/text.hpp"

namespace cchc::load {

namespace {

using util::SourcePos;

/// Byte offset of the first byte that does not belong to well-formed UTF-8; nullopt when all is well.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto byte_at = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned lead = byte_at(i);
    std::size_t length = 0;
    unsigned low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // no overlongs
      if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned byte = byte_at(i + k);
      const unsigned min = k == 1 ? low : 0x80, max = k == 1 ? high : 0xBF;
      if (byte < min || byte > max) return i;
    }
    i += length;
  }
  return std::nullopt;
}

/// Whether the quoted scalar starting at `offset` (on its opening quote) is closed before the end of `text`.
/// yaml-cpp 0.7 silently accepts `title: "abc` followed by a line end, swallowing the rest of the file
/// into the text; this catches it.
bool quote_is_closed(std::string_view text, std::size_t offset) {
  const char quote = text[offset];
  for (std::size_t i = offset + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escaped character, possibly a quote
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
      } else {
        return true;
      }
    }
  }
  return false;
}

/// Turns byte offsets of the (normalised) text into 1-based line and code point column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : m_text(text) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') m_starts.push_back(i + 1);
    }
  }

  SourcePos at(std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const std::size_t line = static_cast<std::size_t>(next - m_starts.begin()) - 1;
    const std::size_t start = m_starts[line];
    const std::size_t end = line + 1 < m_starts.size() ? m_starts[line + 1] : m_text.size();
    const std::string_view text = m_text.substr(start, end - start);
    return SourcePos{static_cast<int>(line) + 1, util::column_of_byte(text, offset - start)};
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
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
};

/// Collects the "yaml-syntax" diagnostics of one file.
class Reporter {
 public:
  Reporter(const std::string& file, util::Diagnostics& diagnostics) : m_file(file), m_diagnostics(diagnostics) {}

  void error(SourcePos pos, std::string message, std::string hint = {}) {
    m_diagnostics.push_back(
        util::Diagnostic{util::Severity::Error, m_file, pos, "yaml-syntax", std::move(message), std::move(hint)});
  }

 private:
  const std::string& m_file;
  util::Diagnostics& m_diagnostics;
};

/// "tag:yaml.org,2002:str" is written "!!str" in the file; show it that way.
std::string tag_as_written(const std::string& tag) {
  static const std::string kCorePrefix = "tag:yaml.org,2002:";
  if (tag.rfind(kCorePrefix, 0) == 0) return "!!" + tag.substr(kCorePrefix.size());
  return tag;
}

/// Builds a YamlNode tree from yaml-cpp's parse events.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const LineIndex& lines, Reporter& reporter) : m_lines(lines), m_reporter(reporter) {}

  /// The finished root of the current document, when one was built.
  std::optional<YamlNode> root;
  /// Set when a quote was never closed: yaml-cpp then read the rest of the file as text, so the tree is useless.
  bool swallowed_rest = false;
  /// Byte offset where each document handled so far started.
  std::vector<int> document_starts;

  /// Start offsets of the flow collections ('[' or '{') still open, innermost last.
  const std::vector<std::pair<int, char>>& open_flows() const { return m_open_flows; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    document_starts.push_back(mark.pos);
    m_open.clear();
    m_open_flows.clear();
  }

  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode node;
    node.pos = m_lines.at(mark);
    note_anchor(anchor);
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto name = m_anchor_names.find(anchor);
    const std::string shown = name == m_anchor_names.end() ? "*" : "*" + name->second;
    YamlNode node;
    node.pos = m_lines.at(mark);
    node.unsupported = true;
    m_reporter.error(node.pos, fmt::format("aliases ('{}') are not supported in plan files", shown),
                     "write the value out in full at each place it is needed");
    add(std::move(node));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode node;
    node.kind = YamlNode::Kind::Scalar;
    node.pos = m_lines.at(mark);
    node.text = value;
    // yaml-cpp gives plain scalars the non-specific tag "?" and quoted or block scalars "!".
    node.plain = tag == "?";
    if (!node.plain && mark.pos >= 0) check_quote_closed(static_cast<std::size_t>(mark.pos), node.pos);
    check_tag(tag, node.pos);
    note_anchor(anchor);
    add(std::move(node));
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
    m_reporter.error(m_lines.at(mark), fmt::format("anchors ('&{}') are not supported in plan files", anchor_name),
                     "write the value out in full at each place it is needed");
  }

 private:
  /// A collection being filled.
  struct Open {
    YamlNode node;
    bool awaiting_value = false;  ///< Map: the last entry has its key but not yet its value
    char flow = 0;                ///< '[' or '{' when written in flow style
  };

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, char flow) {
    Open collection;
    collection.node.kind = kind;
    collection.node.pos = m_lines.at(mark);
    collection.flow = flow;
    collection.node.flow = flow != 0;
    check_tag(tag, collection.node.pos);
    note_anchor(anchor);
    if (flow) m_open_flows.emplace_back(mark.pos, flow);
    m_open.push_back(std::move(collection));
  }

  void close() {
    if (m_open.empty()) return;
    Open finished = std::move(m_open.back());
    m_open.pop_back();
    if (finished.flow && !m_open_flows.empty()) m_open_flows.pop_back();
    add(std::move(finished.node));
  }

  /// Attaches a finished node to the collection being filled, or makes it the document's root.
  void add(YamlNode node) {
    if (m_open.empty()) {
      root = std::move(node);
      return;
    }
    Open& parent = m_open.back();
    if (parent.node.is_sequence()) {
      parent.node.items.push_back(std::move(node));
    } else if (parent.awaiting_value) {
      parent.node.entries.back().value = std::move(node);
      parent.awaiting_value = false;
    } else {
      if (node.is_scalar() && node.plain && node.text == "<<") {
        node.unsupported = true;
        m_reporter.error(node.pos, "merge keys ('<<') are not supported in plan files",
                         "write the keys out in full in this map");
      }
      YamlEntry entry;
      entry.key = std::move(node);
      entry.value.pos = entry.key.pos;
      parent.node.entries.push_back(std::move(entry));
      parent.awaiting_value = true;
    }
  }

  void check_quote_closed(std::size_t offset, SourcePos pos) {
    const std::string_view text = m_lines.text();
    if (offset >= text.size() || (text[offset] != '"' && text[offset] != '\'')) return;
    if (quote_is_closed(text, offset)) return;
    swallowed_rest = true;
    m_reporter.error(pos, fmt::format("the quote {} opened here is never closed", text[offset]),
                     fmt::format("add the closing {} at the end of the text", text[offset]));
  }

  void check_tag(const std::string& tag, SourcePos pos) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    m_reporter.error(pos, fmt::format("tags ('{}') are not supported in plan files", tag_as_written(tag)),
                     "remove the tag; put the value in quotes if it must be read as text");
  }

  /// Remembers the name of an anchor (already reported) so that aliases to it can be named.
  void note_anchor(YAML::anchor_t anchor) {
    if (anchor != 0) m_anchor_names[anchor] = m_pending_anchor;
    m_pending_anchor.clear();
  }

  const LineIndex& m_lines;
  Reporter& m_reporter;
  std::vector<Open> m_open;
  std::vector<std::pair<int, char>> m_open_flows;
  std::map<YAML::anchor_t, std::string> m_anchor_names;
  std::string m_pending_anchor;
};

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

}  // namespace

YamlDocument read_yaml(std::string_view original, const std::string& file) {
  YamlDocument document;
  Reporter reporter(file, document.diagnostics);

  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (original.substr(0, kBom.size()) == kBom) original.remove_prefix(kBom.size());

  // CRLF (and lone CR) become LF so that lines and columns are counted alike everywhere.
  std::string text;
  text.reserve(original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    if (original[i] == '\r') {
      text += '\n';
      if (i + 1 < original.size() && original[i + 1] == '\n') ++i;
    } else {
      text += original[i];
    }
  }
  const LineIndex lines(text);

  if (const auto bad = first_invalid_utf8(text)) {
    const bool utf16 = text.size() >= 2 && (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF");
    reporter.error(
        lines.at(*bad),
        utf16 ? std::string("the file is saved as UTF-16, not UTF-8")
              : fmt::format("the file is not valid UTF-8 text (byte 0x{:02X})", static_cast<unsigned char>(text[*bad])),
        "save the file with the encoding UTF-8");
    return document;
  }

  std::istringstream input(text);
  TreeBuilder builder(lines, reporter);
  try {
    YAML::Parser parser(input);
    // yaml-cpp 0.7 can report empty documents forever without consuming input (a file holding just ","),
    // so the number of calls is bounded, and a document starting where the previous one did is an error.
    constexpr int kMaxDocuments = 3;
    for (int handled = 0; handled < kMaxDocuments && parser.HandleNextDocument(builder); ++handled) {
      if (handled == 0) document.root = std::move(builder.root);
      builder.root.reset();
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
