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
class Bvh {
 public:
  static constexpr int kMaxLeafSize = 4;

  Bvh() = default;
  // All triangles of the mesh.
  static Bvh build(const TriMesh& mesh);
  // Only the listed triangles; results still name the mesh's triangle indices.
  static Bvh build(const TriMesh& mesh, std::span<const uint32_t> triangles);

  bool empty() const { return m_triangleIds.empty(); }
  size_t triangleCount() const { return m_triangleIds.size(); }
  size_t nodeCount() const { return m_nodes.size(); }  // 4-wide nodes
  Aabb bounds() const;

  // Nearest hit along origin + t * direction with tMin <= t <= tMax; direction need not be unit
  // (distanceMm is then in units of |direction|). Both faces count.
  std::optional<RayHit> raycast(const glm::vec3& origin, const glm::vec3& direction,
                                float tMin = 0.0f, float tMax = 1e30f) const;

  // Nearest surface point within maxDistanceMm of p, if any.
  std::optional<ClosestPoint> closestPoint(const glm::vec3& p, float maxDistanceMm = 1e30f) const;

 private:
  // A 4-wide node: the boxes of up to four children side by side, tested in one go.
  struct alignas(16) Node4 {
    float lo[3][4];    // per axis, per child
    float hi[3][4];
    int32_t child[4];  // >= 0: inner node; < 0: leaf, packet -(child + 1); kEmpty: no child
  };
  // Up to four triangles, side by side, intersected in one go.
  struct alignas(16) Packet {
    float v0[3][4];  // corner 0 per axis, per triangle
    float e1[3][4];  // edge to corner 1
    float e2[3][4];  // edge to corner 2
    uint32_t id[4];  // mesh triangle index; UINT32_MAX in unused lanes
  };
  static constexpr int32_t kEmpty = INT32_MIN;

  std::vector<Node4> m_nodes;
  std::vector<Packet> m_packets;
  std::vector<uint32_t> m_triangleIds;  // every triangle indexed, in build order
  Aabb m_bounds;

  friend struct BvhBuilder;
};

// Closest point on triangle abc to p (Ericson, Real-Time Collision Detection, 5.1.5).
glm::vec3 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b,
                                 const glm::vec3& c);

}  // namespace mnsim
