#include "runs/run_codec.h"

#include <array>

namespace mnsim::runcodec {

namespace {

std::array<uint32_t, 256> makeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}

bool sameBits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

uint32_t crc32(std::string_view bytes) {
  static const std::array<uint32_t, 256> table = makeCrcTable();
  uint32_t c = 0xffffffffu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

void encodeSample(std::string& out, const PenSample& s, PenSample& prev) {
  uint8_t flags = 0;
  if (s.contact) flags |= kContact;
  if (s.stretch) flags |= kStretch;
  if (s.hasAxis) flags |= kHasAxis;
  const bool axis = !sameBits(s.axis.x, prev.axis.x) || !sameBits(s.axis.y, prev.axis.y) ||
                    !sameBits(s.axis.z, prev.axis.z);
  if (axis) flags |= kAxisGiven;
  if (!sameBits(s.pressure, prev.pressure)) flags |= kPressureGiven;
  if (!sameBits(s.depthMm, prev.depthMm)) flags |= kDepthGiven;
  if (!sameBits(s.rateHz, prev.rateHz)) flags |= kRateGiven;
  if (s.pass != prev.pass) flags |= kPassGiven;
  out.push_back(static_cast<char>(flags));
  putF64(out, s.timeS);
  putF32(out, s.tipMm.x);
  putF32(out, s.tipMm.y);
  putF32(out, s.tipMm.z);
  if (flags & kAxisGiven) {
    putF32(out, s.axis.x);
    putF32(out, s.axis.y);
    putF32(out, s.axis.z);
  }
  if (flags & kPressureGiven) putF32(out, s.pressure);
  if (flags & kDepthGiven) putF32(out, s.depthMm);
  if (flags & kRateGiven) putF32(out, s.rateHz);
  if (flags & kPassGiven) putVarint(out, static_cast<uint32_t>(s.pass));
  prev = s;
  prev.line = 0;
}

bool decodeSample(std::string_view body, PenSample& s, PenSample& prev) {
  Cursor c(body);
  const uint8_t flags = c.u8();
  s = prev;
  s.contact = flags & kContact;
  s.stretch = flags & kStretch;
  s.hasAxis = flags & kHasAxis;
  s.timeS = c.f64();
  s.tipMm.x = c.f32();
  s.tipMm.y = c.f32();
  s.tipMm.z = c.f32();
  if (flags & kAxisGiven) {
    s.axis.x = c.f32();
    s.axis.y = c.f32();
    s.axis.z = c.f32();
  }
  if (flags & kPressureGiven) s.pressure = c.f32();
  if (flags & kDepthGiven) s.depthMm = c.f32();
  if (flags & kRateGiven) s.rateHz = c.f32();
  if (flags & kPassGiven) s.pass = static_cast<int>(static_cast<uint32_t>(c.varint()));
  s.line = 0;
  if (c.bad || c.left() != 0) return false;
  prev = s;
  return true;
}

void encodeEvent(std::string& out, RunEventKind kind, uint64_t wallMs, std::string_view body) {
  const size_t start = out.size();
  out.push_back(static_cast<char>(kind));
  putVarint(out, wallMs);
  putVarint(out, body.size());
  out.append(body);
  putU32(out, crc32(std::string_view(out).substr(start)));
}

Digest256 chainAfter(const Digest256& previous, std::string_view frameHead, std::string_view payload) {
  return blake2b256({std::string_view(reinterpret_cast<const char*>(previous.data()), previous.size()), frameHead,
                     payload});
}

}  // namespace mnsim::runcodec
