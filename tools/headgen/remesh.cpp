#include "remesh.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "detmath.h"
#include "hash_map.h"
#include "parallel.h"

namespace headgen {

V3 sdfGradient(const Sdf& sdf, const V3& p, double eps) {
  const V3 k1(1, -1, -1), k2(-1, -1, 1), k3(-1, 1, -1), k4(1, 1, 1);
  const V3 g = k1 * sdf(p + k1 * eps) + k2 * sdf(p + k2 * eps) + k3 * sdf(p + k3 * eps) + k4 * sdf(p + k4 * eps);
  const double len = glm::length(g);
  return len > 1e-300 ? g / len : V3(0, 1, 0);
}

V3 projectToSurface(const Sdf& sdf, V3 p, int steps, bool onCut, double cutY, double maxStepMm) {
  const double eps = 0.02;
  const V3 k1(1, -1, -1), k2(-1, -1, 1), k3(-1, 1, -1), k4(1, 1, 1);
  for (int s = 0; s < steps; ++s) {
    if (onCut) p.y = cutY;
    const double f1 = sdf(p + k1 * eps), f2 = sdf(p + k2 * eps), f3 = sdf(p + k3 * eps), f4 = sdf(p + k4 * eps);
    const double d = 0.25 * (f1 + f2 + f3 + f4);
    V3 g = (k1 * f1 + k2 * f2 + k3 * f3 + k4 * f4) / (4.0 * eps);
    if (onCut) g.y = 0.0;
    const double g2 = glm::dot(g, g);
    if (g2 < 1e-12) break;
    V3 step = g * (d / g2);
    const double len = glm::length(step);
    if (len > maxStepMm) step *= maxStepMm / len;
    p -= step;
    if (std::fabs(d) < 1e-6) break;
  }
  if (onCut) p.y = cutY;
  return p;
}

namespace {

constexpr uint32_t kNone = UINT32_MAX;

class HeMesh {
 public:
  struct HE {
    uint32_t to = kNone, next = kNone, prev = kNone, twin = kNone;
    int32_t face = -1;  // -1: boundary half-edge
  };
  std::vector<V3> pos;
  std::vector<uint32_t> vhe;
  std::vector<uint8_t> vdead;
  std::vector<HE> he;
  std::vector<uint8_t> hdead;
  std::vector<uint32_t> fhe;
  std::vector<uint8_t> fdead;

  uint32_t from(uint32_t h) const { return he[he[h].twin].to; }
  uint32_t twin(uint32_t h) const { return he[h].twin; }
  uint32_t next(uint32_t h) const { return he[h].next; }
  uint32_t prev(uint32_t h) const { return he[h].prev; }
  bool boundaryV(uint32_t v) const { return he[vhe[v]].face < 0; }
  bool boundaryE(uint32_t h) const { return he[h].face < 0 || he[he[h].twin].face < 0; }
  // Next outgoing half-edge around from(h).
  uint32_t rotate(uint32_t h) const { return he[he[h].prev].twin; }

  template <class F>
  void forOutgoing(uint32_t v, F&& f) const {
    const uint32_t start = vhe[v];
    uint32_t h = start;
    int guard = 0;
    do {
      f(h);
      h = rotate(h);
      if (++guard > 1000) throw std::runtime_error("remesh: broken vertex fan");
    } while (h != start);
  }
  int valence(uint32_t v) const {
    int n = 0;
    forOutgoing(v, [&](uint32_t) { ++n; });
    return n;
  }

