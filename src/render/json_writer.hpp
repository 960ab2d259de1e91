#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.hpp"

// Writing JSON the way every cchc JSON output looks (docs/json.md): keys in the order they are added,
// two-space indentation as `jq .` prints it. Internal to the render stage.
namespace cchc::render::detail {

/// A JSON string literal. Valid UTF-8 passes through except controls, C1 controls,
/// bidirectional overrides and U+2028/U+2029, which are written as \uXXXX so the
/// output is safe on a terminal and in JavaScript; invalid bytes become U+FFFD.
std::string quote(std::string_view text);

/// "YYYY-MM-DD" as a JSON string, or null.
std::string date_or_null(const std::optional<util::Date>& date);

/// Writes the members of one object, one per line, in the order they are added.
class ObjectWriter {
 public:
  explicit ObjectWriter(int indent) : m_indent(static_cast<std::size_t>(indent)) {}

  /// Adds a member whose value is already JSON text.
  void add(std::string_view key, std::string_view json_value);

  std::string finish() const;

 private:
  std::size_t m_indent;
  std::string m_body;
};

/// A JSON array of already formatted values, `indent` being the array's own indentation.
std::string array(const std::vector<std::string>& json_values, int indent);

}  // namespace cchc::render::detail
