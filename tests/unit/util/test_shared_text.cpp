#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "util/shared_text.hpp"

using cchc::util::SharedText;

TEST_CASE("a shared text reads as the text it was given", "[shared_text]") {
  for (const std::string& text :
       {std::string(), std::string("Thường xuyên"), std::string("Quý IV/2025"), std::string(300, 'x')}) {
    const SharedText held(text);
    CHECK(held.view() == text);
    CHECK(held.size() == text.size());
    CHECK(held.empty() == text.empty());
    CHECK(held.str() == text);
    CHECK(held == text);
  }
  CHECK(SharedText().holders() == 0);  // an empty text has no block
}

TEST_CASE("copies of a shared text share one block, which the last holder frees", "[shared_text]") {
  SharedText original("Trước ngày 30/4/2020");
  CHECK(original.holders() == 1);
  {
    const SharedText copy(original);
    CHECK(copy.view().data() == original.view().data());  // the same bytes, not a copy of them
    CHECK(original.holders() == 2);
    SharedText assigned;
    assigned = copy;
    CHECK(assigned.view().data() == original.view().data());
    CHECK(original.holders() == 3);
    assigned = assigned;  // NOLINT(clang-diagnostic-self-assign-overloaded): assigning itself changes nothing
    CHECK(original.holders() == 3);
  }
  CHECK(original.holders() == 1);  // the copies gave their hold back
  SharedText moved(std::move(original));
  CHECK(original.empty());  // NOLINT(bugprone-use-after-move): moving leaves it empty, as documented
  CHECK(moved.holders() == 1);
  CHECK(moved == "Trước ngày 30/4/2020");
}

TEST_CASE("a shared text assigned a new text leaves its other holders as they were", "[shared_text]") {
  SharedText first("Thường xuyên");
  SharedText second(first);
  second = "Hằng quý";
  CHECK(first == "Thường xuyên");
  CHECK(first.holders() == 1);
  CHECK(second == "Hằng quý");
  second = second.view().substr(std::string_view("Hằng ").size());  // a part of itself
  CHECK(second == "quý");
}

TEST_CASE("holders of one shared text can be copied and dropped on two threads at once", "[shared_text]") {
  const SharedText wording("Tháng 02 năm 2020");
  const auto copy_and_drop = [&wording] {
    std::vector<SharedText> copies;
    for (int round = 0; round < 200; ++round) {
      for (int i = 0; i < 50; ++i) copies.push_back(wording);
      copies.clear();
    }
  };
  std::thread other(copy_and_drop);
  copy_and_drop();
  other.join();
  CHECK(wording.holders() == 1);
  CHECK(wording == "Tháng 02 năm 2020");
}
