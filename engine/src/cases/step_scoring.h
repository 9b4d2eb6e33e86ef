// Private: scoring an answer to one step, one scorer per step type (case_session.cpp dispatches).
// A malformed answer (an unknown id, a missing field) is an Error and scores nothing.
#pragma once

#include <string>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/cases/answer.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/steps.h"

namespace mnsim {

// The step being answered, with what every fault of it records.
struct AnsweredStep {
  const Step& step;
  std::string visitId;
  double timeS = 0.0;
};

// What an answer earned: a share of the step's points, the lines of feedback, the patient's
// replies, the faults, and where the case goes next.
struct StepScore {
  double share = 1.0;
  std::vector<std::string> feedback;
  std::vector<std::string> replies;
  std::vector<CaseFault> faults;
  FlowTarget flow;
};

Result<StepScore> scoreAnswer(const AnsweredStep& s, const Answer& answer);

// A fault of a step, at the time it was answered (or, for procedure faults, when they happened).
CaseFault stepFault(const Step& step, const std::string& visitId, double timeS, FaultKind kind, bool critical,
                    std::string expected, std::string done, std::string explanation);

// "step '<id>': <message>" at the step, the error every malformed answer gives.
Error answerError(const Step& step, const std::string& message);

}  // namespace mnsim
