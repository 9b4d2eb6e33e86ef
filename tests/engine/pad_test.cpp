#include "mnsim/skin/pad.h"

#include <cmath>
#include <map>
#include <numbers>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

namespace mnsim {
namespace {

TEST(Pad, ZonesAndAreasMatchTheContract) {
  const Asset pad = makePadAsset();
  ASSERT_EQ(pad.zones.zones.size(), 3u);
  EXPECT_EQ(pad.zones.zones[0].id, "pad_a");
  EXPECT_EQ(pad.zones.zones[1].id, "pad_b");
  EXPECT_EQ(pad.zones.zones[2].id, "mole");
  EXPECT_TRUE(pad.zones.zones[2].noGo);
  EXPECT_FALSE(pad.zones.zones[2].treatable);
  const std::vector<double> areas = pad.zoneAreasMm2();
  // The mole is a 128-gon inscribed in its 4 mm circle: within 0.05 % of pi r².
  const double mole = std::numbers::pi * 16.0;
  EXPECT_NEAR(areas[0], 4800.0, 1e-3);
  EXPECT_NEAR(areas[2], mole, mole * 5e-4);
  EXPECT_NEAR(areas[1], 4800.0 - areas[2], 1e-3);
  EXPECT_NEAR(areas[0] + areas[1] + areas[2], 9600.0, 1e-3);
}

TEST(Pad, GeometryIsFlatFacingPlusZAndZonedBySide) {
  for (PadDesc desc : {PadDesc{}, PadDesc{1.0f, 96, true}, PadDesc{0.667f, 64, false}}) {
    const Asset pad = makePadAsset(desc);
    const Aabb box = meshBounds(pad.mesh);
    EXPECT_EQ(box.lo, glm::vec3(-60.0f, -40.0f, 0.0f));
    EXPECT_EQ(box.hi, glm::vec3(60.0f, 40.0f, 0.0f));
    for (size_t t = 0; t < pad.mesh.triangleCount(); ++t) {
      EXPECT_GT(pad.mesh.triangleAreaMm2(t), 1e-4) << t;
      EXPECT_NEAR(pad.mesh.faceNormal(t).z, 1.0f, 1e-6f) << t;
      const glm::vec3 c = pad.mesh.centroid(t);
      const float r = glm::length(glm::vec2(c.x - 30.0f, c.y - 20.0f));
      const uint16_t zone = pad.zones.triangleZone[t];
      if (r < 3.9f) {
        EXPECT_EQ(zone, 2);
      } else if (c.x < 0.0f) {
        EXPECT_EQ(zone, 0);
      } else if (r > 4.0f) {
        EXPECT_EQ(zone, 1);
      }
    }
    // Every interior edge is shared by exactly two triangles: the mesh has no cracks.
    std::map<std::pair<uint32_t, uint32_t>, int> edges;
    for (const glm::uvec3& t : pad.mesh.triangles)
      for (int k = 0; k < 3; ++k) {
        const uint32_t a = t[k], b = t[(k + 1) % 3];
        edges[{std::min(a, b), std::max(a, b)}]++;
      }
    double boundary = 0.0;
    for (const auto& [e, n] : edges) {
      EXPECT_LE(n, 2);
      if (n == 1) boundary += glm::length(pad.mesh.positions[e.first] - pad.mesh.positions[e.second]);
    }
    EXPECT_NEAR(boundary, 400.0, 1e-3);  // only the pad's outer rectangle is open
  }
}

TEST(Pad, LandmarksAndHashAreStable) {
  const Asset a = makePadAsset(), b = makePadAsset();
  EXPECT_EQ(a.contentHash, b.contentHash);
  EXPECT_EQ(a.contentHash.rfind("sha256:", 0), 0u);
  EXPECT_EQ(a.contentHash.size(), 7u + 64u);
  ASSERT_NE(a.zones.landmark("mole_center"), nullptr);
  EXPECT_EQ(a.zones.landmark("mole_center")->positionMm, glm::vec3(30, 20, 0));
  EXPECT_NE(makePadAsset({1.0f, 128, true}).contentHash, a.contentHash);
}

}  // namespace
}  // namespace mnsim
