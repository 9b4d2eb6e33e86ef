// The face measure (tools/face/face_measure.h) that issue 15's shape work is judged by: checked on
// the reference face itself, made into an asset, where the answers are known.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "face_measure.h"
#include "mnsim/skin/asset.h"

namespace mnsim {
namespace {

// The reference face as an asset: its own triangles (the OBJ's faces) and, as landmarks, the
// vertices the measure pairs with the head's landmark names, in millimetres moved and scaled by
// `scale` and `shift`.
Asset referenceAsAsset(const std::vector<glm::dvec3>& reference, double scale, glm::dvec3 shift) {
  Asset a;
  for (const glm::dvec3& v : reference) a.mesh.positions.push_back(glm::vec3(v * scale + shift));
  std::ifstream in(face::referencePath(MNSIM_SOURCE_DIR));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("f ", 0) != 0) continue;
    std::istringstream s(line.substr(2));
    glm::uvec3 t;
    std::string corner;
    for (int k = 0; k < 3 && s >> corner; ++k) t[k] = static_cast<uint32_t>(std::stoul(corner)) - 1;  // "v/vt", 1-based
    a.mesh.triangles.push_back(t);
  }
  a.mesh.computeVertexNormals();
  for (const face::LandmarkPair& p : face::landmarkPairs())
    a.zones.landmarks.push_back({p.name, a.mesh.positions[static_cast<size_t>(p.vertex)]});
  return a;
}

TEST(FaceMeasure, TheReferenceMeasuredAgainstItselfLiesOnItAtAnyScaleAndPlace) {
  std::string error;
  const auto reference = face::readReference(face::referencePath(MNSIM_SOURCE_DIR), error);
  ASSERT_EQ(reference.size(), 468u) << error;
  const Asset same = referenceAsAsset(reference, 1.1, glm::dvec3(3.0, -20.0, 40.0));
  ASSERT_EQ(same.mesh.triangles.size(), 898u);
  const auto m = face::measureAsset(reference, same, error);
  ASSERT_TRUE(m) << error;
  EXPECT_NEAR(m->placed.scale, 1.1, 1e-4);
  EXPECT_NEAR(m->placed.translation.y, -20.0, 1e-3);
  EXPECT_LT(m->all.rmsMm, 1e-3);
  EXPECT_LT(m->all.worstMm, 1e-3);
  EXPECT_EQ(m->residualMm.size(), face::landmarkPairs().size());
  // A face 8 % wider than the reference is measured as such: its sides lie several millimetres
  // off, more than its middle.
  std::vector<glm::dvec3> wider = reference;
  for (glm::dvec3& v : wider) v.x *= 1.08;
  const auto w = face::measureAsset(wider, same, error);
  ASSERT_TRUE(w);
  EXPECT_GT(w->all.rmsMm, 1.0);
  EXPECT_GT(w->byRegion[static_cast<size_t>(face::FaceRegion::Sides)].rmsMm,
            w->byRegion[static_cast<size_t>(face::FaceRegion::Middle)].rmsMm);
}

TEST(FaceMeasure, AMissingFileOrAWrongMeshIsNamed) {
  std::string error;
  EXPECT_TRUE(face::readReference("/nonexistent/face.obj", error).empty());
  EXPECT_NE(error.find("/nonexistent/face.obj"), std::string::npos);
  const std::string path = ::testing::TempDir() + "mnsim_small_face.obj";
  std::ofstream(path) << "v 0 0 0\nv 1 0 0\nv 0 1 oops\n";
  error.clear();
  EXPECT_TRUE(face::readReference(path, error).empty());
  EXPECT_NE(error.find(path + ":3"), std::string::npos) << error;
}

}  // namespace
}  // namespace mnsim
