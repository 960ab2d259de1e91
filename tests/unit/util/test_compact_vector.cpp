#include <catch2/catch.hpp>

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/compact_vector.hpp"

using cchc::util::CompactVector;

namespace {

/// The vector's elements, copied out, to compare with what is expected.
template <class T>
std::vector<T> contents(const CompactVector<T>& values) {
  return std::vector<T>(values.begin(), values.end());
}

/// A value whose copy throws once `copies_left` reaches zero: for the copies that fail part way.
struct Fragile {
  static inline int copies_left = 1000;
  std::string text;  // on the heap, so that LeakSanitizer sees what a failed copy leaves behind

  explicit Fragile(std::string value) : text(std::move(value)) {}
  Fragile(const Fragile& other) : text(other.text) {
    if (copies_left-- <= 0) throw std::runtime_error("copy refused");
  }
  Fragile(Fragile&&) noexcept = default;
  Fragile& operator=(const Fragile&) = default;
  Fragile& operator=(Fragile&&) noexcept = default;
  ~Fragile() = default;
  friend bool operator==(const Fragile&, const Fragile&) = default;
};

/// A task-like type: a list of its own kind inside it, declared while it is still incomplete.
struct Node {
  std::string name;
  CompactVector<Node> children;
  friend bool operator==(const Node&, const Node&) = default;
};

}  // namespace

TEST_CASE("a compact vector takes one pointer and grows like std::vector", "[compact_vector]") {
  STATIC_REQUIRE(sizeof(CompactVector<std::string>) == sizeof(void*));
  CompactVector<std::string> words;
  CHECK(words.empty());
  CHECK(words.begin() == words.end());
  const std::string long_word(40, 'x');  // longer than the small-string buffer: moves must keep it
  for (int i = 0; i < 100; ++i) words.push_back(i % 2 == 0 ? long_word + std::to_string(i) : std::to_string(i));
  REQUIRE(words.size() == 100);
  CHECK(words.capacity() >= 100);
  CHECK(words.front() == long_word + "0");
  CHECK(words[1] == "1");
  CHECK(words.back() == "99");
  CHECK(words.at(98) == long_word + "98");
  CHECK_THROWS_AS(words.at(100), std::out_of_range);
  words.pop_back();
  CHECK(words.size() == 99);
  words.clear();
  CHECK(words.empty());
  CHECK(words.capacity() >= 100);  // clearing keeps the room, as std::vector does
}

TEST_CASE("a compact vector adds a copy of its own element when it must grow for it", "[compact_vector]") {
  CompactVector<std::string> words{std::string(30, 'a')};
  REQUIRE(words.size() == words.capacity());  // the next push grows the block the argument lives in
  for (int i = 0; i < 6; ++i) words.push_back(words[0]);
  CHECK(contents(words) == std::vector<std::string>(7, std::string(30, 'a')));
  words.emplace_back(words.back());
  CHECK(words.size() == 8);
  CHECK(words.back() == std::string(30, 'a'));
}

TEST_CASE("a compact vector copies, moves, compares and converts like std::vector", "[compact_vector]") {
  CompactVector<std::string> original{"snv", "stp", "stc"};
  CompactVector<std::string> copy = original;
  CHECK(copy == original);
  copy.push_back("ubnd");
  CHECK_FALSE(copy == original);
  CHECK(contents(original) == std::vector<std::string>{"snv", "stp", "stc"});

  CompactVector<std::string> moved = std::move(copy);
  CHECK(moved.size() == 4);
  CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from vector is empty, as here documented

  moved = original;  // copy assignment replaces
  CHECK(moved == original);
  moved = CompactVector<std::string>{};
  CHECK(moved.empty());
  CHECK(moved == CompactVector<std::string>{});

  const CompactVector<std::string> from_vector(std::vector<std::string>{"a", "b"});
  CHECK(contents(from_vector) == std::vector<std::string>{"a", "b"});
  const std::span<const std::string> view = from_vector;
  CHECK(view.size() == 2);
  CHECK(view[1] == "b");
  CHECK(std::span<const std::string>(CompactVector<std::string>{}).empty());
}

TEST_CASE("a compact vector holds its own kind, as a task holds its subtasks", "[compact_vector]") {
  Node root{"1", {}};
  root.children.push_back(Node{"1.1", {}});
  root.children.push_back(Node{"1.2", {Node{"1.2.1", {}}}});
  for (int i = 0; i < 20; ++i) root.children[1].children.push_back(Node{"x", {}});
  const Node copy = root;
  CHECK(copy == root);
  CHECK(copy.children[1].children.size() == 21);
  CHECK(copy.children[1].children[0].name == "1.2.1");
}

TEST_CASE("a copy of a compact vector that fails part way leaves nothing behind", "[compact_vector]") {
  CompactVector<Fragile> values;
  for (int i = 0; i < 5; ++i) values.emplace_back(std::string(40, 'a') + std::to_string(i));
  Fragile::copies_left = 2;  // the third copy throws: LeakSanitizer (in the ASan build) finds the first two if kept
  CHECK_THROWS_AS(CompactVector<Fragile>(values), std::runtime_error);
  Fragile::copies_left = 1000;
  const Fragile extra(std::string(40, 'b'));
  while (values.size() < values.capacity()) values.emplace_back(std::string(40, 'c'));
  const auto before = contents(values);
  // A push that must grow the block and then fails to copy its value leaves the vector as it was.
  Fragile::copies_left = 0;
  CHECK_THROWS_AS(values.push_back(extra), std::runtime_error);
  Fragile::copies_left = 1000;
  CHECK(contents(values) == before);
}
