// What the home screen offers: the plans and the case library found on disk.
#include <algorithm>

#include <gtest/gtest.h>

#include "core/catalog.h"

namespace mnsim::app {
namespace {

const std::string kSource = MNSIM_SOURCE_DIR;

TEST(Catalog, PlansFromTheAssetsAndTheExamplesWithTheirSummaries) {
  AssetSearch search;
  search.folders = {kSource + "/assets"};
  const std::vector<PlanChoice> plans = findPlans(search, {kSource + "/docs/examples"}, {});
  ASSERT_FALSE(plans.empty());
  // Built-in plans first, each folder sorted by path.
  EXPECT_NE(plans.front().path.find("/assets/plans/"), std::string::npos) << plans.front().path;
  const auto pad = std::find_if(plans.begin(), plans.end(), [](const PlanChoice& p) { return p.asset == "pad"; });
  ASSERT_NE(pad, plans.end());
  EXPECT_EQ(defaultPlanFor("pad", plans), pad->path);
  EXPECT_EQ(defaultPlanFor("no such asset", plans), "");
  for (const PlanChoice& p : plans) EXPECT_FALSE(p.summary.empty()) << p.path;  // the device at least
}

TEST(Catalog, CasesBeginnersFirstThenByTitle) {
  AssetSearch search;
  search.folders = {kSource + "/assets"};  // scenarios/ beside it
  const std::vector<CaseChoice> cases = findCases(search, {});
  ASSERT_GE(cases.size(), 10u);
  auto rank = [](const std::string& d) { return d == "beginner" ? 0 : d == "intermediate" ? 1 : 2; };
  for (size_t i = 1; i < cases.size(); ++i) {
    const CaseChoice& a = cases[i - 1];
    const CaseChoice& b = cases[i];
    EXPECT_TRUE(rank(a.difficulty) < rank(b.difficulty) || (rank(a.difficulty) == rank(b.difficulty) && a.title <= b.title))
        << a.title << " before " << b.title;
  }
}

}  // namespace
}  // namespace mnsim::app
