// The Review runs window over the home screen: filters, then one row per run.
#include "ui/run_list.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/run_store.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

unsigned verifyColour(const std::string& verdict) {
  if (verdict == "ok") return colors::kGood;
  if (verdict == "altered" || verdict == "unreadable") return colors::kBad;
  return colors::kWarn;
}

std::string runKey(const RunRow& r) { return r.storeHash.empty() ? r.path : kStoredRunPrefix + r.storeHash; }

void row(const RunRow& r, int index, RunListState& s, RunListActions& a) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  char id[32];
  std::snprintf(id, sizeof id, "##run%d", index);
  if (ImGui::Selectable(id, s.selected == index, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
    s.selected = index;
    if (ImGui::IsMouseDoubleClicked(0)) a.openRun = runKey(r);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s\n%s", r.storeHash.empty() ? r.path.c_str() : r.storeHash.c_str(), r.verifyMessage.c_str());
  ImGui::SameLine();
  ImGui::Text("%s", r.traineeName.empty() ? r.traineeId.c_str() : (r.traineeName + " (" + r.traineeId + ")").c_str());
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(r.what.c_str());
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(r.started.c_str());
  ImGui::TableSetColumnIndex(3);
  ImGui::TextUnformatted(r.mode.c_str());
  ImGui::TableSetColumnIndex(4);
  if (r.hasScore)
    ImGui::TextColored(rgba(r.proficient ? colors::kGood : colors::kWarn), "%.1f %s", r.score, r.proficient ? "proficient" : "not yet");
  else
    ImGui::TextDisabled("-");
  ImGui::TableSetColumnIndex(5);
  ImGui::TextColored(rgba(verifyColour(r.verify)), "%s", r.verify.c_str());
  ImGui::TableSetColumnIndex(6);
  ImGui::TextUnformatted(r.review.empty() ? "-" : r.review.c_str());
}

}  // namespace

RunListActions drawRunList(RunListState& s, const Fonts& fonts, glm::vec2 viewport) {
  RunListActions a;
  const float em = ImGui::GetFontSize();
  const float width = centreNextWindow(viewport, 70, 40).x;
  ImGui::Begin("Review runs", nullptr, kFixedPanel);
  heading(fonts, "Recorded runs");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", s.folder.c_str());
  ImGui::SetNextItemWidth(em * 12);
  ImGui::InputTextWithHint("##trainee", "trainee", s.trainee, sizeof s.trainee);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 12);
  ImGui::InputTextWithHint("##what", "case", s.what, sizeof s.what);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 8);
  ImGui::InputTextWithHint("##date", "YYYY-MM-DD", s.date, sizeof s.date);
  ImGui::SameLine();
  if (ImGui::Button("Refresh")) a.refresh = true;
  const float buttonsH = ImGui::GetFrameHeightWithSpacing() * 1.4f;
  int shown = 0;
  if (ImGui::BeginTable("runs", 7,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                   ImGuiTableFlags_Resizable,
                               ImVec2(0, ImGui::GetContentRegionAvail().y - buttonsH))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    const std::pair<const char*, float> columns[] = {{"Trainee", 2.2f}, {"Case", 2.2f}, {"Started", 1.4f}, {"Mode", 1.0f},
                                                     {"Score (recorded)", 1.5f}, {"Verify", 1.0f}, {"Review", 1.0f}};
    for (const auto& [name, weight] : columns) ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, weight);
    ImGui::TableHeadersRow();
    // Thousands of runs: only the rows in view are drawn.
    std::vector<int> matching;
    matching.reserve(s.rows.size());
    for (size_t i = 0; i < s.rows.size(); ++i)
      if (runRowMatches(s.rows[i], s.trainee, s.what, s.date)) matching.push_back(static_cast<int>(i));
    shown = static_cast<int>(matching.size());
    ImGuiListClipper clipper;
    clipper.Begin(shown);
    while (clipper.Step())
      for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) row(s.rows[static_cast<size_t>(matching[k])], matching[k], s, a);
    ImGui::EndTable();
  }
  ImGui::TextDisabled("%d of %zu runs", shown, s.rows.size());
  if (!s.backlog.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(rgba(colors::kWarn), "%s", s.backlog.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Kept at this station; sent when the server can be reached.\n%s", s.backlogWhy.c_str());
  }
  ImGui::SameLine();
  const bool chosen = s.selected >= 0 && s.selected < static_cast<int>(s.rows.size());
  ImGui::SameLine(width - em * 15.5f);
  if (!chosen) ImGui::BeginDisabled();
  if (primaryButton("Replay and review", ImVec2(em * 9.5f, 0)) && chosen) a.openRun = runKey(s.rows[static_cast<size_t>(s.selected)]);
  if (!chosen) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(em * 4.5f, 0))) a.close = true;
  ImGui::End();
  return a;
}

}  // namespace mnsim::app::ui
