// The needling debrief: the result of a free practice session, or of a case's procedure step
// opened from the case debrief (then Try again and Home lead back to it).
#pragma once

#include <optional>

#include <mnsim/procedure/result.h>
#include <mnsim/procedure/session.h>

#include "screens/app_context.h"
#include "screens/screen.h"
#include "ui/debrief_panels.h"

namespace mnsim::app {

class PracticeDebriefController : public ScreenController {
 public:
  explicit PracticeDebriefController(AppContext& ctx) : m_ctx(ctx) {}

  // Shows the session's coverage on the skin, takes the snapshots, and resets the camera.
  void open(OpenNeedlingDebrief debrief);

  ScreenRequest frame(const FrameInput& in) override;
  SceneLayer sceneLayer() const override { return {true, false, 0.0f}; }
  const ProcedureResult& result() const { return m_result; }
  // Back from its replay: the skin shows the session again.
  void restoreScene();

 private:
  AppContext& m_ctx;
  ProcedureResult m_result;
  ui::DebriefState m_state;
  const ProcedureSession* m_session = nullptr;  // what Save trace writes
  std::optional<StartPractice> m_again;         // nullopt: opened from the case debrief
  std::string m_runPath;                        // the run recorded, for Replay
};

}  // namespace mnsim::app
