#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/limits.hpp"
#include "util/diagnostic.hpp"

namespace cchc::load {

struct YamlEntry;

/// One node of a YAML document as written: scalars keep their exact text (an unquoted 3.10 stays "3.10"),
/// maps keep every key in file order, duplicates included, so that nothing is reinterpreted or lost.
struct YamlNode {
  enum class Kind { Null, Scalar, Sequence, Map };

  Kind kind = Kind::Null;
  std::string text;          ///< Scalar: the value as written (not yet NFC)
  bool plain = false;        ///< Scalar: written without quotes or a block indicator (| or >)
  bool unsupported = false;  ///< an alias or merge key, already reported: readers skip it silently
  bool flow = false;         ///< Sequence or Map: written in flow style, [a, b] or {k: v}
  /// Sequence: its items were handed to an ItemStream one by one as they were read, and are not kept here.
  bool streamed = false;
  util::SourcePos pos;             ///< 1-based; columns count code points
  std::vector<YamlNode> items;     ///< Sequence
  std::vector<YamlEntry> entries;  ///< Map, in file order

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_map() const { return kind == Kind::Map; }
};

/// One `key: value` pair of a map.
struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

/// Receives the top level of the document while it is parsed, so that a large plan never has to exist as a
/// whole tree: the entries of the root map as each one ends, and, for a list chosen by the receiver, each of its
/// items as soon as it is complete instead of keeping it in the tree. Only the first document is streamed.
class ItemStream {
 public:
  virtual ~ItemStream() = default;
  /// An entry of the root map is complete (its key and its whole value).
  virtual void root_entry(const YamlEntry& entry) = 0;
  /// The value of the root map's entry with `key` starts as a list: whether its items are streamed.
  virtual bool stream_items_of(const YamlNode& key) = 0;
  /// One complete item of a streamed list, in file order.
  virtual void item(YamlNode&& item) = 0;
  /// Forget everything received so far: the text is about to be read again from its start.
  virtual void restart() = 0;
  /// A stream for the items of a later part of the streamed list, read on another thread while this one goes on;
  /// it shares what this one read of the root. Only called after stream_items_of returned true.
  virtual std::unique_ptr<ItemStream> fork() = 0;
  /// Takes over what `forked` (made by fork()) read, after what this one read. False when the two cannot stand
  /// for one reading of the list (then the text is read again in one piece).
  virtual bool join(ItemStream& forked) = 0;
  /// About `count` items are coming, as the lines of the text show them: room may be made for them at once. Only
  /// a hint; nothing may depend on it being right.
  virtual void expect_items(std::size_t /*count*/) {}
};

/// Where read_yaml may cut a text to parse a large top-level task list with two parsers: `middle` is the start of
/// a line that starts an item of the root map's block `tasks:` list, near the middle of the list; `end` the
/// start of the first line after the list (the text's size when the list ends the text).
struct TaskListSplit {
  std::size_t middle = 0;
  std::size_t end = 0;
  std::size_t items_before_middle = 0;  ///< lines that start an item of the list before `middle`
  std::size_t items_from_middle = 0;    ///< and from `middle` on
};

/// The cut of `text` (BOM and CRs already removed) that YAML's block structure alone decides: every line of the
/// list is blank, a comment, an item at the list's indentation or indented deeper, and the line after the list
/// is a key of the root map. nullopt when anything leaves room for doubt: no such list, fewer than two items, a
/// directive, a document marker past the first line, a tab in an indentation, a flow list.
std::optional<TaskListSplit> find_task_list_split(std::string_view text);

/// What reading a YAML text gave: the single document (absent when the text is empty or could not be
/// read) and the problems found, all with check "yaml-syntax".
struct YamlDocument {
  std::optional<YamlNode> root;
  util::Diagnostics diagnostics;
  std::size_t dropped = 0;  ///< problems found past Limits::max_diagnostics, counted only
};

/// Reads `original` (the whole text of a plan file) into a tree. A leading UTF-8 byte order mark is skipped and CRLF
/// line ends are accepted. Invalid UTF-8, NUL, bare CR and other control characters, non-ASCII spaces in the
/// indentation, syntax errors, more than one document, anchors, aliases, tags and merge keys are reported
/// (plan files do not use them) with their position. A text beyond `limits` is refused with check "limit"
/// before yaml-cpp sees it when its brackets nest too deeply, else as soon as the limit is crossed, so time
/// and memory stay bounded. `file` only labels diagnostics. With a `stream`, the root map's entries and the
/// items of the lists it chooses go to it while the text is read (a streamed list stays in the tree empty, with
/// `streamed` set); what it received is only meaningful when the returned document has a root. Never throws.
///
/// With `options.two_parsers_from_bytes`, a large file whose root map ends with a block `tasks:` list is cut at
/// a line that starts an item near the middle of the list and at the line after the list, where YAML's block
/// structure alone decides what follows; a second thread parses the second half of the list while this one
/// parses the rest. When any part holds anything unusual (a problem of any kind, another document, a limit
/// crossed), the whole text is read again in one piece, after `stream->restart()`, so that what is reported
/// is exactly what a single parse reports.
///
/// With `options.plain_yaml`, a text that keeps to the plain block YAML of plan files is read by scan_plain_yaml
/// (load/plain_yaml.hpp), which reports the events yaml-cpp would report, instead of by yaml-cpp; with a cache its
/// recording is replayed and stored as yaml-cpp's would be. A text cut in two as above has each part read so: by
/// the plain reader when it accepts the part, else by yaml-cpp.
///
/// With `options.event_cache`, the events yaml-cpp reports are recorded and stored there when the parse reaches
/// the end of the text (no syntax error, no limit crossed), and a recording the cache holds for exactly this text
/// is replayed in place of the parse (see EventCache). Then the text is never cut in two: on a miss it is read
/// in one piece, as recording needs, and every later run replays it, which beats two parsers.
YamlDocument read_yaml(std::string_view original, const std::string& file, const Limits& limits = {},
                       ItemStream* stream = nullptr, const ParseOptions& options = {});

}  // namespace cchc::load
