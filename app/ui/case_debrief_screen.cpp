// The case debrief's title bar, and the order its panels stack in.
#include <imgui.h>

#include "ui/case_debrief_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

const CaseFault* caseDebriefFault(const CaseResult& r, int index) {
  return nthFault(r.criticalErrors, r.faults, index);
}

CaseDebriefActions drawCaseDebrief(CaseDebriefState& s, const Fonts& fonts, glm::vec2 viewport) {
  CaseDebriefActions a;
  beginTitleBar("CaseDebriefBar", viewport.x, toolbarHeight(), kFixedPanel, fonts, "Case debrief",
                s.result->scenarioTitle.c_str());
  const bool recorded = !s.runPath.empty();
  const int clicked = recorded ? rightAlignedButtons({"Replay", "Try again", "Home"}, viewport.x)
                               : rightAlignedButtons({"Try again", "Home"}, viewport.x) + 1;
  a.replay = recorded && clicked == 0;
  a.again = clicked == 1;
  a.home = clicked == 2;
  ImGui::End();

  drawCaseResultPanel(s, fonts, viewport, a);
  drawCaseStepsPanel(s, fonts, viewport, a);
  return a;
}

}  // namespace mnsim::app::ui
