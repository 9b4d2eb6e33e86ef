#include "core/mesh_openings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include <glm/geometric.hpp>

namespace mnsim::app {

namespace {

uint64_t edgeKey(uint32_t a, uint32_t b) { return (uint64_t(a) << 32) | b; }

}  // namespace

MeshOpenings findOpenings(const TriMesh& mesh) {
  MeshOpenings out;
  // Directed edges; a boundary edge a->b is one whose reverse b->a no triangle has.
  std::unordered_map<uint64_t, int> directed;
  directed.reserve(mesh.triangles.size() * 3);
  for (const glm::uvec3& t : mesh.triangles)
    for (int k = 0; k < 3; ++k)
      if (++directed[edgeKey(t[k], t[(k + 1) % 3])] > 1) out.unknown = true;
  std::unordered_map<uint32_t, uint32_t> next;  // boundary: from -> to
  for (const auto& [key, count] : directed) {
    const uint32_t a = uint32_t(key >> 32), b = uint32_t(key & 0xffffffffu);
    if (directed.count(edgeKey(b, a))) continue;
    if (!next.emplace(a, b).second) out.unknown = true;  // two boundary edges leave one vertex
  }
  if (out.unknown) return out;
  while (!next.empty()) {
    // Walk one loop, summing Newell's normal of the loop as the mesh runs round it.
    std::vector<uint32_t> loop;
    uint32_t v = next.begin()->first;
    while (true) {
      const auto it = next.find(v);
      if (it == next.end()) break;
      loop.push_back(v);
      v = it->second;
      next.erase(it);
    }
    if (loop.empty() || v != loop.front()) {
      out.unknown = true;
      return out;
    }
    glm::dvec3 centre(0.0), newell(0.0);
    for (size_t i = 0; i < loop.size(); ++i) {
      const glm::dvec3 p(mesh.positions[loop[i]]), q(mesh.positions[loop[(i + 1) % loop.size()]]);
      centre += p;
      newell += glm::dvec3((p.y - q.y) * (p.z + q.z), (p.z - q.z) * (p.x + q.x), (p.x - q.x) * (p.y + q.y));
    }
    centre /= double(loop.size());
    if (glm::length(newell) < 1e-12) {
      out.unknown = true;
      return out;
    }
    MeshOpening o;
    o.centreMm = glm::vec3(centre);
    // The surface's boundary runs round the hole the other way from the cap that closes it.
    o.outward = glm::vec3(-glm::normalize(newell));
    for (uint32_t i : loop)
      o.unevennessMm = std::max(o.unevennessMm, std::abs(glm::dot(mesh.positions[i] - o.centreMm, o.outward)));
    out.openings.push_back(o);
  }
  return out;
}

bool insideMayShow(const MeshOpenings& openings, const glm::vec3& eyeMm) {
  if (openings.unknown) return true;
  return std::any_of(openings.openings.begin(), openings.openings.end(), [&](const MeshOpening& o) {
    return glm::dot(eyeMm - o.centreMm, o.outward) > -o.unevennessMm - 1.0f;
  });
}

}  // namespace mnsim::app
