#include "mnsim/skin/skin_model.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace mnsim {

SkinModel::SkinModel(Asset asset, const SkinSampleDesc& sampleDesc) : m_asset(std::move(asset)) {
  if (m_asset.mesh.vertexNormals.size() != m_asset.mesh.positions.size()) m_asset.mesh.computeVertexNormals();
  m_bvh = Bvh::build(m_asset.mesh);
  m_samples = SkinSamples::build(m_asset.mesh, m_asset.zones.triangleZone, m_asset.zones.zones.size(), sampleDesc);
  // Each zone's mean normal over its samples (which are spread evenly by area).
  std::vector<glm::dvec3> sum(m_asset.zones.zones.size(), glm::dvec3(0.0));
  for (size_t i = 0; i < m_samples.size(); ++i)
    if (m_samples.zone(i) < sum.size()) sum[m_samples.zone(i)] += glm::dvec3(m_samples.normal(i));
  m_zoneFrames.resize(sum.size());
  for (size_t z = 0; z < sum.size(); ++z) {
    Frame& f = m_zoneFrames[z];
    if (glm::length(sum[z]) < 1e-9) continue;  // no samples: the frame of the face
    f = readingFrame(glm::normalize(glm::vec3(sum[z])));
  }
}

SkinModel::Frame SkinModel::readingFrame(const glm::vec3& normal) {
  // The horizontal along the skin is up x normal; a hint of the patient's left-right (a hundredth)
  // decides it only where that vanishes, on the crown. Its sign does not matter: directions are
  // read from du² and du·dv, which a flip of both u and v leaves unchanged.
  // The hint fades out as the skin turns vertical, so that u is exactly horizontal on the face.
  const glm::vec3 horizontal = glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), normal);
  const glm::vec3 leftRight = glm::vec3(1.0f, 0.0f, 0.0f) - normal.x * normal;
  const float flat = std::max(0.0f, 1.0f - glm::dot(horizontal, horizontal));  // 1 on the crown, 0 upright
  const float hint = 0.01f * flat * flat;
  Frame f;
  f.normal = normal;
  f.u = glm::normalize(horizontal + hint * leftRight);
  f.v = glm::cross(normal, f.u);
  return f;
}

const SkinModel::Frame& SkinModel::zoneFrame(int zone) const {
  static const Frame kFace;
  return zone >= 0 && static_cast<size_t>(zone) < m_zoneFrames.size() ? m_zoneFrames[zone] : kFace;
}

glm::vec3 SkinModel::normalAt(uint32_t triangle, const glm::vec3& point) const {
  const TriMesh& mesh = m_asset.mesh;
  const glm::uvec3 tri = mesh.triangles[triangle];
  const glm::vec3 a = mesh.positions[tri.x], b = mesh.positions[tri.y], c = mesh.positions[tri.z];
  // Barycentric coordinates of the point (which lies on the triangle).
  const glm::vec3 v0 = b - a, v1 = c - a, v2 = point - a;
  const float d00 = glm::dot(v0, v0), d01 = glm::dot(v0, v1), d11 = glm::dot(v1, v1);
  const float d20 = glm::dot(v2, v0), d21 = glm::dot(v2, v1);
  const float denom = d00 * d11 - d01 * d01;
  const glm::vec3 face = mesh.faceNormal(triangle);
  if (std::fabs(denom) < 1e-20f) return face;
  const float wb = (d11 * d20 - d01 * d21) / denom;
  const float wc = (d00 * d21 - d01 * d20) / denom;
  const float wa = 1.0f - wb - wc;
  const glm::vec3 n = wa * mesh.vertexNormals[tri.x] + wb * mesh.vertexNormals[tri.y] + wc * mesh.vertexNormals[tri.z];
  const float len = glm::length(n);
  return len > 1e-6f ? n / len : face;
}

SurfacePoint SkinModel::makePoint(uint32_t triangle, const glm::vec3& point, float distance) const {
  SurfacePoint sp;
  sp.pointMm = point;
  sp.triangle = triangle;
  sp.zone = m_asset.zones.triangleZone[triangle];
  sp.normal = normalAt(triangle, point);
  sp.distanceMm = distance;
  return sp;
}

std::optional<SurfacePoint> SkinModel::project(const glm::vec3& tipMm, const glm::vec3* axis,
                                               float maxDistanceMm) const {
  if (!axis) return nearest(tipMm, maxDistanceMm);
  // Start maxDistance above the tip (toward the hand) and look down the axis through the tip.
  const glm::vec3 origin = tipMm + *axis * maxDistanceMm;
  const auto hit = m_bvh.raycast(origin, -*axis, 0.0f, 2.0f * maxDistanceMm);
  if (!hit) return std::nullopt;
  return makePoint(hit->triangle, hit->point, std::fabs(hit->distanceMm - maxDistanceMm));
}

std::optional<SurfacePoint> SkinModel::pick(const glm::vec3& origin, const glm::vec3& direction) const {
  const auto hit = m_bvh.raycast(origin, direction);
  if (!hit) return std::nullopt;
  return makePoint(hit->triangle, hit->point, hit->distanceMm);
}

std::optional<SurfacePoint> SkinModel::nearest(const glm::vec3& p, float maxDistanceMm) const {
  const auto closest = m_bvh.closestPoint(p, maxDistanceMm);
  if (!closest) return std::nullopt;
  return makePoint(closest->triangle, closest->point, closest->distanceMm);
}

void SkinModel::tangentFrame(const glm::vec3& normal, glm::vec3& u, glm::vec3& v) {
  glm::vec3 x(1.0f, 0.0f, 0.0f);
  glm::vec3 t = x - glm::dot(x, normal) * normal;
  if (glm::length(t) < 0.3f) {
    // Skin facing sideways (ears, temples seen edge-on): the patient's front-back axis stands in.
    const glm::vec3 z(0.0f, 0.0f, 1.0f);
    t = z - glm::dot(z, normal) * normal;
    if (normal.x < 0.0f) t = -t;
  }
  u = glm::normalize(t);
  v = glm::cross(normal, u);
}

}  // namespace mnsim
