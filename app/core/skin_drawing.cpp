#include "core/skin_drawing.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include <stb_image.h>

#include <mnsim/geometry/mesh_io.h>

#include "core/settings.h"

namespace mnsim::app {

namespace fs = std::filesystem;

namespace {

RgbImage loadRgb(const fs::path& path) {
  RgbImage image;
  int channels = 0;
  if (unsigned char* pixels = stbi_load(path.string().c_str(), &image.width, &image.height, &channels, 3)) {
    image.rgb.assign(pixels, pixels + static_cast<size_t>(image.width) * image.height * 3);
    stbi_image_free(pixels);
  } else {
    image.width = image.height = 0;
  }
  return image;
}

// A built-in asset's drawing mesh with its normal map and colour detail, when it has them.
void loadDrawingFiles(const Asset& asset, SkinDrawing& out) {
  if (asset.source == "built-in") return;
  const fs::path dir = fs::path(asset.source).parent_path();
  const fs::path drawPath = dir / (asset.name + "_draw.obj"), mapPath = dir / (asset.name + "_normal.png");
  std::error_code ec;
  if (!fs::exists(drawPath, ec)) return;
  auto d = loadMeshFile(drawPath.string(), {1.0f, true});
  if (d && d->uvs.size() == d->positions.size()) out.mesh = std::move(*d);
  if (out.mesh.triangles.empty() || !fs::exists(mapPath, ec)) return;
  stbi_set_flip_vertically_on_load(1);
  out.normalMap = loadRgb(mapPath);
  // Colour detail (lips, brows, hair), when the asset has it.
  const fs::path tintPath = dir / (asset.name + "_tint.png");
  if (fs::exists(tintPath, ec)) out.tint = loadRgb(tintPath);
}

}  // namespace

bool loadSkinDrawing(const SkinModel& model, SkinDrawing& out, std::string& error) {
  const Asset& asset = model.asset();
  out = SkinDrawing();
  loadDrawingFiles(asset, out);
  if (out.mesh.triangles.empty()) {
    if (model.mesh().triangleCount() > 400000) {
      error = asset.source + ": the mesh has " + std::to_string(model.mesh().triangleCount()) +
              " triangles and no lighter drawing mesh beside it (" + asset.name + "_draw.obj)";
      return false;
    }
    out.mesh = model.mesh();
    out.mesh.computeVertexNormals();
    planarUvs(out.mesh);
  }
  // Coverage is drawn at about half a millimetre per texel (the issue asks for 1 mm or finer).
  const int size = atlasSizeFor(out.mesh, 0.6f);
  const std::string cachePath =
      (fs::path(cacheFolder()) / ("atlas-" + atlasCacheKey(asset.contentHash, out.mesh, size) + ".bin")).string();
  if (!loadCoverageAtlas(cachePath, size, model.samples().size(), out.atlas)) {
    out.atlas = buildCoverageAtlas(out.mesh, model.samples(), size, 1.5f,
                                   static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
    saveCoverageAtlas(cachePath, out.atlas);
  }
  return true;
}

}  // namespace mnsim::app
