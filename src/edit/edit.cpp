#include "edit/edit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "check/check.hpp"
#include "load/load.hpp"
#include "load/text_scan.hpp"
#include "load/yaml_tree.hpp"
#include "model/plan.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

namespace cchc::edit {

namespace {

using load::YamlEntry;
using load::YamlNode;
using util::SourcePos;

constexpr std::size_t kNone = std::string_view::npos;

/// The keys commands write, in the order they are inserted.
const std::vector<std::string> kGroup = {"status", "done", "progress", "evidence", "reason"};

bool is_space(char c) { return c == ' ' || c == '\t'; }

/// The original bytes of a plan file, addressed by the loader's 1-based lines and code point columns.
/// Lines end at LF, CRLF or a lone CR, as the loader counts them; a leading byte order mark is skipped.
class Source {
 public:
  explicit Source(std::string_view text) : m_text(text) {
    std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    m_starts.push_back(start);
    for (std::size_t i = start; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
        m_starts.push_back(i + 1);
      }
    }
  }

  std::string_view text() const { return m_text; }
  int line_count() const {
    // A final line end does not open a line of its own.
    const bool trailing_empty = m_starts.size() > 1 && m_starts.back() == m_text.size();
    return static_cast<int>(m_starts.size()) - (trailing_empty ? 1 : 0);
  }
  std::size_t line_start(int line) const { return m_starts[static_cast<std::size_t>(line) - 1]; }
  /// Start of the next line, or the end of the text.
  std::size_t line_next(int line) const {
    return static_cast<std::size_t>(line) < m_starts.size() ? m_starts[static_cast<std::size_t>(line)] : m_text.size();
  }
  /// End of the line's content, before its line end.
  std::size_t line_end(int line) const { return line_start(line) + content(line).size(); }
  std::string_view eol(int line) const {
    const std::size_t next = line_next(line);
    std::size_t end = next;
    while (end > line_start(line) && (m_text[end - 1] == '\n' || m_text[end - 1] == '\r')) --end;
    return m_text.substr(end, next - end);
  }
  std::string_view content(int line) const {
    const std::size_t start = line_start(line);
    std::size_t end = line_next(line);
    while (end > start && (m_text[end - 1] == '\n' || m_text[end - 1] == '\r')) --end;
    return m_text.substr(start, end - start);
  }
  /// The byte offset of a loader position.
  std::size_t offset(SourcePos pos) const {
    std::size_t at = line_start(pos.line);
    const std::size_t end = line_end(pos.line);
    for (int column = 1; column < pos.column && at < end; ++column) {
      ++at;
      while (at < end && (static_cast<unsigned char>(m_text[at]) & 0xC0) == 0x80) ++at;
    }
    return at;
  }
  bool blank_or_comment(int line) const {
    const std::string_view text = content(line);
    const std::size_t first = text.find_first_not_of(" \t");
    return first == kNone || text[first] == '#';
  }
  std::size_t indentation(int line) const {
    const std::string_view text = content(line);
    const std::size_t first = text.find_first_not_of(' ');
    return first == kNone ? text.size() : first;
  }
  /// The line end used by new lines: the first line's, LF for a one-line file without one.
  std::string default_eol() const {
    const std::string_view first = eol(1);
    return first.empty() ? "\n" : std::string(first);
  }

 private:
  std::string_view m_text;
  std::vector<std::size_t> m_starts;
};

/// Offset just past a quoted scalar starting at `begin`; kNone when it is not closed. The rule is the one the
/// loader checks quotes with.
std::size_t quoted_end(std::string_view text, std::size_t begin) {
  const std::size_t close = load::closing_quote(text, begin);
  return close == kNone ? kNone : close + 1;
}

/// For a '{' or '[' at `open`: the offset of its matching closer and the end of the last content before it
/// (comments and spaces skipped). nullopt when unmatched.
std::optional<std::pair<std::size_t, std::size_t>> match_flow(std::string_view text, std::size_t open) {
  int depth = 0;
  std::size_t last = open + 1;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      const std::size_t end = quoted_end(text, i);
      if (end == kNone) return std::nullopt;
      last = end;
      i = end - 1;
    } else if (c == '#' && i > 0 && (is_space(text[i - 1]) || text[i - 1] == '\n' || text[i - 1] == '\r')) {
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
    } else if (c == '{' || c == '[') {
      ++depth;
      last = i + 1;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return std::pair(i, last);
      last = i + 1;
    } else if (!is_space(c) && c != '\n' && c != '\r') {
      last = i + 1;
    }
  }
  return std::nullopt;
}

