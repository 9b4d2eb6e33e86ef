// A skin asset: the scoring mesh, its zones and landmarks, and a content hash. Loaded by name or
// file by skin/asset_loader.h.
#pragma once

#include <string>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/geometry/mesh.h"
#include "mnsim/skin/zone_map.h"

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

// Fills asset.contentHash from its content: mesh, zones, flags and landmarks, fed to SHA-256 as
// explicit little-endian bytes (docs/formats/hashes.md), so the same asset has the same hash on
// every machine.
void computeContentHash(Asset& asset);

}  // namespace mnsim
