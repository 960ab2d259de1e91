#include "util/text_rules.hpp"

#include <algorithm>
#include <iterator>

namespace cchc::util {

namespace {

constexpr DecomposedLetter kDecomposedLetters[] = {
#include "util/decomposed_letters.inc"
};

std::string_view up_to_nul(const char* bytes, std::size_t size) {
  return {bytes, static_cast<std::size_t>(std::find(bytes, bytes + size, '\0') - bytes)};
}

}  // namespace

std::string_view DecomposedLetter::nfd() const { return up_to_nul(decomposed, sizeof decomposed); }

std::string_view DecomposedLetter::nfc() const { return up_to_nul(composed, sizeof composed); }

std::span<const DecomposedLetter> decomposed_letters() { return kDecomposedLetters; }

std::string_view composed_letter(std::string_view text) {
  // A letter and one or two combining marks of two bytes each: 3 to 5 bytes; anything else misses at once.
  if (text.size() < 3 || text.size() >= sizeof(DecomposedLetter::decomposed)) return {};
  const auto* const found =
      std::lower_bound(std::begin(kDecomposedLetters), std::end(kDecomposedLetters), text,
                       [](const DecomposedLetter& letter, std::string_view key) { return letter.nfd() < key; });
  if (found == std::end(kDecomposedLetters) || found->nfd() != text) return {};
  return found->nfc();
}

}  // namespace cchc::util