  void build(const TriSoup& soup) {
    pos = soup.positions;
    const size_t nv = pos.size();
    vhe.assign(nv, kNone);
    vdead.assign(nv, 0);
    he.clear();
    fhe.clear();
    HashMap<uint32_t> directed;
    for (size_t t = 0; t < soup.triangles.size(); ++t) {
      const auto& tri = soup.triangles[t];
      const uint32_t base = static_cast<uint32_t>(he.size());
      for (int k = 0; k < 3; ++k) {
        HE e;
        e.to = tri[(k + 1) % 3];
        e.next = base + (k + 1) % 3;
        e.prev = base + (k + 2) % 3;
        e.face = static_cast<int32_t>(t);
        he.push_back(e);
        vhe[tri[k]] = base + k;
      }
      fhe.push_back(base);
    }
    for (uint32_t h = 0; h < he.size(); ++h) {
      const uint32_t a = he[he[h].prev].to, b = he[h].to;
      if (a == b) throw std::runtime_error("remesh: triangle with a repeated vertex");
      if (!directed.insert((uint64_t(a) << 32) | b, h))
        throw std::runtime_error("remesh: an edge is used twice in the same direction (not an oriented manifold)");
    }
    const size_t interior = he.size();
    std::vector<uint32_t> boundaryOut(nv, kNone);
    for (uint32_t h = 0; h < interior; ++h) {
      const uint32_t a = he[he[h].prev].to, b = he[h].to;
      if (const uint32_t* o = directed.find((uint64_t(b) << 32) | a)) {
        he[h].twin = *o;
      } else {
        HE e;
        e.to = a;
        e.face = -1;
        e.twin = h;
        he[h].twin = static_cast<uint32_t>(he.size());
        if (boundaryOut[b] != kNone) throw std::runtime_error("remesh: non-manifold boundary vertex");
        boundaryOut[b] = static_cast<uint32_t>(he.size());
        he.push_back(e);
      }
    }
    for (uint32_t h = static_cast<uint32_t>(interior); h < he.size(); ++h) {
      const uint32_t n = boundaryOut[he[h].to];
      if (n == kNone) throw std::runtime_error("remesh: open boundary does not close");
      he[h].next = n;
      he[n].prev = h;
    }
    for (uint32_t v = 0; v < nv; ++v)
      if (boundaryOut[v] != kNone) vhe[v] = boundaryOut[v];
    hdead.assign(he.size(), 0);
    fdead.assign(fhe.size(), 0);
    // Every vertex must have one fan.
    std::vector<int> outCount(nv, 0);
    for (uint32_t h = 0; h < he.size(); ++h) outCount[from(h)]++;
    for (uint32_t v = 0; v < nv; ++v) {
      if (vhe[v] == kNone) {
        vdead[v] = 1;
        continue;
      }
      if (valence(v) != outCount[v]) throw std::runtime_error("remesh: non-manifold vertex");
    }
  }

  uint32_t newHalfEdgePair() {
    const auto h = static_cast<uint32_t>(he.size());
    he.emplace_back();
    he.emplace_back();
    he[h].twin = h + 1;
    he[h + 1].twin = h;
    hdead.push_back(0);
    hdead.push_back(0);
    return h;
  }
  int32_t newFace() {
    fhe.push_back(kNone);
    fdead.push_back(0);
    return static_cast<int32_t>(fhe.size() - 1);
  }
  void link(uint32_t a, uint32_t b) {
    he[a].next = b;
    he[b].prev = a;
  }
  void adjustOutgoing(uint32_t v) {
    forOutgoing(v, [&](uint32_t h) {
      if (he[h].face < 0) vhe[v] = h;
    });
  }

  uint32_t split(uint32_t h, const V3& p) {
    const uint32_t t = twin(h);
    const uint32_t b = he[h].to;
    const auto m = static_cast<uint32_t>(pos.size());
    pos.push_back(p);
    vhe.push_back(kNone);
    vdead.push_back(0);
    const uint32_t h2 = newHalfEdgePair(), t2 = h2 + 1;
    he[h].to = m;
    he[h2].to = b;
    he[t2].to = m;
    if (he[h].face >= 0) {
      const int32_t f1 = he[h].face;
      const uint32_t hn = next(h), hp = prev(h);
      const uint32_t c = he[hn].to;
      const int32_t f2 = newFace();
      const uint32_t x1 = newHalfEdgePair(), y1 = x1 + 1;
      he[x1].to = c;
      he[y1].to = m;
      link(h, x1);
      link(x1, hp);
      link(hp, h);
      he[x1].face = f1;
      fhe[f1] = h;
      link(h2, hn);
      link(hn, y1);
      link(y1, h2);
      he[h2].face = he[hn].face = he[y1].face = f2;
      fhe[f2] = h2;
    } else {
      const uint32_t hnext = next(h);
      link(h, h2);
      link(h2, hnext);
      he[h2].face = -1;
    }
    if (he[t].face >= 0) {
      const int32_t g1 = he[t].face;
      const uint32_t tn = next(t), tp = prev(t);
      const uint32_t d = he[tn].to;
      const int32_t g2 = newFace();
      const uint32_t x2 = newHalfEdgePair(), y2 = x2 + 1;
      he[x2].to = d;
      he[y2].to = m;
      link(t, tn);
      link(tn, y2);
      link(y2, t);
      he[y2].face = g1;
      fhe[g1] = t;
      link(t2, x2);
      link(x2, tp);
      link(tp, t2);
      he[t2].face = he[x2].face = he[tp].face = g2;
      fhe[g2] = t2;
    } else {
      const uint32_t tprev = prev(t);
      link(tprev, t2);
      link(t2, t);
      he[t2].face = -1;
    }
    vhe[m] = h2;
    if (he[t].face < 0) vhe[m] = t;
    if (he[h2].face < 0) vhe[m] = h2;
    if (vhe[b] == t) vhe[b] = t2;
    return m;
  }

