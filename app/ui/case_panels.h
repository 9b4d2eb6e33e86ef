// The case screen (a scenario): the toolbar and the phase timeline, the patient card, and the
// step panel with a body per step type. Each panel draws from CaseState (the engine's
// mnsim::CaseSession) and adds what the trainee asked for to CaseActions.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include <mnsim/cases/case_result.h>
#include <mnsim/cases/case_session.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/skin/zone_map.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct CaseState {
  const CaseSession* session = nullptr;  // the case under way
  const ZoneMap* zones = nullptr;        // the asset's zones, for their names
  bool practice = true;                  // feedback after each step
  double clockS = 0.0;                   // the run clock
  // After answering in practice: the step's result is shown until Continue.
  const StepResult* shownResult = nullptr;
  bool authorMode = false;                             // the AUTHOR badge and the Problems button
  int diagnosticsErrors = 0, diagnosticsWarnings = 0;  // author mode: the scenario's problems
};

// The trainee's answer being built, kept between frames.
struct StepDraft {
  std::string stepId;                // the step it belongs to (reset on a new step)
  std::vector<std::string> choices;  // chosen ids (checklist: in the order done)
  std::string assessment;            // observation: "normal" / "abnormal"
  double waitedS = 0.0;              // timer
  float sessions = 0.0f, intervalWeeks = 0.0f, maintenanceMonths = 0.0f;  // schedule
};

struct CaseActions {
  bool submit = false;             // answer with the draft
  bool proceed = false;            // leave the shown feedback
  bool startNeedling = false;      // the procedure step: to the needling screen
  bool quit = false;               // back home
  bool showDebrief = false;        // the case has ended: open its debrief
  bool toggleHelp = false;         // the Help button
  bool toggleDiagnostics = false;  // author mode: the Problems button
  double fastForwardS = 0.0;       // timer: wait this much longer
};

// Top bar: title, mode, clock, Help and Quit (and Problems in author mode).
void drawCaseToolbar(const CaseState& state, const Fonts& fonts, glm::vec2 viewport, CaseActions& actions);
// Under it: the visit, the seven phases with the current one marked.
void drawPhaseTimeline(const CaseState& state, glm::vec2 viewport);
// Left: who the patient is.
void drawPatientCard(const CaseState& state, const Fonts& fonts, glm::vec2 viewport);
// Right: the current step (question, checklist, ...), or the feedback on the last answer.
void drawStepPanel(const CaseState& state, StepDraft& draft, const Fonts& fonts, glm::vec2 viewport,
                   CaseActions& actions);

// The height of the toolbar and the timeline together: where the side panels start.
float caseHeaderHeight();

}  // namespace mnsim::app::ui
