#include "render/json_writer.hpp"

#include <fmt/format.h>

#include "render/cells.hpp"

namespace cchc::render::detail {

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

void ObjectWriter::add(std::string_view key, std::string_view json_value) {
  if (!m_body.empty()) m_body += ",\n";
  m_body += std::string(m_indent + 2, ' ') + quote(key) + ": " + std::string(json_value);
}

std::string ObjectWriter::finish() const {
  if (m_body.empty()) return "{}";
  return "{\n" + m_body + "\n" + std::string(m_indent, ' ') + "}";
}

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

}  // namespace cchc::render::detail
