#include "mnsim/geometry/bvh.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mnsim/skin/pad.h"

namespace mnsim {
namespace {

// A closed UV sphere, a good test body for rays from every side.
TriMesh sphere(float radius, int rings, int segments) {
  TriMesh m;
  for (int r = 0; r <= rings; ++r) {
    const float theta = 3.14159265f * r / rings;
    for (int s = 0; s < segments; ++s) {
      const float phi = 2.0f * 3.14159265f * s / segments;
      m.positions.emplace_back(radius * std::sin(theta) * std::cos(phi), radius * std::cos(theta),
                               radius * std::sin(theta) * std::sin(phi));
    }
  }
  for (int r = 0; r < rings; ++r)
    for (int s = 0; s < segments; ++s) {
      const uint32_t a = r * segments + s, b = r * segments + (s + 1) % segments;
      const uint32_t c = (r + 1) * segments + s, d = (r + 1) * segments + (s + 1) % segments;
      m.triangles.emplace_back(a, c, b);
      m.triangles.emplace_back(b, c, d);
    }
  return m;
}

TEST(Bvh, RayHitsPadAtTheRightPointAndTriangle) {
  const Asset pad = makePadAsset();
  const Bvh bvh = Bvh::build(pad.mesh);
  const auto hit = bvh.raycast({-12.3f, 7.7f, 50.0f}, {0.0f, 0.0f, -1.0f});
  ASSERT_TRUE(hit.has_value());
  EXPECT_NEAR(hit->distanceMm, 50.0f, 1e-4f);
  EXPECT_NEAR(hit->point.x, -12.3f, 1e-4f);
  EXPECT_NEAR(hit->point.y, 7.7f, 1e-4f);
  // The reported triangle really contains the point.
  const glm::vec3 cp = closestPointOnTriangle(hit->point, pad.mesh.corner(hit->triangle, 0),
                                              pad.mesh.corner(hit->triangle, 1), pad.mesh.corner(hit->triangle, 2));
  EXPECT_LT(glm::length(cp - hit->point), 1e-4f);
}

TEST(Bvh, RayMissesBesideThePadAndRespectsTMax) {
  const Bvh bvh = Bvh::build(makePadAsset().mesh);
  EXPECT_FALSE(bvh.raycast({70.0f, 0.0f, 10.0f}, {0.0f, 0.0f, -1.0f}).has_value());
  EXPECT_FALSE(bvh.raycast({0.0f, 0.0f, 10.0f}, {0.0f, 0.0f, -1.0f}, 0.0f, 9.0f).has_value());
  EXPECT_TRUE(bvh.raycast({0.0f, 0.0f, 10.0f}, {0.0f, 0.0f, -1.0f}, 0.0f, 11.0f).has_value());
}

TEST(Bvh, RaysAgreeWithBruteForceOnASphere) {
  const TriMesh mesh = sphere(50.0f, 40, 60);
  const Bvh bvh = Bvh::build(mesh);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (int i = 0; i < 500; ++i) {
    const glm::vec3 origin(u(rng) * 120.0f, u(rng) * 120.0f, u(rng) * 120.0f);
    const glm::vec3 dir = glm::normalize(glm::vec3(u(rng), u(rng), u(rng)));
    float best = 1e30f;
    for (size_t t = 0; t < mesh.triangles.size(); ++t) {
      // Brute force through a one-triangle BVH keeps the intersection code identical.
      const uint32_t id = static_cast<uint32_t>(t);
      const auto h = Bvh::build(mesh, std::span<const uint32_t>(&id, 1)).raycast(origin, dir);
      if (h && h->distanceMm < best) best = h->distanceMm;
    }
    const auto hit = bvh.raycast(origin, dir);
    if (best == 1e30f) {
      EXPECT_FALSE(hit.has_value());
    } else {
      ASSERT_TRUE(hit.has_value());
      EXPECT_NEAR(hit->distanceMm, best, 1e-3f);
    }
    if (i >= 60) break;  // brute force is slow; 60 rays are plenty
  }
}

TEST(Bvh, ClosestPointOnSphereIsRadial) {
  const TriMesh mesh = sphere(50.0f, 60, 90);
  const Bvh bvh = Bvh::build(mesh);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (int i = 0; i < 200; ++i) {
    const glm::vec3 dir = glm::normalize(glm::vec3(u(rng), u(rng), u(rng)));
    const float r = 30.0f + 40.0f * (u(rng) + 1.0f) * 0.5f;
    const auto cp = bvh.closestPoint(dir * r);
    ASSERT_TRUE(cp.has_value());
    // A faceted sphere: within the chord sag of the exact sphere.
    EXPECT_NEAR(cp->distanceMm, std::fabs(r - 50.0f), 0.2f);
    EXPECT_NEAR(glm::dot(glm::normalize(cp->point), dir), 1.0f, 1e-3f);
  }
  EXPECT_FALSE(bvh.closestPoint({0.0f, 0.0f, 200.0f}, 10.0f).has_value());
}

}  // namespace
}  // namespace mnsim

