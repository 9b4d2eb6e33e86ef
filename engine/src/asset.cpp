#include "mnsim/asset.h"

#include <cstdlib>
#include <filesystem>

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include "mnsim/mesh_io.h"
#include "mnsim/pad.h"
#include "mnsim/sha256.h"

namespace mnsim {

namespace fs = std::filesystem;

#ifndef MNSIM_SOURCE_ASSET_DIR
#define MNSIM_SOURCE_ASSET_DIR ""
#endif

std::vector<double> Asset::zoneAreasMm2() const {
  std::vector<double> areas(zones.zones.size(), 0.0);
  for (size_t t = 0; t < mesh.triangles.size(); ++t) areas[zones.triangleZone[t]] += mesh.triangleAreaMm2(t);
  return areas;
}

std::vector<ZoneSummary> summarizeZones(const Asset& asset) {
  const size_t n = asset.zones.zones.size();
  std::vector<glm::dvec3> centroid(n, glm::dvec3(0.0)), normal(n, glm::dvec3(0.0));
  std::vector<ZoneSummary> out(n);
  for (size_t t = 0; t < asset.mesh.triangles.size(); ++t) {
    const uint16_t z = asset.zones.triangleZone[t];
    const double area = asset.mesh.triangleAreaMm2(t);
    out[z].areaMm2 += area;
    centroid[z] += glm::dvec3(asset.mesh.centroid(t)) * area;
    normal[z] += glm::dvec3(asset.mesh.faceNormal(t)) * area;
  }
  for (size_t z = 0; z < n; ++z) {
    if (out[z].areaMm2 > 0.0) out[z].centroid = glm::vec3(centroid[z] / out[z].areaMm2);
    const double len = glm::length(normal[z]);
    if (len > 1e-12) out[z].normal = glm::vec3(normal[z] / len);
  }
  return out;
}

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

void computeContentHash(Asset& asset) {
  Sha256 h;
  h.update("mnsim-asset/1");
  const uint64_t nv = asset.mesh.positions.size(), nt = asset.mesh.triangles.size();
  h.updateValue(nv);
  h.update(asset.mesh.positions.data(), nv * sizeof(glm::vec3));
  h.updateValue(nt);
  h.update(asset.mesh.triangles.data(), nt * sizeof(glm::uvec3));
  h.update(asset.zones.triangleZone.data(), asset.zones.triangleZone.size() * sizeof(uint16_t));
  for (const ZoneInfo& z : asset.zones.zones) {
    h.update(z.id);
    h.update("\n");
    const uint8_t flags = (z.treatable ? 1 : 0) | (z.noGo ? 2 : 0) | (z.thinSkin ? 4 : 0) |
                          (z.overBone ? 8 : 0) | (z.needsStretch ? 16 : 0);
    h.updateValue(flags);
  }
  for (const Landmark& l : asset.zones.landmarks) {
    h.update(l.name);
    h.update("\n");
    h.updateValue(l.positionMm);
  }
  asset.contentHash = "sha256:" + h.hexDigest();
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