/// The byte range of a value written on one line: a quoted or plain scalar, or a flow collection.
/// nullopt when it is anything else (a block scalar, a value running over several lines).
std::optional<std::pair<std::size_t, std::size_t>> value_span(const Source& source, const YamlNode& value,
                                                              bool in_flow) {
  if (value.is_null() || !value.pos.known()) return std::nullopt;
  const std::string_view text = source.text();
  const std::size_t begin = source.offset(value.pos);
  const std::size_t line_end = source.line_end(value.pos.line);
  if (begin >= line_end) return std::nullopt;
  std::size_t end = kNone;
  if (value.is_scalar()) {
    const char c = text[begin];
    if (c == '"' || c == '\'') {
      end = quoted_end(text, begin);
    } else if (c == '|' || c == '>') {
      return std::nullopt;
    } else {
      end = begin;
      while (end < line_end) {
        const char d = text[end];
        if (d == '#' && end > begin && is_space(text[end - 1])) break;
        if (in_flow && (d == ',' || d == '}' || d == ']' || d == '[' || d == '{')) break;
        ++end;
      }
      while (end > begin && is_space(text[end - 1])) --end;
    }
  } else if (value.flow && (text[begin] == '[' || text[begin] == '{')) {
    if (auto match = match_flow(text, begin)) end = match->first + 1;
  }
  if (end == kNone || end > line_end) return std::nullopt;
  return std::pair(begin, end);
}

