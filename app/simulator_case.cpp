// Cases (scenarios) in the window: starting one, the step panels' answers, needling a
// procedure step, scripted answers for automation, the case debrief and author mode.
#include "simulator_impl.h"

#include <imgui.h>

namespace mnsim::app {

SkinAppearance Simulator::caseAppearance() const {
  SkinAppearance a;
  if (!m_case || !m_model) return a;
  const SkinView view = m_case->skin();
  for (const auto& [id, amount] : view.features) a.features.emplace_back(id, static_cast<float>(amount));
  const ZoneMap& zones = m_model->zones();
  a.zoneShows.assign(zones.zones.size(), view.zones.empty() ? 1 : 0);
  for (const std::string& id : view.zones)
    if (const int z = zones.find(id); z >= 0) a.zoneShows[z] = 1;
  const Visit* visit = m_case->currentVisit();
  for (const PatientLesion& l : m_case->scenario().patient.lesions) {
    if (!l.resolved) continue;
    const bool present = l.visits.empty() || !visit ||
                         std::find(l.visits.begin(), l.visits.end(), visit->id) != l.visits.end();
    if (present) a.spots.push_back({l.centerMm, l.radiusMm, l.kind});
  }
  return a;
}

bool Simulator::startCase(const std::string& path, bool assessment, uint64_t seed) {
  if (!m_library) m_library = std::make_unique<AssetLibrary>(m_search);
  ScenarioLoad load = loadScenario(path, {m_library.get()});
  m_diagnostics = load.diagnostics;
  m_scenarioPath = path;
  std::error_code ec;
  m_scenarioTime = fs::last_write_time(path, ec);
  m_reloadedAt = Window::timeS();
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
    if (load.diagnostics.empty()) message += path + ": error: cannot read the scenario\n";
    m_error = message;
    return false;
  }
  m_scenario = std::move(*load.scenario);
  auto model = m_library->model(m_scenario->assetName);
  if (!model) {
    m_error = model.error().format();
    return false;
  }
  auto created = CaseSession::create({&*m_scenario, *model, seed});
  if (!created) {
    m_error = created.error().format();
    return false;
  }
  std::string error;
  m_ownedSession.reset();
  m_session = nullptr;
  m_shownProcedure = nullptr;
  if (!prepareSkin(*model, error)) {
    m_error = error;
    return false;
  }
  m_case = std::move(*created);
  m_seed = seed;
  m_practice = !assessment;
  m_inCase = false;
  m_shownResult = -1;
  m_draft = ui::StepDraft();
  m_caseClockS = 0.0;
  m_procedureStamps.clear();
  m_assetName = m_scenario->assetName;
  m_title = m_scenario->title;
  // The patient's skin type is the case's.
  const std::string fitz = m_case->patient().fitzpatrick;
  const char* roman[] = {"I", "II", "III", "IV", "V", "VI"};
  for (int t = 0; t < 6; ++t)
    if (fitz == roman[t]) m_fitzpatrick = t + 1;
  m_view = View::Skin;
  m_passShown = -1;
  m_camera.reset();
  m_screen = Screen::Case;
  restyle();
  m_settings.addRecent(fs::absolute(path).lexically_normal().string());
  m_home.recent = m_settings.recent;
  m_window->setTitle(std::string(m_author ? "mnsim author — " : "mnsim — ") + m_title);
  // A new file per attempt, never one that exists.
  const fs::path folder = runsFolder();
  const std::string stem = m_scenario->id + "-" + timestamp();
  m_runPath = (folder / (stem + ".run.json")).string();
  for (int n = 2; fs::exists(m_runPath, ec); ++n) m_runPath = (folder / (stem + "-" + std::to_string(n) + ".run.json")).string();
  m_runError.clear();
  return true;
}

