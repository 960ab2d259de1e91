#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"

// The JSON output is a documented contract (docs/json.md): keys in a fixed order,
// two-space indentation as `jq .` prints it, fields only ever added.
namespace cchc::render {

namespace {

/// A JSON string literal. Valid UTF-8 passes through except controls, C1 controls,
/// bidirectional overrides and U+2028/U+2029, which are written as \uXXXX so the
/// output is safe on a terminal and in JavaScript; invalid bytes become U+FFFD.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (std::size_t offset = 0; offset < text.size();) {
    const std::size_t start = offset;
    const long code_point = detail::next_code_point(text, offset);
    switch (code_point) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (code_point < 0) {
      out += "\\ufffd";
    } else if (detail::is_unsafe_code_point(code_point) || code_point == 0x2028 || code_point == 0x2029) {
      out += fmt::format("\\u{:04x}", code_point);
    } else {
      out.append(text.substr(start, offset - start));
    }
  }
  return out + "\"";
}

std::string date_or_null(const std::optional<util::Date>& date) { return date ? quote(date->iso()) : "null"; }

/// Writes the members of one object, one per line, in the order they are added.
class ObjectWriter {
 public:
  explicit ObjectWriter(int indent) : m_indent(static_cast<std::size_t>(indent)) {}

  /// Adds a member whose value is already JSON text.
  void add(std::string_view key, std::string_view json_value) {
    if (!m_body.empty()) m_body += ",\n";
    m_body += std::string(m_indent + 2, ' ') + quote(key) + ": " + std::string(json_value);
  }

  std::string finish() const {
    if (m_body.empty()) return "{}";
    return "{\n" + m_body + "\n" + std::string(m_indent, ' ') + "}";
  }

 private:
  std::size_t m_indent;
  std::string m_body;
};

/// A JSON array of already formatted values, `indent` being the array's own indentation.
std::string array(const std::vector<std::string>& json_values, int indent) {
  if (json_values.empty()) return "[]";
  const std::string inner(static_cast<std::size_t>(indent + 2), ' ');
  std::string out = "[\n";
  for (std::size_t i = 0; i < json_values.size(); ++i) {
    out += inner + json_values[i];
    out += i + 1 < json_values.size() ? ",\n" : "\n";
  }
  return out + std::string(static_cast<std::size_t>(indent), ' ') + "]";
}

std::string rollup_object(const evaluate::Rollup& rollup, int indent) {
  std::vector<std::string> plans;
  for (const auto& plan : rollup.plans) plans.push_back(quote(plan));
  ObjectWriter counts(indent + 2);
  for (const auto& [state, count] : rollup.counts) counts.add(evaluate::to_string(state), fmt::format("{}", count));
  ObjectWriter object(indent);
  object.add("plans", array(plans, indent + 2));
  object.add("plans_below", fmt::format("{}", rollup.plans_below));
  object.add("tasks", fmt::format("{}", rollup.tasks));
  object.add("done", fmt::format("{}", rollup.done));
  object.add("counts", counts.finish());
  object.add("own_state", quote(evaluate::to_string(rollup.own_state)));
  return object.finish();
}

std::string item_object(const evaluate::Item& item, int indent) {
  std::vector<std::string> support;
  for (const auto& agency : item.support) support.push_back(quote(agency));

  ObjectWriter object(indent);
  object.add("plan", quote(item.plan_id));
  object.add("id", quote(item.id));
  object.add("title", quote(item.title));
  object.add("lead", quote(item.lead));
  object.add("lead_name", quote(item.lead_name));
  object.add("support", array(support, indent + 2));
  object.add("due", date_or_null(item.due));
  object.add("due_text", quote(item.due_text));
  object.add("state", quote(evaluate::to_string(item.state)));
  object.add("days", item.days ? fmt::format("{}", *item.days) : "null");
  object.add("status", quote(model::to_string(item.status)));
  object.add("done", date_or_null(item.done));
  object.add("kind", quote(detail::kind_name(item.kind)));
  object.add("depth", fmt::format("{}", item.depth));
  object.add("file", quote(item.file));
  object.add("line", item.pos.known() ? fmt::format("{}", item.pos.line) : "null");
  object.add("start", date_or_null(item.start));
  // Only with --rollup, and only on rows that plans below add to: the contract is extended, never changed.
  if (item.rollup) object.add("rollup", rollup_object(*item.rollup, indent + 2));
  return object.finish();
}

}  // namespace

std::string render_json(const std::vector<evaluate::Item>& items, const Options& options) {
  // Even an empty overdue list prints the whole object: scripts always get valid JSON.
  std::vector<std::string> objects;
  objects.reserve(items.size());
  for (const auto& item : items) objects.push_back(item_object(item, 4));

  ObjectWriter counts(2);
  for (const evaluate::State state : evaluate::all_states()) {
    int count = 0;
    for (const auto& item : items) {
      if (item.state == state) ++count;
    }
    counts.add(evaluate::to_string(state), fmt::format("{}", count));
  }

  ObjectWriter root(0);
  root.add("today", quote(options.today.iso()));
  root.add("items", array(objects, 2));
  root.add("counts", counts.finish());
  return root.finish() + "\n";
}

}  // namespace cchc::render
