#include "load/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <iterator>
#include <new>
#include <unordered_map>
#include <unordered_set>

#include "calendar/holidays.hpp"
#include "load/event_cache.hpp"
#include "load/model_cache.hpp"
#include "load/yaml_tree.hpp"
#include "model/recurrence.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

namespace cchc::load {

namespace {

using model::Located;
using model::LocatedText;
using util::SourcePos;

// ---- words for messages ----

/// A text from the file as quoted in a message: NFC, on one line, cut to 60 columns.
std::string shown(std::string_view text) {
  return util::truncate_to_width(util::collapse_whitespace(util::to_nfc(text)), 60);
}

/// What a node is, in the words of a message: "a map", "a list", "the text 'abc'", "empty".
std::string describe(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::Map: return "a map";
    case YamlNode::Kind::Sequence: return "a list";
    case YamlNode::Kind::Scalar: return fmt::format("the text '{}'", shown(node.text));
    case YamlNode::Kind::Null: break;
  }
  return "empty";
}

/// `words` separated by `separator`.
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ") {
  std::string joined;
  for (const auto& word : words) {
    if (!joined.empty()) joined += separator;
    joined += word;
  }
  return joined;
}

/// "did you mean 'x'?" when something is near, else the list of what is allowed.
std::string suggestion(std::string_view word, const std::vector<std::string>& allowed, std::string_view what) {
  if (auto near = util::closest_match(word, allowed)) return fmt::format("did you mean '{}'?", *near);
  return fmt::format("{}: {}", what, join(allowed));
}

/// English month name, for messages.
const char* month_name(int month) {
  static constexpr const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
  return kNames[month - 1];
}

/// True when `text` is one or more ASCII digits.
bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The value of ASCII digits (callers checked them).
int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

/// Why a text shaped like YYYY, YYYY-MM or YYYY-MM-DD is not a calendar date ("February 2020 has 29 days");
/// empty when the shape itself is wrong or the date is fine.
std::string why_not_a_date(std::string_view text) {
  const bool shaped = (text.size() == 4 || text.size() == 7 || text.size() == 10) && is_digits(text.substr(0, 4)) &&
                      (text.size() < 7 || (text[4] == '-' && is_digits(text.substr(5, 2)))) &&
                      (text.size() < 10 || (text[7] == '-' && is_digits(text.substr(8, 2))));
  if (!shaped) return {};
  const int year = to_int(text.substr(0, 4));
  if (year < 1) return "there is no year 0";
  if (text.size() < 7) return {};
  const int month = to_int(text.substr(5, 2));
  if (month < 1 || month > 12) return fmt::format("there is no month {}", text.substr(5, 2));
  if (text.size() < 10) return {};
  const int day = to_int(text.substr(8, 2));
  if (day < 1) return "days start at 1";
  const int last = util::days_in_month(year, month);
  if (day > last) return fmt::format("{} {} has {} days", month_name(month), year, last);
  return {};
}

