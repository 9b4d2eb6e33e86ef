#include "screens/case_run.h"

#include <algorithm>

#include <mnsim/base/version.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/runs/replay.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/runs/scripted_answers.h>

#include "core/run_store.h"
#include "core/file_names.h"
#include "core/run_opening.h"
#include "core/station.h"

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
  if (!s.pathAsRecorded.empty()) scenario->path = s.pathAsRecorded;
  auto model = m_library->model(scenario->assetName);
  if (!model) return fail(model.error().format());
  auto created = CaseSession::create({scenario.get(), *model, s.seed});
  if (!created) return fail(created.error().format());
  std::string error;
  if (!m_ctx.scene.show(*model, error)) return fail(error);

  sealRun(true);  // an attempt under way ends here
  m_recorder.reset();
  m_journal.reset();
  m_resumedNeedling.reset();
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
  scene.endSessionView();
  scene.camera().reset();
  scene.setViewAndPass(View::Skin, -1);
  m_ctx.settings.addRecent(fs::absolute(s.path).lexically_normal().string());
  m_ctx.window.setTitle(std::string(m_author ? "mnsim author — " : "mnsim — ") + m_scenario->title);
  m_runError.clear();
  m_runPath.clear();
  if (!m_author && s.pathAsRecorded.empty()) {  // a resumed run goes on in its own journal
    // The journal: every input of the attempt from here on, on disk as it happens.
    RunIdentity who;
    who.trainee = m_ctx.settings.trainee();
    who.mode = m_practice ? "practice" : "assessment";
    who.stationId = stationId();
    who.createdBy = std::string("mnsim ") + mnsimVersion();
    std::string path;
    if (s.reference) {
      // The expert's run: the instructor (the workstation's assessor name) in reference mode.
      const std::string& name = m_ctx.settings.assessorName;
      who.trainee = Trainee{"reference", name.empty() ? "Instructor" : name, ""};
      who.mode = "reference";
      std::error_code ec;
      fs::create_directories(referencesFolder(s.path), ec);
      path = newRunPath(referencesFolder(s.path), m_scenario->id);
    } else {
      path = newRunInRunsFolder(m_scenario->id);
    }
    auto journal = RunJournal::create(path, caseRunHeader(*m_case, who));
    if (journal) {
      m_journal = std::move(*journal);
      m_runPath = path;
    } else {
      m_runError = journal.error().format();
      m_ctx.overlays.say("This attempt is not recorded: " + m_runError);
    }
  }
  m_recorder = std::make_unique<CaseRecorder>(*m_case, m_journal.get());
  return true;
}

CaseRun::~CaseRun() { sealRun(true); }

bool CaseRun::resume(const std::string& runPath) {
  auto run = readRun(runPath);
  if (!run) return fail(run.error().format());
  if (!run->header || run->header->kind != "case") return fail(runPath + ": not the run of a case");
  const RunHeader header = *run->header;
  // The scenario where it was when recorded (the path as given may be relative to elsewhere).
  std::error_code ec;
  const std::string scenario =
      fs::exists(header.scenarioPath, ec) || header.scenarioFile.empty() ? header.scenarioPath : header.scenarioFile;
  if (!start({scenario, header.mode == "assessment", header.seed, false, header.scenarioPath})) return false;
  auto fail2 = [&](const std::string& why) {
    end();
    return fail(why);
  };
  if (auto fits = checkRunFits(*run, *m_scenario, *m_library->model(m_scenario->assetName).value(), *m_case); !fits)
    return fail2(fits.error().format());
  if (auto played = replayInto(*m_case, *run, false); !played) return fail2(played.error().format());
  auto journal = resumeJournal(runPath);
  if (!journal) return fail2(journal.error().format());
  m_journal = std::move(*journal);
  m_runPath = runPath;
  m_recorder = std::make_unique<CaseRecorder>(*m_case, m_journal.get());
  m_clockS = m_case->timeS();
  if (!run->steps.empty() && run->steps.back().interrupted) {
    // The needling under way when the recording stopped goes on.
    m_recorder->continueNeedling();
    const auto& samples = run->steps.back().samples;
    m_resumedNeedling = samples.empty() ? PenSample() : samples.back();
  }
  m_ctx.overlays.say("Resumed the run of " + header.trainee.name + " (" + header.trainee.id + ") after a gap");
  return true;
}

