#pragma once

#include "model/plan.hpp"

// The words of `cchc report` in both languages, shared by its Markdown and HTML renderers.
// Internal to the render stage: not part of its interface.
namespace cchc::render::detail {

struct ReportLabels {
  const char* report_title;
  const char* as_of;
  const char* issuer;
  const char* number;
  const char* issued;
  const char* draft;
  const char* plan_id;
  const char* summary;
  const char* tasks_count;
  const char* share;
  const char* total;
  const char* done_on_time;
  const char* done_late;
  const char* overdue;
  const char* not_yet_due;
  const char* undated;
  const char* shares_note;
  const char* timeline;
  const char* overdue_tasks;
  const char* no_overdue;
  const char* due_as_written;
  const char* due_date;
  const char* days_late;
  const char* due_soon_tasks;
  const char* no_due_soon;
  const char* days_left;
  const char* by_agency;
  const char* leads;
  const char* supports;
  const char* none;
  const char* outline;
  const char* part;
  const char* owed_by;
  const char* on_tasks;
  const char* arrived;
  const char* arrived_yes;
  const char* arrived_no;
  const char* no_outline;
  const char* all_tasks;
  const char* plans_below;
  const char* plans_below_note;
  const char* plan;
  const char* plan_title;
  const char* unit;
  const char* carries_out;
  const char* done_of;
};

inline constexpr ReportLabels kReportLabelsVi = {
    "Báo cáo tiến độ thực hiện kế hoạch",
    "Tình hình đến ngày",
    "Cơ quan ban hành",
    "Số",
    "Ngày ban hành",
    "dự thảo",
    "Mã kế hoạch",
    "Tổng hợp",
    "Số nhiệm vụ",
    "Tỷ lệ",
    "Tổng số nhiệm vụ được tính",
    "Hoàn thành đúng hạn",
    "Hoàn thành muộn",
    "Quá hạn",
    "Chưa đến hạn",
    "Thường xuyên hoặc không có thời hạn",
    "Tỷ lệ tính trên các nhiệm vụ của kế hoạch, không kể nhiệm vụ đã hủy và mục chỉ gồm các nhiệm vụ con.",
    "Tiến độ theo thời gian",
    "Nhiệm vụ quá hạn",
    "Không có nhiệm vụ quá hạn.",
    "Thời hạn ghi trong kế hoạch",
    "Hạn",
    "Số ngày trễ",
    "Nhiệm vụ sắp đến hạn",
    "Không có nhiệm vụ sắp đến hạn.",
    "Còn (ngày)",
    "Theo cơ quan chủ trì",
    "Chủ trì",
    "Phối hợp",
    "Không có.",
    "Đề cương báo cáo",
    "Phần",
    "Cơ quan thực hiện",
    "Nhiệm vụ",
    "Đã nhận",
    "Đã nhận",
    "Chưa nhận",
    "Kế hoạch không có đề cương báo cáo.",
    "Danh sách nhiệm vụ",
    "Kế hoạch cấp dưới",
    "Mỗi kế hoạch tính cả các kế hoạch cấp dưới của nó; tình trạng của nhiệm vụ được thực hiện qua kế hoạch cấp "
    "dưới là tình trạng khẩn cấp nhất trong số đó.",
    "Kế hoạch",
    "Tên kế hoạch",
    "Đơn vị",
    "Thực hiện nhiệm vụ",
    "Hoàn thành",
};

inline constexpr ReportLabels kReportLabelsEn = {
    "Plan progress report",
    "As of",
    "Issued by",
    "Number",
    "Date",
    "draft",
    "Plan id",
    "Summary",
    "Tasks",
    "Share",
    "Tasks counted",
    "Done on time",
    "Done late",
    "Overdue",
    "Not yet due",
    "Ongoing or without a deadline",
    "Shares are of the plan's tasks, leaving out cancelled tasks and groupings that only hold subtasks.",
    "Timeline",
    "Overdue tasks",
    "No task is overdue.",
    "Due as written",
    "Due date",
    "Days late",
    "Due soon",
    "No task is due soon.",
    "Days left",
    "By lead agency",
    "Leads",
    "Supports",
    "None.",
    "Report outline",
    "Part",
    "Owed by",
    "Tasks",
    "Arrived",
    "Arrived",
    "Not yet",
    "The plan has no report outline.",
    "All tasks",
    "Plans below",
    "Each plan counts the plans below it too; a task carried out through plans below takes the most urgent state "
    "among them.",
    "Plan",
    "Title",
    "Unit",
    "Carries out",
    "Done",
};

inline const ReportLabels& report_labels(model::Language language) {
  return language == model::Language::En ? kReportLabelsEn : kReportLabelsVi;
}

}  // namespace cchc::render::detail
