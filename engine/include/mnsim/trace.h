// Pen traces (product.md §4.4): a device-neutral CSV record of pen motion.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/error.h"

namespace mnsim {

constexpr int kTraceVersion = 1;

// One input sample: the pen's state at time timeS. Between samples the pen moves linearly.
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

// Limits that cells are checked against while reading (the device's dial and rate).
struct TraceLimits {
  float depthMinMm = 0.25f;
  float depthMaxMm = 2.5f;
  float depthStepMm = 0.25f;
  float rateMinHz = 1.0f;
  float rateMaxHz = 1000.0f;
};

struct PenTrace {
  std::string path;                  // file it came from ("" when made in memory)
  std::vector<std::string> columns;  // header as written
  std::vector<PenSample> samples;

  bool hasColumn(std::string_view name) const;
  double durationS() const { return samples.empty() ? 0.0 : samples.back().timeS - samples.front().timeS; }
};

// The columns mnsim knows, required ones first.
const std::vector<std::string>& traceColumns();

Result<PenTrace> readTrace(const std::string& path, const TraceLimits& limits = {});
Result<PenTrace> parseTrace(std::string_view text, const std::string& nameForErrors,
                            const TraceLimits& limits = {});

// Writes every column; numbers in their shortest exact form, so reading back gives the same
// samples bit for bit.
std::string formatTrace(const std::vector<PenSample>& samples);
Status writeTrace(const std::vector<PenSample>& samples, const std::string& path);

}  // namespace mnsim
