#include "core/zone_focus.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace mnsim::app {

namespace {

// The triangles of a set of zones: their area, area-weighted centre and area-weighted normal sum,
// and a walk over their corners.
struct ZoneSurface {
  const TriMesh& mesh;
  const ZoneMap& zones;
  std::vector<char> wanted;  // per zone index
  glm::dvec3 centre{0.0}, normalSum{0.0};
  double area = 0.0;

  ZoneSurface(const TriMesh& m, const ZoneMap& z, const std::vector<int>& zoneSet)
      : mesh(m), zones(z), wanted(z.zones.size(), 0) {
    for (int zone : zoneSet)
      if (zone >= 0 && zone < static_cast<int>(wanted.size())) wanted[static_cast<size_t>(zone)] = 1;
    glm::dvec3 weighted(0.0);
    forEachTriangle([&](const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c) {
      const glm::dvec3 cross = glm::cross(b - a, c - a);
      const double triArea = 0.5 * glm::length(cross);
      weighted += triArea * (a + b + c) / 3.0;
      normalSum += cross * 0.5;  // area-weighted: |cross| / 2 is the area
      area += triArea;
    });
    if (area > 0.0) centre = weighted / area;
  }

  template <typename F>
  void forEachTriangle(F&& f) const {
    const size_t triangles = std::min(zones.triangleZone.size(), mesh.triangles.size());
    for (size_t t = 0; t < triangles; ++t) {
      const int zone = zones.triangleZone[t];
      if (zone < 0 || zone >= static_cast<int>(wanted.size()) || !wanted[static_cast<size_t>(zone)]) continue;
      const glm::uvec3 tri = mesh.triangles[t];
      f(glm::dvec3(mesh.positions[tri.x]), glm::dvec3(mesh.positions[tri.y]), glm::dvec3(mesh.positions[tri.z]));
    }
  }
};

double tanHalfFov(float fovDeg) { return std::tan(0.5 * fovDeg * 3.14159265358979323846 / 180.0); }

}  // namespace

std::optional<CameraAim> aimAtZone(const TriMesh& mesh, const ZoneMap& zones, int zone, float fovDeg, float fill) {
  const ZoneSurface surface(mesh, zones, {zone});
  if (surface.area <= 0.0 || glm::length(surface.normalSum) < 1e-6 * surface.area) return std::nullopt;
  CameraAim aim;
  const glm::dvec3 centre = surface.centre, normal = glm::normalize(surface.normalSum);
  aim.targetMm = glm::vec3(centre);
  aim.normal = glm::vec3(normal);
  // The zone's half-extent across the view: its farthest vertex from the centre, in the plane
  // facing the eye.
  double radius = 0.0;
  surface.forEachTriangle([&](const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c) {
    for (const glm::dvec3& p : {a, b, c}) {
      const glm::dvec3 d = p - centre;
      radius = std::max(radius, glm::length(d - glm::dot(d, normal) * normal));
    }
  });
  aim.distanceMm = static_cast<float>(radius / (std::max(0.05f, fill) * tanHalfFov(fovDeg)));
  return aim;
}

std::optional<CameraAim> aimAtZones(const TriMesh& mesh, const ZoneMap& zones, const std::vector<int>& zoneSet,
                                    float fovDeg, const ViewFill& fill) {
  const ZoneSurface surface(mesh, zones, zoneSet);
  if (surface.area <= 0.0) return std::nullopt;
  const glm::dvec3 normal =
      glm::length(surface.normalSum) > 0.2 * surface.area ? glm::normalize(surface.normalSum) : glm::dvec3(0, 0, 1);
  // The view's right and up as the orbit camera makes them (world up +Y), and the zones' extent
  // along each, measured from their centre.
  const glm::dvec3 right = glm::normalize(glm::cross(glm::dvec3(0, 1, 0), normal));
  const glm::dvec3 up = glm::cross(normal, right);
  const glm::dvec3 centre = surface.centre;
  double lo[2] = {1e30, 1e30}, hi[2] = {-1e30, -1e30};
  surface.forEachTriangle([&](const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c) {
    for (const glm::dvec3& p : {a, b, c}) {
      const double along[2] = {glm::dot(p - centre, right), glm::dot(p - centre, up)};
      for (int i = 0; i < 2; ++i) {
        lo[i] = std::min(lo[i], along[i]);
        hi[i] = std::max(hi[i], along[i]);
      }
    }
  });
  CameraAim aim;
  aim.targetMm = glm::vec3(centre + right * (0.5 * (lo[0] + hi[0])) + up * (0.5 * (lo[1] + hi[1])));
  aim.normal = glm::vec3(normal);
  const double byHeight = 0.5 * (hi[1] - lo[1]) / (std::max(0.05f, fill.heightShare) * tanHalfFov(fovDeg));
  const double byWidth =
      0.5 * (hi[0] - lo[0]) / (std::max(0.05f, fill.widthShare) * tanHalfFov(fovDeg) * std::max(0.1f, fill.aspect));
  aim.distanceMm = static_cast<float>(std::max(byHeight, byWidth));
  return aim;
}

}  // namespace mnsim::app
