#pragma once

#include <random>
#include <string>
#include <vector>

namespace cchc::test_support {

/// `count` texts of 0 to 12 of `pieces` each, drawn with a fixed seed: the inputs on which a fast text function
/// is compared with a slow reference. The pieces are what matters to the function under test (bytes on either side
/// of a bound, broken UTF-8, the letters of real plans).
inline std::vector<std::string> random_texts(const std::vector<std::string>& pieces, int count) {
  std::mt19937 random(20261127);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  std::vector<std::string> texts;
  texts.reserve(static_cast<std::size_t>(count));
  for (int round = 0; round < count; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) text += pieces[pick(random)];
    texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace cchc::test_support
