// The built-in body asset: a curved patch of abdominal skin (200 x 150 mm, facing +Z) with an
// umbilicus, for stretch-mark cases.
#pragma once

#include <string>
#include <vector>

#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/zone_map.h>

namespace headgen {

struct BodyPatch {
  mnsim::TriMesh mesh;                  // triangles sorted by zone
  std::vector<uint16_t> zones;          // per triangle, index into infos
  std::vector<mnsim::ZoneInfo> infos;
  std::vector<mnsim::Landmark> landmarks;
};

constexpr double kBodyWidthMm = 200.0;   // x extent
constexpr double kBodyHeightMm = 150.0;  // y extent
constexpr double kUmbilicusRadiusMm = 9.0;

// Height of the skin (z) at (x, y): a gently curved abdomen with the umbilical depression.
double bodySurfaceZ(double x, double y);

BodyPatch buildBodyPatch();

}  // namespace headgen