void Simulator::saveRun() {
  if (!m_case || m_runPath.empty()) return;
  std::error_code ec;
  fs::create_directories(fs::path(m_runPath).parent_path(), ec);
  const Status written = writeRun(makeRun(*m_case, std::string("mnsim ") + mnsimVersion()), m_case->result(), m_runPath);
  if (!written && m_runError.empty()) note("The run cannot be saved: " + written.error().format());
  m_runError = written ? "" : written.error().format();
}

void Simulator::openCaseDebrief() {
  saveRun();
  m_caseResult = m_case->result();
  m_caseDebrief = ui::CaseDebriefState();
  m_caseDebrief.result = &m_caseResult;
  m_caseDebrief.scenario = &m_case->scenario();
  m_caseDebrief.zones = m_model ? &m_model->zones() : nullptr;
  m_caseDebrief.runPath = m_runError.empty() ? m_runPath : "";
  m_caseDebrief.runError = m_runError;
  m_screen = Screen::CaseDebrief;
  // The face shows the heatmap of the case's last needling, if it had one.
  m_caseDebrief.heatmap = false;
  for (auto it = m_caseResult.steps.rbegin(); it != m_caseResult.steps.rend(); ++it)
    if (it->procedure) {
      m_caseDebrief.heatmap = showProcedure(it->stepId);
      break;
    }
}

bool Simulator::showProcedure(const std::string& stepId) {
  m_shownProcedure = m_case ? m_case->finishedProcedure(stepId) : nullptr;
  if (!m_shownProcedure) return false;
  m_view = View::Coverage;
  m_passShown = -1;
  restyle();
  return true;
}

void Simulator::submitStep() {
  const Step* step = m_case->currentStep();
  if (!step) return;
  Answer answer;
  switch (step->type) {
    case StepType::Timer: answer.waitS = m_draft.waitedS; break;
    case StepType::Observation:
      answer.assessment = m_draft.assessment;
      answer.choices = m_draft.choices;
      break;
    case StepType::Schedule:
      if (step->schedule.sessions.given) answer.sessions = m_draft.sessions;
      if (step->schedule.intervalWeeks.given) answer.intervalWeeks = m_draft.intervalWeeks;
      if (step->schedule.maintenanceMonths.given) answer.maintenanceMonths = m_draft.maintenanceMonths;
      break;
    default: answer.choices = m_draft.choices; break;
  }
  // The run clock never goes back: a fast-forwarded wait moves it on.
  m_caseClockS = std::max(m_caseClockS, m_case->timeS()) + (step->type == StepType::Timer ? m_draft.waitedS : 0.0);
  auto result = m_case->answer(answer, m_caseClockS);
  if (!result) {
    m_error = result.error().format();
    return;
  }
  m_shownResult = m_practice && step->type != StepType::Narrative ? static_cast<int>(m_case->steps().size()) - 1 : -1;
  afterStep();
}

void Simulator::afterStep() {
  saveRun();
  m_draft = ui::StepDraft();
  restyle();  // a new visit or an observation changes the skin
}

void Simulator::finishNeedling() {
  if (!m_case || !m_inCase) return;
  const Step* step = m_case->currentStep();
  if (step) m_procedureStamps[step->id] = m_session->stamps();
  m_caseClockS = std::max(m_caseClockS, m_case->timeS());
  auto result = m_case->finishProcedure(m_caseClockS, m_playback ? m_options.playTrace : "live");
  m_session = nullptr;
  m_inCase = false;
  m_playback = false;
  if (!result) {
    m_error = result.error().format();
    m_screen = Screen::Case;
    return;
  }
  m_shownResult = m_practice ? static_cast<int>(m_case->steps().size()) - 1 : -1;
  m_screen = Screen::Case;
  m_view = View::Skin;
  afterStep();
}

