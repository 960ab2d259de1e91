#include <fmt/format.h>

#include <array>

#include "stats/stats.hpp"
#include "util/text.hpp"

namespace cchc::stats {

namespace {

const char* by_name(GroupBy by) {
  switch (by) {
    case GroupBy::Lead: return "lead";
    case GroupBy::Plan: return "plan";
    case GroupBy::Section: return "section";
    case GroupBy::Month: return "month";
    case GroupBy::Unit: return "unit";
  }
  return "lead";
}

std::string percent(std::optional<double> value) { return value ? fmt::format("{:.1f}", *value) : std::string(); }

/// The cells of one row, in the order of the headings below; `blank` stands for a rate that has no base.
std::vector<std::string> cells(const Row& row, const model::Scoring& scoring, const std::string& blank,
                               const std::string& no_key) {
  const auto completion = row.completion_rate();
  const auto on_time = row.on_time_rate();
  const auto or_blank = [&](const std::string& text) { return text.empty() ? blank : text; };
  return {
      row.key.empty() ? no_key : row.key,
      row.name,
      std::to_string(row.due),
      std::to_string(row.on_time),
      std::to_string(row.late),
      or_blank(percent(row.average_days_late())),
      std::to_string(row.undated),
      std::to_string(row.overdue),
      std::to_string(row.cancelled),
      std::to_string(row.not_yet_due),
      or_blank(percent(completion)),
      or_blank(percent(on_time)),
      completion ? std::to_string(model::points_for(scoring.completion, *completion)) : blank,
      on_time ? std::to_string(model::points_for(scoring.on_time, *on_time)) : blank,
  };
}

const std::array<const char*, 14> kEnglish = {
    "group",   "name",      "due",         "on_time",      "late",      "avg_days_late",     "done_undated",
    "overdue", "cancelled", "not_yet_due", "completion_%", "on_time_%", "completion_points", "on_time_points"};
const std::array<const char*, 14> kVietnamese = {
    "Nhóm",    "Tên", "Số nhiệm vụ",  "Đúng hạn",     "Trễ hạn",    "TB ngày trễ",     "HT không rõ ngày",
    "Quá hạn", "Hủy", "Chưa đến hạn", "% hoàn thành", "% đúng hạn", "Điểm hoàn thành", "Điểm đúng hạn"};
const std::array<const char*, 14> kEnglishLabels = {
    "Group",   "Name",      "Tasks",       "On time", "Late",      "Avg days late", "Done, no date",
    "Overdue", "Cancelled", "Not yet due", "% done",  "% on time", "Done points",   "On-time points"};

std::string title(const Report& report, bool vietnamese) {
  std::string window;
  if (report.options.from || report.options.to) {
    window = fmt::format(fmt::runtime(vietnamese ? ", hạn từ {} đến {}" : ", due from {} to {}"),
                         report.options.from ? report.options.from->vn() : "…",
                         report.options.to ? report.options.to->vn() : "…");
  }
  static const std::array<const char*, 5> kVi = {"cơ quan chủ trì", "kế hoạch", "phần báo cáo", "tháng", "đơn vị"};
  static const std::array<const char*, 5> kEn = {"lead", "plan", "section", "month", "unit"};
  const auto by = static_cast<std::size_t>(report.options.by);
  if (report.options.rollup) window += vietnamese ? ", gồm cả kế hoạch cấp dưới" : ", with the plans below";
  return vietnamese ? fmt::format("Thống kê đến ngày {}, theo {}{}", report.today.vn(), kVi[by], window)
                    : fmt::format("Statistics as of {}, by {}{}", report.today.vn(), kEn[by], window);
}

std::string table(const Report& report, bool vietnamese) {
  const auto& headings = vietnamese ? kVietnamese : kEnglishLabels;
  std::vector<std::vector<std::string>> grid;
  grid.emplace_back(headings.begin(), headings.end());
  for (const auto& row : report.rows) grid.push_back(cells(row, report.scoring, "-", "-"));
  auto total = cells(report.total, report.scoring, "-", "-");
  total[0] = vietnamese ? "Tổng" : "Total";
  grid.push_back(total);
  std::vector<int> widths(headings.size(), 0);
  for (auto& line : grid) {
    line[1] = util::truncate_to_width(line[1], 40);
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], util::display_width(line[c]));
  }
  std::string out = title(report, vietnamese) + "\n\n";
  for (std::size_t r = 0; r < grid.size(); ++r) {
    std::string text;
    for (std::size_t c = 0; c < grid[r].size(); ++c) {
      const std::string& cell = grid[r][c];
      const std::string pad(static_cast<std::size_t>(widths[c] - util::display_width(cell)), ' ');
      if (c > 0) text += "  ";
      text += c < 2 ? cell + pad : pad + cell;  // numbers to the right
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
    if (r == 0 || r + 2 == grid.size()) {
      int total_width = 0;
      for (int w : widths) total_width += w;
      out += std::string(static_cast<std::size_t>(total_width + 2 * (static_cast<int>(widths.size()) - 1)), '-') + "\n";
    }
  }
  return out;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<') out += '\\';
    out += c == '\n' || c == '\r' ? ' ' : c;
  }
  return out;
}

