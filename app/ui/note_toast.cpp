// The note: one line near the bottom of the window, over everything, never in the way.
#include <imgui.h>

#include "ui/overlays.h"

namespace mnsim::app::ui {

void drawNote(const std::string& note, glm::vec2 viewport) {
  ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, viewport.y - ImGui::GetFontSize() * 4.0f), ImGuiCond_Always,
                          ImVec2(0.5f, 1.0f));
  ImGui::Begin("note", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoInputs);
  ImGui::TextUnformatted(note.c_str());
  ImGui::End();
}

}  // namespace mnsim::app::ui
