// The pen's input to a procedure session: one sample of its state, from the mouse, a tracker or
// a trace file (formats/trace_file.h). Between two samples the pen moves linearly.
#pragma once

#include <cmath>

#include <glm/vec3.hpp>

namespace mnsim {

struct PenSample {
  double timeS = 0.0;             // seconds, non-decreasing
  glm::vec3 tipMm{0.0f};          // needle tip, mm (may be a few mm off the skin)
  bool hasAxis = false;           // false: the pen is perpendicular to the skin
  glm::vec3 axis{0.0f, 0.0f, 1.0f};  // unit vector from the tip toward the hand
  bool contact = false;           // pen in contact (the button held)
  float pressure = 0.5f;          // 0..1
  float depthMm = NAN;            // dial depth; NaN: the plan's setting for the zone
  float rateHz = NAN;             // stamps per second; NaN: the plan's rate or device default
  bool stretch = false;           // skin held stretched
  int pass = 0;                   // declared pass number; 0: detect automatically
  int line = 0;                   // line in the trace file (0 for live input)
};

}  // namespace mnsim
