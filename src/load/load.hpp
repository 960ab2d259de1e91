#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "load/limits.hpp"
#include "model/plan.hpp"
#include "util/diagnostic.hpp"

namespace cchc::load {

/// What reading one plan file gave: the plan (when its structure could be
/// read at all) and every problem found on the way, not only the first.
struct LoadResult {
  std::optional<model::Plan> plan;
  util::Diagnostics diagnostics;

  friend bool operator==(const LoadResult&, const LoadResult&) = default;
};

/// Builds a plan from the text of a plan file. `file` is only used to label
/// diagnostics. All strings in the model are NFC. Structural problems are
/// reported here: YAML syntax, unknown keys, wrong types, missing required
/// fields, duplicate keys, impossible dates, unreadable deadline wordings.
/// Never throws, never reads files. Texts beyond `limits` are refused with a
/// "limit" diagnostic; at most `limits.max_diagnostics` problems are listed.
/// `options` only decide how the text is parsed: the result is the same whatever they say.
LoadResult load_plan(std::string_view text, const std::string& file, const Limits& limits = {},
                     const ParseOptions& options = {});

}  // namespace cchc::load
