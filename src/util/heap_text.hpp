#pragma once

#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace cchc::util {

/// A text that takes the room of one pointer in the struct that holds it, not the 32 bytes of a std::string: its
/// length sits at the start of its heap block, and an empty text has no block. For the texts of a task that most
/// tasks leave empty (its note, its full number when that differs from its own), of which a plan of 100 000 tasks
/// holds 100 000 each. It is replaced whole, never edited in place; it reads as a std::string_view.
class HeapText {
 public:
  HeapText() = default;
  explicit HeapText(std::string_view text) : m_block(make_block(text)) {}
  HeapText(const HeapText& other) : m_block(make_block(other.view())) {}
  /// Takes `other`'s block and leaves `other` empty.
  HeapText(HeapText&& other) noexcept : m_block(std::exchange(other.m_block, nullptr)) {}
  HeapText& operator=(const HeapText& other) {
    if (this != &other) *this = other.view();
    return *this;
  }
  /// Takes `other`'s block and leaves `other` empty.
  HeapText& operator=(HeapText&& other) noexcept {
    if (this != &other) {
      release();
      m_block = std::exchange(other.m_block, nullptr);
    }
    return *this;
  }
  HeapText& operator=(std::string_view text) {
    char* block = make_block(text);  // first: a text assigned from itself stays readable until copied
    release();
    m_block = block;
    return *this;
  }
  ~HeapText() { release(); }

  bool empty() const { return m_block == nullptr; }
  std::size_t size() const { return m_block == nullptr ? 0 : stored_size(); }
  std::string_view view() const {
    return m_block == nullptr ? std::string_view() : std::string_view(m_block + sizeof(Size), stored_size());
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor): reads as a view
  std::string str() const { return std::string(view()); }

  friend bool operator==(const HeapText& a, const HeapText& b) { return a.view() == b.view(); }
  friend bool operator==(const HeapText& a, std::string_view b) { return a.view() == b; }

 private:
  using Size = std::uint32_t;

  /// The block of `text`: its length, then its bytes; none for an empty text.
  static char* make_block(std::string_view text) {
    if (text.empty()) return nullptr;
    if (text.size() > UINT32_MAX) throw std::length_error("HeapText: a text of more than 4 GiB");
    const auto size = static_cast<Size>(text.size());
    char* block = static_cast<char*>(::operator new(sizeof(Size) + text.size()));
    std::memcpy(block, &size, sizeof(Size));
    std::memcpy(block + sizeof(Size), text.data(), text.size());
    return block;
  }

  Size stored_size() const {
    Size size = 0;
    std::memcpy(&size, m_block, sizeof(Size));
    return size;
  }

  void release() {
    ::operator delete(m_block);
    m_block = nullptr;
  }

  char* m_block = nullptr;
};

}  // namespace cchc::util
