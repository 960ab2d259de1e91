#pragma once

#include <cstddef>

namespace cchc::load {

/// Bounds on what one plan file may hold, so that a hostile or broken file is refused quickly and in bounded
/// memory instead of exhausting the machine. The defaults are far above any real plan (the bundled Hà Tĩnh
/// plan is 17 KB, 6 levels deep, about 600 nodes); docs/hostile-input.md explains each.
struct Limits {
  std::size_t max_file_bytes = 8u << 20;     ///< 8 MiB; checked by the reader before the file is read
  int max_depth = 64;                        ///< nested maps and lists, block and flow style together
  std::size_t max_nodes = 100'000;           ///< keys, values and list items
  std::size_t max_scalar_bytes = 64u << 10;  ///< one key or value, 64 KiB
  std::size_t max_diagnostics = 100;         ///< problems reported per file; the rest are counted
};

}  // namespace cchc::load
