#include "mnsim/skin/skin_samples.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mnsim/skin/pad.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {
namespace {

float nearestOther(const SkinSamples& s, uint32_t i, float radius) {
  std::vector<uint32_t> near;
  s.query(s.position(i), radius, near);
  float best = 1e30f;
  for (uint32_t j : near)
    if (j != i) best = std::min(best, glm::length(s.position(j) - s.position(i)));
  return best;
}

TEST(SkinSamples, NeighboursAreAtMostHalfAMillimetreApart) {
  for (PadDesc desc : {PadDesc{}, PadDesc{1.0f, 96, true}}) {
    const SkinModel model(makePadAsset(desc));
    const SkinSamples& s = model.samples();
    ASSERT_GT(s.size(), 9600u * 4);
    float worst = 0.0f;
    for (uint32_t i = 0; i < s.size(); i += 7) worst = std::max(worst, nearestOther(s, i, 1.0f));
    EXPECT_LE(worst, 0.5f);
    // And no point of the surface is farther than 0.5 mm from a sample.
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> x(-60.0f, 60.0f), y(-40.0f, 40.0f);
    std::vector<uint32_t> near;
    float worstCover = 0.0f;
    for (int k = 0; k < 20000; ++k) {
      const glm::vec3 p(x(rng), y(rng), 0.0f);
      s.query(p, 1.0f, near);
      float best = 1e30f;
      for (uint32_t j : near) best = std::min(best, glm::length(s.position(j) - p));
      worstCover = std::max(worstCover, best);
    }
    EXPECT_LE(worstCover, 0.5f);
  }
}

TEST(SkinSamples, AreasAddUpToEachZonesArea) {
  const SkinModel model(makePadAsset());
  const std::vector<double> areas = model.asset().zoneAreasMm2();
  for (size_t z = 0; z < areas.size(); ++z) EXPECT_NEAR(model.samples().zoneAreaMm2(z), areas[z], 0.01) << z;
}

TEST(SkinSamples, QueryMatchesBruteForce) {
  const SkinModel model(makePadAsset());
  const SkinSamples& s = model.samples();
  std::vector<uint32_t> got;
  for (glm::vec3 c : {glm::vec3(0, 0, 0), glm::vec3(-59.5f, 39.5f, 0.2f), glm::vec3(30, 20, 1), glm::vec3(61, 0, 0)}) {
    s.query(c, 3.0f, got);
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < s.size(); ++i)
      if (glm::length(s.position(i) - c) <= 3.0f) expected.push_back(i);
    EXPECT_EQ(got, expected);
  }
}

TEST(SkinSamples, SpreadSamplesAreEvenAndDeterministic) {
  const SkinModel model(makePadAsset());
  const auto a = spreadZoneSamples(model.samples(), 0, 200);
  EXPECT_EQ(a, spreadZoneSamples(model.samples(), 0, 200));
  ASSERT_EQ(a.size(), 200u);
  // 200 points over 4800 mm²: farthest-point spreading keeps them several mm apart.
  float closest = 1e30f;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = i + 1; j < a.size(); ++j)
      closest = std::min(closest, glm::length(model.samples().position(a[i]) - model.samples().position(a[j])));
  EXPECT_GT(closest, 3.0f);
  for (uint32_t i : a) EXPECT_EQ(model.samples().zone(i), 0);
}

}  // namespace
}  // namespace mnsim

namespace mnsim {
namespace {

TEST(ZoneFrame, OneOrthonormalFramePerZoneWithUTheHorizontal) {
  const SkinModel pad(makePadAsset());
  for (int z = 0; z < static_cast<int>(pad.zones().zones.size()); ++z) {
    const SkinModel::Frame& f = pad.zoneFrame(z);
    EXPECT_NEAR(f.normal.z, 1.0f, 1e-5f);  // the flat pad faces +Z
    EXPECT_NEAR(f.u.x, 1.0f, 1e-5f);       // so u is the patient's horizontal, as on the face
    EXPECT_NEAR(f.v.y, 1.0f, 1e-5f);
  }
  // Outside the zones: the face's frame, never a crash.
  EXPECT_NEAR(pad.zoneFrame(-1).u.x, 1.0f, 1e-6f);
  EXPECT_NEAR(pad.zoneFrame(999).v.y, 1.0f, 1e-6f);
}

}  // namespace
}  // namespace mnsim
