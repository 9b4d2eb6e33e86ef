// Where the inside of a drawing mesh can be seen from. The skin is drawn outside first, then its
// inside (the back faces) for what shows through an opening, such as the head's neck cut or the
// back of the practice pad. Through an opening the inside shows only to an eye on the outer side
// of the surface that would close it, so the second pass is skipped for every other eye (it costs
// a CPU rasteriser as much as the first: every triangle is set up again). Pure geometry: no GL.
#pragma once

#include <vector>

#include <glm/vec3.hpp>

#include <mnsim/geometry/mesh.h>

namespace mnsim::app {

struct MeshOpening {
  glm::vec3 centreMm{0.0f};   // the loop's mean point
  glm::vec3 outward{0.0f};    // unit normal of the surface that would close it, pointing out
  float unevennessMm = 0.0f;  // how far the loop's points lie from that plane, at most
};

struct MeshOpenings {
  std::vector<MeshOpening> openings;  // one per boundary loop; none for a closed mesh
  bool unknown = false;               // edges shared by more than two triangles, or loops that do
                                      // not close: the inside may show from anywhere
};

MeshOpenings findOpenings(const TriMesh& mesh);

// Whether an eye at `eyeMm` may see the inside: it lies on the outer side of some opening's
// plane (within the loop's unevenness), or the openings are unknown.
bool insideMayShow(const MeshOpenings& openings, const glm::vec3& eyeMm);

}  // namespace mnsim::app
