#include "mnsim/skin/asset.h"

#include <glm/geometric.hpp>

#include "mnsim/base/hash.h"

namespace mnsim {

std::vector<double> Asset::zoneAreasMm2() const {
  std::vector<double> areas(zones.zones.size(), 0.0);
  for (size_t t = 0; t < mesh.triangles.size(); ++t) areas[zones.triangleZone[t]] += mesh.triangleAreaMm2(t);
  return areas;
}

std::vector<ZoneSummary> summarizeZones(const Asset& asset) {
  const size_t n = asset.zones.zones.size();
  std::vector<glm::dvec3> centroid(n, glm::dvec3(0.0)), normal(n, glm::dvec3(0.0));
  std::vector<ZoneSummary> out(n);
  for (size_t t = 0; t < asset.mesh.triangles.size(); ++t) {
    const uint16_t z = asset.zones.triangleZone[t];
    const double area = asset.mesh.triangleAreaMm2(t);
    out[z].areaMm2 += area;
    centroid[z] += glm::dvec3(asset.mesh.centroid(t)) * area;
    normal[z] += glm::dvec3(asset.mesh.faceNormal(t)) * area;
  }
  for (size_t z = 0; z < n; ++z) {
    if (out[z].areaMm2 > 0.0) out[z].centroid = glm::vec3(centroid[z] / out[z].areaMm2);
    const double len = glm::length(normal[z]);
    if (len > 1e-12) out[z].normal = glm::vec3(normal[z] / len);
  }
  return out;
}

void computeContentHash(Asset& asset) {
  static_assert(sizeof(glm::vec3) == 3 * sizeof(float) && sizeof(glm::uvec3) == 3 * sizeof(uint32_t));
  Sha256 h;
  h.update("mnsim-asset/2");
  const uint64_t nv = asset.mesh.positions.size(), nt = asset.mesh.triangles.size();
  h.updateU64(nv);
  h.updateFloats(&asset.mesh.positions.data()->x, 3 * nv);
  h.updateU64(nt);
  h.updateU32s(&asset.mesh.triangles.data()->x, 3 * nt);
  h.updateU16s(asset.zones.triangleZone.data(), asset.zones.triangleZone.size());
  for (const ZoneInfo& z : asset.zones.zones) {
    h.update(z.id);
    h.update("\n");
    h.updateU8((z.treatable ? 1 : 0) | (z.noGo ? 2 : 0) | (z.thinSkin ? 4 : 0) | (z.overBone ? 8 : 0) |
               (z.needsStretch ? 16 : 0));
    h.updateFloat(z.depthCeilingMm);
  }
  for (const Landmark& l : asset.zones.landmarks) {
    h.update(l.name);
    h.update("\n");
    h.updateFloats(&l.positionMm.x, 3);
  }
  asset.contentHash = "sha256:" + h.hexDigest();
}

}  // namespace mnsim
