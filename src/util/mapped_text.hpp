#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cchc::util {

/// The bytes of a file mapped read-only into memory, in place of a copy read into the heap.
///
/// Why: a large plan's text is held while its model is built, and at the end of loading the two together made the
/// peak memory of a run (issue 8: peak RSS at most 3x the file). The pages of a mapping can be given back as the
/// parser passes them (release_passed_text) and come back unchanged from the page cache whenever they are read
/// again, as when a message quotes a line; a heap copy cannot be given back in parts.
///
/// The cost of a mapping is that a file cut shorter while it is mapped makes reading its lost pages raise SIGBUS.
/// A handler installed with the first mapping then writes the mapping's `cut_short_message` to stderr and ends the
/// process with `exit_code`: a message naming the file, never a crash. A SIGBUS at any other address keeps its
/// default action.
class MappedText {
 public:
  /// Maps the first `size` bytes (at least one) of the open file `fd`; nullopt when the system will not map it
  /// (the caller then reads the file), or when too many files are mapped at once.
  static std::optional<MappedText> map(int fd, std::size_t size, std::string_view cut_short_message, int exit_code);

  MappedText(MappedText&& other) noexcept;
  MappedText& operator=(MappedText&& other) noexcept;
  MappedText(const MappedText&) = delete;
  MappedText& operator=(const MappedText&) = delete;
  ~MappedText();

  std::string_view view() const { return {m_data, m_size}; }

 private:
  MappedText(const char* data, std::size_t size, int slot) : m_data(data), m_size(size), m_slot(slot) {}
  void unmap();

  const char* m_data = nullptr;
  std::size_t m_size = 0;
  int m_slot = -1;  ///< where the SIGBUS handler finds this mapping and its message
};

/// Gives back the memory of the whole pages of `passed` that lie inside one MappedText: the process's resident
/// memory drops by them, and reading them again maps them again from the page cache, unchanged. A text that is
/// not mapped is left alone. Safe to call from several threads at once (each parser of a plan read in parts).
void release_passed_text(std::string_view passed);

}  // namespace cchc::util
