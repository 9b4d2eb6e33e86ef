// Zones of the head (ids and flags of the brief; left/right are the patient's), and the
// classification of the scoring mesh's triangles into them by the anatomy of the sculpt:
// orbital rim, vermilion border, hairline, jaw line, nose and ear primitives.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/zone_map.h>

#include "head_model.h"

namespace headgen {

// The zones in the order they are listed in the sidecar.
const std::vector<mnsim::ZoneInfo>& headZoneInfos();

// Zone index (into headZoneInfos) per triangle, borders smoothed and every zone one connected
// region per side.
std::vector<uint16_t> classifyHeadTriangles(const HeadModel& model, const mnsim::TriMesh& mesh);

// Zone of a single surface point before smoothing (for the drawing mesh, which follows the
// scoring mesh's zones by nearest triangle instead).
uint16_t classifyHeadPoint(const HeadModel& model, const glm::dvec3& p);

}  // namespace headgen
