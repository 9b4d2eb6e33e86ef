// Private: the direction of a path over the skin (scoring.md §3), from its orientation tensor in
// a zone's tangent frame. Shared by the live stroke classification and the passes of a result.
#pragma once

#include <cmath>

#include "mnsim/procedure/result.h"

namespace mnsim {

// Sum of len · d dᵀ over the segments of a path, d the unit direction in the (u, v) frame.
struct DirectionTensor {
  double xx = 0.0, xy = 0.0, yy = 0.0;

  // Adds one segment (du, dv) of the path; a segment of zero length adds nothing.
  void add(double du, double dv) {
    const double l = std::sqrt(du * du + dv * dv);
    if (l > 0.0) {
      xx += du * du / l;
      xy += du * dv / l;
      yy += dv * dv / l;
    }
  }
};

// Horizontal, vertical, or one of the diagonals; None for a path shorter than minPathMm or without
// a dominant direction.
DirectionClass classifyDirection(const DirectionTensor& t, double pathMm, double minPathMm);

}  // namespace mnsim
