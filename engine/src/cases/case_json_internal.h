// Private: JSON pieces shared by the case result (case_result_json.cpp) and run files (run.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "mnsim/base/text.h"
#include "mnsim/cases/case_result.h"

namespace mnsim {

using OrderedJson = nlohmann::ordered_json;

// The values a case drew from its ranges: [{"path", "value"}], a number or a text each.
OrderedJson drawsToJson(const std::vector<Draw>& draws);
// An answer as the run file and the case JSON write it: only the fields its step type uses.
OrderedJson answerToJson(StepType type, const Answer& answer);
OrderedJson caseResultJson(const CaseResult& result);

}  // namespace mnsim
