#include "uv_atlas.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <glm/geometric.hpp>

#include "detmath.h"
#include "hash_map.h"

namespace headgen {

namespace {

using glm::dvec2;
using glm::dvec3;

struct Chart {
  std::vector<uint32_t> triangles;
  std::vector<uint32_t> vertices;   // source vertices, local order
  std::vector<dvec2> uv;            // per local vertex, mm after scaling
  dvec3 normal{0.0};
};

double signedArea(const dvec2& a, const dvec2& b, const dvec2& c) {
  return 0.5 * ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
}

void tangentBasis(const dvec3& n, dvec3& t, dvec3& b) {
  const dvec3 a = std::fabs(n.y) < 0.9 ? dvec3(0, 1, 0) : dvec3(1, 0, 0);
  t = glm::normalize(glm::cross(a, n));
  b = glm::cross(n, t);
}

// Least-squares conformal map of one chart, started from (and pinned to) a planar projection.
// Returns false if a triangle comes out flipped or degenerate.
bool flattenChart(const mnsim::TriMesh& mesh, Chart& chart) {
  const size_t n = chart.vertices.size();
  HashMap<uint32_t> local;
  for (uint32_t i = 0; i < n; ++i) local.insert(chart.vertices[i], i);
  dvec3 t, b;
  tangentBasis(chart.normal, t, b);
  std::vector<dvec2> planar(n);
  for (size_t i = 0; i < n; ++i) {
    const dvec3 p(mesh.positions[chart.vertices[i]]);
    planar[i] = dvec2(glm::dot(p, t), glm::dot(p, b));
  }
  // Rows: two per triangle, six coefficients each (u and v of three corners).
  struct Row {
    uint32_t var[6];
    double coef[6];
  };
  std::vector<Row> rows;
  rows.reserve(chart.triangles.size() * 2);
  std::vector<std::array<uint32_t, 3>> localTris;
  for (uint32_t tri : chart.triangles) {
    const glm::uvec3 v = mesh.triangles[tri];
    const uint32_t l[3] = {*local.find(v.x), *local.find(v.y), *local.find(v.z)};
    localTris.push_back({l[0], l[1], l[2]});
    const dvec3 p0(mesh.positions[v.x]), p1(mesh.positions[v.y]), p2(mesh.positions[v.z]);
    const dvec3 e1 = p1 - p0, e2 = p2 - p0;
    const dvec3 nrm = glm::cross(e1, e2);
    const double area2 = glm::length(nrm);
    if (area2 < 1e-12) continue;
    const dvec3 ex = glm::normalize(e1), ey = glm::normalize(glm::cross(nrm, e1));
    const dvec2 q[3] = {{0, 0}, {glm::length(e1), 0}, {glm::dot(e2, ex), glm::dot(e2, ey)}};
    const double s = 1.0 / std::sqrt(area2);
    // W_j = q_{j+2} - q_{j+1} (as a complex number a + ib).
    double a[3], bb[3];
    for (int j = 0; j < 3; ++j) {
      const dvec2 w = q[(j + 2) % 3] - q[(j + 1) % 3];
      a[j] = w.x * s;
      bb[j] = w.y * s;
    }
    Row re, im;
    for (int j = 0; j < 3; ++j) {
      re.var[2 * j] = l[j];
      re.coef[2 * j] = a[j];
      re.var[2 * j + 1] = static_cast<uint32_t>(n + l[j]);
      re.coef[2 * j + 1] = -bb[j];
      im.var[2 * j] = l[j];
      im.coef[2 * j] = bb[j];
      im.var[2 * j + 1] = static_cast<uint32_t>(n + l[j]);
      im.coef[2 * j + 1] = a[j];
    }
    rows.push_back(re);
    rows.push_back(im);
  }
  // Pins: the two vertices furthest apart along the first tangent.
  uint32_t pin0 = 0, pin1 = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (planar[i].x < planar[pin0].x) pin0 = i;
    if (planar[i].x > planar[pin1].x) pin1 = i;
  }
  std::vector<double> x(2 * n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = planar[i].x;
    x[n + i] = planar[i].y;
  }
  std::vector<char> fixed(2 * n, 0);
  fixed[pin0] = fixed[n + pin0] = fixed[pin1] = fixed[n + pin1] = 1;
  if (n > 3 && pin0 != pin1) {
    auto normalOp = [&](const std::vector<double>& in, std::vector<double>& out) {
      std::fill(out.begin(), out.end(), 0.0);
      for (const Row& r : rows) {
        double dot = 0.0;
        for (int k = 0; k < 6; ++k) dot += r.coef[k] * in[r.var[k]];
        for (int k = 0; k < 6; ++k) out[r.var[k]] += r.coef[k] * dot;
      }
      for (size_t i = 0; i < out.size(); ++i)
        if (fixed[i]) out[i] = 0.0;
    };
    std::vector<double> g(2 * n), r(2 * n), p(2 * n), ap(2 * n), pin(2 * n);
    normalOp(x, g);  // gradient of 0.5 |A x|^2 (free entries)
    for (size_t i = 0; i < r.size(); ++i) r[i] = -g[i];
    p = r;
    double rr = 0.0;
    for (double v : r) rr += v * v;
    const double rr0 = rr;
    for (int it = 0; it < 4000 && rr > 1e-22 * std::max(1.0, rr0); ++it) {
      normalOp(p, ap);
      double pap = 0.0;
      for (size_t i = 0; i < p.size(); ++i) pap += p[i] * ap[i];
      if (pap <= 0.0) break;
      const double alpha = rr / pap;
      double rrNew = 0.0;
      for (size_t i = 0; i < p.size(); ++i) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
        rrNew += r[i] * r[i];
      }
      const double beta = rrNew / rr;
      for (size_t i = 0; i < p.size(); ++i) p[i] = r[i] + beta * p[i];
      rr = rrNew;
    }
  }
  chart.uv.resize(n);
  for (size_t i = 0; i < n; ++i) chart.uv[i] = dvec2(x[i], x[n + i]);
  auto allPositive = [&](const std::vector<dvec2>& uv) {
    for (const auto& lt : localTris)
      if (!(signedArea(uv[lt[0]], uv[lt[1]], uv[lt[2]]) > 1e-9)) return false;
    return true;
  };
  if (allPositive(chart.uv)) return true;
  // Fall back to the planar projection when it is free of flips.
  chart.uv = planar;
  return allPositive(chart.uv);
}

