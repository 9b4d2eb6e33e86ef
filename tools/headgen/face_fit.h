// The face brought to a published average adult face (issue 15). The sculpt (head_model.cpp)
// gives the head its parts and proportions; the fit then moves its surface along the normal, by
// a smooth offset, onto MediaPipe's canonical face model (tools/face/reference), placed on the
// head by the landmarks both name. The offset is a sum of compactly supported radial functions
// (Wendland's C2: smooth, zero beyond `support` of the face, so the ears, the back of the head and
// the neck stay as sculpted), fitted in rounds of shrinking support, each on the surface the
// rounds before made, mirror-symmetric by construction. Because the offset is part of the head's
// distance function, the zones, landmarks, lips, lid creases and colours are made on the fitted
// surface itself. Deterministic: + - * / and sqrt only, in a fixed order.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include <mnsim/geometry/mesh.h>

#include "head_model.h"

namespace headgen {

// The offset that takes the sculpt built with `proportions` onto `reference` (the 468 vertices in
// mm). `surfaceOf` meshes a model (coarsely is enough: it finds the landmarks and the distances).
// `report` gets a line per round: how far the face lay from the reference.
SurfaceOffset fitFace(const HeadProportions& proportions, const std::vector<glm::dvec3>& reference,
                      const std::function<mnsim::TriMesh(const HeadModel&)>& surfaceOf, std::vector<std::string>& report);

}  // namespace headgen
