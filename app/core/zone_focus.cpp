#include "core/zone_focus.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace mnsim::app {

std::optional<CameraAim> aimAtZone(const TriMesh& mesh, const ZoneMap& zones, int zone, float fovDeg, float fill) {
  glm::dvec3 weighted(0.0), normalSum(0.0);
  double area = 0.0;
  for (size_t t = 0; t < zones.triangleZone.size() && t < mesh.triangles.size(); ++t) {
    if (zones.triangleZone[t] != zone) continue;
    const glm::uvec3 tri = mesh.triangles[t];
    const glm::dvec3 a(mesh.positions[tri.x]), b(mesh.positions[tri.y]), c(mesh.positions[tri.z]);
    const glm::dvec3 cross = glm::cross(b - a, c - a);
    const double triArea = 0.5 * glm::length(cross);
    weighted += triArea * (a + b + c) / 3.0;
    normalSum += cross * 0.5;  // area-weighted: |cross| / 2 is the area
    area += triArea;
  }
  if (area <= 0.0 || glm::length(normalSum) < 1e-6 * area) return std::nullopt;
  CameraAim aim;
  const glm::dvec3 centre = weighted / area, normal = glm::normalize(normalSum);
  aim.targetMm = glm::vec3(centre);
  aim.normal = glm::vec3(normal);
  // The zone's half-extent across the view: its farthest vertex from the centre, in the plane
  // facing the eye.
  double radius = 0.0;
  for (size_t t = 0; t < zones.triangleZone.size() && t < mesh.triangles.size(); ++t) {
    if (zones.triangleZone[t] != zone) continue;
    for (int k = 0; k < 3; ++k) {
      const glm::dvec3 d = glm::dvec3(mesh.positions[mesh.triangles[t][k]]) - centre;
      radius = std::max(radius, glm::length(d - glm::dot(d, normal) * normal));
    }
  }
  const double halfFov = 0.5 * fovDeg * 3.14159265358979323846 / 180.0;
  aim.distanceMm = static_cast<float>(radius / (std::max(0.05f, fill) * std::tan(halfFov)));
  return aim;
}

}  // namespace mnsim::app