const SkinModel* CaseRun::model() const {
  if (!m_library || !m_case) return nullptr;
  auto model = m_library->model(assetName());
  return model ? *model : nullptr;
}

void CaseRun::sealRun(bool leaving) {
  if (!m_journal || m_journal->sealed() || !m_case || !m_recorder) return;
  if (!m_case->finished() && !leaving) return;
  auto key = stationKey();
  if (!key) {
    // Left unsealed: the next start offers to recover it.
    m_runError = "the run cannot be signed: " + key.error().format();
    m_ctx.overlays.error = "The run could not be sealed: " + key.error().format();
    return;
  }
  if (auto sealed = m_recorder->seal(*key); !sealed) {
    m_runError = sealed.error().format();
    m_ctx.overlays.error = "The run could not be sealed: " + m_runError;
    return;
  }
  if (auto kept = keepInStore(m_journal->path()); !kept)
    m_ctx.overlays.say("The run is saved as a file; the store could not take it: " + kept.error().message);
}

void CaseRun::end() {
  sealRun(true);
  m_recorder.reset();
  m_journal.reset();
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
  if (start({m_path, !m_practice, m_seed, std::nullopt, {}})) {
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
  auto result = m_recorder->answer(answer, m_clockS);
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
  sealRun(false);  // the case has ended: the run is sealed
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
      if (auto r = m_recorder->answer(Answer(), m_clockS); !r) error = r.error().format();
      continue;
    }
    const ScriptedAnswer& sa = it->second;
    m_clockS = sa.atS ? std::max(*sa.atS, m_case->timeS()) : m_case->timeS() + 5.0;
    if (step->type != StepType::Procedure) {
      if (auto r = m_recorder->answer(sa.answer, m_clockS); !r) error = r.error().format();
      continue;
    }
    auto trace = readTrace(sa.tracePath, traceLimits(step->procedure.plan));
    if (!trace) {
      error = trace.error().format();
      continue;
    }
    ProcedureSession* needling = m_recorder->beginNeedling();
    for (const PenSample& sample : trace->samples) m_recorder->sample(sample);
    m_stamps[step->id] = needling->stamps();
    const double endS = m_case->timeS() + (trace->samples.empty() ? 0.0 : trace->samples.back().timeS);
    if (auto r = m_recorder->finishNeedling(endS, sa.tracePath); !r) error = r.error().format();
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
  ProcedureSession* session = m_recorder->beginNeedling();
  m_needling = session != nullptr;
  return session;
}

void CaseRun::finishNeedling(const ProcedureSession& session, const std::string& traceName) {
  if (!m_case || !m_needling) return;
  if (const Step* step = m_case->currentStep()) m_stamps[step->id] = session.stamps();
  m_clockS = std::max(m_clockS, m_case->timeS());
  auto result = m_recorder->finishNeedling(m_clockS, traceName);
  m_needling = false;
  m_resumedNeedling.reset();
  if (!result) {
    m_ctx.overlays.error = result.error().format();
    return;
  }
  m_shownResult = m_practice ? static_cast<int>(m_case->steps().size()) - 1 : -1;
  m_ctx.scene.setView(View::Skin);
  afterStep();
}

const std::vector<Stamp>* CaseRun::stamps(const std::string& stepId) const {
  auto it = m_stamps.find(stepId);
  return it != m_stamps.end() ? &it->second : nullptr;
}

}  // namespace mnsim::app
