#include "mnsim/base/hash.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <cstring>

#include <sodium.h>

namespace mnsim {

namespace {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256::m_state is too small for libsodium's state");
static_assert(alignof(crypto_hash_sha256_state) <= 16, "Sha256::m_state is not aligned enough");

crypto_hash_sha256_state* state(unsigned char* storage) {
  return reinterpret_cast<crypto_hash_sha256_state*>(storage);
}

// Feeds `count` values of type T as little-endian bytes, in blocks so that big-endian machines
// swap without allocating.
template <class T>
void updateLittleEndian(Sha256& h, const T* values, size_t count) {
  if constexpr (std::endian::native == std::endian::little) {
    h.update(values, count * sizeof(T));
  } else {
    unsigned char block[256];
    constexpr size_t perBlock = sizeof block / sizeof(T);
    for (size_t first = 0; first < count; first += perBlock) {
      const size_t n = std::min(perBlock, count - first);
      for (size_t i = 0; i < n; ++i) {
        T v;
        std::memcpy(&v, &values[first + i], sizeof(T));
        for (size_t b = 0; b < sizeof(T); ++b) block[i * sizeof(T) + b] = static_cast<unsigned char>(v >> (8 * b));
      }
      h.update(block, n * sizeof(T));
    }
  }
}

}  // namespace

Sha256::Sha256() {
  // sodium_init is idempotent and thread-safe; hashing needs no more of it than this.
  static const int initialised = sodium_init();
  (void)initialised;
  crypto_hash_sha256_init(state(m_state));
}

void Sha256::update(const void* data, size_t size) {
  crypto_hash_sha256_update(state(m_state), static_cast<const unsigned char*>(data), size);
}

void Sha256::updateU16s(const uint16_t* values, size_t count) { updateLittleEndian(*this, values, count); }
void Sha256::updateU32s(const uint32_t* values, size_t count) { updateLittleEndian(*this, values, count); }
void Sha256::updateU64(uint64_t value) { updateLittleEndian(*this, &value, 1); }

void Sha256::updateFloats(const float* values, size_t count) {
  static_assert(sizeof(float) == sizeof(uint32_t) && std::numeric_limits<float>::is_iec559);
  if constexpr (std::endian::native == std::endian::little) {
    update(values, count * sizeof(float));
  } else {
    for (size_t i = 0; i < count; ++i) updateU32(std::bit_cast<uint32_t>(values[i]));
  }
}

std::array<uint8_t, 32> Sha256::digest() {
  std::array<uint8_t, 32> out{};
  crypto_hash_sha256_final(state(m_state), out.data());
  return out;
}

std::string Sha256::hexDigest() {
  const std::array<uint8_t, 32> d = digest();
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, d.data(), d.size());
  return std::string(hex, 64);
}

std::string sha256Hex(std::string_view data) {
  Sha256 h;
  h.update(data);
  return h.hexDigest();
}

}  // namespace mnsim
