// Private: the bytes of an `mnsim-run/2` file (docs/formats/run.md): frames, events, pen samples.
// Shared by the journal that writes them and the reader that checks and decodes them.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "mnsim/base/signing.h"
#include "mnsim/procedure/pen_sample.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim::runcodec {

inline constexpr std::string_view kFirstLine = "mnsim-run/2\n";
inline constexpr uint32_t kFrameMagic = 0x314d5246;  // "FRM1" little-endian
inline constexpr uint32_t kSealMagic = 0x4c414553;   // "SEAL"
inline constexpr size_t kFrameHeadBytes = 4 + 4 + 8 + 4;
inline constexpr size_t kChainBytes = 32;
inline constexpr size_t kSealHeadBytes = 4 + 4;
inline constexpr uint32_t kMaxFrameBytes = 64u << 20;  // no frame is bigger: a length beyond is damage
inline constexpr uint32_t kMaxSealBytes = 1u << 20;

// Little-endian numbers and LEB128 varints appended to a byte string.
inline void putU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
inline void putU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
inline void putVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
inline void putF32(std::string& out, float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  putU32(out, u);
}
inline void putF64(std::string& out, double d) {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  putU64(out, u);
}

// Reads from a byte range; any read past the end sets `bad` and returns zeros.
struct Cursor {
  const unsigned char* p = nullptr;
  const unsigned char* end = nullptr;
  bool bad = false;

  Cursor(std::string_view bytes)
      : p(reinterpret_cast<const unsigned char*>(bytes.data())), end(p + bytes.size()) {}
  size_t left() const { return static_cast<size_t>(end - p); }
  bool take(size_t n) {
    if (bad || left() < n) {
      bad = true;
      return false;
    }
    return true;
  }
  uint8_t u8() {
    if (!take(1)) return 0;
    return *p++;
  }
  uint32_t u32() {
    if (!take(4)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(p[i]) << (8 * i);
    p += 4;
    return v;
  }
  uint64_t u64() {
    if (!take(8)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
    p += 8;
    return v;
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const uint8_t b = u8();
      if (bad) return 0;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    bad = true;
    return 0;
  }
  float f32() {
    const uint32_t u = u32();
    float f;
    std::memcpy(&f, &u, 4);
    return f;
  }
  double f64() {
    const uint64_t u = u64();
    double d;
    std::memcpy(&d, &u, 8);
    return d;
  }
  std::string_view bytes(size_t n) {
    if (!take(n)) return {};
    std::string_view v(reinterpret_cast<const char*>(p), n);
    p += n;
    return v;
  }
};

// CRC-32 (IEEE 802.3, as zlib computes it): each event's own check, which names the event a
// change hit.
uint32_t crc32(std::string_view bytes);

// Pen samples are stored as changes from the sample before (docs/formats/run.md, "Pen samples").
enum SampleFlag : uint8_t {
  kContact = 1,
  kStretch = 2,
  kHasAxis = 4,
  kAxisGiven = 8,
  kPressureGiven = 16,
  kDepthGiven = 32,
  kRateGiven = 64,
  kPassGiven = 128,
};
void encodeSample(std::string& out, const PenSample& s, PenSample& previous);
// False when the bytes are not a sample.
bool decodeSample(std::string_view body, PenSample& s, PenSample& previous);

// One event: kind, wall ms, body length, body, CRC-32 of all before it.
void encodeEvent(std::string& out, RunEventKind kind, uint64_t wallMs, std::string_view body);

// The chain after a frame: BLAKE2b-256(previous chain || frame head || payload).
Digest256 chainAfter(const Digest256& previous, std::string_view frameHead, std::string_view payload);

}  // namespace mnsim::runcodec
