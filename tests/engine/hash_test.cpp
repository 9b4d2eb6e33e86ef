#include "mnsim/base/hash.h"

#include <gtest/gtest.h>

#include "mnsim/base/error.h"

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
