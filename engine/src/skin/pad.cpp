#include "mnsim/skin/pad.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mnsim {

namespace {

constexpr float kTwoPi = 2.0f * std::numbers::pi_v<float>;

struct RingVertex {
  uint32_t index;
  float angle;  // in [0, 2pi), about the mole centre
};

float angleAbout(const glm::vec3& p) {
  float a = std::atan2(p.y - kMoleCenterYMm, p.x - kMoleCenterXMm);
  if (a < 0.0f) a += kTwoPi;
  if (a >= kTwoPi) a -= kTwoPi;
  return a;
}

// Triangulates the band between two closed rings around the mole centre, both counter-clockwise
// and starting at angle 0: the classic zipper that always advances the ring whose next vertex
// comes first in angle.
void zipper(const std::vector<RingVertex>& outer, const std::vector<RingVertex>& inner,
            std::vector<glm::uvec3>& out) {
  const size_t no = outer.size(), ni = inner.size();
  size_t i = 0, j = 0;
  auto nextAngle = [](const std::vector<RingVertex>& ring, size_t k) {
    return k + 1 < ring.size() ? ring[k + 1].angle : kTwoPi;
  };
  while (i < no || j < ni) {
    const bool advanceOuter = j >= ni || (i < no && nextAngle(outer, i) <= nextAngle(inner, j));
    if (advanceOuter) {
      out.emplace_back(outer[i].index, outer[(i + 1) % no].index, inner[j % ni].index);
      ++i;
    } else {
      out.emplace_back(outer[i % no].index, inner[(j + 1) % ni].index, inner[j].index);
      ++j;
    }
  }
}

}  // namespace

Asset makePadAsset(const PadDesc& desc) {
  // The pad's features (its edges, x = 0 and the square around the mole) lie on a 2 mm lattice,
  // so the grid step is 2 / k mm: the requested step rounded to the nearest such value.
  const int subdivide = std::max(1, static_cast<int>(std::lround(2.0f / std::max(desc.gridMm, 0.05f))));
  const float g = 2.0f / static_cast<float>(subdivide);
  const int nx = static_cast<int>(std::lround(kPadWidthMm / g));
  const int ny = static_cast<int>(std::lround(kPadHeightMm / g));
  const float x0 = -kPadWidthMm / 2, y0 = -kPadHeightMm / 2;
  // The square around the mole that gets the ring triangulation: [24, 36] x [14, 26].
  const float sqHalf = 6.0f;
  const int sx0 = static_cast<int>(std::lround((kMoleCenterXMm - sqHalf - x0) / g));
  const int sx1 = static_cast<int>(std::lround((kMoleCenterXMm + sqHalf - x0) / g));
  const int sy0 = static_cast<int>(std::lround((kMoleCenterYMm - sqHalf - y0) / g));
  const int sy1 = static_cast<int>(std::lround((kMoleCenterYMm + sqHalf - y0) / g));

  TriMesh mesh;
  auto gridIndex = [&](int i, int j) { return static_cast<uint32_t>(j * (nx + 1) + i); };
  for (int j = 0; j <= ny; ++j)
    for (int i = 0; i <= nx; ++i) mesh.positions.emplace_back(x0 + i * g, y0 + j * g, 0.0f);

  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      if (i >= sx0 && i < sx1 && j >= sy0 && j < sy1) continue;  // inside the mole square
      const uint32_t a = gridIndex(i, j), b = gridIndex(i + 1, j), c = gridIndex(i + 1, j + 1),
                     d = gridIndex(i, j + 1);
      const bool flip = desc.alternateDiagonals && ((i + j) % 2 == 1);
      if (!flip) {
        mesh.triangles.emplace_back(a, b, c);
        mesh.triangles.emplace_back(a, c, d);
      } else {
        mesh.triangles.emplace_back(a, b, d);
        mesh.triangles.emplace_back(b, c, d);
      }
    }
  }

  // The square's boundary ring, counter-clockwise from angle 0.
  std::vector<RingVertex> square;
  for (int j = sy0; j < sy1; ++j) square.push_back({gridIndex(sx1, j), 0});   // right edge, up
  for (int i = sx1; i > sx0; --i) square.push_back({gridIndex(i, sy1), 0});   // top edge, left
  for (int j = sy1; j > sy0; --j) square.push_back({gridIndex(sx0, j), 0});   // left edge, down
  for (int i = sx0; i < sx1; ++i) square.push_back({gridIndex(i, sy0), 0});   // bottom edge, right
  for (RingVertex& v : square) v.angle = angleAbout(mesh.positions[v.index]);
  // Rotate so the ring starts at angle 0 (the right edge's midpoint, a grid vertex).
  size_t start = 0;
  for (size_t k = 0; k < square.size(); ++k)
    if (square[k].angle < square[start].angle) start = k;
  std::rotate(square.begin(), square.begin() + static_cast<long>(start), square.end());

  // Concentric rings inside the mole, so its triangles stay well shaped.
  const int rings = 4;
  std::vector<std::vector<RingVertex>> ringList;
  for (int k = rings; k >= 1; --k) {
    const float radius = kMoleRadiusMm * k / rings;
    const int segments = std::max(8, desc.moleSegments * k / rings);
    std::vector<RingVertex> ring;
    for (int s = 0; s < segments; ++s) {
      const float a = kTwoPi * s / segments;
      ring.push_back({static_cast<uint32_t>(mesh.positions.size()), a});
      mesh.positions.emplace_back(kMoleCenterXMm + radius * std::cos(a),
                                  kMoleCenterYMm + radius * std::sin(a), 0.0f);
    }
    ringList.push_back(std::move(ring));
  }
  const size_t padTriangles = mesh.triangles.size();
  zipper(square, ringList[0], mesh.triangles);
  const size_t annulusEnd = mesh.triangles.size();
  for (size_t k = 0; k + 1 < ringList.size(); ++k) zipper(ringList[k], ringList[k + 1], mesh.triangles);
  const auto centre = static_cast<uint32_t>(mesh.positions.size());
  mesh.positions.emplace_back(kMoleCenterXMm, kMoleCenterYMm, 0.0f);
  const std::vector<RingVertex>& innermost = ringList.back();
  for (size_t s = 0; s < innermost.size(); ++s)
    mesh.triangles.emplace_back(innermost[s].index, innermost[(s + 1) % innermost.size()].index, centre);

  Asset asset;
  asset.name = "pad";
  asset.source = "built-in";
  asset.zones.zones = {
      {"pad_a", "Pad A (x < 0)", true, false, false, false, false},
      {"pad_b", "Pad B (x >= 0)", true, false, false, false, false},
      {"mole", "Mole (no-go)", false, true, false, false, false},
  };
  asset.zones.triangleZone.resize(mesh.triangles.size());
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    uint16_t zone;
    if (t >= annulusEnd) zone = 2;
    else if (t >= padTriangles) zone = 1;
    else zone = mesh.centroid(t).x < 0.0f ? 0 : 1;
    asset.zones.triangleZone[t] = zone;
  }
  asset.zones.landmarks = {
      {"pad_center", {0.0f, 0.0f, 0.0f}},
      {"mole_center", {kMoleCenterXMm, kMoleCenterYMm, 0.0f}},
  };
  mesh.computeVertexNormals();
  asset.mesh = std::move(mesh);
  computeContentHash(asset);
  return asset;
}

}  // namespace mnsim
