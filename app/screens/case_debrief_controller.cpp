#include "screens/case_debrief_controller.h"

#include <filesystem>

#include <mnsim/review/comparison.h>
#include <mnsim/runs/run_file.h>

#include "core/run_opening.h"

namespace mnsim::app {

void CaseDebriefController::open() {
  m_run.sealRun(false);
  m_reference.reset();
  m_referenceTried = false;
  m_result = m_run.session()->result();
  m_state = ui::CaseDebriefState();
  m_state.result = &m_result;
  m_state.scenario = &m_run.session()->scenario();
  m_state.zones = m_ctx.scene.model() ? &m_ctx.scene.model()->zones() : nullptr;
  m_state.runPath = m_run.runError().empty() ? m_run.runPath() : "";
  m_state.runError = m_run.runError();
  if (m_run.gaps() > 0)
    m_state.runNote = "Interrupted: the recording stopped (a crash) and was resumed; the gap is in the run.";
  // The face shows the heatmap of the case's last needling, if it had one.
  m_state.heatmap = false;
  for (auto it = m_result.steps.rbegin(); it != m_result.steps.rend(); ++it)
    if (it->procedure) {
      m_state.heatmap = showProcedure(it->stepId);
      break;
    }
}

bool CaseDebriefController::showProcedure(const std::string& stepId) {
  const ProcedureSession* finished = m_run.session()->finishedProcedure(stepId);
  m_ctx.scene.setShownProcedure(finished);
  if (!finished) return false;
  m_ctx.scene.setViewAndPass(View::Coverage, -1);
  return true;
}

const RunReplay* CaseDebriefController::reference() {
  if (m_referenceTried) return m_reference.get();
  m_referenceTried = true;
  const CaseSession* session = m_run.session();
  const SkinModel* model = m_run.model();
  if (!session || !model) return nullptr;
  const std::string path = findReferenceRun(m_run.path(), session->scenario().id);
  std::error_code ec;
  if (path.empty() || std::filesystem::equivalent(path, m_run.runPath(), ec)) return nullptr;
  auto run = readRun(path);
  auto replay = run ? RunReplay::open(*run, &session->scenario(), *model) : Result<std::unique_ptr<RunReplay>>(run.error());
  if (!replay) {
    // A reference made with an older version of the case cannot be compared: say so once.
    m_ctx.overlays.say("The case's reference run cannot be compared: " + replay.error().message);
    return nullptr;
  }
  m_reference = std::move(*replay);
  return m_reference.get();
}

OpenNeedlingDebrief CaseDebriefController::needlingDebrief(const StepResult& step) {
  OpenNeedlingDebrief d;
  if (const RunReplay* ref = reference())
    for (const ReplayNeedling& e : ref->needlings())
      if (e.stepId == step.stepId && m_run.stamps(step.stepId)) {
        d.comparison = compareNeedlings(*step.procedure, *m_run.stamps(step.stepId), e.replay->result(), e.replay->stamps());
        d.expert = ref->run().header ? ref->run().header->trainee.name : "an expert";
      }
  d.result = *step.procedure;
  d.stamps = m_run.stamps(step.stepId);
  d.session = m_run.session()->finishedProcedure(step.stepId);
  d.title = m_run.title() + " · needling";
  d.practice = m_run.practice();
  d.flatSkin = m_run.assetName() != "head";
  return d;
}

void CaseDebriefController::restoreScene() {
  std::string error;
  if (const SkinModel* model = m_run.model()) m_ctx.scene.show(model, error);
  m_ctx.scene.setNeedling(nullptr);
  m_ctx.scene.setCase(m_run.session());
  for (auto it = m_result.steps.rbegin(); it != m_result.steps.rend(); ++it)
    if (it->procedure) {
      showProcedure(it->stepId);
      return;
    }
  m_ctx.scene.setShownProcedure(nullptr);
  m_ctx.scene.restyle();
}

ScreenRequest CaseDebriefController::frame(const FrameInput& in) {
  SkinScene& scene = m_ctx.scene;
  scene.handleCameraInput(in.events, in.input, in.viewport, m_ctx.imgui.wantsMouse(), false);
  scene.camera().update(static_cast<float>(in.dtS));
  const ui::CaseDebriefActions a = ui::drawCaseDebrief(m_state, m_ctx.imgui.fonts(), in.viewport);
  if (const CaseFault* f = ui::caseDebriefFault(m_result, a.focusFault); f && f->hasPoint) scene.focusOn(f->pointMm);
  if (a.openProcedure >= 0 && m_result.steps[a.openProcedure].procedure)
    return needlingDebrief(m_result.steps[a.openProcedure]);
  if (a.copyRunPath) {
    m_ctx.imgui.copyToClipboard(m_state.runPath);
    m_ctx.overlays.say("Copied. 'mnsim score RUN' scores the run again.");
  }
  if (a.replay && !m_state.runPath.empty()) return OpenReplay{m_state.runPath, false, ScreenId::CaseDebrief, m_run.path()};
  if (a.again) return StartCase{m_run.path(), !m_run.practice(), m_run.seed() + 1, std::nullopt, {}};
  if (a.home) {
    m_run.end();
    return GoTo{ScreenId::Home};
  }
  return {};
}

}  // namespace mnsim::app
