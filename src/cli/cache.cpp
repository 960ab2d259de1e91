#include "cli/cache.hpp"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "cli/data.hpp"
#include "util/hash.hpp"

namespace cchc::cli {

namespace fs = std::filesystem;

namespace {

/// Names the layout of an entry; bump it when the layout changes (the recording inside names its own format).
constexpr std::string_view kEntryMagic = "cchc event cache 2\n";

/// The linker's build id of the running program (a digest of its code, which the compilers and linkers of Debian
/// write into every program), as hexadecimal; empty when there is none. Two builds of the same git revision with
/// different changes not yet committed, or with another yaml-cpp, differ in it.
std::string program_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t /*size*/, void* data) {
        auto& found = *static_cast<std::string*>(data);
        for (ElfW(Half) i = 0; i < info->dlpi_phnum && found.empty(); ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          // The loader gives where the segment is as a number.
          // NOLINTNEXTLINE(performance-no-int-to-ptr)
          const auto* notes = reinterpret_cast<const unsigned char*>(info->dlpi_addr + segment.p_vaddr);
          // Each note: its header, then its name and its contents, each padded to 4 bytes.
          for (std::size_t at = 0; at + sizeof(ElfW(Nhdr)) <= segment.p_memsz;) {
            ElfW(Nhdr) note{};
            std::memcpy(&note, notes + at, sizeof note);
            const std::size_t name_at = at + sizeof note;
            const std::size_t contents_at = name_at + ((note.n_namesz + 3u) & ~3u);
            const std::size_t next = contents_at + ((note.n_descsz + 3u) & ~3u);
            if (next > segment.p_memsz) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(notes + name_at, "GNU", 4) == 0) {
              for (std::size_t k = 0; k < note.n_descsz; ++k) found += fmt::format("{:02x}", notes[contents_at + k]);
              break;
            }
            at = next;
          }
        }
        return 1;  // the first object listed is the program itself; its libraries do not matter
      },
      &id);
  return id;
}

/// What an entry must have been written by: this version of cchc, from this revision, linked into this program.
std::string build_id() { return fmt::format("{} {} {}", CCHC_VERSION, data::kGitRevision, program_build_id()); }

/// The folder of the cache, from the environment; nullopt when the cache is off.
std::optional<std::string> cache_directory() {
  const auto variable = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  if (auto chosen = variable("CCHC_CACHE_DIR")) {
    if (chosen->empty() || *chosen == "off") return std::nullopt;
    return chosen;
  }
  // The XDG base directory specification: relative paths in it are to be ignored.
  if (const auto xdg = variable("XDG_CACHE_HOME"); xdg && xdg->starts_with('/')) return *xdg + "/cchc";
  if (const auto home = variable("HOME"); home && home->starts_with('/')) return *home + "/.cache/cchc";
  return std::nullopt;
}

/// Makes `directory` and its missing parents, each mode 0700 (a cache may hold the text of plans).
bool make_directories(const fs::path& directory) {
  struct stat existing {};
  if (stat(directory.c_str(), &existing) == 0) return S_ISDIR(existing.st_mode);
  if (directory.has_parent_path() && directory.parent_path() != directory &&
      !make_directories(directory.parent_path())) {
    return false;
  }
  return mkdir(directory.c_str(), 0700) == 0 || errno == EEXIST;
}

/// The whole of the regular file at `path` when it has at most `max_bytes` and belongs to this user (in a folder
/// shared with others, their files are not taken).
std::optional<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> content;
  struct stat status {};
  if (fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_uid == geteuid() &&
      static_cast<std::uint64_t>(status.st_size) <= max_bytes) {
    std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t part = read(fd, bytes.data() + got, bytes.size() - got);
      if (part < 0 && errno == EINTR) continue;
      if (part <= 0) break;
      got += static_cast<std::size_t>(part);
    }
    if (got == bytes.size()) content = std::move(bytes);
  }
  close(fd);
  return content;
}

/// Writes `parts` one after the other to a new file in `directory`, then renames it to `path`.
bool write_atomically(const fs::path& directory, const std::string& path, const std::vector<std::string_view>& parts) {
  std::string temporary = (directory / ".entry-XXXXXX").string();
  const int fd = mkostemp(temporary.data(), O_CLOEXEC);  // mode 0600
  if (fd < 0) return false;
  bool written = true;
  for (std::string_view part : parts) {
    while (written && !part.empty()) {
      const ssize_t put = write(fd, part.data(), part.size());
      if (put < 0 && errno == EINTR) continue;
      written = put > 0;
      if (written) part.remove_prefix(static_cast<std::size_t>(put));
    }
  }
  // No fsync: an entry cut short by a crash fails its checksum and is only a miss.
  written = close(fd) == 0 && written && rename(temporary.c_str(), path.c_str()) == 0;
  if (!written) unlink(temporary.c_str());
  return written;
}

}  // namespace

