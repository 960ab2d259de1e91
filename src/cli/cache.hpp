#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/event_cache.hpp"

namespace cchc::cli {

/// The event cache (load::EventCache) in files: one entry per plan file, named by a digest of the file's absolute
/// path, holding this build's id, that path and the recording, so the cache never grows past one entry per plan
/// file ever read. The same class keeps the loaded plans (ParseOptions::model_cache) as another kind of entry,
/// in files of their own beside the recordings. Entries are written to a temporary file and renamed, so a reader sees a
/// whole entry or none. Nothing here can change what cchc prints or its exit code: an entry that cannot be read is a
/// miss (the file is parsed), one that cannot be written is not written, and a recording is only replayed for the exact
/// text it was made from (load::EventReplay checks that), whatever the entry or the file's dates say.
class FileEventCache : public load::EventCache {
 public:
  /// Entries in `directory` (made, with its missing parents, mode 0700, when the first entry is written), for
  /// the build `build_id`; entries above `max_entry_bytes` are neither read nor written. With a `stats_file`,
  /// one line per file replayed or recorded is added to it when the cache is destroyed (for the tests).
  /// `kind` tells the entries of the model cache ("model") from the recordings (empty): in their names, their
  /// first line and the statistics ("stored-model", "reused-model" in place of "recorded", "replayed").
  FileEventCache(std::string directory, std::string build_id, std::size_t max_entry_bytes, std::string stats_file = {},
                 std::string kind = {});
  FileEventCache(const FileEventCache&) = delete;
  FileEventCache& operator=(const FileEventCache&) = delete;
  ~FileEventCache() override;

  std::optional<std::string> find(const std::string& file) override;
  void store(const std::string& file, std::string_view recording) override;
  void store_pieces(const std::string& file, const std::vector<std::string_view>& pieces) override;
  void replayed(const std::string& file) override;

 private:
  /// Where `file`'s entry is, and what the entry starts with when it is this build's entry for that file.
  struct Entry {
    std::string path;
    std::string header;
  };
  std::optional<Entry> entry_for(const std::string& file) const;
  void note(std::string_view what, const std::string& file);

  std::string m_directory;
  std::string m_build_id;
  std::size_t m_max_entry_bytes;
  std::string m_stats_file;
  std::string m_kind;
  std::mutex m_mutex;  ///< guards the rest: files are loaded on several threads
  bool m_directory_made = false;
  std::vector<std::string> m_stats;
};

/// The cache cchc uses for plan files of at most `max_file_bytes`: in $CCHC_CACHE_DIR, else $XDG_CACHE_HOME/cchc,
/// else $HOME/.cache/cchc; none (null) when CCHC_CACHE_DIR is "off" or empty, or no folder can be named.
std::unique_ptr<load::EventCache> open_event_cache(std::size_t max_file_bytes);

/// The cache of loaded plans (see load/model_cache.hpp), in the same folder as open_event_cache's and on the same
/// terms.
std::unique_ptr<load::EventCache> open_model_cache(std::size_t max_file_bytes);

}  // namespace cchc::cli
