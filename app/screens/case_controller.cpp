#include "screens/case_controller.h"

#include "ui/case_panels.h"
#include "ui/session_panels.h"

namespace mnsim::app {

bool CaseController::startNeedling() {
  ProcedureSession* session = m_run.beginNeedling();
  if (!session) return false;
  Needling::Desc desc;
  desc.session = session;
  desc.title = m_run.title();
  desc.practice = m_run.practice();
  desc.inCase = true;
  desc.journal = m_run.journal();
  desc.resumeFrom = m_run.resumedNeedling();
  m_needling.begin(desc);
  m_ctx.scene.restyle();
  return true;
}

ScreenRequest CaseController::needlingFrame(const FrameInput& in) {
  if (m_needling.frame(in).end) {
    const ProcedureSession& session = m_needling.session();
    const std::string traceName = m_needling.traceName();
    m_needling.stop();
    m_run.finishNeedling(session, traceName);
  }
  return {};
}

ScreenRequest CaseController::frame(const FrameInput& in) {
  if (m_run.needling()) return needlingFrame(in);
  SkinScene& scene = m_ctx.scene;
  m_run.advanceClock(in.dtS);
  scene.handleCameraInput(in.events, in.input, in.viewport, m_ctx.imgui.wantsMouse(), false);
  scene.camera().update(static_cast<float>(in.dtS));
  beforePanels(in);
  const CaseSession* session = m_run.session();
  if (!session) {
    withoutCase(in);
    return {};
  }
  ui::CaseState s;
  s.session = session;
  s.zones = &scene.model()->zones();
  s.practice = m_run.practice();
  s.clockS = m_run.clockS();
  s.shownResult = m_run.shownResult();
  s.authorMode = m_run.authorMode();
  s.diagnosticsErrors = static_cast<int>(countSeverity(m_run.diagnostics(), Severity::Error));
  s.diagnosticsWarnings = static_cast<int>(countSeverity(m_run.diagnostics(), Severity::Warning));
  const ui::Fonts& fonts = m_ctx.imgui.fonts();
  ui::CaseActions a;
  ui::drawCaseToolbar(s, fonts, in.viewport, a);
  ui::drawPhaseTimeline(s, in.viewport);
  ui::drawPatientCard(s, fonts, in.viewport);
  ui::drawStepPanel(s, m_run.draft(), fonts, in.viewport, a);
  const ScreenRequest authored = afterPanels(in);
  scene.setCursor(scene.pickAt(in.input.mousePx, in.viewport));
  onCursor(in);
  const PenPick& cursor = scene.cursor();
  if (cursor.onSkin && !m_ctx.imgui.wantsMouse()) {
    const ZoneInfo& z = scene.model()->zones().zones[cursor.surface.zone];
    if (scene.view() == View::Zones || namesZonesEverywhere()) ui::drawZoneTooltip(z.name, z.noGo);
  }
  for (Key k : in.events.pressed) {
    if (m_ctx.imgui.wantsKeyboard()) break;
    if (k == Key::Digit1) scene.setView(View::Skin);
    if (k == Key::Digit2) scene.setView(View::Zones);
  }
  if (!std::holds_alternative<std::monostate>(authored)) return authored;
  return apply(a);
}

ScreenRequest CaseController::apply(const ui::CaseActions& a) {
  if (a.toggleHelp) m_ctx.overlays.help = !m_ctx.overlays.help;
  if (a.toggleDiagnostics) m_run.showDiagnostics() = !m_run.showDiagnostics();
  if (a.fastForwardS > 0.0) {
    m_run.draft().waitedS += a.fastForwardS;
    if (m_run.recorder()) m_run.recorder()->control("timer", "fast_forward_s", std::to_string(a.fastForwardS));
  }
  if (a.quit) {
    m_run.end();
    return GoTo{ScreenId::Home};
  }
  if (a.proceed) m_run.proceed();
  if (a.submit) m_run.submitStep();
  if (a.startNeedling) startNeedling();
  if (a.showDebrief) return OpenCaseDebrief{};
  return {};
}

SceneLayer CaseController::sceneLayer() const {
  if (m_run.needling()) return m_needling.sceneLayer();
  return {true, false, 0.0f};
}

}  // namespace mnsim::app
