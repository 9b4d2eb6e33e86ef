// The needling debrief's title bar, and where its panels go.
#include <algorithm>

#include <imgui.h>

#include "ui/debrief_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

const Fault* debriefFault(const ProcedureResult& r, int index) {
  return nthFault(r.criticalErrors, r.faults, index);
}

DebriefActions drawDebrief(DebriefState& s, const Fonts& fonts, glm::vec2 viewport) {
  DebriefActions a;
  const float em = ImGui::GetFontSize();
  DebriefLayout layout;
  layout.topH = toolbarHeight();
  layout.leftW = std::min(em * 29.0f, viewport.x * 0.38f);
  layout.rightW = std::min(em * 22.0f, viewport.x * 0.30f);
  layout.chartsH = em * 11.5f;
  layout.panelsH = viewport.y - layout.topH - layout.chartsH - em * 1.8f;

  const std::string subtitle = s.title + "  ·  " + (s.practice ? "practice" : "assessment");
  beginTitleBar("DebriefBar", viewport.x, layout.topH, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings,
                fonts, "Debrief", subtitle.c_str());
  // Replay (when the session was recorded) comes first; the others keep their numbers.
  int clicked = -1;
  if (s.canReplay) {
    const int button = rightAlignedButtons({"Replay", "Save trace", "Save result", "Try again", "Home"}, viewport.x);
    a.replay = button == 0;
    clicked = button > 0 ? button - 1 : -1;
  } else {
    clicked = rightAlignedButtons({"Save trace", "Save result", "Try again", "Home"}, viewport.x);
  }
  switch (clicked) {
    case 0:
      a.saveTrace = true;
      break;
    case 1:
      a.saveJson = true;
      break;
    case 2:
      a.again = true;
      break;
    case 3:
      a.home = true;
      break;
    default:
      break;
  }
  ImGui::End();

  drawDebriefResult(s, fonts, layout);
  drawDebriefFaults(s, fonts, viewport, layout, a);
  drawDebriefCharts(s, viewport, layout);
  return a;
}

}  // namespace mnsim::app::ui
