#pragma once

#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "load/load.hpp"
#include "load/yaml_tree.hpp"

// Helpers for the tests that compare two ways of reading the same text (two parsers, a replayed recording):
// each writes everything a reading gives as text, so that two readings compare with one ==.
namespace cchc::test_support {

/// Every node of a tree, one per line with its position and flags.
inline void dump(const load::YamlNode& node, std::ostringstream& out, int depth) {
  out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << static_cast<int>(node.kind) << " " << node.pos.line
      << ":" << node.pos.column << " " << node.text << (node.streamed ? " (streamed)" : "")
      << (node.plain ? " (plain)" : "") << (node.flow ? " (flow)" : "") << (node.unsupported ? " (unsupported)" : "")
      << "\n";
  for (const auto& item : node.items) dump(item, out, depth + 1);
  for (const auto& entry : node.entries) {
    dump(entry.key, out, depth + 1);
    dump(entry.value, out, depth + 2);
  }
}

inline std::string dump(const std::optional<load::YamlNode>& root) {
  std::ostringstream out;
  if (root) dump(*root, out, 0);
  return out.str();
}

inline std::string dump(const util::Diagnostics& diagnostics) {
  std::ostringstream out;
  for (const auto& d : diagnostics) {
    out << d.file << ":" << d.pos.line << ":" << d.pos.column << " " << static_cast<int>(d.severity) << " [" << d.check
        << "] " << d.message << " | " << d.hint << "\n";
  }
  return out.str();
}

/// The tasks of a plan, nested, with what was read of each and where.
inline void dump(std::span<const model::Task> tasks, std::ostringstream& out) {
  for (const auto& task : tasks) {
    out << cchc::model::full_path(task) << " " << task.pos.line << ":" << task.pos.column << " "
        << task.title.value.view() << " @" << task.title.pos.line << ":" << task.title.pos.column
        << " lead=" << (task.lead ? task.lead->value.view() : "-")
        << " due=" << (task.due ? task.due->value.text.view() : "-")
        << " progress=" << (task.progress ? task.progress->value : -1) << " note=" << task.note().view()
        << " children:\n";
    dump(task.children, out);
  }
}

inline std::string dump(const load::LoadResult& result) {
  std::ostringstream out;
  out << dump(result.diagnostics);
  if (!result.plan) return out.str() + "(no plan)\n";
  const model::Plan& plan = *result.plan;
  out << "plan " << plan.id.value << " " << plan.title.value << " agencies=" << plan.agencies.size()
      << " sections=" << plan.sections.size() << "\n";
  dump(plan.tasks, out);
  return out.str();
}

/// Records what read_yaml streams (the items of the root's `tasks:` list), and whether it had to start again.
class StreamRecorder : public load::ItemStream {
 public:
  std::vector<std::string> entries;
  std::vector<std::string> items;
  int restarts = 0;
  int forks = 0;

  void root_entry(const load::YamlEntry& entry) override { entries.push_back(dump(std::optional(entry.key))); }
  bool stream_items_of(const load::YamlNode& key) override { return key.text == "tasks"; }
  void item(load::YamlNode&& item) override { items.push_back(dump(std::optional<load::YamlNode>(item))); }
  void restart() override {
    entries.clear();
    items.clear();
    ++restarts;
  }
  std::unique_ptr<load::ItemStream> fork() override {
    ++forks;
    return std::make_unique<StreamRecorder>();
  }
  bool join(load::ItemStream& forked) override {
    auto& other = dynamic_cast<StreamRecorder&>(forked);
    items.insert(items.end(), other.items.begin(), other.items.end());
    return true;
  }
};

}  // namespace cchc::test_support
