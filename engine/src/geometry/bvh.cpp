#include "mnsim/geometry/bvh.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include <glm/geometric.hpp>

namespace mnsim {

namespace {

constexpr int kBins = 16;
// A hair of tolerance on the barycentric bounds keeps rays that run exactly along a shared edge
// from slipping between its two triangles (the nearest hit wins either way).
constexpr float kEdgeTolerance = 1e-5f;
constexpr int kMaxDepth = 32;  // + log2(triangles) of plain halving stays within the stacks

// Four floats processed together (SSE on x86, NEON on ARM, through GCC's vector extensions).
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

inline v4f load(const float* p) {
  v4f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline v4f splat(float x) { return v4f{x, x, x, x}; }
inline v4f vmin(v4f a, v4f b) { return a < b ? a : b; }
inline v4f vmax(v4f a, v4f b) { return a > b ? a : b; }

// Binary BVH used while building; collapsed into 4-wide nodes afterwards.
struct Node2 {
  Aabb box;
  uint32_t first = 0;  // leaf: first index into the ordered triangle ids; inner: left child
  uint32_t count = 0;  // leaf: triangles; inner: 0 (right child = left + 1)
};

}  // namespace

struct BvhBuilder {
  const TriMesh& mesh;
  std::vector<uint32_t> ids;         // triangle ids, reordered during the build
  std::vector<Aabb> boxes;           // parallel to ids
  std::vector<glm::vec3> centroids;  // parallel to ids
  std::vector<Node2> nodes;

  void build(uint32_t nodeIndex, uint32_t begin, uint32_t end, int depth) {
    Aabb box, centroidBox;
    for (uint32_t i = begin; i < end; ++i) {
      box.grow(boxes[i]);
      centroidBox.grow(centroids[i]);
    }
    nodes[nodeIndex].box = box;
    const uint32_t count = end - begin;
    auto makeLeaf = [&] {
      nodes[nodeIndex].first = begin;
      nodes[nodeIndex].count = count;
    };
    if (count <= 1) return makeLeaf();

    // Binned SAH over every axis with some centroid extent.
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
    // Leaves are intersected four triangles at a time: a full leaf costs no more than one
    // triangle, so any range that fits one becomes a leaf.
    if (count <= Bvh::kMaxLeafSize) return makeLeaf();

    // Deep trees only come from pathological input; plain halving keeps the stacks safe.
    if (depth >= kMaxDepth) bestAxis = -1;
    uint32_t mid = begin + count / 2;
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
      mid = (i == begin || i == end) ? begin + count / 2 : i;
    }
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
  BvhBuilder b{mesh, {triangles.begin(), triangles.end()}, {}, {}, {}};
  b.boxes.resize(triangles.size());
  b.centroids.resize(triangles.size());
  for (size_t i = 0; i < triangles.size(); ++i) {
    Aabb box;
    for (int k = 0; k < 3; ++k) box.grow(mesh.corner(triangles[i], k));
    b.boxes[i] = box;
    b.centroids[i] = box.center();
  }
  b.nodes.reserve(2 * triangles.size());
  b.nodes.push_back({});
  b.build(0, 0, static_cast<uint32_t>(triangles.size()), 0);
  bvh.m_bounds = b.nodes[0].box;
  bvh.m_triangleIds = b.ids;