namespace mnsim {
namespace {

TEST(Bvh, RaysAlongSharedEdgesDoNotSlipThrough) {
  // The pad's grid has edges along y = -20; a ray in that plane, tilted along x, crosses
  // only shared edges and vertices.
  const Bvh bvh = Bvh::build(makePadAsset().mesh);
  int misses = 0;
  for (float x = -58.0f; x < 58.0f; x += 0.37f) {
    const glm::vec3 axis(std::sin(0.0872665f), 0.0f, std::cos(0.0872665f));
    if (!bvh.raycast(glm::vec3(x, -20.0f, 0.0f) + axis * 3.0f, -axis, 0.0f, 6.0f)) ++misses;
    if (!bvh.raycast(glm::vec3(x, -20.0f, 3.0f), {0.0f, 0.0f, -1.0f})) ++misses;
  }
  EXPECT_EQ(misses, 0);
}

}  // namespace
}  // namespace mnsim

namespace mnsim {
namespace {

// Brute force over every triangle with the BVH's own arithmetic (Moller-Trumbore as Bvh::raycast
// computes it, lane for lane), so that distances compare exactly.
struct TriangleHit {
  bool ok = false;
  float t = 0.0f, u = 0.0f, v = 0.0f;
};
TriangleHit intersectTriangle(const TriMesh& mesh, uint32_t tri, const glm::vec3& o, const glm::vec3& d, float tMin,
                              float tMax) {
  const glm::vec3 a = mesh.corner(tri, 0), e1 = mesh.corner(tri, 1) - a, e2 = mesh.corner(tri, 2) - a;
  const float px = d.y * e2.z - d.z * e2.y, py = d.z * e2.x - d.x * e2.z, pz = d.x * e2.y - d.y * e2.x;
  const float det = e1.x * px + e1.y * py + e1.z * pz;
  const float invDet = 1.0f / det;
  const float sx = o.x - a.x, sy = o.y - a.y, sz = o.z - a.z;
  const float u = (sx * px + sy * py + sz * pz) * invDet;
  const float qx = sy * e1.z - sz * e1.y, qy = sz * e1.x - sx * e1.z, qz = sx * e1.y - sy * e1.x;
  const float v = (d.x * qx + d.y * qy + d.z * qz) * invDet;
  const float t = (e2.x * qx + e2.y * qy + e2.z * qz) * invDet;
  TriangleHit h;
  h.ok = std::fabs(det) > 1e-12f && u >= -1e-5f && v >= -1e-5f && u + v <= 1.0f + 1e-5f && t >= tMin && t < tMax;
  h.t = t;
  h.u = u;
  h.v = v;
  return h;
}

// The nearest point of a triangle as Bvh::closestPoint computes it (corners 1 and 2 rebuilt from
// corner 0 and the stored edges), and its squared distance.
float triangleDistance2(const TriMesh& mesh, uint32_t tri, const glm::vec3& p, glm::vec3& q) {
  const glm::vec3 a = mesh.corner(tri, 0), e1 = mesh.corner(tri, 1) - a, e2 = mesh.corner(tri, 2) - a;
  q = closestPointOnTriangle(p, a, a + e1, a + e2);
  const glm::vec3 d = q - p;
  return glm::dot(d, d);
}

// A flat grid in z = 0 (shared edges and vertices everywhere: rays and points that tie).
TriMesh grid(int nx, int ny, float step) {
  TriMesh m;
  for (int j = 0; j <= ny; ++j)
    for (int i = 0; i <= nx; ++i) m.positions.emplace_back(i * step - nx * step / 2, j * step - ny * step / 2, 0.0f);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const uint32_t a = j * (nx + 1) + i, b = a + 1, c = a + nx + 1, d = c + 1;
      m.triangles.emplace_back(a, b, d);
      m.triangles.emplace_back(a, d, c);
    }
  return m;
}

struct BruteForceStats {
  int hits = 0, misses = 0, ties = 0, found = 0;
  int edgeCases = 0;  // rays on which an edge-tolerance hit lost to a farther one
};

// Every ray against every triangle: the BVH must report the nearest hit, exactly, and a triangle
// that has it (any of them where several tie), with that triangle's barycentrics. Exceptions:
// a hit that only the edge tolerance lets in, a hair outside its triangle (and so perhaps
// outside the boxes above it), may lose to a neighbour's; and a sliver triangle's "hit" far
// outside its own box (rounding noise of a near-zero determinant) is no hit at all.
void checkRay(const TriMesh& mesh, std::span<const uint32_t> tris, const Bvh& bvh, const glm::vec3& o,
              const glm::vec3& d, float tMin, float tMax, BruteForceStats& stats) {
  struct Candidate {
    uint32_t tri;
    TriangleHit hit;
  };
  std::vector<Candidate> hits;
  float best = tMax;
  for (uint32_t tri : tris) {
    const TriangleHit h = intersectTriangle(mesh, tri, o, d, tMin, tMax);
    if (!h.ok) continue;
    const glm::vec3 at = o + h.t * d;
    bool inBox = true;
    for (int k = 0; k < 3; ++k) {
      const float lo = std::min({mesh.corner(tri, 0)[k], mesh.corner(tri, 1)[k], mesh.corner(tri, 2)[k]});
      const float hi = std::max({mesh.corner(tri, 0)[k], mesh.corner(tri, 1)[k], mesh.corner(tri, 2)[k]});
      const float margin = 1e-4f * (1.0f + std::fabs(at[k]));
      inBox = inBox && at[k] >= lo - margin && at[k] <= hi + margin;
    }
    if (!inBox) continue;
    hits.push_back({tri, h});
    best = std::min(best, h.t);
  }
  const auto hit = bvh.raycast(o, d, tMin, tMax);
  if (hits.empty()) {
    ++stats.misses;
    EXPECT_FALSE(hit.has_value());
    return;
  }
  ++stats.hits;
  auto atTheEdge = [](const TriangleHit& c) { return std::min({c.u, c.v, 1.0f - c.u - c.v}) < 1e-4f; };
  if (!hit) {
    ++stats.edgeCases;
    for (const Candidate& c : hits) EXPECT_TRUE(atTheEdge(c.hit)) << "missed triangle " << c.tri << " at " << c.hit.t;
    return;
  }
  const TriangleHit h = intersectTriangle(mesh, hit->triangle, o, d, tMin, tMax);
  ASSERT_TRUE(h.ok);
  EXPECT_EQ(hit->distanceMm, h.t);
  EXPECT_EQ(hit->u, h.u);
  EXPECT_EQ(hit->v, h.v);
  EXPECT_EQ(hit->point, o + h.t * d);
  int nearest = 0;
  for (const Candidate& c : hits) {
    nearest += c.hit.t == best;
    if (c.hit.t >= hit->distanceMm) continue;
    // Nearer than what the BVH reports: only a hit at the very edge of its triangle.
    EXPECT_TRUE(atTheEdge(c.hit)) << "missed triangle " << c.tri << " at " << c.hit.t << " for " << hit->distanceMm;
  }
  if (nearest > 1) ++stats.ties;
  if (hit->distanceMm != best) ++stats.edgeCases;
}

// Every point against every triangle: the BVH must report the nearest distance, exactly, and a
// triangle that has it with that triangle's nearest point.
void checkPoint(const TriMesh& mesh, std::span<const uint32_t> tris, const Bvh& bvh, const glm::vec3& p,
                float maxDistance, BruteForceStats& stats) {
  float best2 = maxDistance * maxDistance;
  std::vector<uint32_t> nearest;
  for (uint32_t tri : tris) {
    glm::vec3 q;
    const float d2 = triangleDistance2(mesh, tri, p, q);
    if (d2 > best2) continue;
    if (d2 < best2) nearest.clear();
    best2 = d2;
    nearest.push_back(tri);
  }
  const auto cp = bvh.closestPoint(p, maxDistance);
  if (nearest.empty()) {
    EXPECT_FALSE(cp.has_value());
    return;
  }
  ++stats.found;
  if (nearest.size() > 1) ++stats.ties;
  ASSERT_TRUE(cp.has_value());
  EXPECT_EQ(cp->distanceMm, std::sqrt(best2));
  ASSERT_NE(std::find(nearest.begin(), nearest.end(), cp->triangle), nearest.end());
  glm::vec3 q;
  triangleDistance2(mesh, cp->triangle, p, q);
  EXPECT_EQ(cp->point, q);
}

TEST(Bvh, RaysAndPointsAgreeExactlyWithBruteForce) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  auto unit = [&] { return glm::normalize(glm::vec3(u(rng), u(rng), u(rng))); };
  const TriMesh ball = sphere(50.0f, 40, 60), flat = grid(40, 30, 2.0f);
  for (const TriMesh* mesh : {&ball, &flat}) {
    std::vector<uint32_t> all(mesh->triangleCount()), some;
    std::iota(all.begin(), all.end(), 0u);
    for (uint32_t t = 0; t < all.size(); t += 3) some.push_back(t);
    for (std::span<const uint32_t> tris : {std::span<const uint32_t>(all), std::span<const uint32_t>(some)}) {
      const Bvh bvh = Bvh::build(*mesh, tris);
      BruteForceStats randomRays, edgeRays, points;
      for (int i = 0; i < 1500; ++i) {
        // From outside towards the middle, from anywhere in any direction (with a range), and
        // nearly along the axes through vertices and edge midpoints, where neighbours tie.
        // (Not exactly along an axis: a ray with a zero direction component that lies exactly
        // in the upper face plane of a box misses that box, as it always has.)
        const glm::vec3 from = unit() * 150.0f;
        checkRay(*mesh, tris, bvh, from, glm::normalize(glm::vec3(u(rng), u(rng), u(rng)) * 30.0f - from), 0.0f, 1e30f,
                 randomRays);
        checkRay(*mesh, tris, bvh, glm::vec3(u(rng), u(rng), u(rng)) * 60.0f, unit(), i % 2 ? 0.0f : 10.0f,
                 i % 3 ? 1e30f : 80.0f, randomRays);
        const uint32_t tri = tris[static_cast<size_t>(rng() % tris.size())];
        const glm::vec3 corner = mesh->corner(tri, i % 3), mid = (corner + mesh->corner(tri, (i + 1) % 3)) * 0.5f;
        glm::vec3 axis = glm::vec3(u(rng), u(rng), u(rng)) * 0.01f;
        axis[i % 3] = i % 2 ? 1.0f : -1.0f;
        axis = glm::normalize(axis);
        checkRay(*mesh, tris, bvh, (i % 4 < 2 ? corner : mid) - axis * 100.0f, axis, 0.0f, 1e30f, edgeRays);
        // Points near the surface (with a limit), on vertices and edges, and anywhere.
        checkPoint(*mesh, tris, bvh, corner + glm::vec3(u(rng), u(rng), u(rng)) * 10.0f, 10.0f, points);
        checkPoint(*mesh, tris, bvh, i % 2 ? corner : mid + glm::vec3(0.0f, 0.0f, 1.0f), 1e30f, points);
        checkPoint(*mesh, tris, bvh, glm::vec3(u(rng), u(rng), u(rng)) * 120.0f, 1e30f, points);
        if (::testing::Test::HasFatalFailure()) return;
      }
      EXPECT_GT(randomRays.hits, 300);
      EXPECT_GT(randomRays.misses, 100);
      EXPECT_LE(randomRays.edgeCases, 2);  // random rays all but never graze an edge
      EXPECT_GT(edgeRays.hits, 1000);
      EXPECT_GT(points.found, 3000);
      if (mesh == &flat) {
        EXPECT_GT(edgeRays.ties, 100);  // the ties are really exercised
        EXPECT_GT(points.ties, 100);
      }
    }
  }
}

