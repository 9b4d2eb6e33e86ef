// The debrief's charts: hand speed and the depth dial over the session, against the planned
// bands, with the selected fault's time marked.
#include <algorithm>

#include <imgui.h>

#include "ui/charts.h"
#include "ui/debrief_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawDebriefCharts(const DebriefState& s, glm::vec2 viewport, const DebriefLayout& layout) {
  const ProcedureResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  const float chartsX = em * 0.6f, chartsW = viewport.x - em * 1.2f;
  if (chartsW <= em * 14 || !s.stamps || s.stamps->empty()) return;
  ImGui::SetNextWindowPos(ImVec2(chartsX, viewport.y - layout.chartsH - em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(chartsW, layout.chartsH));
  ImGui::Begin("Charts", nullptr, kFixedPanel | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
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
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginGroup();
  drawLineChart("speed", sd, {speed}, ImVec2(w, ImGui::GetContentRegionAvail().y));
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  drawLineChart("depth", dd, {depth}, ImVec2(w, ImGui::GetContentRegionAvail().y));
  ImGui::EndGroup();
  ImGui::End();
}

}  // namespace mnsim::app::ui