  // Collapse: every 4-wide node takes up to four descendants of a binary node, always opening
  // the largest inner one, so that one box test stands for several binary levels.
  auto makePacket = [&](const Node2& leaf) {
    Packet p{};
    for (int lane = 0; lane < 4; ++lane) {
      p.id[lane] = UINT32_MAX;
      if (lane >= static_cast<int>(leaf.count)) continue;  // unused lanes stay degenerate (zeros)
      const uint32_t t = b.ids[leaf.first + lane];
      const glm::vec3 a = mesh.corner(t, 0), e1 = mesh.corner(t, 1) - a, e2 = mesh.corner(t, 2) - a;
      for (int k = 0; k < 3; ++k) {
        p.v0[k][lane] = a[k];
        p.e1[k][lane] = e1[k];
        p.e2[k][lane] = e2[k];
      }
      p.id[lane] = t;
    }
    bvh.m_packets.push_back(p);
    return -static_cast<int32_t>(bvh.m_packets.size());  // -(index + 1)
  };
  auto collapse = [&](auto&& self, uint32_t binary) -> int32_t {
    const Node2& root = b.nodes[binary];
    if (root.count > 0) {
      // A lone leaf (a tree of four triangles or fewer) still gets a node above it.
      const int32_t index = static_cast<int32_t>(bvh.m_nodes.size());
      bvh.m_nodes.push_back({});
      Node4& n = bvh.m_nodes[index];
      for (int c = 0; c < 4; ++c) n.child[c] = kEmpty;
      for (int k = 0; k < 3; ++k) {
        n.lo[k][0] = root.box.lo[k];
        n.hi[k][0] = root.box.hi[k];
      }
      n.child[0] = makePacket(root);
      return index;
    }
    uint32_t members[4] = {root.first, root.first + 1, 0, 0};
    int count = 2;
    while (count < 4) {
      int open = -1;
      float largest = -1.0f;
      for (int c = 0; c < count; ++c) {
        const Node2& m = b.nodes[members[c]];
        if (m.count == 0 && m.box.surfaceArea() > largest) {
          largest = m.box.surfaceArea();
          open = c;
        }
      }
      if (open < 0) break;
      const uint32_t left = b.nodes[members[open]].first;
      members[open] = left;
      members[count++] = left + 1;
    }
    const int32_t index = static_cast<int32_t>(bvh.m_nodes.size());
    bvh.m_nodes.push_back({});
    int32_t children[4] = {kEmpty, kEmpty, kEmpty, kEmpty};
    for (int c = 0; c < count; ++c) {
      const Node2& m = b.nodes[members[c]];
      children[c] = m.count > 0 ? makePacket(m) : self(self, members[c]);
    }
    Node4& n = bvh.m_nodes[index];  // after the recursion: the vector may have moved
    for (int c = 0; c < 4; ++c) {
      n.child[c] = children[c];
      for (int k = 0; k < 3; ++k) {
        n.lo[k][c] = c < count ? b.nodes[members[c]].box.lo[k] : 0.0f;
        n.hi[k][c] = c < count ? b.nodes[members[c]].box.hi[k] : 0.0f;
      }
    }
    return index;
  };
  bvh.m_nodes.reserve(triangles.size() / 2 + 1);
  bvh.m_packets.reserve(triangles.size() / 2 + 1);
  collapse(collapse, 0);
  return bvh;
}

Aabb Bvh::bounds() const { return m_bounds; }

std::optional<RayHit> Bvh::raycast(const glm::vec3& origin, const glm::vec3& direction, float tMin,
                                   float tMax) const {
  if (m_nodes.empty()) return std::nullopt;
  // A zero component gets a huge finite reciprocal rather than infinity: with infinity, a ray
  // lying exactly in a box's face plane computes 0 * inf = NaN and misses the box.
  float inv[3];
  for (int k = 0; k < 3; ++k) inv[k] = direction[k] != 0.0f ? 1.0f / direction[k] : std::copysign(1e30f, direction[k]);
  const v4f ox = splat(origin.x), oy = splat(origin.y), oz = splat(origin.z);
  const v4f ix = splat(inv[0]), iy = splat(inv[1]), iz = splat(inv[2]);
  const v4f dx = splat(direction.x), dy = splat(direction.y), dz = splat(direction.z);
  const v4f vTMin = splat(tMin);

  float best = tMax;
  uint32_t bestId = UINT32_MAX;
  float bestU = 0.0f, bestV = 0.0f;
  int32_t stack[96];
  int top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const int32_t item = stack[--top];
    if (item < 0) {
      // Four triangles at once (Moller-Trumbore).
      const Packet& p = m_packets[-item - 1];
      const v4f e1x = load(p.e1[0]), e1y = load(p.e1[1]), e1z = load(p.e1[2]);
      const v4f e2x = load(p.e2[0]), e2y = load(p.e2[1]), e2z = load(p.e2[2]);
      const v4f px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
      const v4f det = e1x * px + e1y * py + e1z * pz;
      const v4f invDet = splat(1.0f) / det;
      const v4f sx = ox - load(p.v0[0]), sy = oy - load(p.v0[1]), sz = oz - load(p.v0[2]);
      const v4f u = (sx * px + sy * py + sz * pz) * invDet;
      const v4f qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
      const v4f v = (dx * qx + dy * qy + dz * qz) * invDet;
      const v4f t = (e2x * qx + e2y * qy + e2z * qz) * invDet;
      const v4f absDet = det < splat(0.0f) ? -det : det;
      const v4i ok = (absDet > splat(1e-12f)) & (u >= splat(-kEdgeTolerance)) & (v >= splat(-kEdgeTolerance)) &
                     (u + v <= splat(1.0f + kEdgeTolerance)) & (t >= vTMin) & (t < splat(best));
      for (int lane = 0; lane < 4; ++lane) {
        if (ok[lane] && t[lane] < best) {
          best = t[lane];
          bestId = p.id[lane];
          bestU = u[lane];
          bestV = v[lane];
        }
      }
      continue;
    }
    const Node4& n = m_nodes[item];
    const v4f t0x = (load(n.lo[0]) - ox) * ix, t1x = (load(n.hi[0]) - ox) * ix;
    const v4f t0y = (load(n.lo[1]) - oy) * iy, t1y = (load(n.hi[1]) - oy) * iy;
    const v4f t0z = (load(n.lo[2]) - oz) * iz, t1z = (load(n.hi[2]) - oz) * iz;
    const v4f enter = vmax(vmax(vmin(t0x, t1x), vmin(t0y, t1y)), vmax(vmin(t0z, t1z), vTMin));
    const v4f exit = vmin(vmin(vmax(t0x, t1x), vmax(t0y, t1y)), vmin(vmax(t0z, t1z), splat(best)));
    const v4i hit = enter <= exit;
    // Push the hit children farthest first, so the nearest is visited next.
    int32_t order[4];
    float distance[4];
    int hits = 0;
    for (int c = 0; c < 4; ++c) {
      if (!hit[c] || n.child[c] == kEmpty) continue;
      int k = hits++;
      while (k > 0 && distance[k - 1] < enter[c]) {
        distance[k] = distance[k - 1];
        order[k] = order[k - 1];
        --k;
      }
      distance[k] = enter[c];
      order[k] = n.child[c];
    }
    for (int k = 0; k < hits; ++k) stack[top++] = order[k];
  }
  if (bestId == UINT32_MAX) return std::nullopt;
  RayHit hit;
  hit.distanceMm = best;
  hit.triangle = bestId;
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
  uint32_t bestId = UINT32_MAX;
  glm::vec3 bestPoint(0.0f);
  const v4f px = splat(p.x), py = splat(p.y), pz = splat(p.z), zero = splat(0.0f);

