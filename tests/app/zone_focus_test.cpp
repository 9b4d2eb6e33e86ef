// Looking at a zone (core/zone_focus.h): the practice pad's left half seen along +Z from its middle,
// from where it fills the view's height as asked.
#include <cmath>

#include <gtest/gtest.h>

#include <mnsim/skin/pad.h>

#include "core/zone_focus.h"

namespace mnsim::app {
namespace {

TEST(ZoneFocus, AimsAlongTheZonesNormalFromWhereItFillsTheView) {
  const Asset pad = makePadAsset();
  int padA = -1;
  for (size_t z = 0; z < pad.zones.zones.size(); ++z)
    if (pad.zones.zones[z].id == "pad_a") padA = static_cast<int>(z);
  ASSERT_GE(padA, 0);
  auto aim = aimAtZone(pad.mesh, pad.zones, padA, 30.0f, 0.8f);
  ASSERT_TRUE(aim.has_value());
  // pad_a: x from -60 to 0, y from -40 to 40, z = 0, facing +Z.
  EXPECT_NEAR(aim->targetMm.x, -30.0f, 0.01f);
  EXPECT_NEAR(aim->targetMm.y, 0.0f, 0.01f);
  EXPECT_NEAR(aim->targetMm.z, 0.0f, 1e-4f);
  EXPECT_NEAR(aim->normal.z, 1.0f, 1e-5f);
  // Its farthest corner is 50 mm from the middle (30, 40): 50 / (0.8 tan 15°).
  const float expected = 50.0f / (0.8f * std::tan(15.0f * 3.14159265f / 180.0f));
  EXPECT_NEAR(aim->distanceMm, expected, 0.01f * expected);
  // Filling less of the view means standing farther off.
  EXPECT_GT(aimAtZone(pad.mesh, pad.zones, padA, 30.0f, 0.4f)->distanceMm, 1.9f * aim->distanceMm);
  // A zone with no triangles has nothing to look at.
  EXPECT_FALSE(aimAtZone(pad.mesh, pad.zones, 999, 30.0f).has_value());
}

TEST(ZoneFocus, ASessionsZonesAreFramedTogetherByTheirHeightAndWidth) {
  const Asset pad = makePadAsset();
  int padA = -1, padB = -1;
  for (size_t z = 0; z < pad.zones.zones.size(); ++z) {
    if (pad.zones.zones[z].id == "pad_a") padA = static_cast<int>(z);
    if (pad.zones.zones[z].id == "pad_b") padB = static_cast<int>(z);
  }
  ASSERT_GE(padA, 0);
  ASSERT_GE(padB, 0);
  const float tanHalf = std::tan(15.0f * 3.14159265f / 180.0f);
  ViewFill fill;  // 80 % of the height, 50 % of the width, 16:9
  // pad_a alone (60 x 80 mm): its height decides, 40 / (0.8 tan 15°).
  auto one = aimAtZones(pad.mesh, pad.zones, {padA}, 30.0f, fill);
  ASSERT_TRUE(one.has_value());
  EXPECT_NEAR(one->targetMm.x, -30.0f, 0.01f);
  EXPECT_NEAR(one->targetMm.y, 0.0f, 0.01f);
  EXPECT_NEAR(one->normal.z, 1.0f, 1e-5f);
  EXPECT_NEAR(one->distanceMm, 40.0f / (0.8f * tanHalf), 0.5f);
  // Both pads (120 x 80 mm): now the width decides, 60 / (0.5 tan 15° 16/9), centred between them.
  auto both = aimAtZones(pad.mesh, pad.zones, {padA, padB}, 30.0f, fill);
  ASSERT_TRUE(both.has_value());
  EXPECT_NEAR(both->targetMm.x, 0.0f, 0.01f);
  EXPECT_NEAR(both->distanceMm, 60.0f / (0.5f * tanHalf * 16.0f / 9.0f), 0.5f);
  // A narrower window needs more distance for the same width.
  fill.aspect = 1.0f;
  EXPECT_GT(aimAtZones(pad.mesh, pad.zones, {padA, padB}, 30.0f, fill)->distanceMm, 1.7f * both->distanceMm);
  EXPECT_FALSE(aimAtZones(pad.mesh, pad.zones, {}, 30.0f, fill).has_value());
}

}  // namespace
}  // namespace mnsim::app
