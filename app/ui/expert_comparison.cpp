// Trainee against expert, side by side (docs/rubric.md, "Against the expert").
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/replay_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

// "3: 98 97 95": the passes, then the share of the zone each covered, in per cent.
std::string passes(const std::vector<double>& coverage) {
  std::string out = std::to_string(coverage.size());
  for (size_t i = 0; i < coverage.size(); ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%.0f", i ? " " : ": ", 100.0 * coverage[i]);
    out += buf;
  }
  return out;
}

void rowOf(const char* label, const std::string& trainee, const std::string& expert) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(trainee.c_str());
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(expert.c_str());
}

std::string fmt(const char* format, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

void drawExpertComparison(const std::string& expert, const Comparisons& comparisons, const char* trainee,
                          const Fonts& fonts) {
  if (expert.empty()) return;
  heading(fonts, "Against the expert");
  ImGui::TextDisabled("reference by %s", expert.c_str());
  for (const auto& [title, c] : comparisons) {
    if (c.motionSimilarity >= 0.0)
      ImGui::Text("Motion similarity %.0f / 100", c.motionSimilarity);
    else
      ImGui::TextDisabled("Motion similarity: no stamps to compare");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("How alike the hand speeds and pen angles were while needling\n(speed %.2f, angle %.2f overlap; docs/rubric.md)",
                        c.speedOverlap, c.angleOverlap);
    if (!ImGui::BeginTable(title.c_str(), 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) continue;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(trainee, ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Expert", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    rowOf("Time", fmt("%.0f s", c.durationS.trainee), fmt("%.0f s", c.durationS.expert));
    for (const ZoneComparison& z : c.zones) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(z.name.c_str());
      rowOf("  on skin", fmt("%.0f s", z.contactS.trainee), fmt("%.0f s", z.contactS.expert));
      rowOf("  passes, %", passes(z.traineePassCoverage), passes(z.expertPassCoverage));
      rowOf("  speed", fmt("%.0f mm/s", z.speedMmPerS.trainee), fmt("%.0f mm/s", z.speedMmPerS.expert));
      rowOf("  angle", fmt("%.1f°", z.angleDeg.trainee), fmt("%.1f°", z.angleDeg.expert));
      rowOf("  density", fmt("%.0f /cm²", z.densityPerCm2.trainee), fmt("%.0f /cm²", z.densityPerCm2.expert));
    }
    ImGui::EndTable();
  }
}

}  // namespace mnsim::app::ui
