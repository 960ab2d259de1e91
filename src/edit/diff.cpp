#include <fmt/format.h>

#include <algorithm>

#include "edit/edit.hpp"

namespace cchc::edit {

namespace {

/// The lines of a text, each with its line end (the last one may have none).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      lines.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

std::string_view without_eol(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

/// One line of the edit script: ' ' kept, '-' removed, '+' added; with its index in the old or new text.
struct Step {
  char kind;
  std::size_t old_line;
  std::size_t new_line;
};

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& label) {
  if (before == after) return {};
  const auto a = split_lines(before);
  const auto b = split_lines(after);
  // Common head and tail, then a longest common subsequence of the (small) middle.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  std::vector<Step> steps;
  for (std::size_t i = 0; i < head; ++i) steps.push_back({' ', i, i});
  if (n * m <= 4'000'000) {
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        steps.push_back({' ', head + i++, head + j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        steps.push_back({'-', head + i++, head + j});
      } else {
        steps.push_back({'+', head + i, head + j++});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) steps.push_back({'-', head + i, head});
    for (std::size_t j = 0; j < m; ++j) steps.push_back({'+', head + n, head + j});
  }
  for (std::size_t i = 0; i < tail; ++i) steps.push_back({' ', a.size() - tail + i, b.size() - tail + i});

  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", label, label);
  constexpr std::size_t kContext = 3;
  std::size_t k = 0;
  while (k < steps.size()) {
    if (steps[k].kind == ' ') {
      ++k;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines after the last change near it.
    const std::size_t first = k >= kContext ? k - kContext : 0;
    std::size_t last = k;
    for (std::size_t probe = k; probe < steps.size() && probe <= last + 2 * kContext; ++probe) {
      if (steps[probe].kind != ' ') last = probe;
    }
    const std::size_t end = std::min(steps.size(), last + kContext + 1);
    std::size_t old_count = 0, new_count = 0;
    for (std::size_t s = first; s < end; ++s) {
      if (steps[s].kind != '+') ++old_count;
      if (steps[s].kind != '-') ++new_count;
    }
    const std::size_t old_start = old_count ? steps[first].old_line + 1 : steps[first].old_line;
    const std::size_t new_start = new_count ? steps[first].new_line + 1 : steps[first].new_line;
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_start, old_count, new_start, new_count);
    for (std::size_t s = first; s < end; ++s) {
      const Step& step = steps[s];
      const std::string_view line = step.kind == '+' ? b[step.new_line] : a[step.old_line];
      out += step.kind;
      out += without_eol(line);
      out += '\n';
      if (line == without_eol(line)) out += "\\ No newline at end of file\n";
    }
    k = end;
  }
  return out;
}

}  // namespace cchc::edit
