#include "cli/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <unistd.h>

namespace cchc::cli {

namespace {

constexpr std::uintptr_t kHugePage = 2u << 20;

/// Inputs from this size on get huge pages. Below it they cost more memory than they save time: a heap backed by
/// 2 MiB pages holds up to a whole page unused at the top of each of its two heaps (the main one and the second
/// parser's), and peak RSS must stay within 3x the input. Measured with `cchc overdue` (peak RSS with huge pages
/// against without): 10 000 tasks (2.2 MB) 14.2 against 11.1 MiB, 30 000 (6.5 MB) 32.0 against 28.9, 60 000
/// (13 MB) 58.4 against 55.5, 100 000 (21.6 MB) 90.4 against 90.4; the time they save (10-15 %) matters only
/// for the large plans.
constexpr std::size_t kHugePagesFrom = 16u << 20;

/// Set before the parsers start when the input is large enough for huge pages; read by the second parser.
bool huge_pages_wanted = false;

void advise_huge_pages(std::uintptr_t start, std::size_t bytes) {
  const std::uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = (start + bytes) & ~(kHugePage - 1);
  if (end > begin)
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // NOLINT(performance-no-int-to-ptr)
}

/// Maps `bytes` of the main heap at once, so that the allocations that follow take no page fault for each 4 KiB
/// page they touch: one system call (MADV_POPULATE_WRITE, Linux 5.14) in place of hundreds of faults, each of
/// which costs microseconds on a virtual machine. Blocks up to twice `bytes` then come from the heap, not from
/// mmap. Does nothing where the kernel does not know the call.
void populate_heap_start(std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  // A block of `bytes` from the main heap (below the mmap threshold), populated in one call, then freed: it merges
  // into the heap's top and stays there (below the trim threshold), mapped, for the allocations that follow.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(2 * bytes));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * bytes));
  void* block = std::malloc(bytes);
  if (block == nullptr) return;
  const auto begin = (reinterpret_cast<std::uintptr_t>(block) + 4095) & ~(std::uintptr_t{4095});
  const auto end = reinterpret_cast<std::uintptr_t>(block) + bytes;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);  // NOLINT
  std::free(block);
#else
  (void)bytes;
#endif
}

}  // namespace

void prepare_heap_for(std::size_t input_bytes) {
  constexpr std::size_t kFrom = 1u << 20;
  // glibc serves requests below M_MMAP_THRESHOLD (at most 32 MiB) from the main heap (brk): the reserve is taken
  // in blocks of 30 MiB, which sit one after the other and merge back into the heap's top when freed.
  constexpr std::size_t kBlock = 30u << 20;
  constexpr std::size_t kMostReserved = 16 * kBlock;
  // Called again as more input is known (before each large file is read, then for all the files): it does
  // something only when the heap to prepare has grown enough.
  if (input_bytes < kFrom) {
    // Below huge pages: the heap such plans need (about six times their size) mapped in one call, from 64 KiB
    // on, and again only when that doubles, as this is called before each file is read. A smaller plan is left
    // to take its page faults: populating the heap of a short run up front (512 KiB at the start of main, as
    // once here) cost more than the faults it saved, `cchc status` on the seed plan 2.69x /bin/true against 2.52x.
    // Mapping more than is used costs too: `cchc overdue` on 1 000 tasks (215 KB) peaks at 1.2 MB of heap, and
    // mapping 8x its size (1.7 MB) took 5 % longer than 6x, with the same 93 page faults.
    constexpr std::size_t kHeapPerInputByte = 6;
    static std::size_t mapped = kHeapPerInputByte * (32u << 10);  // so that 64 KiB of input doubles it
    if (input_bytes * kHeapPerInputByte >= 2 * mapped) {
      mapped = input_bytes * kHeapPerInputByte;
      populate_heap_start(mapped);
    }
    return;
  }
  // From 1 MiB to kHugePagesFrom, nothing: the heap grows a page at a time, and only as far as it is used.
  if (input_bytes < kHugePagesFrom) return;
  huge_pages_wanted = true;
  // Huge pages: only when one more block is needed, and then all are taken and advised again (what was read since
  // has moved them along the heap's top).
  static std::size_t blocks_before = 0;
  const std::size_t needed = (std::min(input_bytes * 8, kMostReserved) + kBlock - 1) / kBlock;
  if (needed <= blocks_before) return;
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kBlock + kHugePage));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kMostReserved + kBlock));  // freed memory stays in the heap
  std::vector<void*> blocks;
  for (std::size_t i = 0; i < needed; ++i) {
    void* block = std::malloc(kBlock);
    if (block == nullptr) break;
    blocks.push_back(block);
    advise_huge_pages(reinterpret_cast<std::uintptr_t>(block), kBlock);
  }
  blocks_before = blocks.size();
  while (!blocks.empty()) {  // from the top down, each merging into the heap's top
    std::free(blocks.back());
    blocks.pop_back();
  }
}

void prepare_thread_heap() {
  if (!huge_pages_wanted) return;
  // glibc gives a second thread an arena of its own: a heap mapped at an address aligned to its largest size
  // (64 MiB on 64-bit systems), grown in place. Marking that whole mapping once covers the thread's allocations
  // as it grows. A block from the main heap (below the program break) means no arena of its own: nothing to do.
  constexpr std::uintptr_t kArenaHeapSize = 64u << 20;
  void* probe = std::malloc(1);
  if (probe == nullptr) return;
  const auto address = reinterpret_cast<std::uintptr_t>(probe);
  std::free(probe);
  if (address < reinterpret_cast<std::uintptr_t>(sbrk(0))) return;
  void* arena_heap = reinterpret_cast<void*>(address & ~(kArenaHeapSize - 1));  // NOLINT(performance-no-int-to-ptr)
  madvise(arena_heap, kArenaHeapSize, MADV_HUGEPAGE);
  // The arena grows by making more of its mapping writable, a page or so at a time (7 700 mprotect calls for half
  // of a 100 000-task plan), and the kernel backs a 2 MiB range with a huge page only when one writable mapping
  // covers all of it. Two blocks under the mmap threshold (32 MiB) grow it at once by 56 of its 64 MiB; freed in
  // reverse, they merge into the arena's top and stay writable (the trim threshold is above them). Volatile: a
  // block that is never used might otherwise not be allocated at all.
  static void* volatile lower;
  static void* volatile upper;
  lower = std::malloc(kArenaHeapSize * 7 / 16);
  upper = std::malloc(kArenaHeapSize * 7 / 16);
  std::free(upper);
  std::free(lower);
}

}  // namespace cchc::cli
