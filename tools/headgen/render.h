// A small offscreen CPU renderer for documentation pictures of the generated assets: ray casts
// the scoring mesh with mnsim::Bvh, three-point lighting with a soft key shadow (per-vertex
// visibility of a disk light), a wrapped diffuse term for skin, per-vertex ambient occlusion
// and sRGB output.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <mnsim/geometry/bvh.h>
#include <mnsim/geometry/mesh.h>

#include "sdf.h"

namespace headgen {

struct Camera {
  V3 eye{0, 0, 900};      // mm
  V3 target{0, 0, 0};     // mm
  V3 up{0, 1, 0};
  double fovYDeg = 24.0;  // vertical field of view
};

struct RenderScene {
  const mnsim::TriMesh* mesh = nullptr;     // with vertexNormals
  const mnsim::Bvh* bvh = nullptr;
  std::vector<float> vertexAo;              // 1 = open, 0 = fully occluded; empty = none
  std::vector<glm::vec3> vertexAlbedo;      // linear RGB per vertex; empty = skinAlbedo
  glm::vec3 skinAlbedo{0.62f, 0.43f, 0.33f};  // linear RGB
  glm::vec3 scatterTint{0.9f, 0.35f, 0.25f};  // colour of light that wraps past the terminator
  // Shading normal at a hit (triangle, barycentric u, v); empty = interpolated vertex normals.
  std::function<glm::vec3(uint32_t, float, float)> normalAt;
  std::vector<uint16_t> triangleZone;       // for zone pictures; empty = none
  std::vector<glm::vec3> zoneColors;        // sRGB 0..1 per zone
};

struct RenderDesc {
  int width = 1280;
  int height = 720;
  int samplesPerAxis = 2;  // supersampling
  bool zones = false;      // colour by zone and outline zone borders
};

// RGB, 8-bit, top row first.
std::vector<uint8_t> renderImage(const RenderScene& scene, const Camera& camera, const RenderDesc& desc);

// Visible fraction of a disk light (direction `lightDir`, angular radius `radius` in radians)
// from each vertex, `rays` deterministic rays each.
std::vector<float> vertexLightVisibility(const mnsim::TriMesh& mesh, const mnsim::Bvh& bvh, const glm::vec3& lightDir,
                                         float radius, int rays);

// A per-vertex field averaged with its edge neighbours, `passes` times (removes sampling noise).
std::vector<float> smoothVertexField(const mnsim::TriMesh& mesh, std::vector<float> field, int passes);

// Ambient occlusion per vertex from `rays` cosine-distributed rays (deterministic directions).
std::vector<float> vertexAmbientOcclusion(const mnsim::TriMesh& mesh, const mnsim::Bvh& bvh, int rays,
                                          float maxDistanceMm);

}  // namespace headgen