FileEventCache::FileEventCache(std::string directory, std::string build_id, std::size_t max_entry_bytes,
                               std::string stats_file, std::string kind)
    : m_directory(std::move(directory)),
      m_build_id(std::move(build_id)),
      m_max_entry_bytes(max_entry_bytes),
      m_stats_file(std::move(stats_file)),
      m_kind(std::move(kind)) {}

FileEventCache::~FileEventCache() {
  if (m_stats_file.empty() || m_stats.empty()) return;
  std::sort(m_stats.begin(), m_stats.end());
  std::string lines;
  for (const auto& line : m_stats) lines += line + "\n";
  const int fd = open(m_stats_file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const ssize_t ignored = write(fd, lines.data(), lines.size());
  static_cast<void>(ignored);
  close(fd);
}

std::optional<FileEventCache::Entry> FileEventCache::entry_for(const std::string& file) const {
  std::error_code error;
  const fs::path absolute = fs::absolute(file, error).lexically_normal();
  if (error) return std::nullopt;
  std::string name = util::to_hex(util::digest128(absolute.native()));
  if (!m_kind.empty()) name += "." + m_kind;
  // A NUL ends each part: neither a path nor the build id can hold one, so no two headers run into each other.
  Entry entry;
  entry.path = (fs::path(m_directory) / name).string();
  entry.header = fmt::format("{}{}{}{}{}{}{}", kEntryMagic, m_kind, '\0', m_build_id, '\0', absolute.native(), '\0');
  return entry;
}

std::optional<std::string> FileEventCache::find(const std::string& file) {
  const auto entry = entry_for(file);
  if (!entry) return std::nullopt;
  auto bytes = read_small_file(entry->path, m_max_entry_bytes);
  if (!bytes || !bytes->starts_with(entry->header)) return std::nullopt;
  bytes->erase(0, entry->header.size());
  return bytes;
}

void FileEventCache::store(const std::string& file, std::string_view recording) { store_pieces(file, {recording}); }

void FileEventCache::store_pieces(const std::string& file, const std::vector<std::string_view>& pieces) {
  const auto entry = entry_for(file);
  if (!entry) return;
  std::size_t size = entry->header.size();
  for (const std::string_view piece : pieces) size += piece.size();
  if (size > m_max_entry_bytes) return;
  {
    const std::lock_guard lock(m_mutex);
    if (!m_directory_made && !make_directories(m_directory)) return;
    m_directory_made = true;
  }
  std::vector<std::string_view> parts = {entry->header};
  parts.insert(parts.end(), pieces.begin(), pieces.end());
  if (write_atomically(m_directory, entry->path, parts)) note(m_kind.empty() ? "recorded" : "stored-" + m_kind, file);
}

void FileEventCache::replayed(const std::string& file) { note(m_kind.empty() ? "replayed" : "reused-" + m_kind, file); }

void FileEventCache::note(std::string_view what, const std::string& file) {
  if (m_stats_file.empty()) return;
  const std::lock_guard lock(m_mutex);
  m_stats.push_back(fmt::format("{} {}", what, file));
}

namespace {

std::unique_ptr<load::EventCache> open_cache(std::size_t max_file_bytes, std::string kind) {
  const auto directory = cache_directory();
  if (!directory) return nullptr;
  // A recording is mostly small numbers, a few per node of the file, and a loaded plan its texts and their
  // places: far more than that is not one of ours.
  const std::size_t max_entry_bytes = 16 * max_file_bytes + (64u << 10);
  const char* stats = std::getenv("CCHC_CACHE_STATS");
  return std::make_unique<FileEventCache>(*directory, build_id(), max_entry_bytes, stats ? stats : "", std::move(kind));
}

}  // namespace

std::unique_ptr<load::EventCache> open_event_cache(std::size_t max_file_bytes) {
  return open_cache(max_file_bytes, {});
}

std::unique_ptr<load::EventCache> open_model_cache(std::size_t max_file_bytes) {
  return open_cache(max_file_bytes, "model");
}

}  // namespace cchc::cli