/// "text" in double quotes, with the escapes YAML reads back to the same characters.
std::string quote(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (c == '\t') {
      quoted += "\\t";
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (byte < 0x20 || byte == 0x7F) {
      quoted += fmt::format("\\x{:02X}", byte);
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

/// Every line on which a node starts (keys, values, items; empty values have no place of their own).
void collect_lines(const YamlNode& node, std::vector<int>& lines) {
  if (!node.is_null() && node.pos.known()) lines.push_back(node.pos.line);
  for (const auto& item : node.items) collect_lines(item, lines);
  for (const auto& entry : node.entries) {
    collect_lines(entry.key, lines);
    collect_lines(entry.value, lines);
  }
}

/// The last line on which a node of the subtree starts, and whether that node is a block scalar.
void last_line(const YamlNode& node, const Source& source, int& line, bool& block_scalar) {
  if (!node.is_null() && node.pos.known() && node.pos.line >= line) {
    line = node.pos.line;
    const std::size_t at = source.offset(node.pos);
    block_scalar = node.is_scalar() && !node.plain && at < source.text().size() &&
                   (source.text()[at] == '|' || source.text()[at] == '>');
  }
  for (const auto& item : node.items) last_line(item, source, line, block_scalar);
  for (const auto& entry : node.entries) {
    last_line(entry.key, source, line, block_scalar);
    last_line(entry.value, source, line, block_scalar);
  }
}

/// The key of an entry, NFC, when it is a plain word.
std::string key_of(const YamlEntry& entry) { return entry.key.is_scalar() ? util::to_nfc(entry.key.text) : ""; }

const YamlEntry* find_entry(const YamlNode& map, std::string_view key) {
  for (const auto& entry : map.entries) {
    if (key_of(entry) == key) return &entry;
  }
  return nullptr;
}

/// A task or section map found in the tree, with its full path.
struct Target {
  const YamlNode* map = nullptr;
  std::string path;
};

void find_tasks(const YamlNode& list, const std::string& parent, std::vector<Target>& out) {
  for (const auto& item : list.items) {
    if (!item.is_map()) continue;
    const YamlEntry* id = find_entry(item, "id");
    if (!id || !id->value.is_scalar()) continue;
    const std::string path = model::child_path(parent, util::to_nfc(id->value.text));
    out.push_back({&item, path});
    if (const YamlEntry* children = find_entry(item, "tasks"); children && children->value.is_sequence()) {
      find_tasks(children->value, path, out);
    }
  }
}

/// Every task (or every section) of the document.
std::vector<Target> all_targets(const YamlNode& root, bool sections) {
  std::vector<Target> targets;
  if (!root.is_map()) return targets;
  const YamlEntry* list = find_entry(root, sections ? "sections" : "tasks");
  if (!list || !list->value.is_sequence()) return targets;
  if (sections) {
    for (const auto& item : list->value.items) {
      const YamlEntry* id = item.is_map() ? find_entry(item, "id") : nullptr;
      if (id && id->value.is_scalar()) targets.push_back({&item, util::to_nfc(id->value.text)});
    }
  } else {
    find_tasks(list->value, "", targets);
  }
  return targets;
}

/// Every value of the document as "where=what", except the group keys of `skip`: the edit must leave these alone.
void flatten(const YamlNode& node, const std::string& where, const YamlNode* skip, std::vector<std::string>& out) {
  switch (node.kind) {
    case YamlNode::Kind::Null: out.push_back(where + "=~"); break;
    case YamlNode::Kind::Scalar:
      out.push_back(fmt::format("{}={}{}", where, node.plain ? "plain:" : "quoted:", node.text));
      break;
    case YamlNode::Kind::Sequence:
      for (std::size_t i = 0; i < node.items.size(); ++i)
        flatten(node.items[i], fmt::format("{}[{}]", where, i), skip, out);
      break;
    case YamlNode::Kind::Map:
      for (const auto& entry : node.entries) {
        const std::string key = entry.key.text;
        if (&node == skip && std::find(kGroup.begin(), kGroup.end(), key_of(entry)) != kGroup.end()) continue;
        flatten(entry.value, fmt::format("{}.{}", where, key), skip, out);
      }
      break;
  }
}

/// One replacement of a byte range of the original text.
struct Change {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
};

/// What the map should hold after the edit: a value (as written in YAML) or nothing.
struct Wanted {
  std::string key;
  std::optional<std::string> value;  ///< nullopt: remove the key
};

/// Plans the textual changes that give `map` the wanted values.
class MapEditor {
 public:
  MapEditor(const Source& source, const YamlNode& map, const std::vector<int>& starts)
      : m_source(source), m_map(map), m_starts(starts) {}

  /// Changes for `wanted`, or a message saying why this layout cannot be edited safely.
  std::variant<std::vector<Change>, std::string> plan(const std::vector<Wanted>& wanted) {
    std::vector<Change> changes;
    std::vector<const Wanted*> inserts;
    for (const Wanted& want : wanted) {
      const YamlEntry* entry = find_entry(m_map, want.key);
      if (entry && want.value) {
        auto change = m_map.flow ? replace_flow(*entry, *want.value) : replace_block(*entry, *want.value);
        if (!change) return fmt::format("the value of '{}' is written in a way cchc cannot change safely", want.key);
        changes.push_back(std::move(*change));
      } else if (entry) {
        auto change = m_map.flow ? remove_flow(*entry) : remove_block(*entry);
        if (!change) return fmt::format("the '{}' line is written in a way cchc cannot remove safely", want.key);
        changes.push_back(std::move(*change));
      } else if (want.value) {
        inserts.push_back(&want);
      }
    }
    if (!inserts.empty()) {
      if (m_map.flow) {
        auto change = insert_flow(inserts);
        if (!change) return std::string("the item's {…} map could not be extended safely");
        changes.push_back(std::move(*change));
      } else {
        // Each new key goes after the nearest key of the group that precedes it, else after the item's own
        // keys (before its subtasks).
        std::map<std::size_t, std::string> at;
        for (const Wanted* want : inserts) {
          const auto position = std::find(kGroup.begin(), kGroup.end(), want->key);
          const YamlEntry* anchor = nullptr;
          for (auto k = position; k != kGroup.begin();) {
            --k;
            if ((anchor = find_entry(m_map, *k)) != nullptr) break;
          }
          if (!anchor) anchor = default_anchor();
          if (!anchor) return std::string("the item has no keys to place the new ones after");
          const int end = entry_end(*anchor);
          const std::size_t offset = m_source.line_next(end);
          std::string line = fmt::format("{}{}: {}", indent(), want->key, *want->value);
          if (m_source.eol(end).empty()) {
            at[offset] += m_source.default_eol() + line;  // the file ended without a line end: it still does
          } else {
            at[offset] += line + std::string(m_source.eol(end));
          }
        }
        for (auto& [offset, text] : at) changes.push_back({offset, offset, std::move(text)});
      }
    }
    std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.begin < b.begin; });
    for (std::size_t i = 1; i < changes.size(); ++i) {
      if (changes[i].begin < changes[i - 1].end) return std::string("two changes would overlap");
    }
    return changes;
  }

 private:
  /// The entry new keys follow when none of the group is there: the last one before the subtasks (a
  /// section's `tasks:` only names tasks, so it does not count).
  const YamlEntry* default_anchor() const {
    const YamlEntry* anchor = nullptr;
    for (const auto& entry : m_map.entries) {
      const bool subtasks = key_of(entry) == "tasks" && entry.value.is_sequence() && !entry.value.items.empty() &&
                            entry.value.items.front().is_map();
      if (subtasks) return anchor;
      anchor = &entry;
    }
    return anchor;
  }

  std::string indent() const {
    const int column = m_map.entries.empty() ? m_map.pos.column : m_map.entries.front().key.pos.column;
    std::string spaces;
    spaces.assign(static_cast<std::size_t>(std::max(column - 1, 0)), ' ');
    return spaces;
  }

  /// The last line of an entry of a block map: up to the next node, less trailing blank and comment lines.
  int entry_end(const YamlEntry& entry) const {
    int last = entry.key.pos.line;
    bool block_scalar = false;
    last_line(entry.value, m_source, last, block_scalar);
    const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), last);
    int end = next == m_starts.end() ? m_source.line_count() : *next - 1;
    const auto key_indent = static_cast<std::size_t>(entry.key.pos.column - 1);
    while (end > last && m_source.blank_or_comment(end) &&
           (!block_scalar || m_source.indentation(end) <= key_indent ||
            m_source.content(end).find_first_not_of(" \t") == kNone)) {
      --end;
    }
    return end;
  }

  std::optional<Change> replace_block(const YamlEntry& entry, const std::string& value) const {
    const int end = entry_end(entry);
    if (end == entry.key.pos.line && entry.value.pos.line == end) {
      if (auto span = value_span(m_source, entry.value, false)) return Change{span->first, span->second, value};
    }
    // A value over several lines, or empty: the whole entry becomes one line.
    return Change{m_source.offset(entry.key.pos), m_source.line_end(end), fmt::format("{}: {}", key_of(entry), value)};
  }

  std::optional<Change> remove_block(const YamlEntry& entry) const {
    const int line = entry.key.pos.line;
    const std::string_view before =
        m_source.content(line).substr(0, m_source.offset(entry.key.pos) - m_source.line_start(line));
    if (before.find_first_not_of(' ') != kNone) return std::nullopt;  // "- done: …": the item starts here
    const int end = entry_end(entry);
    if (m_source.eol(end).empty() && line > 1) {
      // The last line of a file without a final line end: the line end before it goes instead.
      return Change{m_source.line_end(line - 1), m_source.line_next(end), ""};
    }
    return Change{m_source.line_start(line), m_source.line_next(end), ""};
  }

  std::optional<Change> replace_flow(const YamlEntry& entry, const std::string& value) const {
    const auto span = value_span(m_source, entry.value, true);
    if (!span) return std::nullopt;
    return Change{span->first, span->second, value};
  }

  std::optional<Change> remove_flow(const YamlEntry& entry) const {
    const std::string_view text = m_source.text();
    const auto span = value_span(m_source, entry.value, true);
    if (!span) return std::nullopt;
    std::size_t begin = m_source.offset(entry.key.pos);
    std::size_t before = begin;
    while (before > 0 && is_space(text[before - 1])) --before;
    if (before > 0 && text[before - 1] == ',') return Change{before - 1, span->second, ""};
    // The first entry: take the comma after it and the spaces that follow.
    std::size_t after = span->second;
    while (after < text.size() && is_space(text[after])) ++after;
    if (after < text.size() && text[after] == ',') {
      ++after;
      while (after < text.size() && is_space(text[after])) ++after;
      return Change{begin, after, ""};
    }
    return std::nullopt;
  }

  std::optional<Change> insert_flow(const std::vector<const Wanted*>& inserts) const {
    const std::string_view text = m_source.text();
    const std::size_t open = m_source.offset(m_map.pos);
    if (open >= text.size() || text[open] != '{') return std::nullopt;
    const auto match = match_flow(text, open);
    if (!match) return std::nullopt;
    const std::size_t at = match->second;
    const bool after_comma = at > 0 && text[at - 1] == ',';
    const bool empty = at == open + 1;
    std::string added;
    for (const Wanted* want : inserts) {
      if (!added.empty() || (!after_comma && !empty)) added += ",";
      if (!empty || !added.empty()) added += " ";
      added += fmt::format("{}: {}", want->key, *want->value);
    }
    return Change{at, at, added};
  }

  const Source& m_source;
  const YamlNode& m_map;

 public:
  /// The last line of the whole map (its last entry's end).
  int map_end() const { return m_map.entries.empty() ? m_map.pos.line : entry_end(m_map.entries.back()); }

 private:
  const std::vector<int>& m_starts;
};