std::string markdown(const Report& report, bool vietnamese) {
  const auto& headings = vietnamese ? kVietnamese : kEnglishLabels;
  std::string out = fmt::format("**{}**\n\n|", markdown_cell(title(report, vietnamese)));
  for (const char* heading : headings) out += fmt::format(" {} |", heading);
  out += "\n|";
  for (std::size_t c = 0; c < headings.size(); ++c) out += c < 2 ? " --- |" : " ---: |";
  out += "\n";
  const auto line = [&](std::vector<std::string> values, bool bold) {
    std::string text = "|";
    for (auto& value : values) {
      value = markdown_cell(value);
      text += bold && !value.empty() ? fmt::format(" **{}** |", value) : fmt::format(" {} |", value);
    }
    return text + "\n";
  };
  for (const auto& row : report.rows) out += line(cells(row, report.scoring, "–", "–"), false);
  auto total = cells(report.total, report.scoring, "–", "–");
  total[0] = vietnamese ? "Tổng" : "Total";
  out += line(total, true);
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv(const Report& report) {
  std::string out;
  const auto record = [&](const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + csv_field(values[i]);
    out += "\r\n";
  };
  record(std::vector<std::string>(kEnglish.begin(), kEnglish.end()));
  for (const auto& row : report.rows) record(cells(row, report.scoring, "", ""));
  auto total = cells(report.total, report.scoring, "", "");
  total[0] = "*";  // the total: no agency, plan or month key can be "*"
  record(total);
  return out;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += fmt::format("\\u{:04x}", byte);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_number(std::optional<double> value) {
  return value ? fmt::format("{:.1f}", *value) : std::string("null");
}

std::string json_row(const Row& row, const model::Scoring& scoring) {
  const auto completion = row.completion_rate();
  const auto on_time = row.on_time_rate();
  return fmt::format(
      "{{\"key\": {}, \"name\": {}, \"due\": {}, \"on_time\": {}, \"late\": {}, \"average_days_late\": {}, "
      "\"done_undated\": {}, \"overdue\": {}, \"cancelled\": {}, \"not_yet_due\": {}, \"completion_rate\": {}, "
      "\"on_time_rate\": {}, \"completion_points\": {}, \"on_time_points\": {}}}",
      json_string(row.key), json_string(row.name), row.due, row.on_time, row.late, json_number(row.average_days_late()),
      row.undated, row.overdue, row.cancelled, row.not_yet_due, json_number(completion), json_number(on_time),
      completion ? std::to_string(model::points_for(scoring.completion, *completion)) : "null",
      on_time ? std::to_string(model::points_for(scoring.on_time, *on_time)) : "null");
}

std::string json_bands(const std::vector<model::ScoreBand>& bands) {
  std::vector<std::string> parts;
  parts.reserve(bands.size());
  for (const auto& band : bands) {
    parts.push_back(
        fmt::format(R"({{"{}": {}, "points": {}}})", band.strict ? "above" : "from", band.threshold, band.points));
  }
  return fmt::format("[{}]", fmt::join(parts, ", "));
}

std::string json(const Report& report) {
  std::string out = "{\n";
  out += fmt::format("  \"today\": \"{}\",\n  \"by\": \"{}\",\n", report.today.iso(), by_name(report.options.by));
  out += fmt::format("  \"from\": {},\n  \"to\": {},\n",
                     report.options.from ? json_string(report.options.from->iso()) : "null",
                     report.options.to ? json_string(report.options.to->iso()) : "null");
  out += fmt::format("  \"scoring\": {{\"completion\": {}, \"on_time\": {}, \"from_plan\": {}}},\n",
                     json_bands(report.scoring.completion), json_bands(report.scoring.on_time),
                     report.scoring.from_plan ? "true" : "false");
  out += "  \"groups\": [";
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    out += (i ? ",\n    " : "\n    ") + json_row(report.rows[i], report.scoring);
  }
  out += report.rows.empty() ? "],\n" : "\n  ],\n";
  out += "  \"total\": " + json_row(report.total, report.scoring) + "\n}\n";
  return out;
}

}  // namespace

std::string render(const Report& report, Format format, bool vietnamese) {
  switch (format) {
    case Format::Table: return table(report, vietnamese);
    case Format::Markdown: return markdown(report, vietnamese);
    case Format::Csv: return csv(report);
    case Format::Json: return json(report);
  }
  return {};
}

}  // namespace cchc::stats
