#include "render/report_layout.hpp"

#include <fmt/format.h>

#include "render/cells.hpp"
#include "render/render.hpp"
#include "render/report_labels.hpp"

namespace cchc::render::detail {

namespace {

using evaluate::Item;

ReportBlock block_of(ReportBlock::Kind kind) {
  ReportBlock block;
  block.kind = kind;
  return block;
}

/// Builds the blocks of one report in one language.
class Layout {
 public:
  explicit Layout(model::Language language) : m_language(language), m_labels(report_labels(language)) {}

  std::vector<ReportBlock> blocks(const Report& report, bool with_timeline) {
    add_heading(1, m_labels.report_title);
    paragraph(fmt::format("{} {}.", m_labels.as_of, date_text(report.today, m_language)));
    if (with_timeline) {
      ReportBlock timeline = block_of(ReportBlock::Kind::Timeline);
      timeline.text = m_labels.timeline;
      m_blocks.push_back(std::move(timeline));
    }
    for (const auto& plan : report.plans) add_plan(plan);
    return std::move(m_blocks);
  }

 private:
  void add_heading(int level, const std::string& text) {
    ReportBlock block = block_of(ReportBlock::Kind::Heading);
    block.level = level;
    block.text = one_line(text);
    m_blocks.push_back(std::move(block));
  }

  void paragraph(const std::string& text, ReportBlock::Kind kind = ReportBlock::Kind::Paragraph) {
    ReportBlock block = block_of(kind);
    block.text = one_line(text);
    m_blocks.push_back(std::move(block));
  }

  void table(ReportTable table) {
    ReportBlock block = block_of(ReportBlock::Kind::Table);
    for (auto& row : table.rows) {
      for (auto& cell : row) cell = one_line(cell);
    }
    block.table = std::move(table);
    m_blocks.push_back(std::move(block));
  }

  /// A table of items, or `empty_text` when there are none.
  void item_table(const std::vector<Item>& items, const std::vector<std::string>& headings,
                  const std::vector<bool>& numeric, std::string (Layout::*cells_of)(const Item&, std::size_t) const,
                  const char* empty_text) {
    if (items.empty()) {
      paragraph(empty_text);
      return;
    }
    ReportTable rows{headings, numeric, {}, {}};
    for (const auto& item : items) {
      std::vector<std::string> cells;
      for (std::size_t column = 0; column < headings.size(); ++column) cells.push_back((this->*cells_of)(item, column));
      rows.rows.push_back(std::move(cells));
      rows.row_states.emplace_back(evaluate::to_string(item.state));
    }
    table(std::move(rows));
  }

  std::string col(Column column) const { return detail::heading(column, m_language); }

  static std::string support_text(const Item& item) {
    std::vector<std::string_view> names;
    for (std::size_t i = 0; i < item.support.size(); ++i) {
      const bool named = i < item.support_names.size() && !item.support_names[i].empty();
      names.push_back(named ? item.support_names[i] : item.support[i]);
    }
    return fmt::format("{}", fmt::join(names, ", "));
  }

  std::string due_date_text(const Item& item) const { return item.due ? date_text(*item.due, m_language) : "—"; }

  static std::string as_written(const Item& item) { return item.due_text.empty() ? "—" : std::string(item.due_text); }

  // One function per table kind: the text of `column` for `item`.
  std::string late_cells(const Item& item, std::size_t column) const {
    switch (column) {
      case 0: return number_cell(item);
      case 1: return std::string(item.title);
      case 2: return lead_cell(item);
      case 3: return support_text(item);
      case 4: return as_written(item);
      case 5: return due_date_text(item);
      default:
        return item.days ? fmt::format("{}", item.state == evaluate::State::Overdue ? -*item.days : *item.days) : "";
    }
  }

  std::string led_cells(const Item& item, std::size_t column) const {
    switch (column) {
      case 0: return number_cell(item);
      case 1: return std::string(item.title);
      case 2: return due_cell(item, m_language);
      case 3: return state_label(item.state, m_language);
      default: return days_cell(item);
    }
  }

