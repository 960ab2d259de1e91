#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "model/plan.hpp"

using cchc::model::Located;
using cchc::model::OptionalLocated;
using cchc::util::Date;
using cchc::util::SourcePos;

TEST_CASE("an optional located value reads as std::optional does", "[optional_located]") {
  OptionalLocated<int> progress;
  CHECK_FALSE(progress);
  CHECK_FALSE(progress.has_value());
  CHECK_THROWS_AS(progress.value(), std::bad_optional_access);

  progress = Located<int>{40, SourcePos{12, 15}};
  REQUIRE(progress);
  CHECK(progress->value == 40);
  CHECK((*progress).pos == SourcePos{12, 15});
  CHECK(progress.value().value == 40);

  progress = std::nullopt;
  CHECK_FALSE(progress);
  progress.emplace(Located<int>{100, SourcePos{3, 1}});
  CHECK(progress->value == 100);
  progress.reset();
  CHECK_FALSE(progress);
}

TEST_CASE("a value with an unknown position is still there", "[optional_located]") {
  // Values made by code, not read from a file, have no position (line 0): that must not read as absent.
  const OptionalLocated<Date> done = Located<Date>{Date{2020, 4, 30}, SourcePos{}};
  REQUIRE(done);
  CHECK_FALSE(done->pos.known());
  CHECK(done->value == Date{2020, 4, 30});
  const OptionalLocated<int> zero = Located<int>{};
  CHECK(zero);
}

TEST_CASE("an optional located value converts from std::optional and compares as one", "[optional_located]") {
  const std::optional<Located<std::string>> none;
  const std::optional<Located<std::string>> some = Located<std::string>{"Sở Nội vụ", SourcePos{5, 9}};
  const OptionalLocated<std::string> from_none = none;
  const OptionalLocated<std::string> from_some = some;
  CHECK_FALSE(from_none);
  REQUIRE(from_some);
  CHECK(from_some->value == "Sở Nội vụ");
  CHECK(from_some == OptionalLocated<std::string>(some));
  CHECK_FALSE(from_some == from_none);
  CHECK(from_none == OptionalLocated<std::string>());
  CHECK_FALSE(from_some == OptionalLocated<std::string>(Located<std::string>{"Sở Nội vụ", SourcePos{5, 10}}));
}

TEST_CASE("an optional located value takes no more room than the value", "[optional_located]") {
  CHECK(sizeof(OptionalLocated<int>) == sizeof(Located<int>));
  CHECK(sizeof(OptionalLocated<Date>) == sizeof(Located<Date>));
  CHECK(sizeof(OptionalLocated<cchc::model::Deadline>) == sizeof(Located<cchc::model::Deadline>));
  CHECK(sizeof(OptionalLocated<Date>) < sizeof(std::optional<Located<Date>>));
}
