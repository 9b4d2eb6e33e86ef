// A small open-addressing hash map from 64-bit keys, much faster than std::unordered_map for
// the millions of grid points and edges of surface extraction. Iteration order is never used,
// so results cannot depend on it.
#pragma once

#include <cstdint>
#include <vector>

namespace headgen {

template <class T>
class HashMap {
 public:
  HashMap() { rehash(1 << 16); }

  const T* find(uint64_t key) const {
    size_t i = slot(key);
    for (;;) {
      if (m_keys[i] == kEmpty) return nullptr;
      if (m_keys[i] == key) return &m_values[i];
      i = (i + 1) & m_mask;
    }
  }
  // Inserts when absent; returns whether it was inserted.
  bool insert(uint64_t key, const T& value) {
    if ((m_size + 1) * 2 > m_keys.size()) rehash(m_keys.size() * 2);
    size_t i = slot(key);
    for (;;) {
      if (m_keys[i] == kEmpty) {
        m_keys[i] = key;
        m_values[i] = value;
        ++m_size;
        return true;
      }
      if (m_keys[i] == key) return false;
      i = (i + 1) & m_mask;
    }
  }
  size_t size() const { return m_size; }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t(0);
  size_t slot(uint64_t key) const {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return static_cast<size_t>(key) & m_mask;
  }
  void rehash(size_t capacity) {
    std::vector<uint64_t> keys(capacity, kEmpty);
    std::vector<T> values(capacity);
    keys.swap(m_keys);
    values.swap(m_values);
    m_mask = capacity - 1;
    m_size = 0;
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != kEmpty) insert(keys[i], values[i]);
  }
  std::vector<uint64_t> m_keys;
  std::vector<T> m_values;
  size_t m_mask = 0;
  size_t m_size = 0;
};

}  // namespace headgen
