// The sanitizer build (the second half of `make test`) runs with asserts on: broken invariants
// stop there with a message naming the function, instead of passing silently.
#include <gtest/gtest.h>

#include "mnsim/base/error.h"

namespace mnsim {
namespace {

#ifdef MNSIM_SANITIZE_BUILD
TEST(Build, AssertsRunInTheSanitizerBuild) {
#ifdef NDEBUG
  FAIL() << "the sanitizer build defines NDEBUG, so its asserts never run";
#else
  const Result<int> failed = makeError(ErrorCode::Value, "bad");
  EXPECT_DEATH((void)failed.value(), "Result::value\\(\\) called on an error");
#endif
}
#endif

TEST(Build, ResultHoldsAValueOrAnError) {
  const Result<int> ok = 3;
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  const Result<int> failed = makeError(ErrorCode::Io, "gone", {"f.csv", 2, 0});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().format(), "f.csv:2: error: gone");
}

}  // namespace
}  // namespace mnsim
