// `cchc export --format json`: the whole evaluated plans, described by docs/export.schema.json.

#include <fmt/format.h>

#include <map>
#include <span>
#include <string>
#include <vector>

#include "render/export.hpp"
#include "render/json_writer.hpp"

namespace cchc::render {

namespace {

using detail::array;
using detail::date_or_null;
using detail::ObjectWriter;
using detail::quote;
using evaluate::Item;
using evaluate::ItemKind;

/// The evaluated item of each task and section, by plan, kind and id.
class ItemIndex {
 public:
  explicit ItemIndex(const std::vector<Item>& items) {
    for (const Item& item : items) m_items.emplace(key(item.plan_id, item.kind, item.id), &item);
  }

  const Item* find(std::string_view plan_id, ItemKind kind, std::string_view id) const {
    const auto found = m_items.find(key(plan_id, kind, id));
    return found == m_items.end() ? nullptr : found->second;
  }

 private:
  static std::string key(std::string_view plan_id, ItemKind kind, std::string_view id) {
    return fmt::format("{}\n{}\n{}", plan_id, kind == ItemKind::Section ? 's' : 't', id);
  }
  std::map<std::string, const Item*> m_items;
};

template <class Text>
std::string text_array(const std::vector<Text>& texts, int indent) {
  std::vector<std::string> quoted;
  quoted.reserve(texts.size());
  for (const auto& text : texts) quoted.push_back(quote(text));
  return array(quoted, indent);
}

/// `Texts`: a list of model::Located texts of any kind (std::string, util::HeapText).
template <class Texts>
std::string located_texts(const Texts& texts, int indent) {
  std::vector<std::string> values;
  values.reserve(texts.size());
  for (const auto& text : texts) values.emplace_back(std::string_view(text.value));
  return text_array(values, indent);
}

/// A text that may be missing (std::optional or util::Boxed): quoted, or null.
template <class Optional>
std::string optional_text(const Optional& text) {
  return text ? quote(text->value) : "null";
}

std::string optional_number(const model::OptionalLocated<int>& number) {
  return number ? fmt::format("{}", number->value) : "null";
}

std::string line_of(const util::SourcePos& pos) { return pos.known() ? fmt::format("{}", pos.line) : "null"; }

/// The members every task and report section has: who, when, and its state on the day.
void add_evaluation(ObjectWriter& object, const Item& item, int indent) {
  object.add("lead", quote(item.lead));
  object.add("lead_name", quote(item.lead_name));
  object.add("support", text_array(item.support, indent + 2));
  object.add("support_names", text_array(item.support_names, indent + 2));
  object.add("due", date_or_null(item.due));
  object.add("start", date_or_null(item.start));
  object.add("due_text", quote(item.due_text));
  object.add("due_derived", item.due_derived ? "true" : "false");
  object.add("state", quote(evaluate::to_string(item.state)));
  object.add("days", item.days ? fmt::format("{}", *item.days) : "null");
  object.add("status", quote(model::to_string(item.status)));
  object.add("done", date_or_null(item.done));
}

std::string task_object(const model::Plan& plan, const model::Task& task, const ItemIndex& index, int indent) {
  const std::string path(model::full_path(task));
  const Item* item = index.find(plan.id.value, ItemKind::Task, path);
  ObjectWriter object(indent);
  object.add("id", quote(path));
  object.add("number", quote(task.id.value));
  object.add("title", quote(task.title.value));
  if (item != nullptr) add_evaluation(object, *item, indent);
  object.add("progress", optional_number(task.progress));
  object.add("evidence", located_texts(task.evidence, indent + 2));
  object.add("reason", optional_text(task.reason()));
  object.add("note", quote(task.note()));
  object.add("line", line_of(task.pos));
  std::vector<std::string> children;
  children.reserve(task.children.size());
  for (const auto& child : task.children) children.push_back(task_object(plan, child, index, indent + 4));
  object.add("children", array(children, indent + 2));
  return object.finish();
}

std::string section_object(const model::Plan& plan, const model::Section& section, const ItemIndex& index, int indent) {
  const Item* item = index.find(plan.id.value, ItemKind::Section, section.id.value);
  ObjectWriter object(indent);
  object.add("id", quote(section.id.value));
  object.add("title", quote(section.title.value));
  if (item != nullptr) add_evaluation(object, *item, indent);
  object.add("tasks", located_texts(section.tasks, indent + 2));
  object.add("progress", optional_number(section.progress));
  object.add("evidence", located_texts(section.evidence, indent + 2));
  object.add("reason", optional_text(section.reason));
  object.add("note", quote(section.note));
  object.add("line", line_of(section.pos));
  return object.finish();
}

/// Tasks per state, counted as `cchc overdue` counts them: report sections are parts of the report, not work,
/// and a grouping whose deadline only comes from its subtasks would count their work twice.
std::string counts_object(const std::vector<const Item*>& items, int indent) {
  ObjectWriter counts(indent);
  for (const evaluate::State state : evaluate::all_states()) {
    int count = 0;
    for (const Item* item : items) {
      if (item->kind == ItemKind::Task && !item->due_derived && item->state == state) ++count;
    }
    counts.add(evaluate::to_string(state), fmt::format("{}", count));
  }
  return counts.finish();
}

std::string plan_object(const model::Plan& plan, const std::vector<Item>& items, const ItemIndex& index, int indent) {
  const int member = indent + 2;
  std::vector<std::string> agencies;
  for (const auto& agency : plan.agencies) {
    ObjectWriter object(member + 2);
    object.add("id", quote(agency.id.value));
    object.add("name", quote(agency.name));
    object.add("short_name", quote(agency.short_name));
    object.add("group", agency.group ? "true" : "false");
    agencies.push_back(object.finish());
  }
  std::vector<std::string> documents;
  for (const auto& document : plan.documents) {
    ObjectWriter object(member + 2);
    object.add("id", quote(document.id.value));
    object.add("ref", quote(document.ref));
    object.add("date", document.date ? quote(document.date->iso()) : "null");
    object.add("issuer", quote(document.issuer));
    object.add("title", quote(document.title));
    documents.push_back(object.finish());
  }
  std::vector<std::string> tasks;
  for (const auto& task : plan.tasks) tasks.push_back(task_object(plan, task, index, member + 2));
  std::vector<std::string> sections;
  for (const auto& section : plan.sections) sections.push_back(section_object(plan, section, index, member + 2));
  std::vector<const Item*> own;
  for (const Item& item : items) {
    if (item.plan_id == plan.id.value) own.push_back(&item);
  }

  ObjectWriter object(indent);
  object.add("id", quote(plan.id.value));
  object.add("title", quote(plan.title.value));
  object.add("issuer", quote(plan.issuer));
  object.add("number", quote(plan.number));
  object.add("date", plan.date ? quote(plan.date->value.iso()) : "null");
  object.add("status", quote(model::to_string(plan.status)));
  object.add("language", quote(model::to_string(plan.language)));
  object.add("timezone", quote(plan.timezone));
  object.add("file", quote(plan.file));
  object.add("agencies", array(agencies, member));
  object.add("documents", array(documents, member));
  object.add("tasks", array(tasks, member));
  object.add("sections", array(sections, member));
  object.add("counts", counts_object(own, member));
  return object.finish();
}

}  // namespace

std::string render_export_json(const std::vector<const model::Plan*>& plans, const std::vector<Item>& items,
                               util::Date today) {
  const ItemIndex index(items);
  std::vector<std::string> objects;
  objects.reserve(plans.size());
  for (const model::Plan* plan : plans) objects.push_back(plan_object(*plan, items, index, 4));
  std::vector<const Item*> all;
  all.reserve(items.size());
  for (const Item& item : items) all.push_back(&item);

  ObjectWriter root(0);
  root.add("format", quote("cchc-export"));
  root.add("format_version", "1");
  root.add("today", quote(today.iso()));
  root.add("plans", array(objects, 2));
  root.add("counts", counts_object(all, 2));
  return root.finish() + "\n";
}

}  // namespace cchc::render
