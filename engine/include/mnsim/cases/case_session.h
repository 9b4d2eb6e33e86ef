// A case session: runs a scenario from its first step to an end, deterministically. The app
// drives it from its panels and the pen; `mnsim record` drives it from scripted answers and
// traces; `mnsim score RUN` drives it again from a run's recorded inputs, and gets the same
// result bit for bit.
//
//   CaseSession s(...)          current step -> answer(a, t) / procedure() + finishProcedure(t)
//                               -> next step (the flow: next, decisions, visits) -> ... ->
//                               finished()
//                               -> result()
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mnsim/cases/case_result.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/procedure/session.h"
#include "mnsim/skin/skin_model.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/pen_sample.h"

namespace mnsim {

struct CaseDesc {
  const Scenario* scenario = nullptr;  // loaded with its asset (loadScenario with an AssetLibrary)
  const SkinModel* model = nullptr;    // the scenario's asset
  uint64_t seed = 1;                   // draws values from the scenario's ranges
  bool trackProcedureChanges = false;  // procedure sessions keep changed footprints (the app's
                                       // heatmap: ProcedureSession::takeChangedFootprints)
};

// One step as taken: what a run file records (run.h).
struct RecordedStep {
  std::string stepId;
  std::string visitId;
  double timeS = 0.0;              // when it was answered or the needling finished
  Answer answer;                   // not for procedure steps
  bool procedure = false;          // a procedure step: the pen samples below
  std::vector<PenSample> samples;  // as fed to the procedure session
  std::string traceName;           // where the samples came from (a file, "live")
};

// What the patient card shows, with the drawn values filled in.
struct PatientView {
  std::string name, sex, fitzpatrick, skinThickness;
  int age = 0;
  const Patient* patient = nullptr;  // history, medicines, allergies, goals, lesions
};

// What the face shows now: the visit's skin, overlaid by an observation's.
struct SkinView {
  std::vector<std::pair<std::string, double>> features;  // feature id -> 0..1
  std::vector<std::string> zones;                        // where it shows
};

class CaseSession {
 public:
  // Fails when a procedure plan does not fit the model's asset or lesions were not placed.
  static Result<std::unique_ptr<CaseSession>> create(const CaseDesc& desc);
  ~CaseSession();
  CaseSession(const CaseSession&) = delete;
  CaseSession& operator=(const CaseSession&) = delete;

  const Scenario& scenario() const { return *m_scenario; }
  uint64_t seed() const { return m_seed; }
  const std::vector<Draw>& draws() const { return m_draws; }
  PatientView patient() const;

  bool finished() const { return m_current < 0; }
  int currentStepIndex() const { return m_current; }
  const Step* currentStep() const;          // null when finished
  const Visit* currentVisit() const;        // null when finished
  double timeS() const { return m_timeS; }  // the run clock: the last answer's time
  SkinView skin() const;

  // Answers the current step (not a procedure step) at run time timeS (never decreasing).
  // Wrong answers are scored; malformed ones (unknown ids, a missing field) are errors and
  // change nothing.
  Result<const StepResult*> answer(const Answer& answer, double timeS);

  // The needling of the current procedure step: feed it pen samples (trace clock), then
  // finish it. Null when the current step is not a procedure step.
  ProcedureSession* procedure();
  Result<const StepResult*> finishProcedure(double timeS, const std::string& traceName = "live");
  // The needling of a finished procedure step (its coverage and samples, for a debrief's
  // heatmap), the last one when the step was needled more than once; null if it never was.
  const ProcedureSession* finishedProcedure(const std::string& stepId) const;
  // Feeds a whole trace and finishes at timeS() + the trace's last time.
  Result<const StepResult*> playTrace(const PenTrace& trace);

  const std::vector<StepResult>& steps() const { return m_results; }
  const std::vector<RecordedStep>& record() const { return m_record; }
  // The case result so far (final once finished()).
  CaseResult result() const;

 private:
  CaseSession() = default;
  void enter(int step);
  // The result of `step`, answered at timeS: what every step type records alike.
  StepResult stepResult(const Step& step, double timeS) const;
  void complete(StepResult result, const FlowTarget& flow, RecordedStep record);

  const Scenario* m_scenario = nullptr;
  const SkinModel* m_model = nullptr;
  uint64_t m_seed = 0;
  bool m_trackChanges = false;
  std::vector<Draw> m_draws;
  int m_current = -1;
  Outcome m_outcome = Outcome::Completed;
  bool m_ended = false;
  double m_timeS = 0.0;
  double m_stepStartS = 0.0;
  std::vector<int> m_entries;  // times each step was entered (a guard against endless loops)
  std::vector<StepResult> m_results;
  std::vector<RecordedStep> m_record;
  std::vector<std::unique_ptr<TreatmentPlan>>
      m_plans;  // per step index (procedure steps), resolved
  std::unique_ptr<ProcedureSession> m_procedure;
  std::map<std::string, std::unique_ptr<ProcedureSession>> m_finished;  // by step id
};

}  // namespace mnsim
