#include "mnsim/cases/answer.h"

namespace mnsim {

AnswerFields answerFields(StepType type) {
  AnswerFields f;
  switch (type) {
    case StepType::Narrative:
    case StepType::Procedure: break;
    case StepType::Question:
    case StepType::Decision:
    case StepType::Instructions:
    case StepType::Checklist: f.choices = true; break;
    case StepType::Observation:
      f.assessment = true;
      f.choices = true;
      break;
    case StepType::Timer: f.wait = true; break;
    case StepType::Schedule: f.schedule = true; break;
  }
  return f;
}

}  // namespace mnsim
