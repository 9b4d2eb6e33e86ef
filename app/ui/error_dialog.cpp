// The error dialog: bad input ends here, never in a crash.
#include <imgui.h>

#include "ui/overlays.h"

namespace mnsim::app::ui {

void drawErrorDialog(std::string& message) {
  if (message.empty()) return;
  if (!ImGui::IsPopupOpen("Something went wrong")) ImGui::OpenPopup("Something went wrong");
  ImGui::SetNextWindowSize(ImVec2(560.0f * ImGui::GetIO().FontGlobalScale + 200.0f, 0.0f), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("Something went wrong", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.0f);
    ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::Button("OK", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
      message.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace mnsim::app::ui
