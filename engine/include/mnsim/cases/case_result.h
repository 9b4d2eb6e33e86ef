// The result of a whole case (scoring.md §6): a score per phase with the scenario's weights,
// critical errors from any phase, and the decision under the strict proficiency rule.
// Serialised by case_result_json.h (docs/formats/case-json.md).
#pragma once

#include <cstdint>
#include <glm/vec3.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mnsim/procedure/result.h"
#include "mnsim/cases/answer.h"
#include "mnsim/cases/scenario.h"

namespace mnsim {

// A value drawn from a range for this attempt (recorded with the seed).
struct Draw {
  std::string path;     // e.g. "patient.age", "visits.v2.skin.scars"
  bool numeric = true;  // number or text
  double number = 0.0;
  std::string text;
};

// A critical error or a fault, from any phase.
struct CaseFault {
  FaultKind kind = FaultKind::WrongChoice;  // a case-step kind, or a procedure step's fault kind
                                            // (procedure/fault_kinds.h)
  bool critical = false;  // fails the case outright
  bool failsPhase = false;  // fails its phase whatever the phase's score (`fails_phase`)
  Phase phase = Phase::Consultation;
  std::string visitId, stepId;
  double timeS = 0.0;       // on the run's clock
  std::string zoneId;       // procedure faults: the zone ("" otherwise)
  bool hasPoint = false;    // pointMm is set
  glm::vec3 pointMm{0.0f};  // procedure faults: where on the skin
  std::string expected;     // what the case expected
  std::string done;         // what the trainee did
  std::string explanation;  // one line a trainee can act on
};

struct StepResult {
  std::string stepId;
  StepType type = StepType::Narrative;
  Phase phase = Phase::Consultation;
  std::string visitId;
  double startS = 0.0, endS = 0.0;           // on the run's clock
  double points = 0.0;                       // earned
  double maxPoints = 0.0;                    // possible (0: not scored)
  Answer answer;                             // as given (procedure: empty)
  std::vector<std::string> feedback;         // lines for the debrief, in order
  std::vector<std::string> replies;          // question: what the patient answered
  std::vector<CaseFault> faults;             // this step's, critical or not
  std::optional<ProcedureResult> procedure;  // procedure steps
  bool proficient = true;                    // procedure steps: proficient, or not required to be
};

struct PhaseResult {
  Phase phase = Phase::Consultation;
  double weight = 0.0;  // from the scenario
  bool scored = false;  // a scored step of this phase was reached
  double points = 0.0, maxPoints = 0.0;
  double score = 0.0;      // 0-100: points / maxPoints
  double threshold = 0.0;  // needed for proficiency
  bool met = true;         // score >= threshold and no fault that fails the phase (true when not
                           // scored)
};

struct CaseResult {
  std::string scenarioId, scenarioTitle, scenarioPath, scenarioSha256;
  int scenarioVersion = 0;
  std::string assetName, assetHash;
  uint64_t seed = 0;
  std::vector<Draw> draws;
  bool finished = false;  // an end was reached
  Outcome outcome = Outcome::Completed;
  std::string endStepId;   // the last step answered
  double durationS = 0.0;  // run clock at the end
  double score = 0.0;          // 0-100: scoreUncapped, capped just below the pass mark (one point
                               // under it) with a critical error or a procedure not proficient
  double scoreUncapped = 0.0;  // 0-100: weighted mean of the scored phases
  std::string scoreCap;        // why capped: "critical_errors", "procedure_not_proficient" or ""
  double passThreshold = 0.0;
  bool proficient = false;                // the strict rule (scoring.md §6)
  std::vector<std::string> unmet;         // why not: "critical_errors", "unfinished", "case_score",
                                          // "phase:<id>", "procedure:<step id>"
  std::vector<PhaseResult> phases;        // all seven, in order
  std::vector<StepResult> steps;          // in the order taken
  std::vector<CaseFault> criticalErrors;  // from every phase, in time order
  std::vector<CaseFault> faults;          // the rest, in time order
};

}  // namespace mnsim
