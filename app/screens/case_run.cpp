#include "screens/case_run.h"

#include <algorithm>

#include <mnsim/base/version.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/runs/scripted_answers.h>

#include "core/file_names.h"

namespace mnsim::app {

namespace fs = std::filesystem;

bool CaseRun::fail(const std::string& error) {
  m_ctx.overlays.error = error;
  return false;
}

bool CaseRun::start(const StartCase& s) {
  if (s.authorMode) m_author = *s.authorMode;
  if (!m_library) m_library = std::make_unique<AssetLibrary>(m_ctx.search);
  ScenarioLoad load = loadScenario(s.path, {m_library.get()});
  m_diagnostics = load.diagnostics;
  m_path = s.path;
  std::error_code ec;
  m_scenarioTime = fs::last_write_time(s.path, ec);
  m_reloadedAtS = Window::timeS();
  if (!load.ok()) {
    if (m_author && load.scenario) {
      // Author mode keeps the problems on screen until the file is fixed.
      m_showDiagnostics = true;
      return false;
    }
    std::string message = "The scenario has problems:\n";
    int shown = 0;
    for (const Diagnostic& d : load.diagnostics)
      if (d.severity == Severity::Error && shown++ < 6) message += d.format() + "\n";
    if (load.diagnostics.empty()) message += s.path + ": error: cannot read the scenario\n";
    return fail(message);
  }
  auto scenario = std::make_unique<Scenario>(std::move(*load.scenario));
  auto model = m_library->model(scenario->assetName);
  if (!model) return fail(model.error().format());
  auto created = CaseSession::create({scenario.get(), *model, s.seed});
  if (!created) return fail(created.error().format());
  std::string error;
  if (!m_ctx.scene.show(*model, error)) return fail(error);

  m_case = std::move(*created);  // the old case goes before the old scenario it refers to
  m_scenario = std::move(scenario);
  m_seed = s.seed;
  m_practice = !s.assessment;
  m_needling = false;
  m_shownResult = -1;
  m_draft = ui::StepDraft();
  m_clockS = 0.0;
  m_stamps.clear();
  SkinScene& scene = m_ctx.scene;
  // The patient's skin type is the case's.
  const std::string fitzpatrick = m_case->patient().fitzpatrick;
  const char* roman[] = {"I", "II", "III", "IV", "V", "VI"};
  for (int t = 0; t < 6; ++t)
    if (fitzpatrick == roman[t]) scene.setSkinType(t + 1);
  scene.setCase(m_case.get());
  scene.setNeedling(nullptr);
  scene.setShownProcedure(nullptr);
  scene.setPlan(nullptr);
  scene.camera().reset();
  scene.setViewAndPass(View::Skin, -1);
  m_ctx.settings.addRecent(fs::absolute(s.path).lexically_normal().string());
  m_ctx.window.setTitle(std::string(m_author ? "mnsim author — " : "mnsim — ") + m_scenario->title);
  m_runPath = newRunPath(runsFolder(), m_scenario->id);
  m_runError.clear();
  return true;
}

void CaseRun::end() {
  SkinScene& scene = m_ctx.scene;
  scene.setCase(nullptr);
  scene.setShownProcedure(nullptr);
  scene.setPlan(nullptr);
  m_case.reset();
  m_needling = false;
}

void CaseRun::reloadIfChanged() {
  std::error_code ec;
  const auto time = fs::last_write_time(m_path, ec);
  if (ec || time == m_scenarioTime) return;
  // The author saved the file: load it again and restart the case.
  const double nowS = Window::timeS();
  const bool shown = m_showDiagnostics;
  end();
  if (start({m_path, !m_practice, m_seed, std::nullopt})) {
    m_ctx.overlays.say("Reloaded " + fs::path(m_path).filename().string());
    m_showDiagnostics = shown || hasErrors(m_diagnostics);
  }
  m_scenarioTime = time;
  m_reloadedAtS = nowS;
}

const StepResult* CaseRun::shownResult() const {
  if (!m_case || m_shownResult < 0 || m_shownResult >= static_cast<int>(m_case->steps().size())) return nullptr;
  return &m_case->steps()[m_shownResult];
}

void CaseRun::submitStep() {
  const Step* step = m_case->currentStep();
  if (!step) return;
  Answer answer;
  switch (step->type) {
    case StepType::Timer:
      answer.waitS = m_draft.waitedS;
      break;
    case StepType::Observation:
      answer.assessment = m_draft.assessment;
      answer.choices = m_draft.choices;
      break;
    case StepType::Schedule:
      if (step->schedule.sessions.given) answer.sessions = m_draft.sessions;
      if (step->schedule.intervalWeeks.given) answer.intervalWeeks = m_draft.intervalWeeks;
      if (step->schedule.maintenanceMonths.given) answer.maintenanceMonths = m_draft.maintenanceMonths;
      break;
    default:
      answer.choices = m_draft.choices;
      break;
  }
  // The run clock never goes back: a fast-forwarded wait moves it on.
  m_clockS = std::max(m_clockS, m_case->timeS()) + (step->type == StepType::Timer ? m_draft.waitedS : 0.0);
  auto result = m_case->answer(answer, m_clockS);
  if (!result) {
    m_ctx.overlays.error = result.error().format();
    return;
  }
  m_shownResult = m_practice && step->type != StepType::Narrative ? static_cast<int>(m_case->steps().size()) - 1 : -1;
  afterStep();
}

void CaseRun::proceed() {
  m_shownResult = -1;
  afterStep();
}

void CaseRun::afterStep() {
  saveRun();
  m_draft = ui::StepDraft();
  m_ctx.scene.restyle();  // a new visit or an observation changes the skin
}

// The engine's playScripted (runs/scripted_play.h) plays a whole case on a session of its own;
// here the window's session is played, it stops at --until, keeps each needling's stamps for the
// debrief's charts, and moves the run clock as the window does (an answer's at_s never sends it
// back), so the pictures show the case exactly where the script left it.
void CaseRun::playAnswers(const std::string& answersPath, const std::string& until) {
  AnswersLoad load = loadAnswers(answersPath, m_case->scenario());
  if (!load.ok()) {
    m_ctx.overlays.error =
        load.diagnostics.empty() ? answersPath + ": error: cannot read the answers" : load.diagnostics.front().format();
    return;
  }
  const ScriptedAnswers& answers = *load.answers;
  std::string error;
  while (!m_case->finished() && error.empty()) {
    const Step* step = m_case->currentStep();
    if (step->id == until) break;
    auto it = answers.steps.find(step->id);
    if (it == answers.steps.end()) {
      if (step->type != StepType::Narrative) break;  // the script stops here
      m_clockS = m_case->timeS() + 5.0;              // a narrative is read and passed
      if (auto r = m_case->answer(Answer(), m_clockS); !r) error = r.error().format();
      continue;
    }
    const ScriptedAnswer& sa = it->second;
    m_clockS = sa.atS ? std::max(*sa.atS, m_case->timeS()) : m_case->timeS() + 5.0;
    if (step->type != StepType::Procedure) {
      if (auto r = m_case->answer(sa.answer, m_clockS); !r) error = r.error().format();
      continue;
    }
    auto trace = readTrace(sa.tracePath, traceLimits(step->procedure.plan));
    if (!trace) {
      error = trace.error().format();
      continue;
    }
    ProcedureSession* needling = m_case->procedure();
    for (const PenSample& sample : trace->samples) needling->addSample(sample);
    m_stamps[step->id] = needling->stamps();
    const double endS = m_case->timeS() + (trace->samples.empty() ? 0.0 : trace->samples.back().timeS);
    if (auto r = m_case->finishProcedure(endS, sa.tracePath); !r) error = r.error().format();
  }
  if (!error.empty()) {
    m_ctx.overlays.error = error;
    return;
  }
  m_clockS = std::max(m_clockS, m_case->timeS());
  m_shownResult = -1;
  afterStep();
}

ProcedureSession* CaseRun::beginNeedling() {
  ProcedureSession* session = m_case->procedure();
  m_needling = session != nullptr;
  return session;
}

void CaseRun::finishNeedling(const ProcedureSession& session, const std::string& traceName) {
  if (!m_case || !m_needling) return;
  if (const Step* step = m_case->currentStep()) m_stamps[step->id] = session.stamps();
  m_clockS = std::max(m_clockS, m_case->timeS());
  auto result = m_case->finishProcedure(m_clockS, traceName);
  m_needling = false;
  if (!result) {
    m_ctx.overlays.error = result.error().format();
    return;
  }
  m_shownResult = m_practice ? static_cast<int>(m_case->steps().size()) - 1 : -1;
  m_ctx.scene.setView(View::Skin);
  afterStep();
}

void CaseRun::saveRun() {
  if (!m_case || m_runPath.empty()) return;
  std::error_code ec;
  fs::create_directories(fs::path(m_runPath).parent_path(), ec);
  const Status written =
      writeRun(makeRun(*m_case, std::string("mnsim ") + mnsimVersion()), m_case->result(), m_runPath);
  if (!written && m_runError.empty()) m_ctx.overlays.say("The run cannot be saved: " + written.error().format());
  m_runError = written ? "" : written.error().format();
}

const std::vector<Stamp>* CaseRun::stamps(const std::string& stepId) const {
  auto it = m_stamps.find(stepId);
  return it != m_stamps.end() ? &it->second : nullptr;
}

}  // namespace mnsim::app
