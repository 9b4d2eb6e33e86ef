// Pen trace files (product.md §4.4, docs/formats/trace.md): a device-neutral CSV record of pen
// motion, read with file:line:col errors and written so that reading back is exact.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/base/error.h"
#include "mnsim/base/versioned_header.h"
#include "mnsim/procedure/pen_sample.h"
#include "mnsim/procedure/result.h"

namespace mnsim {

inline constexpr FileFormat kTraceFileFormat{"mnsim-trace", 1, ' '};

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

class SkinModel;
struct TreatmentPlan;

// Scores a whole trace: the path `mnsim score` takes (procedure/session.h).
ProcedureResult scoreTrace(const SkinModel& model, const TreatmentPlan& plan, const PenTrace& trace);

}  // namespace mnsim
