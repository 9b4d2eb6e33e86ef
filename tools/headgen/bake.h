// Baking onto the drawing mesh's atlas, texel by texel, from the fine scoring mesh: its normals
// into an object-space normal map (RGB = normal * 0.5 + 0.5 in the mnsim frame), and colour
// factors (the tint map: lips, brows, hair) from a function of the point on the fine surface.
// Gutters are filled by dilation.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <mnsim/geometry/bvh.h>
#include <mnsim/geometry/mesh.h>

#include "uv_atlas.h"

namespace headgen {

struct BakeDesc {
  int size = 2048;
  int dilatePasses = 16;        // texels filled outward from the charts
  float searchDistanceMm = 4.0f;  // how far from the drawing surface the fine surface is looked for
  // Normal maps: fine relief added to the fine surface's normal at a point on it (pores, lip lines,
  // hair strands); none: the surface's normal as it is.
  std::function<glm::vec3(const glm::vec3& pointMm, const glm::vec3& normal)> detail;
};

// `drawNormals` per atlas vertex (unit). `fine` must carry vertexNormals. RGB, top row first.
std::vector<uint8_t> bakeNormalMap(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                   const mnsim::TriMesh& fine, const mnsim::Bvh& fineBvh, const BakeDesc& desc);

// Colour factors per texel: `factorAt` (a point on the fine surface where the drawing surface's
// normal meets it) gives RGB in 0..1, written as 0..255; gutters dilated `desc.dilatePasses`
// texels (the mean of the filled neighbours), the rest 255 (no change). RGB, top row first.
std::vector<uint8_t> bakeFactorMap(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                   const mnsim::Bvh& fineBvh, const BakeDesc& desc,
                                   const std::function<glm::vec3(const glm::vec3&)>& factorAt);

}  // namespace headgen
