#pragma once

#include <string>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"
#include "util/date.hpp"

// `cchc export`: the evaluated plans for other programs — calendars (iCalendar), spreadsheets (CSV) and
// scripts (JSON). Pure: each returns the complete text (docs/formats.md, docs/json.md).
namespace cchc::render {

/// iCalendar (RFC 5545): one all-day VEVENT per deadline a task or report section states itself (a
/// deadline that only repeats its subtasks' is left out; so are ongoing and undated items). UIDs are
/// "<id>@<plan>.cchc" (report sections "section-<id>@<plan>.cchc"), so importing again updates the events
/// instead of adding copies. DTSTAMP is `today` at 00:00 UTC, so the same input gives the same bytes.
/// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 sequence.
std::string render_ics(const std::vector<evaluate::Item>& items, util::Date today, model::Language language);

/// How a CSV is written for a spreadsheet.
struct CsvDialect {
  char delimiter = ',';
  /// Starts with a UTF-8 byte order mark: without it Excel on Windows reads UTF-8 as the local code page.
  bool byte_order_mark = false;
};

/// The columns of `status --format csv`, then lead_name, support_names, start, done and depth: every
/// item in the order given. Texts from the plan that a spreadsheet would run as a formula are neutralised.
std::string render_export_csv(const std::vector<evaluate::Item>& items, const CsvDialect& dialect);

/// The whole evaluated plans as one JSON document (docs/export.schema.json): each plan's metadata,
/// agencies, documents, report sections, and tasks as a tree, every task and section with its state on
/// `today`; counts per state for each plan and for all of them.
std::string render_export_json(const std::vector<const model::Plan*>& plans, const std::vector<evaluate::Item>& items,
                               util::Date today);

}  // namespace cchc::render
