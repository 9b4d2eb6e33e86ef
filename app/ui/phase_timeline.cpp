// The phase timeline under the case toolbar: the visit, then the seven phases, done ones filled
// and the current one marked.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/case_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

float timelineHeight() {
  return ImGui::GetFontSize() * 2.1f;
}

}  // namespace

float caseHeaderHeight() {
  return toolbarHeight() + timelineHeight();
}

void drawPhaseTimeline(const CaseState& s, glm::vec2 viewport) {
  const Scenario& sc = s.session->scenario();
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(0, toolbarHeight()));
  ImGui::SetNextWindowSize(ImVec2(viewport.x, timelineHeight()));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.93f, 0.94f, 0.96f, 0.96f));
  ImGui::Begin("Timeline", nullptr, kFixedPanel | ImGuiWindowFlags_NoDecoration);
  const Visit* visit = s.session->currentVisit();
  const Step* step = s.session->currentStep();
  const int visitIndex = visit ? static_cast<int>(visit - sc.visits.data()) : static_cast<int>(sc.visits.size()) - 1;
  char visitLabel[96];
  std::snprintf(visitLabel, sizeof visitLabel, "Visit %d of %zu · day %d", visitIndex + 1, sc.visits.size(),
                visit ? visit->day : 0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(visitLabel);
  ImGui::SameLine(em * 12.0f);
  const float width = (viewport.x - em * 13.0f) / kPhaseCount;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const int current = step ? static_cast<int>(step->phase) : kPhaseCount;
  for (int p = 0; p < kPhaseCount; ++p) {
    bool present = false;
    if (visit)
      for (const PhaseBlock& b : visit->phases) present = present || static_cast<int>(b.phase) == p;
    const ImVec2 a0(origin.x + p * width, origin.y), a1(origin.x + (p + 1) * width - 4.0f, origin.y + em * 1.4f);
    const ImU32 fill = p == current             ? IM_COL32(31, 122, 176, 255)
                       : p < current && present ? IM_COL32(170, 205, 228, 255)
                                                : IM_COL32(222, 226, 232, 255);
    dl->AddRectFilled(a0, a1, fill, 4.0f);
    const char* name = phaseName(static_cast<Phase>(p));
    const ImVec2 ts = ImGui::CalcTextSize(name);
    const ImU32 text = p == current ? IM_COL32(255, 255, 255, 255)
                       : present    ? IM_COL32(40, 46, 54, 255)
                                    : IM_COL32(150, 156, 164, 255);
    dl->PushClipRect(a0, a1, true);
    dl->AddText(ImVec2(a0.x + std::max(4.0f, (a1.x - a0.x - ts.x) * 0.5f), a0.y + (em * 1.4f - ts.y) * 0.5f), text,
                name);
    dl->PopClipRect();
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace mnsim::app::ui
