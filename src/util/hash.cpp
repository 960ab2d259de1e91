#include "util/hash.hpp"

#include <fmt/format.h>

// xxHash is used from its header alone (Debian's libxxhash-dev): its functions are compiled in here, so the
// binary needs no shared library for them.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace cchc::util {

Digest128 digest128(std::string_view bytes) {
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return Digest128{hash.low64, hash.high64};
}

std::uint64_t digest64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

std::string to_hex(const Digest128& digest) { return fmt::format("{:016x}{:016x}", digest.high, digest.low); }

}  // namespace cchc::util
