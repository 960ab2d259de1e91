#include "cli/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace cchc::cli {

void prepare_heap_for(std::size_t input_bytes) {
  constexpr std::size_t kFrom = 1u << 20;
  constexpr std::uintptr_t kHugePage = 2u << 20;
  // glibc serves requests below M_MMAP_THRESHOLD from the main heap (brk), at most 32 MiB.
  constexpr std::size_t kMostReserved = 30u << 20;
  if (input_bytes < kFrom) return;
  const std::size_t reserved = std::min(input_bytes * 8, kMostReserved);
  // One block from the top of the main heap, marked for huge pages and given back: the small allocations that
  // follow are carved from the same addresses. Freed memory stays in the heap rather than going back to the
  // system (the process is short-lived).
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMostReserved + (2u << 20)));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kMostReserved * 4));
  void* block = std::malloc(reserved);
  if (block == nullptr) return;
  const auto start = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = (start + reserved) & ~(kHugePage - 1);
  if (end > begin)
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // NOLINT(performance-no-int-to-ptr)
  std::free(block);
}

}  // namespace cchc::cli
