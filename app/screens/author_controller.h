// Author mode: the case screen for someone writing the scenario. Saving the file reloads the
// case; every problem is listed as file:line:col; "Place a lesion" writes the spot clicked on
// the skin into the file; the zone under the cursor is always named.
#pragma once

#include "screens/case_controller.h"

namespace mnsim::app {

class AuthorController : public CaseController {
 public:
  using CaseController::CaseController;

 protected:
  void beforePanels(const FrameInput& in) override;
  void withoutCase(const FrameInput& in) override;
  ScreenRequest afterPanels(const FrameInput& in) override;
  void onCursor(const FrameInput& in) override;
  bool namesZonesEverywhere() const override { return true; }

 private:
  void drawProblems(const FrameInput& in);
  void placeLesion(const SurfacePoint& at);

  double m_nextPollS = 0.0;      // the file is looked at twice a second
  bool m_placingLesion = false;  // the next click on the skin places a lesion
  bool m_buttonWasDown = false;  // a click places one lesion, not one per frame
};

}  // namespace mnsim::app