std::string apply_changes(std::string_view text, const std::vector<Change>& changes) {
  std::string result;
  std::size_t at = 0;
  for (const auto& change : changes) {
    result.append(text.substr(at, change.begin - at));
    result += change.text;
    at = change.end;
  }
  result.append(text.substr(at));
  return result;
}

/// The completion values of a task or section, as the model reads them.
struct Completion {
  model::TaskStatus status = model::TaskStatus::Todo;
  std::optional<util::Date> done;
  std::optional<int> progress;
  std::vector<std::string> evidence;
  std::optional<std::string> reason;

  friend bool operator==(const Completion&, const Completion&) = default;
};

template <class Item>
Completion completion_of(const Item& item) {
  Completion c;
  c.status = item.status.value;
  if (item.done) c.done = item.done->value;
  if (item.progress) c.progress = item.progress->value;
  for (const auto& text : item.evidence) c.evidence.emplace_back(std::string_view(text.value));
  if (const auto& reason = model::reason_of(item)) c.reason = reason->value;
  return c;
}

std::optional<Completion> find_completion(const model::Plan& plan, const Request& request) {
  if (request.section) {
    for (const auto& section : plan.sections) {
      if (section.id.value == request.id) return completion_of(section);
    }
    return std::nullopt;
  }
  if (const model::Task* task = plan.find_task(request.id)) return completion_of(*task);
  return std::nullopt;
}

