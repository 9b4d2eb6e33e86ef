// The case screen's toolbar: the case's title, the mode badge, the run clock and the buttons.
#include <cstdio>

#include <imgui.h>

#include "ui/case_panels.h"
#include "ui/case_time.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawCaseToolbar(const CaseState& s, const Fonts& fonts, glm::vec2 viewport, CaseActions& a) {
  const Scenario& sc = s.session->scenario();
  beginTitleBar("CaseBar", viewport.x, toolbarHeight(), kFixedPanel, fonts, "mnsim", sc.title.c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* badge = s.authorMode ? "AUTHOR" : (s.practice ? "PRACTICE" : "ASSESSMENT");
  float right = style.WindowPadding.x;
  for (const char* t : {badge, "00:00:00", "Help", "Problems (99)", "Quit"})
    right += ImGui::CalcTextSize(t).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  if (!s.authorMode) right -= ImGui::CalcTextSize("Problems (99)").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SameLine(viewport.x - right);
  ImGui::PushStyleColor(ImGuiCol_Button, s.authorMode ? ImVec4(0.86f, 0.82f, 0.98f, 1)
                                         : s.practice ? ImVec4(0.80f, 0.90f, 0.82f, 1)
                                                      : ImVec4(0.98f, 0.86f, 0.70f, 1));
  ImGui::SmallButton(badge);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(clockText(s.clockS).c_str());
  ImGui::SameLine();
  if (s.authorMode) {
    char label[48];
    std::snprintf(label, sizeof label, "Problems (%d)", s.diagnosticsErrors + s.diagnosticsWarnings);
    if (s.diagnosticsErrors) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (ImGui::Button(label)) a.toggleDiagnostics = true;
    if (s.diagnosticsErrors) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  if (ImGui::Button("Help")) a.toggleHelp = true;
  ImGui::SameLine();
  if (ImGui::Button("Quit")) a.quit = true;
  ImGui::End();
}

}  // namespace mnsim::app::ui