void Simulator::frameCase(const InputEvents& events, const InputState& input, double dt, glm::vec2 viewport) {
  m_caseClockS += dt;
  handleCamera(events, input, viewport, false);
  m_camera.update(static_cast<float>(dt));
  if (m_author) pollScenarioFile();
  if (!m_case) {
    // Author mode with a scenario that does not load: only the problems.
    m_showDiagnostics = true;
    ui::drawDiagnostics(m_scenarioPath, m_diagnostics, m_showDiagnostics, m_imgui.fonts(), viewport,
                        Window::timeS() - m_reloadedAt);
    m_showDiagnostics = true;
    return;
  }
  ui::CaseState s;
  s.session = m_case.get();
  s.zones = &m_model->zones();
  s.practice = m_practice;
  s.clockS = m_caseClockS;
  s.shownResult = m_shownResult >= 0 && m_shownResult < static_cast<int>(m_case->steps().size()) ? &m_case->steps()[m_shownResult] : nullptr;
  s.authorMode = m_author;
  s.diagnosticsErrors = static_cast<int>(countSeverity(m_diagnostics, Severity::Error));
  s.diagnosticsWarnings = static_cast<int>(countSeverity(m_diagnostics, Severity::Warning));
  ui::CaseActions a;
  ui::drawCaseToolbar(s, m_imgui.fonts(), viewport, a);
  ui::drawPatientCard(s, m_imgui.fonts(), viewport);
  ui::drawStepPanel(s, m_draft, m_imgui.fonts(), viewport, a);
  if (m_author) {
    ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, ImGui::GetFontSize() * 5.6f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::Begin("authoring", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Checkbox("Place a lesion: click the skin", &m_placingLesion);
    ImGui::SameLine();
    ImGui::TextDisabled("(writes it into the scenario file)");
    ImGui::End();
    ui::drawDiagnostics(m_scenarioPath, m_diagnostics, m_showDiagnostics, m_imgui.fonts(), viewport,
                        Window::timeS() - m_reloadedAt);
  }
  m_cursor = pickAt(input.mousePx, viewport);
  if (m_author && m_placingLesion && input.left && !m_imgui.wantsMouse() && m_cursor.onSkin && !m_haveLastMouse) {
    placeLesion(m_cursor.surface);
    m_placingLesion = false;
  }
  m_haveLastMouse = input.left;  // a click places one lesion, not one per frame
  if (m_cursor.onSkin && !m_imgui.wantsMouse()) {
    const ZoneInfo& z = m_model->zones().zones[m_cursor.surface.zone];
    if (m_view == View::Zones || m_author) ui::drawZoneTooltip(z.name, z.noGo);
  }
  for (Key k : events.pressed) {
    if (m_imgui.wantsKeyboard()) break;
    if (k == Key::F1) m_help = !m_help;
    if (k == Key::Digit1) setView(View::Skin);
    if (k == Key::Digit2) setView(View::Zones);
  }
  if (a.toggleHelp) m_help = !m_help;
  if (a.toggleDiagnostics) m_showDiagnostics = !m_showDiagnostics;
  if (a.fastForwardS > 0.0) m_draft.waitedS += a.fastForwardS;
  if (a.quit) {
    m_case.reset();
    m_screen = Screen::Home;
    return;
  }
  if (a.proceed) {
    m_shownResult = -1;
    afterStep();
  }
  if (a.submit) submitStep();
  if (a.startNeedling) {
    m_session = m_case->procedure();
    if (m_session) {
      m_session->setTrackChanges(true);
      m_planUsed = &m_session->plan();
      m_inCase = true;
      m_pen = PenController(&plan().device());
      m_pen.settings().rateHz = plan().defaultRateHz();
      m_pen.settings().depthMm = plan().zones.empty() ? plan().defaults.settingMm : plan().zones.front().settingMm;
      m_pen.resetClock();
      m_haveLastMouse = false;
      m_screen = Screen::Session;
      restyle();
    }
  }
  if (a.showDebrief) openCaseDebrief();
}

void Simulator::playAnswers(const std::string& answersPath, const std::string& until) {
  AnswersLoad load = loadAnswers(answersPath, m_case->scenario());
  if (!load.ok()) {
    m_error = load.diagnostics.empty() ? answersPath + ": error: cannot read the answers" : load.diagnostics.front().format();
    return;
  }
  const ScriptedAnswers& answers = *load.answers;
  while (!m_case->finished()) {
    const Step* step = m_case->currentStep();
    if (step->id == until) break;
    auto it = answers.steps.find(step->id);
    if (it == answers.steps.end()) {
      if (step->type != StepType::Narrative) break;  // the script stops here
      m_caseClockS = m_case->timeS() + 5.0;  // a narrative is read and passed
      if (auto r = m_case->answer(Answer(), m_caseClockS); !r) {
        m_error = r.error().format();
        return;
      }
      continue;
    }
    const ScriptedAnswer& sa = it->second;
    m_caseClockS = sa.atS ? std::max(*sa.atS, m_case->timeS()) : m_case->timeS() + 5.0;
    if (step->type == StepType::Procedure) {
      auto trace = readTrace(sa.tracePath, traceLimits(step->procedure.plan));
      if (!trace) {
        m_error = trace.error().format();
        return;
      }
      // Fed here rather than with playTrace, to keep the stamps for the debrief's charts.
      ProcedureSession* needling = m_case->procedure();
      for (const PenSample& sample : trace->samples) needling->addSample(sample);
      m_procedureStamps[step->id] = needling->stamps();
      const double end = m_case->timeS() + (trace->samples.empty() ? 0.0 : trace->samples.back().timeS);
      auto r = m_case->finishProcedure(end, sa.tracePath);
      if (!r) {
        m_error = r.error().format();
        return;
      }
      continue;
    }
    auto r = m_case->answer(sa.answer, m_caseClockS);
    if (!r) {
      m_error = r.error().format();
      return;
    }
  }
  m_caseClockS = std::max(m_caseClockS, m_case->timeS());
  m_shownResult = -1;
  afterStep();
}

void Simulator::pollScenarioFile() {
  const double now = Window::timeS();
  if (now < m_nextPoll) return;
  m_nextPoll = now + 0.5;
  std::error_code ec;
  const auto time = fs::last_write_time(m_scenarioPath, ec);
  if (ec || time == m_scenarioTime) return;
  // The instructor saved the file: load it again and restart the case.
  const bool practice = m_practice;
  const bool shown = m_showDiagnostics;
  m_case.reset();
  if (startCase(m_scenarioPath, !practice, m_seed)) {
    note("Reloaded " + fs::path(m_scenarioPath).filename().string());
    m_showDiagnostics = shown || hasErrors(m_diagnostics);
  }
  m_scenarioTime = time;
  m_reloadedAt = now;
}

void Simulator::placeLesion(const SurfacePoint& at) {
  const ZoneMap& zones = m_model->zones();
  NewLesion lesion;
  lesion.zoneId = zones.zones[at.zone].id;
  // Offsets are measured from the nearest landmark, so the spot stays put if the mesh is refined.
  float best = 1e30f;
  for (const Landmark& l : zones.landmarks) {
    const float d = glm::length(l.positionMm - at.pointMm);
    if (d < best) {
      best = d;
      lesion.landmark = l.name;
      lesion.offsetMm = at.pointMm - l.positionMm;
    }
  }
  if (lesion.landmark.empty()) lesion.offsetMm = at.pointMm - summarizeZones(m_model->asset())[at.zone].centroid;
  int n = 1;
  for (;;) {
    lesion.name = "spot_" + std::to_string(n);
    bool taken = false;
    if (m_case)
      for (const PatientLesion& l : m_case->scenario().patient.lesions) taken = taken || l.name == lesion.name;
    if (!taken) break;
    ++n;
  }
  if (auto status = addLesionToFile(m_scenarioPath, lesion); !status) {
    m_error = status.error().format();
    return;
  }
  note("Added " + lesion.name + " (" + lesion.kind + ") on " + zones.zones[at.zone].name + " to the scenario");
  m_nextPoll = 0.0;  // reload now
}

}  // namespace mnsim::app
