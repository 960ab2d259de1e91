#include "cli/write_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

namespace cchc::cli {

namespace fs = std::filesystem;

namespace {

/// Closes a file descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (m_fd >= 0) close(m_fd);
  }
  int get() const { return m_fd; }
  bool ok() const { return m_fd >= 0; }

 private:
  int m_fd;
};

std::optional<std::string> read_all(int fd, std::string& out) {
  char buffer[65536];
  for (;;) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::string(std::strerror(errno));
    if (got == 0) return std::nullopt;
    out.append(buffer, static_cast<std::size_t>(got));
  }
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t put = write(fd, text.data(), text.size());
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(put));
  }
  return true;
}

/// Test hook, used only by tests/golden/checks/edit_concurrency.py: with $CCHC_TEST_PAUSE set to a folder,
/// announce "read.<pid>" there and wait for "go" before taking the lock, so that two processes provably
/// race for the same version of the file.
void test_pause() {
  const char* folder = std::getenv("CCHC_TEST_PAUSE");
  if (folder == nullptr || *folder == '\0') return;
  const fs::path dir(folder);
  std::error_code error;
  {
    std::FILE* mark = std::fopen((dir / fmt::format("read.{}", getpid())).c_str(), "w");
    if (mark) std::fclose(mark);
  }
  for (int i = 0; i < 3000 && !fs::exists(dir / "go", error); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

/// Writes `text` to a temporary file beside `target`, with `mode` and (when allowed) the owner `uid`:`gid`,
/// flushes it and renames it over `target`. `path` is the file as the user wrote it, for messages.
std::optional<std::string> replace_with(const fs::path& target, const std::string& path, std::string_view text,
                                        mode_t mode, uid_t uid, gid_t gid) {
  const fs::path folder = target.parent_path();
  std::string temporary = (folder / fmt::format(".{}.cchc-XXXXXX", target.filename().string())).string();
  Descriptor out(mkostemp(temporary.data(), O_CLOEXEC));
  if (!out.ok()) return fmt::format("{}: cannot create a temporary file beside it: {}", path, std::strerror(errno));
  const auto fail = [&](std::string_view what) {
    std::string message = fmt::format("{}: {}: {}; the file was not changed", path, what, std::strerror(errno));
    unlink(temporary.c_str());
    return message;
  };
  if (!write_all(out.get(), text)) return fail("writing the new version failed");
  if (fchmod(out.get(), mode) != 0) return fail("cannot keep the file's permissions");
  if (fchown(out.get(), uid, gid) != 0 && errno != EPERM) {
    return fail("cannot keep the file's owner");
  }
  if (fsync(out.get()) != 0) return fail("flushing the new version failed");
  if (rename(temporary.c_str(), target.c_str()) != 0) return fail("replacing the file failed");
  Descriptor directory(open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.ok()) fsync(directory.get());
  return std::nullopt;
}

}  // namespace

std::optional<std::string> replace_file(const std::string& path, std::string_view expected, std::string_view text) {
  std::error_code error;
  const fs::path target = fs::canonical(path, error);
  if (error) return fmt::format("{}: cannot be found again: {}", path, error.message());
  test_pause();

  // Lock the file that is at the path now: if another process replaced it while we waited for the lock,
  // the locked one is gone, so lock again.
  for (int attempt = 0; attempt < 20; ++attempt) {
    Descriptor fd(open(target.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.ok()) return fmt::format("{}: cannot be opened: {}", path, std::strerror(errno));
    while (flock(fd.get(), LOCK_EX) != 0) {
      if (errno != EINTR) return fmt::format("{}: cannot be locked: {}", path, std::strerror(errno));
    }
    struct stat locked {};
    struct stat current {};
    if (fstat(fd.get(), &locked) != 0) return fmt::format("{}: {}", path, std::strerror(errno));
    if (stat(target.c_str(), &current) != 0 || current.st_ino != locked.st_ino || current.st_dev != locked.st_dev) {
      continue;
    }
    std::string on_disk;
    if (auto failure = read_all(fd.get(), on_disk)) return fmt::format("{}: cannot be read: {}", path, *failure);
    if (on_disk != expected) {
      return fmt::format(
          "{}: the file changed since it was read (another edit?); nothing was written, run the "
          "command again",
          path);
    }

    return replace_with(target, path, text, locked.st_mode & 07777, locked.st_uid, locked.st_gid);
  }
  return fmt::format("{}: the file keeps being replaced by another program; nothing was written", path);
}

std::optional<std::string> write_output_file(const std::string& path, std::string_view text) {
  if (path.empty()) return std::string("the output file name is empty");
  std::error_code error;
  fs::path target = fs::weakly_canonical(fs::absolute(path, error), error);
  if (error) return fmt::format("{}: cannot be written: {}", path, error.message());
  struct stat existing {};
  if (stat(target.c_str(), &existing) == 0) {
    if (!S_ISREG(existing.st_mode)) return fmt::format("{}: is not a regular file; nothing was written", path);
    return replace_with(target, path, text, existing.st_mode & 07777, existing.st_uid, existing.st_gid);
  }
  // A new file: say plainly when its folder is missing, rather than that a temporary file failed.
  struct stat folder {};
  const fs::path parent = target.parent_path();
  if (stat(parent.c_str(), &folder) != 0 || !S_ISDIR(folder.st_mode)) {
    const std::string shown_folder = fs::path(path).parent_path().string();
    return fmt::format("{}: the folder '{}' does not exist; create it first, nothing was written", path,
                       shown_folder.empty() ? parent.string() : shown_folder);
  }
  const mode_t mask = umask(0);
  umask(mask);
  return replace_with(target, path, text, 0666 & ~mask, getuid(), getgid());
}

}  // namespace cchc::cli
