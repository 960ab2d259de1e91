#include "render/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "render/cells.hpp"
#include "render/render.hpp"
#include "util/text.hpp"

namespace cchc::render {

namespace {

using evaluate::Item;
using evaluate::State;
using model::Language;

/// What a row looks like; several states share one look.
enum class Tone { Open, Soon, Overdue, Done, DoneLate, Cancelled };

Tone tone_of(State state) {
  switch (state) {
    case State::Overdue: return Tone::Overdue;
    case State::DueToday:
    case State::DueSoon: return Tone::Soon;
    case State::DoneLate: return Tone::DoneLate;
    case State::Done: return Tone::Done;
    case State::Cancelled: return Tone::Cancelled;
    default: return Tone::Open;
  }
}

struct Row {
  const Item* item = nullptr;
  std::string label;  ///< "3.1 Tổng kết …", one line, unsafe characters replaced
  util::Date first;   ///< the window's first day; equals `due` for a milestone
  util::Date due;
  bool bar = false;  ///< a window of several days, not a single-day milestone
  Tone tone = Tone::Open;
};

struct Group {
  std::string key;
  std::string name;
  std::vector<Row> rows;
};

struct Layout {
  std::vector<Group> groups;
  std::vector<const Item*> undated;  ///< ongoing work and items without any date
  util::Date first;                  ///< first day of the axis (a month's first day)
  util::Date last;                   ///< last day of the axis (a month's last day)
  std::size_t row_count = 0;
};

bool vietnamese(const TimelineOptions& options) { return options.language == Language::Vi; }

/// The top-level task an item belongs to: the part of its number before the first dot ("3.1" → "3").
std::string top_level_number(const Item& item) { return std::string(item.id.substr(0, item.id.find('.'))); }

/// The group an item is drawn under, and the group's name when the item itself names it.
std::pair<std::string, std::string> group_of(const Item& item, const TimelineOptions& options) {
  const std::string plan_prefix = std::string(item.plan_id) + "\n";
  if (options.group == TimelineGroup::Lead) {
    if (item.lead.empty()) {
      return {"\n", vietnamese(options) ? "(chưa giao cơ quan chủ trì)" : "(no lead agency)"};
    }
    return {std::string(item.lead), detail::lead_cell(item)};
  }
  if (item.kind == evaluate::ItemKind::Section) {
    return {plan_prefix + "§", vietnamese(options) ? "Báo cáo (các phần)" : "Report sections"};
  }
  const std::string number = top_level_number(item);
  return {plan_prefix + number, detail::one_line(number)};
}

Layout lay_out(const std::vector<Item>& items, util::Date today, const TimelineOptions& options) {
  Layout layout;
  std::map<std::string, std::size_t> index;
  util::Date first = today;
  util::Date last = today;
  for (const auto& item : items) {
    auto [key, name] = group_of(item, options);
    auto found = index.find(key);
    if (found == index.end()) {
      found = index.emplace(key, layout.groups.size()).first;
      layout.groups.push_back({key, name, {}});
    }
    Group& group = layout.groups[found->second];
    // A top-level task names its group: "3 Tổng kết …" rather than "3".
    if (options.group == TimelineGroup::Section && item.kind == evaluate::ItemKind::Task && item.depth == 0) {
      group.name = detail::number_cell(item) + " " + detail::one_line(item.title);
    }
    // A deadline that only repeats its subtasks' adds no point of its own to the axis.
    if (!item.due || item.due_derived) {
      if (!item.due) layout.undated.push_back(&item);
      continue;
    }
    Row row;
    row.item = &item;
    row.label = detail::number_cell(item) + " " + detail::one_line(item.title);
    row.due = *item.due;
    row.first = item.start && *item.start < *item.due ? *item.start : *item.due;
    row.bar = row.first < row.due;
    row.tone = tone_of(item.state);
    first = std::min(first, row.first);
    last = std::max(last, row.due);
    group.rows.push_back(std::move(row));
    ++layout.row_count;
  }
  std::erase_if(layout.groups, [](const Group& group) { return group.rows.empty(); });
  layout.first = {first.year, first.month, 1};
  layout.last = util::last_day_of_month(last.year, last.month);
  return layout;
}

/// A group of one top-level task without subtasks on the axis: its heading would only repeat the row.
bool repeats_its_only_row(const Group& group) {
  return group.rows.size() == 1 && group.rows.front().item->depth == 0 && group.rows.front().label == group.name;
}

/// "05/2020": neutral in both languages.
std::string month_label(util::Date date) { return fmt::format("{:02}/{}", date.month, date.year); }

/// The first days of the months the axis marks: every month on a short axis; on a longer one every quarter,
/// half-year, year or several years (round steps from January), so there are never more than about 24 marks.
std::vector<util::Date> month_starts(const Layout& layout) {
  const long first = layout.first.year * 12L + layout.first.month - 1;
  const long last = layout.last.year * 12L + layout.last.month - 1;
  long step = 1;
  for (const long candidate : {1L, 2L, 3L, 6L, 12L, 24L, 60L, 120L, 240L, 600L, 1200L}) {
    step = candidate;
    if ((last - first) / candidate < 24) break;
  }
  std::vector<util::Date> months;
  for (long month = (first + step - 1) / step * step; month <= last; month += step) {
    months.emplace_back(static_cast<int>(month / 12), static_cast<int>(month % 12) + 1, 1);
  }
  return months;
}

std::string today_label(util::Date today, Language language) {
  return language == Language::Vi ? "Hôm nay " + today.vn() : "Today " + today.iso();
}

std::string undated_note(const Layout& layout, Language language) {
  std::string ids;
  for (const Item* item : layout.undated) {
    if (!ids.empty()) ids += ", ";
    ids += detail::number_cell(*item);
  }
  return (language == Language::Vi ? "Không có mốc thời gian (thường xuyên hoặc chưa có thời hạn): "
                                   : "Not on the axis (ongoing or without a deadline): ") +
         ids;
}

std::string default_title(Language language) { return language == Language::Vi ? "Tiến độ thực hiện" : "Timeline"; }

std::string picture_title(const TimelineOptions& options) {
  const std::string title = detail::one_line(options.title);
  return title.empty() ? default_title(options.language) : title;
}

/// The states a tone stands for, as the legend names them.
std::string tone_label(Tone tone, Language language) {
  switch (tone) {
    case Tone::Overdue: return state_label(State::Overdue, language);
    case Tone::Soon: return state_label(State::DueSoon, language);
    case Tone::Done: return state_label(State::Done, language);
    case Tone::DoneLate: return state_label(State::DoneLate, language);
    case Tone::Cancelled: return state_label(State::Cancelled, language);
    case Tone::Open: break;
  }
  return state_label(State::Upcoming, language) + " / " + state_label(State::InProgress, language);
}

constexpr Tone kTones[] = {Tone::Overdue, Tone::Soon, Tone::Open, Tone::Done, Tone::DoneLate, Tone::Cancelled};

// ---- terminal ----

struct Glyphs {
  const char* body;  ///< the days of a window before its deadline
  const char* mark;  ///< the deadline itself, and a single-day milestone
  const char* color;
};

Glyphs glyphs_of(Tone tone) {
  switch (tone) {
    case Tone::Overdue: return {"▓", "✖", "\x1b[31m"};
    case Tone::Soon: return {"█", "◆", "\x1b[33m"};
    case Tone::Done: return {"░", "✔", "\x1b[32m"};
    case Tone::DoneLate: return {"░", "✔", "\x1b[35m"};
    case Tone::Cancelled: return {"╌", "○", "\x1b[2m"};
    case Tone::Open: break;
  }
  return {"█", "◆", "\x1b[34m"};
}

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kTodayColor = "\x1b[1;36m";

/// One cell of the chart area: a glyph one column wide and its colour.
struct Cell {
  std::string glyph = " ";
  const char* color = "";
};

std::string paint(const std::vector<Cell>& cells, bool color) {
  std::string out;
  const char* current = "";
  for (const Cell& cell : cells) {
    if (color && std::string_view(cell.color) != current) {
      if (*current) out += kReset;
      if (*cell.color) out += cell.color;
      current = cell.color;
    }
    out += cell.glyph;
  }
  if (color && *current) out += kReset;
  return out;
}

std::string bold(const std::string& text, bool color) { return color ? kBold + text + kReset : text; }

}  // namespace

std::string render_timeline_terminal(const std::vector<Item>& items, util::Date today, const TimelineOptions& options) {
  const Layout layout = lay_out(items, today, options);
  // Narrower than 30 columns nothing is legible; wider than 1000 is no terminal, and would only cost memory.
  const int width = std::clamp(options.width, 30, 1000);
  const int label_width = std::clamp(width * 2 / 5, 12, 48);
  const int chart_width = width - label_width - 1;
  const long span = util::days_between(layout.first, layout.last);
  const auto column = [&](util::Date date) {
    return static_cast<std::size_t>(util::days_between(layout.first, date) * (chart_width - 1) / std::max(span, 1L));
  };
  const std::string indent(static_cast<std::size_t>(label_width + 1), ' ');
  const std::size_t today_column = column(today);

  std::string out = bold(util::truncate_to_width(picture_title(options), width), options.color) + "\n";

  // Month labels where they fit, and a ruler with a tick under each label and ▼ at today.
  std::vector<Cell> labels(static_cast<std::size_t>(chart_width));
  std::vector<Cell> ruler(static_cast<std::size_t>(chart_width), Cell{"─", ""});
  std::size_t free_from = 0;
  for (const util::Date month : month_starts(layout)) {
    const std::size_t at = column(month);
    const std::string text = month_label(month);
    if (at < free_from || at + text.size() > labels.size()) continue;
    for (std::size_t i = 0; i < text.size(); ++i) labels[at + i].glyph = std::string(1, text[i]);
    ruler[at].glyph = "┬";
    free_from = at + text.size() + 1;
  }
  ruler[today_column] = Cell{"▼", kTodayColor};
  out += indent + paint(labels, false) + "\n";
  out += indent + paint(ruler, options.color) + "\n";

  for (const Group& group : layout.groups) {
    if (!repeats_its_only_row(group)) out += bold(util::truncate_to_width(group.name, width), options.color) + "\n";
    for (const Row& row : group.rows) {
      std::vector<Cell> cells(static_cast<std::size_t>(chart_width));
      cells[today_column] = Cell{"│", kTodayColor};
      const Glyphs glyphs = glyphs_of(row.tone);
      const std::size_t end = column(row.due);
      for (std::size_t at = column(row.first); at < end; ++at) cells[at] = Cell{glyphs.body, glyphs.color};
      cells[end] = Cell{glyphs.mark, glyphs.color};
      out += "  " + util::pad_to_width(util::truncate_to_width(row.label, label_width - 2), label_width - 2) + " " +
             paint(cells, options.color) + "\n";
    }
  }
  if (layout.row_count == 0) out += detail::no_tasks_text(options.language) + "\n";

  // The legend, entries kept whole: a line breaks only between them.
  std::vector<std::string> entries;
  for (const Tone tone : kTones) {
    const Glyphs glyphs = glyphs_of(tone);
    entries.push_back(fmt::format("{}{} {}", glyphs.body, glyphs.mark, tone_label(tone, options.language)));
  }
  entries.push_back("│ " + today_label(today, options.language));
  std::string line;
  for (const auto& entry : entries) {
    if (!line.empty() && util::display_width(line) + 3 + util::display_width(entry) > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " · ") + util::truncate_to_width(entry, width);
  }
  out += line + "\n";
  if (!layout.undated.empty()) {
    for (const auto& line : util::wrap_to_width(undated_note(layout, options.language), width)) out += line + "\n";
  }
  return out;
}

namespace {

// ---- SVG ----

/// Text for XML character data and attribute values: one line, unsafe characters replaced (XML 1.0 forbids
/// most controls), markup characters as entities.
std::string xml_text(std::string_view raw) {
  std::string out;
  for (const char c : detail::one_line(raw)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* svg_color(Tone tone) {
  switch (tone) {
    case Tone::Overdue: return "#c62828";
    case Tone::Soon: return "#ef8f00";
    case Tone::Done: return "#2e7d32";
    case Tone::DoneLate: return "#8e24aa";
    case Tone::Cancelled: return "#9e9e9e";
    case Tone::Open: break;
  }
  return "#1565c0";
}

/// Serif-less faces that carry Vietnamese, in the order a reader's machine is likely to have them.
constexpr const char* kFontFamily = "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif";

// The geometry of the picture, in pixels.
constexpr int kSvgWidth = 1100;
constexpr int kLabelX = 10;
constexpr int kChartX = 440;
constexpr int kChartWidth = kSvgWidth - kChartX - 20;
constexpr int kRowHeight = 22;
constexpr int kAxisY = 66;
constexpr int kLabelColumns = 54;      ///< what fits left of the chart at 12px
constexpr double kColumnPixels = 6.8;  ///< the width of one column of 12px text, for placing labels

std::string svg_diamond(double x, double y, double radius, const char* fill) {
  return fmt::format(R"(<polygon points="{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}" fill="{}"/>)", x,
                     y - radius, x + radius, y, x, y + radius, x - radius, y, fill);
}

}  // namespace

std::string render_timeline_svg(const std::vector<Item>& items, util::Date today, const TimelineOptions& options) {
  const Layout layout = lay_out(items, today, options);
  const Language language = options.language;
  const double day_width =
      static_cast<double>(kChartWidth) / static_cast<double>(util::days_between(layout.first, layout.last) + 1);
  const auto day_left = [&](util::Date date) {
    return kChartX + static_cast<double>(util::days_between(layout.first, date)) * day_width;
  };
  const int rows_top = kAxisY + 6;
  const auto headings = std::count_if(layout.groups.begin(), layout.groups.end(),
                                      [](const Group& group) { return !repeats_its_only_row(group); });
  const int rows_height = static_cast<int>(static_cast<std::size_t>(headings) + layout.row_count) * kRowHeight;
  const int legend_y = rows_top + rows_height + 28;
  const int height = legend_y + (layout.undated.empty() ? 24 : 48);

  std::string body;
  // Month grid and labels; a label is skipped when the previous one still occupies its place.
  double free_from = 0;
  for (const util::Date month : month_starts(layout)) {
    const double x = day_left(month);
    body += fmt::format(R"(<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#e0e0e0"/>)"
                        "\n",
                        x, kAxisY, x, rows_top + rows_height);
    if (x < free_from) continue;
    body += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="11" fill="#555">{}</text>)"
                        "\n",
                        x + 3, kAxisY - 4, month_label(month));
    free_from = x + 7 * kColumnPixels;
  }
  body += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#9e9e9e"/>)"
                      "\n",
                      kChartX, kAxisY, kChartX + kChartWidth, kAxisY);

  int y = rows_top;
  for (const Group& group : layout.groups) {
    if (!repeats_its_only_row(group)) {
      body += fmt::format(R"(<rect x="0" y="{}" width="{}" height="{}" fill="#f2f4f7"/>)"
                          "\n",
                          y, kSvgWidth, kRowHeight);
      body += fmt::format(R"(<text x="{}" y="{}" font-weight="bold">{}</text>)"
                          "\n",
                          kLabelX, y + 15, xml_text(util::truncate_to_width(group.name, kLabelColumns + 60)));
      y += kRowHeight;
    }
    for (const Row& row : group.rows) {
      const char* color = svg_color(row.tone);
      const bool overdue = row.tone == Tone::Overdue;
      body += fmt::format(R"(<g class="{}"><title>{}</title>)"
                          "\n",
                          overdue ? "row overdue" : "row", xml_text(row.label));
      body += fmt::format(R"(<text x="{}" y="{}"{}>{}</text>)"
                          "\n",
                          kLabelX + 14, y + 15, overdue ? R"( fill="#c62828" font-weight="bold")" : "",
                          xml_text(util::truncate_to_width(row.label, kLabelColumns)));
      const double due_middle = day_left(row.due) + day_width / 2;
      if (row.bar) {
        const double left = day_left(row.first);
        const double right = day_left(row.due) + day_width;
        body += fmt::format(R"(<rect x="{:.1f}" y="{}" width="{:.1f}" height="12" rx="2" fill="{}"{}/>)"
                            "\n",
                            left, y + 5, std::max(right - left, 2.0), color,
                            row.tone == Tone::Cancelled ? R"( fill-opacity="0.5")" : "");
      }
      body += svg_diamond(due_middle, y + 11, 7, color) + "\n</g>\n";
      y += kRowHeight;
    }
  }
  if (layout.row_count == 0) {
    body += fmt::format(R"(<text x="{}" y="{}">{}</text>)"
                        "\n",
                        kLabelX, rows_top + 15, xml_text(detail::no_tasks_text(language)));
  }

  // Today's line over everything else, labelled above the axis.
  const double today_x = day_left(today) + day_width / 2;
  body += fmt::format(
      R"(<g class="today"><line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#212121" stroke-width="1.5" )"
      R"(stroke-dasharray="5 3"/>)"
      "\n"
      R"(<text x="{:.1f}" y="{}" font-size="12" font-weight="bold" text-anchor="{}">{}</text></g>)"
      "\n",
      today_x, kAxisY - 16, today_x, rows_top + rows_height, today_x, kAxisY - 20,
      today_x > kChartX + kChartWidth - 80 ? "end" : "middle", xml_text(today_label(today, language)));

  // The legend: one swatch per tone, the milestone, today's line.
  double x = kLabelX;
  for (const Tone tone : kTones) {
    body += fmt::format(R"(<rect x="{:.1f}" y="{}" width="14" height="10" rx="2" fill="{}"/>)"
                        "\n",
                        x, legend_y - 9, svg_color(tone));
    const std::string label = tone_label(tone, language);
    body += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="11">{}</text>)"
                        "\n",
                        x + 18, legend_y, xml_text(label));
    x += 18 + util::display_width(label) * 6.2 + 16;
  }
  body += svg_diamond(x + 6, legend_y - 4, 6, "#555") + "\n";
  const std::string milestone = language == Language::Vi ? "mốc một ngày" : "single-day deadline";
  body += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="11">{}</text>)"
                      "\n",
                      x + 16, legend_y, xml_text(milestone));
  x += 16 + util::display_width(milestone) * 6.2 + 16;
  body += fmt::format(R"(<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#212121" stroke-dasharray="5 3"/>)"
                      "\n",
                      x + 4, legend_y - 11, x + 4, legend_y + 2);
  body += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="11">{}</text>)"
                      "\n",
                      x + 10, legend_y, xml_text(language == Language::Vi ? "hôm nay" : "today"));
  if (!layout.undated.empty()) {
    body += fmt::format(R"(<text x="{}" y="{}" font-size="11" fill="#555">{}</text>)"
                        "\n",
                        kLabelX, legend_y + 24, xml_text(util::truncate_to_width(undated_note(layout, language), 170)));
  }

  const std::string title = picture_title(options);
  std::string out = options.xml_declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "";
  out += fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" )"
                     R"(font-family="{2}" font-size="12" fill="#212121" role="img" aria-label="{3}">)"
                     "\n<title>{3}</title>\n"
                     R"(<rect width="{0}" height="{1}" fill="#ffffff"/>)"
                     "\n"
                     R"(<text x="{4}" y="24" font-size="16" font-weight="bold">{5}</text>)"
                     "\n",
                     kSvgWidth, height, kFontFamily, xml_text(title + " — " + today_label(today, language)), kLabelX,
                     xml_text(util::truncate_to_width(title, 100)));
  return out + body + "</svg>\n";
}

