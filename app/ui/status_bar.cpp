// The status bar of the needling screen: the mouse and keys in one line.
#include <imgui.h>

#include "ui/session_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawStatusBar(glm::vec2 viewport) {
  const float statusH = ImGui::GetFontSize() * 1.9f;
  ImGui::SetNextWindowPos(ImVec2(0, viewport.y - statusH));
  ImGui::SetNextWindowSize(ImVec2(viewport.x, statusH));
  ImGui::Begin("Status", nullptr, kSessionPanel);
  ImGui::TextDisabled(
      "Left button: needle    Right drag: turn    Middle drag: pan    Wheel: depth    Ctrl+wheel: zoom    "
      "Arrows: tilt    Shift: stretch    N: next pass    F1: all keys");
  ImGui::End();
}

}  // namespace mnsim::app::ui
