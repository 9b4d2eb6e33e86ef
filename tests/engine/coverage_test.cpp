#include "mnsim/procedure/coverage.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "mnsim/procedure/device.h"
#include "fixtures.h"
#include "mnsim/skin/pad.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {
namespace {

using testing::pad;

TEST(Coverage, OneStampHitsItsDiskAndAddsItsDensity) {
  CoverageMap cov(&pad().samples());
  std::vector<uint32_t> bits(3, 1u << 2);  // pass 3 everywhere
  Footprint fp;
  fp.centerMm = {-20.0f, 0.0f, 0.0f};
  fp.radiusMm = 3.0f;
  const uint32_t n = cov.apply(fp, 42.0f, 0.4f, bits.data());
  std::vector<uint32_t> hits;
  pad().samples().query(fp.centerMm, fp.radiusMm, hits);
  EXPECT_EQ(n, hits.size());
  double area = 0.0;
  for (uint32_t i : hits) {
    EXPECT_FLOAT_EQ(cov.densityPerCm2()[i], 42.0f);
    EXPECT_EQ(cov.passMask()[i], 1u << 2);
    EXPECT_FLOAT_EQ(cov.maxEffectiveDepthMm()[i], 0.4f);
    area += pad().samples().areaMm2(i);
  }
  const double disk = std::numbers::pi * 9.0;
  EXPECT_NEAR(area, disk, disk * 0.03);
  EXPECT_NEAR(cov.passCoverage(0, 2), area / 4800.0, 1e-9);
  EXPECT_DOUBLE_EQ(cov.passCoverage(0, 0), 0.0);
  EXPECT_NEAR(cov.anyCoverage(0), area / 4800.0, 1e-9);
  // The same stamp again: density doubles, coverage does not change.
  cov.apply(fp, 42.0f, 0.2f, bits.data());
  EXPECT_FLOAT_EQ(cov.densityPerCm2()[hits[0]], 84.0f);
  EXPECT_FLOAT_EQ(cov.maxEffectiveDepthMm()[hits[0]], 0.4f);
  EXPECT_NEAR(cov.anyCoverage(0), area / 4800.0, 1e-9);
}

TEST(Coverage, SamplesFacingAwayAreNotHit) {
  CoverageMap cov(&pad().samples());
  std::vector<uint32_t> bits(3, 1u);
  Footprint fp;
  fp.centerMm = {-20.0f, 0.0f, 0.0f};
  fp.normal = {0.0f, 0.0f, -1.0f};  // the far side of a thin sheet
  fp.radiusMm = 3.0f;
  EXPECT_EQ(cov.apply(fp, 10.0f, 0.5f, bits.data()), 0u);
}

TEST(Coverage, PendingHitsResolveIntoTheirPass) {
  CoverageMap cov(&pad().samples());
  std::vector<uint32_t> pending(3, kPendingPassBit), pass2(3, 1u << 1);
  Footprint fp;
  fp.centerMm = {10.0f, -10.0f, 0.0f};
  fp.radiusMm = 3.0f;
  cov.apply(fp, 10.0f, 0.5f, pending.data());
  Footprint second = fp;
  second.centerMm.x += 2.0f;
  cov.apply(second, 10.0f, 0.5f, pending.data());
  EXPECT_DOUBLE_EQ(cov.passCoverage(1, 1), 0.0);
  EXPECT_GT(cov.anyCoverage(1), 0.0);
  for (const Footprint& f : {fp, second}) cov.resolvePending(f, pass2.data());
  std::vector<uint32_t> hits;
  pad().samples().query(fp.centerMm, 5.0f, hits);
  int set = 0;
  for (uint32_t i : hits) {
    EXPECT_EQ(cov.passMask()[i] & kPendingPassBit, 0u);
    set += cov.passMask()[i] == (1u << 1);
  }
  EXPECT_GT(set, 300);
  EXPECT_NEAR(cov.passCoverage(1, 1), cov.anyCoverage(1), 1e-12);
}

TEST(Coverage, RollerRowCoversItsRectangle) {
  CoverageMap cov(&pad().samples());
  std::vector<uint32_t> bits(3, 1u);
  const DeviceSpec& roller = *findDevice("roller");
  const StampGeometry g = stampGeometry(roller, nullptr);
  Footprint fp;
  fp.rectangle = true;
  fp.centerMm = {-30.0f, 0.0f, 0.0f};
  fp.alongDir = {1, 0, 0};
  fp.acrossDir = {0, 1, 0};
  fp.halfLengthMm = g.lengthMm / 2;
  fp.halfWidthMm = g.widthMm / 2;
  cov.apply(fp, g.densityPerCm2(), 1.0f, bits.data());
  double area = 0.0;
  for (uint32_t i = 0; i < pad().samples().size(); ++i) {
    if (cov.passMask()[i] == 0) continue;
    const glm::vec3 p = pad().samples().position(i);
    EXPECT_LE(std::fabs(p.x + 30.0f), g.lengthMm / 2 + 1e-4f);
    EXPECT_LE(std::fabs(p.y), 10.0f + 1e-4f);
    area += pad().samples().areaMm2(i);
  }
  EXPECT_NEAR(area, g.lengthMm * g.widthMm, g.lengthMm * g.widthMm * 0.03);
}

TEST(Device, CatalogueAndGeometry) {
  const DeviceSpec* pen = findDevice("pen");
  ASSERT_NE(pen, nullptr);
  EXPECT_EQ(pen->kind, DeviceKind::Pen);
  EXPECT_FLOAT_EQ(pen->depthMinMm, 0.25f);
  EXPECT_FLOAT_EQ(pen->depthMaxMm, 2.5f);
  EXPECT_TRUE(pen->depthOnDial(0.25f));
  EXPECT_TRUE(pen->depthOnDial(1.75f));
  EXPECT_FALSE(pen->depthOnDial(0.6f));
  EXPECT_FALSE(pen->depthOnDial(2.75f));
  EXPECT_FALSE(pen->depthOnDial(0.0f));
  const StampGeometry g = stampGeometry(*pen, pen->cartridge("round-12"));
  EXPECT_EQ(g.needles, 12);
  EXPECT_FLOAT_EQ(g.radiusMm, 3.0f);
  EXPECT_NEAR(g.densityPerCm2(), 12.0 / (std::numbers::pi * 9.0) * 100.0, 1e-3);
  const DeviceSpec* roller = findDevice("roller");
  ASSERT_NE(roller, nullptr);
  EXPECT_EQ(roller->rollerNeedles, 192);
  EXPECT_EQ(roller->rollerRows, 8);
  EXPECT_EQ(roller->rollerNeedlesPerRow(), 24);
  EXPECT_FLOAT_EQ(roller->drumWidthMm, 20.0f);
  EXPECT_NEAR(roller->rollerRowPitchMm(), std::numbers::pi * 15.0 / 8.0, 1e-5);
  EXPECT_EQ(findDevice("laser"), nullptr);
}

}  // namespace
}  // namespace mnsim
