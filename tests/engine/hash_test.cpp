#include "mnsim/base/hash.h"

#include <cstring>

#include <gtest/gtest.h>

#include "mnsim/base/error.h"
#include "mnsim/skin/asset.h"

namespace mnsim {
namespace {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 h;  // the same data fed in pieces
  for (char c : std::string("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) h.update(&c, 1);
  EXPECT_EQ(h.hexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// Numbers are hashed as little-endian bytes whatever the machine (docs/formats/hashes.md).
TEST(Sha256, NumbersAreFedAsLittleEndianBytes) {
  Sha256 numbers;
  numbers.updateU8(0x7f);
  const uint16_t shorts[2] = {0x0102, 0xa0b0};
  numbers.updateU16s(shorts, 2);
  numbers.updateU32(0x01020304u);
  numbers.updateU64(0x0102030405060708ull);
  numbers.updateFloat(1.0f);  // 0x3f800000
  const std::string bytes("\x7f"
                          "\x02\x01\xb0\xa0"
                          "\x04\x03\x02\x01"
                          "\x08\x07\x06\x05\x04\x03\x02\x01"
                          "\x00\x00\x80\x3f",
                          1 + 4 + 4 + 8 + 4);
  EXPECT_EQ(numbers.hexDigest(), sha256Hex(bytes));
}

// The asset hash is the one docs/formats/hashes.md defines, byte for byte.
TEST(Sha256, AssetHashIsTheDocumentedBytes) {
  Asset asset;
  asset.mesh.positions = {{0.0f, 0.0f, 0.0f}, {1.0f, 0.0f, 0.0f}, {0.0f, 2.0f, 0.5f}};
  asset.mesh.triangles = {{0u, 1u, 2u}};
  asset.zones.zones = {ZoneInfo{"cheek_left", "Left cheek", true, false, true, false, true, 0.75f}};
  asset.zones.triangleZone = {0};
  asset.zones.landmarks = {{"nasion", {1.5f, -2.0f, 0.25f}}};
  computeContentHash(asset);

  std::string bytes = "mnsim-asset/2";
  auto u = [&](uint64_t v, int size) {
    for (int b = 0; b < size; ++b) bytes += static_cast<char>((v >> (8 * b)) & 0xff);
  };
  auto f = [&](float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    u(bits, 4);
  };
  u(3, 8);
  for (const glm::vec3& p : asset.mesh.positions)
    for (int k = 0; k < 3; ++k) f(p[k]);
  u(1, 8);
  for (uint32_t i : {0u, 1u, 2u}) u(i, 4);
  u(0, 2);
  bytes += "cheek_left\n";
  u(1 | 4 | 16, 1);
  f(0.75f);
  bytes += "nasion\n";
  for (float v : {1.5f, -2.0f, 0.25f}) f(v);
  EXPECT_EQ(asset.contentHash, "sha256:" + sha256Hex(bytes));
}

TEST(Error, FormatsLikeACompiler) {
  EXPECT_EQ(makeError(ErrorCode::Value, "bad", {"a.csv", 3, 7}).format(), "a.csv:3:7: error: bad");
  EXPECT_EQ(makeError(ErrorCode::Value, "bad", {"a.csv", 3, 0}).format(), "a.csv:3: error: bad");
  EXPECT_EQ(makeError(ErrorCode::Value, "bad", {"a.csv", 0, 0}).format(), "a.csv: error: bad");
  EXPECT_EQ(makeError(ErrorCode::Value, "bad").format(), "error: bad");
}

TEST(Error, DidYouMean) {
  const std::vector<std::string> words{"pressure", "depth_mm", "pass", "head"};
  EXPECT_EQ(closestMatch("presure", words), "pressure");
  EXPECT_EQ(closestMatch("depth", words), "depth_mm");
  EXPECT_EQ(closestMatch("haed", words), "head");
  EXPECT_EQ(closestMatch("colour", words), "");
  EXPECT_EQ(editDistance("kitten", "sitting"), 3);
  EXPECT_EQ(editDistance("ab", "ba"), 1);
}

}  // namespace
}  // namespace mnsim
