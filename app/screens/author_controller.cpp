#include "screens/author_controller.h"

#include <filesystem>

#include "core/lesion_writer.h"
#include "ui/author_panels.h"

namespace mnsim::app {

void AuthorController::beforePanels(const FrameInput&) {
  const double nowS = Window::timeS();
  if (nowS < m_nextPollS) return;
  m_nextPollS = nowS + 0.5;
  m_run.reloadIfChanged();
}

void AuthorController::drawProblems(const FrameInput& in) {
  ui::drawDiagnostics(m_run.path(), m_run.diagnostics(), m_run.showDiagnostics(), in.viewport,
                      Window::timeS() - m_run.reloadedAtS());
}

void AuthorController::withoutCase(const FrameInput& in) {
  // A scenario that does not load: only its problems, always shown.
  m_run.showDiagnostics() = true;
  drawProblems(in);
  m_run.showDiagnostics() = true;
}

ScreenRequest AuthorController::afterPanels(const FrameInput& in) {
  const bool recordReference = ui::drawAuthoringPanel(m_placingLesion, in.viewport);
  drawProblems(in);
  if (!recordReference) return {};
  // The case played for real, its run kept beside the scenario as the expert's reference.
  StartCase start{m_run.path(), false, m_run.seed(), false, {}};
  start.reference = true;
  return start;
}

void AuthorController::onCursor(const FrameInput& in) {
  const PenPick& cursor = m_ctx.scene.cursor();
  if (m_placingLesion && in.input.left && !m_ctx.imgui.wantsMouse() && cursor.onSkin && !m_buttonWasDown) {
    placeLesion(cursor.surface);
    m_placingLesion = false;
  }
  m_buttonWasDown = in.input.left;
}

void AuthorController::placeLesion(const SurfacePoint& at) {
  const SkinModel& model = *m_ctx.scene.model();
  const CaseSession* session = m_run.session();
  const NewLesion lesion = lesionAt(at, model.asset(), session ? &session->scenario() : nullptr);
  if (auto status = addLesionToFile(m_run.path(), lesion); !status) {
    m_ctx.overlays.error = status.error().format();
    return;
  }
  m_ctx.overlays.say("Added " + lesion.name + " (" + lesion.kind + ") on " + model.zones().zones[at.zone].name +
                     " to the scenario");
  m_nextPollS = 0.0;  // reload now
}

}  // namespace mnsim::app