/// The errors of a text, as "check: message" without positions (an edit moves lines).
std::vector<std::string> errors_of(const load::LoadResult& result) {
  util::Diagnostics diagnostics = result.diagnostics;
  if (result.plan) {
    const auto checked = check::check_plan(*result.plan);
    diagnostics.insert(diagnostics.end(), checked.begin(), checked.end());
  }
  std::vector<std::string> errors;
  for (const auto& d : diagnostics) {
    if (d.severity == util::Severity::Error) errors.push_back(d.check + ": " + d.message);
  }
  std::sort(errors.begin(), errors.end());
  return errors;
}

}  // namespace

std::optional<std::pair<int, int>> item_lines(std::string_view text, const std::string& id, bool section) {
  const load::YamlDocument document = load::read_yaml(text, "");
  if (!document.root) return std::nullopt;
  const YamlNode* map = nullptr;
  for (const auto& target : all_targets(*document.root, section)) {
    if (target.path != id) continue;
    if (map) return std::nullopt;
    map = target.map;
  }
  if (!map) return std::nullopt;
  const Source source(text);
  std::vector<int> starts;
  collect_lines(*document.root, starts);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  if (map->flow) {
    const auto match = match_flow(text, source.offset(map->pos));
    if (!match) return std::nullopt;
    int line = map->pos.line;
    for (std::size_t i = source.offset(map->pos); i < match->first; ++i) {
      if (text[i] == '\n') ++line;
    }
    return std::pair(map->pos.line, line);
  }
  return std::pair(map->pos.line, MapEditor(source, *map, starts).map_end());
}

/// The deadline rule of the item when its deadline repeats; nullptr otherwise.
const model::Located<model::Deadline>* recurring_due(const model::Plan& plan, const Request& request) {
  const model::OptionalLocated<model::Deadline>* due = nullptr;
  if (request.section) {
    for (const auto& section : plan.sections) {
      if (section.id.value == request.id) due = &section.due;
    }
  } else if (const model::Task* task = plan.find_task(request.id)) {
    due = &task->due;
  }
  return due && *due && (*due)->value.recurrence ? &**due : nullptr;
}

