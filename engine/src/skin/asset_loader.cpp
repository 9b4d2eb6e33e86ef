#include "mnsim/skin/asset_loader.h"

#include <cstdlib>
#include <filesystem>

#include <glm/trigonometric.hpp>

#include "mnsim/geometry/mesh_io.h"
#include "mnsim/skin/pad.h"
#include "mnsim/skin/zone_map.h"

namespace mnsim {

namespace fs = std::filesystem;

#ifndef MNSIM_SOURCE_ASSET_DIR
#define MNSIM_SOURCE_ASSET_DIR ""
#endif

std::vector<std::string> builtInAssetNames() { return {"head", "pad", "body"}; }

AssetSearch defaultAssetSearch(const std::string& executablePath) {
  AssetSearch search;
  if (const char* env = std::getenv("MNSIM_ASSET_DIR"); env && *env) search.folders.push_back(env);
  if (!executablePath.empty()) {
    std::error_code ec;
    fs::path exe = fs::canonical(executablePath, ec);
    if (ec) exe = fs::path(executablePath);
    search.folders.push_back((exe.parent_path() / ".." / "assets").lexically_normal().string());
    search.folders.push_back((exe.parent_path() / "assets").string());
  }
  if (std::string(MNSIM_SOURCE_ASSET_DIR).size() > 0) search.folders.push_back(MNSIM_SOURCE_ASSET_DIR);
  return search;
}

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

glm::vec3 rotateXyz(glm::vec3 p, const glm::vec3& deg) {
  const glm::vec3 r = glm::radians(deg);
  auto rot = [](float& a, float& b, float angle) {
    const float c = std::cos(angle), s = std::sin(angle);
    const float na = c * a - s * b, nb = s * a + c * b;
    a = na;
    b = nb;
  };
  rot(p.y, p.z, r.x);
  rot(p.z, p.x, r.y);
  rot(p.x, p.y, r.z);
  return p;
}

Result<Asset> loadFromZoneMap(const std::string& sidecar) {
  auto file = readZoneMapFile(sidecar);
  if (!file) return file.error();
  auto mesh = loadMeshFile(file->meshPath, {file->unitToMm});
  if (!mesh) return mesh.error();
  if (file->rotateDeg != glm::vec3(0.0f) || file->offsetMm != glm::vec3(0.0f)) {
    for (glm::vec3& p : mesh->positions) p = rotateXyz(p, file->rotateDeg) + file->offsetMm;
  }
  auto zones = applyZoneMap(*file, *mesh);
  if (!zones) return zones.error();
  Asset asset;
  asset.name = file->name;
  asset.source = sidecar;
  asset.mesh = std::move(*mesh);
  asset.mesh.computeVertexNormals();
  asset.zones = std::move(*zones);
  computeContentHash(asset);
  return asset;
}

}  // namespace

Result<Asset> loadAsset(const std::string& nameOrPath, const AssetSearch& search) {
  if (nameOrPath == "pad") return makePadAsset();
  for (const std::string& builtIn : builtInAssetNames()) {
    if (nameOrPath != builtIn) continue;
    for (const std::string& folder : search.folders) {
      const fs::path sidecar = fs::path(folder) / builtIn / (builtIn + ".zones.yaml");
      std::error_code ec;
      if (fs::exists(sidecar, ec)) {
        auto asset = loadFromZoneMap(sidecar.string());
        if (asset) asset->name = builtIn;
        return asset;
      }
    }
    return makeError(ErrorCode::Io,
                     "the built-in asset '" + builtIn +
                         "' was not found in the asset folders; set MNSIM_ASSET_DIR to mnsim's assets/ folder",
                     {builtIn, 0, 0});
  }
  std::error_code ec;
  if (!fs::exists(nameOrPath, ec)) {
    std::string msg = "no built-in asset or file named '" + nameOrPath + "'";
    const std::string hint = closestMatch(nameOrPath, builtInAssetNames());
    msg += hint.empty() ? " (built-in assets: head, pad, body)" : " (did you mean '" + hint + "'?)";
    return makeError(ErrorCode::Reference, msg, {});
  }
  if (endsWith(nameOrPath, ".zones.yaml") || endsWith(nameOrPath, ".zones.yml"))
    return loadFromZoneMap(nameOrPath);
  for (const std::string& candidate :
       {nameOrPath + ".zones.yaml", (fs::path(nameOrPath).replace_extension(".zones.yaml")).string()}) {
    if (fs::exists(candidate, ec)) return loadFromZoneMap(candidate);
  }
  auto mesh = loadMeshFile(nameOrPath);
  if (!mesh) return mesh.error();
  Asset asset;
  asset.name = fs::path(nameOrPath).stem().string();
  asset.source = nameOrPath;
  asset.mesh = std::move(*mesh);
  asset.mesh.computeVertexNormals();
  asset.zones = singleZoneMap(asset.mesh);
  computeContentHash(asset);
  return asset;
}

}  // namespace mnsim
