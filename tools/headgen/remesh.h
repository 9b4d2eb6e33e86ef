// Isotropic remeshing onto an implicit surface (Botsch & Kobbelt, "A remeshing approach to
// multiresolution modeling", 2004): split long edges, collapse short ones, flip towards valence
// six, relax tangentially and project every vertex back onto the zero level set. One open
// boundary is allowed: it must lie in the plane y = cutY and stays there.
#pragma once

#include <functional>
#include <string>

#include "extract.h"

namespace headgen {

struct RemeshDesc {
  double targetEdgeMm = 1.25;                 // wanted edge length
  std::function<double(const V3&)> sizing;    // optional: target edge length at a point (mm)
  int iterations = 8;                         // split/collapse/flip/relax rounds
  int finalRelaxations = 3;                   // extra relax-and-project rounds at the end
  bool hasCut = false;                        // the mesh is open at y = cutY
  double cutY = 0.0;
};

// Newton projection onto sdf = 0 (the y coordinate is held when onCut).
V3 projectToSurface(const Sdf& sdf, V3 p, int steps, bool onCut = false, double cutY = 0.0,
                    double maxStepMm = 2.0);
// Unit gradient of the SDF by tetrahedral differences.
V3 sdfGradient(const Sdf& sdf, const V3& p, double eps = 0.02);

// Throws std::runtime_error if the input is not an oriented manifold.
TriSoup remeshSurface(const TriSoup& input, const Sdf& sdf, const RemeshDesc& desc);

struct MeshQuality {
  size_t triangles = 0;
  double minAngleDeg = 0.0;      // smallest triangle angle
  double maxAngleDeg = 0.0;      // largest triangle angle
  double meanEdgeMm = 0.0;
  double minEdgeMm = 0.0, maxEdgeMm = 0.0;
  size_t below20Deg = 0;         // triangles with an angle below 20 degrees
  double minAreaMm2 = 0.0;
};
MeshQuality measureQuality(const TriSoup& mesh);
std::string describe(const MeshQuality& q);

}  // namespace headgen
