// Bounding volume hierarchy over a triangle mesh: ray casts and closest-point queries.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/geometry/mesh.h"

namespace mnsim {

struct RayHit {
  float distanceMm = 0.0f;  // along the (unit) ray direction from its origin
  uint32_t triangle = 0;    // index into the mesh the BVH was built from
  glm::vec3 point{0.0f};    // hit point, mm
  float u = 0.0f, v = 0.0f; // barycentric coordinates of the hit (weights of corners 1 and 2)
};

struct ClosestPoint {
  float distanceMm = 0.0f;  // from the query point
  uint32_t triangle = 0;    // index into the mesh the BVH was built from
  glm::vec3 point{0.0f};    // nearest point on the surface, mm
};

// Build: binned surface-area heuristic into a binary tree with leaves of at most kMaxLeafSize
// triangles, then collapsed into 4-wide nodes whose boxes and triangles are tested four at a
// time. Queries are const and thread-safe.
//
// Results are the same bits on every machine (baseline float operations only, no FMA, no
// run-time choice of instructions). Where several triangles are equally near, the answer is the
// first one the search meets (ray) or the last (closest point), so it depends on the tree and
// the order of the search (nearest child box first): both are part of the results, which scoring
// depends on, and must not change without a reason.
class Bvh {
 public:
  static constexpr int kMaxLeafSize = 4;

  Bvh() = default;
  // All triangles of the mesh.
  static Bvh build(const TriMesh& mesh);
  // Only the listed triangles; results still name the mesh's triangle indices.
  static Bvh build(const TriMesh& mesh, std::span<const uint32_t> triangles);

  bool empty() const { return m_triangleCount == 0; }
  size_t triangleCount() const { return m_triangleCount; }
  size_t nodeCount() const { return m_nodeCount; }  // 4-wide nodes
  size_t memoryBytes() const { return m_arena.size() * sizeof(Line); }  // nodes and triangles
  Aabb bounds() const;

  // Nearest hit along origin + t * direction with tMin <= t <= tMax; direction need not be unit
  // (distanceMm is then in units of |direction|). Both faces count.
  std::optional<RayHit> raycast(const glm::vec3& origin, const glm::vec3& direction,
                                float tMin = 0.0f, float tMax = 1e30f) const;

  // Nearest surface point within maxDistanceMm of p, if any.
  std::optional<ClosestPoint> closestPoint(const glm::vec3& p, float maxDistanceMm = 1e30f) const;

 private:
  // Nodes and leaves share one arena of cache lines (layout in engine/src/geometry/bvh_arena.h):
  // the children of a node lie side by side, so that they can be fetched ahead in one go.
  struct alignas(64) Line {
    unsigned char bytes[64];
  };
  std::vector<Line> m_arena;
  size_t m_nodeCount = 0;
  size_t m_triangleCount = 0;
  Aabb m_bounds;
};

// Closest point on triangle abc to p (Ericson, Real-Time Collision Detection, 5.1.5).
glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b,
                                 const glm::vec3& c);

}  // namespace mnsim
