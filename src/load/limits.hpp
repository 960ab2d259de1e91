#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cchc::load {

class EventCache;

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

/// How a plan file is parsed; unlike Limits, nothing here changes what a file means, only how fast it is read.
struct ParseOptions {
  /// Files of at least this many bytes whose top-level `tasks:` list can be cut cleanly are parsed in two parts
  /// at once, on two threads (see read_yaml); nullopt: always in one piece, on the calling thread.
  std::optional<std::size_t> two_parsers_from_bytes;
  /// Called first on the second parser's thread (the CLI prepares that thread's heap); may be null.
  void (*prepare_second_thread)() = nullptr;
  /// Keeps what yaml-cpp reported for a text, to be replayed instead of parsing the same text again (see
  /// EventCache in load/event_cache.hpp); null: every text is parsed.
  EventCache* event_cache = nullptr;
  /// Keeps what load_plan gave for a text, to be decoded instead of reading the same text again (see
  /// load/model_cache.hpp); a store of bytes by file name like `event_cache`, and apart from it. Null: not kept.
  EventCache* model_cache = nullptr;
  /// Texts that keep to the plain block YAML plan files are written in are read by scan_plain_yaml (see
  /// load/plain_yaml.hpp), which reports what yaml-cpp would, at a small part of its cost; yaml-cpp reads the
  /// rest. False: yaml-cpp reads every text.
  bool plain_yaml = false;
  /// Called by the plain reader with each stretch of a text it has read past while it builds the plan (see
  /// scan_plain_yaml); the CLI gives back the memory of a mapped file's pages with it. Null: never called.
  void (*release_passed_text)(std::string_view) = nullptr;
};

/// Nodes allowed per MiB when the file size limit is raised: one node per 16 bytes, denser than any real plan
/// (the Hà Tĩnh plan has one per 28 bytes, the synthetic benchmark plans one per 20), so a file of many tiny
/// nodes still stops early and the memory the tree takes stays proportional to the file.
inline constexpr std::size_t kNodesPerMiB = 65'536;

/// The limits for plan files of up to `max_file_mib` MiB (CCHC_MAX_FILE_MIB): the size and node limits grow
/// together; depth, text length and the problems listed stay as they are. Below the default size the defaults
/// are kept.
inline Limits limits_for_file_size(std::size_t max_file_mib) {
  Limits limits;
  const std::size_t bytes = max_file_mib << 20;
  if (bytes <= limits.max_file_bytes) return limits;
  limits.max_file_bytes = bytes;
  limits.max_nodes = max_file_mib * kNodesPerMiB;
  return limits;
}

}  // namespace cchc::load
