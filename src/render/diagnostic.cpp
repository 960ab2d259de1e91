#include <fmt/format.h>
#include <algorithm>

#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"
#include "util/text.hpp"

namespace cchc::render {

namespace {

constexpr int kTabStop = 4;

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kBoldRed = "\x1b[1;31m";
constexpr const char* kBoldYellow = "\x1b[1;33m";
constexpr const char* kBoldGreen = "\x1b[1;32m";

/// The visible stand-in for a character that must not reach the terminal raw:
/// "\x1b" for a control byte or an invalid one, "\u202e" for other unsafe code points.
std::string escaped(long code_point, unsigned char byte) {
  if (code_point < 0) return fmt::format("\\x{:02x}", byte);
  if (code_point < 0x20 || code_point == 0x7F) return fmt::format("\\x{:02x}", code_point);
  return fmt::format("\\u{:04x}", code_point);
}

/// A source line as it is shown, and how far in columns the caret must move to
/// stand under the code point at `column` (1-based; clamped to the line's end).
struct ShownLine {
  std::string text;
  int caret_offset = 0;
};

ShownLine show_line(std::string_view line, int column) {
  ShownLine shown;
  int width = 0;
  int index = 1;
  bool caret_placed = false;
  for (std::size_t offset = 0; offset < line.size(); ++index) {
    if (index == column) {
      shown.caret_offset = width;
      caret_placed = true;
    }
    const std::size_t start = offset;
    const long code_point = detail::next_code_point(line, offset);
    std::string piece;
    if (code_point == '\t') {
      piece.assign(static_cast<std::size_t>(kTabStop - width % kTabStop), ' ');
    } else if (code_point < 0 || detail::is_unsafe_code_point(code_point)) {
      piece = escaped(code_point, static_cast<unsigned char>(line[start]));
    } else {
      piece = std::string(line.substr(start, offset - start));
    }
    width += util::display_width(piece);
    shown.text += piece;
  }
  if (!caret_placed) shown.caret_offset = width;
  return shown;
}

/// Message text with anything unsafe shown escaped, as in the source excerpt.
std::string safe_text(std::string_view text) { return show_line(text, 0).text; }

/// Text that may span lines (a hint listing the accepted forms): each line made
/// safe, the lines after the first indented by `indent` spaces so they stay under it.
std::string safe_lines(std::string_view text, std::size_t indent) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = text.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (start > 0) out += "\n" + std::string(indent, ' ');
    out += safe_text(line);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return out;
}

/// Line `number` (1-based) of `source`, without its line ending; nullopt past the end.
std::optional<std::string_view> source_line(std::string_view source, int number) {
  if (number < 1 || source.empty()) return std::nullopt;
  std::size_t start = 0;
  for (int current = 1; current < number; ++current) {
    const std::size_t newline = source.find('\n', start);
    if (newline == std::string_view::npos) return std::nullopt;
    start = newline + 1;
  }
  std::size_t end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  std::string_view line = source.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::string format_diagnostic(const util::Diagnostic& diagnostic, std::string_view source, bool color) {
  const auto paint = [color](const char* code, std::string_view text) {
    return color ? code + std::string(text) + kReset : std::string(text);
  };

  std::string location = safe_text(diagnostic.file);
  if (diagnostic.pos.known()) {
    location += fmt::format("{}{}", location.empty() ? "" : ":", diagnostic.pos.line);
    if (diagnostic.pos.column > 0) location += fmt::format(":{}", diagnostic.pos.column);
  }
  const bool is_error = diagnostic.severity == util::Severity::Error;

  std::string out;
  if (!location.empty()) out += paint(kBold, location + ":") + " ";
  out += paint(is_error ? kBoldRed : kBoldYellow, is_error ? "error" : "warning");
  out += paint(kBold, ": " + safe_lines(diagnostic.message, 2));
  out += '\n';

  if (diagnostic.pos.known()) {
    if (const auto line = source_line(source, diagnostic.pos.line)) {
      const std::string number = fmt::format("{}", diagnostic.pos.line);
      // A very long line (a megabyte of '[') is shown as a window around the column, marked by "…".
      constexpr int kWindow = 120;
      std::string_view part = *line;
      int column = diagnostic.pos.column;
      std::string before, after;
      if (line->size() > static_cast<std::size_t>(kWindow)) {
        const int first = std::max(1, column - kWindow / 2);
        const std::size_t begin = util::byte_of_column(*line, first);
        const std::size_t end = util::byte_of_column(*line, first + kWindow);
        part = line->substr(begin, end - begin);
        if (begin > 0) before = "…";
        if (end < line->size()) after = "…";
        column = column > 0 ? column - first + 1 : column;
      }
      ShownLine shown = show_line(part, column);
      if (!before.empty()) {
        shown.text = before + shown.text;
        shown.caret_offset += 1;
      }
      shown.text += after;
      out += "  " + number + " | " + shown.text + "\n";
      if (diagnostic.pos.column > 0) {
        out += "  " + std::string(number.size(), ' ') + " | " +
               std::string(static_cast<std::size_t>(shown.caret_offset), ' ') + paint(kBoldGreen, "^") + "\n";
      }
    }
  }

  if (!diagnostic.hint.empty()) out += "  hint: " + safe_lines(diagnostic.hint, 8) + "\n";
  return out;
}

}  // namespace cchc::render
