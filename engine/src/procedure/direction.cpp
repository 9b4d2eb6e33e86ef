#include "procedure/direction.h"

namespace mnsim {

const char* directionName(DirectionClass direction) {
  switch (direction) {
    case DirectionClass::None: return "none";
    case DirectionClass::Horizontal: return "horizontal";
    case DirectionClass::Vertical: return "vertical";
    case DirectionClass::Diagonal45: return "diagonal_45";
    case DirectionClass::Diagonal135: return "diagonal_135";
  }
  return "none";
}

DirectionClass classifyDirection(const DirectionTensor& t, double pathMm, double minPathMm) {
  if (pathMm < minPathMm) return DirectionClass::None;
  const double mean = 0.5 * (t.xx + t.yy);
  const double spread = std::sqrt(0.25 * (t.xx - t.yy) * (t.xx - t.yy) + t.xy * t.xy);
  const double l1 = mean + spread, l2 = mean - spread;
  if (l1 <= 0.0 || l2 > 0.5 * l1) return DirectionClass::None;  // no dominant direction
  double theta = 0.5 * std::atan2(2.0 * t.xy, t.xx - t.yy) * 57.29577951308232;
  if (theta < 0.0) theta += 180.0;
  if (theta < 22.5 || theta >= 157.5) return DirectionClass::Horizontal;
  if (theta < 67.5) return DirectionClass::Diagonal45;
  if (theta < 112.5) return DirectionClass::Vertical;
  return DirectionClass::Diagonal135;
}

}  // namespace mnsim
