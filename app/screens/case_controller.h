// The case screen: the toolbar and phase timeline, the patient card, the step panel, the face
// between them; a procedure step is needled here (the needling panels replace the step panels
// until Finish). Author mode is this screen with more (author_controller.h).
#pragma once

#include "screens/app_context.h"
#include "screens/case_run.h"
#include "screens/needling.h"
#include "screens/screen.h"

namespace mnsim::app {

class CaseController : public ScreenController {
 public:
  CaseController(AppContext& ctx, CaseRun& run, Needling& needling) : m_ctx(ctx), m_run(run), m_needling(needling) {}

  // Starts needling the current step (its Start needling button); false when it is not a
  // procedure step.
  bool startNeedling();

  ScreenRequest frame(const FrameInput& in) override;
  SceneLayer sceneLayer() const override;

 protected:
  // Author mode's additions, in the order the panels stack.
  virtual void beforePanels(const FrameInput&) {}              // before anything is drawn
  virtual void withoutCase(const FrameInput&) {}               // the scenario did not load
  virtual ScreenRequest afterPanels(const FrameInput&) { return {}; }  // after the step panel; may start another screen
  virtual void onCursor(const FrameInput&) {}                  // the cursor has been picked
  virtual bool namesZonesEverywhere() const { return false; }  // the zone tooltip in every view

  AppContext& m_ctx;
  CaseRun& m_run;

 private:
  ScreenRequest needlingFrame(const FrameInput& in);
  ScreenRequest apply(const ui::CaseActions& actions);

  Needling& m_needling;
};

}  // namespace mnsim::app
