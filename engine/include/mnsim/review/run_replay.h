// A whole run replayed for review: the case (or free needling) played again from the run's
// inputs on the scenario and asset it was recorded with, every needling in it made seekable
// (review/needling_replay.h), and a timeline on the run's clock with markers for phase changes,
// steps, passes, faults and critical-error episodes. The replay screen, the report and the
// rubric read it; nothing in it is taken from the result the run recorded.
//
// Times are on the run's clock (a case's: seconds since the case began; free needling: the pen
// clock, one cartridge's stretch after another). A needling's samples are placed so that they
// end when its step was finished (its step's start when they are longer).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/base/error.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/review/needling_replay.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

enum class MarkerKind { Phase, Step, Pass, Fault, Critical };
const char* markerKindId(MarkerKind kind);  // "phase", "step", "pass", "fault", "critical"

struct ReplayMarker {
  MarkerKind kind = MarkerKind::Step;
  double timeS = 0.0;       // run clock
  double endTimeS = 0.0;    // an episode's end (== timeS for a moment)
  std::string label;        // one line for the timeline's tooltip
  bool hasPoint = false;    // where on the skin (faults, passes' first stamp)
  glm::vec3 pointMm{0.0f};
  int needling = -1;        // the needling it belongs to, or -1
};

// One needling of the run, placed on the run's clock.
struct ReplayNeedling {
  std::string stepId;   // its case step ("" in free needling)
  std::string title;    // the plan's title
  double startS = 0.0;  // run clock of its first sample
  double endS = 0.0;    // when it was finished
  std::unique_ptr<NeedlingReplay> replay;
};

// What the run was doing at the moment sought.
struct ReplayMoment {
  double timeS = 0.0;
  int step = -1;            // the case step under way (index into caseResult()->steps), -1 none
  int answeredSteps = 0;    // steps answered by then
  int needling = -1;        // the needling shown (the last one begun by then), -1 none
  bool needlingLive = false;  // ... and it is under way (not finished) at this moment
  long sample = -1;         // its last sample at or before the moment, -1 none
  long stamp = -1;          // its last stamp at or before the moment, -1 none
};

class RunReplay {
 public:
  // Replays a case run on its scenario (loaded with its asset; its content must be the one
  // recorded), or a free-needling run (scenario null) on the recorded asset's model.
  static Result<std::unique_ptr<RunReplay>> open(const RunFile& run, const Scenario* scenario, const SkinModel& model);
  ~RunReplay();

  const RunFile& run() const { return m_run; }
  bool isCase() const { return m_case != nullptr; }
  // The case's result, recomputed (null for free needling).
  const CaseResult* caseResult() const { return m_caseResult ? &*m_caseResult : nullptr; }
  // Free needling: the result of the last cartridge's stretch, as `mnsim score` gives it.
  const ProcedureResult* needlingResult() const { return m_needlingResult ? &*m_needlingResult : nullptr; }
  const CaseSession* caseSession() const { return m_case.get(); }
  const SkinModel& model() const { return *m_model; }
  double durationS() const { return m_durationS; }
  const std::vector<ReplayMarker>& markers() const { return m_markers; }
  const std::vector<ReplayNeedling>& needlings() const { return m_needlings; }

  // Moves to time t (clamped to the run). The needling shown is brought to t; `changed` as in
  // NeedlingReplay::seek, with Reset also when the needling shown changes.
  SeekChange seek(double timeS, std::vector<Footprint>* changed = nullptr);
  const ReplayMoment& moment() const { return m_moment; }
  // The coverage shown at the moment (null: nothing needled yet).
  const CoverageMap* coverage() const;
  // The plan of the needling shown (null: none).
  const TreatmentPlan* plan() const;
  // Run-clock times of the stamp or stroke before and after t, across needlings (t if none).
  double stepStamp(double timeS, int direction) const { return step(timeS, direction, false); }
  double stepStroke(double timeS, int direction) const { return step(timeS, direction, true); }
  // Pen tips of the needling shown in (t - seconds, t], oldest first.
  std::vector<glm::vec3> trail(double timeS, double seconds) const;

 private:
  RunReplay() = default;
  Status openCase(const Scenario& scenario);
  Status openNeedling();
  void addNeedlingMarkers(int index, const ProcedureResult& result);
  void finishTimeline();
  double step(double timeS, int direction, bool byStroke) const;

  RunFile m_run;
  const SkinModel* m_model = nullptr;
  std::unique_ptr<Scenario> m_scenario;
  std::unique_ptr<CaseSession> m_case;
  std::optional<CaseResult> m_caseResult;
  std::optional<ProcedureResult> m_needlingResult;
  std::vector<std::unique_ptr<TreatmentPlan>> m_plans;  // free needling: one per stretch
  std::vector<ReplayNeedling> m_needlings;
  std::vector<ReplayMarker> m_markers;
  double m_durationS = 0.0;
  ReplayMoment m_moment;
  int m_shown = -2;  // needling whose coverage the last seek brought (-2: none yet)
};

}  // namespace mnsim
