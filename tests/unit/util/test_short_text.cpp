#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "util/short_text.hpp"

using cchc::util::ShortText;

TEST_CASE("a short text holds texts of every length, in place up to 15 bytes", "[short_text]") {
  for (const std::string text : {"", "3", "3.14", "ubnd-huyen", "123456789012345", "1234567890123456",
                                 "Ủy ban nhân dân cấp huyện và các đơn vị"}) {
    const ShortText held(text);
    CHECK(held.view() == text);
    CHECK(held.size() == text.size());
    CHECK(held.empty() == text.empty());
    CHECK(held.str() == text);
    CHECK(held == text);
  }
  const ShortText in_place("123456789012345");
  CHECK(reinterpret_cast<const char*>(&in_place) == in_place.data());  // the bytes sit in the object itself
  const ShortText on_heap("1234567890123456");
  CHECK(reinterpret_cast<const char*>(&on_heap) != on_heap.data());
}

TEST_CASE("a short text copies, moves and is assigned as a string is", "[short_text]") {
  for (const std::string text : {"snv", "a-supporting-agency-with-a-long-id"}) {
    ShortText original(text);
    ShortText copy(original);
    CHECK(copy == original);
    CHECK(copy.data() != original.data());
    ShortText moved(std::move(original));
    CHECK(moved == text);
    CHECK(original.empty());  // NOLINT(bugprone-use-after-move): moving leaves it empty, as documented
    ShortText assigned;
    assigned = moved;
    CHECK(assigned == text);
    assigned = std::move(copy);
    CHECK(assigned == text);
    assigned = assigned.view().substr(1);  // a part of itself
    CHECK(assigned == text.substr(1));
    assigned = "x";
    CHECK(assigned == "x");
  }
}

TEST_CASE("short texts compare by their bytes", "[short_text]") {
  CHECK(ShortText("3.1") == ShortText("3.1"));
  CHECK_FALSE(ShortText("3.1") == ShortText("3.10"));
  CHECK(ShortText("3.1") < ShortText("3.10"));
  CHECK(ShortText("a-long-agency-id-one") < ShortText("a-long-agency-id-two"));
  CHECK(ShortText("") < ShortText("a"));
}
