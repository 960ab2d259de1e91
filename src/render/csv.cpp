#include <fmt/format.h>

#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/export.hpp"
#include "render/render.hpp"

namespace cchc::render {

namespace {

/// One RFC 4180 field: quoted when it holds the delimiter, a quote or a line break.
/// Control characters other than tab and line breaks are replaced, never written raw.
std::string field(std::string_view raw, char delimiter) {
  std::string text = detail::replace_unsafe(raw, true);
  if (text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

/// A text written in the plan, made inert for spreadsheets: Excel and LibreOffice run a cell that starts with
/// '=', '+', '-' or '@' as a formula (=HYPERLINK(…), =cmd|…), and one that starts with a tab or a carriage
/// return before such a character too, so such a text gets a leading apostrophe, which spreadsheets hide and
/// treat as "this is text" (docs/formats.md).
std::string inert(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

std::string record(const std::vector<std::string>& values, char delimiter = ',') {
  std::string line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) line += delimiter;
    line += field(values[i], delimiter);
  }
  return line + "\r\n";
}

template <class Text>
std::string join(const std::vector<Text>& parts, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

const std::vector<std::string> kColumns = {"plan",     "id",    "title", "lead",   "support", "due",
                                           "due_text", "state", "days",  "status", "kind",    "occurrence"};

/// The cells of the columns `status --format csv` has (kColumns).
std::vector<std::string> list_cells(const evaluate::Item& item) {
  return {
      std::string(item.plan_id),
      inert(item.id),
      inert(item.title),
      std::string(item.lead),
      join(item.support, "; "),
      item.due ? item.due->iso() : "",
      inert(item.due_text),
      evaluate::to_string(item.state),
      item.days ? fmt::format("{}", *item.days) : "",
      model::to_string(item.status),
      detail::kind_name(item.kind),
      inert(item.occurrence),
  };
}

std::string date_cell(const std::optional<util::Date>& date) { return date ? date->iso() : ""; }

}  // namespace

std::string render_csv(const std::vector<evaluate::Item>& items, const Options& options) {
  // The overdue list feeds cron mail: nothing overdue must mean no output at all.
  if (items.empty() && options.view == View::Overdue) return "";
  std::string out = record(kColumns);
  for (const auto& item : items) out += record(list_cells(item));
  return out;
}

std::string render_export_csv(const std::vector<evaluate::Item>& items, const CsvDialect& dialect) {
  std::string out = dialect.byte_order_mark ? "\xEF\xBB\xBF" : "";
  std::vector<std::string> header = kColumns;
  header.insert(header.end(), {"lead_name", "support_names", "start", "done", "depth"});
  out += record(header, dialect.delimiter);
  for (const auto& item : items) {
    std::vector<std::string> cells = list_cells(item);
    std::vector<std::string> support_names;
    support_names.reserve(item.support_names.size());
    for (const auto& name : item.support_names) support_names.push_back(inert(name));
    cells.insert(cells.end(), {inert(item.lead_name), join(support_names, "; "), date_cell(item.start),
                               date_cell(item.done), fmt::format("{}", item.depth)});
    out += record(cells, dialect.delimiter);
  }
  return out;
}

}  // namespace cchc::render
