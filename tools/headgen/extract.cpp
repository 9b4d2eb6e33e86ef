#include "extract.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "hash_map.h"
#include "parallel.h"

namespace headgen {

namespace {

struct Grid {
  V3 lo;
  double h;
  int64_t n[3];
  int64_t jMin;  // first allowed cell layer in y
  uint64_t key(int64_t i, int64_t j, int64_t k) const { return static_cast<uint64_t>(i + n[0] * (j + n[1] * k)); }
  void unkey(uint64_t key, int64_t& i, int64_t& j, int64_t& k) const {
    i = static_cast<int64_t>(key % n[0]);
    key /= n[0];
    j = static_cast<int64_t>(key % n[1]);
    k = static_cast<int64_t>(key / n[1]);
  }
  V3 point(uint64_t key) const {
    int64_t i, j, k;
    unkey(key, i, j, k);
    return lo + V3(i, j, k) * h;
  }
  bool cellOk(int64_t i, int64_t j, int64_t k) const {
    return i >= 0 && k >= 0 && j >= jMin && i < n[0] - 1 && j < n[1] - 1 && k < n[2] - 1;
  }
};

constexpr int kCorner[8][3] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0},
                               {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}};
// Kuhn's six tetrahedra of a cube (all share the diagonal 0-7); consistent across cells.
constexpr int kTets[6][4] = {{0, 1, 3, 7}, {0, 1, 5, 7}, {0, 2, 3, 7},
                             {0, 2, 6, 7}, {0, 4, 5, 7}, {0, 4, 6, 7}};
// Corners of the cube's faces: -x, +x, -y, +y, -z, +z.
constexpr int kFace[6][4] = {{0, 2, 4, 6}, {1, 3, 5, 7}, {0, 1, 4, 5},
                             {2, 3, 6, 7}, {0, 1, 2, 3}, {4, 5, 6, 7}};
constexpr int kFaceDir[6][3] = {{-1, 0, 0}, {1, 0, 0}, {0, -1, 0}, {0, 1, 0}, {0, 0, -1}, {0, 0, 1}};

}  // namespace

