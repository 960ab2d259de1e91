#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "util/mapped_text.hpp"

using cchc::util::MappedText;

namespace {

/// A file of `text` in the temporary folder, removed at the end of the test.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/cchc-mapped-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fd);
    path = name;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

/// A text of `size` bytes that differs from page to page.
std::string sample_text(std::size_t size) {
  std::string text;
  text.reserve(size);
  for (std::size_t i = 0; text.size() < size; ++i) text += "dòng " + std::to_string(i) + "\n";
  text.resize(size);
  return text;
}

/// The resident kilobytes of the mapping that starts at `address`, from /proc/self/smaps.
long resident_kib(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  char start[32];
  std::snprintf(start, sizeof start, "%lx-", reinterpret_cast<unsigned long>(address));
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    if (line.rfind(start, 0) == 0) inside = true;
    if (inside && line.rfind("Rss:", 0) == 0) return std::stol(line.substr(4));
  }
  return -1;
}

MappedText map_file(const std::string& path, std::size_t size) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  auto mapped = MappedText::map(fd, size, "cut short\n", 2);
  ::close(fd);  // the mapping outlives the descriptor
  REQUIRE(mapped);
  return std::move(*mapped);
}

}  // namespace

TEST_CASE("a mapped text reads as the file's bytes", "[mapped_text]") {
  const std::string text = sample_text(3 * 4096 + 123);
  const TempFile file(text);
  const MappedText mapped = map_file(file.path, text.size());
  CHECK(mapped.view() == text);
}

TEST_CASE("a released stretch of a mapped text leaves memory and reads back unchanged", "[mapped_text]") {
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::string text = sample_text(64 * page);
  const TempFile file(text);
  const MappedText mapped = map_file(file.path, text.size());
  REQUIRE(mapped.view() == text);  // every page read: all resident
  const long before = resident_kib(mapped.view().data());
  REQUIRE(before >= static_cast<long>(60 * page / 1024));

  // The first half, starting one byte in: its first page is only partly passed and stays.
  cchc::util::release_passed_text(mapped.view().substr(1, 32 * page - 1));
  const long after = resident_kib(mapped.view().data());
  CHECK(after <= before - static_cast<long>(31 * page / 1024));
  CHECK(after >= before - static_cast<long>(31 * page / 1024) - 4);

  CHECK(mapped.view() == text);  // read again: mapped again, the same bytes
}

TEST_CASE("reading the start of a large mapped text brings in only a part of it", "[mapped_text]") {
  // A kernel that keeps the file in 2 MiB folios (Linux 6.18 on ext4) would map a whole folio at the first read of
  // a mapping placed on a 2 MiB boundary: the whole plan resident from its first byte, before the parser passes it.
  const std::string text = sample_text(std::size_t{5} << 20);
  const TempFile file(text);
  const MappedText mapped = map_file(file.path, text.size());
  REQUIRE(mapped.view().substr(0, 5) == text.substr(0, 5));
  const long resident = resident_kib(mapped.view().data());
  CHECK(resident > 0);
  CHECK(resident <= 512);
}

TEST_CASE("releasing a text that is not mapped leaves it alone", "[mapped_text]") {
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::string text = sample_text(16 * page);
  std::string copy = text;
  cchc::util::release_passed_text(copy);
  CHECK(copy == text);
}

TEST_CASE("a mapped file cut short while it is read ends the process with its message", "[mapped_text]") {
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::string text = sample_text(8 * page);
  const TempFile file(text);
  int error_pipe[2];
  REQUIRE(::pipe(error_pipe) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(error_pipe[1], STDERR_FILENO);
    const int fd = ::open(file.path.c_str(), O_RDWR);
    auto mapped = MappedText::map(fd, text.size(), "cchc: error: plan.yaml: the file was cut short\n", 2);
    if (!mapped || ::ftruncate(fd, 0) != 0) _exit(10);
    volatile char last = mapped->view().back();  // past the new end: SIGBUS
    (void)last;
    _exit(11);  // not reached
  }
  ::close(error_pipe[1]);
  std::string message;
  char buffer[256];
  for (ssize_t got; (got = ::read(error_pipe[0], buffer, sizeof buffer)) > 0;) message.append(buffer, got);
  ::close(error_pipe[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(message == "cchc: error: plan.yaml: the file was cut short\n");
}
