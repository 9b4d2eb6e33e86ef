// What the replay, scoring and grading benchmarks and the store's load test share: the practice
// pad, a plan for both its zones, and thirty minutes of a trainee working them in crossed passes
// at 100 Hz.
#pragma once

#include <vector>

#include <mnsim/formats/plan_file.h>
#include <mnsim/procedure/pen_sample.h>
#include <mnsim/skin/pad.h>
#include <mnsim/skin/skin_model.h>
#include "traces/raster_trace.h"

namespace mnsim::bench {

inline const char* const kPadPlan = R"(format: mnsim-plan/1
asset: pad
device: {type: pen, cartridge: round-12, rate_hz: 100}
zones:
  - {id: pad_a, depth_mm: [0.25, 0.5]}
  - {id: pad_b, depth_mm: [0.25, 0.5]}
)";

inline const SkinModel& padModel() {
  static const SkinModel model(makePadAsset());
  return model;
}

// Thirty minutes at 100 Hz working both zones in crossed passes (clear of the mole).
inline std::vector<PenSample> thirtyMinuteSamples() {
  std::vector<PenSample> samples;
  const float dirs[] = {0.0f, 90.0f, 45.0f, 135.0f};
  for (int k = 0; samples.empty() || samples.back().timeS < 1800.0; ++k) {
    RasterDesc d;
    const bool left = (k / 4) % 2 == 0;
    d.minMm = left ? glm::vec2(-60.0f, -40.0f) : glm::vec2(0.05f, -40.0f);
    d.maxMm = left ? glm::vec2(-0.05f, 40.0f) : glm::vec2(60.0f, 10.0f);
    d.directionDeg = dirs[k % 4];
    d.spacingMm = 6.0f;
    d.speedMmPerS = 35.0f;
    d.sampleRateHz = 100.0;
    d.depthMm = 0.5f;
    appendTrace(samples, rasterTrace(d));
  }
  while (samples.back().timeS > 1800.0) samples.pop_back();
  return samples;
}

}  // namespace mnsim::bench
