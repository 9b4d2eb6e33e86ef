// The free needling session: a plan on a skin of the trainee's choosing, needled until they end
// it, then the debrief. Owns what it needles: the skin model, the plan and the session.
#pragma once

#include <memory>
#include <string>

#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/session.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_recorder.h>
#include <mnsim/skin/skin_model.h>

#include "screens/app_context.h"
#include "screens/needling.h"
#include "screens/screen.h"

namespace mnsim::app {

class PracticeController : public ScreenController {
 public:
  PracticeController(AppContext& ctx, Needling& needling) : m_ctx(ctx), m_needling(needling) {}
  // A needling still under way is sealed as stopped (the window closed).
  ~PracticeController();

  // Loads the plan and the skin and starts needling. False (the reason in the error dialog) when
  // either cannot be used; nothing changes then.
  bool start(const StartPractice& start);
  // Names the trace fed into the session, for its result.
  void nameTrace(const std::string& tracePath);
  // Ends the session: its result, for the debrief.
  OpenNeedlingDebrief end();

  ScreenRequest frame(const FrameInput& in) override;
  SceneLayer sceneLayer() const override { return m_needling.sceneLayer(); }

 private:
  // A new cartridge changes the footprint: the session restarts with it.
  void changeCartridge(const std::string& cartridgeId);
  void newSession();
  // The journal of this free needling (runs/run_journal.h): created at the start, sealed at the end.
  void openJournal(const std::string& planText);
  void sealJournal(RunStatus status);
  double lastSampleS() const;  // of the needling so far, on its clock

  AppContext& m_ctx;
  Needling& m_needling;
  StartPractice m_started;  // for the debrief's Try again
  std::string m_title;      // the plan's title, else its file name
  std::unique_ptr<SkinModel> m_model;
  TreatmentPlan m_plan;
  std::unique_ptr<ProcedureSession> m_session;
  std::unique_ptr<RunJournal> m_journal;
  NeedlingRecorder m_recorder{nullptr};
  std::string m_traceName;  // the trace fed in (automation), "" by hand
};

}  // namespace mnsim::app
