#include "mnsim/geometry/bvh.h"

#include <cmath>
#include <cstring>

#include <glm/geometric.hpp>

#include "geometry/bvh_arena.h"

// The queries; the build is in bvh_build.cpp.
namespace mnsim {

using namespace bvh_detail;

namespace {

// A hair of tolerance on the barycentric bounds keeps rays that run exactly along a shared edge
// from slipping between its two triangles (the nearest hit wins either way).
constexpr float kEdgeTolerance = 1e-5f;

// Traversal stacks: every 4-wide level pushes at most three entries and the 4-wide depth is at
// most the binary depth (kMaxDepth + log2 of the triangle count, at most 64).
constexpr int kStackSize = 3 * 64 + 4;

struct StackEntry {
  int32_t item;    // node (>= 0) or leaf (< 0)
  float distance;  // ray: entry distance of its box; closest point: squared distance to its box
  uint32_t ahead;  // an inner node's children block
};

// Orders the children hit in a node as the traversal visits them: nearest first, and among
// equally near ones the later child first. Which of several equally near triangles a query
// reports depends on this order, and scoring on that triangle: the order must not change.
// Returns how many; order[count - 1] is visited next, the others are pushed from order[0] up.
inline int orderChildren(unsigned bits, const unsigned char* node, v4f distance, StackEntry* order) {
  int count = 0;
  for (; bits != 0; bits &= bits - 1) {
    const int c = lowestLane(bits);
    const float d = distance[c];
    int k = count++;
    while (k > 0 && order[k - 1].distance < d) {
      order[k] = order[k - 1];
      --k;
    }
    order[k] = {childOf(node, c), d, aheadOf(node, c)};
  }
  return count;
}

// Pushes order[0 .. count - 2] (count is 2 to 4) with one fixed-size copy of three entries,
// whatever count is (entries past count - 2 land above the top and are never read): cheaper
// than a loop, which compilers may even turn into a slow block copy.
inline void pushAllButLast(StackEntry* stack, int& top, const StackEntry* order, int count) {
  std::memcpy(stack + top, order, 3 * sizeof(StackEntry));
  top += count - 1;
}

// Goes down into the children of node n whose bits are set: the next item is the first to
// visit, the others are pushed (see orderChildren; one or two children take a shortcut that
// gives the same order).
[[gnu::always_inline]] inline void descend(const unsigned char* arena, const unsigned char* n, unsigned bits,
                                           v4f distance, StackEntry* stack, int& top, int32_t& item) {
  if ((bits & (bits - 1)) == 0) {
    const int c = lowestLane(bits);
    item = childOf(n, c);
    fetchAhead(arena, aheadOf(n, c));
    return;
  }
  const unsigned rest = bits & (bits - 1);
  if ((rest & (rest - 1)) == 0) {
    // Two children, ordered as orderChildren would: the later one first unless the earlier one
    // is strictly nearer.
    const int c0 = lowestLane(bits), c1 = lowestLane(rest);
    const int first = distance[c0] < distance[c1] ? c0 : c1, second = c0 + c1 - first;
    stack[top++] = {childOf(n, second), distance[second], aheadOf(n, second)};
    item = childOf(n, first);
    fetchAhead(arena, aheadOf(n, first));
    return;
  }
  StackEntry order[4];
  const int count = orderChildren(bits, n, distance, order);
  pushAllButLast(stack, top, order, count);
  item = order[count - 1].item;
  fetchAhead(arena, order[count - 1].ahead);
}

}  // namespace

Aabb Bvh::bounds() const { return m_bounds; }

std::optional<RayHit> Bvh::raycast(const glm::vec3& origin, const glm::vec3& direction, float tMin,
                                   float tMax) const {
  if (m_arena.empty()) return std::nullopt;
  // A zero component gets a huge finite reciprocal rather than infinity: with infinity, a ray
  // lying exactly in a box's face plane computes 0 * inf = NaN and misses the box.
  float inv[3];
  for (int k = 0; k < 3; ++k) inv[k] = direction[k] != 0.0f ? 1.0f / direction[k] : std::copysign(1e30f, direction[k]);
  // Per axis, the slab plane the ray crosses first: lo for a positive reciprocal, hi for a
  // negative one. (plane - origin) * inv is monotonic in the plane, so the near and far values
  // are exactly the min and max of the two slab distances, without computing both and sorting.
  const size_t nearX = inv[0] < 0.0f ? 48 : 0, nearY = inv[1] < 0.0f ? 64 : 16, nearZ = inv[2] < 0.0f ? 80 : 32;
  const size_t farX = 48 - nearX, farY = 80 - nearY, farZ = 112 - nearZ;
  const v4f ox = splat(origin.x), oy = splat(origin.y), oz = splat(origin.z);
  const v4f ix = splat(inv[0]), iy = splat(inv[1]), iz = splat(inv[2]);
  const v4f dx = splat(direction.x), dy = splat(direction.y), dz = splat(direction.z);
  const v4f vTMin = splat(tMin);
  const unsigned char* arena = m_arena.data()->bytes;

  float best = tMax;
  uint32_t bestId = UINT32_MAX;
  float bestU = 0.0f, bestV = 0.0f;
  StackEntry stack[kStackSize];
  int top = 0;
  int32_t item = 0;
  for (;;) {
    if (item >= 0) {
      const unsigned char* n = arena + size_t(item) * 16;
      const v4f enter = vmax(vmax((loadAt(n + nearX) - ox) * ix, (loadAt(n + nearY) - oy) * iy),
                             vmax((loadAt(n + nearZ) - oz) * iz, vTMin));
      const v4f exit = vmin(vmin((loadAt(n + farX) - ox) * ix, (loadAt(n + farY) - oy) * iy),
                            vmin((loadAt(n + farZ) - oz) * iz, splat(best)));
      // Unused children have empty boxes, which no finite ray enters; the check of the child
      // itself is for rays with a NaN, which pass every box test.
      v4i used;
      std::memcpy(&used, n + kChildOffset, sizeof used);
      const unsigned hits = laneBits((enter <= exit) & (used != v4i{kEmpty, kEmpty, kEmpty, kEmpty}));
      if (hits != 0) {
        descend(arena, n, hits, enter, stack, top, item);
        continue;
      }
    } else {
      // Up to four triangles at once (Moller-Trumbore).
      const uint32_t code = ~static_cast<uint32_t>(item);
      const uint32_t k = (code & 3u) + 1;
      const unsigned char* p = arena + size_t(code >> 2) * 16;
      const size_t row = 4 * k;
      const v4f e1x = loadAt(p + 3 * row), e1y = loadAt(p + 4 * row), e1z = loadAt(p + 5 * row);
      const v4f e2x = loadAt(p + 6 * row), e2y = loadAt(p + 7 * row), e2z = loadAt(p + 8 * row);
      const v4f px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
      const v4f det = e1x * px + e1y * py + e1z * pz;
      const v4f invDet = splat(1.0f) / det;
      const v4f sx = ox - loadAt(p), sy = oy - loadAt(p + row), sz = oz - loadAt(p + 2 * row);
      const v4f u = (sx * px + sy * py + sz * pz) * invDet;
      const v4f qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
      const v4f v = (dx * qx + dy * qy + dz * qz) * invDet;
      const v4f t = (e2x * qx + e2y * qy + e2z * qz) * invDet;
      const v4f absDet = det < splat(0.0f) ? -det : det;
      const v4i ok = kLanes[k - 1] & (absDet > splat(1e-12f)) & (u >= splat(-kEdgeTolerance)) &
                     (v >= splat(-kEdgeTolerance)) & (u + v <= splat(1.0f + kEdgeTolerance)) & (t >= vTMin) &
                     (t < splat(best));
      // In lane order, each lane only taking a strictly nearer hit: ties go to the lower lane.
      for (unsigned bits = laneBits(ok); bits != 0; bits &= bits - 1) {
        const int lane = lowestLane(bits);
        if (t[lane] < best) {
          best = t[lane];
          std::memcpy(&bestId, p + 9 * row + 4 * lane, sizeof bestId);
          bestU = u[lane];
          bestV = v[lane];
        }
      }
    }
    // Next: the top of the stack. An inner node whose box starts beyond the nearest hit so far
    // holds nothing nearer (its children's boxes lie inside its own, so they would all fail the
    // box test). Leaves are always tested, as before: a triangle's rounded distance may come out
    // a hair before its box's, and which of two such near-equal hits wins must not change.
    for (;;) {
      if (top == 0) goto done;
      const StackEntry& e = stack[--top];
      if (e.item >= 0 && e.distance > best) continue;
      item = e.item;
      fetchAhead(arena, e.ahead);
      break;
    }
  }
done:
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

namespace {

// The nearest point of the leaf item's triangles to p, taken over the current best when at most
// as far (best2 squared millimetres): the leaf step of Bvh::closestPoint.
[[gnu::always_inline]] inline void nearestInLeaf(const unsigned char* arena, int32_t item, v4f px, v4f py,
                                                 v4f pz, float& best2, uint32_t& bestId,
                                                 glm::vec3& bestPoint) {
  const v4f zero = splat(0.0f);
  const uint32_t code = ~static_cast<uint32_t>(item);
  const uint32_t k = (code & 3u) + 1;
  const unsigned char* leaf = arena + size_t(code >> 2) * 16;
  const size_t row = 4 * k;
  // closestPointOnTriangle(p, a, a + e1, a + e2) on four triangles at once: the same
  // operations in the same order, every region's point computed and, per lane, the first
  // region that applies selected, so each lane gets the very bits of the scalar function.
  const v4f ax = loadAt(leaf), ay = loadAt(leaf + row), az = loadAt(leaf + 2 * row);
  const v4f bx = ax + loadAt(leaf + 3 * row), by = ay + loadAt(leaf + 4 * row), bz = az + loadAt(leaf + 5 * row);
  const v4f cx = ax + loadAt(leaf + 6 * row), cy = ay + loadAt(leaf + 7 * row), cz = az + loadAt(leaf + 8 * row);
  const v4f abx = bx - ax, aby = by - ay, abz = bz - az;
  const v4f acx = cx - ax, acy = cy - ay, acz = cz - az;
  const v4f apx = px - ax, apy = py - ay, apz = pz - az;
  const v4f d1 = abx * apx + aby * apy + abz * apz, d2 = acx * apx + acy * apy + acz * apz;
  const v4f bpx = px - bx, bpy = py - by, bpz = pz - bz;
  const v4f d3 = abx * bpx + aby * bpy + abz * bpz, d4 = acx * bpx + acy * bpy + acz * bpz;
  const v4f cpx = px - cx, cpy = py - cy, cpz = pz - cz;
  const v4f d5 = abx * cpx + aby * cpy + abz * cpz, d6 = acx * cpx + acy * cpy + acz * cpz;
  const v4f vc = d1 * d4 - d3 * d2, vb = d5 * d2 - d1 * d6, va = d3 * d6 - d5 * d4;
  const v4f d43 = d4 - d3, d56 = d5 - d6;
  // The regions in the scalar function's order; each takes the lanes no earlier one took.
  v4i left = kLanes[k - 1];
  const v4i inA = left & (d1 <= zero) & (d2 <= zero);
  left &= ~inA;
  const v4i inB = left & (d3 >= zero) & (d4 <= d3);
  left &= ~inB;
  const v4i inAB = left & (vc <= zero) & (d1 >= zero) & (d3 <= zero);
  left &= ~inAB;
  const v4i inC = left & (d6 >= zero) & (d5 <= d6);
  left &= ~inC;
  const v4i inAC = left & (vb <= zero) & (d2 >= zero) & (d6 <= zero);
  left &= ~inAC;
  const v4i inBC = left & (va <= zero) & (d43 >= zero) & (d56 >= zero);
  const v4i inFace = left & ~inBC;
  v4f qx = zero, qy = zero, qz = zero;
  auto take = [&](v4i where, v4f x, v4f y, v4f z) {
    qx = where ? x : qx;
    qy = where ? y : qy;
    qz = where ? z : qz;
  };
  // Only the regions some lane is in are computed (each costs a division).
  if (laneBits(inFace)) {
    const v4f denom = splat(1.0f) / (va + vb + vc);
    const v4f sb = vb * denom, sc = vc * denom;
    take(inFace, ax + abx * sb + acx * sc, ay + aby * sb + acy * sc, az + abz * sb + acz * sc);
  }
  if (laneBits(inBC)) {
    const v4f w = d43 / (d43 + d56);
    take(inBC, bx + (cx - bx) * w, by + (cy - by) * w, bz + (cz - bz) * w);
  }
  if (laneBits(inAC)) {
    const v4f w = d2 / (d2 - d6);
    take(inAC, ax + acx * w, ay + acy * w, az + acz * w);
  }
  take(inC, cx, cy, cz);
  if (laneBits(inAB)) {
    const v4f w = d1 / (d1 - d3);
    take(inAB, ax + abx * w, ay + aby * w, az + abz * w);
  }
  take(inB, bx, by, bz);
  take(inA, ax, ay, az);
  const v4f ddx = qx - px, ddy = qy - py, ddz = qz - pz;
  const v4f dist2 = ddx * ddx + ddy * ddy + ddz * ddz;
  // In lane order, each lane taking a point at most as far: ties go to the higher lane.
  const v4i candidates = kLanes[k - 1] & (dist2 <= splat(best2));
  for (unsigned bits = laneBits(candidates); bits != 0; bits &= bits - 1) {
    const int lane = lowestLane(bits);
    if (dist2[lane] <= best2) {
      best2 = dist2[lane];
      std::memcpy(&bestId, leaf + 9 * row + 4 * lane, sizeof bestId);
      bestPoint = glm::vec3(qx[lane], qy[lane], qz[lane]);
    }
  }
}

}  // namespace

std::optional<ClosestPoint> Bvh::closestPoint(const glm::vec3& p, float maxDistanceMm) const {
  if (m_arena.empty()) return std::nullopt;
  float best2 = maxDistanceMm * maxDistanceMm;
  uint32_t bestId = UINT32_MAX;
  glm::vec3 bestPoint(0.0f);
  const v4f px = splat(p.x), py = splat(p.y), pz = splat(p.z), zero = splat(0.0f);
  const unsigned char* arena = m_arena.data()->bytes;

  StackEntry stack[kStackSize];
  int top = 0;
  int32_t item = 0;
  for (;;) {
    if (item >= 0) {
      const unsigned char* n = arena + size_t(item) * 16;
      const v4f gx = vmax(vmax(loadAt(n) - px, px - loadAt(n + 48)), zero);
      const v4f gy = vmax(vmax(loadAt(n + 16) - py, py - loadAt(n + 64)), zero);
      const v4f gz = vmax(vmax(loadAt(n + 32) - pz, pz - loadAt(n + 80)), zero);
      const v4f d2 = gx * gx + gy * gy + gz * gz;
      v4i used;
      std::memcpy(&used, n + kChildOffset, sizeof used);
      const unsigned near = laneBits((d2 <= splat(best2)) & (used != v4i{kEmpty, kEmpty, kEmpty, kEmpty}));
      if (near != 0) {
        descend(arena, n, near, d2, stack, top, item);
        continue;
      }
    } else {
      nearestInLeaf(arena, item, px, py, pz, best2, bestId, bestPoint);
    }
    // Next: the top of the stack, unless its box is already farther than the nearest point.
    for (;;) {
      if (top == 0) goto done;
      const StackEntry& e = stack[--top];
      if (e.distance > best2) continue;
      item = e.item;
      fetchAhead(arena, e.ahead);
      break;
    }
  }
done:
  if (bestId == UINT32_MAX) return std::nullopt;
  return ClosestPoint{std::sqrt(best2), bestId, bestPoint};
}

}  // namespace mnsim
