#include "util/mapped_text.hpp"

#include <sys/mman.h>
#include <unistd.h>
#include <csignal>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

namespace cchc::util {

namespace {

/// One mapping as the SIGBUS handler sees it. `begin` is written last when a slot is taken and first when it is
/// given up, so the handler, which reads only slots whose `begin` is set, never reads a half-written one.
struct Slot {
  std::atomic<std::uintptr_t> begin{0};
  std::atomic<std::uintptr_t> end{0};  ///< the mapping's end, whole pages: a cut file faults anywhere up to it
  std::unique_ptr<char[]> message;
  std::size_t message_size = 0;
  int exit_code = 1;
};

/// As many files as are mapped at once: a run maps only the large ones (1 MiB and more by default), and a file
/// beyond them is read as before.
constexpr std::size_t kSlots = 64;
std::array<Slot, kSlots> slots;
std::mutex slots_mutex;  ///< taking and giving up slots; the handler and release_passed_text read without it

std::uintptr_t page_size() {
  static const auto size = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  return size;
}

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written <= 0) return;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

/// Only async-signal-safe calls: atomic loads, write and _exit.
void on_bus_error(int signal, siginfo_t* info, void* /*context*/) {
  const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (const Slot& slot : slots) {
    const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    if (begin != 0 && address >= begin && address < slot.end.load(std::memory_order_relaxed)) {
      write_all(STDERR_FILENO, slot.message.get(), slot.message_size);
      _exit(slot.exit_code);
    }
  }
  // Not in a mapped plan: the default action, which the fault, raised again on return, then takes.
  ::signal(signal, SIG_DFL);
}

void install_handler() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction action {};
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, nullptr);
  });
}

/// Maps `size` bytes of `fd` at an address one page past a 2 MiB boundary.
///
/// Why: a kernel that keeps a file's page cache in 2 MiB folios (Linux 6.18 does for ext4) places a mapping of
/// 2 MiB or more on a 2 MiB boundary and then maps a whole folio at its first read, so a plan of 2.1 MB was resident
/// in full from its first byte, and release_passed_text came too late to lower the peak. A mapping whose address
/// and file offset disagree modulo 2 MiB cannot be mapped that way: the kernel maps it 64 KiB at a time, as it
/// did before. The place is found by reserving room without access and mapping the file over part of it.
void* map_off_huge_page_boundary(int fd, std::size_t size) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const std::size_t mapped_size = (size + page_size() - 1) & ~(page_size() - 1);
  const std::size_t reserved_size = mapped_size + kHugePage;
  void* reserved = ::mmap(nullptr, reserved_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (reserved == MAP_FAILED) return ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const auto reserved_begin = reinterpret_cast<std::uintptr_t>(reserved);
  const std::uintptr_t begin = ((reserved_begin + kHugePage - 1) & ~(kHugePage - 1)) + page_size();
  const std::uintptr_t end = begin + mapped_size;
  // NOLINTBEGIN(performance-no-int-to-ptr): addresses inside the reservation just made
  void* data = ::mmap(reinterpret_cast<void*>(begin), size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
  if (data == MAP_FAILED) {
    ::munmap(reserved, reserved_size);
    return MAP_FAILED;
  }
  if (begin > reserved_begin) ::munmap(reserved, begin - reserved_begin);
  if (reserved_begin + reserved_size > end)
    ::munmap(reinterpret_cast<void*>(end), reserved_begin + reserved_size - end);
  // NOLINTEND(performance-no-int-to-ptr)
  return data;
}

}  // namespace

std::optional<MappedText> MappedText::map(int fd, std::size_t size, std::string_view cut_short_message, int exit_code) {
  if (size == 0) return std::nullopt;
  void* data = map_off_huge_page_boundary(fd, size);
  if (data == MAP_FAILED) return std::nullopt;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::lock_guard lock(slots_mutex);
  for (std::size_t i = 0; i < kSlots; ++i) {
    Slot& slot = slots[i];
    if (slot.begin.load(std::memory_order_relaxed) != 0) continue;
    slot.end.store(begin + (size + page_size() - 1) / page_size() * page_size(), std::memory_order_relaxed);
    slot.message = std::make_unique<char[]>(cut_short_message.size());
    std::memcpy(slot.message.get(), cut_short_message.data(), cut_short_message.size());
    slot.message_size = cut_short_message.size();
    slot.exit_code = exit_code;
    slot.begin.store(begin, std::memory_order_release);
    install_handler();
    return MappedText(static_cast<const char*>(data), size, static_cast<int>(i));
  }
  ::munmap(data, size);
  return std::nullopt;
}

MappedText::MappedText(MappedText&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0)),
      m_slot(std::exchange(other.m_slot, -1)) {}

MappedText& MappedText::operator=(MappedText&& other) noexcept {
  if (this != &other) {
    unmap();
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
    m_slot = std::exchange(other.m_slot, -1);
  }
  return *this;
}

MappedText::~MappedText() { unmap(); }

void MappedText::unmap() {
  if (m_data == nullptr) return;
  {
    const std::lock_guard lock(slots_mutex);
    Slot& slot = slots[static_cast<std::size_t>(m_slot)];
    slot.begin.store(0, std::memory_order_release);
    slot.message.reset();
  }
  ::munmap(const_cast<char*>(m_data), m_size);  // NOLINT(cppcoreguidelines-pro-type-const-cast): mmap's own pointer
  m_data = nullptr;
  m_size = 0;
  m_slot = -1;
}

void release_passed_text(std::string_view passed) {
  const auto first = reinterpret_cast<std::uintptr_t>(passed.data());
  const std::uintptr_t begin = (first + page_size() - 1) & ~(page_size() - 1);
  const std::uintptr_t end = (first + passed.size()) & ~(page_size() - 1);
  if (end <= begin) return;
  for (const Slot& slot : slots) {
    const std::uintptr_t slot_begin = slot.begin.load(std::memory_order_acquire);
    if (slot_begin != 0 && slot_begin <= begin && end <= slot.end.load(std::memory_order_relaxed)) {
      ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);  // NOLINT(performance-no-int-to-ptr)
      return;
    }
  }
}

}  // namespace cchc::util
