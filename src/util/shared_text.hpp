#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace cchc::util {

/// A text that takes the room of one pointer, like HeapText, and whose copies share one heap block: a copy counts
/// one more holder instead of copying the bytes. For the texts that many model values repeat word for word: a
/// deadline's wording ("Thường xuyên", "Quý IV/2025") is read once per plan and held by every task that writes it,
/// where a block of its own in each of 10 000 tasks took about 300 KB (issue 8: peak memory). It is replaced whole,
/// never edited in place; it reads as a std::string_view. The count is atomic: the parsers of one plan run on two
/// threads and may copy or drop holders of one block at once.
class SharedText {
 public:
  SharedText() = default;
  explicit SharedText(std::string_view text) : m_block(make_block(text)) {}
  SharedText(const SharedText& other) noexcept : m_block(other.m_block) { hold(); }
  /// Takes `other`'s block and leaves `other` empty.
  SharedText(SharedText&& other) noexcept : m_block(std::exchange(other.m_block, nullptr)) {}
  SharedText& operator=(const SharedText& other) noexcept {
    if (this != &other && m_block != other.m_block) {  // a holder of the same block changes nothing either
      other.hold();
      release();
      m_block = other.m_block;
    }
    return *this;
  }
  /// Takes `other`'s block and leaves `other` empty.
  SharedText& operator=(SharedText&& other) noexcept {
    if (this != &other) {
      release();
      m_block = std::exchange(other.m_block, nullptr);
    }
    return *this;
  }
  SharedText& operator=(std::string_view text) {
    char* block = make_block(text);  // first: a text assigned from itself stays readable until copied
    release();
    m_block = block;
    return *this;
  }
  ~SharedText() { release(); }

  bool empty() const { return m_block == nullptr; }
  std::size_t size() const { return m_block == nullptr ? 0 : stored_size(); }
  std::string_view view() const {
    return m_block == nullptr ? std::string_view() : std::string_view(m_block + kHeader, stored_size());
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor): reads as a view
  std::string str() const { return std::string(view()); }
  /// How many SharedTexts hold this one's block (0 for an empty text); for tests.
  std::uint32_t holders() const { return m_block == nullptr ? 0 : count().load(std::memory_order_relaxed); }

  friend bool operator==(const SharedText& a, const SharedText& b) { return a.view() == b.view(); }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.view() == b; }

 private:
  using Size = std::uint32_t;
  using Count = std::atomic<std::uint32_t>;
  /// The block: the number of holders, the length, then the bytes.
  static constexpr std::size_t kHeader = sizeof(Count) + sizeof(Size);

  static char* make_block(std::string_view text) {
    if (text.empty()) return nullptr;
    if (text.size() > UINT32_MAX) throw std::length_error("SharedText: a text of more than 4 GiB");
    const auto size = static_cast<Size>(text.size());
    char* block = static_cast<char*>(::operator new(kHeader + text.size()));
    new (block) Count(1);
    std::memcpy(block + sizeof(Count), &size, sizeof(Size));
    std::memcpy(block + kHeader, text.data(), text.size());
    return block;
  }

  Count& count() const { return *std::launder(reinterpret_cast<Count*>(m_block)); }

  Size stored_size() const {
    Size size = 0;
    std::memcpy(&size, m_block + sizeof(Count), sizeof(Size));
    return size;
  }

  void hold() const {
    if (m_block != nullptr) count().fetch_add(1, std::memory_order_relaxed);
  }

  void release() {
    if (m_block == nullptr) return;
    // The last holder frees the block; acq_rel so that every other holder's reads happen before it.
    if (count().fetch_sub(1, std::memory_order_acq_rel) == 1) {
      count().~Count();
      ::operator delete(m_block);
    }
    m_block = nullptr;
  }

  char* m_block = nullptr;
};

}  // namespace cchc::util
