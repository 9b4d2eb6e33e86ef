// Skin samples: points spread evenly over the scoring mesh (neighbours at most spacingMm apart),
// each carrying its zone and the area it stands for. Coverage is measured on them
// (scoring.md §2), never on screen pixels or triangles.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/geometry/mesh.h"

namespace mnsim {

struct SkinSampleDesc {
  // Upper bound for the distance between neighbouring samples. The contract is 0.5 mm; the
  // default keeps a margin for triangles of uneven shape.
  float spacingMm = 0.45f;
  // Edge of the spatial grid's cells (grown automatically for very large meshes).
  float cellMm = 2.0f;
};

// Sample areas are kept as whole square micrometres so that sums are exact and identical in
// any order: coverage stays bit-for-bit deterministic.
constexpr double kMicroAreaPerMm2 = 1e6;

class SkinSamples {
 public:
  // A stretch of samples in one grid cell that all belong to one zone.
  struct Run {
    uint32_t begin;  // first sample
    uint32_t end;    // one past the last sample
    uint16_t zone;   // zone of every sample in the run
  };

  SkinSamples() = default;
  static SkinSamples build(const TriMesh& mesh, const std::vector<uint16_t>& triangleZone,
                           size_t zoneCount, const SkinSampleDesc& desc = {});

  size_t size() const { return m_x.size(); }
  size_t zoneCount() const { return m_zoneAreaMicro.size(); }
  float spacingMm() const { return m_spacingMm; }

  glm::vec3 position(size_t i) const { return {m_x[i], m_y[i], m_z[i]}; }
  glm::vec3 normal(size_t i) const { return {m_nx[i], m_ny[i], m_nz[i]}; }
  double areaMm2(size_t i) const { return m_areaMicro[i] / kMicroAreaPerMm2; }
  uint32_t areaMicro(size_t i) const { return m_areaMicro[i]; }
  uint16_t zone(size_t i) const { return m_zone[i]; }
  uint32_t triangle(size_t i) const { return m_triangle[i]; }
  // Sum of the sample areas of a zone, in square micrometres and mm².
  uint64_t zoneAreaMicro(size_t zone) const { return m_zoneAreaMicro[zone]; }
  double zoneAreaMm2(size_t zone) const { return m_zoneAreaMicro[zone] / kMicroAreaPerMm2; }
  size_t zoneSampleCount(size_t zone) const { return m_zoneCount[zone]; }

  // Structure-of-arrays access for hot loops.
  const float* xs() const { return m_x.data(); }
  const float* ys() const { return m_y.data(); }
  const float* zs() const { return m_z.data(); }
  const float* nxs() const { return m_nx.data(); }
  const float* nys() const { return m_ny.data(); }
  const float* nzs() const { return m_nz.data(); }
  const uint32_t* areasMicro() const { return m_areaMicro.data(); }

  // Calls f(const Run&) for every run in the grid cells that the sphere may reach.
  template <class F>
  void forEachRunNear(const glm::vec3& center, float radiusMm, F&& f) const {
    forEachRowNear(center, radiusMm, [&](const Run* first, const Run* last) {
      for (const Run* r = first; r != last; ++r) f(*r);
    });
  }
  // Calls f(const Run* first, const Run* last) for each row of grid cells the sphere may reach:
  // the runs [first, last) of a row hold consecutive samples.
  template <class F>
  void forEachRowNear(const glm::vec3& center, float radiusMm, F&& f) const;

  // Indices of the samples within radiusMm of center (no facing test), ascending.
  void query(const glm::vec3& center, float radiusMm, std::vector<uint32_t>& out) const;
  // Calls f(index) for every sample within radiusMm of center, in no particular order.
  template <class F>
  void forEachWithin(const glm::vec3& center, float radiusMm, F&& f) const;

 private:
  std::vector<float> m_x, m_y, m_z, m_nx, m_ny, m_nz;
  std::vector<uint32_t> m_areaMicro;
  std::vector<uint16_t> m_zone;
  std::vector<uint32_t> m_triangle;
  std::vector<uint64_t> m_zoneAreaMicro;
  std::vector<size_t> m_zoneCount;
  float m_spacingMm = 0.0f;

  glm::vec3 m_gridOrigin{0.0f};
  float m_cellMm = 1.0f;
  float m_invCellMm = 1.0f;
  int m_dims[3] = {0, 0, 0};
  std::vector<uint32_t> m_cellRunStart;  // per cell (+1): first run index
  std::vector<Run> m_runs;
};

template <class F>
void SkinSamples::forEachRowNear(const glm::vec3& center, float radiusMm, F&& f) const {
  if (m_runs.empty()) return;
  int lo[3], hi[3];
  for (int k = 0; k < 3; ++k) {
    lo[k] = static_cast<int>((center[k] - radiusMm - m_gridOrigin[k]) * m_invCellMm);
    hi[k] = static_cast<int>((center[k] + radiusMm - m_gridOrigin[k]) * m_invCellMm);
    if (center[k] + radiusMm < m_gridOrigin[k]) return;
    lo[k] = lo[k] < 0 ? 0 : lo[k];
    hi[k] = hi[k] >= m_dims[k] ? m_dims[k] - 1 : hi[k];
    if (lo[k] > hi[k]) return;
  }
  // Rows of cells along x, skipping rows (y, z) whose slab misses the sphere and trimming each
  // row to the x-range the sphere reaches at that slab's nearest point.
  const float r2 = radiusMm * radiusMm;
  auto gap = [&](int k, int index) {  // distance from the centre to cell `index` along axis k
    const float lower = m_gridOrigin[k] + index * m_cellMm, upper = lower + m_cellMm;
    return center[k] < lower ? lower - center[k] : (center[k] > upper ? center[k] - upper : 0.0f);
  };
  for (int z = lo[2]; z <= hi[2]; ++z) {
    const float gz = gap(2, z);
    for (int y = lo[1]; y <= hi[1]; ++y) {
      const float gy = gap(1, y);
      const float rest = r2 - gz * gz - gy * gy;
      if (rest < 0.0f) continue;
      const float reachX = std::sqrt(rest);
      int x0 = static_cast<int>((center.x - reachX - m_gridOrigin.x) * m_invCellMm);
      int x1 = static_cast<int>((center.x + reachX - m_gridOrigin.x) * m_invCellMm);
      x0 = x0 < lo[0] ? lo[0] : x0;
      x1 = x1 > hi[0] ? hi[0] : x1;
      if (x0 > x1) continue;
      const size_t row = (static_cast<size_t>(z) * m_dims[1] + y) * m_dims[0];
      const uint32_t first = m_cellRunStart[row + x0];
      const uint32_t last = m_cellRunStart[row + x1 + 1];
      if (first < last) f(m_runs.data() + first, m_runs.data() + last);
    }
  }
}

// `count` samples of one zone spread evenly (farthest-point order, starting nearest the zone's
// centroid). Deterministic. Returns fewer when the zone has fewer samples.
std::vector<uint32_t> spreadZoneSamples(const SkinSamples& samples, uint16_t zone, size_t count);

template <class F>
void SkinSamples::forEachWithin(const glm::vec3& center, float radiusMm, F&& f) const {
  const float r2 = radiusMm * radiusMm;
  forEachRunNear(center, radiusMm, [&](const Run& run) {
    for (uint32_t i = run.begin; i < run.end; ++i) {
      const float dx = m_x[i] - center.x, dy = m_y[i] - center.y, dz = m_z[i] - center.z;
      if (dx * dx + dy * dy + dz * dz <= r2) f(i);
    }
  });
}

}  // namespace mnsim