  // Vertices adjacent to both ends of h must be exactly the two opposite corners.
  bool linkCondition(uint32_t h) const {
    const uint32_t t = twin(h);
    const uint32_t v0 = from(h), v1 = he[h].to;
    const uint32_t vl = he[h].face >= 0 ? he[next(h)].to : kNone;
    const uint32_t vr = he[t].face >= 0 ? he[next(t)].to : kNone;
    uint32_t n0[64];
    int c0 = 0;
    bool tooMany = false;
    forOutgoing(v0, [&](uint32_t o) {
      if (c0 < 64) n0[c0++] = he[o].to;
      else tooMany = true;
    });
    if (tooMany) return false;
    bool ok = true;
    forOutgoing(v1, [&](uint32_t o) {
      const uint32_t w = he[o].to;
      if (w == vl || w == vr) return;
      for (int i = 0; i < c0; ++i)
        if (n0[i] == w) ok = false;
    });
    return ok;
  }

  // Removes from(h), keeping to(h) where it is.
  void collapse(uint32_t h) {
    const uint32_t t = twin(h);
    const uint32_t v0 = from(h), v1 = he[h].to;
    std::vector<uint32_t> outs;
    forOutgoing(v0, [&](uint32_t o) { outs.push_back(o); });
    for (uint32_t o : outs) he[twin(o)].to = v1;
    uint32_t keep = kNone;
    std::vector<uint32_t> touched;
    if (he[h].face >= 0) {
      const uint32_t hn = next(h), hp = prev(h);
      const uint32_t o1 = twin(hn), o2 = twin(hp);
      he[o1].twin = o2;
      he[o2].twin = o1;
      const uint32_t vl = he[hn].to;
      if (vhe[vl] == hp) vhe[vl] = o1;
      fdead[he[h].face] = 1;
      hdead[hn] = hdead[hp] = 1;
      keep = o2;
      touched.push_back(vl);
    } else {
      link(prev(h), next(h));
      keep = next(h);
    }
    if (he[t].face >= 0) {
      const uint32_t tn = next(t), tp = prev(t);
      const uint32_t o3 = twin(tn), o4 = twin(tp);
      he[o3].twin = o4;
      he[o4].twin = o3;
      const uint32_t vr = he[tn].to;
      if (vhe[vr] == tp) vhe[vr] = o3;
      fdead[he[t].face] = 1;
      hdead[tn] = hdead[tp] = 1;
      if (keep == kNone || he[h].face < 0) keep = o4;
      touched.push_back(vr);
    } else {
      link(prev(t), next(t));
    }
    hdead[h] = hdead[t] = 1;
    vdead[v0] = 1;
    vhe[v1] = keep;
    adjustOutgoing(v1);
    for (uint32_t v : touched) adjustOutgoing(v);
  }

