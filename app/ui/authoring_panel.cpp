// Author mode's tool bar under the case toolbar: placing a lesion by clicking the skin.
#include <imgui.h>

#include "ui/author_panels.h"

namespace mnsim::app::ui {

bool drawAuthoringPanel(bool& placingLesion, glm::vec2 viewport) {
  ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, ImGui::GetFontSize() * 5.6f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::Begin("authoring", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Checkbox("Place a lesion: click the skin", &placingLesion);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Writes the lesion into the scenario file");
  ImGui::SameLine();
  const bool record = ImGui::Button("Record a reference run");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Play the case as the expert: the run is kept in references/ beside the scenario,\n"
                      "and replays of trainees' runs compare against it.");
  ImGui::End();
  return record;
}

}  // namespace mnsim::app::ui
