#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <utility>

#include "util/heap_text.hpp"

using cchc::util::HeapText;

TEST_CASE("HeapText is the size of a pointer and holds no block while empty", "[heap_text]") {
  STATIC_REQUIRE(sizeof(HeapText) == sizeof(void*));
  const HeapText empty;
  CHECK(empty.empty());
  CHECK(empty.size() == 0);
  CHECK(empty.view().empty());
  CHECK(empty == std::string_view());
  // Assigning an empty text gives back the block: empty() is the block's absence.
  HeapText text("x");
  CHECK_FALSE(text.empty());
  text = std::string_view();
  CHECK(text.empty());
  CHECK(HeapText(std::string_view()).empty());
}

TEST_CASE("HeapText keeps every byte of what it is given", "[heap_text]") {
  const std::string note = "Gửi kèm Báo cáo số 45/BC-STP\nngày 28/4/2020";
  const HeapText text(note);
  CHECK(text.size() == note.size());
  CHECK(text.view() == note);
  CHECK(text.str() == note);
  CHECK(text == note);
  // Bytes that end a C string or a line are text like any other.
  const std::string with_zero("a\0b\n", 4);
  CHECK(HeapText(with_zero).view() == with_zero);
  CHECK(HeapText(with_zero).size() == 4);
}

TEST_CASE("HeapText copies its text, moves its block and can be assigned from itself", "[heap_text]") {
  HeapText original("3.1");
  HeapText copy(original);
  CHECK(copy == original);
  CHECK(copy.view().data() != original.view().data());  // its own block

  const char* block = original.view().data();
  HeapText moved(std::move(original));
  CHECK(moved == "3.1");
  CHECK(moved.view().data() == block);  // the same block, not a copy
  CHECK(original.empty());              // NOLINT(bugprone-use-after-move): the source is left empty
  original = HeapText("II.1");          // and can be used again
  CHECK(original == "II.1");

  HeapText assigned;
  assigned = moved;
  CHECK(assigned == "3.1");
  assigned = std::move(moved);
  CHECK(assigned == "3.1");
  CHECK(moved.empty());  // NOLINT(bugprone-use-after-move)

  // From itself, as a copy and as a view of its own bytes: the text stays what it was.
  HeapText& same = assigned;
  assigned = same;
  CHECK(assigned == "3.1");
  assigned = assigned.view();
  CHECK(assigned == "3.1");
  assigned = assigned.view().substr(2);
  CHECK(assigned == "1");
}

TEST_CASE("HeapText compares by its text", "[heap_text]") {
  CHECK(HeapText("abc") == HeapText("abc"));
  CHECK_FALSE(HeapText("abc") == HeapText("abd"));
  CHECK_FALSE(HeapText("abc") == HeapText("ab"));
  CHECK_FALSE(HeapText("abc") == HeapText());
  CHECK(HeapText() == HeapText());
  CHECK(HeapText("abc") == std::string_view("abc"));
  CHECK_FALSE(HeapText("abc") == std::string_view("abcd"));
}
