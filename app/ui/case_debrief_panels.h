// The case debrief: the decision and the phases on the left, the steps as taken on the right,
// the face between them showing the last needling.
#pragma once

#include <string>

#include <glm/vec2.hpp>

#include <mnsim/cases/case_result.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/skin/zone_map.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct CaseDebriefState {
  const CaseResult* result = nullptr;  // what is shown
  const Scenario* scenario = nullptr;  // the case, for its steps' titles
  const ZoneMap* zones = nullptr;      // the asset's zones, for their names
  std::string runPath;                 // where the run was saved ("" if it could not be)
  std::string runError;                // why it could not be
  std::string runNote;                 // the recording stopped and went on (a crash): said here
  int selectedStep = -1;               // index into result->steps
  int selectedFault = -1;              // index into critical errors then faults
  bool heatmap = false;                // the face shows the last needling's coverage
};

struct CaseDebriefActions {
  bool home = false;         // back to the home screen
  bool again = false;        // the case again, with the next seed
  bool copyRunPath = false;  // the run file's path to the clipboard
  int openProcedure = -1;    // a procedure step's index: open its needling debrief
  int focusFault = -1;       // a fault with a point on the skin: turn the camera to it
  bool replay = false;       // replay the run
};

// The whole case debrief: the title bar with its buttons, then the two panels.
CaseDebriefActions drawCaseDebrief(CaseDebriefState& state, const Fonts& fonts, glm::vec2 viewport);
// Left: the score, the run file, the phases and the faults.
void drawCaseResultPanel(CaseDebriefState& state, const Fonts& fonts, glm::vec2 viewport, CaseDebriefActions& actions);
// Right: the steps in the order taken, and the selected one's feedback.
void drawCaseStepsPanel(CaseDebriefState& state, const Fonts& fonts, glm::vec2 viewport, CaseDebriefActions& actions);
// The i-th entry of the combined list (critical errors first).
const CaseFault* caseDebriefFault(const CaseResult& result, int index);

}  // namespace mnsim::app::ui
