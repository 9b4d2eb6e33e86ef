// What a trainee gives a step: the input a case session scores (cases/case_session.h), recorded in
// runs and scripted in answers files.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mnsim {

// The trainee's answer to one step. Which fields count depends on the step type
// (docs/formats/answers.md).
struct Answer {
  std::vector<std::string>
      choices;             // question, instructions: the chosen option ids; decision: one id;
                           // checklist: item ids in the order done; observation: the action id
  std::string assessment;  // observation: "normal" or "abnormal"
  double waitS = -1.0;     // timer: seconds waited (fast-forwarded); < 0: not given
  std::optional<double> sessions;           // schedule
  std::optional<double> intervalWeeks;      // schedule
  std::optional<double> maintenanceMonths;  // schedule
};

}  // namespace mnsim
