#include <fmt/format.h>

#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/render.hpp"

namespace cchc::render {

namespace {

/// One RFC 4180 field: quoted when it holds a comma, a quote or a line break.
/// Control characters other than tab and line breaks are replaced, never written raw.
std::string field(std::string_view raw) {
  std::string text = detail::replace_unsafe(raw, true);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

/// A text written in the plan, made inert for spreadsheets: Excel and LibreOffice run a cell that starts with
/// '=', '+', '-' or '@' as a formula (=HYPERLINK(…), =cmd|…), so such a text gets a leading apostrophe, which
/// spreadsheets hide and treat as "this is text" (docs/formats.md).
std::string inert(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

std::string record(const std::vector<std::string>& values) {
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += ',';
    line += field(values[i]);
  }
  return line + "\r\n";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

}  // namespace

std::string render_csv(const std::vector<evaluate::Item>& items, const Options& options) {
  // The overdue list feeds cron mail: nothing overdue must mean no output at all.
  if (items.empty() && options.view == View::Overdue) return "";
  std::string out =
      record({"plan", "id", "title", "lead", "support", "due", "due_text", "state", "days", "status", "kind"});
  for (const auto& item : items) {
    out += record({
        item.plan_id,
        inert(item.id),
        inert(item.title),
        item.lead,
        join(item.support, "; "),
        item.due ? item.due->iso() : "",
        inert(item.due_text),
        evaluate::to_string(item.state),
        item.days ? fmt::format("{}", *item.days) : "",
        model::to_string(item.status),
        detail::kind_name(item.kind),
    });
  }
  return out;
}

}  // namespace cchc::render
