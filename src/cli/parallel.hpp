#pragma once

#include <cstddef>
#include <functional>

namespace cchc::cli {

/// How many threads load plan files: `requested` (--jobs) when above 0, else $CCHC_JOBS when it is a number from
/// 1 to 256, else every core the machine has (std::thread::hardware_concurrency, at least 1). Throws UsageError
/// when $CCHC_JOBS is set to anything else and --jobs is not given.
unsigned loading_jobs(int requested = 0);

/// Calls `work(i)` once for every i in [0, count), on up to `jobs` threads taking the next index from a shared
/// counter. `work` must write only to slot i of its outputs, so the results do not depend on the number of
/// threads or on which thread ran which index. Returns when every call has finished; with one job (or one
/// item) everything runs on the calling thread.
void for_each_index(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work);

}  // namespace cchc::cli
