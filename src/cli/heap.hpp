#pragma once

#include <cstddef>

namespace cchc::cli {

/// Prepares the heap for reading plans of `input_bytes` bytes in all: from 16 MiB on, a region of the heap about
/// eight times that size (at most 480 MiB, address space only until touched) is asked to be backed by 2 MiB
/// transparent huge pages; from 64 KiB to 1 MiB, six times that size of heap is mapped at once
/// (populate_heap_start). Between 1 and 16 MiB the heap is left to grow as it is used: there huge pages cost more
/// of the memory budget (3x the input) than the time they save is worth. Called before each file is read and again
/// for all of them; it acts only when the reserve must grow.
///
/// Why: the model of a large plan takes about ten times the file's size in small allocations, and on the
/// virtual machines this runs on each first touch of a 4 KiB page costs a few microseconds: `cchc overdue` on a
/// 100 000-task plan (21.6 MB) takes 1 700 page faults with huge pages, 22 700 without. It changes where memory comes
/// from, never what is computed. Does nothing where the kernel has no transparent huge pages.
void prepare_heap_for(std::size_t input_bytes);

/// The same for the heap of the thread that calls it (glibc gives each thread an arena of its own): called by the
/// second parser of a large plan (load::ParseOptions::prepare_second_thread). Does nothing unless prepare_heap_for
/// chose huge pages for the input.
void prepare_thread_heap();

}  // namespace cchc::cli
