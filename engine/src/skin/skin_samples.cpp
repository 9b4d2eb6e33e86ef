#include "mnsim/skin/skin_samples.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

namespace mnsim {

namespace {

constexpr size_t kMaxGridCells = size_t(1) << 24;

// Subdivisions per edge so that neighbouring sub-triangle centroids stay within spacing:
// two centroids that share a sub-edge are 2/3 of a sub-median apart.
int subdivisions(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c, float spacingMm) {
  const float ma = glm::length((b + c) * 0.5f - a);
  const float mb = glm::length((a + c) * 0.5f - b);
  const float mc = glm::length((a + b) * 0.5f - c);
  const float longest = std::max({ma, mb, mc});
  return std::max(1, static_cast<int>(std::ceil((2.0f / 3.0f) * longest / spacingMm)));
}

}  // namespace

SkinSamples SkinSamples::build(const TriMesh& mesh, const std::vector<uint16_t>& triangleZone,
                               size_t zoneCount, const SkinSampleDesc& desc) {
  SkinSamples s;
  s.m_spacingMm = desc.spacingMm;
  const bool smooth = mesh.vertexNormals.size() == mesh.positions.size();

  struct Raw {
    glm::vec3 p, n;
    uint32_t areaMicro;
    uint16_t zone;
    uint32_t triangle;
  };
  std::vector<Raw> raw;
  raw.reserve(mesh.totalAreaMm2() * 6.0 / (desc.spacingMm * desc.spacingMm * 4.0) + 16);
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    const glm::vec3 a = mesh.corner(t, 0), b = mesh.corner(t, 1), c = mesh.corner(t, 2);
    const double area = mesh.triangleAreaMm2(t);
    if (!(area > 0.0)) continue;
    const glm::vec3 faceN = mesh.faceNormal(t);
    const int n = subdivisions(a, b, c, desc.spacingMm);
    const uint32_t areaMicro =
        std::max<uint32_t>(1, static_cast<uint32_t>(std::llround(area * kMicroAreaPerMm2 / (n * n))));
    const glm::vec3 eb = (b - a) / static_cast<float>(n), ec = (c - a) / static_cast<float>(n);
    const glm::vec3 na = smooth ? mesh.vertexNormals[mesh.triangles[t].x] : faceN;
    const glm::vec3 nb = smooth ? mesh.vertexNormals[mesh.triangles[t].y] : faceN;
    const glm::vec3 nc = smooth ? mesh.vertexNormals[mesh.triangles[t].z] : faceN;
    auto emit = [&](float u, float v) {  // u, v in units of sub-edges
      const glm::vec3 p = a + u * eb + v * ec;
      const float wb = u / n, wc = v / n;
      glm::vec3 normal = (1.0f - wb - wc) * na + wb * nb + wc * nc;
      const float len = glm::length(normal);
      normal = len > 1e-6f ? normal / len : faceN;
      raw.push_back({p, normal, areaMicro, triangleZone[t], static_cast<uint32_t>(t)});
    };
    for (int i = 0; i < n; ++i) {
      for (int j = 0; i + j < n; ++j) {
        emit(i + 1.0f / 3.0f, j + 1.0f / 3.0f);                     // "up" sub-triangle
        if (i + j < n - 1) emit(i + 2.0f / 3.0f, j + 2.0f / 3.0f);  // "down" sub-triangle
      }
    }
  }

  // Grid over the samples' bounds.
  Aabb box;
  for (const Raw& r : raw) box.grow(r.p);
  if (raw.empty()) box = {glm::vec3(0.0f), glm::vec3(0.0f)};
  float cell = desc.cellMm;
  const glm::vec3 extent = box.extent() + glm::vec3(1e-3f);
  for (;;) {
    size_t cells = 1;
    for (int k = 0; k < 3; ++k) cells *= static_cast<size_t>(std::floor(extent[k] / cell)) + 1;
    if (cells <= kMaxGridCells) break;
    cell *= 1.5f;
  }
  s.m_cellMm = cell;
  s.m_invCellMm = 1.0f / cell;
  s.m_gridOrigin = box.lo;
  for (int k = 0; k < 3; ++k) s.m_dims[k] = static_cast<int>(std::floor(extent[k] / cell)) + 1;
  const size_t cellCount = size_t(s.m_dims[0]) * s.m_dims[1] * s.m_dims[2];
  auto cellOf = [&](const glm::vec3& p) {
    size_t idx[3];
    for (int k = 0; k < 3; ++k)
      idx[k] = std::min<size_t>(s.m_dims[k] - 1,
                                static_cast<size_t>(std::max(0.0f, (p[k] - s.m_gridOrigin[k]) * s.m_invCellMm)));
    return (idx[2] * s.m_dims[1] + idx[1]) * s.m_dims[0] + idx[0];
  };

