// Texture atlas for the drawing mesh: the surface is cut into charts of gently curved
// triangles, each chart is flattened with least-squares conformal maps (Levy et al. 2002) and
// scaled to the same texel density, and the charts are packed into the unit square with gutters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <mnsim/geometry/mesh.h>

namespace headgen {

struct AtlasDesc {
  int sizeTexels = 2048;      // the atlas is sizeTexels x sizeTexels
  int gutterTexels = 3;       // empty texels kept around each chart (so >= 2 x this between charts)
  double maxConeDeg = 55.0;   // a chart's normals stay within this angle of its mean normal
  double maxChartAreaMm2 = 9000.0;
};

struct Atlas {
  // The mesh with vertices split along chart seams: positions, per-vertex UVs in [0,1]^2,
  // triangles (same order and count as the input), and the source vertex of each vertex.
  std::vector<glm::vec3> positions;
  std::vector<glm::vec2> uvs;
  std::vector<glm::uvec3> triangles;
  std::vector<uint32_t> sourceVertex;
  std::vector<uint32_t> triangleChart;  // chart per triangle
  size_t chartCount = 0;
  double texelsPerMm = 0.0;             // texel density (uniform over the charts)
  double coverage = 0.0;                // fraction of the square covered by charts
};

// Throws std::runtime_error if no packing fits.
Atlas buildAtlas(const mnsim::TriMesh& mesh, const AtlasDesc& desc);

// Texels whose centre lies inside two different triangles (0 for a valid atlas), counted at the
// given resolution.
size_t countOverlappingTexels(const std::vector<glm::vec2>& uvs, const std::vector<glm::uvec3>& triangles, int size);

}  // namespace headgen
