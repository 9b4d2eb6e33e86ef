// The case debrief's steps panel: every step in the order taken with its points, and the selected
// one's replies, feedback and faults; a procedure step opens its needling debrief.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/case_debrief_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawCaseStepsPanel(CaseDebriefState& s, const Fonts& fonts, glm::vec2 viewport, CaseDebriefActions& a) {
  const CaseResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight();
  const float rightW = std::min(em * 26.0f, viewport.x * 0.34f);
  ImGui::SetNextWindowPos(ImVec2(viewport.x - rightW - em * 0.5f, top + em * 0.5f));
  ImGui::SetNextWindowSize(ImVec2(rightW, viewport.y - top - em));
  ImGui::Begin("Steps", nullptr, kFixedPanel | ImGuiWindowFlags_NoTitleBar);
  heading(fonts, "Steps, in the order taken");
  ImGui::BeginChild("steps", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.55f), true);
  for (size_t i = 0; i < r.steps.size(); ++i) {
    const StepResult& st = r.steps[i];
    const int index = s.scenario->findStep(st.stepId);
    const std::string title =
        index >= 0 && !s.scenario->steps[index].title.empty() ? s.scenario->steps[index].title : st.stepId;
    bool critical = false;
    for (const CaseFault& f : st.faults) critical = critical || f.critical;
    char label[200];
    std::snprintf(label, sizeof label, "%s##s%zu", title.c_str(), i);
    if (critical) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (ImGui::Selectable(label, s.selectedStep == static_cast<int>(i))) s.selectedStep = static_cast<int>(i);
    if (critical) ImGui::PopStyleColor();
    if (st.maxPoints > 0.0) {
      char points[48];
      std::snprintf(points, sizeof points, "%.3g / %.3g", st.points, st.maxPoints);
      ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(points).x);  // right-aligned
      const bool full = st.points >= st.maxPoints - 1e-9;
      ImGui::TextColored(rgba(full ? colors::kGood : colors::kWarn), "%s", points);
    }
  }
  ImGui::EndChild();
  if (s.selectedStep >= 0 && s.selectedStep < static_cast<int>(r.steps.size())) {
    const StepResult& st = r.steps[s.selectedStep];
    ImGui::TextDisabled("%s · %s · visit %s", phaseName(st.phase), stepTypeId(st.type), st.visitId.c_str());
    ImGui::BeginChild("detail", ImVec2(0, 0));
    patientReplies(st.replies);
    for (const std::string& line : st.feedback) wrapped(line);
    for (const CaseFault& f : st.faults) faultLine(f);
    if (st.procedure) {
      ImGui::Text("Needling: %.0f / 100, %s", st.procedure->score,
                  st.procedure->proficient ? "proficient" : "not proficient");
      if (ImGui::Button("Open the needling debrief")) a.openProcedure = s.selectedStep;
    }
    ImGui::EndChild();
  } else {
    ImGui::TextDisabled("Select a step to see the feedback.");
  }
  ImGui::End();
}

}  // namespace mnsim::app::ui
