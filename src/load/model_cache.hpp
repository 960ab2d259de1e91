#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "load/limits.hpp"
#include "load/load.hpp"

namespace cchc::load {

// What load_plan gave for a text, kept from one run to the next (see ParseOptions::model_cache) so that a plan
// read again unchanged is neither parsed nor replayed: the plan and the problems found are decoded as they
// were. load_plan's result depends only on the text, the file's name and the limits, so an entry names all
// three: the text by its size and XXH3-128 digest, the name and the limits as they were. It also carries a
// checksum of itself. decode_load_result refuses an entry for anything else, or damaged, so a cache may lose,
// mix up or damage entries without changing any result.

/// The entry for `result`, which load_plan(text, file, limits) returned.
std::string encode_load_result(const LoadResult& result, std::string_view text, const std::string& file,
                               const Limits& limits);

/// The result kept in `entry` when encode_load_result made it (in this format) for exactly this text, file name
/// and limits, and it decodes whole; nullopt otherwise. Every length is checked against the bytes at hand, so
/// damaged bytes can neither crash it nor make it allocate much more than the entry's own size.
std::optional<LoadResult> decode_load_result(std::string_view entry, std::string_view text, const std::string& file,
                                             const Limits& limits);

}  // namespace cchc::load