  bool flip(uint32_t h) {
    const uint32_t t = twin(h);
    if (he[h].face < 0 || he[t].face < 0) return false;
    const uint32_t a = from(h), b = he[h].to;
    const uint32_t hn = next(h), hp = prev(h), tn = next(t), tp = prev(t);
    const uint32_t c = he[hn].to, d = he[tn].to;
    if (c == d) return false;
    bool adjacent = false;
    forOutgoing(c, [&](uint32_t o) { adjacent = adjacent || he[o].to == d; });
    if (adjacent) return false;
    const int32_t f1 = he[h].face, f2 = he[t].face;
    he[h].to = d;
    he[t].to = c;
    link(tp, hn);
    link(hn, h);
    link(h, tp);
    he[tp].face = f1;
    link(hp, tn);
    link(tn, t);
    link(t, hp);
    he[hp].face = f2;
    fhe[f1] = h;
    fhe[f2] = t;
    if (vhe[a] == h) vhe[a] = tn;
    if (vhe[b] == t) vhe[b] = hn;
    return true;
  }

  V3 faceNormalRaw(uint32_t f) const {
    const uint32_t h = fhe[f];
    const V3& a = pos[from(h)];
    const V3& b = pos[he[h].to];
    const V3& c = pos[he[next(h)].to];
    return glm::cross(b - a, c - a);
  }
  V3 vertexNormal(uint32_t v) const {
    V3 n(0.0);
    forOutgoing(v, [&](uint32_t o) {
      if (he[o].face >= 0) n += faceNormalRaw(static_cast<uint32_t>(he[o].face));
    });
    const double len = glm::length(n);
    return len > 1e-300 ? n / len : V3(0, 1, 0);
  }

  TriSoup toSoup() const {
    TriSoup out;
    std::vector<uint32_t> remap(pos.size(), kNone);
    for (uint32_t f = 0; f < fhe.size(); ++f) {
      if (fdead[f]) continue;
      uint32_t h = fhe[f];
      std::array<uint32_t, 3> tri;
      for (int k = 0; k < 3; ++k) {
        const uint32_t v = from(h);
        if (remap[v] == kNone) {
          remap[v] = static_cast<uint32_t>(out.positions.size());
          out.positions.push_back(pos[v]);
        }
        tri[k] = remap[v];
        h = next(h);
      }
      out.triangles.push_back(tri);
    }
    return out;
  }