// Splits a set of triangles into its edge-connected pieces.
std::vector<std::vector<uint32_t>> connectedPieces(const std::vector<uint32_t>& tris,
                                                   const std::vector<std::array<uint32_t, 3>>& nb) {
  HashMap<uint32_t> index;
  for (uint32_t i = 0; i < tris.size(); ++i) index.insert(tris[i], i);
  std::vector<uint8_t> done(tris.size(), 0);
  std::vector<std::vector<uint32_t>> out;
  for (uint32_t s = 0; s < tris.size(); ++s) {
    if (done[s]) continue;
    out.emplace_back();
    std::vector<uint32_t> stack{s};
    done[s] = 1;
    while (!stack.empty()) {
      const uint32_t i = stack.back();
      stack.pop_back();
      out.back().push_back(tris[i]);
      for (uint32_t o : nb[tris[i]]) {
        if (o == UINT32_MAX) continue;
        const uint32_t* j = index.find(o);
        if (j && !done[*j]) {
          done[*j] = 1;
          stack.push_back(*j);
        }
      }
    }
    std::sort(out.back().begin(), out.back().end());
  }
  return out;
}

// Splits a chart's triangles in two halves along its longest extent.
void splitChart(const mnsim::TriMesh& mesh, const Chart& chart, std::vector<uint32_t>& a, std::vector<uint32_t>& b) {
  dvec3 lo(1e30), hi(-1e30);
  for (uint32_t t : chart.triangles) {
    const dvec3 c(mesh.centroid(t));
    lo = glm::min(lo, c);
    hi = glm::max(hi, c);
  }
  const dvec3 e = hi - lo;
  const int axis = e.x >= e.y && e.x >= e.z ? 0 : (e.y >= e.z ? 1 : 2);
  const double mid = 0.5 * (lo[axis] + hi[axis]);
  for (uint32_t t : chart.triangles) (mesh.centroid(t)[axis] < mid ? a : b).push_back(t);
}