  std::string supported_cells(const Item& item, std::size_t column) const {
    switch (column) {
      case 0: return number_cell(item);
      case 1: return std::string(item.title);
      case 2: return lead_cell(item);
      case 3: return due_cell(item, m_language);
      default: return state_label(item.state, m_language);
    }
  }

  std::string full_cells(const Item& item, std::size_t column) const {
    switch (column) {
      case 0: return number_cell(item);
      case 1: return std::string(item.title);
      case 2: return lead_cell(item);
      case 3: return support_text(item);
      case 4: return due_cell(item, m_language);
      case 5: return state_label(item.state, m_language);
      default: return days_cell(item);
    }
  }

  void add_plan(const PlanReport& plan) {
    add_heading(2, plan.title.empty() ? plan.plan_id : plan.title);
    add_facts(plan);
    add_summary(plan);
    if (!plan.plans_below.empty()) add_plans_below(plan);

    add_heading(3, m_labels.overdue_tasks);
    const std::vector<std::string> late_headings = {col(Column::No),      col(Column::Task),       col(Column::Lead),
                                                    col(Column::Support), m_labels.due_as_written, m_labels.due_date,
                                                    m_labels.days_late};
    const std::vector<bool> late_numeric = {false, false, false, false, false, false, true};
    item_table(plan.overdue, late_headings, late_numeric, &Layout::late_cells, m_labels.no_overdue);

    add_heading(3, m_labels.due_soon_tasks);
    auto soon_headings = late_headings;
    soon_headings.back() = m_labels.days_left;
    item_table(plan.due_soon, soon_headings, late_numeric, &Layout::late_cells, m_labels.no_due_soon);

    add_heading(3, m_labels.by_agency);
    for (const auto& agency : plan.agencies) {
      add_heading(4, agency.name);
      paragraph(m_labels.leads, ReportBlock::Kind::Label);
      item_table(agency.leads,
                 {col(Column::No), col(Column::Task), col(Column::Due), col(Column::State), col(Column::Days)},
                 {false, false, false, false, true}, &Layout::led_cells, m_labels.none);
      paragraph(m_labels.supports, ReportBlock::Kind::Label);
      item_table(agency.supports,
                 {col(Column::No), col(Column::Task), col(Column::Lead), col(Column::Due), col(Column::State)},
                 {false, false, false, false, false}, &Layout::supported_cells, m_labels.none);
    }

    add_heading(3, m_labels.outline);
    add_outline(plan);

    add_heading(3, m_labels.all_tasks);
    item_table(plan.tasks,
               {col(Column::No), col(Column::Task), col(Column::Lead), col(Column::Support), col(Column::Due),
                col(Column::State), col(Column::Days)},
               {false, false, false, false, false, false, true}, &Layout::full_cells, m_labels.none);
  }

  void add_facts(const PlanReport& plan) {
    ReportBlock block = block_of(ReportBlock::Kind::Facts);
    if (!plan.issuer.empty()) block.facts.emplace_back(m_labels.issuer, plan.issuer);
    if (!plan.number.empty()) block.facts.emplace_back(m_labels.number, plan.number);
    if (plan.issued || plan.status == model::PlanStatus::Draft) {
      std::string issued =
          plan.issued ? (m_language == model::Language::En ? plan.issued->iso() : plan.issued->vn()) : "";
      if (plan.status == model::PlanStatus::Draft)
        issued += issued.empty() ? m_labels.draft : fmt::format(" ({})", m_labels.draft);
      block.facts.emplace_back(m_labels.issued, issued);
    }
    block.facts.emplace_back(m_labels.plan_id, plan.plan_id);
    for (auto& [label, value] : block.facts) value = one_line(value);
    m_blocks.push_back(std::move(block));
  }