TriSoup extractSurface(const Sdf& sdf, const ExtractDesc& desc, ExtractStats* stats) {
  Grid g;
  g.lo = desc.lo;
  g.h = desc.cellMm;
  for (int a = 0; a < 3; ++a) g.n[a] = static_cast<int64_t>(std::ceil((desc.hi[a] - desc.lo[a]) / g.h)) + 1;
  g.jMin = 0;
  if (desc.cutY > desc.lo.y) g.jMin = static_cast<int64_t>(std::floor((desc.cutY - desc.lo.y) / g.h + 1e-9));
  size_t evaluations = 0;

  HashMap<float> values;
  auto evaluate = [&](std::vector<uint64_t>& keys) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<float> out(keys.size());
    parallelFor(keys.size(), [&](size_t i) {
      double v = sdf(g.point(keys[i]));
      // A value of exactly zero would put a vertex on a grid point; treat it as outside.
      if (std::fabs(v) < 1e-9) v = 1e-9;
      out[i] = static_cast<float>(v);
    });
    for (size_t i = 0; i < keys.size(); ++i) values.insert(keys[i], out[i]);
    evaluations += keys.size();
  };

  // Seeds: sign changes along the lines of a coarse lattice.
  const int s = std::max(1, desc.coarseStep);
  std::vector<uint64_t> coarse;
  auto coarseCoord = [&](int a, int64_t c) { return std::min<int64_t>(c * s, g.n[a] - 1); };
  int64_t cn[3];
  for (int a = 0; a < 3; ++a) cn[a] = (g.n[a] - 1 + s - 1) / s + 1;
  const int64_t cj0 = g.jMin / s;
  for (int64_t k = 0; k < cn[2]; ++k)
    for (int64_t j = cj0; j < cn[1]; ++j)
      for (int64_t i = 0; i < cn[0]; ++i)
        coarse.push_back(g.key(coarseCoord(0, i), std::max(g.jMin, coarseCoord(1, j)), coarseCoord(2, k)));
  evaluate(coarse);
  std::vector<std::pair<uint64_t, uint64_t>> crossing;  // coarse line pieces with a sign change
  for (int64_t k = 0; k < cn[2]; ++k)
    for (int64_t j = cj0; j < cn[1]; ++j)
      for (int64_t i = 0; i < cn[0]; ++i) {
        const int64_t c[3] = {coarseCoord(0, i), std::max(g.jMin, coarseCoord(1, j)), coarseCoord(2, k)};
        const float v0 = *values.find(g.key(c[0], c[1], c[2]));
        for (int a = 0; a < 3; ++a) {
          int64_t idx[3] = {i, j, k};
          if (idx[a] + 1 >= cn[a]) continue;
          int64_t d[3] = {c[0], c[1], c[2]};
          d[a] = coarseCoord(a, idx[a] + 1);
          const float v1 = *values.find(g.key(d[0], d[1], d[2]));
          if ((v0 < 0) != (v1 < 0)) crossing.push_back({g.key(c[0], c[1], c[2]), g.key(d[0], d[1], d[2])});
        }
      }
  std::vector<uint64_t> linePoints;
  for (auto [a, b] : crossing) {
    int64_t ai, aj, ak, bi, bj, bk;
    g.unkey(a, ai, aj, ak);
    g.unkey(b, bi, bj, bk);
    const int64_t len = (bi - ai) + (bj - aj) + (bk - ak);
    for (int64_t t = 1; t < len; ++t)
      linePoints.push_back(g.key(ai + (bi > ai ? t : 0), aj + (bj > aj ? t : 0), ak + (bk > ak ? t : 0)));
  }
  {
    std::vector<uint64_t> missing;
    for (uint64_t key : linePoints)
      if (!values.find(key)) missing.push_back(key);
    evaluate(missing);
  }
  std::vector<uint64_t> frontier;
  HashMap<uint8_t> visited;
  for (auto [a, b] : crossing) {
    int64_t ai, aj, ak, bi, bj, bk;
    g.unkey(a, ai, aj, ak);
    g.unkey(b, bi, bj, bk);
    const int axis = bi > ai ? 0 : (bj > aj ? 1 : 2);
    const int64_t len = (bi - ai) + (bj - aj) + (bk - ak);
    for (int64_t t = 0; t < len; ++t) {
      int64_t p[3] = {ai, aj, ak};
      p[axis] += t;
      int64_t q[3] = {p[0], p[1], p[2]};
      q[axis] += 1;
      const float v0 = *values.find(g.key(p[0], p[1], p[2]));
      const float v1 = *values.find(g.key(q[0], q[1], q[2]));
      if ((v0 < 0) == (v1 < 0)) continue;
      // The four cells around this grid edge.
      const int o1 = (axis + 1) % 3, o2 = (axis + 2) % 3;
      for (int da = -1; da <= 0; ++da)
        for (int db = -1; db <= 0; ++db) {
          int64_t c[3] = {p[0], p[1], p[2]};
          c[o1] += da;
          c[o2] += db;
          if (!g.cellOk(c[0], c[1], c[2])) continue;
          const uint64_t key = g.key(c[0], c[1], c[2]);
          if (visited.insert(key, 1)) frontier.push_back(key);
        }
      break;
    }
  }

  // Flood fill over cells whose shared face shows a sign change.
  std::vector<uint64_t> active;
  while (!frontier.empty()) {
    std::vector<uint64_t> missing;
    for (uint64_t cell : frontier) {
      int64_t i, j, k;
      g.unkey(cell, i, j, k);
      for (const auto& c : kCorner) {
        const uint64_t key = g.key(i + c[0], j + c[1], k + c[2]);
        if (!values.find(key)) missing.push_back(key);
      }
    }
    evaluate(missing);
    std::vector<uint64_t> next;
    for (uint64_t cell : frontier) {
      int64_t i, j, k;
      g.unkey(cell, i, j, k);
      bool inside[8];
      int count = 0;
      for (int c = 0; c < 8; ++c) {
        inside[c] = *values.find(g.key(i + kCorner[c][0], j + kCorner[c][1], k + kCorner[c][2])) < 0;
        count += inside[c];
      }
      if (count == 0 || count == 8) continue;
      if (i == 0 || k == 0 || j + 2 >= g.n[1] || i + 2 >= g.n[0] || k + 2 >= g.n[2] || (j == 0 && g.jMin == 0 && desc.cutY <= desc.lo.y - 1.0))
        throw std::runtime_error("extractSurface: the surface reaches the side of the grid; enlarge the box");
      active.push_back(cell);
      for (int f = 0; f < 6; ++f) {
        int faceCount = 0;
        for (int c : kFace[f]) faceCount += inside[c];
        if (faceCount == 0 || faceCount == 4) continue;
        const int64_t ni = i + kFaceDir[f][0], nj = j + kFaceDir[f][1], nk = k + kFaceDir[f][2];
        if (!g.cellOk(ni, nj, nk)) continue;
        const uint64_t key = g.key(ni, nj, nk);
        if (visited.insert(key, 1)) next.push_back(key);
      }
    }
    frontier.swap(next);
  }
  std::sort(active.begin(), active.end());

  // Marching tetrahedra.
  TriSoup soup;
  HashMap<uint32_t> edgeVertex;
  auto vertexOn = [&](uint64_t ka, float fa, uint64_t kb, float fb) -> uint32_t {
    if (ka > kb) {
      std::swap(ka, kb);
      std::swap(fa, fb);
    }
    const uint64_t key = (ka << 32) ^ kb;  // ka < 2^32 for any grid this tool uses
    if (const uint32_t* found = edgeVertex.find(key)) return *found;
    double t = fa / (static_cast<double>(fa) - fb);
    t = std::clamp(t, 0.002, 0.998);
    const V3 p = g.point(ka) + (g.point(kb) - g.point(ka)) * t;
    const auto id = static_cast<uint32_t>(soup.positions.size());
    soup.positions.push_back(p);
    edgeVertex.insert(key, id);
    return id;
  };
  for (uint64_t cell : active) {
    int64_t i, j, k;
    g.unkey(cell, i, j, k);
    uint64_t keys[8];
    float f[8];
    for (int c = 0; c < 8; ++c) {
      keys[c] = g.key(i + kCorner[c][0], j + kCorner[c][1], k + kCorner[c][2]);
      f[c] = *values.find(keys[c]);
    }
    for (const auto& tet : kTets) {
      int in[4], out[4], nin = 0, nout = 0;
      for (int t = 0; t < 4; ++t) (f[tet[t]] < 0 ? in[nin++] : out[nout++]) = tet[t];
      if (nin == 0 || nout == 0) continue;
      auto corner = [&](int c) { return V3(kCorner[c][0], kCorner[c][1], kCorner[c][2]); };
      V3 cin(0.0), cout(0.0);
      for (int t = 0; t < nin; ++t) cin += corner(in[t]);
      for (int t = 0; t < nout; ++t) cout += corner(out[t]);
      const V3 dir = cout / static_cast<double>(nout) - cin / static_cast<double>(nin);
      // Orientation from edge midpoints, which never degenerate: normal from inside to outside.
      auto emit = [&](int a0, int b0, int a1, int b1, int a2, int b2) {
        const V3 m0 = (corner(a0) + corner(b0)) * 0.5, m1 = (corner(a1) + corner(b1)) * 0.5,
                 m2 = (corner(a2) + corner(b2)) * 0.5;
        const bool flip = glm::dot(glm::cross(m1 - m0, m2 - m0), dir) < 0.0;
        const uint32_t v0 = vertexOn(keys[a0], f[a0], keys[b0], f[b0]);
        uint32_t v1 = vertexOn(keys[a1], f[a1], keys[b1], f[b1]);
        uint32_t v2 = vertexOn(keys[a2], f[a2], keys[b2], f[b2]);
        if (flip) std::swap(v1, v2);
        soup.triangles.push_back({v0, v1, v2});
      };
      if (nin == 1) {
        emit(in[0], out[0], in[0], out[1], in[0], out[2]);
      } else if (nout == 1) {
        emit(out[0], in[0], out[0], in[1], out[0], in[2]);
      } else {
        const int a = in[0], b = in[1], c = out[0], d = out[1];
        emit(a, c, a, d, b, d);
        emit(a, c, b, d, b, c);
      }
    }
  }
  if (stats) {
    stats->evaluations = evaluations;
    stats->activeCells = active.size();
    stats->cutY = g.jMin > 0 ? g.lo.y + g.jMin * g.h : -1e30;
  }
  return soup;
}

TriSoup largestComponent(const TriSoup& soup) {
  std::vector<uint32_t> parent(soup.positions.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& t : soup.triangles) {
    const uint32_t a = find(t[0]), b = find(t[1]), c = find(t[2]);
    parent[b] = a;
    parent[find(c)] = find(a);
  }
  std::vector<uint32_t> count(soup.positions.size(), 0);
  for (const auto& t : soup.triangles) count[find(t[0])]++;
  const uint32_t best =
      static_cast<uint32_t>(std::max_element(count.begin(), count.end()) - count.begin());
  TriSoup out;
  std::vector<uint32_t> remap(soup.positions.size(), UINT32_MAX);
  for (const auto& t : soup.triangles) {
    if (find(t[0]) != best) continue;
    std::array<uint32_t, 3> nt;
    for (int c = 0; c < 3; ++c) {
      if (remap[t[c]] == UINT32_MAX) {
        remap[t[c]] = static_cast<uint32_t>(out.positions.size());
        out.positions.push_back(soup.positions[t[c]]);
      }
      nt[c] = remap[t[c]];
    }
    out.triangles.push_back(nt);
  }
  return out;
}

}  // namespace headgen