/// ^[a-z0-9][a-z0-9-]*$: ids are typed on the command line and in other files, so they stay plain.
bool is_valid_id(std::string_view id) {
  if (id.empty() || id[0] == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

/// Absent, or text with nothing in it: both mean "not given".
bool is_blank(const YamlNode& node) {
  return node.is_null() || (node.is_scalar() && util::is_whitespace_only(node.text));
}

/// Where a problem with an entry's value is shown: yaml-cpp places empty values at the next token,
/// so those point at their key instead.
SourcePos value_pos(const YamlEntry& entry) { return entry.value.is_null() ? entry.key.pos : entry.value.pos; }

// ---- the keys each kind of map may hold ----

const std::vector<std::string> kTopKeys = {"cchc", "plan", "agencies", "documents", "tasks", "sections", "scoring"};
const std::vector<std::string> kScoringKeys = {"completion", "on_time"};
const std::vector<std::string> kBandKeys = {"above", "from", "points"};
const std::vector<std::string> kPlanKeys = {"id",       "title",        "issuer",   "number",      "date",
                                            "status",   "language",     "timezone", "before_date", "period",
                                            "holidays", "working_days", "parent"};
const std::vector<std::string> kPlanDayKeys = {"date", "name"};
const std::vector<std::string> kTriggerKeys = {"on", "due", "note"};
const std::vector<std::string> kRelativeDueKeys = {"after", "days", "working_days"};
const std::vector<std::string> kParentKeys = {"plan", "task"};
const std::vector<std::string> kAgencyKeys = {"name", "short", "group"};
const std::vector<std::string> kDocumentKeys = {"ref", "date", "issuer", "title"};
const std::vector<std::string> kTaskKeys = {"id",      "title",  "lead",       "support",  "due",
                                            "trigger", "status", "done",       "progress", "evidence",
                                            "reason",  "note",   "appendices", "tasks",    "occurrences"};
const std::vector<std::string> kSectionKeys = {"id",       "title",      "lead",   "due",        "trigger",
                                               "tasks",    "appendices", "status", "done",       "progress",
                                               "evidence", "reason",     "note",   "occurrences"};
const std::vector<std::string> kAppendixKeys = {"doc", "items"};
const std::vector<std::string> kPeriodKeys = {"from", "to"};
const std::vector<std::string> kRecurrenceKeys = {"every", "on", "from", "ongoing"};
const std::vector<std::string> kOccurrenceKeys = {"status", "done", "progress", "evidence", "reason", "note"};
const std::vector<std::pair<std::string, model::Frequency>> kFrequencies = {
    {"year", model::Frequency::Year},
    {"half-year", model::Frequency::HalfYear},
    {"quarter", model::Frequency::Quarter},
    {"month", model::Frequency::Month},
};

const std::vector<std::pair<std::string, model::TaskStatus>> kTaskStatuses = {
    {"todo", model::TaskStatus::Todo},
    {"doing", model::TaskStatus::Doing},
    {"done", model::TaskStatus::Done},
    {"cancelled", model::TaskStatus::Cancelled},
};
const std::vector<std::pair<std::string, model::PlanStatus>> kPlanStatuses = {
    {"draft", model::PlanStatus::Draft},
    {"issued", model::PlanStatus::Issued},
};
const std::vector<std::pair<std::string, model::Language>> kLanguages = {
    {"vi", model::Language::Vi},
    {"en", model::Language::En},
};
const std::vector<std::pair<std::string, model::BeforeDate>> kBeforeDates = {
    {"inclusive", model::BeforeDate::Inclusive},
    {"exclusive", model::BeforeDate::Exclusive},
};

/// The keys of one map, NFC, each once, in file order, with their entries. A key is a view of the text the tree
/// holds when that is already NFC (every key of an ordinary plan): a task's dozen keys then cost no allocation.
class KeyedEntries {
 public:
  using Entry = std::pair<std::string_view, const YamlEntry*>;

  /// Adds `entry` under the key `written`, normalised to NFC.
  void add(std::string_view written, const YamlEntry& entry) {
    if (util::is_nfc_without_lookup(written)) {
      m_entries.emplace_back(written, &entry);
      return;
    }
    // Held by pointer: the views must survive this object's moves.
    m_normalised.push_back(std::make_unique<std::string>(util::to_nfc(written)));
    m_entries.emplace_back(*m_normalised.back(), &entry);
  }
  /// Drops the entries for which `drop(key, entry)` is true, keeping the order of the rest.
  template <class Predicate>
  void remove_if(Predicate drop) {
    std::erase_if(m_entries, [&](const Entry& keyed) { return drop(keyed.first, *keyed.second); });
  }
  void reserve(std::size_t count) { m_entries.reserve(count); }
  /// Takes back the last entry added (its normalised key, if any, stays kept: harmless).
  void drop_last() { m_entries.pop_back(); }

  /// The entry for `key`, or nullptr when the map does not have it.
  const YamlEntry* find(std::string_view key) const {
    for (const auto& [name, entry] : m_entries) {
      if (name == key) return entry;
    }
    return nullptr;
  }

  std::size_t size() const { return m_entries.size(); }
  const Entry& operator[](std::size_t i) const { return m_entries[i]; }
  std::vector<Entry>::const_iterator begin() const { return m_entries.begin(); }
  std::vector<Entry>::const_iterator end() const { return m_entries.end(); }

 private:
  std::vector<Entry> m_entries;
  std::vector<std::unique_ptr<std::string>> m_normalised;
};

/// `what` ("task", "section") for messages about one item of a list: its id when it has a readable one.
std::string owner_of(const YamlNode& map, std::string_view what) {
  for (const YamlEntry& entry : map.entries) {
    if (entry.key.is_scalar() && entry.key.text == "id" && entry.value.is_scalar() && !is_blank(entry.value)) {
      return fmt::format("{} '{}'", what, util::to_nfc(entry.value.text));
    }
  }
  return fmt::format("this {}", what);
}

/// What a map is, for messages: "task '3.1'", "the 'plan' block". For an item of a list it is worked out from the
/// item's id only when a message needs it, as most tasks never get one.
class Owner {
 public:
  Owner(std::string described) : m_described(std::move(described)) {}  // NOLINT(google-explicit-constructor)
  Owner(const char* described) : m_described(described) {}             // NOLINT(google-explicit-constructor)
  /// An item of a list, "task" or "section", named by its id.
  static Owner item(const YamlNode& map, std::string_view what) {
    Owner owner{std::string()};
    owner.m_item = &map;
    owner.m_what = what;
    return owner;
  }
  std::string str() const { return m_item ? owner_of(*m_item, m_what) : m_described; }

 private:
  std::string m_described;
  const YamlNode* m_item = nullptr;
  std::string_view m_what;
};

/// The entries of one map after its keys were checked: each key once, in file order.
class Fields {
 public:
  Fields(const YamlNode& map, Owner owner) : m_pos(map.pos), m_owner(std::move(owner)) {}

  KeyedEntries& keyed() { return m_entries; }

  /// The map had a merge key ('<<', already reported): its missing keys were probably meant to come from
  /// there, so they are not reported again.
  bool merges() const { return m_merges; }
  void set_merges() { m_merges = true; }

  /// The entry for `key`, or nullptr when the map does not have it.
  const YamlEntry* find(std::string_view key) const { return m_entries.find(key); }

  const KeyedEntries& entries() const { return m_entries; }
  /// Where the map starts: missing keys are reported here.
  SourcePos pos() const { return m_pos; }
  /// What the map is, for messages: "task '3.1'", "the 'plan' block".
  std::string owner() const { return m_owner.str(); }

 private:
  SourcePos m_pos;
  Owner m_owner;
  bool m_merges = false;
  KeyedEntries m_entries;
};

/// model::parse_deadline, each wording read once: a plan repeats its wordings ("Hằng quý", "Quý II/2026",
/// "Thường xuyên") over hundreds of tasks, and reading one costs about ten thousand instructions (3 % of loading a
/// plan of 10 000 tasks). The result depends only on the text and the options. The memo is keyed on the text as
/// written, so that a wording seen before is neither normalised nor copied again.
class DeadlineMemo {
 public:
  DeadlineMemo() = default;
  // Its tables hold views of its own texts: a copy's would point into this one.
  DeadlineMemo(const DeadlineMemo&) = delete;
  DeadlineMemo& operator=(const DeadlineMemo&) = delete;

  /// What `written` (as the file has it, NFC or not) means under `options`; valid until the next call.
  const model::DeadlineResult& parse(std::string_view written, const model::DeadlineOptions& options) {
    // Long texts are rarely repeated, and the memo's size stays bounded by the number of short wordings.
    constexpr std::size_t kLongestKept = 160;
    if (written.size() > kLongestKept) {
      m_unkept = model::parse_deadline(util::to_nfc(written), options);
      return m_unkept;
    }
    Results& results = results_for(options);
    if (const auto found = results.find(written); found != results.end()) return found->second;
    const std::string& kept = m_texts.emplace_back(written);  // a deque: the text stays where it is
    return results.emplace(kept, model::parse_deadline(util::to_nfc(written), options)).first->second;
  }

 private:
  using Results = std::unordered_map<std::string_view, model::DeadlineResult>;

  /// The results read under `options`: a plan reads nearly all its wordings under one set of options, at most a
  /// few.
  Results& results_for(const model::DeadlineOptions& options) {
    for (auto& [kept_options, results] : m_by_options) {
      if (kept_options == options) return results;
    }
    return m_by_options.emplace_back(options, Results{}).second;
  }

  std::deque<std::pair<model::DeadlineOptions, Results>> m_by_options;
  std::deque<std::string> m_texts;
  model::DeadlineResult m_unkept;
};

/// Builds one plan from a document tree, reporting every problem on the way and carrying on after each.
/// As an ItemStream it reads the `plan:` block as soon as it is parsed and then each top-level task as soon as
/// it is complete, so that a plan of 100 000 tasks never exists as a whole tree: only what `read` then finds
/// in the tree (the small parts of the file) is read from it.
class PlanReader : public ItemStream {
 public:
  PlanReader(const std::string& file, util::Diagnostics& diagnostics, std::size_t cap)
      : m_file(file), m_diagnostics(diagnostics), m_cap(cap) {
    m_building.file = m_file;
    m_plan = &m_building;
  }

  /// Problems found past the cap, counted only.
  std::size_t dropped() const { return m_dropped; }

  // ---- ItemStream: the top level while it is parsed ----

  void root_entry(const YamlEntry& entry) override {
    if (entry.key.unsupported || !entry.key.is_scalar() || is_blank(entry.key)) return;
    const bool first = m_root_keys.insert(util::to_nfc(entry.key.text)).second;
    // `plan:` decides how deadlines are read (before_date, the plan's year and period), so the tasks after it
    // can be read as they come. Only its first occurrence counts, as in `read`.
    if (first && util::to_nfc(entry.key.text) == "plan" && entry.value.is_map() && !entry.value.unsupported) {
      read_plan_info(entry.value, m_building);
      m_plan_info_read_at = entry.key.pos;
    }
  }

  bool stream_items_of(const YamlNode& key) override {
    if (!m_plan_info_read_at || m_streaming_tasks || !key.is_scalar() || key.unsupported) return false;
    if (util::to_nfc(key.text) != "tasks" || m_root_keys.contains("tasks")) return false;
    m_streaming_tasks = true;
    return true;
  }

  void item(YamlNode&& item) override {
    if (!expect_map_item(item, "tasks", "a map with 'id:' and 'title:'")) return;
    m_building.tasks.push_back(read_task(item, ""));
  }

  void expect_items(std::size_t count) override {
    if (!m_building.tasks.empty()) return;
    try {
      m_building.tasks.reserve(count);
    } catch (const std::bad_alloc&) {  // only a hint: the tasks then take room as they come
    }
  }

  std::unique_ptr<ItemStream> fork() override { return std::unique_ptr<PlanReader>(new PlanReader(*this, Forked{})); }

  bool join(ItemStream& forked) override {
    auto* other = dynamic_cast<PlanReader*>(&forked);
    if (!other) return false;
    // One reading would have stopped listing problems at the cap, and which ones it kept depends on the order:
    // past the cap, read again in one piece.
    if (m_cap > 0 &&
        (m_dropped > 0 || other->m_dropped > 0 || m_diagnostics.size() + other->m_diagnostics.size() > m_cap)) {
      return false;
    }
    // Exactly the room needed (usually made already, see expect_items): insert would double the capacity, while
    // the old array is still alive.
    m_building.tasks.reserve(m_building.tasks.size() + other->m_building.tasks.size());
    m_building.tasks.insert(m_building.tasks.end(), std::make_move_iterator(other->m_building.tasks.begin()),
                            std::make_move_iterator(other->m_building.tasks.end()));
    m_diagnostics.insert(m_diagnostics.end(), std::make_move_iterator(other->m_diagnostics.begin()),
                         std::make_move_iterator(other->m_diagnostics.end()));
    return true;
  }

  void restart() override {
    m_diagnostics.clear();
    m_dropped = 0;
    m_deadline_options = {};
    m_building = model::Plan{};
    m_building.file = m_file;
    m_root_keys.clear();
    m_plan_info_read_at.reset();
    m_streaming_tasks = false;
  }

  std::optional<model::Plan> read(const std::optional<YamlNode>& root) {
    if (!root || root->is_null()) {
      error(SourcePos{1, 1}, "missing-field", "the plan file is empty",
            "a plan file starts with 'cchc: 1' followed by a 'plan:' block");
      return std::nullopt;
    }
    if (root->unsupported) return std::nullopt;
    if (!root->is_map()) {
      error(root->pos, "wrong-type", fmt::format("a plan file must be a map of keys, not {}", describe(*root)),
            "a plan file starts with 'cchc: 1' followed by a 'plan:' block");
      return std::nullopt;
    }
    model::Plan& plan = m_building;
    const Fields top = fields(*root, kTopKeys, "the plan file");
    read_format_version(top, plan);
    // `plan:` first, wherever it is in the file: its before_date decides how the tasks' deadlines are read.
    if (const YamlEntry* info = required(top, "plan")) {
      const bool read_while_parsing = m_plan_info_read_at && info->key.pos.line == m_plan_info_read_at->line &&
                                      info->key.pos.column == m_plan_info_read_at->column;
      if (expect_map(*info, "a map of keys such as 'id:' and 'title:'") && !read_while_parsing) {
        read_plan_info(info->value, plan);
      }
    }
    if (const YamlEntry* agencies = top.find("agencies"); agencies && !is_blank(agencies->value)) {
      if (expect_map(*agencies, "a map from agency ids to agencies")) read_agencies(agencies->value, plan);
    }
    if (const YamlEntry* documents = top.find("documents"); documents && !is_blank(documents->value)) {
      if (expect_map(*documents, "a map from document ids to documents")) read_documents(documents->value, plan);
    }
    if (const YamlEntry* tasks = top.find("tasks"); tasks && !is_blank(tasks->value)) {
      // A streamed list was read item by item while the file was parsed (see item()).
      if (expect_list(*tasks, "a list of tasks, each starting with '- id:'") && !tasks->value.streamed) {
        plan.tasks = read_tasks<decltype(plan.tasks)>(tasks->value, "");
      }
    }
    if (const YamlEntry* sections = top.find("sections"); sections && !is_blank(sections->value)) {
      if (expect_list(*sections, "a list of sections, each starting with '- id:'")) {
        plan.sections.reserve(sections->value.items.size());  // a Section is large: grown by doubling, it moves
        for (const YamlNode& item : sections->value.items) {
          if (auto section = read_section(item)) plan.sections.push_back(std::move(*section));
        }
      }
    }
    if (const YamlEntry* scoring = top.find("scoring"); scoring && !is_blank(scoring->value)) {
      if (expect_map(*scoring, "a map with 'completion:' and 'on_time:' bands")) read_scoring(scoring->value, plan);
    }
    return std::move(plan);
  }

 private:
  struct Forked {};
  /// A reader for the second half of the task list (see fork()): the root as `parent` read it, its own tasks and
  /// problems. It reads `parent`'s plan only for what the plan block set, which no longer changes.
  PlanReader(const PlanReader& parent, Forked /*tag*/)
      : m_file(parent.m_file),
        m_diagnostics(m_forked_diagnostics),
        m_cap(parent.m_cap),
        m_deadline_options(parent.m_deadline_options),
        m_plan(parent.m_plan),
        m_streaming_tasks(true) {}

  /// Records one load-stage error.
  void error(SourcePos pos, std::string check, std::string message, std::string hint = {}) {
    if (m_cap > 0 && m_diagnostics.size() >= m_cap) {
      ++m_dropped;
      return;
    }
    m_diagnostics.push_back(
        util::Diagnostic{util::Severity::Error, m_file, pos, std::move(check), std::move(message), std::move(hint)});
  }

  // ---- maps and keys ----

  /// Checks the keys of `map`: each must be text, given once, and one of `allowed`.
  Fields fields(const YamlNode& map, const std::vector<std::string>& allowed, Owner owner) {
    Fields result(map, std::move(owner));
    if (std::any_of(map.entries.begin(), map.entries.end(), [](const YamlEntry& e) { return e.key.unsupported; })) {
      result.set_merges();
    }
    result.keyed() = unique_entries(map);
    result.keyed().remove_if([&](std::string_view key, const YamlEntry& entry) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) return false;
      error(entry.key.pos, "unknown-key", fmt::format("unknown key '{}'", shown(key)),
            suggestion(std::string(key), allowed, "the keys allowed here are"));
      return true;
    });
    return result;
  }

  /// The entries of `map` whose keys are usable text, first occurrence of each; the rest is reported.
  KeyedEntries unique_entries(const YamlNode& map) {
    KeyedEntries entries;
    entries.reserve(map.entries.size());
    // A task's map has a dozen keys at most: looking back through them is cheaper than hashing; a map of agencies
    // or a hostile file may have thousands.
    constexpr std::size_t kLookBackUpTo = 16;
    const bool look_back = map.entries.size() <= kLookBackUpTo;
    std::unordered_map<std::string_view, std::size_t> seen;  // key -> index in entries, for large maps
    const auto first_index = [&](std::string_view key) -> std::optional<std::size_t> {
      if (look_back) {
        for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
          if (entries[i].first == key) return i;
        }
        return std::nullopt;
      }
      const auto [found, inserted] = seen.try_emplace(key, entries.size() - 1);
      if (inserted) return std::nullopt;
      return found->second;
    };
    for (const YamlEntry& entry : map.entries) {
      if (entry.key.unsupported) continue;
      if (!entry.key.is_scalar() || is_blank(entry.key)) {
        error(entry.key.pos, "wrong-type", fmt::format("a key must be a word, not {}", describe(entry.key)),
              "write each entry as 'key: value'");
        continue;
      }
      // Added first, so that its key is normalised once; taken back off when it repeats an earlier key.
      entries.add(entry.key.text, entry);
      const std::string_view key = entries[entries.size() - 1].first;
      if (const auto first = first_index(key)) {
        error(entry.key.pos, "duplicate-key",
              fmt::format("the key '{}' is given twice in the same map (first on line {})", shown(key),
                          entries[*first].second->key.pos.line),
              "keep only one of them; the first one is the one read");
        entries.drop_last();
        continue;
      }
    }
    return entries;
  }

  /// The entry for a required key; reports it missing (or empty) and returns nullptr otherwise.
  const YamlEntry* required(const Fields& fields, std::string_view key) {
    const YamlEntry* entry = fields.find(key);
    if (entry && entry->value.unsupported) return nullptr;
    if (!entry && fields.merges()) return nullptr;
    if (!entry || is_blank(entry->value)) {
      const std::string hint =
          key == "cchc" ? "add 'cchc: 1' as the first line of the file" : fmt::format("add '{}: …' to it", key);
      error(entry ? entry->key.pos : fields.pos(), "missing-field",
            entry ? fmt::format("'{}' of {} is empty", key, fields.owner())
                  : fmt::format("{} has no '{}'", fields.owner(), key),
            hint);
      return nullptr;
    }
    return entry;
  }

  /// The entry for an optional key when it has a value (aliases, already reported, count as none).
  static const YamlEntry* optional(const Fields& fields, std::string_view key) {
    const YamlEntry* entry = fields.find(key);
    if (!entry || entry->value.unsupported || is_blank(entry->value)) return nullptr;
    return entry;
  }

  /// True when the entry's value is of `kind`; reports wrong-type ("'tasks' must be …, not a map") otherwise.
  bool expect_kind(const YamlEntry& entry, YamlNode::Kind kind, std::string_view expected) {
    if (entry.value.kind == kind) return true;
    error(value_pos(entry), "wrong-type",
          fmt::format("'{}' must be {}, not {}", util::to_nfc(entry.key.text), expected, describe(entry.value)));
    return false;
  }
  bool expect_map(const YamlEntry& entry, std::string_view expected) {
    return expect_kind(entry, YamlNode::Kind::Map, expected);
  }
  bool expect_list(const YamlEntry& entry, std::string_view expected) {
    return expect_kind(entry, YamlNode::Kind::Sequence, expected);
  }

  // ---- values ----

  /// A text value, NFC; nullopt when absent or not text (reported).
  std::optional<LocatedText> text_of(const YamlEntry* entry) {
    if (!entry) return std::nullopt;
    if (!expect_kind(*entry, YamlNode::Kind::Scalar, "text")) return std::nullopt;
    return LocatedText{util::to_nfc(entry->value.text), entry->value.pos};
  }

  /// The text of a required key; nullopt when missing (reported).
  std::optional<LocatedText> required_text(const Fields& fields, std::string_view key) {
    return text_of(required(fields, key));
  }

  /// The text of an optional key; nullopt when absent.
  std::optional<LocatedText> optional_text(const Fields& fields, std::string_view key) {
    return text_of(optional(fields, key));
  }

  /// An id that must follow the plain id syntax (plan, agency and document ids).
  bool check_id(const LocatedText& id, std::string_view what) {
    if (is_valid_id(id.value)) return true;
    error(id.pos, "invalid-value", fmt::format("'{}' is not a valid {} id", id.value, what),
          "ids use only lower-case letters a-z, digits and '-', and start with a letter or digit, e.g. 'snv'");
    return false;
  }

  /// One of a fixed set of words; nullopt when absent or not one of them (reported with a hint).
  template <class E>
  std::optional<Located<E>> choice(const Fields& fields, std::string_view key,
                                   const std::vector<std::pair<std::string, E>>& choices) {
    const auto value = optional_text(fields, key);
    if (!value) return std::nullopt;
    std::vector<std::string> words;
    for (const auto& [word, meaning] : choices) {
      if (word == value->value) return Located<E>{meaning, value->pos};
      words.push_back(word);
    }
    error(value->pos, "invalid-value", fmt::format("unknown {} '{}'", key, value->value),
          suggestion(value->value, words, fmt::format("'{}' is one of", key)));
    return std::nullopt;
  }

  /// `true` or `false`, nothing else.
  std::optional<bool> boolean(const Fields& fields, std::string_view key) {
    const YamlEntry* entry = optional(fields, key);
    if (!entry) return std::nullopt;
    if (entry->value.is_scalar() && entry->value.plain &&
        (entry->value.text == "true" || entry->value.text == "false")) {
      return entry->value.text == "true";
    }
    error(value_pos(*entry), "invalid-value",
          fmt::format("'{}' must be true or false, not {}", key, describe(entry->value)),
          "write true or false, without quotes");
    return std::nullopt;
  }

  /// invalid-date for `value`: why it is impossible, or which form was expected.
  void report_bad_date(const LocatedText& value, std::string_view form, std::string_view example) {
    const std::string why = why_not_a_date(value.value);
    if (!why.empty()) {
      error(value.pos, "invalid-date", fmt::format("'{}' is not a real date: {}", value.value, why),
            "check the day and the month");
    } else {
      error(value.pos, "invalid-date", fmt::format("'{}' is not a date in the form {}", value.value, form),
            fmt::format("write it like {}", example));
    }
  }

  /// YYYY, YYYY-MM or YYYY-MM-DD (a letterhead date may leave the day blank).
  std::optional<Located<util::PartialDate>> partial_date(const Fields& fields, std::string_view key) {
    const auto value = optional_text(fields, key);
    if (!value) return std::nullopt;
    if (auto date = util::parse_partial_date(value->value)) return Located<util::PartialDate>{*date, value->pos};
    report_bad_date(*value, "YYYY, YYYY-MM or YYYY-MM-DD", "2020-02-24, or 2020-02 when the day is not known");
    return std::nullopt;
  }

  /// A completion date: a full YYYY-MM-DD.
  std::optional<Located<util::Date>> full_date(const Fields& fields, std::string_view key) {
    const auto value = optional_text(fields, key);
    if (!value) return std::nullopt;
    if (auto date = util::parse_iso_date(value->value)) return Located<util::Date>{*date, value->pos};
    report_bad_date(*value, "YYYY-MM-DD", "2020-04-30");
    return std::nullopt;
  }

  /// `progress:` a whole number of percent, 0 to 100.
  std::optional<Located<int>> percent(const Fields& fields, std::string_view key) {
    const YamlEntry* entry = optional(fields, key);
    if (!entry) return std::nullopt;
    const YamlNode& value = entry->value;
    if (value.is_scalar() && value.plain && is_digits(value.text) && value.text.size() <= 3 &&
        to_int(value.text) <= 100) {
      return Located<int>{to_int(value.text), value.pos};
    }
    error(value_pos(*entry), "invalid-value",
          fmt::format("'{}' must be a whole number of percent from 0 to 100, not {}", key, describe(value)),
          "write it like 'progress: 60', without a % sign or quotes");
    return std::nullopt;
  }

  /// `due:` (or `key:`) read with the plan's before_date: a wording, or a structured map: a recurrence
  /// ({every: year, on: …}) or a relative deadline ({after: 3.1, working_days: 10}); invalid-deadline when it
  /// cannot be read.
  std::optional<Located<model::Deadline>> deadline(const Fields& fields, std::string_view key = "due",
                                                   bool span_from_trigger = false) {
    const YamlEntry* entry = optional(fields, key);
    if (!entry) return std::nullopt;
    std::optional<Located<model::Deadline>> result;
    if (entry->value.is_map()) {
      const auto& keys = entry->value.entries;
      const bool counts_days = std::any_of(keys.begin(), keys.end(), [](const YamlEntry& field) {
        return std::find(kRelativeDueKeys.begin(), kRelativeDueKeys.end(), field.key.text) != kRelativeDueKeys.end();
      });
      result = counts_days ? relative_deadline(entry->value) : structured_recurrence(entry->value);
    } else if (expect_kind(*entry, YamlNode::Kind::Scalar, "text")) {
      model::DeadlineOptions options = m_deadline_options;
      options.span_from_trigger = span_from_trigger;
      const model::DeadlineResult& parsed = m_deadlines.parse(entry->value.text, options);
      if (const auto* problem = std::get_if<model::DeadlineError>(&parsed)) {
        error(entry->value.pos, "invalid-deadline", problem->message, problem->hint);
        return std::nullopt;
      }
      result = Located<model::Deadline>{std::get<model::Deadline>(parsed), entry->value.pos};
    }
    if (result && result->value.recurrence && !model::first_recurrence_year(*m_plan, *result->value.recurrence)) {
      error(result->pos, "invalid-deadline",
            fmt::format("'{}' repeats, but nothing says from which year", result->value.text),
            "give the plan a 'period: 2021 - 2030' or a 'date:', or write the first year: '… từ năm 2025'");
      return std::nullopt;
    }
    return result;
  }

  /// `due: {every: year, on: ["01/6", "15/11"], from: 2025}`: a recurring deadline written as keys.
  std::optional<Located<model::Deadline>> structured_recurrence(const YamlNode& map) {
    const Fields keys = fields(map, kRecurrenceKeys, "this recurring deadline");
    if (!required(keys, "every")) return std::nullopt;
    const auto every = choice(keys, "every", kFrequencies);
    if (!every) return std::nullopt;
    model::Recurrence rule;
    rule.every = every->value;
    if (const YamlEntry* on = optional(keys, "on")) {
      if (rule.every == model::Frequency::Year) {
        for (const auto& day : text_list(keys, "on")) {
          auto parsed = model::parse_deadline(day.value + " hằng năm", m_deadline_options);
          const auto* deadline = std::get_if<model::Deadline>(&parsed);
          if (!deadline || deadline->recurrence->on.size() != 1 || deadline->recurrence->on.front().whole_month) {
            error(day.pos, "invalid-deadline", fmt::format("'{}' is not a day of the year", shown(day.value)),
                  std::holds_alternative<model::DeadlineError>(parsed) ? std::get<model::DeadlineError>(parsed).message
                                                                       : "write the day and month: '30/11'");
            return std::nullopt;
          }
          rule.on.push_back(deadline->recurrence->on.front());
        }
      } else {
        const auto day = whole_number(keys, "on", 1, 31);
        if (!day) return std::nullopt;
        rule.on.push_back(model::DayOfPeriod{0, day->value, false});
      }
      (void)on;
    }
    if (const auto from = whole_number(keys, "from", 1, 9999)) rule.from = from->value;
    if (auto ongoing = boolean(keys, "ongoing")) rule.ongoing = *ongoing;
    model::Deadline deadline;
    deadline.kind = model::DeadlineKind::Recurring;
    deadline.precision = rule.on.empty() ? model::DeadlinePrecision::Month : model::DeadlinePrecision::Day;
    deadline.text = model::describe_recurrence(rule);
    deadline.recurrence.emplace(std::move(rule));
    return Located<model::Deadline>{std::move(deadline), map.pos};
  }

  /// `occurrences:` of a task or section: how each occurrence of its recurring deadline went, keyed by label.
  /// Made as the list type of the field it fills (`Records`), so that nothing is moved again into it.
  template <class Records>
  Records occurrences(const Fields& details, const model::OptionalLocated<model::Deadline>& due) {
    Records records;
    const YamlEntry* entry = optional(details, "occurrences");
    if (!entry) return records;
    if (!expect_map(*entry, "a map from occurrence labels ('2021', '2022-Q1') to what was done")) return records;
    const model::Recurrence* rule = due && due->value.recurrence ? &*due->value.recurrence : nullptr;
    if (!rule) {
      if (due || details.find("due") == nullptr) {
        error(entry->key.pos, "invalid-value", "'occurrences' is only for a deadline that repeats",
              "give a recurring 'due:' such as 'Hằng năm', or record the work with 'status:' and 'done:'");
      }
      return records;
    }
    const int first = *model::first_recurrence_year(*m_plan, *rule);
    const int last = model::last_recordable_year(*m_plan, first);
    for (const auto& [label, occurrence] : unique_entries(entry->value)) {
      if (!model::find_occurrence(*rule, label, first, last)) {
        error(occurrence->key.pos, "invalid-value",
              fmt::format("'{}' is not an occurrence of '{}' (from {} to {})", shown(label), due->value.text, first,
                          last),
              occurrence_hint(*rule, label, first, last));
        continue;
      }
      if (occurrence->value.unsupported) continue;
      model::OccurrenceRecord record;
      record.label = LocatedText{std::string(label), occurrence->key.pos};
      record.pos = occurrence->key.pos;
      if (!occurrence->value.is_map()) {
        error(value_pos(*occurrence), "wrong-type",
              fmt::format("occurrence '{}' must be a map such as '{{status: done, done: 2021-11-30}}', not {}",
                          shown(label), describe(occurrence->value)));
        continue;
      }
      read_progress_record(fields(occurrence->value, kOccurrenceKeys, fmt::format("occurrence '{}'", label)), record);
      records.push_back(std::move(record));
    }
    return records;
  }

  /// "did you mean '2021-Q1'?" among the labels of the same year (or the first), else how labels look.
  static std::string occurrence_hint(const model::Recurrence& rule, std::string_view label, int first, int last) {
    int year = first;
    if (label.size() >= 4 && is_digits(label.substr(0, 4))) year = std::clamp(to_int(label.substr(0, 4)), first, last);
    std::vector<std::string> labels;
    for (const auto& occurrence : model::occurrences_in_year(rule, year)) labels.push_back(occurrence.label);
    if (auto near = util::closest_match(label, labels)) return fmt::format("did you mean '{}'?", *near);
    return fmt::format("its occurrences are named like {}", model::label_example(rule, year));
  }

  /// `due: {after: 3.1 | 2026-02-13 | plan, days: N | working_days: N}`. It is turned into the Vietnamese
  /// wording it stands for and read like one, so both forms mean exactly the same.
  std::optional<Located<model::Deadline>> relative_deadline(const YamlNode& map) {
    const Fields details = fields(map, kRelativeDueKeys, "this deadline");
    const auto after = required_text(details, "after");
    const auto days = whole_number(details, "days", 1, 3660);
    const auto working_days = whole_number(details, "working_days", 1, 3660);
    if (days && working_days) {
      error(map.pos, "invalid-deadline", "a deadline counts either 'days:' or 'working_days:', not both",
            "'days: 30' counts calendar days; 'working_days: 10' skips weekends and holidays");
      return std::nullopt;
    }
    if (!days && !working_days) {
      // A misspelt key ('dayz:') is already reported, with its did-you-mean: that is the mistake.
      const bool misspelt = details.entries().size() < map.entries.size();
      if (!details.find("days") && !details.find("working_days") && !misspelt) {
        error(map.pos, "missing-field", "this deadline has neither 'days:' nor 'working_days:'",
              "write e.g. 'due: {after: 3.1, working_days: 10}' or 'due: {after: plan, days: 30}'");
      }
      return std::nullopt;
    }
    if (!after) return std::nullopt;
    const std::string count =
        days ? fmt::format("{} ngày", days->value) : fmt::format("{} ngày làm việc", working_days->value);
    std::string wording;
    const bool day = !after->value.empty() && after->value[0] >= '0' && after->value[0] <= '9' &&
                     after->value.find_first_of("-/") != std::string::npos &&
                     after->value.find('.') == std::string::npos;
    if (after->value == "plan") {
      wording = count + " kể từ ngày ban hành Kế hoạch";
    } else if (day) {
      wording = fmt::format("{} kể từ ngày {}", count, after->value);
    } else {
      wording = fmt::format("{} sau khi hoàn thành nhiệm vụ {}", count, after->value);
    }
    auto result = model::parse_deadline(wording, m_deadline_options);
    if (auto* deadline = std::get_if<model::Deadline>(&result)) {
      return Located<model::Deadline>{std::move(*deadline), map.pos};
    }
    if (auto& problem = std::get<model::DeadlineError>(result); day && problem.message.starts_with("there is no")) {
      error(after->pos, "invalid-deadline", std::move(problem.message), std::move(problem.hint));
      return std::nullopt;
    }
    error(after->pos, "invalid-deadline",
          fmt::format("'after: {}' is not a day, 'plan' or a task number", shown(after->value)),
          "write 'after: 2026-02-13' (a day), 'after: plan' (the plan's issue date) or 'after: 3.1' (when task "
          "3.1 is done)");
    return std::nullopt;
  }

  /// `trigger: 2026-03-01` or `trigger: {on: 2026-03-01, due: "30 ngày", note: "…"}`: the day the event a
  /// deadline waits for happened. Checked against the deadline it completes.
  std::optional<model::Trigger> trigger(const Fields& fields, const model::OptionalLocated<model::Deadline>& due) {
    const YamlEntry* entry = optional(fields, "trigger");
    if (!entry) return std::nullopt;
    model::Trigger result;
    result.pos = value_pos(*entry);
    if (entry->value.is_scalar()) {
      const LocatedText value{util::to_nfc(entry->value.text), entry->value.pos};
      const auto date = util::parse_iso_date(value.value);
      if (!date) {
        report_bad_date(value, "YYYY-MM-DD", "2026-03-01");
        return std::nullopt;
      }
      result.on = Located<util::Date>{*date, value.pos};
    } else {
      if (!expect_map(*entry, "a day (YYYY-MM-DD) or a map with 'on:' and 'due:'")) return std::nullopt;
      const Fields details = this->fields(entry->value, kTriggerKeys, "this trigger");
      if (!required(details, "on")) return std::nullopt;
      const auto on = full_date(details, "on");
      if (!on) return std::nullopt;
      result.on = *on;
      result.due = deadline(details, "due", true);
      if (auto note = optional_text(details, "note")) result.note = note->value;
      if (!result.due && optional(details, "due")) return std::nullopt;  // unreadable: already reported
    }
    if (!due) return result;  // the deadline itself was unreadable or missing: reported on its own
    using Kind = model::DeadlineKind;
    using Anchor = model::DeadlineAnchor::Kind;
    const model::Deadline& waits = due->value;
    const bool conditional = waits.kind == Kind::Conditional;
    const bool from_event = waits.counts_from(Anchor::Event);
    if (!conditional && !from_event) {
      error(result.pos, "invalid-value", "'trigger:' records an event, but this deadline waits for none",
            "use 'trigger:' with deadlines such as 'Sau khi có Quy chế của TW' or '05 ngày làm việc kể từ ngày "
            "nhận'; remove it here");
      return std::nullopt;
    }
    if (from_event && result.due) {
      error(result.due->pos, "invalid-value", "the deadline already says how many days follow the event",
            "remove 'due:' from 'trigger:'; 'on:' is enough");
      return std::nullopt;
    }
    if (conditional && !result.due) {
      error(result.pos, "missing-field", "the trigger does not say when the work is due now that the event happened",
            "write e.g. 'trigger: {on: 2026-03-01, due: 30 ngày}' or 'due: 30/04/2026' inside 'trigger:'");
      return std::nullopt;
    }
    if (result.due) {
      const model::Deadline& then = result.due->value;
      if (then.kind == Kind::Conditional || then.counts_from(Anchor::Event)) {
        error(result.due->pos, "invalid-value", "the deadline after the event cannot wait for another event",
              "write a day ('30/04/2026') or a number of days counted from 'on:' ('30 ngày', '10 ngày làm việc')");
        return std::nullopt;
      }
      // A repetition has no one date: the task would wait for ever although its event was recorded.
      if (then.kind == Kind::Recurring) {
        error(result.due->pos, "invalid-value", "the deadline after the event must be one date, not a repetition",
              "write a day ('30/04/2026') or a number of days counted from 'on:' ('30 ngày'); a duty that "
              "repeats from then on is its own task with a recurring 'due:'");
        return std::nullopt;
      }
    }
    return result;
  }

  /// `holidays:` or `working_days:` of the plan block: days added to the working calendar, each a date or
  /// {date, name}.
  std::vector<model::PlanDay> plan_days(const Fields& fields, std::string_view key) {
    std::vector<model::PlanDay> days;
    const YamlEntry* entry = optional(fields, key);
    if (!entry || !expect_list(*entry, "a list of days, each '- 2027-11-24' or '- {date: 2027-11-24, name: …}'")) {
      return days;
    }
    for (const YamlNode& item : entry->value.items) {
      if (item.unsupported) continue;
      model::PlanDay day;
      std::optional<LocatedText> date;
      if (item.is_scalar() && !is_blank(item)) {
        date = LocatedText{util::to_nfc(item.text), item.pos};
      } else if (item.is_map()) {
        const Fields details = this->fields(item, kPlanDayKeys, "this day");
        date = required_text(details, "date");
        if (auto name = optional_text(details, "name")) day.name = name->value;
      } else {
        error(item.is_null() ? entry->key.pos : item.pos, "wrong-type",
              fmt::format("each item of '{}' must be a day or a map with 'date:' and 'name:', not {}", key,
                          describe(item)));
        continue;
      }
      if (!date) continue;
      const auto parsed = util::parse_iso_date(date->value);
      if (!parsed) {
        report_bad_date(*date, "YYYY-MM-DD", "2027-11-24");
        continue;
      }
      if (key == "working_days" && !calendar::is_weekend(*parsed)) {
        error(date->pos, "invalid-value", fmt::format("{} is not a Saturday or a Sunday", parsed->vn()),
              "'working_days:' lists weekend days the government made working days; weekdays already are");
        continue;
      }
      day.date = Located<util::Date>{*parsed, date->pos};
      days.push_back(std::move(day));
    }
    return days;
  }

  /// One text or a list of texts ("support: snv" or "support: [snv, stc]"), as the list type of the field it
  /// fills (a task's lists are util::CompactVector, a section's std::vector).
  template <class Texts = std::vector<LocatedText>>
  Texts text_list(const Fields& fields, std::string_view key) {
    Texts texts;
    const YamlEntry* entry = optional(fields, key);
    if (!entry) return texts;
    // The list's own kind of text: std::string, util::ShortText or util::HeapText.
    using Text = decltype(Texts().begin()->value);
    if (entry->value.is_scalar()) {
      texts.push_back({Text(util::to_nfc(entry->value.text)), entry->value.pos});
      return texts;
    }
    if (!expect_list(*entry, "a text or a list of texts")) return texts;
    texts.reserve(entry->value.items.size());
    for (const YamlNode& item : entry->value.items) {
      if (item.unsupported) continue;
      if (!item.is_scalar() || is_blank(item)) {
        error(item.is_null() ? entry->key.pos : item.pos, "wrong-type",
              fmt::format("each item of '{}' must be a text, not {}", key, describe(item)));
        continue;
      }
      texts.push_back({Text(util::to_nfc(item.text)), item.pos});
    }
    return texts;
  }

  // ---- the parts of a plan ----

  /// `cchc: 1`, the only format version there is.
  void read_format_version(const Fields& top, model::Plan& plan) {
    const YamlEntry* entry = required(top, "cchc");
    if (!entry) return;
    if (entry->value.is_scalar() && entry->value.plain && entry->value.text == "1") {
      plan.format_version = 1;
      return;
    }
    if (!expect_kind(*entry, YamlNode::Kind::Scalar, "the format version 1")) return;
    if (!entry->value.plain && entry->value.text == "1") {
      error(entry->value.pos, "invalid-value", "the format version must be the number 1, not the text '1'",
            "write 'cchc: 1' without quotes");
      return;
    }
    error(entry->value.pos, "invalid-value",
          fmt::format("unsupported format version '{}'", util::to_nfc(entry->value.text)),
          "this version of cchc reads plan files that start with 'cchc: 1'");
  }

  /// The `plan:` block; also sets how deadlines are read.
  void read_plan_info(const YamlNode& map, model::Plan& plan) {
    const Fields info = fields(map, kPlanKeys, "the 'plan' block");
    if (auto id = required_text(info, "id")) {
      check_id(*id, "plan");
      plan.id = std::move(*id);
    }
    if (auto title = required_text(info, "title")) plan.title = std::move(*title);
    if (auto issuer = optional_text(info, "issuer")) plan.issuer = issuer->value;
    if (auto number = optional_text(info, "number")) plan.number = number->value;
    plan.date = partial_date(info, "date");
    if (auto status = choice(info, "status", kPlanStatuses)) plan.status = status->value;
    if (auto language = choice(info, "language", kLanguages)) plan.language = language->value;
    if (auto timezone = optional_text(info, "timezone")) plan.timezone = timezone->value;
    if (auto before_date = choice(info, "before_date", kBeforeDates)) plan.before_date = before_date->value;
    plan.period = period(info);
    m_deadline_options.before_date = plan.before_date;
    plan.holidays = plan_days(info, "holidays");
    plan.working_days = plan_days(info, "working_days");
    if (plan.period && plan.period->value.from == plan.period->value.to) {
      m_deadline_options.year = plan.period->value.from;
    } else if (plan.date) {
      m_deadline_options.year = plan.date->value.year;
    }
    plan.parent = parent_link(info);
  }

  /// `period: 2021 - 2030`, `period: 2025` or `period: {from: 2021, to: 2030}`: the years the plan covers.
  std::optional<Located<model::YearSpan>> period(const Fields& info) {
    const YamlEntry* entry = optional(info, "period");
    if (!entry) return std::nullopt;
    model::YearSpan span;
    const char* const kShape = "write the years the plan covers: 'period: 2021 - 2030' or 'period: 2025'";
    if (entry->value.is_map()) {
      const Fields keys = fields(entry->value, kPeriodKeys, "the 'period' block");
      const auto from = whole_number(keys, "from", 1, 9999);
      const auto to = whole_number(keys, "to", 1, 9999);
      if (!from || !to) {
        if (!keys.find("from") || !keys.find("to")) {
          error(entry->value.pos, "missing-field", "the 'period' block needs both 'from:' and 'to:'", kShape);
        }
        return std::nullopt;
      }
      span = model::YearSpan{from->value, to->value};
    } else if (entry->value.is_scalar()) {
      const std::string text = util::collapse_whitespace(entry->value.text);
      const auto dash = text.find('-');
      std::string first = text.substr(0, dash), last = dash == std::string::npos ? first : text.substr(dash + 1);
      first = util::collapse_whitespace(first);
      last = util::collapse_whitespace(last);
      if (first.size() != 4 || last.size() != 4 || !is_digits(first) || !is_digits(last) || to_int(first) < 1 ||
          to_int(last) < 1) {
        error(entry->value.pos, "invalid-value", fmt::format("cannot read the period '{}'", shown(text)), kShape);
        return std::nullopt;
      }
      span = model::YearSpan{to_int(first), to_int(last)};
    } else {
      expect_kind(*entry, YamlNode::Kind::Scalar, "years such as '2021 - 2030'");
      return std::nullopt;
    }
    if (span.to < span.from) {
      error(entry->value.pos, "invalid-value",
            fmt::format("the period ends ({}) before it begins ({})", span.to, span.from), kShape);
      return std::nullopt;
    }
    if (span.to - span.from + 1 > model::kMaxRecurrenceYears) {
      error(entry->value.pos, "invalid-value",
            fmt::format("the period {} - {} covers {} years; a plan covers at most {}", span.from, span.to,
                        span.to - span.from + 1, model::kMaxRecurrenceYears),
            "split it into plans of a few years each, as the documents themselves are");
      return std::nullopt;
    }
    return Located<model::YearSpan>{span, entry->value.pos};
  }

  /// `parent:` of the plan block, as a map `{plan: ID, task: "2"}` or as the reference "ID:2". Whether the plan
  /// and the task exist is checked once every plan is loaded (check_plans).
  std::optional<model::PlanLink> parent_link(const Fields& info) {
    const YamlEntry* entry = optional(info, "parent");
    if (!entry) return std::nullopt;
    model::PlanLink link;
    link.pos = value_pos(*entry);
    if (entry->value.is_map()) {
      const Fields details = fields(entry->value, kParentKeys, "'parent'");
      auto plan = required_text(details, "plan");
      auto task = required_text(details, "task");
      if (!plan || !task) return std::nullopt;
      link.plan = std::move(*plan);
      link.task = std::move(*task);
    } else if (auto text = text_of(entry)) {
      const std::size_t colon = text->value.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == text->value.size()) {
        error(text->pos, "invalid-value",
              fmt::format("'parent' must name a plan and one of its tasks, not '{}'", shown(text->value)),
              R"(write parent: "PLAN-ID:TASK" (e.g. "tinh-2026:2") or parent: {plan: tinh-2026, task: "2"})");
        return std::nullopt;
      }
      link.plan = {text->value.substr(0, colon), text->pos};
      link.task = {text->value.substr(colon + 1), text->pos};
    } else {
      return std::nullopt;
    }
    if (!check_id(link.plan, "plan")) return std::nullopt;
    return link;
  }

  /// A whole number from `low` to `high` written plainly; nullopt when absent or wrong (reported).
  std::optional<Located<int>> whole_number(const Fields& fields, std::string_view key, int low, int high) {
    const YamlEntry* entry = optional(fields, key);
    if (!entry) return std::nullopt;
    const YamlNode& value = entry->value;
    if (value.is_scalar() && value.plain && is_digits(value.text) && value.text.size() <= 4 &&
        to_int(value.text) >= low && to_int(value.text) <= high) {
      return Located<int>{to_int(value.text), value.pos};
    }
    error(value_pos(*entry), "invalid-value",
          fmt::format("'{}' must be a whole number from {} to {}, not {}", key, low, high, describe(value)));
    return std::nullopt;
  }

  /// `scoring:` — the PAR-style bands that turn rates into points.
  void read_scoring(const YamlNode& map, model::Plan& plan) {
    const Fields scoring = fields(map, kScoringKeys, "the 'scoring' block");
    plan.scoring.from_plan = true;
    for (const auto& [key, entry] : scoring.entries()) {
      if (!expect_list(*entry, "a list of bands such as '- {above: 90, points: 2}'")) continue;
      std::vector<model::ScoreBand> bands;
      for (const YamlNode& item : entry->value.items) {
        if (!expect_map_item(item, key, "a map with 'above:' or 'from:', and 'points:'")) continue;
        const Fields band_fields = fields(item, kBandKeys, "this band");
        model::ScoreBand band;
        band.pos = item.pos;
        const auto above = whole_number(band_fields, "above", 0, 100);
        const auto from = whole_number(band_fields, "from", 0, 100);
        if (above && from) {
          error(item.pos, "invalid-value", "a band has either 'above:' or 'from:', not both",
                "'above: 90' means more than 90%; 'from: 70' means 70% or more");
          continue;
        }
        if (!above && !from) {
          error(item.pos, "missing-field", "this band has neither 'above:' nor 'from:'",
                "write e.g. '- {above: 90, points: 2}' or '- {from: 70, points: 1}'");
          continue;
        }
        band.strict = above.has_value();
        band.threshold = above ? above->value : from->value;
        if (!band_fields.find("points")) {
          error(item.pos, "missing-field", "this band has no 'points:'", "add e.g. 'points: 1'");
          continue;
        }
        const auto points = whole_number(band_fields, "points", 0, 1000);
        if (!points) continue;
        band.points = points->value;
        bands.push_back(band);
      }
      (key == "completion" ? plan.scoring.completion : plan.scoring.on_time) = std::move(bands);
    }
  }

  /// `agencies:`, each either `id: name` or `id: {name, short, group}`.
  void read_agencies(const YamlNode& map, model::Plan& plan) {
    const auto entries = unique_entries(map);
    plan.agencies.reserve(plan.agencies.size() + entries.size());
    for (const auto& [key, entry] : entries) {
      model::Agency agency;
      agency.id = LocatedText{std::string(key), entry->key.pos};
      agency.pos = entry->key.pos;
      check_id(agency.id, "agency");
      const std::string owner = fmt::format("agency '{}'", key);
      if (entry->value.unsupported) continue;
      if (entry->value.is_scalar() && !is_blank(entry->value)) {
        agency.name = util::to_nfc(entry->value.text);  // "snv: Sở Nội vụ"
      } else if (entry->value.is_map()) {
        const Fields details = fields(entry->value, kAgencyKeys, owner);
        if (auto name = required_text(details, "name")) agency.name = name->value;
        if (auto short_name = optional_text(details, "short")) agency.short_name = short_name->value;
        if (auto group = boolean(details, "group")) agency.group = *group;
      } else if (is_blank(entry->value)) {
        error(entry->key.pos, "missing-field", fmt::format("{} has no name", owner),
              fmt::format("write '{}: <name>' or give it a 'name:' line", key));
      } else {
        error(entry->value.pos, "wrong-type",
              fmt::format("{} must be a name or a map with 'name:', not {}", owner, describe(entry->value)));
      }
      plan.agencies.push_back(std::move(agency));
    }
  }

  /// `documents:`, each `id: {ref, date, issuer, title}`.
  void read_documents(const YamlNode& map, model::Plan& plan) {
    const auto entries = unique_entries(map);
    plan.documents.reserve(plan.documents.size() + entries.size());
    for (const auto& [key, entry] : entries) {
      model::Document document;
      document.id = LocatedText{std::string(key), entry->key.pos};
      document.pos = entry->key.pos;
      check_id(document.id, "document");
      if (entry->value.unsupported) continue;
      const std::string owner = fmt::format("document '{}'", key);
      if (!entry->value.is_map()) {
        error(value_pos(*entry), "wrong-type",
              fmt::format("{} must be a map with 'ref:' and optionally 'date:', 'issuer:' and 'title:', not {}", owner,
                          describe(entry->value)));
      } else {
        const Fields details = fields(entry->value, kDocumentKeys, owner);
        if (auto ref = required_text(details, "ref")) document.ref = ref->value;
        if (auto date = partial_date(details, "date")) document.date = date->value;
        if (auto issuer = optional_text(details, "issuer")) document.issuer = issuer->value;
        if (auto title = optional_text(details, "title")) document.title = title->value;
      }
      plan.documents.push_back(std::move(document));
    }
  }

  /// True when a list item is a map; reports wrong-type otherwise (aliases are skipped silently).
  bool expect_map_item(const YamlNode& item, std::string_view list, std::string_view shape) {
    if (item.unsupported) return false;
    if (item.is_map()) return true;
    error(item.pos, "wrong-type", fmt::format("each item of '{}' must be {}, not {}", list, shape, describe(item)));
    return false;
  }

  /// A `tasks:` list; paths of the tasks are built under `parent_path`. Made as the list type it fills: the plan's
  /// top tasks (std::vector) or a task's subtasks (util::CompactVector).
  template <class Tasks>
  Tasks read_tasks(const YamlNode& list, const std::string& parent_path) {
    Tasks tasks;
    tasks.reserve(list.items.size());
    for (const YamlNode& item : list.items) {
      if (!expect_map_item(item, "tasks", "a map with 'id:' and 'title:'")) continue;
      tasks.push_back(read_task(item, parent_path));
    }
    return tasks;
  }

  /// The keys that record how the work went, the same for a task and a report section:
  /// status, done, progress, evidence, reason, note.
  template <class Work>
  void read_progress_record(const Fields& details, Work& work) {
    if (auto status = choice(details, "status", kTaskStatuses)) work.status = *status;
    work.done = full_date(details, "done");
    work.progress = percent(details, "progress");
    work.evidence = text_list<decltype(work.evidence)>(details, "evidence");
    read_reason_and_note(details, work);
  }
  template <class Work>
  void read_reason_and_note(const Fields& details, Work& work) {
    work.reason = optional_text(details, "reason");
    if (auto note = optional_text(details, "note")) work.note = note->value;
  }
  /// A task keeps them among its extras, made only when it has one of them.
  void read_reason_and_note(const Fields& details, model::Task& task) {
    if (auto reason = optional_text(details, "reason")) task.edit_extras().reason = std::move(*reason);
    if (auto note = optional_text(details, "note")) task.edit_extras().note = note->value;
  }

  /// One task and, recursively, its children.
  model::Task read_task(const YamlNode& map, const std::string& parent_path) {
    model::Task task;
    task.pos = map.pos;
    const Fields details = fields(map, kTaskKeys, Owner::item(map, "task"));
    if (auto id = required_text(details, "id")) task.id = {id->value, id->pos};
    // Kept only where it differs from the number: "1" under "II" is "II.1", "3.1" under "3" is "3.1"
    // (model::full_path).
    const std::string path = model::child_path(parent_path, task.id.value.empty() ? "?" : task.id.value.view());
    if (path != task.id.value) task.path = path;
    if (auto title = required_text(details, "title")) task.title = {util::HeapText(title->value), title->pos};
    if (auto lead = optional_text(details, "lead")) task.lead = model::LocatedId{lead->value, lead->pos};
    task.support = text_list<decltype(task.support)>(details, "support");
    task.due = deadline(details);
    if (auto read = trigger(details, task.due)) task.edit_extras().trigger = std::move(*read);
    read_progress_record(details, task);
    using Occurrences = util::CompactVector<model::OccurrenceRecord>;
    if (auto read = occurrences<Occurrences>(details, task.due); !read.empty()) {
      task.edit_extras().occurrences = std::move(read);
    }
    if (auto read = appendices<util::CompactVector<model::AppendixRef>>(details); !read.empty()) {
      task.edit_extras().appendices = std::move(read);
    }
    if (const YamlEntry* children = optional(details, "tasks")) {
      if (expect_list(*children, "a list of tasks, each starting with '- id:'")) {
        task.children = read_tasks<decltype(task.children)>(children->value, path);
      }
    }
    return task;
  }

  /// One item of `sections:`.
  std::optional<model::Section> read_section(const YamlNode& item) {
    if (!expect_map_item(item, "sections", "a map with 'id:' and 'title:'")) return std::nullopt;
    model::Section section;
    section.pos = item.pos;
    const Fields details = fields(item, kSectionKeys, Owner::item(item, "section"));
    if (auto id = required_text(details, "id")) section.id = std::move(*id);
    if (auto title = required_text(details, "title")) section.title = std::move(*title);
    section.lead = optional_text(details, "lead");
    section.due = deadline(details);
    section.trigger = trigger(details, section.due);
    section.tasks = text_list(details, "tasks");
    section.appendices = appendices<decltype(section.appendices)>(details);
    read_progress_record(details, section);
    section.occurrences = occurrences<decltype(section.occurrences)>(details, section.due);
    return section;
  }

  /// `appendices:` of a task or section, as the list type of the field it fills.
  template <class Refs>
  Refs appendices(const Fields& fields) {
    Refs refs;
    const YamlEntry* entry = optional(fields, "appendices");
    if (!entry || !expect_list(*entry, "a list of '- doc: …' items")) return refs;
    for (const YamlNode& item : entry->value.items) {
      if (!expect_map_item(item, "appendices", "a map with 'doc:' and 'items:'")) continue;
      model::AppendixRef ref;
      ref.pos = item.pos;
      const Fields details = this->fields(item, kAppendixKeys, "this appendix");
      if (auto doc = required_text(details, "doc")) ref.doc = std::move(*doc);
      ref.items = text_list(details, "items");
      refs.push_back(std::move(ref));
    }
    return refs;
  }

  const std::string& m_file;
  util::Diagnostics& m_diagnostics;
  std::size_t m_cap = 0;
  std::size_t m_dropped = 0;
  model::DeadlineOptions m_deadline_options;
  DeadlineMemo m_deadlines;
  model::Plan m_building;                        ///< the plan being read
  const model::Plan* m_plan = nullptr;           ///< the plan being read: its period and date place recurrences
  std::unordered_set<std::string> m_root_keys;   ///< keys of the root map seen while parsing, NFC
  std::optional<SourcePos> m_plan_info_read_at;  ///< where the `plan:` key read while parsing is written
  bool m_streaming_tasks = false;                ///< the root's `tasks:` list is read item by item
  util::Diagnostics m_forked_diagnostics;        ///< a fork's own problems (its m_diagnostics refers here)
};

}  // namespace