namespace {

// ---- Mermaid ----

/// A text Mermaid's gantt grammar reads as plain words: ':' ends a task name, '#' starts an entity,
/// ';' ends a statement, '%%' starts a comment, '<' and '>' would be markup; a backquote could close the
/// Markdown fence. Each is replaced by its full-width twin, which reads the same.
std::string mermaid_text(std::string_view raw) {
  std::string out;
  for (const char c : detail::one_line(raw)) {
    switch (c) {
      case ':': out += "："; break;
      case '#': out += "＃"; break;
      case ';': out += "；"; break;
      case '%': out += "％"; break;
      case '<': out += "＜"; break;
      case '>': out += "＞"; break;
      case '`': out += "｀"; break;
      case '{': out += "｛"; break;
      case '}': out += "｝"; break;
      default: out += c;
    }
  }
  // A line that starts with one of the gantt keywords would be read as that statement.
  static const char* const kKeywords[] = {"gantt",        "title",      "section",  "dateformat",  "axisformat",
                                          "tickinterval", "includes",   "excludes", "todaymarker", "inclusiveenddates",
                                          "topaxis",      "weekday",    "weekend",  "click",       "acctitle",
                                          "accdescr",     "displaymode"};
  const std::string folded = util::fold_case(out);
  for (const char* keyword : kKeywords) {
    if (folded.rfind(keyword, 0) == 0) return "‣ " + out;
  }
  return out;
}

/// Mermaid's tags for a state: crit stands out in red, done is greyed, active is highlighted.
std::string mermaid_tags(const Row& row) {
  std::string tags;
  switch (row.tone) {
    case Tone::Overdue: tags = "crit, "; break;
    case Tone::Done:
    case Tone::DoneLate:
    case Tone::Cancelled: tags = "done, "; break;
    case Tone::Soon: tags = "active, "; break;
    case Tone::Open: tags = row.item->state == State::InProgress ? "active, " : ""; break;
  }
  if (!row.bar) tags += "milestone, ";
  return tags;
}

/// Markdown's own syntax characters in the note after the block, backslash-escaped.
std::string markdown_text(std::string_view raw) {
  std::string out;
  for (const char c : detail::one_line(raw)) {
    if (std::string_view("\\`*_[]<>|~#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string render_timeline_mermaid(const std::vector<Item>& items, util::Date today, const TimelineOptions& options) {
  const Layout layout = lay_out(items, today, options);
  std::string out = "```mermaid\ngantt\n";
  out += "    title " + mermaid_text(picture_title(options)) + "\n";
  out += "    dateFormat YYYY-MM-DD\n    axisFormat %m/%Y\n    inclusiveEndDates\n";
  // Mermaid's own marker shows the reader's today, not the day the plan is evaluated on: a milestone does.
  out += "    todayMarker off\n";
  out += "    section " + mermaid_text(today_label(today, options.language)) + "\n";
  out += fmt::format("    {} :milestone, today, {}, 0d\n", mermaid_text(today_label(today, options.language)),
                     today.iso());
  int task_number = 0;
  for (const Group& group : layout.groups) {
    // A group of one top-level task is named by its number alone: the task line has the title.
    const std::string section =
        repeats_its_only_row(group) ? detail::number_cell(*group.rows.front().item) : group.name;
    out += "    section " + mermaid_text(util::truncate_to_width(section, 60)) + "\n";
    for (const Row& row : group.rows) {
      ++task_number;
      const std::string name = mermaid_text(util::truncate_to_width(row.label, 70));
      if (row.bar) {
        out += fmt::format("    {} :{}t{}, {}, {}\n", name, mermaid_tags(row), task_number, row.first.iso(),
                           row.due.iso());
      } else {
        out += fmt::format("    {} :{}t{}, {}, 0d\n", name, mermaid_tags(row), task_number, row.due.iso());
      }
    }
  }
  out += "```\n";
  if (!layout.undated.empty()) out += "\n" + markdown_text(undated_note(layout, options.language)) + "\n";
  return out;
}

}  // namespace cchc::render
