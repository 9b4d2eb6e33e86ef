// SHA-256 (FIPS 180-4) for content hashes of assets and, later, run integrity.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mnsim {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  template <class T>
  void updateValue(const T& value) {  // trivially copyable values, host byte order (little endian)
    update(&value, sizeof(T));
  }
  std::array<uint8_t, 32> digest();
  std::string hexDigest();

 private:
  void block(const uint8_t* p);
  uint32_t m_state[8];
  uint8_t m_buffer[64];
  size_t m_bufferSize = 0;
  uint64_t m_totalBytes = 0;
};

std::string sha256Hex(std::string_view data);

}  // namespace mnsim
