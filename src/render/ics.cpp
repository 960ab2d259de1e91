// iCalendar (RFC 5545) for `cchc export --format ics`.
//
// Each deadline is an all-day VEVENT rather than a VTODO: Google Calendar and Outlook import VEVENTs and
// skip VTODOs, and the officials' calendars are where a deadline must show up. VEVENT has no COMPLETED or
// PERCENT-COMPLETE (RFC 5545 §3.8.2.1, §3.8.1.8 are VTODO-only), so the state goes into the SUMMARY (✔ for
// done work), the DESCRIPTION and X-CCHC-STATE; cancelled work is STATUS:CANCELLED (docs/formats.md).

#include <fmt/format.h>

#include <string>
#include <vector>

#include "render/cells.hpp"
#include "render/export.hpp"
#include "render/render.hpp"

namespace cchc::render {

namespace {

using evaluate::Item;
using model::Language;

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks written as \n;
/// controls that are not line breaks are replaced (they are not allowed in a content line).
std::string ics_text(std::string_view raw) {
  const std::string text = detail::replace_unsafe(raw, true);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF is one line break
        out += "\\n";
        break;
      default: out += c;
    }
  }
  return out;
}

/// One content line, folded (RFC 5545 §3.1): no line longer than 75 octets; a continuation starts with a
/// space. A fold never falls inside a UTF-8 sequence, so every line stays valid UTF-8.
std::string content_line(std::string_view line) {
  constexpr std::size_t kLimit = 75;
  std::string out;
  std::size_t limit = kLimit;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kLimit - 1;  // the leading space counts
  }
  out.append(line);
  return out + "\r\n";
}

std::string basic_date(util::Date date) { return fmt::format("{:04}{:02}{:02}", date.year, date.month, date.day); }

std::string uid(const Item& item) {
  const std::string prefix = item.kind == evaluate::ItemKind::Section ? "section-" : "";
  return ics_text(fmt::format("{}{}@{}.cchc", prefix, item.id, item.plan_id));
}

std::string description(const Item& item, Language language) {
  const bool vi = language == Language::Vi;
  std::string text;
  if (!item.lead.empty()) text += (vi ? "Chủ trì: " : "Lead: ") + detail::lead_cell(item) + "\n";
  if (!item.support.empty()) {
    std::string names;
    for (std::size_t i = 0; i < item.support.size(); ++i) {
      if (i > 0) names += ", ";
      const bool named = i < item.support_names.size() && !item.support_names[i].empty();
      names += named ? item.support_names[i] : item.support[i];
    }
    text += (vi ? "Phối hợp: " : "Support: ") + names + "\n";
  }
  if (!item.due_text.empty()) text += (vi ? "Thời hạn: " : "Deadline: ") + std::string(item.due_text) + "\n";
  text += (vi ? "Tình trạng: " : "State: ") + state_label(item.state, language);
  if (item.done) text += fmt::format(" ({})", detail::date_text(*item.done, language));
  text += "\n" + std::string(vi ? "Kế hoạch: " : "Plan: ") + std::string(item.plan_id);
  return text;
}

std::string event(const Item& item, util::Date today, Language language) {
  const bool done = item.state == evaluate::State::Done || item.state == evaluate::State::DoneLate;
  std::string summary = detail::number_cell(item) + " " + std::string(item.title);
  if (done) summary = "✔ " + summary;
  std::string out = content_line("BEGIN:VEVENT");
  out += content_line("UID:" + uid(item));
  out += content_line("DTSTAMP:" + basic_date(today) + "T000000Z");
  out += content_line("DTSTART;VALUE=DATE:" + basic_date(*item.due));
  out += content_line("DTEND;VALUE=DATE:" + basic_date(util::add_days(*item.due, 1)));
  out += content_line("SUMMARY:" + ics_text(summary));
  out += content_line("DESCRIPTION:" + ics_text(description(item, language)));
  out += content_line(item.state == evaluate::State::Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  // A deadline is a reminder, not a meeting: it does not make anyone busy.
  out += content_line("TRANSP:TRANSPARENT");
  out += content_line(std::string("X-CCHC-STATE:") + evaluate::to_string(item.state));
  out += content_line("END:VEVENT");
  return out;
}

}  // namespace

std::string render_ics(const std::vector<Item>& items, util::Date today, Language language) {
  std::string out = content_line("BEGIN:VCALENDAR");
  out += content_line("VERSION:2.0");
  out += content_line("PRODID:-//cchc//cchc export//" + std::string(language == Language::Vi ? "VI" : "EN"));
  out += content_line("CALSCALE:GREGORIAN");
  out += content_line("METHOD:PUBLISH");
  for (const Item& item : items) {
    if (item.due && !item.due_derived) out += event(item, today, language);
  }
  out += content_line("END:VCALENDAR");
  return out;
}

}  // namespace cchc::render
