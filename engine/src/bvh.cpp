#include "mnsim/bvh.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <glm/geometric.hpp>

namespace mnsim {

namespace {

constexpr int kBins = 16;
constexpr float kTraversalCost = 1.0f;
constexpr float kIntersectCost = 1.2f;
constexpr float kEdgeTolerance = 1e-5f;
constexpr int kMaxDepth = 32;  // + log2(triangles) of halving stays under 64

}  // namespace

struct BvhBuilder {
  const TriMesh& mesh;
  std::vector<uint32_t> ids;            // triangle ids, reordered during the build
  std::vector<Aabb> boxes;              // per triangle id position (parallel to ids at start)
  std::vector<glm::vec3> centroids;     // parallel to ids
  std::vector<Bvh::Node>& nodes;

  void setBounds(Bvh::Node& node, const Aabb& box) {
    for (int k = 0; k < 3; ++k) {
      node.lo[k] = box.lo[k];
      node.hi[k] = box.hi[k];
    }
  }

  // Builds the subtree for ids[begin, end) into nodes[nodeIndex].
  void build(uint32_t nodeIndex, uint32_t begin, uint32_t end, int depth) {
    Aabb box, centroidBox;
    for (uint32_t i = begin; i < end; ++i) {
      box.grow(boxes[i]);
      centroidBox.grow(centroids[i]);
    }
    setBounds(nodes[nodeIndex], box);
    const uint32_t count = end - begin;
    auto makeLeaf = [&] {
      nodes[nodeIndex].first = begin;
      nodes[nodeIndex].count = count;
    };
    if (count <= 1) return makeLeaf();

    // Binned SAH over the axis of largest centroid extent, then the others if degenerate.
    float bestCost = 1e30f;
    int bestAxis = -1, bestSplit = -1;
    const glm::vec3 extent = centroidBox.extent();
    for (int axis = 0; axis < 3; ++axis) {
      if (extent[axis] <= 1e-9f) continue;
      struct Bin {
        Aabb box;
        uint32_t count = 0;
      } bins[kBins];
      const float scale = kBins / extent[axis];
      for (uint32_t i = begin; i < end; ++i) {
        int b = static_cast<int>((centroids[i][axis] - centroidBox.lo[axis]) * scale);
        b = std::clamp(b, 0, kBins - 1);
        bins[b].box.grow(boxes[i]);
        bins[b].count++;
      }
      float rightArea[kBins];
      uint32_t rightCount[kBins];
      Aabb acc;
      uint32_t n = 0;
      for (int b = kBins - 1; b > 0; --b) {
        acc.grow(bins[b].box);
        n += bins[b].count;
        rightArea[b] = acc.surfaceArea();
        rightCount[b] = n;
      }
      acc = Aabb();
      n = 0;
      for (int b = 0; b < kBins - 1; ++b) {
        acc.grow(bins[b].box);
        n += bins[b].count;
        if (n == 0 || rightCount[b + 1] == 0) continue;
        const float cost = acc.surfaceArea() * n + rightArea[b + 1] * rightCount[b + 1];
        if (cost < bestCost) {
          bestCost = cost;
          bestAxis = axis;
          bestSplit = b;
        }
      }
    }
    const float parentArea = box.surfaceArea();
    const float leafCost = kIntersectCost * count;
    const float splitCost =
        bestAxis < 0 ? 1e30f : kTraversalCost + kIntersectCost * bestCost / std::max(parentArea, 1e-12f);
    if (bestAxis < 0 || (count <= Bvh::kMaxLeafSize && leafCost <= splitCost)) {
      if (count <= Bvh::kMaxLeafSize) return makeLeaf();
    }

    uint32_t mid;
    // Deep trees only come from pathological input; a plain halving keeps the traversal
    // stacks (64 entries) safe.
    if (depth >= kMaxDepth) bestAxis = -1;
    if (bestAxis >= 0) {
      const float scale = kBins / extent[bestAxis];
      auto isLeft = [&](uint32_t i) {
        int b = static_cast<int>((centroids[i][bestAxis] - centroidBox.lo[bestAxis]) * scale);
        return std::clamp(b, 0, kBins - 1) <= bestSplit;
      };
      uint32_t i = begin, j = end;
      while (i < j) {
        if (isLeft(i)) {
          ++i;
        } else {
          --j;
          std::swap(ids[i], ids[j]);
          std::swap(boxes[i], boxes[j]);
          std::swap(centroids[i], centroids[j]);
        }
      }
      mid = i;
    } else {
      mid = begin + count / 2;  // all centroids coincide: split in the middle
    }
    if (mid == begin || mid == end) mid = begin + count / 2;

    const auto left = static_cast<uint32_t>(nodes.size());
    nodes.push_back({});
    nodes.push_back({});
    nodes[nodeIndex].first = left;
    nodes[nodeIndex].count = 0;
    build(left, begin, mid, depth + 1);
    build(left + 1, mid, end, depth + 1);
  }
};

Bvh Bvh::build(const TriMesh& mesh) {
  std::vector<uint32_t> all(mesh.triangles.size());
  std::iota(all.begin(), all.end(), 0u);
  return build(mesh, all);
}

Bvh Bvh::build(const TriMesh& mesh, std::span<const uint32_t> triangles) {
  Bvh bvh;
  if (triangles.empty()) return bvh;
  BvhBuilder builder{mesh, {triangles.begin(), triangles.end()}, {}, {}, bvh.m_nodes};
  builder.boxes.resize(triangles.size());
  builder.centroids.resize(triangles.size());
  for (size_t i = 0; i < triangles.size(); ++i) {
    Aabb box;
    for (int k = 0; k < 3; ++k) box.grow(mesh.corner(triangles[i], k));
    builder.boxes[i] = box;
    builder.centroids[i] = box.center();
  }
  bvh.m_nodes.reserve(2 * triangles.size());
  bvh.m_nodes.push_back({});
  builder.build(0, 0, static_cast<uint32_t>(triangles.size()), 0);
  bvh.m_triangleIds = std::move(builder.ids);
  bvh.m_triangles.resize(bvh.m_triangleIds.size());
  for (size_t i = 0; i < bvh.m_triangleIds.size(); ++i) {
    const uint32_t t = bvh.m_triangleIds[i];
    const glm::vec3 a = mesh.corner(t, 0);
    bvh.m_triangles[i] = {a, mesh.corner(t, 1) - a, mesh.corner(t, 2) - a};
  }
  return bvh;
}

Aabb Bvh::bounds() const {
  Aabb box;
  if (m_nodes.empty()) return box;
  box.lo = {m_nodes[0].lo[0], m_nodes[0].lo[1], m_nodes[0].lo[2]};
  box.hi = {m_nodes[0].hi[0], m_nodes[0].hi[1], m_nodes[0].hi[2]};
  return box;
}

namespace {

// Slab test; returns the entry distance or +inf when the box is missed.
inline float rayBoxEntry(const float lo[3], const float hi[3], const glm::vec3& origin,
                         const glm::vec3& invDir, float tMin, float tMax) {
  float t0 = tMin, t1 = tMax;
  for (int k = 0; k < 3; ++k) {
    float tNear = (lo[k] - origin[k]) * invDir[k];
    float tFar = (hi[k] - origin[k]) * invDir[k];
    if (tNear > tFar) std::swap(tNear, tFar);
    t0 = tNear > t0 ? tNear : t0;
    t1 = tFar < t1 ? tFar : t1;
  }
  return t0 <= t1 ? t0 : INFINITY;
}

inline float pointBoxDistance2(const float lo[3], const float hi[3], const glm::vec3& p) {
  float d2 = 0.0f;
  for (int k = 0; k < 3; ++k) {
    const float d = std::max({lo[k] - p[k], 0.0f, p[k] - hi[k]});
    d2 += d * d;
  }
  return d2;
}

}  // namespace

std::optional<RayHit> Bvh::raycast(const glm::vec3& origin, const glm::vec3& direction, float tMin,
                                   float tMax) const {
  if (m_nodes.empty()) return std::nullopt;
  // A zero component gets a huge finite reciprocal rather than infinity: with infinity, a ray
  // lying exactly in a box's face plane computes 0 * inf = NaN and misses the box.
  glm::vec3 invDir;
  for (int k = 0; k < 3; ++k)
    invDir[k] = direction[k] != 0.0f ? 1.0f / direction[k] : std::copysign(1e30f, direction[k]);
  float best = tMax;
  uint32_t bestIndex = UINT32_MAX;
  float bestU = 0.0f, bestV = 0.0f;

  uint32_t stack[64];
  int top = 0;
  if (rayBoxEntry(m_nodes[0].lo, m_nodes[0].hi, origin, invDir, tMin, best) == INFINITY)
    return std::nullopt;
  uint32_t nodeIndex = 0;
  for (;;) {
    const Node& node = m_nodes[nodeIndex];
    if (node.count > 0) {
      for (uint32_t i = node.first, e = node.first + node.count; i < e; ++i) {
        const TriangleData& tri = m_triangles[i];
        const glm::vec3 p = glm::cross(direction, tri.e2);
        const float det = glm::dot(tri.e1, p);
        if (std::fabs(det) < 1e-12f) continue;
        const float invDet = 1.0f / det;
        const glm::vec3 s = origin - tri.v0;
        // A hair of tolerance on the barycentric bounds keeps rays that run exactly along a shared
        // edge from slipping between its two triangles (the nearest hit wins either way).
        const float u = glm::dot(s, p) * invDet;
        if (u < -kEdgeTolerance || u > 1.0f + kEdgeTolerance) continue;
        const glm::vec3 q = glm::cross(s, tri.e1);
        const float v = glm::dot(direction, q) * invDet;
        if (v < -kEdgeTolerance || u + v > 1.0f + kEdgeTolerance) continue;
        const float t = glm::dot(tri.e2, q) * invDet;
        if (t >= tMin && t < best) {
          best = t;
          bestIndex = i;
          bestU = u;
          bestV = v;
        }
      }
      if (top == 0) break;
      nodeIndex = stack[--top];
      continue;
    }
    const uint32_t left = node.first, right = node.first + 1;
    const float tLeft = rayBoxEntry(m_nodes[left].lo, m_nodes[left].hi, origin, invDir, tMin, best);
    const float tRight = rayBoxEntry(m_nodes[right].lo, m_nodes[right].hi, origin, invDir, tMin, best);
    if (tLeft == INFINITY && tRight == INFINITY) {
      if (top == 0) break;
      nodeIndex = stack[--top];
    } else if (tLeft == INFINITY) {
      nodeIndex = right;
    } else if (tRight == INFINITY) {
      nodeIndex = left;
    } else if (tLeft <= tRight) {
      stack[top++] = right;
      nodeIndex = left;
    } else {
      stack[top++] = left;
      nodeIndex = right;
    }
  }
  if (bestIndex == UINT32_MAX) return std::nullopt;
  RayHit hit;
  hit.distanceMm = best;
  hit.triangle = m_triangleIds[bestIndex];
  hit.point = origin + best * direction;
  hit.u = bestU;
  hit.v = bestV;
  return hit;
}

glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b,
                                 const glm::vec3& c) {
  const glm::vec3 ab = b - a, ac = c - a, ap = p - a;
  const float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
  if (d1 <= 0.0f && d2 <= 0.0f) return a;
  const glm::vec3 bp = p - b;
  const float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
  if (d3 >= 0.0f && d4 <= d3) return b;
  const float vc = d1 * d4 - d3 * d2;
  if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) return a + ab * (d1 / (d1 - d3));
  const glm::vec3 cp = p - c;
  const float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
  if (d6 >= 0.0f && d5 <= d6) return c;
  const float vb = d5 * d2 - d1 * d6;
  if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) return a + ac * (d2 / (d2 - d6));
  const float va = d3 * d6 - d5 * d4;
  if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f)
    return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
  const float denom = 1.0f / (va + vb + vc);
  return a + ab * (vb * denom) + ac * (vc * denom);
}

