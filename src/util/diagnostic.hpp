#pragma once

#include <string>
#include <vector>

namespace cchc::util {

/// A place in a source file. Both numbers are 1-based; 0 means "unknown".
/// The column counts Unicode code points, as editors do, not bytes.
struct SourcePos {
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

enum class Severity { Error, Warning };

/// One problem found in a plan: plain data, printed by the render stage.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  SourcePos pos;
  std::string check;    ///< short name of the check that found it, e.g. "unknown-key"
  std::string message;  ///< what is wrong, in plain words
  std::string hint;     ///< how to fix it; may be empty

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = std::vector<Diagnostic>;

inline bool has_errors(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::Error) return true;
  }
  return false;
}

}  // namespace cchc::util
