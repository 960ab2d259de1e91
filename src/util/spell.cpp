#include "util/spell.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace cchc::util {

namespace {

std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> result;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    if (i + length > text.size()) length = text.size() - i;
    char32_t value = 0;
    for (std::size_t k = 0; k < length; ++k) value = (value << 8) | static_cast<unsigned char>(text[i + k]);
    result.push_back(value);  // the raw bytes identify the code point well enough to compare
    i += length;
  }
  return result;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions, and swaps of
  // two neighbours ("titel" → "title") each count as one edit, as typos do.
  const auto left = code_points(a), right = code_points(b);
  const std::size_t width = right.size() + 1;
  std::vector<int> table((left.size() + 1) * width);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return table[i * width + j]; };
  for (std::size_t i = 0; i <= left.size(); ++i) at(i, 0) = static_cast<int>(i);
  for (std::size_t j = 0; j <= right.size(); ++j) at(0, j) = static_cast<int>(j);
  for (std::size_t i = 1; i <= left.size(); ++i) {
    for (std::size_t j = 1; j <= right.size(); ++j) {
      const int cost = left[i - 1] == right[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && left[i - 1] == right[j - 2] && left[i - 2] == right[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(left.size(), right.size());
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string folded = fold_case(word);
  // A typo changes a few characters; allow about one edit per three characters.
  const int limit = std::max(1, static_cast<int>(code_points(folded).size()) / 3);
  std::optional<std::string> best;
  int best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const int distance = edit_distance(folded, fold_case(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace cchc::util
