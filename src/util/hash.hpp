#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cchc::util {

/// A 128-bit digest of some bytes (XXH3-128): equal digests stand for equal bytes, except with a chance of
/// about 2^-64 even among billions of texts. Not a cryptographic hash: it guards against accidents, such as a
/// file edited twice within one tick of the clock, not against an attacker who writes the cache by hand.
struct Digest128 {
  std::uint64_t low = 0;
  std::uint64_t high = 0;

  friend bool operator==(const Digest128&, const Digest128&) = default;
};

/// The XXH3-128 digest of `bytes`.
Digest128 digest128(std::string_view bytes);

/// The XXH3-64 digest of `bytes`: a checksum against damaged data.
std::uint64_t digest64(std::string_view bytes);

/// `digest` as 32 lowercase hexadecimal digits, high half first.
std::string to_hex(const Digest128& digest);

}  // namespace cchc::util
