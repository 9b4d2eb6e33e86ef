// SHA-256 (FIPS 180-4, through libsodium) for content hashes: assets, scenarios, traces in runs,
// and later the hash chain of sealed runs. Numbers are fed as explicit little-endian bytes, so
// a hash depends only on the values, never on the machine (docs/formats/hashes.md).
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

  // Raw bytes, as they are.
  void update(const void* data, size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }

  // Numbers as little-endian bytes (floats as their IEEE-754 binary32 bits).
  void updateU8(uint8_t value) { update(&value, 1); }
  void updateU16s(const uint16_t* values, size_t count);
  void updateU32s(const uint32_t* values, size_t count);
  void updateU64(uint64_t value);
  void updateFloats(const float* values, size_t count);
  void updateU32(uint32_t value) { updateU32s(&value, 1); }
  void updateFloat(float value) { updateFloats(&value, 1); }

  std::array<uint8_t, 32> digest();
  std::string hexDigest();

 private:
  // libsodium's crypto_hash_sha256_state, kept opaque so that its header stays inside the engine.
  alignas(16) unsigned char m_state[128];
};

// SHA-256 of the bytes, as 64 lowercase hex digits.
std::string sha256Hex(std::string_view data);

}  // namespace mnsim
