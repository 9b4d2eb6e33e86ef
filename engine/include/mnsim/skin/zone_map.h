// Zones of a skin mesh: which triangle belongs to which facial zone, with the clinical flags
// scoring needs, plus named landmarks. Read from a zone-map sidecar (docs/formats/zones.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/base/error.h"
#include "mnsim/base/versioned_header.h"
#include "mnsim/geometry/mesh.h"

namespace mnsim {

inline constexpr FileFormat kZonesFileFormat{"mnsim-zones", 1};

struct ZoneInfo {
  std::string id;             // snake_case, stable: plans and scenarios refer to it
  std::string name;           // shown to users
  bool treatable = true;      // may be needled at all
  bool noGo = false;          // touching it is a critical error (eyes, eyelids, vermilion, moles)
  bool thinSkin = false;      // needling deeper than planned here is a critical error (scoring.md §4)
  bool overBone = false;      // heavy pressure here is a fault (scoring.md §5)
  bool needsStretch = false;  // stamps here should be made with the skin stretched
  float depthCeilingMm = 0.0f;  // thin skin outside a plan: the deepest safe dial (0: 0.5 mm)
};

struct Landmark {
  std::string name;        // e.g. "nasion", "exocanthion_left"
  glm::vec3 positionMm{};  // on or near the skin surface
};

struct ZoneMap {
  std::vector<ZoneInfo> zones;          // index = zone number used in triangleZone
  std::vector<uint16_t> triangleZone;   // zone index per mesh triangle
  std::vector<Landmark> landmarks;      // named points, may be empty

  // Index of the zone with this id, or -1.
  int find(std::string_view id) const;
  std::vector<std::string> ids() const;
  const Landmark* landmark(std::string_view name) const;
};

// How a zone-map sidecar places the mesh and which triangles each zone takes.
struct ZoneRule {
  ZoneInfo info;                         // the zone this rule defines
  std::vector<std::string> groups;       // mesh groups (materials) by name
  std::vector<std::pair<uint32_t, uint32_t>> triangleRanges;  // inclusive index ranges
  bool hasSphere = false;                // triangles whose centroid lies in the sphere
  glm::vec3 sphereCenterMm{0.0f};
  float sphereRadiusMm = 0.0f;
  bool hasBox = false;                   // triangles whose centroid lies in the box
  glm::vec3 boxMinMm{0.0f}, boxMaxMm{0.0f};
  SourceLocation where;                  // for error messages
};

struct ZoneMapFile {
  std::string path;             // the sidecar itself
  std::string name;             // asset name (default: the mesh file's stem)
  std::string meshPath;         // resolved relative to the sidecar
  float unitToMm = 1.0f;        // scale from mesh units to millimetres
  glm::vec3 rotateDeg{0.0f};    // applied about X, then Y, then Z, after scaling
  glm::vec3 offsetMm{0.0f};     // applied last
  std::string defaultZone;      // zone id for triangles no rule selects ("" = none allowed)
  std::vector<ZoneRule> rules;  // in file order; a later rule overrides an earlier one
  std::vector<Landmark> landmarks;
};

Result<ZoneMapFile> readZoneMapFile(const std::string& path);

// Assigns every triangle to a zone. Fails, naming the file, when a triangle is left without a
// zone, a group or range names nothing, or ids repeat.
Result<ZoneMap> applyZoneMap(const ZoneMapFile& file, const TriMesh& mesh);

// A single treatable zone "skin" covering everything: for meshes without a sidecar.
ZoneMap singleZoneMap(const TriMesh& mesh);

}  // namespace mnsim
