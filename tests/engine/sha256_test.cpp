#include "mnsim/sha256.h"

#include <gtest/gtest.h>

#include "mnsim/error.h"

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
