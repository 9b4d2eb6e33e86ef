// The patient card: who the patient is, their history, and what is on the skin at this visit.
#include <algorithm>

#include <imgui.h>

#include "ui/case_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawPatientCard(const CaseState& s, const Fonts& fonts, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  const float top = caseHeaderHeight() + em * 0.5f;
  ImGui::SetNextWindowPos(ImVec2(em * 0.5f, top));
  ImGui::SetNextWindowSize(ImVec2(em * 17.0f, viewport.y - top - em * 0.5f));
  ImGui::Begin("Patient", nullptr, kFixedPanel);
  const PatientView pv = s.session->patient();
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(pv.name.c_str());
  ImGui::PopFont();
  ImGui::Text("%d years · %s", pv.age, pv.sex.c_str());
  ImGui::Text("Fitzpatrick %s · %s skin", pv.fitzpatrick.c_str(), pv.skinThickness.c_str());
  ImGui::Separator();
  const Patient& p = *pv.patient;
  auto section = [&](const char* title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    heading(fonts, title);
    for (const std::string& l : lines) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", l.c_str());
    }
    ImGui::Spacing();
  };
  section("Goals", p.goals);
  section("History", p.history);
  section("Medicines", p.medicines);
  section("Allergies", p.allergies.empty() ? std::vector<std::string>{"none known"} : p.allergies);
  // Lesions present at this visit.
  const Visit* visit = s.session->currentVisit();
  std::vector<const PatientLesion*> present;
  for (const PatientLesion& l : p.lesions)
    if (l.visits.empty() || !visit || std::find(l.visits.begin(), l.visits.end(), visit->id) != l.visits.end())
      present.push_back(&l);
  if (!present.empty()) {
    heading(fonts, "On the skin");
    for (const PatientLesion* lesion : present) {
      const PatientLesion& l = *lesion;
      ImGui::Bullet();
      ImGui::TextWrapped("%s (%s)", l.kind.c_str(), zoneLabel(s.zones, l.zoneId).c_str());
      ImGui::PushTextWrapPos(0.0f);
      if (!l.description.empty()) ImGui::TextDisabled("%s", l.description.c_str());
      if (l.noGo) ImGui::TextColored(rgba(colors::kBad), "do not needle over it");
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::End();
}

}  // namespace mnsim::app::ui
