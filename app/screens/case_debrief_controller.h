// The case debrief: the decision, the phases, the faults and the steps as taken, with the face
// showing the case's last needling; a procedure step opens its needling debrief.
#pragma once

#include <memory>

#include <mnsim/cases/case_result.h>
#include <mnsim/review/run_replay.h>

#include "screens/app_context.h"
#include "screens/case_run.h"
#include "screens/screen.h"
#include "ui/case_debrief_panels.h"

namespace mnsim::app {

class CaseDebriefController : public ScreenController {
 public:
  CaseDebriefController(AppContext& ctx, CaseRun& run) : m_ctx(ctx), m_run(run) {}

  // Saves the run, takes the case's result, and shows its last needling on the face.
  void open();

  ScreenRequest frame(const FrameInput& in) override;
  // Back from its replay: the face shows the case's last needling again.
  void restoreScene();
  SceneLayer sceneLayer() const override { return {true, false, 0.0f}; }

 private:
  // A finished needling of the case on the face, in the coverage view; false when there is none.
  bool showProcedure(const std::string& stepId);
  OpenNeedlingDebrief needlingDebrief(const StepResult& step);

  AppContext& m_ctx;
  CaseRun& m_run;
  // The case's expert reference run, replayed when a needling debrief first asks for it.
  const RunReplay* reference();

  CaseResult m_result;
  ui::CaseDebriefState m_state;
  std::unique_ptr<RunReplay> m_reference;
  bool m_referenceTried = false;
};

}  // namespace mnsim::app
