// A triangle mesh in millimetres, in the frame of product.md §4.2 (+Y up, +Z anterior, +X patient's left).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace mnsim {

struct TriMesh {
  std::vector<glm::vec3> positions;      // vertex positions, mm
  std::vector<glm::uvec3> triangles;     // counter-clockwise seen from outside
  std::vector<uint32_t> triangleGroup;   // per triangle: index into groupNames (material), may be empty
  std::vector<std::string> groupNames;   // names of the groups (materials in the source file)
  std::vector<glm::vec3> vertexNormals;  // optional smooth normals for drawing; empty if none
  std::vector<glm::vec2> uvs;            // optional texture coordinates for drawing; empty if none

  size_t triangleCount() const { return triangles.size(); }
  glm::vec3 corner(size_t triangle, int k) const { return positions[triangles[triangle][k]]; }
  // Unit normal of a triangle (zero vector for a degenerate one).
  glm::vec3 faceNormal(size_t triangle) const;
  double triangleAreaMm2(size_t triangle) const;
  glm::vec3 centroid(size_t triangle) const;
  double totalAreaMm2() const;
  // Smooth vertex normals, area-weighted, into vertexNormals.
  void computeVertexNormals();
};

struct Aabb {
  glm::vec3 lo{1e30f};   // minimum corner
  glm::vec3 hi{-1e30f};  // maximum corner

  void grow(const glm::vec3& p);
  void grow(const Aabb& box);
  bool empty() const { return lo.x > hi.x; }
  glm::vec3 center() const { return (lo + hi) * 0.5f; }
  glm::vec3 extent() const { return hi - lo; }
  float surfaceArea() const;
};

Aabb meshBounds(const TriMesh& mesh);

// Checks that every index is in range and every position finite.
// Returns an empty string when the mesh is usable, else the reason.
std::string meshProblem(const TriMesh& mesh);

}  // namespace mnsim
