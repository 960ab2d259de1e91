#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cchc::util {

/// Levenshtein distance between two UTF-8 strings, counted in code points.
int edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, when it is close enough to be a likely typo
/// (for "did you mean 'snv'?" hints); nullopt when nothing is near.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace cchc::util
