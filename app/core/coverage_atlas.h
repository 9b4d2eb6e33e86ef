// Which skin sample each texel of a drawing mesh's texture shows. The drawing mesh is light
// (about 20k triangles on the head) while coverage lives on skin samples 0.45 mm apart; with this
// map a fragment shader draws coverage at sample resolution however coarse the mesh is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/skin_samples.h>

namespace mnsim::app {

constexpr uint32_t kNoSample = UINT32_MAX;

struct CoverageAtlas {
  int width = 0, height = 0;       // texels
  std::vector<uint32_t> sample;    // per texel (row 0 = v 0): skin sample index or kNoSample
  float texelMm = 0.0f;            // typical texel size on the skin

  bool operator==(const CoverageAtlas&) const = default;
};

// Texture coordinates for meshes without any: a projection onto the XY plane, fitted to [0,1].
// Good for the flat pad and the gently curved body patch, which both face +Z.
void planarUvs(TriMesh& mesh);

// Texel size for which the mesh's UV layout reaches about texelMm per texel, as a power of two
// between 256 and 2048.
int atlasSizeFor(const TriMesh& drawMesh, float texelMm);

// Builds the map: for every texel inside a triangle of the drawing mesh, the nearest skin sample
// (within maxDistanceMm, facing the same way); texels in the gutters take a neighbour's sample.
// Uses `threads` threads; deterministic whatever the count.
CoverageAtlas buildCoverageAtlas(const TriMesh& drawMesh, const SkinSamples& samples, int size,
                                 float maxDistanceMm = 1.5f, int threads = 2);

// The atlas depends only on the asset's content, the drawing mesh and the size: a cache key.
std::string atlasCacheKey(const std::string& assetHash, const TriMesh& drawMesh, int size);
// Atlases are cached in the user's cache folder (cacheFolder(), core/settings.h); a missing, damaged or mismatched file is ignored.
bool loadCoverageAtlas(const std::string& path, int size, size_t sampleCount, CoverageAtlas& atlas);
void saveCoverageAtlas(const std::string& path, const CoverageAtlas& atlas);

}  // namespace mnsim::app
