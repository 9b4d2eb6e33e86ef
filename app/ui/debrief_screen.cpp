// The debrief: the engine's result as a trainee reads it — score per zone, snapshots of the
// heatmap, faults that turn the camera to their spot, hand speed and depth over time.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/charts.h"
#include "ui/screens.h"

namespace mnsim::app::ui {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;



}  // namespace

const char* faultTitle(FaultKind kind) { return faultKindInfo(kind).title.data(); }

const Fault* debriefFault(const ProcedureResult& r, int index) {
  if (index < 0) return nullptr;
  if (index < static_cast<int>(r.criticalErrors.size())) return &r.criticalErrors[index];
  index -= static_cast<int>(r.criticalErrors.size());
  return index < static_cast<int>(r.faults.size()) ? &r.faults[index] : nullptr;
}

DebriefActions drawDebrief(DebriefState& s, const Fonts& fonts, glm::vec2 viewport) {
  DebriefActions a;
  const ProcedureResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  const float topH = em * 2.9f;
  const float leftW = std::min(em * 29.0f, viewport.x * 0.38f), rightW = std::min(em * 22.0f, viewport.x * 0.30f);
  const float chartsH = em * 11.5f;
  const float panelsH = viewport.y - topH - chartsH - em * 1.8f;

  // --- top bar
  const std::string subtitle = s.title + "  ·  " + (s.practice ? "practice" : "assessment");
  beginTitleBar("DebriefBar", viewport.x, topH, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings, fonts,
                "Debrief", subtitle.c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  float buttonsW = style.WindowPadding.x;
  for (const char* b : {"Save trace", "Save result", "Try again", "Home"})
    buttonsW += ImGui::CalcTextSize(b).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SameLine(viewport.x - buttonsW);
  if (ImGui::Button("Save trace")) a.saveTrace = true;
  ImGui::SameLine();
  if (ImGui::Button("Save result")) a.saveJson = true;
  ImGui::SameLine();
  if (ImGui::Button("Try again")) a.again = true;
  ImGui::SameLine();
  if (ImGui::Button("Home")) a.home = true;
  ImGui::End();

  // --- score and zones
  ImGui::SetNextWindowPos(ImVec2(em * 0.6f, topH + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(leftW, panelsH));
  ImGui::Begin("Result", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar);
  ImGui::PushFont(fonts.large);
  ImGui::Text("%.0f", r.score);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("/ 100");
  const bool passed = r.proficient;
  ImGui::TextColored(rgba(passed ? colors::kGood : colors::kBad), passed ? "PROFICIENT" : "NOT PROFICIENT");
  ImGui::EndGroup();
  ImGui::SameLine(leftW * 0.45f);
  ImGui::BeginGroup();
  ImGui::TextColored(rgba(r.criticalErrors.empty() ? colors::kGood : colors::kBad), "%zu critical error%s · %zu fault%s",
                     r.criticalErrors.size(), r.criticalErrors.size() == 1 ? "" : "s", r.faults.size(),
                     r.faults.size() == 1 ? "" : "s");
  ImGui::TextDisabled("%d stamps in %.0f s", r.stamps, r.durationS);
  ImGui::EndGroup();
  ImGui::Separator();
  if (ImGui::BeginTable("zones", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
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
      if (!z.planned) ImGui::TextDisabled("not in the plan");
      else if (!z.unmet.empty()) {
        std::string unmet;
        for (const std::string& u : z.unmet) unmet += (unmet.empty() ? "" : ", ") + u;
        ImGui::TextColored(rgba(colors::kBad), "%s", unmet.c_str());
      }
      ImGui::TableNextColumn();
      if (z.planned) ImGui::Text("%.0f", z.score);
      else ImGui::TextDisabled("-");
      ImGui::TableNextColumn();
      for (size_t k = 0; k < z.passes.size() && k < 4; ++k) {
        if (k) ImGui::SameLine();
        const double c = z.passes[k].coverage;
        ImGui::TextColored(rgba(!z.planned ? colors::kMuted : c >= z.coverageMin ? colors::kGood : colors::kBad), "%.0f%%", c * 100.0);
      }
      if (z.passes.empty()) ImGui::TextDisabled("none");
      ImGui::TableNextColumn();
      ImGui::TextColored(rgba(z.depthInRangeShare >= 0.9 ? colors::kGood : colors::kBad), "%.0f%%", z.depthInRangeShare * 100.0);
      ImGui::TableNextColumn();
      ImGui::TextColored(rgba(z.angleWithinShare >= 0.9 ? colors::kGood : colors::kBad), "%.0f%%", z.angleWithinShare * 100.0);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  if (!s.snapshots.empty()) {
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
  ImGui::End();

  // --- faults
  ImGui::SetNextWindowPos(ImVec2(viewport.x - rightW - em * 0.6f, topH + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(rightW, panelsH));
  ImGui::Begin("What to work on", nullptr, kPanelFlags);
  const int total = static_cast<int>(r.criticalErrors.size() + r.faults.size());
  if (total == 0) ImGui::TextColored(rgba(colors::kGood), "No faults. Well done.");
  ImGui::BeginChild("list", ImVec2(0, -em * 9.5f));
  for (int i = 0; i < total; ++i) {
    const Fault* f = debriefFault(r, i);
    // The time, what, and where (the zone's name).
    std::string where = f->zoneId;
    for (const ZoneResult& z : r.zones)
      if (z.id == f->zoneId) where = z.name;
    char label[200], id[16];
    std::snprintf(label, sizeof label, "%6.1f s   %s%s%s", f->timeS, faultTitle(f->kind), where.empty() ? "" : " · ",
                  where.c_str());
    std::snprintf(id, sizeof id, "##%d", i);
    if (f->critical) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (wrappedSelectable(id, label, s.selected == i)) {
      s.selected = i;
      a.select = i;
    }
    if (f->critical) ImGui::PopStyleColor();
  }
  ImGui::EndChild();
  ImGui::Separator();
  if (const Fault* f = debriefFault(r, s.selected)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(fonts.bold);
    ImGui::TextColored(rgba(f->critical ? colors::kBad : colors::kAccent), "%s%s", f->critical ? "Critical: " : "",
                       faultTitle(f->kind));
    ImGui::PopFont();
    ImGui::TextUnformatted(f->explanation.c_str());
    ImGui::TextDisabled("Expected: %s", f->expected.c_str());
    ImGui::TextDisabled("Done: %s", f->done.c_str());
    ImGui::PopTextWrapPos();
  } else if (total > 0) {
    ImGui::TextDisabled("Click a fault to see it on the skin.");
  }
  ImGui::End();

  // --- charts
  const float chartsX = em * 0.6f, chartsW = viewport.x - em * 1.2f;
  if (chartsW > em * 14 && s.stamps && !s.stamps->empty()) {
    ImGui::SetNextWindowPos(ImVec2(chartsX, viewport.y - chartsH - em * 0.6f));
    ImGui::SetNextWindowSize(ImVec2(chartsW, chartsH));
    ImGui::Begin("Charts", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    ChartSeries speed, depth;
    speed.color = IM_COL32(30, 110, 170, 255);
    depth.color = IM_COL32(150, 60, 120, 255);
    float speedMax = 10.0f, depthMax = 0.5f;
    const double t0 = s.stamps->front().timeS;
    for (const Stamp& st : *s.stamps) {
      speed.x.push_back(static_cast<float>(st.timeS - t0));
      speed.y.push_back(st.speedMmPerS);
      depth.x.push_back(static_cast<float>(st.timeS - t0));
      depth.y.push_back(st.dialDepthMm);
      speedMax = std::max(speedMax, st.speedMmPerS);
      depthMax = std::max(depthMax, st.dialDepthMm);
    }
    const ZoneResult* planned = nullptr;
    for (const ZoneResult& z : r.zones)
      if (z.planned && !planned) planned = &z;
    const Fault* f = debriefFault(r, s.selected);
    ChartDesc sd{"Hand speed while needling (green: the band for the planned density)", "mm/s", 0.0f,
                 std::min(speedMax * 1.2f, 240.0f)};
    if (planned && planned->speedMaxMmPerS > 0.0f) {
      sd.hasBand = true;
      sd.bandLo = planned->speedMinMmPerS;
      sd.bandHi = planned->speedMaxMmPerS;
    }
    sd.markerX = f ? static_cast<float>(f->timeS - t0) : -1.0f;
    ChartDesc dd{"Depth dial (green: the planned range)", "mm", 0.0f, std::max(depthMax, 1.0f) + 0.25f};
    if (planned) {
      dd.hasBand = true;
      dd.bandLo = planned->depthMinMm;
      dd.bandHi = planned->depthMaxMm;
    }
    dd.markerX = sd.markerX;
    const float w = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) * 0.5f;
    ImGui::BeginGroup();
    drawLineChart("speed", sd, {speed}, ImVec2(w, ImGui::GetContentRegionAvail().y));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    drawLineChart("depth", dd, {depth}, ImVec2(w, ImGui::GetContentRegionAvail().y));
    ImGui::EndGroup();
    ImGui::End();
  }
  return a;
}

}  // namespace mnsim::app::ui
