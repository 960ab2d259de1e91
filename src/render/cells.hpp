#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"
#include "render/render.hpp"
#include "util/date.hpp"

// Cell texts and labels shared by the table, Markdown and CSV renderers.
// Internal to the render stage: not part of its interface.
namespace cchc::render::detail {

/// The columns the human-readable formats can show.
enum class Column { Plan, No, Task, Lead, Support, Due, State, Days };

/// A column's heading in the chosen language ("Cơ quan chủ trì" / "Lead").
std::string heading(Column column, model::Language language);

/// The line shown instead of an empty table ("Không có nhiệm vụ nào.").
std::string no_tasks_text(model::Language language);

/// A date as the language writes it: dd/mm/yyyy in Vietnamese, YYYY-MM-DD in English.
std::string date_text(util::Date date, model::Language language);

/// "30/04/2020 (Trước ngày 30/4/2020)": the computed date, then the wording when it
/// says more than the date; the wording alone when there is no date; "—" when neither.
/// A recurring deadline's occurrence follows the date: "30/11/2021 [2021] (Trước ngày 30/11 hằng năm)".
std::string due_cell(const evaluate::Item& item, model::Language language);

/// The item's number; report sections are marked "§" so they never look like tasks. `qualified` (the list
/// shows several plans) writes it as the reference other plans use, "huyen-cam-xuyen-2026:2", so two plans'
/// tasks 2 are never taken for one another.
std::string number_cell(const evaluate::Item& item, bool qualified = false);

/// The title on one line; with --rollup, followed by what the plans below add up to:
/// "… [12/40 xong · 3 quá hạn · 5 kế hoạch]".
std::string title_cell(const evaluate::Item& item, model::Language language);

/// "task", "section" or "plan": the `kind` field of CSV and JSON.
const char* kind_name(evaluate::ItemKind kind);

/// The lead agency's name, or its id when the name is unknown.
std::string lead_cell(const evaluate::Item& item);

/// Signed day count: "-16", "0", "+5"; empty when the item has none.
std::string days_cell(const evaluate::Item& item);

/// Some of a list's items, in order, without copying them: they point into the list.
using ItemRefs = std::vector<const evaluate::Item*>;

/// True when the items come from more than one plan, so a Plan column is needed.
bool from_several_plans(const ItemRefs& items);

/// The columns of the table and Markdown views: number (qualified with the plan when the list shows several
/// plans), task, lead, due, state and days.
std::vector<Column> list_columns();

/// The runs of consecutive items with the same group key (the CLI has put each group's rows together); all the
/// items as one group without a grouping.
std::vector<ItemRefs> groups_of(const std::vector<evaluate::Item>& items, evaluate::Grouping grouping);

/// The heading above a group of --by: "Kế hoạch huyen-1: Kế hoạch CCHC năm 2026 …" or "Đơn vị: UBND huyện 1".
std::string group_heading(const evaluate::Item& item, evaluate::Grouping grouping, model::Language language);

/// What the table and Markdown views print for no items: nothing at all for the
/// overdue list (so cron sends no mail), a "no tasks" line otherwise.
std::string empty_list_text(const Options& options);

/// "16 quá hạn · 1 chưa đến hạn": the non-zero counts per state, in state order.
/// The heading above the waiting items, which `status` lists apart.
std::string waiting_heading(model::Language language);

/// The items that have a date or need none, and the waiting ones, each in the given order.
std::pair<ItemRefs, ItemRefs> split_waiting(const ItemRefs& items);

std::string counts_line(const std::vector<evaluate::Item>& items, model::Language language);

/// Decodes the code point at `offset` and moves past it; an invalid byte decodes
/// as -1 and is skipped alone, so callers always make progress.
long next_code_point(std::string_view text, std::size_t& offset);

/// True for code points that must never reach a terminal raw: C0 and C1 controls,
/// DEL, and the bidirectional overrides that could reorder what the reader sees.
bool is_unsafe_code_point(long code_point);

/// `text` with unsafe code points and invalid UTF-8 replaced by U+FFFD; tab, CR and
/// LF are kept only when `keep_line_breaks` (CSV keeps them inside quotes).
std::string replace_unsafe(std::string_view text, bool keep_line_breaks);

/// Cell text on one line: unsafe characters replaced, whitespace runs made one space.
std::string one_line(std::string_view text);

/// Text that Markdown shows literally, on one line: every character that could start emphasis, code, a
/// link, raw HTML, an entity, an emoji or strikethrough is backslash-escaped, and `|` cannot end a table
/// cell. Line breaks become spaces so pandoc keeps a table row whole.
std::string markdown_text(std::string_view raw);

/// One GFM table row: "| a | b |" and a line break; cells already escaped.
std::string markdown_row(const std::vector<std::string>& cells);

}  // namespace cchc::render::detail