template <class F>
void rasterize(const glm::dvec2& a, const glm::dvec2& b, const glm::dvec2& c, int size, F&& f) {
  const int x0 = std::max(0, static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))));
  const int x1 = std::min(size - 1, static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))));
  const int y0 = std::max(0, static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))));
  const int y1 = std::min(size - 1, static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}))));
  const double area = signedArea(a, b, c);
  if (std::fabs(area) < 1e-14) return;
  for (int y = y0; y <= y1; ++y)
    for (int x = x0; x <= x1; ++x) {
      const dvec2 p(x + 0.5, y + 0.5);
      const double w0 = signedArea(b, c, p) / area, w1 = signedArea(c, a, p) / area, w2 = signedArea(a, b, p) / area;
      if (w0 > 0.0 && w1 > 0.0 && w2 > 0.0) f(x, y, w0, w1, w2);
    }
}

}  // namespace

size_t countOverlappingTexels(const std::vector<glm::vec2>& uvs, const std::vector<glm::uvec3>& triangles, int size) {
  std::vector<uint8_t> count(size_t(size) * size, 0);
  size_t overlaps = 0;
  for (const glm::uvec3& t : triangles) {
    // Image rows run downwards: row = (1 - v) * size.
    auto tex = [&](uint32_t i) { return dvec2(uvs[i].x * size, (1.0 - uvs[i].y) * size); };
    rasterize(tex(t.x), tex(t.y), tex(t.z), size, [&](int x, int y, double, double, double) {
      uint8_t& c = count[size_t(y) * size + x];
      if (c == 1) ++overlaps;
      if (c < 2) ++c;
    });
  }
  return overlaps;
}

