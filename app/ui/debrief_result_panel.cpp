// The debrief's result panel: the score, each zone's passes, depth and angle, and snapshots of
// the heatmap at the end.
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/debrief_panels.h"
#include "ui/replay_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

void zonesTable(const ProcedureResult& r) {
  if (!ImGui::BeginTable("zones", 5,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupColumn("Zone", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("Coverage per pass", ImGuiTableColumnFlags_WidthStretch, 2.6f);
  ImGui::TableSetupColumn("Depth", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("Angle", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableHeadersRow();
  for (const ZoneResult& z : r.zones) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(z.name.c_str());
    if (!z.planned)
      ImGui::TextDisabled("not in the plan");
    else if (!z.unmet.empty()) {
      std::string unmet;
      for (const std::string& u : z.unmet) unmet += (unmet.empty() ? "" : ", ") + u;
      ImGui::TextColored(rgba(colors::kBad), "%s", unmet.c_str());
    }
    ImGui::TableNextColumn();
    if (z.planned)
      ImGui::Text("%.0f", z.score);
    else
      ImGui::TextDisabled("-");
    ImGui::TableNextColumn();
    for (size_t k = 0; k < z.passes.size() && k < 4; ++k) {
      if (k) ImGui::SameLine();
      const double c = z.passes[k].coverage;
      ImGui::TextColored(rgba(!z.planned           ? colors::kMuted
                              : c >= z.coverageMin ? colors::kGood
                                                   : colors::kBad),
                         "%.0f%%", c * 100.0);
    }
    if (z.passes.empty()) ImGui::TextDisabled("none");
    ImGui::TableNextColumn();
    ImGui::TextColored(rgba(z.depthInRangeShare >= 0.9 ? colors::kGood : colors::kBad), "%.0f%%",
                       z.depthInRangeShare * 100.0);
    ImGui::TableNextColumn();
    ImGui::TextColored(rgba(z.angleWithinShare >= 0.9 ? colors::kGood : colors::kBad), "%.0f%%",
                       z.angleWithinShare * 100.0);
  }
  ImGui::EndTable();
}

// The snapshots side by side, as large as the panel's width and the room left allow.
void snapshots(const DebriefState& s) {
  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("The heatmap at the end: %s", kHeatmapLegend);
  ImGui::PopTextWrapPos();
  const float n = static_cast<float>(s.snapshots.size());
  float w = (ImGui::GetContentRegionAvail().x - (n - 1) * style.ItemSpacing.x) / n;
  float h = w * s.snapshotSize.y / s.snapshotSize.x;
  const float room = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 1.5f;
  if (h > room && room > em * 3) {
    h = room;
    w = h * s.snapshotSize.x / s.snapshotSize.y;
  }
  for (size_t i = 0; i < s.snapshots.size(); ++i) {
    if (i) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Image(s.snapshots[i], ImVec2(w, h), ImVec2(0, 1), ImVec2(1, 0));
    ImGui::TextDisabled("%s", s.snapshotLabels[i].c_str());
    ImGui::EndGroup();
  }
}

}  // namespace

void drawDebriefResult(const DebriefState& s, const Fonts& fonts, const DebriefLayout& layout) {
  const ProcedureResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(em * 0.6f, layout.topH + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(layout.leftW, layout.panelsH));
  ImGui::Begin("Result", nullptr, kFixedPanel | ImGuiWindowFlags_NoTitleBar);
  scoreAndVerdict(fonts, r.score, "/ 100", r.proficient);
  ImGui::SameLine(layout.leftW * 0.45f);
  ImGui::BeginGroup();
  ImGui::TextColored(rgba(r.criticalErrors.empty() ? colors::kGood : colors::kBad),
                     "%zu critical error%s · %zu fault%s", r.criticalErrors.size(),
                     r.criticalErrors.size() == 1 ? "" : "s", r.faults.size(), r.faults.size() == 1 ? "" : "s");
  ImGui::TextDisabled("%d stamps in %.0f s", r.stamps, r.durationS);
  ImGui::EndGroup();
  // As the score table says it (docs/scoring.md, "The score tells the truth").
  if (!r.scoreCap.empty())
    ImGui::TextDisabled("%.1f before the cap: %s", r.scoreUncapped,
                        r.scoreCap == "critical_errors" ? "a critical error caps the score"
                                                        : "a failed requirement caps the score");
  ImGui::Separator();
  zonesTable(r);
  ImGui::Spacing();
  if (!s.expert.empty() && !s.comparison.empty()) {
    char label[96];
    std::snprintf(label, sizeof label, "Against the expert: motion similarity %.0f / 100###expert",
                  s.comparison.front().second.motionSimilarity);
    if (ImGui::CollapsingHeader(label)) drawExpertComparison(s.expert, s.comparison, "You", fonts);
  }
  if (!s.snapshots.empty()) snapshots(s);
  ImGui::End();
}

}  // namespace mnsim::app::ui
