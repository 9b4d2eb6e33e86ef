#include "mnsim/geometry/mesh.h"

#include <cmath>

#include <glm/geometric.hpp>

namespace mnsim {

glm::vec3 TriMesh::faceNormal(size_t triangle) const {
  const glm::vec3 a = corner(triangle, 0), b = corner(triangle, 1), c = corner(triangle, 2);
  const glm::vec3 n = glm::cross(b - a, c - a);
  const float len = glm::length(n);
  return len > 0.0f ? n / len : glm::vec3(0.0f);
}

double TriMesh::triangleAreaMm2(size_t triangle) const {
  const glm::dvec3 a = corner(triangle, 0), b = corner(triangle, 1), c = corner(triangle, 2);
  return 0.5 * glm::length(glm::cross(b - a, c - a));
}

glm::vec3 TriMesh::centroid(size_t triangle) const {
  return (corner(triangle, 0) + corner(triangle, 1) + corner(triangle, 2)) / 3.0f;
}

double TriMesh::totalAreaMm2() const {
  double sum = 0.0;
  for (size_t t = 0; t < triangles.size(); ++t) sum += triangleAreaMm2(t);
  return sum;
}

void TriMesh::computeVertexNormals() {
  vertexNormals.assign(positions.size(), glm::vec3(0.0f));
  for (size_t t = 0; t < triangles.size(); ++t) {
    const glm::vec3 a = corner(t, 0), b = corner(t, 1), c = corner(t, 2);
    const glm::vec3 n = glm::cross(b - a, c - a);  // length = 2 * area: area weighting
    for (int k = 0; k < 3; ++k) vertexNormals[triangles[t][k]] += n;
  }
  for (glm::vec3& n : vertexNormals) {
    const float len = glm::length(n);
    n = len > 0.0f ? n / len : glm::vec3(0.0f, 0.0f, 1.0f);
  }
}

void Aabb::grow(const glm::vec3& p) {
  lo = glm::min(lo, p);
  hi = glm::max(hi, p);
}

void Aabb::grow(const Aabb& box) {
  lo = glm::min(lo, box.lo);
  hi = glm::max(hi, box.hi);
}

float Aabb::surfaceArea() const {
  if (empty()) return 0.0f;
  const glm::vec3 e = extent();
  return 2.0f * (e.x * e.y + e.y * e.z + e.z * e.x);
}

Aabb meshBounds(const TriMesh& mesh) {
  Aabb box;
  for (const glm::vec3& p : mesh.positions) box.grow(p);
  return box;
}

std::string meshProblem(const TriMesh& mesh) {
  if (mesh.triangles.empty()) return "the mesh has no triangles";
  for (size_t i = 0; i < mesh.positions.size(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z))
      return "vertex " + std::to_string(i) + " has a coordinate that is not a finite number";
  }
  const auto n = static_cast<uint32_t>(mesh.positions.size());
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    if (tri.x >= n || tri.y >= n || tri.z >= n)
      return "triangle " + std::to_string(t) + " refers to a vertex that does not exist";
  }
  if (!mesh.triangleGroup.empty() && mesh.triangleGroup.size() != mesh.triangles.size())
    return "the per-triangle group list does not match the triangle count";
  return {};
}

}  // namespace mnsim
