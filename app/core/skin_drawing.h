// Everything the renderer needs to draw a skin beside its scoring model: the drawing mesh
// (<asset>_draw.obj beside a built-in asset's files, with its normal map and colour detail, else
// the scoring mesh with planar texture coordinates) and the coverage atlas (cached on disk by
// content). Window-free: the scene hands it to gfx.
#pragma once

#include <string>
#include <vector>

#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/skin_model.h>

#include "core/coverage_atlas.h"

namespace mnsim::app {

struct RgbImage {
  int width = 0, height = 0;       // pixels
  std::vector<unsigned char> rgb;  // rows from v = 0 (flipped on load); empty: none
};

struct SkinDrawing {
  TriMesh mesh;         // with uvs and vertex normals
  RgbImage normalMap;   // object-space normals; empty: none
  RgbImage tint;        // colour detail, a factor per channel on the skin colour; empty: none
  CoverageAtlas atlas;  // texel -> skin sample
};

// Loads or builds the drawing data of `model`. Fails (with a sentence naming the file) when the
// scoring mesh is too heavy to draw and there is no lighter drawing mesh beside it.
bool loadSkinDrawing(const SkinModel& model, SkinDrawing& out, std::string& error);

}  // namespace mnsim::app