// Which of several triangles at exactly the same distance a query reports changes scoring
// results (zones, normals), so it must stay what it has always been: this fingerprint of tied
// answers on a grid was taken from the original implementation.
TEST(Bvh, TiesResolveAsTheyAlwaysHave) {
  TriMesh mesh = grid(60, 40, 2.0f);
  // A second, tilted sheet below, so that nodes hold different depths.
  const uint32_t base = static_cast<uint32_t>(mesh.positions.size());
  const TriMesh lower = grid(20, 20, 3.0f);
  for (const glm::vec3& p : lower.positions) mesh.positions.emplace_back(p.x, p.y, -5.0f + 0.1f * p.x);
  for (const glm::uvec3& t : lower.triangles) mesh.triangles.emplace_back(t + base);
  const Bvh bvh = Bvh::build(mesh);
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](uint32_t x) {
    for (int k = 0; k < 4; ++k) hash = (hash ^ ((x >> (8 * k)) & 0xffu)) * 1099511628211ull;
  };
  auto bits = [](float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
  };
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (int i = 0; i < 4000; ++i) {
    const uint32_t tri = static_cast<uint32_t>(rng() % mesh.triangleCount());
    const glm::vec3 corner = mesh.corner(tri, i % 3), mid = (corner + mesh.corner(tri, (i + 1) % 3)) * 0.5f;
    const glm::vec3 target = i % 2 ? corner : mid;
    glm::vec3 dir = i % 4 < 2 ? glm::vec3(0.0f, 0.0f, -1.0f) : glm::normalize(glm::vec3(u(rng), u(rng), -1.0f));
    if (const auto hit = bvh.raycast(target - dir * 20.0f, dir)) {
      mix(hit->triangle);
      mix(bits(hit->distanceMm));
      mix(bits(hit->u));
      mix(bits(hit->v));
    } else {
      mix(UINT32_MAX);
    }
    if (const auto cp = bvh.closestPoint(target + glm::vec3(u(rng), u(rng), 1.0f) * 0.5f * float(i % 3), 4.0f)) {
      mix(cp->triangle);
      mix(bits(cp->distanceMm));
      mix(bits(cp->point.x));
      mix(bits(cp->point.y));
      mix(bits(cp->point.z));
    } else {
      mix(UINT32_MAX);
    }
  }
  EXPECT_EQ(hash, 1613547150749847430ull) << "tied answers changed";
}

}  // namespace
}  // namespace mnsim
