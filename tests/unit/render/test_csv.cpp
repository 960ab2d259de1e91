#include <catch2/catch.hpp>

#include "render/render.hpp"
#include "sample_items.hpp"

using namespace cchc;
using namespace cchc::render;
using namespace cchc::render::test;

TEST_CASE("csv: RFC 4180 records with a header", "[csv]") {
  const std::string text = render_csv({overdue_task(), section_without_due(), cjk_task()}, vi_options());
  CHECK(text ==
        "plan,id,title,lead,support,due,due_text,state,days,status,kind,occurrence\r\n"
        "ha-tinh-2020,2,\"Các đơn vị, địa phương tổ chức tổng kết; xây dựng báo cáo tổng kết theo đề cương ban hành "
        "kèm theo Kế hoạch của UBND tỉnh.\",ubnd,snv; stp,2020-04-30,Trước ngày 30/4/2020,overdue,-16,todo,task,\r\n"
        "ha-tinh-2020,III.1,Báo cáo của Sở Nội vụ,snv,,,,no-deadline,,todo,section,\r\n"
        "ha-tinh-2020,4,行政改革计划 总结报告,snv,,2020-02-29,Tháng 02 năm 2020,done,9,done,task,\r\n");
}

TEST_CASE("csv: quotes, commas and line breaks are quoted", "[csv]") {
  auto item = overdue_task();
  item.title = "He said \"done\", then\nleft\r\nlater";
  item.due_text = "no comma";
  item.support = {"a,b"};
  const std::string text = render_csv({item}, vi_options());
  CHECK(text.find(",\"He said \"\"done\"\", then\nleft\r\nlater\",") != std::string::npos);
  CHECK(text.find(",\"a,b\",") != std::string::npos);
  CHECK(text.find(",no comma,") != std::string::npos);
}

TEST_CASE("csv: control characters are replaced, tabs kept", "[csv]") {
  auto item = overdue_task();
  item.title = "a\x1b[2Jb\tc";
  const std::string text = render_csv({item}, vi_options());
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find(",a\xef\xbf\xbd[2Jb\tc,") != std::string::npos);
}

TEST_CASE("csv: empty lists", "[csv]") {
  CHECK(render_csv({}, vi_options(View::Overdue)).empty());
  CHECK(render_csv({}, vi_options(View::Status)) ==
        "plan,id,title,lead,support,due,due_text,state,days,status,kind,occurrence\r\n");
}

TEST_CASE("csv: a recurring deadline's occurrence is the last column") {
  evaluate::Item item;
  item.plan_id = "recur";
  item.id = "3";
  item.title = "Báo cáo quý";
  item.due = util::Date{2022, 6, 30};
  item.due_text = "Hằng quý";
  item.state = evaluate::State::Overdue;
  item.days = -1;
  item.occurrence = "2022-Q2";
  CHECK(render_csv({item}, vi_options(View::Overdue)) ==
        "plan,id,title,lead,support,due,due_text,state,days,status,kind,occurrence\r\n"
        "recur,3,Báo cáo quý,,,2022-06-30,Hằng quý,overdue,-1,todo,task,2022-Q2\r\n");
}