std::optional<ClosestPoint> Bvh::closestPoint(const glm::vec3& p, float maxDistanceMm) const {
  if (m_nodes.empty()) return std::nullopt;
  float best2 = maxDistanceMm * maxDistanceMm;
  uint32_t bestIndex = UINT32_MAX;
  glm::vec3 bestPoint(0.0f);

  struct Entry {
    uint32_t node;
    float d2;
  };
  Entry stack[64];
  int top = 0;
  stack[top++] = {0, pointBoxDistance2(m_nodes[0].lo, m_nodes[0].hi, p)};
  while (top > 0) {
    const Entry entry = stack[--top];
    if (entry.d2 > best2) continue;
    const Node& node = m_nodes[entry.node];
    if (node.count > 0) {
      for (uint32_t i = node.first, e = node.first + node.count; i < e; ++i) {
        const TriangleData& tri = m_triangles[i];
        const glm::vec3 q = closestPointOnTriangle(p, tri.v0, tri.v0 + tri.e1, tri.v0 + tri.e2);
        const glm::vec3 d = q - p;
        const float d2 = glm::dot(d, d);
        if (d2 <= best2) {
          best2 = d2;
          bestIndex = i;
          bestPoint = q;
        }
      }
      continue;
    }
    const uint32_t left = node.first, right = node.first + 1;
    const float dl = pointBoxDistance2(m_nodes[left].lo, m_nodes[left].hi, p);
    const float dr = pointBoxDistance2(m_nodes[right].lo, m_nodes[right].hi, p);
    // Push the farther child first so the nearer is visited first.
    if (dl <= dr) {
      if (dr <= best2) stack[top++] = {right, dr};
      if (dl <= best2) stack[top++] = {left, dl};
    } else {
      if (dl <= best2) stack[top++] = {left, dl};
      if (dr <= best2) stack[top++] = {right, dr};
    }
  }
  if (bestIndex == UINT32_MAX) return std::nullopt;
  return ClosestPoint{std::sqrt(best2), m_triangleIds[bestIndex], bestPoint};
}

}  // namespace mnsim
