// Treatment plan files (docs/formats/plan.md, format `mnsim-plan/1`): read and checked with
// file:line:col errors. A scenario's procedure step holds the same keys (cases/scenario_loader.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/base/versioned_header.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/plan.h"

namespace mnsim {

inline constexpr FileFormat kPlanFileFormat{"mnsim-plan", 1};

// Reads and checks a plan file on its own (syntax, keys, types, ranges, device).
Result<TreatmentPlan> readPlan(const std::string& path);
Result<TreatmentPlan> parsePlan(const std::string& yamlText, const std::string& nameForErrors);

// Trace limits matching the plan's device: dial range and rate range.
TraceLimits traceLimits(const TreatmentPlan& plan);

// The keys each object of a plan accepts, as a scenario holds it (no `format`): "plan",
// "plan.device", "plan.defaults", "plan.zone", "plan.rules". The scenario JSON Schema's test holds
// the schema to these.
const std::map<std::string, std::vector<std::string>>& planKeyTable();

}  // namespace mnsim