  void add_summary(const PlanReport& plan) {
    add_heading(3, m_labels.summary);
    ReportTable counts{{col(Column::State), m_labels.tasks_count}, {false, true}, {}, {}};
    for (const auto& [state, count] : plan.counts) {
      if (count == 0) continue;
      counts.rows.push_back({state_label(state, m_language), fmt::format("{}", count)});
      counts.row_states.emplace_back(evaluate::to_string(state));
    }
    if (counts.rows.empty()) {
      paragraph(m_labels.none);
    } else {
      table(std::move(counts));
    }

    const ReportShares& shares = plan.shares;
    ReportTable rows{{col(Column::State), m_labels.tasks_count, m_labels.share}, {false, true, true}, {}, {}};
    const std::pair<const char*, int> parts[] = {
        {m_labels.done_on_time, shares.done_on_time}, {m_labels.done_late, shares.done_late},
        {m_labels.overdue, shares.overdue},           {m_labels.not_yet_due, shares.not_yet_due},
        {m_labels.undated, shares.undated},
    };
    for (const auto& [label, count] : parts) {
      rows.rows.push_back({label, fmt::format("{}", count), fmt::format("{} %", shares.percent(count))});
      rows.row_states.emplace_back();
    }
    rows.rows.push_back({m_labels.total, fmt::format("{}", shares.counted), shares.counted > 0 ? "100 %" : "0 %"});
    rows.row_states.emplace_back();
    table(std::move(rows));
    paragraph(m_labels.shares_note);
  }

  void add_plans_below(const PlanReport& plan) {
    add_heading(3, m_labels.plans_below);
    ReportTable rows{{m_labels.plan, m_labels.plan_title, m_labels.unit, m_labels.carries_out, m_labels.done_of,
                      m_labels.overdue, col(Column::State)},
                     {false, false, false, false, true, true, false},
                     {},
                     {}};
    for (const auto& below : plan.plans_below) {
      const Item& row = below.row;
      int done = 0, tasks = 0, overdue = 0;
      if (row.rollup) {
        done = row.rollup->done;
        tasks = row.rollup->tasks;
        for (const auto& [state, count] : row.rollup->counts) {
          if (state == evaluate::State::Overdue) overdue = count;
        }
      }
      rows.rows.push_back({one_line(row.id), one_line(row.title), one_line(row.lead_name), one_line(below.carries_out),
                           fmt::format("{}/{}", done, tasks), fmt::format("{}", overdue),
                           state_label(row.state, m_language)});
      rows.row_states.emplace_back(evaluate::to_string(row.state));
    }
    table(std::move(rows));
    paragraph(m_labels.plans_below_note);
  }

  void add_outline(const PlanReport& plan) {
    if (plan.outline.empty()) {
      paragraph(m_labels.no_outline);
      return;
    }
    ReportTable rows{{col(Column::No), m_labels.part, m_labels.owed_by, m_labels.on_tasks, col(Column::Due),
                      col(Column::State), m_labels.arrived},
                     {false, false, false, false, false, false, false},
                     {},
                     {}};
    for (const auto& part : plan.outline) {
      const Item& section = part.section;
      std::string arrived = part.arrived ? m_labels.arrived_yes : m_labels.arrived_no;
      if (part.arrived && section.done) arrived += " " + date_text(*section.done, m_language);
      rows.rows.push_back({one_line(section.id), std::string(section.title), lead_cell(section),
                           fmt::format("{}", fmt::join(part.tasks, ", ")), due_cell(section, m_language),
                           state_label(section.state, m_language), arrived});
      rows.row_states.emplace_back(evaluate::to_string(section.state));
    }
    table(std::move(rows));
  }

  model::Language m_language;
  const ReportLabels& m_labels;
  std::vector<ReportBlock> m_blocks;
};

}  // namespace

std::vector<ReportBlock> layout_report(const Report& report, model::Language language, bool with_timeline) {
  return Layout(language).blocks(report, with_timeline);
}

}  // namespace cchc::render::detail