  // Order by (cell, zone, creation order): two stable counting sorts.
  std::vector<uint32_t> cellOfSample(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) cellOfSample[i] = static_cast<uint32_t>(cellOf(raw[i].p));
  std::vector<uint32_t> byZone(raw.size()), order(raw.size());
  {
    std::vector<size_t> start(zoneCount + 1, 0);
    for (const Raw& r : raw) start[r.zone + 1]++;
    for (size_t z = 0; z < zoneCount; ++z) start[z + 1] += start[z];
    for (size_t i = 0; i < raw.size(); ++i) byZone[start[raw[i].zone]++] = static_cast<uint32_t>(i);
  }
  s.m_cellRunStart.assign(cellCount + 1, 0);
  {
    std::vector<uint32_t> start(cellCount + 1, 0);
    for (uint32_t c : cellOfSample) start[c + 1]++;
    for (size_t c = 0; c < cellCount; ++c) start[c + 1] += start[c];
    for (uint32_t i : byZone) order[start[cellOfSample[i]]++] = i;
  }

  const size_t n = raw.size();
  s.m_x.resize(n);
  s.m_y.resize(n);
  s.m_z.resize(n);
  s.m_nx.resize(n);
  s.m_ny.resize(n);
  s.m_nz.resize(n);
  s.m_areaMicro.resize(n);
  s.m_zone.resize(n);
  s.m_triangle.resize(n);
  s.m_zoneAreaMicro.assign(zoneCount, 0);
  s.m_zoneCount.assign(zoneCount, 0);
  for (size_t k = 0; k < n; ++k) {
    const Raw& r = raw[order[k]];
    s.m_x[k] = r.p.x;
    s.m_y[k] = r.p.y;
    s.m_z[k] = r.p.z;
    s.m_nx[k] = r.n.x;
    s.m_ny[k] = r.n.y;
    s.m_nz[k] = r.n.z;
    s.m_areaMicro[k] = r.areaMicro;
    s.m_zone[k] = r.zone;
    s.m_triangle[k] = r.triangle;
    s.m_zoneAreaMicro[r.zone] += r.areaMicro;
    s.m_zoneCount[r.zone]++;
  }

  // Runs: a new one at every change of cell or zone.
  size_t k = 0;
  for (size_t c = 0; c < cellCount; ++c) {
    s.m_cellRunStart[c] = static_cast<uint32_t>(s.m_runs.size());
    while (k < n && cellOfSample[order[k]] == c) {
      const uint16_t zone = s.m_zone[k];
      const size_t begin = k;
      while (k < n && cellOfSample[order[k]] == c && s.m_zone[k] == zone) ++k;
      s.m_runs.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(k), zone});
    }
  }
  s.m_cellRunStart[cellCount] = static_cast<uint32_t>(s.m_runs.size());
  return s;
}

void SkinSamples::query(const glm::vec3& center, float radiusMm, std::vector<uint32_t>& out) const {
  out.clear();
  forEachWithin(center, radiusMm, [&](uint32_t i) { out.push_back(i); });
  std::sort(out.begin(), out.end());
}

std::vector<uint32_t> spreadZoneSamples(const SkinSamples& samples, uint16_t zone, size_t count) {
  std::vector<uint32_t> members;
  glm::dvec3 mean(0.0);
  for (uint32_t i = 0; i < samples.size(); ++i) {
    if (samples.zone(i) != zone) continue;
    members.push_back(i);
    mean += glm::dvec3(samples.position(i));
  }
  if (members.empty() || count == 0) return {};
  mean /= static_cast<double>(members.size());
  std::vector<float> distance2(members.size(), 1e30f);
  size_t next = 0;
  float best = 1e30f;
  for (size_t k = 0; k < members.size(); ++k) {
    const glm::vec3 d = samples.position(members[k]) - glm::vec3(mean);
    const float d2 = glm::dot(d, d);
    if (d2 < best) {
      best = d2;
      next = k;
    }
  }
  std::vector<uint32_t> chosen;
  while (chosen.size() < count && chosen.size() < members.size()) {
    chosen.push_back(members[next]);
    const glm::vec3 p = samples.position(members[next]);
    float farthest = -1.0f;
    size_t farthestIndex = 0;
    for (size_t k = 0; k < members.size(); ++k) {
      const glm::vec3 d = samples.position(members[k]) - p;
      distance2[k] = std::min(distance2[k], glm::dot(d, d));
      if (distance2[k] > farthest) {
        farthest = distance2[k];
        farthestIndex = k;
      }
    }
    if (farthest <= 0.0f) break;
    next = farthestIndex;
  }
  return chosen;
}

}  // namespace mnsim
