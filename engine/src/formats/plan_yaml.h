// Private: reading the keys of a treatment plan from a YAML map that is either a plan file
// (docs/formats/plan.md) or the `plan:` of a scenario's procedure step (scenarios/README.md).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "mnsim/procedure/plan.h"
#include "base/yaml_reader.h"

namespace mnsim {

struct PlanKeysOptions {
  bool embedded = false;              // inside a scenario: no `format` key
  std::string defaultAsset = "head";  // asset when the map names none
  std::string what = "the plan";      // how key errors name the map
};

// Reads every plan key of `root` (a map) into `plan`, recording each problem in `r`.
void readPlanKeys(yaml::Reader& r, const YAML::Node& root, TreatmentPlan& plan,
                  const PlanKeysOptions& options);

}  // namespace mnsim
