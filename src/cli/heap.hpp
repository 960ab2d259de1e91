#pragma once

#include <cstddef>

namespace cchc::cli {

/// Prepares the heap for reading plans of `input_bytes` bytes in all: from 1 MiB on, a region of the heap about
/// eight times that size (at most 480 MiB, address space only until touched) is asked to be backed by 2 MiB
/// transparent huge pages; from 64 KiB, six times that size of heap is mapped at once (populate_heap_start).
/// Called before each file is read and again for all of them; it acts only when the reserve must grow.
///
/// Why: the model of a large plan takes about ten times the file's size in small allocations, and on the
/// virtual machines this runs on each first touch of a 4 KiB page costs a few microseconds: on a 10 000-task
/// plan (2.2 MB), 5 400 page faults were a fifth of `cchc overdue`'s time; with this, 1 400. It changes where
/// memory comes from, never what is computed. Does nothing where the kernel has no transparent huge pages.
void prepare_heap_for(std::size_t input_bytes);

/// The same for the heap of the thread that calls it (glibc gives each thread an arena of its own): called by the
/// second parser of a large plan (load::ParseOptions::prepare_second_thread).
void prepare_thread_heap();

}  // namespace cchc::cli
