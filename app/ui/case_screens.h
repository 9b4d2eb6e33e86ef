// Screens of a whole case (scenarios): the phase timeline, the patient card, a panel per step
// type, the case debrief, and the author's diagnostics. Dear ImGui only; the state comes from
// mnsim::CaseSession.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include <mnsim/base/diagnostic.h>
#include <mnsim/cases/case_result.h>
#include <mnsim/cases/case_session.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/skin/zone_map.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

// ---------------------------------------------------------------- the case screen
struct CaseState {
  const CaseSession* session = nullptr;
  const ZoneMap* zones = nullptr;       // the asset's zones, for their names
  bool practice = true;                 // feedback after each step
  double clockS = 0.0;                  // the run clock
  // After answering in practice: the step's result is shown until Continue.
  const StepResult* shownResult = nullptr;
  bool authorMode = false;
  int diagnosticsErrors = 0, diagnosticsWarnings = 0;
};

// The trainee's answer being built, kept between frames.
struct StepDraft {
  std::string stepId;                 // the step it belongs to (reset on a new step)
  std::vector<std::string> choices;   // chosen ids (checklist: in the order done)
  std::string assessment;             // observation: "normal" / "abnormal"
  double waitedS = 0.0;               // timer
  float sessions = 0.0f, intervalWeeks = 0.0f, maintenanceMonths = 0.0f;  // schedule
};

struct CaseActions {
  bool submit = false;      // answer with the draft
  bool proceed = false;     // leave the shown feedback
  bool startNeedling = false;
  bool finishNeedling = false;
  bool quit = false;        // back home
  bool showDebrief = false; // the case has ended: open its debrief
  bool toggleHelp = false;
  bool toggleDiagnostics = false;
  double fastForwardS = 0.0;  // timer: wait this much longer
};

// Top bar: title, visit, the seven phases with the current one marked, mode, clock.
void drawCaseToolbar(const CaseState& state, const Fonts& fonts, glm::vec2 viewport, CaseActions& actions);
// Left: who the patient is.
void drawPatientCard(const CaseState& state, const Fonts& fonts, glm::vec2 viewport);
// Right: the current step (question, checklist, ...), or the feedback on the last answer.
void drawStepPanel(const CaseState& state, StepDraft& draft, const Fonts& fonts, glm::vec2 viewport, CaseActions& actions);

// ---------------------------------------------------------------- the case debrief
struct CaseDebriefState {
  const CaseResult* result = nullptr;
  const Scenario* scenario = nullptr;
  const ZoneMap* zones = nullptr;  // the asset's zones, for their names
  std::string runPath;             // where the run was saved ("" if it could not be)
  std::string runError;            // why it could not be
  int selectedStep = -1;   // index into result->steps
  int selectedFault = -1;  // index into critical errors then faults
  bool heatmap = false;    // the face shows the last needling's coverage
};

struct CaseDebriefActions {
  bool home = false;
  bool again = false;
  bool copyRunPath = false;
  int openProcedure = -1;  // a procedure step's index: open its needling debrief
  int focusFault = -1;     // a fault with a point on the skin: turn the camera to it
};

CaseDebriefActions drawCaseDebrief(CaseDebriefState& state, const Fonts& fonts, glm::vec2 viewport);
const CaseFault* caseDebriefFault(const CaseResult& result, int index);

// ---------------------------------------------------------------- author mode
// Every problem of the file being authored; reloads happen when it changes on disk.
void drawDiagnostics(const std::string& file, const std::vector<Diagnostic>& diagnostics, bool& open,
                     const Fonts& fonts, glm::vec2 viewport, double reloadedAgoS);

}  // namespace mnsim::app::ui
