#include "bake.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "parallel.h"

namespace headgen {

namespace {

struct TexelHit {
  int32_t triangle = -1;
  float w0 = 0, w1 = 0, w2 = 0;
};

double signedArea2(const glm::dvec2& a, const glm::dvec2& b, const glm::dvec2& c) {
  return (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
}

}  // namespace

std::vector<uint8_t> bakeNormalMap(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                   const mnsim::TriMesh& fine, const mnsim::Bvh& fineBvh, const BakeDesc& desc) {
  const int size = desc.size;
  std::vector<TexelHit> hits(size_t(size) * size);
  // Which drawing triangle covers each texel centre (charts never overlap).
  for (size_t t = 0; t < atlas.triangles.size(); ++t) {
    const glm::uvec3 v = atlas.triangles[t];
    auto tex = [&](uint32_t i) { return glm::dvec2(atlas.uvs[i].x * size, (1.0 - atlas.uvs[i].y) * size); };
    const glm::dvec2 a = tex(v.x), b = tex(v.y), c = tex(v.z);
    const double area = signedArea2(a, b, c);
    if (std::fabs(area) < 1e-14) continue;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))));
    const int x1 = std::min(size - 1, static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))));
    const int y1 = std::min(size - 1, static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}))));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const glm::dvec2 p(x + 0.5, y + 0.5);
        const double w0 = signedArea2(b, c, p) / area, w1 = signedArea2(c, a, p) / area, w2 = signedArea2(a, b, p) / area;
        // Texels a little outside the triangle (half a texel) are baked too, so that bilinear
        // filtering at chart borders reads baked values; later triangles do not overwrite.
        const double slack = -0.75 / std::sqrt(std::fabs(area));
        if (w0 < slack || w1 < slack || w2 < slack) continue;
        TexelHit& h = hits[size_t(y) * size + x];
        const bool inside = w0 >= 0 && w1 >= 0 && w2 >= 0;
        if (h.triangle >= 0 && !inside) continue;
        h = {static_cast<int32_t>(t), static_cast<float>(w0), static_cast<float>(w1), static_cast<float>(w2)};
      }
  }
  std::vector<glm::vec3> normal(size_t(size) * size, glm::vec3(0.0f));
  std::vector<uint8_t> filled(size_t(size) * size, 0);
  parallelFor(static_cast<size_t>(size), [&](size_t row) {
    for (int x = 0; x < size; ++x) {
      const size_t i = row * size + x;
      const TexelHit& h = hits[i];
      if (h.triangle < 0) continue;
      const glm::uvec3 v = atlas.triangles[h.triangle];
      const glm::vec3 p = atlas.positions[v.x] * h.w0 + atlas.positions[v.y] * h.w1 + atlas.positions[v.z] * h.w2;
      glm::vec3 n = drawNormals[v.x] * h.w0 + drawNormals[v.y] * h.w1 + drawNormals[v.z] * h.w2;
      n = glm::normalize(n);
      // The fine surface along the drawing normal (nearest of the two directions), else the
      // nearest surface point.
      const float d = desc.searchDistanceMm;
      std::optional<mnsim::RayHit> best;
      if (auto out = fineBvh.raycast(p, n, 0.0f, d)) best = out;
      if (auto in = fineBvh.raycast(p, -n, 0.0f, d))
        if (!best || in->distanceMm < best->distanceMm) best = in;
      glm::vec3 fn;
      if (best) {
        const glm::uvec3 ft = fine.triangles[best->triangle];
        const float b1 = best->u, b2 = best->v, b0 = 1.0f - b1 - b2;
        fn = fine.vertexNormals[ft.x] * b0 + fine.vertexNormals[ft.y] * b1 + fine.vertexNormals[ft.z] * b2;
      } else if (auto c = fineBvh.closestPoint(p, 3.0f * d)) {
        fn = fine.faceNormal(c->triangle);
      } else {
        fn = n;
      }
      const float len = glm::length(fn);
      normal[i] = len > 1e-12f ? fn / len : n;
      filled[i] = 1;
    }
  }, 8);
  // Gutters: grow the charts outward by averaging filled neighbours.
  for (int pass = 0; pass < desc.dilatePasses; ++pass) {
    std::vector<glm::vec3> next = normal;
    std::vector<uint8_t> nextFilled = filled;
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        const size_t i = size_t(y) * size + x;
        if (filled[i]) continue;
        glm::vec3 sum(0.0f);
        int count = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= size || ny >= size) continue;
            const size_t j = size_t(ny) * size + nx;
            if (filled[j]) {
              sum += normal[j];
              ++count;
            }
          }
        if (count > 0) {
          const float len = glm::length(sum);
          next[i] = len > 1e-12f ? sum / len : glm::vec3(0, 0, 1);
          nextFilled[i] = 1;
        }
      }
    normal.swap(next);
    filled.swap(nextFilled);
  }
  std::vector<uint8_t> rgb(size_t(size) * size * 3);
  for (size_t i = 0; i < normal.size(); ++i) {
    const glm::vec3 n = filled[i] ? normal[i] : glm::vec3(0.0f, 0.0f, 1.0f);
    for (int k = 0; k < 3; ++k)
      rgb[i * 3 + k] = static_cast<uint8_t>(std::clamp(std::lround((n[k] * 0.5f + 0.5f) * 255.0f), 0L, 255L));
  }
  return rgb;
}

}  // namespace headgen
