#include <catch2/catch.hpp>

#include "model/deadline.hpp"

using namespace cchc::model;
using cchc::util::Date;

namespace {

Deadline parsed(std::string_view text, BeforeDate before_date = BeforeDate::Inclusive) {
  const DeadlineResult result = parse_deadline(text, DeadlineOptions{before_date});
  if (const auto* error = std::get_if<DeadlineError>(&result)) FAIL("'" << text << "' gave: " << error->message);
  return std::get<Deadline>(result);
}

DeadlineError failed(std::string_view text) {
  const DeadlineResult result = parse_deadline(text);
  if (std::holds_alternative<Deadline>(result)) FAIL("'" << text << "' was accepted");
  return std::get<DeadlineError>(result);
}

}  // namespace

TEST_CASE("an ISO date is a single day") {
  const Deadline deadline = parsed("2020-04-30");
  CHECK(deadline.kind == DeadlineKind::Date);
  CHECK(deadline.precision == DeadlinePrecision::Day);
  CHECK(deadline.due == Date{2020, 4, 30});
  CHECK_FALSE(deadline.start.has_value());
  CHECK(deadline.text == "2020-04-30");
}

TEST_CASE("an ISO month is due on its last day") {
  const Deadline deadline = parsed("2020-02");
  CHECK(deadline.precision == DeadlinePrecision::Month);
  CHECK(deadline.start == Date{2020, 2, 1});
  CHECK(deadline.due == Date{2020, 2, 29});
  CHECK(parsed("2021-02").due == Date{2021, 2, 28});
  CHECK(parsed("2020-12").due == Date{2020, 12, 31});
}

TEST_CASE("d/m/yyyy with or without leading zeros") {
  CHECK(parsed("30/4/2020").due == Date{2020, 4, 30});
  CHECK(parsed("30/04/2020").due == Date{2020, 4, 30});
  CHECK(parsed("1/1/2021").due == Date{2021, 1, 1});
  CHECK(parsed("30/4/2020").precision == DeadlinePrecision::Day);
}

TEST_CASE("'Trước ngày' is read as the plan's before_date says") {
  const Deadline inclusive = parsed("Trước ngày 30/4/2020", BeforeDate::Inclusive);
  CHECK(inclusive.due == Date{2020, 4, 30});
  CHECK(inclusive.precision == DeadlinePrecision::Day);
  CHECK(inclusive.text == "Trước ngày 30/4/2020");

  const Deadline exclusive = parsed("Trước ngày 30/4/2020", BeforeDate::Exclusive);
  CHECK(exclusive.due == Date{2020, 4, 29});
  CHECK(exclusive.text == "Trước ngày 30/4/2020");

  CHECK(parsed("Trước ngày 1/3/2020", BeforeDate::Exclusive).due == Date{2020, 2, 29});
  CHECK(parsed("Trước ngày 1/1/2021", BeforeDate::Exclusive).due == Date{2020, 12, 31});
  CHECK(parsed("trước ngày 2020-05-15").due == Date{2020, 5, 15});
}

TEST_CASE("month wordings name the whole month") {
  const Deadline long_form = parsed("Tháng 02 năm 2020");
  CHECK(long_form.precision == DeadlinePrecision::Month);
  CHECK(long_form.start == Date{2020, 2, 1});
  CHECK(long_form.due == Date{2020, 2, 29});

  const Deadline short_form = parsed("Tháng 2/2020");
  CHECK(short_form.start == Date{2020, 2, 1});
  CHECK(short_form.due == Date{2020, 2, 29});
  CHECK(parsed("tháng 11/2020").due == Date{2020, 11, 30});
}

TEST_CASE("year wordings are due on 31 December") {
  for (const char* text : {"Năm 2020", "2020"}) {
    const Deadline deadline = parsed(text);
    CHECK(deadline.precision == DeadlinePrecision::Year);
    CHECK(deadline.start == Date{2020, 1, 1});
    CHECK(deadline.due == Date{2020, 12, 31});
  }
}

TEST_CASE("'Thực hiện thường xuyên, liên tục' is ongoing work too, and nothing else follows") {
  for (const char* text : {"Thực hiện thường xuyên, liên tục", "thường xuyên và liên tục", "Thường xuyên liên tục",
                           "Thực hiện thường xuyên"}) {
    const Deadline deadline = parsed(text);
    CHECK(deadline.kind == DeadlineKind::Ongoing);
    CHECK_FALSE(deadline.due);
    CHECK(deadline.text == text);
  }
  CHECK(failed("Thường xuyên, liên tục, hằng ngày").message.find("cannot read") == 0);
  CHECK(failed("Thực hiện").message.find("cannot read") == 0);
}