Result apply(std::string_view text, const std::string& file, const Request& request) {
  const std::string what = fmt::format("{} '{}'", request.section ? "section" : "task", request.id);
  const load::LoadResult before = load::load_plan(text, file);
  if (!before.plan) {
    return Refusal{fmt::format("{} cannot be read as a plan, so it is not changed", file),
                   "run 'cchc validate' and fix the errors it shows first"};
  }
  const load::YamlDocument document = load::read_yaml(text, file);
  if (!document.root) return Refusal{fmt::format("{} cannot be read as YAML", file), "run 'cchc validate'"};

  // The item, found in the tree the way the loader names it.
  const auto targets = all_targets(*document.root, request.section);
  std::vector<const Target*> matches;
  std::vector<std::string> known;
  for (const auto& target : targets) {
    if (target.path == request.id) matches.push_back(&target);
    known.push_back(target.path);
  }
  if (matches.empty()) {
    std::string hint = request.section ? "give the section's id as written under 'sections:'"
                                       : "give the task's full number, as 'cchc status' shows it, e.g. 3.1";
    if (auto near = util::closest_match(request.id, known)) hint = fmt::format("did you mean '{}'?", *near);
    return Refusal{fmt::format("{}: there is no {}", file, what), hint};
  }
  if (matches.size() > 1) {
    return Refusal{fmt::format("{}: {} is written {} times (lines {} and {})", file, what, matches.size(),
                               matches[0]->map->pos.line, matches[1]->map->pos.line),
                   "give each item its own id first"};
  }
  const YamlNode& map = *matches.front()->map;
  const Completion old = *find_completion(*before.plan, request);
  // The status of a recurring item speaks for the whole duty: "done" there would end every occurrence, which
  // is rarely what "the report of this quarter is done" means. Cancelling or reopening the duty stays possible.
  const bool per_occurrence =
      request.action == Action::Done || request.action == Action::Start || request.action == Action::Progress;
  if (const auto* due = recurring_due(*before.plan, request); due && per_occurrence) {
    return Refusal{
        fmt::format("{}: {} repeats ('{}'), so each occurrence is recorded on its own", file, what, due->value.text),
        "under the item's 'occurrences:', add the occurrence's label with its record, e.g. "
        "'2021: {status: done, done: 2021-11-30}' (labels: docs/deadlines.md)"};
  }

  // What the item should hold afterwards.
  Completion wanted = old;
  std::vector<Wanted> changes;
  const auto set = [&](std::string key, std::string value) {
    const YamlEntry* entry = find_entry(map, key);
    if (entry && entry->value.is_scalar() && util::to_nfc(entry->value.text) == util::to_nfc(value)) return;
    changes.push_back({std::move(key), std::move(value)});
  };
  const auto drop = [&](std::string key) {
    if (find_entry(map, key)) changes.push_back({std::move(key), std::nullopt});
  };
  const auto set_status = [&](model::TaskStatus status) {
    wanted.status = status;
    if (status == model::TaskStatus::Todo && !find_entry(map, "status")) return;  // todo is the default
    set("status", model::to_string(status));
  };
  switch (request.action) {
    case Action::Done:
      set_status(model::TaskStatus::Done);
      wanted.done = request.on;
      set("done", request.on.iso());
      if (old.progress) {
        wanted.progress = 100;
        set("progress", "100");
      }
      if (!request.evidence.empty()) {
        wanted.evidence.clear();
        for (const auto& e : request.evidence) wanted.evidence.push_back(util::to_nfc(e));
        std::string value;
        if (request.evidence.size() == 1) {
          value = quote(request.evidence.front());
        } else {
          std::vector<std::string> items;
          for (const auto& e : request.evidence) items.push_back(quote(e));
          value = fmt::format("[{}]", fmt::join(items, ", "));
        }
        if (old.evidence != wanted.evidence) changes.push_back({"evidence", value});
      }
      break;
    case Action::Start:
    case Action::Reopen:
    case Action::Cancel:
      set_status(request.action == Action::Start    ? model::TaskStatus::Doing
                 : request.action == Action::Cancel ? model::TaskStatus::Cancelled
                                                    : model::TaskStatus::Todo);
      wanted.done.reset();
      drop("done");
      if (request.action == Action::Cancel) {
        wanted.reason = util::to_nfc(request.reason);
        if (old.reason != wanted.reason) changes.push_back({"reason", quote(request.reason)});
      }
      break;
    case Action::Progress:
      if (old.status == model::TaskStatus::Done && request.percent < 100) {
        return Refusal{fmt::format("{} is done; a progress of {}% would contradict it", what, request.percent),
                       fmt::format("run 'cchc reopen {}' first if the work is not finished", request.id)};
      }
      if (old.status == model::TaskStatus::Cancelled) {
        return Refusal{fmt::format("{} is cancelled", what),
                       fmt::format("run 'cchc reopen {}' first if the work goes on", request.id)};
      }
      wanted.progress = request.percent;
      set("progress", std::to_string(request.percent));
      if (old.status == model::TaskStatus::Todo && request.percent > 0) set_status(model::TaskStatus::Doing);
      break;
  }
  if (changes.empty()) {
    return Edited{std::string(text), false, fmt::format("{} is already as asked; nothing to change", what)};
  }
  // Keys are handled in the group's order, so inserted lines come out in that order too.
  std::stable_sort(changes.begin(), changes.end(), [](const Wanted& a, const Wanted& b) {
    return std::find(kGroup.begin(), kGroup.end(), a.key) < std::find(kGroup.begin(), kGroup.end(), b.key);
  });

  const Source source(text);
  std::vector<int> starts;
  collect_lines(*document.root, starts);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  MapEditor editor(source, map, starts);
  auto planned = editor.plan(changes);
  if (auto* why = std::get_if<std::string>(&planned)) {
    return Refusal{fmt::format("{}:{}: {} was not changed: {}", file, map.pos.line, what, *why),
                   "make this change by hand in the file"};
  }
  std::string result = apply_changes(text, std::get<std::vector<Change>>(planned));

  // Read the result back: it must load, hold exactly the wanted values, and leave everything else as it was.
  const load::LoadResult after = load::load_plan(result, file);
  const load::YamlDocument after_document = load::read_yaml(result, file);
  const auto unsafe = [&](std::string why) {
    return Refusal{fmt::format("{}:{}: {} was not changed: the edited file {}", file, map.pos.line, what, why),
                   "make this change by hand in the file; please report the file's layout as a bug"};
  };
  if (!after.plan || !after_document.root) return unsafe("would not load");
  const auto old_errors = errors_of(before);
  std::vector<std::string> new_errors;
  for (const auto& error : errors_of(after)) {
    if (!std::binary_search(old_errors.begin(), old_errors.end(), error)) new_errors.push_back(error);
  }
  if (!new_errors.empty()) {
    return Refusal{
        fmt::format("{}: {} was not changed: the result would have a new error: {}", file, what, new_errors.front()),
        "fix the plan first, or make the change by hand"};
  }
  const auto now = find_completion(*after.plan, request);
  if (!now || !(*now == wanted)) return unsafe("would not read back with the asked values");
  const auto after_targets = all_targets(*after_document.root, request.section);
  const YamlNode* after_map = nullptr;
  for (const auto& target : after_targets) {
    if (target.path == request.id) after_map = target.map;
  }
  std::vector<std::string> values_before, values_after;
  flatten(*document.root, "", &map, values_before);
  flatten(*after_document.root, "", after_map, values_after);
  if (values_before != values_after) return unsafe("would change other values");

  std::vector<std::string> parts;
  if (old.status != wanted.status) {
    parts.push_back(fmt::format("status {} → {}", model::to_string(old.status), model::to_string(wanted.status)));
  }
  if (old.done != wanted.done) {
    parts.push_back(wanted.done ? fmt::format("done {}", wanted.done->iso()) : std::string("done date removed"));
  }
  if (old.progress != wanted.progress && wanted.progress)
    parts.push_back(fmt::format("progress {}%", *wanted.progress));
  if (old.evidence != wanted.evidence) parts.emplace_back("evidence recorded");
  if (old.reason != wanted.reason) parts.emplace_back("reason recorded");
  return Edited{std::move(result), true, fmt::format("{}: {}", what, fmt::join(parts, "; "))};
}

}  // namespace cchc::edit
