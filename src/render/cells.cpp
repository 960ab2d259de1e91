#include "render/cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "render/render.hpp"
#include "util/text.hpp"

namespace cchc::render::detail {

namespace {

/// The ways a plain date can be written; a wording that is one of them adds
/// nothing to the computed date shown beside it.
bool wording_is_just_the_date(std::string_view wording, util::Date date) {
  const std::string text = util::collapse_whitespace(wording);
  // Every spelling starts with a digit; most wordings ("Trước ngày …", "Quý II") do not, and need no spelling.
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front())) == 0) return false;
  const std::string spellings[] = {
      date.iso(),
      date.vn(),
      fmt::format("{}/{}/{}", date.day, date.month, date.year),
      fmt::format("{:02}/{}/{}", date.day, date.month, date.year),
      fmt::format("{}/{:02}/{}", date.day, date.month, date.year),
  };
  for (const auto& spelling : spellings) {
    if (text == spelling) return true;
  }
  return false;
}

void append_utf8(std::string& out, long code_point) {
  const auto cp = static_cast<unsigned long>(code_point);
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string no_tasks_text(model::Language language) {
  return language == model::Language::En ? "No tasks." : "Không có nhiệm vụ nào.";
}

std::string date_text(util::Date date, model::Language language) {
  return language == model::Language::En ? date.iso() : date.vn();
}

/// Why a waiting item has no date yet, when its wording does not already say it.
static std::string waiting_note(const evaluate::Item& item, model::Language language) {
  const bool en = language == model::Language::En;
  switch (item.waiting_for.kind) {
    case evaluate::WaitingFor::Kind::Task:
      return en ? fmt::format("waits for task {} to be done", one_line(item.waiting_for.text))
                : fmt::format("chờ nhiệm vụ {} hoàn thành", one_line(item.waiting_for.text));
    case evaluate::WaitingFor::Kind::PlanIssued:
      return en ? "waits for the plan's issue date" : "chờ ngày ban hành kế hoạch";
    case evaluate::WaitingFor::Kind::Event:
    case evaluate::WaitingFor::Kind::None: break;
  }
  return {};
}

std::string due_cell(const evaluate::Item& item, model::Language language) {
  const std::string wording = one_line(item.due_text);
  if (!item.due) {
    const std::string note = item.state == evaluate::State::Waiting ? waiting_note(item, language) : "";
    if (wording.empty()) return note.empty() ? "—" : note;
    return note.empty() ? wording : wording + " (" + note + ")";
  }
  std::string text = date_text(*item.due, language);
  // A recurring deadline names its occurrence, so "31/12/2021 [2021]" says which year is meant.
  if (!item.occurrence.empty()) text += " [" + one_line(item.occurrence) + "]";
  if (!item.due_derived && !wording.empty() && !wording_is_just_the_date(wording, *item.due)) {
    text += " (" + wording + ")";
  }
  return text;
}

std::string number_cell(const evaluate::Item& item, bool qualified) {
  std::string id = item.kind == evaluate::ItemKind::Section ? "§" + one_line(item.id) : one_line(item.id);
  // A plan row's number is its plan's id already.
  if (!qualified || item.kind == evaluate::ItemKind::Plan) return id;
  return one_line(item.plan_id) + ":" + id;
}

const char* kind_name(evaluate::ItemKind kind) {
  switch (kind) {
    case evaluate::ItemKind::Task: return "task";
    case evaluate::ItemKind::Section: return "section";
    case evaluate::ItemKind::Plan: return "plan";
  }
  return "task";
}

std::string title_cell(const evaluate::Item& item, model::Language language) {
  std::string text = one_line(item.title);
  if (!item.rollup) return text;
  const evaluate::Rollup& rollup = *item.rollup;
  const bool vi = language == model::Language::Vi;
  text += fmt::format(" [{}/{} {}", rollup.done, rollup.tasks, vi ? "xong" : "done");
  for (const auto& [state, count] : rollup.counts) {
    if (state == evaluate::State::Overdue) text += fmt::format(" · {} {}", count, state_label(state, language));
  }
  if (item.kind != evaluate::ItemKind::Plan) {
    text += fmt::format(" · {} {}", rollup.plans_below, vi ? "kế hoạch" : (rollup.plans_below == 1 ? "plan" : "plans"));
  }
  return text + "]";
}

std::string lead_cell(const evaluate::Item& item) {
  return one_line(item.lead_name.empty() ? item.lead : item.lead_name);
}

std::string days_cell(const evaluate::Item& item) {
  if (!item.days) return {};
  return *item.days > 0 ? fmt::format("+{}", *item.days) : fmt::format("{}", *item.days);
}

bool from_several_plans(const ItemRefs& items) {
  return std::any_of(items.begin(), items.end(),
                     [&](const evaluate::Item* item) { return item->plan_id != items.front()->plan_id; });
}

std::vector<Column> list_columns() {
  std::vector<Column> columns;
  for (const Column column : {Column::No, Column::Task, Column::Lead, Column::Due, Column::State, Column::Days}) {
    columns.push_back(column);
  }
  return columns;
}

std::vector<ItemRefs> groups_of(const std::vector<evaluate::Item>& items, evaluate::Grouping grouping) {
  std::vector<ItemRefs> groups;
  for (const auto& item : items) {
    if (groups.empty() ||
        (grouping != evaluate::Grouping::None &&
         evaluate::group_key(item, grouping) != evaluate::group_key(*groups.back().front(), grouping))) {
      groups.emplace_back();
    }
    groups.back().push_back(&item);
  }
  return groups;
}

std::string group_heading(const evaluate::Item& item, evaluate::Grouping grouping, model::Language language) {
  const bool vi = language == model::Language::Vi;
  if (grouping == evaluate::Grouping::Unit) return fmt::format("{}: {}", vi ? "Đơn vị" : "Unit", one_line(item.unit));
  std::string heading = fmt::format("{} {}", vi ? "Kế hoạch" : "Plan", one_line(item.plan_id));
  if (!item.plan_title.empty()) heading += ": " + one_line(item.plan_title);
  return heading;
}

std::string empty_list_text(const Options& options) {
  return options.view == View::Overdue ? "" : no_tasks_text(options.language) + "\n";
}

std::string waiting_heading(model::Language language) {
  return language == model::Language::En ? "Waiting (no date until an event, the plan's issue or another task)"
                                         : "Chờ điều kiện (chưa có hạn cho đến khi sự kiện xảy ra hoặc nhiệm vụ "
                                           "trước hoàn thành)";
}

std::pair<ItemRefs, ItemRefs> split_waiting(const ItemRefs& items) {
  std::pair<ItemRefs, ItemRefs> parts;
  for (const evaluate::Item* item : items) {
    (item->state == evaluate::State::Waiting ? parts.second : parts.first).push_back(item);
  }
  return parts;
}

std::string counts_line(const std::vector<evaluate::Item>& items, model::Language language) {
  std::string line;
  for (const evaluate::State state : evaluate::all_states()) {
    int count = 0;
    for (const auto& item : items) {
      if (item.state == state) ++count;
    }
    if (count == 0) continue;
    if (!line.empty()) line += " · ";
    line += fmt::format("{} {}", count, state_label(state, language));
  }
  return line;
}

long next_code_point(std::string_view text, std::size_t& offset) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(offset);
  if (lead < 0x80) {
    ++offset;
    return lead;
  }
  int length = 0;
  long code_point = 0;
  long minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    ++offset;
    return -1;
  }
  if (offset + static_cast<std::size_t>(length) > text.size()) {
    ++offset;
    return -1;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(offset + static_cast<std::size_t>(i));
    if ((next & 0xC0) != 0x80) {
      ++offset;
      return -1;
    }
    code_point = (code_point << 6) | (next & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if (code_point < minimum || (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
    ++offset;
    return -1;
  }
  offset += static_cast<std::size_t>(length);
  return code_point;
}

bool is_unsafe_code_point(long code_point) {
  if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) return true;
  // Bidirectional embeddings, overrides and isolates ("Trojan Source").
  return (code_point >= 0x202A && code_point <= 0x202E) || (code_point >= 0x2066 && code_point <= 0x2069);
}

std::string replace_unsafe(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size());
  std::size_t kept_from = 0;  // the safe text since the last replacement is copied in one piece
  for (std::size_t offset = 0; offset < text.size();) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    if (lead >= 0x20 && lead < 0x7F) {  // printable ASCII, most of any text: always safe
      ++offset;
      continue;
    }
    const std::size_t start = offset;
    const long code_point = next_code_point(text, offset);
    const bool line_break = code_point == '\t' || code_point == '\n' || code_point == '\r';
    if (code_point < 0 || (is_unsafe_code_point(code_point) && !(line_break && keep_line_breaks))) {
      out.append(text.substr(kept_from, start - kept_from));
      kept_from = offset;
      // Whitespace controls become spaces so words stay apart; the rest are shown as U+FFFD.
      if (line_break) {
        out += ' ';
      } else {
        append_utf8(out, 0xFFFD);
      }
    }
  }
  out.append(text.substr(kept_from));
  return out;
}

std::string markdown_text(std::string_view raw) {
  const std::string text = detail::one_line(raw);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
      case '>':
      case '~':
      case '&': out += '\\'; break;
      case '#':
        if (i == 0) out += '\\';
        break;
      case ':':
        // pandoc's gfm reader turns ":smile:" into an emoji; a colon before a word character could start one.
        if (i + 1 < text.size() && (std::isalnum(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_' ||
                                    text[i + 1] == '+' || text[i + 1] == '-')) {
          out += '\\';
        }
        break;
      default: break;
    }
    out += c;
  }
  return out;
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const auto& cell : cells) row += " " + cell + " |";
  return row + "\n";
}

std::string one_line(std::string_view text) {
  // Nearly every title, lead and number is one clean line already: copied, not rebuilt twice.
  if (util::is_clean_line(text)) return std::string(text);
  return util::collapse_whitespace(replace_unsafe(text, false));
}

}  // namespace cchc::render::detail
