// The case debrief's result panel: the score and the decision, where the run was saved, a bar per
// phase against its threshold, and the errors and faults grouped by kind and place.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/case_debrief_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

void phasesTable(const CaseResult& r) {
  const float em = ImGui::GetFontSize();
  if (!ImGui::BeginTable("phases", 3, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("phase", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(phaseName(Phase::Aftercare)).x);
  ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("score", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100").x);
  for (const PhaseResult& p : r.phases) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(phaseName(p.phase));
    ImGui::TableNextColumn();
    if (!p.scored) {
      ImGui::TextDisabled("not reached");
      ImGui::TableNextColumn();
      continue;
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = em * 0.7f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(pos.x, pos.y + 3), ImVec2(pos.x + w, pos.y + 3 + h), IM_COL32(225, 229, 234, 255), 3.0f);
    dl->AddRectFilled(ImVec2(pos.x, pos.y + 3), ImVec2(pos.x + w * static_cast<float>(p.score / 100.0), pos.y + 3 + h),
                      p.met ? colors::kGood : colors::kBad, 3.0f);
    const float tx = pos.x + w * static_cast<float>(p.threshold / 100.0);
    dl->AddLine(ImVec2(tx, pos.y + 1), ImVec2(tx, pos.y + 5 + h), IM_COL32(60, 60, 60, 180), 1.5f);
    ImGui::Dummy(ImVec2(w, h + 4));
    ImGui::TableNextColumn();
    ImGui::Text("%.0f", p.score);
  }
  ImGui::EndTable();
}

bool sameGroup(const CaseFault& a, const CaseFault& b) {
  return a.critical == b.critical && a.kind == b.kind && a.stepId == b.stepId && a.zoneId == b.zoneId;
}

// Identical errors (a stroke crossing a lesion line after line) are grouped with a count.
void faultList(CaseDebriefState& s, CaseDebriefActions& a) {
  const CaseResult& r = *s.result;
  const int total = static_cast<int>(r.criticalErrors.size() + r.faults.size());
  ImGui::BeginChild("faults", ImVec2(0, 0));
  for (int i = 0; i < total; ++i) {
    const CaseFault* f = caseDebriefFault(r, i);
    bool seen = false;
    for (int j = 0; j < i && !seen; ++j) seen = sameGroup(*caseDebriefFault(r, j), *f);
    if (seen) continue;
    int count = 0;
    for (int j = i; j < total; ++j) count += sameGroup(*caseDebriefFault(r, j), *f);
    // What, where (the zone, else the step) and how often.
    const int stepIndex = s.scenario->findStep(f->stepId);
    const std::string where = !f->zoneId.empty() ? zoneLabel(s.zones, f->zoneId)
                              : stepIndex >= 0 && !s.scenario->steps[stepIndex].title.empty()
                                  ? s.scenario->steps[stepIndex].title
                                  : std::string(phaseName(f->phase));
    char label[260], id[16];
    std::snprintf(label, sizeof label, "%s%s · %s%s", f->critical ? "Critical: " : "", faultTitle(f->kind),
                  where.c_str(), count > 1 ? (" ×" + std::to_string(count)).c_str() : "");
    std::snprintf(id, sizeof id, "##f%d", i);
    if (f->critical) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (wrappedSelectable(id, label, s.selectedFault == i)) {
      s.selectedFault = i;
      if (f->hasPoint) a.focusFault = i;
    }
    if (f->critical) ImGui::PopStyleColor();
    if (s.selectedFault == i) faultLine(*f);
  }
  ImGui::EndChild();
}

}  // namespace

void drawCaseResultPanel(CaseDebriefState& s, const Fonts& fonts, glm::vec2 viewport, CaseDebriefActions& a) {
  const CaseResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight();
  const float leftW = std::min(em * 24.0f, viewport.x * 0.32f);
  ImGui::SetNextWindowPos(ImVec2(em * 0.5f, top + em * 0.5f));
  ImGui::SetNextWindowSize(ImVec2(leftW, viewport.y - top - em));
  ImGui::Begin("Case result", nullptr, kFixedPanel | ImGuiWindowFlags_NoTitleBar);
  char outOf[48];
  std::snprintf(outOf, sizeof outOf, "/ 100 (pass: %.0f)", r.passThreshold);
  scoreAndVerdict(fonts, r.score, outOf, r.proficient);
  if (!r.scoreCap.empty())
    ImGui::TextDisabled("%.1f before the cap: %s keeps the score below the pass mark", r.scoreUncapped,
                        r.scoreCap == "critical_errors" ? "a critical error" : "a procedure not proficient");
  ImGui::Text("Outcome: %s%s", outcomeId(r.outcome), r.finished ? "" : " (unfinished)");
  // The run is saved as the case goes: an assessor can score it again with 'mnsim score RUN'.
  ImGui::PushTextWrapPos(0.0f);
  if (!s.runPath.empty()) {
    ImGui::TextDisabled("Run recorded and signed: %s", s.runPath.c_str());
    if (!s.runNote.empty()) ImGui::TextColored(rgba(colors::kWarn), "%s", s.runNote.c_str());
    if (ImGui::SmallButton("Copy the path")) a.copyRunPath = true;
  } else if (!s.runError.empty()) {
    ImGui::TextColored(rgba(colors::kBad), "The run could not be saved: %s", s.runError.c_str());
  }
  ImGui::PopTextWrapPos();
  if (!r.unmet.empty()) {
    std::string unmet;
    for (const std::string& u : r.unmet) unmet += (unmet.empty() ? "" : ", ") + u;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(colors::kBad), "Why not: %s", unmet.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  heading(fonts, "Phases");
  phasesTable(r);
  if (s.heatmap) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("The face shows the last needling: %s", kHeatmapLegend);
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  const int total = static_cast<int>(r.criticalErrors.size() + r.faults.size());
  heading(fonts, total ? "Errors and faults" : "No errors or faults");
  faultList(s, a);
  ImGui::End();
}

}  // namespace mnsim::app::ui
