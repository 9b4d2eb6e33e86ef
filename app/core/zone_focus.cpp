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

std::optional<CameraAim> aimAtZones(const TriMesh& mesh, const ZoneMap& zones, const std::vector<int>& zoneSet,
                                    float fovDeg, const ViewFill& fill) {
  std::vector<char> wanted(zones.zones.size(), 0);
  for (int z : zoneSet)
    if (z >= 0 && z < static_cast<int>(wanted.size())) wanted[z] = 1;
  auto inSet = [&](size_t t) {
    const int z = zones.triangleZone[t];
    return z >= 0 && z < static_cast<int>(wanted.size()) && wanted[z];
  };
  const size_t triangles = std::min(zones.triangleZone.size(), mesh.triangles.size());
  glm::dvec3 normalSum(0.0), weighted(0.0);
  double area = 0.0;
  for (size_t t = 0; t < triangles; ++t) {
    if (!inSet(t)) continue;
    const glm::uvec3 tri = mesh.triangles[t];
    const glm::dvec3 a(mesh.positions[tri.x]), b(mesh.positions[tri.y]), c(mesh.positions[tri.z]);
    const glm::dvec3 cross = glm::cross(b - a, c - a);
    weighted += 0.5 * glm::length(cross) * (a + b + c) / 3.0;
    normalSum += cross * 0.5;
    area += 0.5 * glm::length(cross);
  }
  if (area <= 0.0) return std::nullopt;
  const glm::dvec3 normal = glm::length(normalSum) > 0.2 * area ? glm::normalize(normalSum) : glm::dvec3(0, 0, 1);
  // The view's right and up as the orbit camera makes them (world up +Y), and the zones' extent
  // along each, measured from their centre.
  const glm::dvec3 right = glm::normalize(glm::cross(glm::dvec3(0, 1, 0), normal));
  const glm::dvec3 up = glm::cross(normal, right);
  const glm::dvec3 centre = weighted / area;
  double lo[2] = {1e30, 1e30}, hi[2] = {-1e30, -1e30};
  for (size_t t = 0; t < triangles; ++t) {
    if (!inSet(t)) continue;
    for (int k = 0; k < 3; ++k) {
      const glm::dvec3 d = glm::dvec3(mesh.positions[mesh.triangles[t][k]]) - centre;
      const double along[2] = {glm::dot(d, right), glm::dot(d, up)};
      for (int i = 0; i < 2; ++i) {
        lo[i] = std::min(lo[i], along[i]);
        hi[i] = std::max(hi[i], along[i]);
      }
    }
  }
  CameraAim aim;
  aim.targetMm = glm::vec3(centre + right * (0.5 * (lo[0] + hi[0])) + up * (0.5 * (lo[1] + hi[1])));
  aim.normal = glm::vec3(normal);
  const double tanHalf = std::tan(0.5 * fovDeg * 3.14159265358979323846 / 180.0);
  const double byHeight = 0.5 * (hi[1] - lo[1]) / (std::max(0.05f, fill.heightShare) * tanHalf);
  const double byWidth = 0.5 * (hi[0] - lo[0]) / (std::max(0.05f, fill.widthShare) * tanHalf * std::max(0.1f, fill.aspect));
  aim.distanceMm = static_cast<float>(std::max(byHeight, byWidth));
  return aim;
}

}  // namespace mnsim::app
