#include "screens/practice_debrief_controller.h"

#include "screens/save_files.h"

namespace mnsim::app {

void PracticeDebriefController::open(OpenNeedlingDebrief d) {
  m_result = std::move(d.result);
  m_state = ui::DebriefState();
  m_state.result = &m_result;
  m_state.stamps = d.stamps;
  m_state.plan = d.plan;
  m_state.title = d.title;
  m_state.practice = d.practice;
  m_session = d.session;
  m_again = d.again;
  m_runPath = d.runPath;
  m_state.expert = d.comparison ? d.expert : "";
  if (d.comparison) m_state.comparison.emplace_back(d.title, *d.comparison);
  m_state.canReplay = !m_runPath.empty();
  SkinScene& scene = m_ctx.scene;
  scene.setShownProcedure(d.session);
  scene.setViewAndPass(View::Coverage, -1);
  SceneSnapshots snapshots = scene.renderSnapshots(d.flatSkin);
  m_state.snapshots = std::move(snapshots.textures);
  m_state.snapshotLabels = std::move(snapshots.labels);
  m_state.snapshotSize = snapshots.sizePixels;
  scene.camera().reset();
}

void PracticeDebriefController::restoreScene() {
  std::string error;
  if (m_session) m_ctx.scene.show(&m_session->model(), error);
  m_ctx.scene.setNeedling(nullptr);
  m_ctx.scene.setShownProcedure(m_session);
  m_ctx.scene.setPlan(m_state.plan);
  m_ctx.scene.setViewAndPass(View::Coverage, -1);
}

ScreenRequest PracticeDebriefController::frame(const FrameInput& in) {
  SkinScene& scene = m_ctx.scene;
  scene.handleCameraInput(in.events, in.input, in.viewport, m_ctx.imgui.wantsMouse(), false);
  scene.camera().update(static_cast<float>(in.dtS));
  const ui::DebriefActions a = ui::drawDebrief(m_state, m_ctx.imgui.fonts(), in.viewport);
  if (const Fault* f = a.select >= 0 ? ui::debriefFault(m_result, a.select) : nullptr) scene.focusOn(f->pointMm);
  if (a.saveTrace && m_session) saveTrace(*m_session, m_ctx.overlays);
  if (a.saveJson) saveResult(m_result, m_ctx.overlays);
  if (a.replay && !m_runPath.empty()) return OpenReplay{m_runPath, false, ScreenId::PracticeDebrief, ""};
  if (!m_again) {
    if (a.again || a.home) return GoTo{ScreenId::CaseDebrief};
  } else {
    if (a.again) return *m_again;
    if (a.home) return GoTo{ScreenId::Home};
  }
  return {};
}

}  // namespace mnsim::app
