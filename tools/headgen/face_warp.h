// The face brought to a published average adult face (issue 15): the sculpt makes the head, and
// a smooth displacement field then moves its face onto MediaPipe's canonical face model
// (tools/face/reference), placed on the head by its landmarks. The field is a sum of compactly
// supported radial functions (Wendland's C2, so it is smooth and falls to zero within `support`
// of the face: the ears, the back of the head and the neck stay where the sculpt put them),
// fitted in a few rounds, mirror-symmetric by construction. Everything made from the sculpt
// (zones, landmarks, hair and lip colour) is made first and carried along, so the warp moves the
// surface and nothing else. Deterministic: + - * / and sqrt only, in a fixed order.
#pragma once

#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include <mnsim/geometry/bvh.h>
#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/zone_map.h>

namespace headgen {

struct WarpRound {
  std::vector<glm::dvec3> centres;  // points on the surface the round moved (sculpt side)
  std::vector<glm::dvec3> weights;  // each centre's radial function's vector weight
  double supportMm = 40.0;
  glm::dvec3 displacement(const glm::dvec3& p) const;  // mirror-symmetric in x
};

class FaceWarp {
 public:
  // Fits the warp that takes `mesh` (with its landmarks by name) onto the reference face; the
  // report lines say how far the face lay from it before and after each round.
  static FaceWarp fit(const mnsim::TriMesh& mesh, const std::vector<mnsim::Landmark>& landmarks,
                      const std::vector<glm::dvec3>& reference, std::vector<std::string>& report);
  glm::vec3 apply(const glm::vec3& p) const;
  // The mesh with every vertex moved and its normals made again.
  mnsim::TriMesh applied(const mnsim::TriMesh& mesh) const;
  bool empty() const { return m_rounds.empty(); }
  // Landmarks found on the sculpt's mesh (`sculptBvh` built from `sculpt`), carried to the same
  // places on `warped` (the sculpt's mesh with apply() done to it).
  static std::vector<mnsim::Landmark> carried(const std::vector<mnsim::Landmark>& landmarks, const mnsim::TriMesh& sculpt,
                                              const mnsim::Bvh& sculptBvh, const mnsim::TriMesh& warped);

 private:
  std::vector<WarpRound> m_rounds;
};

// A point on `from` (a triangle's barycentric point) carried to the same place on `to`, a mesh
// with the same triangles: how landmarks and texels follow the warp onto the moved surface.
glm::vec3 samePlaceOn(const mnsim::TriMesh& from, const mnsim::TriMesh& to, uint32_t triangle, const glm::vec3& pointOnFrom);

}  // namespace headgen
