// Baking the fine scoring mesh's normals into an object-space normal map on the drawing mesh's
// atlas: RGB = normal * 0.5 + 0.5 in the mnsim frame, gutters filled by dilation.
#pragma once

#include <cstdint>
#include <vector>

#include <mnsim/bvh.h>
#include <mnsim/mesh.h>

#include "uv_atlas.h"

namespace headgen {

struct BakeDesc {
  int size = 2048;
  int dilatePasses = 16;        // texels filled outward from the charts
  float searchDistanceMm = 4.0f;  // how far from the drawing surface the fine surface is looked for
};

// `drawNormals` per atlas vertex (unit). `fine` must carry vertexNormals. RGB, top row first.
std::vector<uint8_t> bakeNormalMap(const Atlas& atlas, const std::vector<glm::vec3>& drawNormals,
                                   const mnsim::TriMesh& fine, const mnsim::Bvh& fineBvh, const BakeDesc& desc);

}  // namespace headgen
