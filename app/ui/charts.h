// Line charts drawn with ImGui's draw lists: hand speed and depth over time in the debrief, scores
// by attempt in My progress.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace mnsim::app::ui {

struct ChartSeries {
  std::vector<float> x;  // seconds
  std::vector<float> y;
  ImU32 color = 0xFF3070B0;
};

struct ChartDesc {
  std::string title;     // above the plot
  std::string unit;      // y axis unit, e.g. "mm/s"
  float yMin = 0.0f, yMax = 1.0f;
  bool hasBand = false;  // a shaded target band
  float bandLo = 0.0f, bandHi = 0.0f;
  float markerX = -1.0f; // a vertical marker (the selected fault's time); < 0: none
  std::string xUnit = "s";  // after each x label
  float xEnd = 0.0f;        // the x axis runs to at least this
  bool points = false;      // a dot at each point, all joined (attempts); else a time line with gaps
};

// Draws a chart filling `size`; returns the x value (seconds) clicked, or -1.
float drawLineChart(const char* id, const ChartDesc& desc, const std::vector<ChartSeries>& series, ImVec2 size);

}  // namespace mnsim::app::ui
