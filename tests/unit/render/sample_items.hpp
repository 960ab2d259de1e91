#pragma once

#include <string>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "render/render.hpp"

// Items built by hand, so the render tests do not depend on loading or evaluating.
namespace cchc::render::test {

/// A top-level task of the Hà Tĩnh plan, overdue.
inline evaluate::Item overdue_task() {
  evaluate::Item item;
  item.plan_id = "ha-tinh-2020";
  item.file = "plans/ha-tinh.yaml";
  item.id = "2";
  item.title =
      "Các đơn vị, địa phương tổ chức tổng kết; xây dựng báo cáo tổng kết theo đề cương ban hành kèm theo "
      "Kế hoạch của UBND tỉnh.";
  item.lead = "ubnd";
  item.lead_name = "UBND tỉnh";
  item.support = {"snv", "stp"};
  item.support_names = {"Sở Nội vụ", "Sở Tư pháp"};
  item.due = util::Date{2020, 4, 30};
  item.due_text = "Trước ngày 30/4/2020";
  item.state = evaluate::State::Overdue;
  item.days = -16;
  item.pos = {40, 5};
  return item;
}

/// A child task whose title is written in NFD (decomposed) Vietnamese.
inline evaluate::Item nfd_child_task() {
  evaluate::Item item;
  item.plan_id = "ha-tinh-2020";
  item.file = "plans/ha-tinh.yaml";
  item.id = "3.1";
  // "Tổng kết, đánh giá kết quả thực hiện cải cách thể chế." with every mark as a separate code point.
  item.title =
      "To\u0302\u0309ng ke\u0302\u0301t, \u0111a\u0301nh gia\u0301 ke\u0302\u0301t qua\u0309 thu\u031b\u0323c "
      "hie\u0323\u0302n ca\u0309i ca\u0301ch the\u0302\u0309 che\u0302\u0301.";
  item.lead = "stp";
  item.lead_name = "Sở Tư pháp";
  item.due = util::Date{2020, 6, 30};
  item.due_text = "30/6/2020";
  item.state = evaluate::State::Upcoming;
  item.days = 45;
  item.depth = 1;
  item.pos = {52, 7};
  return item;
}

/// A task with a wide (CJK) title, done.
inline evaluate::Item cjk_task() {
  evaluate::Item item;
  item.plan_id = "ha-tinh-2020";
  item.id = "4";
  item.title = "行政改革计划 总结报告";
  item.lead = "snv";
  item.lead_name = "Sở Nội vụ";
  item.due = util::Date{2020, 2, 29};
  item.due_text = "Tháng 02 năm 2020";
  item.done = util::Date{2020, 2, 20};
  item.status = model::TaskStatus::Done;
  item.state = evaluate::State::Done;
  item.days = 9;
  return item;
}

/// A report section with no deadline of its own.
inline evaluate::Item section_without_due() {
  evaluate::Item item;
  item.kind = evaluate::ItemKind::Section;
  item.plan_id = "ha-tinh-2020";
  item.id = "III.1";
  item.title = "Báo cáo của Sở Nội vụ";
  item.lead = "snv";
  item.lead_name = "Sở Nội vụ";
  item.state = evaluate::State::NoDeadline;
  return item;
}

inline Options vi_options(View view = View::Status) {
  Options options;
  options.language = model::Language::Vi;
  options.view = view;
  options.width = 100;
  options.today = util::Date{2020, 5, 16};
  return options;
}

/// The lines of `text`, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace cchc::render::test