Atlas buildAtlas(const mnsim::TriMesh& mesh, const AtlasDesc& desc) {
  const size_t nt = mesh.triangles.size();
  // Triangle neighbours across edges.
  std::vector<std::array<uint32_t, 3>> nb(nt, {UINT32_MAX, UINT32_MAX, UINT32_MAX});
  {
    HashMap<uint32_t> edges;
    for (uint32_t t = 0; t < nt; ++t)
      for (int k = 0; k < 3; ++k)
        edges.insert((uint64_t(mesh.triangles[t][k]) << 32) | mesh.triangles[t][(k + 1) % 3], t);
    for (uint32_t t = 0; t < nt; ++t)
      for (int k = 0; k < 3; ++k)
        if (const uint32_t* o = edges.find((uint64_t(mesh.triangles[t][(k + 1) % 3]) << 32) | mesh.triangles[t][k]))
          nb[t][k] = *o;
  }
  std::vector<dvec3> faceN(nt);
  std::vector<double> faceA(nt);
  for (size_t t = 0; t < nt; ++t) {
    faceN[t] = dvec3(mesh.faceNormal(t));
    faceA[t] = mesh.triangleAreaMm2(t);
  }
  const double cosCone = dm::cos(desc.maxConeDeg * dm::kPi / 180.0);

  // Region growing from seeds in index order, breadth first.
  std::vector<std::vector<uint32_t>> groups;
  {
    std::vector<int32_t> owner(nt, -1);
    for (uint32_t seed = 0; seed < nt; ++seed) {
      if (owner[seed] >= 0) continue;
      const auto id = static_cast<int32_t>(groups.size());
      groups.emplace_back();
      dvec3 nsum = faceN[seed] * faceA[seed];
      double area = faceA[seed];
      std::vector<uint32_t> queue{seed};
      owner[seed] = id;
      for (size_t qi = 0; qi < queue.size(); ++qi) {
        const uint32_t t = queue[qi];
        groups.back().push_back(t);
        for (uint32_t o : nb[t]) {
          if (o == UINT32_MAX || owner[o] >= 0) continue;
          const dvec3 mean = glm::normalize(nsum);
          if (glm::dot(faceN[o], mean) < cosCone || area + faceA[o] > desc.maxChartAreaMm2) continue;
          owner[o] = id;
          nsum += faceN[o] * faceA[o];
          area += faceA[o];
          queue.push_back(o);
        }
      }
    }
  }

  for (int attempt = 0; attempt < 24; ++attempt) {
    // Flatten every group; split the ones that fold until each is a valid chart.
    std::vector<Chart> charts;
    std::vector<std::vector<uint32_t>> work = groups;
    for (size_t gi = 0; gi < work.size(); ++gi) {
      Chart c;
      c.triangles = work[gi];
      HashMap<uint32_t> seen;
      dvec3 nsum(0.0);
      for (uint32_t t : c.triangles) {
        nsum += faceN[t] * faceA[t];
        for (int k = 0; k < 3; ++k)
          if (seen.insert(mesh.triangles[t][k], 0)) c.vertices.push_back(mesh.triangles[t][k]);
      }
      c.normal = glm::length(nsum) > 1e-12 ? glm::normalize(nsum) : faceN[c.triangles[0]];
      if (flattenChart(mesh, c) || c.triangles.size() <= 1) {
        charts.push_back(std::move(c));
      } else {
        std::vector<uint32_t> a, b;
        splitChart(mesh, c, a, b);
        for (auto& piece : connectedPieces(a, nb)) work.push_back(piece);
        for (auto& piece : connectedPieces(b, nb)) work.push_back(piece);
      }
    }
    // Same texel density everywhere: scale each chart to its true area, then turn it so that
    // its bounding box is smallest.
    struct Box {
      double w, h;
    };
    std::vector<Box> boxes(charts.size());
    for (size_t ci = 0; ci < charts.size(); ++ci) {
      Chart& c = charts[ci];
      double a3 = 0.0, a2 = 0.0;
      HashMap<uint32_t> local;
      for (uint32_t i = 0; i < c.vertices.size(); ++i) local.insert(c.vertices[i], i);
      for (uint32_t t : c.triangles) {
        a3 += faceA[t];
        const glm::uvec3 v = mesh.triangles[t];
        a2 += signedArea(c.uv[*local.find(v.x)], c.uv[*local.find(v.y)], c.uv[*local.find(v.z)]);
      }
      const double s = a2 > 1e-12 ? std::sqrt(a3 / a2) : 1.0;
      for (dvec2& u : c.uv) u *= s;
      double bestArea = 1e300, bestAngle = 0.0;
      for (int k = 0; k < 90; k += 3) {
        double cs, sn;
        dm::sincos(k * dm::kPi / 180.0, sn, cs);
        dvec2 lo(1e30), hi(-1e30);
        for (const dvec2& u : c.uv) {
          const dvec2 r(cs * u.x - sn * u.y, sn * u.x + cs * u.y);
          lo = glm::min(lo, r);
          hi = glm::max(hi, r);
        }
        const double area = (hi.x - lo.x) * (hi.y - lo.y);
        if (area < bestArea - 1e-9) {
          bestArea = area;
          bestAngle = k;
        }
      }
      double cs, sn;
      dm::sincos(bestAngle * dm::kPi / 180.0, sn, cs);
      dvec2 lo(1e30), hi(-1e30);
      for (dvec2& u : c.uv) {
        u = dvec2(cs * u.x - sn * u.y, sn * u.x + cs * u.y);
        lo = glm::min(lo, u);
        hi = glm::max(hi, u);
      }
      for (dvec2& u : c.uv) u -= lo;
      boxes[ci] = {hi.x - lo.x, hi.y - lo.y};
      // Landscape boxes pack better on shelves.
      if (boxes[ci].h > boxes[ci].w) {
        for (dvec2& u : c.uv) u = dvec2(u.y, boxes[ci].w - u.x);
        std::swap(boxes[ci].w, boxes[ci].h);
      }
    }
    // Shelf packing; the density is the largest that fits (bisection).
    std::vector<uint32_t> order(charts.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return boxes[a].h > boxes[b].h; });
    const int size = desc.sizeTexels, g = desc.gutterTexels;
    std::vector<glm::ivec2> offset(charts.size());
    auto pack = [&](double s, bool place) {
      int x = 0, y = 0, shelf = 0;
      for (uint32_t ci : order) {
        const int w = static_cast<int>(std::ceil(boxes[ci].w * s)) + 2 * g + 1;
        const int h = static_cast<int>(std::ceil(boxes[ci].h * s)) + 2 * g + 1;
        if (w > size) return false;
        if (x + w > size) {
          x = 0;
          y += shelf;
          shelf = 0;
        }
        if (y + h > size) return false;
        if (place) offset[ci] = {x, y};
        x += w;
        shelf = std::max(shelf, h);
      }
      return true;
    };
    double lo = 0.01, hi = 40.0;
    if (!pack(lo, false)) throw std::runtime_error("buildAtlas: the charts do not fit");
    for (int it = 0; it < 40; ++it) {
      const double mid = 0.5 * (lo + hi);
      (pack(mid, false) ? lo : hi) = mid;
    }
    const double s = lo;
    pack(s, true);

    Atlas atlas;
    atlas.texelsPerMm = s;
    atlas.chartCount = charts.size();
    atlas.triangles.resize(nt);
    atlas.triangleChart.resize(nt);
    double covered = 0.0;
    for (size_t ci = 0; ci < charts.size(); ++ci) {
      const Chart& c = charts[ci];
      HashMap<uint32_t> local;
      const auto base = static_cast<uint32_t>(atlas.positions.size());
      for (uint32_t i = 0; i < c.vertices.size(); ++i) {
        local.insert(c.vertices[i], base + i);
        atlas.positions.push_back(mesh.positions[c.vertices[i]]);
        atlas.sourceVertex.push_back(c.vertices[i]);
        const dvec2 texel = dvec2(offset[ci]) + dvec2(g + 0.5) + c.uv[i] * s;
        // Image rows run downwards; v runs upwards.
        atlas.uvs.emplace_back(static_cast<float>(texel.x / size), static_cast<float>(1.0 - texel.y / size));
      }
      for (uint32_t t : c.triangles) {
        const glm::uvec3 v = mesh.triangles[t];
        atlas.triangles[t] = {*local.find(v.x), *local.find(v.y), *local.find(v.z)};
        atlas.triangleChart[t] = static_cast<uint32_t>(ci);
        covered += faceA[t] * s * s;
      }
    }
    atlas.coverage = covered / (double(size) * size);
    if (countOverlappingTexels(atlas.uvs, atlas.triangles, size) == 0) return atlas;
    // A chart overlaps itself somewhere: split every chart with an overlap and try again.
    std::vector<uint8_t> bad(charts.size(), 0);
    {
      std::vector<int32_t> ownerTri(size_t(size) * size, -1);
      for (uint32_t t = 0; t < nt; ++t) {
        const glm::uvec3 v = atlas.triangles[t];
        auto tex = [&](uint32_t i) { return dvec2(atlas.uvs[i].x * size, (1.0 - atlas.uvs[i].y) * size); };
        rasterize(tex(v.x), tex(v.y), tex(v.z), size, [&](int x, int y, double, double, double) {
          int32_t& o = ownerTri[size_t(y) * size + x];
          if (o >= 0 && o != static_cast<int32_t>(t)) {
            bad[atlas.triangleChart[t]] = 1;
            bad[atlas.triangleChart[o]] = 1;
            if (std::getenv("HEADGEN_ATLAS_DEBUG"))
              std::fprintf(stderr, "      texel (%d, %d): triangles %u and %d, charts %u (%zu) and %u (%zu)\n", x, y, t, o,
                           atlas.triangleChart[t], charts[atlas.triangleChart[t]].triangles.size(), atlas.triangleChart[o],
                           charts[atlas.triangleChart[o]].triangles.size());
          }
          o = static_cast<int32_t>(t);
        });
      }
    }
    std::vector<std::vector<uint32_t>> next;
    for (size_t ci = 0; ci < charts.size(); ++ci) {
      if (!bad[ci] || charts[ci].triangles.size() <= 1) {
        next.push_back(charts[ci].triangles);
        continue;
      }
      if (charts[ci].triangles.size() <= 8) {
        for (uint32_t t : charts[ci].triangles) next.push_back({t});
        continue;
      }
      std::vector<uint32_t> a, b;
      splitChart(mesh, charts[ci], a, b);
      for (auto& piece : connectedPieces(a, nb)) next.push_back(piece);
      for (auto& piece : connectedPieces(b, nb)) next.push_back(piece);
    }
    if (std::getenv("HEADGEN_ATLAS_DEBUG"))
      std::fprintf(stderr, "    atlas attempt %d: %zu charts, %zu overlapping\n", attempt, charts.size(),
                   static_cast<size_t>(std::count(bad.begin(), bad.end(), 1)));
    groups = next;
  }
  throw std::runtime_error("buildAtlas: charts still overlap after splitting");
}

}  // namespace headgen
