// Where the inside of a drawing mesh shows (core/mesh_openings.h): the pad from behind, the head
// through its neck cut, a closed mesh never, a tangled one always.
#include <gtest/gtest.h>

#include <mnsim/skin/asset_loader.h>
#include <mnsim/skin/pad.h>

#include "core/mesh_openings.h"

namespace mnsim::app {
namespace {

TEST(MeshOpenings, ThePadShowsItsBackOnlyFromBehind) {
  const Asset pad = makePadAsset();
  const MeshOpenings o = findOpenings(pad.mesh);
  ASSERT_FALSE(o.unknown);
  ASSERT_EQ(o.openings.size(), 1u);  // its outline
  EXPECT_NEAR(o.openings[0].outward.z, -1.0f, 1e-4f);
  EXPECT_FALSE(insideMayShow(o, glm::vec3(0, 0, 300)));
  EXPECT_FALSE(insideMayShow(o, glm::vec3(400, 0, 5)));  // far to the side, still in front
  EXPECT_TRUE(insideMayShow(o, glm::vec3(0, 0, -300)));
}

TEST(MeshOpenings, TheHeadShowsItsInsideOnlyFromBelowTheNecksCut) {
  auto head = loadAsset("head", defaultAssetSearch(""));
  ASSERT_TRUE(head) << head.error().format();
  const MeshOpenings o = findOpenings(head->mesh);
  ASSERT_FALSE(o.unknown);
  ASSERT_EQ(o.openings.size(), 1u);  // the cut across the neck at y = -190 mm
  EXPECT_NEAR(o.openings[0].centreMm.y, -190.0f, 0.5f);
  EXPECT_NEAR(o.openings[0].outward.y, -1.0f, 1e-3f);
  EXPECT_FALSE(insideMayShow(o, glm::vec3(0, 0, 400)));     // the front view
  EXPECT_FALSE(insideMayShow(o, glm::vec3(0, -150, 400)));  // from below the chin
  EXPECT_TRUE(insideMayShow(o, glm::vec3(0, -400, 200)));   // from below the cut
}

TEST(MeshOpenings, AClosedMeshNeverATangledOneAlways) {
  TriMesh tetra;
  tetra.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  tetra.triangles = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
  const MeshOpenings closed = findOpenings(tetra);
  EXPECT_FALSE(closed.unknown);
  EXPECT_TRUE(closed.openings.empty());
  EXPECT_FALSE(insideMayShow(closed, glm::vec3(5, 5, 5)));
  TriMesh tangled = tetra;
  tangled.triangles.push_back({0, 2, 1});  // the same face twice: an edge used by three triangles
  const MeshOpenings unknown = findOpenings(tangled);
  EXPECT_TRUE(unknown.unknown);
  EXPECT_TRUE(insideMayShow(unknown, glm::vec3(5, 5, 5)));
}

}  // namespace
}  // namespace mnsim::app
