#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace cchc::util {

/// An optional value kept on the heap: the size of a pointer while empty. For the parts of a task that few tasks
/// have (a trigger, a recurrence rule), so that the tasks of a large plan take a few hundred bytes each instead
/// of a kilobyte. Reads like std::optional (`if (box)`, `box->`, `*box`, `= value`, `= std::nullopt`,
/// `emplace`); copies copy the value.
template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}  // NOLINT(google-explicit-constructor): reads like std::optional
  Boxed(T value) : m_value(std::make_unique<T>(std::move(value))) {}  // NOLINT(google-explicit-constructor)
  Boxed(std::optional<T> value) {                                     // NOLINT(google-explicit-constructor)
    if (value) m_value = std::make_unique<T>(std::move(*value));
  }
  Boxed(const Boxed& other) : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  template <class... Args>
  T& emplace(Args&&... args) {
    m_value = std::make_unique<T>(std::forward<Args>(args)...);
    return *m_value;
  }
  void reset() { m_value.reset(); }

  bool has_value() const { return m_value != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *m_value; }
  const T& operator*() const { return *m_value; }
  T* operator->() { return m_value.get(); }
  const T* operator->() const { return m_value.get(); }

  /// Equal when both are empty or both hold equal values, as for std::optional.
  friend bool operator==(const Boxed& a, const Boxed& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || *a == *b;
  }

 private:
  std::unique_ptr<T> m_value;
};

}  // namespace cchc::util