  // Drops dead elements so that the arrays stay small between rounds.
  void compact() { build(toSoup()); }
};

double sizeAt(const RemeshDesc& desc, const V3& p) { return desc.sizing ? desc.sizing(p) : desc.targetEdgeMm; }

}  // namespace

TriSoup remeshSurface(const TriSoup& input, const Sdf& sdf, const RemeshDesc& desc) {
  HeMesh m;
  m.build(input);

  auto edgeTarget = [&](uint32_t h) { return sizeAt(desc, 0.5 * (m.pos[m.from(h)] + m.pos[m.he[h].to])); };
  auto relaxAndProject = [&](int steps, bool relax) {
    const size_t nv = m.pos.size();
    std::vector<V3> next(nv);
    parallelFor(nv, [&](size_t vi) {
      const auto v = static_cast<uint32_t>(vi);
      if (m.vdead[v]) return;
      V3 p = m.pos[v];
      const bool boundary = m.boundaryV(v);
      if (relax) {
        if (boundary) {
          // Along the boundary only: midpoint of the two boundary neighbours.
          const uint32_t ob = m.vhe[v];
          const V3 q = 0.5 * (m.pos[m.he[ob].to] + m.pos[m.from(m.prev(ob))]);
          p = p + 0.5 * (q - p);
        } else {
          V3 q(0.0);
          double wsum = 0.0;
          m.forOutgoing(v, [&](uint32_t o) {
            // Weight neighbours by the area they stand for (Botsch & Kobbelt).
            const uint32_t f = static_cast<uint32_t>(m.he[o].face);
            const double w = std::max(1e-6, 0.5 * glm::length(m.faceNormalRaw(f)));
            const V3 c = (m.pos[v] + m.pos[m.he[o].to] + m.pos[m.he[m.next(o)].to]) / 3.0;
            q += c * w;
            wsum += w;
          });
          q /= wsum;
          const V3 n = m.vertexNormal(v);
          p = q + n * glm::dot(n, p - q);
        }
      }
      next[v] = projectToSurface(sdf, p, steps, boundary && desc.hasCut, desc.cutY, 1.0);
    });
    for (size_t v = 0; v < nv; ++v)
      if (!m.vdead[v]) m.pos[v] = next[v];
  };

  for (int iter = 0; iter < desc.iterations; ++iter) {
    // 1. Split long edges.
    {
      const size_t nh = m.he.size();
      for (uint32_t h = 0; h < nh; ++h) {
        if (m.hdead[h] || h > m.twin(h)) continue;
        const V3 a = m.pos[m.from(h)], b = m.pos[m.he[h].to];
        if (glm::length(b - a) > (4.0 / 3.0) * edgeTarget(h)) m.split(h, 0.5 * (a + b));
      }
    }
    // 2. Collapse short edges.
    {
      const size_t nh = m.he.size();
      for (uint32_t h0 = 0; h0 < nh; ++h0) {
        if (m.hdead[h0] || h0 > m.twin(h0)) continue;
        const double target = edgeTarget(h0);
        const double len = glm::length(m.pos[m.he[h0].to] - m.pos[m.from(h0)]);
        if (len >= 0.8 * target) continue;
        // Try removing either end; never move a boundary vertex off the boundary.
        for (int dir = 0; dir < 2; ++dir) {
          const uint32_t h = dir == 0 ? h0 : m.twin(h0);
          const uint32_t v0 = m.from(h), v1 = m.he[h].to;
          const bool b0 = m.boundaryV(v0), b1 = m.boundaryV(v1);
          if (b0 && !b1) continue;
          if (b0 && b1 && !m.boundaryE(h)) continue;
          const V3 p1 = m.pos[v1];
          bool ok = true;
          const uint32_t fl = static_cast<uint32_t>(m.he[h].face), fr = static_cast<uint32_t>(m.he[m.twin(h)].face);
          m.forOutgoing(v0, [&](uint32_t o) {
            if (!ok) return;
            const uint32_t w = m.he[o].to;
            if (w != v1 && glm::length(m.pos[w] - p1) > (4.0 / 3.0) * target * 1.0) ok = false;
            const int32_t f = m.he[o].face;
            if (f < 0 || static_cast<uint32_t>(f) == fl || static_cast<uint32_t>(f) == fr) return;
            const V3 a = m.pos[w], b = m.pos[m.he[m.next(o)].to];
            const V3 nOld = glm::cross(a - m.pos[v0], b - m.pos[v0]);
            const V3 nNew = glm::cross(a - p1, b - p1);
            const double lNew = glm::length(nNew), lOld = glm::length(nOld);
            if (lNew < 1e-9) {
              ok = false;
              return;
            }
            if (lOld < 1e-9) return;
            if (glm::dot(nOld, nNew) < 0.3 * lOld * lNew) ok = false;
          });
          if (!ok || !m.linkCondition(h)) continue;
          // Keep valences sane: the remaining vertices must not drop below three faces.
          if (m.he[h].face >= 0 && m.valence(m.he[m.next(h)].to) <= 3 && !m.boundaryV(m.he[m.next(h)].to)) continue;
          if (m.he[m.twin(h)].face >= 0 && m.valence(m.he[m.next(m.twin(h))].to) <= 3 &&
              !m.boundaryV(m.he[m.next(m.twin(h))].to))
            continue;
          m.collapse(h);
          break;
        }
      }
    }
    m.compact();
    // 3. Flip edges towards valence 6 (4 on the boundary).
    {
      auto targetValence = [&](uint32_t v) { return m.boundaryV(v) ? 4 : 6; };
      for (int sweep = 0; sweep < 2; ++sweep) {
        const size_t nh = m.he.size();
        for (uint32_t h = 0; h < nh; ++h) {
          if (m.hdead[h] || h > m.twin(h) || m.boundaryE(h)) continue;
          const uint32_t t = m.twin(h);
          const uint32_t a = m.from(h), b = m.he[h].to, c = m.he[m.next(h)].to, d = m.he[m.next(t)].to;
          const int va = m.valence(a), vb = m.valence(b), vc = m.valence(c), vd = m.valence(d);
          if (va <= 3 || vb <= 3) continue;
          const int da = va - targetValence(a), db = vb - targetValence(b), dc = vc - targetValence(c),
                    dd = vd - targetValence(d);
          const int before = da * da + db * db + dc * dc + dd * dd;
          const int after = (da - 1) * (da - 1) + (db - 1) * (db - 1) + (dc + 1) * (dc + 1) + (dd + 1) * (dd + 1);
          if (after >= before) continue;
          // Geometry: the new triangles must face the same way as the old ones.
          const V3 pa = m.pos[a], pb = m.pos[b], pc = m.pos[c], pd = m.pos[d];
          const V3 nOld = glm::normalize(glm::cross(pb - pa, pc - pa) + glm::cross(pa - pb, pd - pb));
          const V3 n1 = glm::cross(pd - pc, pb - pc), n2 = glm::cross(pa - pc, pd - pc);
          const double l1 = glm::length(n1), l2 = glm::length(n2);
          if (l1 < 1e-9 || l2 < 1e-9) continue;
          if (glm::dot(n1, nOld) < 0.5 * l1 || glm::dot(n2, nOld) < 0.5 * l2) continue;
          m.flip(h);
        }
      }
    }
    // 4. Relax and project.
    relaxAndProject(2, true);
    if (std::getenv("HEADGEN_REMESH_DEBUG")) {
      const MeshQuality q = measureQuality(m.toSoup());
      std::fprintf(stderr, "    remesh round %d: %s\n", iter, describe(q).c_str());
    }
  }
  // Delaunay flips: an edge whose opposite angles sum to more than 180 degrees is flipped, which
  // raises the smallest angles; creases (lid margins, the lip line) are left alone.
  auto delaunayFlips = [&]() {
    const size_t nh = m.he.size();
    for (uint32_t h = 0; h < nh; ++h) {
      if (m.hdead[h] || h > m.twin(h) || m.boundaryE(h)) continue;
      const uint32_t t = m.twin(h);
      const uint32_t a = m.from(h), b = m.he[h].to, c = m.he[m.next(h)].to, d = m.he[m.next(t)].to;
      const V3 pa = m.pos[a], pb = m.pos[b], pc = m.pos[c], pd = m.pos[d];
      auto angle = [](const V3& apex, const V3& p, const V3& q) {
        const V3 u = p - apex, v = q - apex;
        return dm::acos(std::clamp(glm::dot(u, v) / std::max(1e-300, glm::length(u) * glm::length(v)), -1.0, 1.0));
      };
      if (angle(pc, pa, pb) + angle(pd, pa, pb) <= dm::kPi + 1e-9) continue;
      const V3 n1o = glm::cross(pb - pa, pc - pa), n2o = glm::cross(pa - pb, pd - pb);
      const double l1o = glm::length(n1o), l2o = glm::length(n2o);
      if (l1o > 1e-12 && l2o > 1e-12 && glm::dot(n1o, n2o) < 0.8 * l1o * l2o) continue;
      const V3 nOld = glm::normalize(n1o + n2o);
      const V3 n1 = glm::cross(pd - pc, pb - pc), n2 = glm::cross(pa - pc, pd - pc);
      const double l1 = glm::length(n1), l2 = glm::length(n2);
      if (l1 < 1e-9 || l2 < 1e-9) continue;
      if (glm::dot(n1, nOld) < 0.6 * l1 || glm::dot(n2, nOld) < 0.6 * l2) continue;
      if (m.valence(a) <= 3 || m.valence(b) <= 3) continue;
      m.flip(h);
    }
  };
  // Slivers left at sharp creases: collapse the shortest edge of any triangle with an angle
  // below 15 degrees, when that keeps the surface sound.
  auto removeSlivers = [&]() {
    const double cosLimit = dm::cos(15.0 * dm::kPi / 180.0);
    for (uint32_t f = 0; f < m.fhe.size(); ++f) {
      if (m.fdead[f]) continue;
      const uint32_t h0 = m.fhe[f];
      const uint32_t hs[3] = {h0, m.next(h0), m.next(m.next(h0))};
      double worst = -1.0;
      uint32_t shortest = hs[0];
      double shortestLen = 1e30;
      for (uint32_t h : hs) {
        const V3 a = m.pos[m.from(h)], b = m.pos[m.he[h].to], c = m.pos[m.he[m.next(h)].to];
        const V3 e1 = b - a, e2 = c - a;
        worst = std::max(worst, glm::dot(e1, e2) / std::max(1e-300, glm::length(e1) * glm::length(e2)));
        if (glm::length(e1) < shortestLen) {
          shortestLen = glm::length(e1);
          shortest = h;
        }
      }
      if (worst < cosLimit) continue;
      for (int dir = 0; dir < 2; ++dir) {
        const uint32_t h = dir == 0 ? shortest : m.twin(shortest);
        const uint32_t v0 = m.from(h), v1 = m.he[h].to;
        const bool b0 = m.boundaryV(v0), b1 = m.boundaryV(v1);
        if ((b0 && !b1) || (b0 && b1 && !m.boundaryE(h))) continue;
        if (!m.linkCondition(h)) continue;
        if (m.he[h].face >= 0 && m.valence(m.he[m.next(h)].to) <= 3 && !m.boundaryV(m.he[m.next(h)].to)) continue;
        if (m.he[m.twin(h)].face >= 0 && m.valence(m.he[m.next(m.twin(h))].to) <= 3 &&
            !m.boundaryV(m.he[m.next(m.twin(h))].to))
          continue;
        const V3 p1 = m.pos[v1];
        const uint32_t fl = static_cast<uint32_t>(m.he[h].face), fr = static_cast<uint32_t>(m.he[m.twin(h)].face);
        bool ok = true;
        m.forOutgoing(v0, [&](uint32_t o) {
          const int32_t ff = m.he[o].face;
          if (!ok || ff < 0 || static_cast<uint32_t>(ff) == fl || static_cast<uint32_t>(ff) == fr) return;
          const V3 a = m.pos[m.he[o].to], b = m.pos[m.he[m.next(o)].to];
          const V3 nOld = glm::cross(a - m.pos[v0], b - m.pos[v0]), nNew = glm::cross(a - p1, b - p1);
          if (glm::length(nNew) < 1e-9 || glm::dot(nOld, nNew) < 0.05 * glm::length(nOld) * glm::length(nNew)) ok = false;
        });
        if (!ok) continue;
        m.collapse(h);
        break;
      }
    }
    m.compact();
  };
  for (int i = 0; i < desc.finalRelaxations; ++i) {
    delaunayFlips();
    relaxAndProject(3, true);
    removeSlivers();
  }
  delaunayFlips();
  removeSlivers();
  relaxAndProject(4, false);
  return m.toSoup();
}

MeshQuality measureQuality(const TriSoup& mesh) {
  MeshQuality q;
  q.triangles = mesh.triangles.size();
  q.minAngleDeg = 180.0;
  q.minEdgeMm = 1e30;
  q.minAreaMm2 = 1e30;
  double edgeSum = 0.0;
  size_t edgeCount = 0;
  for (const auto& t : mesh.triangles) {
    const V3 p[3] = {mesh.positions[t[0]], mesh.positions[t[1]], mesh.positions[t[2]]};
    bool small = false;
    for (int k = 0; k < 3; ++k) {
      const V3 e1 = p[(k + 1) % 3] - p[k], e2 = p[(k + 2) % 3] - p[k];
      const double l1 = glm::length(e1), l2 = glm::length(e2);
      const double c = std::clamp(glm::dot(e1, e2) / std::max(1e-300, l1 * l2), -1.0, 1.0);
      const double angle = dm::acos(c) * 180.0 / dm::kPi;
      q.minAngleDeg = std::min(q.minAngleDeg, angle);
      q.maxAngleDeg = std::max(q.maxAngleDeg, angle);
      small = small || angle < 20.0;
      edgeSum += l1;
      ++edgeCount;
      q.minEdgeMm = std::min(q.minEdgeMm, l1);
      q.maxEdgeMm = std::max(q.maxEdgeMm, l1);
    }
    q.below20Deg += small;
    q.minAreaMm2 = std::min(q.minAreaMm2, 0.5 * glm::length(glm::cross(p[1] - p[0], p[2] - p[0])));
  }
  q.meanEdgeMm = edgeSum / std::max<size_t>(1, edgeCount);
  return q;
}

std::string describe(const MeshQuality& q) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%zu triangles, edges %.2f..%.2f mm (mean %.2f), angles %.1f..%.1f deg, %zu with an angle < 20 deg, "
                "smallest area %.4f mm2",
                q.triangles, q.minEdgeMm, q.maxEdgeMm, q.meanEdgeMm, q.minAngleDeg, q.maxAngleDeg, q.below20Deg,
                q.minAreaMm2);
  return buf;
}

}  // namespace headgen
