// The stable JSON form of a CaseResult (docs/formats/case-json.md) and a readable summary.
#pragma once

#include <string>

#include "mnsim/cases/case_result.h"

namespace mnsim {

constexpr const char* kCaseJsonFormat = "mnsim-case/1";

// One JSON object, keys in a fixed order, numbers rounded to 6 decimals; procedure steps embed
// their mnsim-score/1 object.
std::string caseResultToJson(const CaseResult& result, int indent = 2);

// The debrief as text: summary, phases, steps with their feedback, critical errors.
std::string caseResultToTable(const CaseResult& result);

}  // namespace mnsim
