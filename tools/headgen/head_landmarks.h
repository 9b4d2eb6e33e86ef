// Anthropometric landmarks of the generated head, found on the finished scoring mesh (so that
// distances measured between them are distances on the asset), named as in Farkas (1994).
#pragma once

#include <string>
#include <vector>

#include <mnsim/geometry/bvh.h>
#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/zone_map.h>

#include "head_model.h"

namespace headgen {

std::vector<mnsim::Landmark> findHeadLandmarks(const HeadModel& model, const mnsim::TriMesh& mesh,
                                               const mnsim::Bvh& bvh);

struct FarkasMeasure {
  std::string name;      // e.g. "v-gn"
  std::string what;      // "head height (vertex-gnathion)"
  double valueMm = 0.0;  // measured on the mesh
  double lowMm = 0.0;    // accepted range (the norms this asset is held to)
  double highMm = 0.0;
};
std::vector<FarkasMeasure> measureFarkas(const std::vector<mnsim::Landmark>& landmarks);

}  // namespace headgen
