#include "render/cells.hpp"
#include "render/render.hpp"

namespace cchc::render {

namespace {

struct StateLabels {
  evaluate::State state;
  const char* vi;
  const char* en;
};

constexpr StateLabels kStateLabels[] = {
    {evaluate::State::Overdue, "quá hạn", "overdue"},
    {evaluate::State::DueToday, "đến hạn hôm nay", "due today"},
    {evaluate::State::DueSoon, "sắp đến hạn", "due soon"},
    {evaluate::State::InProgress, "đang thực hiện", "in progress"},
    {evaluate::State::Upcoming, "chưa đến hạn", "upcoming"},
    {evaluate::State::Ongoing, "thường xuyên", "ongoing"},
    {evaluate::State::NoDeadline, "không có thời hạn", "no deadline"},
    {evaluate::State::DoneLate, "hoàn thành muộn", "done late"},
    {evaluate::State::Done, "hoàn thành", "done"},
    {evaluate::State::Cancelled, "đã hủy", "cancelled"},
    {evaluate::State::Waiting, "chờ điều kiện", "waiting"},
};

struct ColumnHeadings {
  detail::Column column;
  const char* vi;
  const char* en;
};

constexpr ColumnHeadings kColumnHeadings[] = {
    {detail::Column::Plan, "Kế hoạch", "Plan"},
    {detail::Column::No, "STT", "No."},
    {detail::Column::Task, "Nhiệm vụ", "Task"},
    {detail::Column::Lead, "Cơ quan chủ trì", "Lead"},
    {detail::Column::Support, "Cơ quan phối hợp", "Support"},
    {detail::Column::Due, "Thời hạn", "Due"},
    {detail::Column::State, "Tình trạng", "State"},
    {detail::Column::Days, "Số ngày", "Days"},
};

}  // namespace

std::string state_label(evaluate::State state, model::Language language) {
  for (const auto& labels : kStateLabels) {
    if (labels.state == state) return language == model::Language::En ? labels.en : labels.vi;
  }
  return evaluate::to_string(state);
}

namespace detail {

std::string heading(Column column, model::Language language) {
  for (const auto& headings : kColumnHeadings) {
    if (headings.column == column) return language == model::Language::En ? headings.en : headings.vi;
  }
  return {};
}

}  // namespace detail

std::string render(Format format, const std::vector<evaluate::Item>& items, const Options& options) {
  switch (format) {
    case Format::Table: return render_table(items, options);
    case Format::Markdown: return render_markdown(items, options);
    case Format::Csv: return render_csv(items, options);
    case Format::Json: return render_json(items, options);
  }
  return render_table(items, options);
}

void render_to(Format format, const std::vector<evaluate::Item>& items, const Options& options, const Sink& write) {
  if (format == Format::Table) {
    render_table_to(items, options, write);
  } else {
    write(render(format, items, options));
  }
}

}  // namespace cchc::render
