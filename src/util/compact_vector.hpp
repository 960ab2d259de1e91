#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace cchc::util {

/// A vector that takes the room of one pointer in the struct that holds it, not three: its size and capacity sit
/// at the start of its heap block, and an empty one has no block. For the lists of a task (its supporting
/// agencies, evidence, subtasks …), most of them short or empty: a plan of 100 000 tasks holds half a million of
/// them. Reads and grows like std::vector for what the model needs: elements are contiguous (`data()`, pointers as
/// iterators, so it converts to std::span), and growing moves them, so T must move without throwing.
template <class T>
class CompactVector {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;

  CompactVector() = default;
  CompactVector(std::initializer_list<T> values) { assign_copies(values.begin(), values.end()); }
  /// Takes the elements of a std::vector, moving each into a new block: explicit, as it costs a move per element
  /// where assigning a vector of the field's own type costs none.
  explicit CompactVector(std::vector<T>&& values) {
    reserve(values.size());
    for (T& value : values) emplace_back(std::move(value));
  }
  CompactVector(const CompactVector& other) { assign_copies(other.begin(), other.end()); }
  /// Takes `other`'s block and leaves `other` empty.
  CompactVector(CompactVector&& other) noexcept : m_block(std::exchange(other.m_block, nullptr)) {}
  CompactVector& operator=(const CompactVector& other) {
    if (this != &other) {
      CompactVector copy(other);
      swap(copy);
    }
    return *this;
  }
  /// Takes `other`'s block and leaves `other` empty.
  CompactVector& operator=(CompactVector&& other) noexcept {
    if (this != &other) {
      release();
      m_block = std::exchange(other.m_block, nullptr);
    }
    return *this;
  }
  ~CompactVector() { release(); }

  void swap(CompactVector& other) noexcept { std::swap(m_block, other.m_block); }

  size_type size() const { return m_block != nullptr ? m_block->size : 0; }
  size_type capacity() const { return m_block != nullptr ? m_block->capacity : 0; }
  bool empty() const { return size() == 0; }

  T* data() { return m_block != nullptr ? elements(m_block) : nullptr; }
  const T* data() const { return m_block != nullptr ? elements(m_block) : nullptr; }
  iterator begin() { return data(); }
  iterator end() { return data() + size(); }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size(); }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }

  T& operator[](size_type index) { return data()[index]; }
  const T& operator[](size_type index) const { return data()[index]; }
  T& at(size_type index) {
    if (index >= size()) throw std::out_of_range("CompactVector::at");
    return data()[index];
  }
  const T& at(size_type index) const {
    if (index >= size()) throw std::out_of_range("CompactVector::at");
    return data()[index];
  }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size() - 1]; }
  const T& back() const { return data()[size() - 1]; }

  void reserve(size_type wanted) {
    if (wanted > capacity()) reallocate(wanted);
  }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    const size_type count = size();
    if (count < capacity()) {
      T* slot = ::new (static_cast<void*>(data() + count)) T(std::forward<Args>(args)...);
      ++m_block->size;
      return *slot;
    }
    // The new element is made first, in the new block: `args` may refer to an element of this very vector.
    Block* grown = allocate(count == 0 ? 1 : 2 * count);
    T* slot = nullptr;
    try {
      slot = ::new (static_cast<void*>(elements(grown) + count)) T(std::forward<Args>(args)...);
    } catch (...) {
      deallocate(grown);
      throw;
    }
    move_into(grown);
    ++m_block->size;
    return *slot;
  }
  void push_back(const T& value) { emplace_back(value); }
  void push_back(T&& value) { emplace_back(std::move(value)); }

  void pop_back() {
    std::destroy_at(&back());
    --m_block->size;
  }
  void clear() {
    if (m_block == nullptr) return;
    std::destroy_n(elements(m_block), m_block->size);
    m_block->size = 0;
  }

  friend bool operator==(const CompactVector& a, const CompactVector& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  struct Block {
    std::uint32_t size;
    std::uint32_t capacity;
  };
  /// Where the elements start in a block: after its header, at T's alignment. A function, not a constant: T may
  /// still be incomplete where the vector is declared (a task's subtasks are tasks).
  static constexpr std::size_t elements_offset() {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "operator new must align the block for T");
    return (sizeof(Block) + alignof(T) - 1) / alignof(T) * alignof(T);
  }

  static T* elements(Block* block) {
    return std::launder(reinterpret_cast<T*>(reinterpret_cast<unsigned char*>(block) + elements_offset()));
  }
  static const T* elements(const Block* block) {
    return std::launder(reinterpret_cast<const T*>(reinterpret_cast<const unsigned char*>(block) + elements_offset()));
  }

  static Block* allocate(size_type capacity) {
    if (capacity > UINT32_MAX || capacity > (SIZE_MAX - elements_offset()) / sizeof(T))
      throw std::length_error("CompactVector");
    void* memory = ::operator new(elements_offset() + capacity * sizeof(T));
    return ::new (memory) Block{0, static_cast<std::uint32_t>(capacity)};
  }
  static void deallocate(Block* block) { ::operator delete(static_cast<void*>(block)); }

  /// Moves the elements into `grown` (as large, or larger), which then replaces the current block.
  void move_into(Block* grown) {
    static_assert(std::is_nothrow_move_constructible_v<T>, "growing moves the elements, which must not throw");
    if (m_block != nullptr) {
      std::uninitialized_move_n(elements(m_block), m_block->size, elements(grown));
      grown->size = m_block->size;
      release();
    }
    m_block = grown;
  }
  void reallocate(size_type capacity) { move_into(allocate(capacity)); }

  /// For the constructors: a copy that throws part way frees what it made, as no destructor will run.
  template <class Iterator>
  void assign_copies(Iterator first, Iterator last) {
    try {
      reserve(static_cast<size_type>(std::distance(first, last)));
      for (; first != last; ++first) emplace_back(*first);
    } catch (...) {
      release();
      throw;
    }
  }

  void release() noexcept {
    if (m_block == nullptr) return;
    std::destroy_n(elements(m_block), m_block->size);
    deallocate(m_block);
    m_block = nullptr;
  }

  Block* m_block = nullptr;
};

}  // namespace cchc::util