  struct Entry {
    int32_t item;
    float d2;
  };
  Entry stack[96];
  int top = 0;
  stack[top++] = {0, 0.0f};
  while (top > 0) {
    const Entry entry = stack[--top];
    if (entry.d2 > best2) continue;
    if (entry.item < 0) {
      const Packet& packet = m_packets[-entry.item - 1];
      for (int lane = 0; lane < 4; ++lane) {
        if (packet.id[lane] == UINT32_MAX) continue;
        const glm::vec3 a(packet.v0[0][lane], packet.v0[1][lane], packet.v0[2][lane]);
        const glm::vec3 e1(packet.e1[0][lane], packet.e1[1][lane], packet.e1[2][lane]);
        const glm::vec3 e2(packet.e2[0][lane], packet.e2[1][lane], packet.e2[2][lane]);
        const glm::vec3 q = closestPointOnTriangle(p, a, a + e1, a + e2);
        const glm::vec3 d = q - p;
        const float d2 = glm::dot(d, d);
        if (d2 <= best2) {
          best2 = d2;
          bestId = packet.id[lane];
          bestPoint = q;
        }
      }
      continue;
    }
    const Node4& n = m_nodes[entry.item];
    const v4f gx = vmax(vmax(load(n.lo[0]) - px, px - load(n.hi[0])), zero);
    const v4f gy = vmax(vmax(load(n.lo[1]) - py, py - load(n.hi[1])), zero);
    const v4f gz = vmax(vmax(load(n.lo[2]) - pz, pz - load(n.hi[2])), zero);
    const v4f d2 = gx * gx + gy * gy + gz * gz;
    // Push the farthest first so the nearest is visited next.
    Entry order[4];
    int count = 0;
    for (int c = 0; c < 4; ++c) {
      if (n.child[c] == kEmpty || d2[c] > best2) continue;
      int k = count++;
      while (k > 0 && order[k - 1].d2 < d2[c]) {
        order[k] = order[k - 1];
        --k;
      }
      order[k] = {n.child[c], d2[c]};
    }
    for (int k = 0; k < count; ++k) stack[top++] = order[k];
  }
  if (bestId == UINT32_MAX) return std::nullopt;
  return ClosestPoint{std::sqrt(best2), bestId, bestPoint};
}

}  // namespace mnsim
