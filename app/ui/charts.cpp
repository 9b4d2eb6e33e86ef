#include "ui/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mnsim::app::ui {

float drawLineChart(const char* id, const ChartDesc& d, const std::vector<ChartSeries>& series, ImVec2 size) {
  ImGui::PushID(id);
  ImGui::TextUnformatted(d.title.c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.y -= ImGui::GetTextLineHeightWithSpacing();
  ImGui::InvisibleButton("plot", size);
  const bool clicked = ImGui::IsItemClicked();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float left = 44.0f * ImGui::GetIO().FontGlobalScale + ImGui::GetFontSize() * 2.0f;
  const ImVec2 p0(origin.x + left, origin.y + 4.0f), p1(origin.x + size.x - 6.0f, origin.y + size.y - ImGui::GetFontSize() - 6.0f);
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255), 3.0f);
  dl->AddRect(p0, p1, IM_COL32(200, 205, 212, 255), 3.0f);

  float xMax = std::max(1.0f, d.xEnd);
  for (const ChartSeries& s : series)
    if (!s.x.empty()) xMax = std::max(xMax, s.x.back());
  const float yRange = std::max(1e-6f, d.yMax - d.yMin);
  auto toScreen = [&](float x, float y) {
    return ImVec2(p0.x + (p1.x - p0.x) * x / xMax, p1.y - (p1.y - p0.y) * (std::clamp(y, d.yMin, d.yMax) - d.yMin) / yRange);
  };
  if (d.hasBand) {
    const ImVec2 a = toScreen(0.0f, d.bandHi), b = toScreen(xMax, d.bandLo);
    dl->AddRectFilled(ImVec2(a.x, a.y), ImVec2(b.x, b.y), IM_COL32(90, 170, 90, 45));
  }
  // Grid and labels: four horizontal lines, time ticks.
  char label[32];
  for (int k = 0; k <= 4; ++k) {
    const float y = d.yMin + yRange * k / 4.0f;
    const ImVec2 a = toScreen(0.0f, y), b = toScreen(xMax, y);
    dl->AddLine(a, b, IM_COL32(225, 228, 232, 255));
    std::snprintf(label, sizeof label, "%.*f", yRange < 4.0f ? 2 : 0, y);
    const ImVec2 ts = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(p0.x - ts.x - 4.0f, a.y - ts.y * 0.5f), IM_COL32(110, 116, 124, 255), label);
  }
  const float step = xMax > 600 ? 120.0f : xMax > 120 ? 30.0f : xMax > 30 ? 10.0f : xMax > 10 ? 5.0f : 1.0f;
  for (float t = 0.0f; t <= xMax + 1e-3f; t += step) {
    const ImVec2 a = toScreen(t, d.yMin);
    std::snprintf(label, sizeof label, "%.0f%s%s", t, d.xUnit.empty() ? "" : " ", d.xUnit.c_str());
    dl->AddText(ImVec2(a.x - ImGui::CalcTextSize(label).x * 0.5f, p1.y + 2.0f), IM_COL32(110, 116, 124, 255), label);
  }
  dl->AddText(ImVec2(origin.x, p0.y), IM_COL32(110, 116, 124, 255), d.unit.c_str());

  dl->PushClipRect(p0, p1, true);
  for (const ChartSeries& s : series) {
    // At most one point per pixel column: long runs stay cheap to draw.
    const size_t n = s.x.size();
    const size_t stride = std::max<size_t>(1, n / static_cast<size_t>(std::max(1.0f, p1.x - p0.x)));
    ImVec2 previous;
    bool have = false;
    for (size_t i = 0; i < n; i += stride) {
      const ImVec2 p = toScreen(s.x[i], s.y[i]);
      if (have && (d.points || p.x - previous.x < 30.0f)) dl->AddLine(previous, p, s.color, 1.5f);
      if (d.points) dl->AddCircleFilled(p, 3.5f, s.color);
      previous = p;
      have = true;
    }
  }
  if (d.markerX >= 0.0f) {
    const ImVec2 a = toScreen(d.markerX, d.yMax), b = toScreen(d.markerX, d.yMin);
    dl->AddLine(a, b, IM_COL32(200, 40, 40, 220), 2.0f);
  }
  dl->PopClipRect();
  float result = -1.0f;
  if (clicked) {
    const float mx = ImGui::GetIO().MousePos.x;
    result = std::clamp((mx - p0.x) / std::max(1.0f, p1.x - p0.x), 0.0f, 1.0f) * xMax;
  }
  ImGui::PopID();
  return result;
}

}  // namespace mnsim::app::ui
