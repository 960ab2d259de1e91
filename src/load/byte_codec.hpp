#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace cchc::load::codec {

// The numbers and byte strings the cache formats (event recordings, loaded models) are written in: unsigned
// numbers as little-endian base-128 varints, signed ones zigzagged first so that small negatives stay one byte,
// checksums as eight fixed bytes, and byte strings as their length and then the bytes.

inline void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

inline void put_signed(std::string& out, std::int64_t value) {
  put_varint(out, (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
}

inline void put_fixed64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

inline void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

/// Reads what the functions above wrote. Any read past the end or any value out of range makes it `failed` for
/// good, and what is read then is zero or empty: a caller checks failed() once, after reading everything.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}

  bool failed() const { return m_failed; }
  bool at_end() const { return m_at == m_bytes.size(); }
  std::string_view rest() const { return m_bytes.substr(m_at); }
  void fail() { m_failed = true; }

  unsigned char byte() {
    if (m_failed || m_at >= m_bytes.size()) {
      fail();
      return 0;
    }
    return static_cast<unsigned char>(m_bytes[m_at++]);
  }

  std::uint64_t varint() {
    // Most numbers (lengths, columns, small lines) take one byte.
    if (!m_failed && m_at < m_bytes.size() && static_cast<unsigned char>(m_bytes[m_at]) < 0x80) {
      return static_cast<unsigned char>(m_bytes[m_at++]);
    }
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const unsigned char next = byte();
      if (m_failed) return 0;
      const std::uint64_t bits = next & 0x7Fu;
      if (shift == 63 && bits > 1) break;  // more than 64 bits
      value |= bits << shift;
      if ((next & 0x80u) == 0) return value;
    }
    fail();
    return 0;
  }

  /// A signed number that must fit an int.
  int signed_int() {
    const std::uint64_t zigzag = varint();
    const auto value = static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      fail();
      return 0;
    }
    return static_cast<int>(value);
  }

  std::uint64_t fixed64() {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(byte()) << (8 * i);
    return value;
  }

  /// `length` bytes; the length is checked against what is left before anything is taken.
  std::string_view bytes(std::uint64_t length) {
    if (m_failed || length > m_bytes.size() - m_at) {
      fail();
      return {};
    }
    const std::string_view taken = m_bytes.substr(m_at, static_cast<std::size_t>(length));
    m_at += taken.size();
    return taken;
  }

  /// A byte string written by put_bytes.
  std::string_view bytes() { return bytes(varint()); }

 private:
  std::string_view m_bytes;
  std::size_t m_at = 0;
  bool m_failed = false;
};

}  // namespace cchc::load::codec
