// What a trainee gives a step: the input a case session scores (cases/case_session.h), recorded in
// runs and scripted in answers files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mnsim/cases/phases.h"

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


// Which fields of an Answer a step type uses (docs/formats/answers.md). Run files, scripted
// answers and the case JSON all read and write answers by this one table.
struct AnswerFields {
  bool assessment = false;  // observation
  bool choices = false;     // question, decision, instructions, checklist, observation
  bool wait = false;        // timer
  bool schedule = false;    // schedule: sessions, interval_weeks, maintenance_months (each optional)
};
AnswerFields answerFields(StepType type);

}  // namespace mnsim
