// A skin asset: the scoring mesh, its zones and landmarks, and a content hash.
// Built-in names: "pad" (generated exactly, product.md §4.2), "head" and "body" (files in the
// asset folder). Any other mesh file Assimp reads can be used, with an optional zone map.
#pragma once

#include <string>
#include <vector>

#include "mnsim/error.h"
#include "mnsim/mesh.h"
#include "mnsim/zone_map.h"

namespace mnsim {

struct Asset {
  std::string name;         // "pad", "head", or the user's asset name
  std::string source;       // "built-in" or the file it was read from
  TriMesh mesh;             // scoring mesh, mm
  ZoneMap zones;            // zone per triangle, landmarks
  std::string contentHash;  // "sha256:<hex>" of mesh, zones and landmarks

  // Surface area of each zone, mm², in zone order.
  std::vector<double> zoneAreasMm2() const;
};

// Per-zone geometry measured on the mesh.
struct ZoneSummary {
  double areaMm2 = 0.0;      // sum of its triangles' areas
  glm::vec3 centroid{0.0f};  // area-weighted
  glm::vec3 normal{0.0f};    // area-weighted mean normal, unit length (zero if it cancels out)
};
std::vector<ZoneSummary> summarizeZones(const Asset& asset);

struct AssetSearch {
  std::vector<std::string> folders;  // searched in order for built-in asset files
};

// The folders mnsim looks in for built-in assets: $MNSIM_ASSET_DIR, then beside the
// executable (../assets, ./assets), then the source tree it was built from.
AssetSearch defaultAssetSearch(const std::string& executablePath);

// Loads a built-in asset by name, a zone-map sidecar (*.zones.yaml), or a mesh file (with
// <mesh>.zones.yaml beside it when present, else one zone "skin").
Result<Asset> loadAsset(const std::string& nameOrPath, const AssetSearch& search = {});

std::vector<std::string> builtInAssetNames();

// Fills asset.contentHash from its content.
void computeContentHash(Asset& asset);

}  // namespace mnsim
