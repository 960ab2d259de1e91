#include "cli/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.hpp"

namespace cchc::cli {

unsigned loading_jobs(int requested) {
  if (requested > 0) return static_cast<unsigned>(requested);
  const char* text = std::getenv("CCHC_JOBS");
  if (text == nullptr || *text == '\0') return std::max(1u, std::thread::hardware_concurrency());
  const std::string value = text;
  const bool digits =
      value.size() <= 3 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int jobs = digits ? std::stoi(value) : 0;
  if (jobs < 1 || jobs > 256) {
    throw UsageError{
        fmt::format("CCHC_JOBS '{}' is not a number of threads; write a whole number from 1 to 256", value)};
  }
  return static_cast<unsigned>(jobs);
}

void for_each_index(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
  const std::size_t threads = std::min<std::size_t>(jobs, count);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto drain = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        // The first failure is rethrown on the calling thread; the remaining items still run, so no
        // thread is left waiting.
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(drain);
  drain();
  for (auto& helper : helpers) helper.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace cchc::cli
