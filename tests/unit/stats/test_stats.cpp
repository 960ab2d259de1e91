#include <catch2/catch.hpp>

#include "stats/stats.hpp"

#include "../kept.hpp"

using namespace cchc;
using model::TaskStatus;
using util::Date;

namespace {

evaluate::Item item(std::string id, std::string lead, Date due, TaskStatus status, std::optional<Date> done = {}) {
  evaluate::Item result;
  result.plan_id = "p";
  result.id = test_support::kept(std::move(id));
  result.lead = test_support::kept(std::move(lead));
  result.due = due;
  result.status = status;
  result.done = done;
  return result;
}

}  // namespace

TEST_CASE("default PAR bands: above 90% → 2, from 70% → 1, else 0; all on time → 1") {
  const model::Scoring scoring;
  CHECK(model::points_for(scoring.completion, 100) == 2);
  CHECK(model::points_for(scoring.completion, 90.1) == 2);
  CHECK(model::points_for(scoring.completion, 90) == 1);  // "từ 70% - 90%": 90 itself is in the middle band
  CHECK(model::points_for(scoring.completion, 70) == 1);
  CHECK(model::points_for(scoring.completion, 69.9) == 0);
  CHECK(model::points_for(scoring.on_time, 100) == 1);
  CHECK(model::points_for(scoring.on_time, 99.9) == 0);
}

TEST_CASE("each task falls in one column, judged with the done dates recorded by today") {
  model::Plan plan;
  plan.id = model::LocatedText{std::string("p"), {}};
  const std::vector<evaluate::Item> items = {
      item("1", "a", {2024, 3, 1}, TaskStatus::Done, Date{2024, 3, 1}),  // on time (the due day itself)
      item("2", "a", {2024, 3, 1}, TaskStatus::Done, Date{2024, 3, 4}),  // late by 3
      item("3", "a", {2024, 3, 1}, TaskStatus::Done, Date{2024, 4, 2}),  // done after today: overdue
      item("4", "a", {2024, 4, 1}, TaskStatus::Doing),                   // due today: not yet due
      item("5", "b", {2024, 3, 1}, TaskStatus::Cancelled),               // cancelled
      item("6", "b", {2024, 3, 1}, TaskStatus::Done),                    // done, no date
  };
  const auto report = stats::compute({&plan}, items, {2024, 4, 1}, {});
  REQUIRE(report.rows.size() == 2);
  const auto& a = report.rows[0];
  CHECK(a.key == "a");
  CHECK(std::tuple(a.due, a.on_time, a.late, a.days_late, a.overdue, a.not_yet_due) == std::tuple(4, 1, 1, 3L, 1, 1));
  CHECK(*a.completion_rate() == Approx(200.0 / 3));
  CHECK(*a.on_time_rate() == Approx(100.0 / 3));
  const auto& b = report.rows[1];
  CHECK(std::tuple(b.due, b.cancelled, b.undated) == std::tuple(2, 1, 1));
  CHECK(*b.completion_rate() == 100);
  CHECK(*b.on_time_rate() == 0);  // an undated completion cannot be shown to be on time
  CHECK(report.total.due == 6);
  stats::Options window;
  window.from = Date{2024, 3, 15};
  CHECK(stats::compute({&plan}, items, {2024, 4, 1}, window).total.due == 1);
}
