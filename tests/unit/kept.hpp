#pragma once

#include <deque>
#include <utility>

namespace cchc::test_support {

/// An evaluated item refers into the plan it came from (see evaluate::Item), which must outlive it; a test that
/// builds a plan or an item's text in an expression keeps it here instead: it lives until the test program ends.
template <class T>
const T& kept(T value) {
  static std::deque<T> values;  // a deque never moves what it holds
  return values.emplace_back(std::move(value));
}

}  // namespace cchc::test_support