TEST_CASE("'Thường xuyên' is ongoing work with no due day") {
  const Deadline deadline = parsed("Thường xuyên");
  CHECK(deadline.kind == DeadlineKind::Ongoing);
  CHECK_FALSE(deadline.due.has_value());
  CHECK_FALSE(deadline.start.has_value());
  CHECK(deadline.text == "Thường xuyên");
}

TEST_CASE("case, extra spaces and NFD input are all accepted") {
  CHECK(parsed("TRƯỚC NGÀY 30/4/2020").due == Date{2020, 4, 30});
  CHECK(parsed("  Trước   ngày\t30/4/2020 ").due == Date{2020, 4, 30});
  CHECK(parsed("THƯỜNG XUYÊN").kind == DeadlineKind::Ongoing);
  CHECK(parsed("tháng 02   NĂM 2020").due == Date{2020, 2, 29});

  // "Trước ngày" and "Thường xuyên" spelt with combining marks (NFD), as some Word documents store them.
  const std::string nfd_before = "Tr\u01B0\u01A1\u0301c nga\u0300y 30/4/2020";
  const Deadline before = parsed(nfd_before);
  CHECK(before.due == Date{2020, 4, 30});
  CHECK(before.text == "Trước ngày 30/4/2020");  // kept as NFC
  CHECK(parsed("Th\u01B0\u01A1\u0300ng xuye\u0302n").kind == DeadlineKind::Ongoing);
}

TEST_CASE("the wording is kept with its whitespace collapsed") {
  CHECK(parsed("  Trước   ngày 30/4/2020 ").text == "Trước ngày 30/4/2020");
  CHECK(parsed("TRƯỚC NGÀY 30/4/2020").text == "TRƯỚC NGÀY 30/4/2020");
}

TEST_CASE("impossible dates say why") {
  CHECK(failed("2020-02-30").message == "there is no day 2020-02-30: February 2020 has 29 days");
  CHECK(failed("31/02/2020").message == "there is no day 31/02/2020: February 2020 has 29 days");
  CHECK(failed("29/2/2021").message == "there is no day 29/2/2021: February 2021 has 28 days");
  CHECK(failed("Trước ngày 30/02/2020").message == "there is no day 30/02/2020: February 2020 has 29 days");
  CHECK(failed("31/4/2020").message == "there is no day 31/4/2020: April 2020 has 30 days");
  CHECK(failed("0/4/2020").message == "there is no day 0/4/2020: days start at 1");
  CHECK(failed("30/13/2020").message == "there is no month 13: months go from 1 to 12");
  CHECK(failed("Tháng 13 năm 2020").message == "there is no month 13: months go from 1 to 12");
  CHECK(failed("Tháng 0/2020").message == "there is no month 0: months go from 1 to 12");
  CHECK(failed("2020-00").message == "there is no month 00: months go from 1 to 12");
  CHECK(failed("Năm 0000").message == "there is no year 0000: years go from 0001 to 9999");
}

TEST_CASE("unknown wordings are errors listing the accepted forms") {
  for (const char* text : {"Quý V/2025", "sớm", "Trước ngày", "Tháng 2", "2020 -", "20201", "Thường", "2020-04-30 xyz",
                           "30.4.2020", "Sau khi xong"}) {
    const DeadlineError error = failed(text);
    CHECK(error.message == std::string("cannot read the deadline '") + text + "'");
    CHECK(error.hint.find("Trước ngày 30/4/2020") != std::string::npos);
    CHECK(error.hint.find("Thường xuyên") != std::string::npos);
  }
  CHECK(failed("   ").message == "the deadline is empty");
  // A day without its year is read, but this plan gives no year: that is its own error.
  CHECK(failed("30/4").message == "the day 30/4 has no year, and the plan gives none");
}

TEST_CASE("the accepted forms are listed once each, with examples") {
  const auto& forms = accepted_deadline_forms();
  REQUIRE(forms.size() == 22);
  CHECK(forms.front().find("2020-04-30") == 0);
  for (const auto& form : forms) CHECK_FALSE(form.empty());
}

TEST_CASE("a copied deadline shares its wording", "[shared_text]") {
  const auto parsed = parse_deadline("Thường xuyên");
  REQUIRE(std::holds_alternative<Deadline>(parsed));
  const auto& deadline = std::get<Deadline>(parsed);
  const Deadline copy = deadline;  // NOLINT(performance-unnecessary-copy-initialization): the point
  CHECK(copy.text.view().data() == deadline.text.view().data());
  CHECK(copy == deadline);
}
