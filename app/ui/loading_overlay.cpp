// The loading overlay: shown for a few frames before a skin is prepared, so that the window
// answers at once while the samples, the coverage map and the zones are built.
#include <imgui.h>

#include "ui/overlays.h"

namespace mnsim::app::ui {

void drawLoadingOverlay(const std::string& asset, const Fonts& fonts, glm::vec2 viewport) {
  ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, viewport.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::Begin("loading", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoInputs);
  ImGui::PushFont(fonts.bold);
  ImGui::Text("Preparing the %s...", asset.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("skin samples, coverage map and zones");
  ImGui::End();
}

}  // namespace mnsim::app::ui
