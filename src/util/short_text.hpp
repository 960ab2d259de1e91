#pragma once

#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace cchc::util {

/// A text that takes 16 bytes in the struct that holds it, not the 32 of a std::string: up to 15 bytes are kept in
/// place, a longer text in a heap block of its exact size. For the short texts every task holds: its number
/// ("3.14", "II.1") and the ids of its lead and supporting agencies ("snv", "ubnd-huyen"), of which a plan of
/// 100 000 tasks holds about 400 000 (issue 8, peak memory). It reads as a std::string_view.
class ShortText {
 public:
  ShortText() { clear_bytes(); }
  ShortText(std::string_view text) { assign_new(text); }  // NOLINT(google-explicit-constructor): reads as a text
  ShortText(const char* text) : ShortText(std::string_view(text)) {}         // NOLINT(google-explicit-constructor)
  ShortText(const std::string& text) : ShortText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)
  ShortText(const ShortText& other) { assign_new(other.view()); }
  /// Takes `other`'s block, if any, and leaves `other` empty.
  ShortText(ShortText&& other) noexcept {
    std::memcpy(m_bytes, other.m_bytes, sizeof m_bytes);
    other.clear_bytes();
  }
  ShortText& operator=(const ShortText& other) {
    if (this != &other) *this = other.view();
    return *this;
  }
  ShortText& operator=(ShortText&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(m_bytes, other.m_bytes, sizeof m_bytes);
      other.clear_bytes();
    }
    return *this;
  }
  ShortText& operator=(std::string_view text) {
    ShortText copy(text);  // first: a text assigned from a part of itself stays readable until copied
    *this = std::move(copy);
    return *this;
  }
  ShortText& operator=(const char* text) { return *this = std::string_view(text); }
  ShortText& operator=(const std::string& text) { return *this = std::string_view(text); }
  ~ShortText() { release(); }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return on_heap() ? heap_size() : static_cast<unsigned char>(m_bytes[kTag]); }
  const char* data() const { return on_heap() ? heap_data() : m_bytes; }
  std::string_view view() const { return {data(), size()}; }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor): reads as a view
  std::string str() const { return std::string(view()); }

  friend bool operator==(const ShortText& a, const ShortText& b) { return a.view() == b.view(); }
  friend bool operator==(const ShortText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const ShortText& a, const char* b) { return a.view() == std::string_view(b); }
  friend bool operator==(const ShortText& a, const std::string& b) { return a.view() == std::string_view(b); }
  friend auto operator<=>(const ShortText& a, const ShortText& b) { return a.view() <=> b.view(); }

 private:
  /// The last byte: the length of a text kept in place (0 to 15), or kOnHeap.
  static constexpr std::size_t kTag = 15;
  static constexpr unsigned char kOnHeap = 0xFF;
  static constexpr std::size_t kMostInPlace = kTag;

  bool on_heap() const { return static_cast<unsigned char>(m_bytes[kTag]) == kOnHeap; }
  char* heap_data() const {
    char* block = nullptr;
    std::memcpy(&block, m_bytes, sizeof block);
    return block;
  }
  std::uint32_t heap_size() const {
    std::uint32_t size = 0;
    std::memcpy(&size, m_bytes + sizeof(char*), sizeof size);
    return size;
  }
  void clear_bytes() { std::memset(m_bytes, 0, sizeof m_bytes); }

  /// Sets this (empty, or never set) to `text`.
  void assign_new(std::string_view text) {
    clear_bytes();
    if (text.size() <= kMostInPlace) {
      if (!text.empty()) std::memcpy(m_bytes, text.data(), text.size());
      m_bytes[kTag] = static_cast<char>(text.size());
      return;
    }
    if (text.size() > UINT32_MAX) throw std::length_error("ShortText: a text of more than 4 GiB");
    char* block = static_cast<char*>(::operator new(text.size()));
    std::memcpy(block, text.data(), text.size());
    const auto size = static_cast<std::uint32_t>(text.size());
    std::memcpy(m_bytes, &block, sizeof block);
    std::memcpy(m_bytes + sizeof(char*), &size, sizeof size);
    m_bytes[kTag] = static_cast<char>(kOnHeap);
  }

  void release() {
    if (on_heap()) ::operator delete(heap_data());
    clear_bytes();
  }

  alignas(8) char m_bytes[16];
};

static_assert(sizeof(ShortText) == 16);

}  // namespace cchc::util
