// Author mode's problems panel: each diagnostic as file:line:col, errors in red.
#include <algorithm>

#include <imgui.h>

#include "ui/author_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawDiagnostics(const std::string& file, const std::vector<Diagnostic>& diagnostics, bool& open,
                     glm::vec2 viewport, double reloadedAgoS) {
  if (!open) return;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, viewport.y - em), ImGuiCond_Appearing, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(viewport.x - 2 * em, em * 60), em * 12), ImGuiCond_Appearing);
  ImGui::Begin("Problems in the scenario", &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  ImGui::TextDisabled("%s · reloaded %.0f s ago (saving the file reloads it)", file.c_str(), reloadedAgoS);
  ImGui::Separator();
  if (diagnostics.empty()) ImGui::TextColored(rgba(colors::kGood), "No problems: the scenario validates.");
  for (const Diagnostic& d : diagnostics) {
    const bool error = d.severity == Severity::Error;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(error ? colors::kBad : colors::kWarn), "%s", error ? "error" : "warning");
    ImGui::SameLine();
    ImGui::TextUnformatted(d.format().c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

}  // namespace mnsim::app::ui
