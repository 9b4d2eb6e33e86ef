// The needling screen's toolbar, and the order its panels stack in.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/session_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

SessionActions drawSession(const SessionState& s, const Fonts& fonts, glm::vec2 viewport) {
  SessionActions a;
  drawSessionToolbar(s, fonts, viewport, a);
  drawPenPanel(s, fonts, a);
  if (s.practice && s.hudVisible) drawLiveHud(s, fonts, viewport);
  drawStatusBar(viewport);
  return a;
}

namespace {

// The coverage view's pass buttons: all passes, or one (at most six).
void passChoice(const SessionState& s, SessionActions& a) {
  int passes = 0;
  for (const ZonePlan& z : s.plan->zones) passes = std::max({passes, z.passes, s.session->passCount(z.zone)});
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  if (ImGui::RadioButton("All", s.passShown < 0)) a.setPass = -1;
  for (int k = 0; k < std::min(passes, 6); ++k) {
    ImGui::SameLine();
    char label[16];
    std::snprintf(label, sizeof label, "%d", k + 1);
    if (ImGui::RadioButton(label, s.passShown == k)) a.setPass = k;
  }
  ImGui::SameLine();
}

}  // namespace

void drawSessionToolbar(const SessionState& s, const Fonts& fonts, glm::vec2 viewport, SessionActions& a) {
  const float em = ImGui::GetFontSize();
  beginTitleBar("Toolbar", viewport.x, toolbarHeight(), kSessionPanel, fonts, "mnsim", s.title.c_str());
  const View views[] = {View::Skin, View::Zones, View::Coverage, View::Endpoint};
  const float viewsWidth = em * 23.0f;
  ImGui::SameLine(std::max(em * 16.0f, (viewport.x - viewsWidth) * 0.5f));
  for (int i = 0; i < 4; ++i) {
    const bool disabled = !s.practice && views[i] == View::Coverage;  // no heatmap in assessment
    const bool active = s.view == views[i];
    char label[32];
    std::snprintf(label, sizeof label, "%s  %d", viewName(views[i]), i + 1);
    if (disabled) ImGui::BeginDisabled();
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.62f, 0.78f, 0.90f, 1.0f));
    if (ImGui::Button(label)) a.setView = static_cast<int>(views[i]);
    if (active) ImGui::PopStyleColor();
    if (disabled) ImGui::EndDisabled();
    if (disabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("The heatmap is hidden in assessment mode");
    ImGui::SameLine();
  }
  if (s.view == View::Coverage && s.practice) passChoice(s, a);
  // Right-aligned: measure what follows so nothing is cut off at any window width.
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* badge = s.practice ? "PRACTICE" : "ASSESSMENT";
  const char* endLabel = s.inCase ? "Finish needling" : "End session";
  const float rightW = ImGui::CalcTextSize(badge).x + ImGui::CalcTextSize("00:00").x + ImGui::CalcTextSize("Help").x +
                       ImGui::CalcTextSize(endLabel).x + style.FramePadding.x * 6 + style.ItemSpacing.x * 4 +
                       style.WindowPadding.x;
  ImGui::SameLine(viewport.x - rightW);
  ImGui::PushStyleColor(ImGuiCol_Button, s.practice ? ImVec4(0.80f, 0.90f, 0.82f, 1) : ImVec4(0.98f, 0.86f, 0.70f, 1));
  ImGui::SmallButton(badge);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  const int minutes = static_cast<int>(s.timeS) / 60, seconds = static_cast<int>(s.timeS) % 60;
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%02d:%02d", minutes, seconds);
  ImGui::SameLine();
  if (ImGui::Button("Help")) a.toggleHelp = true;
  ImGui::SameLine();
  if (ImGui::Button(endLabel)) a.endSession = true;
  ImGui::End();
}

}  // namespace mnsim::app::ui
