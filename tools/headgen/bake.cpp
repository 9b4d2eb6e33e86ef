#include "bake.h"

#include <algorithm>
#include <cmath>
#include <optional>

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

// Which drawing triangle covers each texel centre (charts never overlap), top row first.
std::vector<TexelHit> rasterizeAtlas(const Atlas& atlas, int size) {
  std::vector<TexelHit> hits(size_t(size) * size);
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
  return hits;
}

// The fine surface along the drawing normal at a texel (nearest of the two directions).
std::optional<mnsim::RayHit> fineAlongNormal(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                             const mnsim::Bvh& fineBvh, const TexelHit& h, float searchMm,
                                             glm::vec3& p, glm::vec3& n) {
  const glm::uvec3 v = atlas.triangles[h.triangle];
  p = atlas.positions[v.x] * h.w0 + atlas.positions[v.y] * h.w1 + atlas.positions[v.z] * h.w2;
  n = glm::normalize(drawNormals[v.x] * h.w0 + drawNormals[v.y] * h.w1 + drawNormals[v.z] * h.w2);
  std::optional<mnsim::RayHit> best;
  if (auto out = fineBvh.raycast(p, n, 0.0f, searchMm)) best = out;
  if (auto in = fineBvh.raycast(p, -n, 0.0f, searchMm))
    if (!best || in->distanceMm < best->distanceMm) best = in;
  return best;
}

// Grows the charts outward: each empty texel next to filled ones takes `merge` of them.
template <typename T, typename Merge>
void dilate(std::vector<T>& value, std::vector<uint8_t>& filled, int size, int passes, Merge merge) {
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<T> next = value;
    std::vector<uint8_t> nextFilled = filled;
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        const size_t i = size_t(y) * size + x;
        if (filled[i]) continue;
        T sum(0.0f);
        int count = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= size || ny >= size) continue;
            const size_t j = size_t(ny) * size + nx;
            if (filled[j]) {
              sum += value[j];
              ++count;
            }
          }
        if (count > 0) {
          next[i] = merge(sum, count);
          nextFilled[i] = 1;
        }
      }
    value.swap(next);
    filled.swap(nextFilled);
  }
}

// Calls texel(hit, index) for every texel an atlas triangle covers, rows in parallel, and marks it filled.
template <typename Texel>
void forEachCoveredTexel(const std::vector<TexelHit>& hits, int size, std::vector<uint8_t>& filled, Texel texel) {
  parallelFor(static_cast<size_t>(size), [&](size_t row) {
    for (int x = 0; x < size; ++x) {
      const size_t i = row * size + x;
      if (hits[i].triangle < 0) continue;
      texel(hits[i], i);
      filled[i] = 1;
    }
  }, 8);
}

}  // namespace

std::vector<uint8_t> bakeNormalMap(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                   const mnsim::TriMesh& fine, const mnsim::Bvh& fineBvh, const BakeDesc& desc) {
  const int size = desc.size;
  const std::vector<TexelHit> hits = rasterizeAtlas(atlas, size);
  std::vector<glm::vec3> normal(size_t(size) * size, glm::vec3(0.0f));
  std::vector<uint8_t> filled(size_t(size) * size, 0);
  forEachCoveredTexel(hits, size, filled, [&](const TexelHit& h, size_t i) {
    // The fine surface along the drawing normal, else the nearest surface point.
    const float d = desc.searchDistanceMm;
    glm::vec3 p, n;
    const std::optional<mnsim::RayHit> best = fineAlongNormal(atlas, drawNormals, fineBvh, h, d, p, n);
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
    if (desc.detail) normal[i] = desc.detail(best ? best->point : p, normal[i]);
  });
  dilate(normal, filled, size, desc.dilatePasses, [](const glm::vec3& sum, int) {
    const float len = glm::length(sum);
    return len > 1e-12f ? sum / len : glm::vec3(0, 0, 1);
  });
  std::vector<uint8_t> rgb(size_t(size) * size * 3);
  for (size_t i = 0; i < normal.size(); ++i) {
    const glm::vec3 n = filled[i] ? normal[i] : glm::vec3(0.0f, 0.0f, 1.0f);
    for (int k = 0; k < 3; ++k)
      rgb[i * 3 + k] = static_cast<uint8_t>(std::clamp(std::lround((n[k] * 0.5f + 0.5f) * 255.0f), 0L, 255L));
  }
  return rgb;
}

std::vector<uint8_t> bakeFactorMap(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                   const mnsim::Bvh& fineBvh, const BakeDesc& desc,
                                   const std::function<glm::vec3(const glm::vec3&)>& factorAt) {
  const int size = desc.size;
  const std::vector<TexelHit> hits = rasterizeAtlas(atlas, size);
  std::vector<glm::vec3> factor(size_t(size) * size, glm::vec3(1.0f));
  std::vector<uint8_t> filled(size_t(size) * size, 0);
  forEachCoveredTexel(hits, size, filled, [&](const TexelHit& h, size_t i) {
    glm::vec3 p, n;
    const std::optional<mnsim::RayHit> best =
        fineAlongNormal(atlas, drawNormals, fineBvh, h, desc.searchDistanceMm, p, n);
    if (best) p = best->point;  // on the fine surface, where the sculpt's features are
    factor[i] = glm::clamp(factorAt(p), glm::vec3(0.0f), glm::vec3(1.0f));
  });
  dilate(factor, filled, size, desc.dilatePasses, [](const glm::vec3& sum, int count) { return sum / float(count); });
  std::vector<uint8_t> rgb(size_t(size) * size * 3, 255);
  for (size_t i = 0; i < factor.size(); ++i)
    if (filled[i])
      for (int k = 0; k < 3; ++k) rgb[i * 3 + k] = static_cast<uint8_t>(std::lround(factor[i][k] * 255.0f));
  return rgb;
}

}  // namespace headgen
