// The stable JSON form of a ProcedureResult (docs/formats/score-json.md) and the readable table.
#pragma once

#include <string>

#include "mnsim/procedure/result.h"

namespace mnsim {

constexpr const char* kScoreJsonFormat = "mnsim-score/1";

// One JSON object, keys in a fixed order, numbers rounded to 6 decimals.
std::string resultToJson(const ProcedureResult& result, int indent = 2);

// A human-readable report: summary, one row per zone, critical errors, faults.
std::string resultToTable(const ProcedureResult& result);

}  // namespace mnsim
