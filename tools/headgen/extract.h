// Surface extraction from a signed-distance function: the cells the surface crosses are found
// by flood fill from seeds on a coarse lattice (so only a thin shell of the grid is evaluated),
// then triangulated by marching tetrahedra, which always gives a manifold surface.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "sdf.h"

namespace headgen {

using Sdf = std::function<double(const V3&)>;

struct TriSoup {
  std::vector<V3> positions;                       // mm
  std::vector<std::array<uint32_t, 3>> triangles;  // counter-clockwise seen from outside
};

struct ExtractDesc {
  V3 lo{0.0};             // grid corner, mm
  V3 hi{0.0};             // opposite corner, mm
  double cellMm = 0.75;   // grid spacing
  int coarseStep = 8;     // seeds are searched on every coarseStep-th grid line
  // No cell below this height: the surface is left open there (the neck's cut). Rounded down
  // to a grid plane, which is returned in ExtractStats::cutY.
  double cutY = -1e30;
};

struct ExtractStats {
  size_t evaluations = 0;  // SDF evaluations
  size_t activeCells = 0;  // cells the surface crosses
  double cutY = -1e30;     // height of the open cut, if any
};

// Extracts the connected surface reachable from the coarse seeds. Vertices are placed by
// linear interpolation on grid edges (not projected).
TriSoup extractSurface(const Sdf& sdf, const ExtractDesc& desc, ExtractStats* stats = nullptr);

// Keeps only the largest connected component (by triangle count); drops unused vertices.
TriSoup largestComponent(const TriSoup& soup);

}  // namespace headgen