namespace {

LoadResult read_plan(std::string_view text, const std::string& file, const Limits& limits,
                     const ParseOptions& options) {
  LoadResult result;
  // The reader's problems are kept apart while the text is parsed: when the YAML turns out unreadable they are
  // dropped, as if the tasks read so far had never been looked at.
  util::Diagnostics reader_diagnostics;
  PlanReader reader(file, reader_diagnostics, limits.max_diagnostics);
  YamlDocument document = read_yaml(text, file, limits, &reader, options);
  result.diagnostics = std::move(document.diagnostics);
  const bool unreadable = !document.root && util::has_errors(result.diagnostics);
  std::size_t dropped = document.dropped;
  if (!unreadable) {
    result.plan = reader.read(document.root);
    dropped += reader.dropped();
    result.diagnostics.insert(result.diagnostics.end(), std::make_move_iterator(reader_diagnostics.begin()),
                              std::make_move_iterator(reader_diagnostics.end()));
  }
  // Reported in file order, as the user reads the file, whatever order the checks ran in.
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [](const auto& a, const auto& b) {
    return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
  });
  // A file of 100 000 unknown keys must not print 100 000 messages: the first ones say what is wrong.
  if (limits.max_diagnostics > 0 && (dropped > 0 || result.diagnostics.size() > limits.max_diagnostics)) {
    const std::size_t kept = std::min(result.diagnostics.size(), limits.max_diagnostics);
    const std::size_t more = result.diagnostics.size() - kept + dropped;
    const util::SourcePos last = result.diagnostics[kept - 1].pos;
    result.diagnostics.resize(kept);
    result.diagnostics.push_back(
        util::Diagnostic{util::Severity::Error, file, last, "limit",
                         fmt::format("{} more problem{} in this file not shown", more, more == 1 ? "" : "s"),
                         "fix the problems above first; they are often the cause of the rest"});
  }
  return result;
}

}  // namespace

LoadResult load_plan(std::string_view text, const std::string& file, const Limits& limits,
                     const ParseOptions& options) {
  // A cache that fails (a full disk, no memory for an entry) is only a miss: the text is read as without one.
  EventCache* const cache = options.model_cache;
  if (cache) {
    std::optional<LoadResult> kept;
    try {
      if (const auto entry = cache->find(file)) kept = decode_load_result(*entry, text, file, limits);
    } catch (...) {  // NOLINT(bugprone-empty-catch)
      kept.reset();
    }
    if (kept) {
      try {
        cache->replayed(file);
      } catch (...) {  // NOLINT(bugprone-empty-catch)
      }
      return std::move(*kept);
    }
  }
  LoadResult result = read_plan(text, file, limits, options);
  if (cache) {
    try {
      cache->store(file, encode_load_result(result, text, file, limits));
    } catch (...) {  // NOLINT(bugprone-empty-catch)
    }
  }
  return result;
}

}  // namespace cchc::load
