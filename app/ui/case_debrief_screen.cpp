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
  const int clicked = rightAlignedButtons({"Try again", "Home"}, viewport.x);
  a.again = clicked == 0;
  a.home = clicked == 1;
  ImGui::End();

  drawCaseResultPanel(s, fonts, viewport, a);
  drawCaseStepsPanel(s, fonts, viewport, a);
  return a;
}

}  // namespace mnsim::app::ui
