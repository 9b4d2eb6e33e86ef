// Scoring a 30-minute trace sampled at 100 Hz end to end: parse the CSV, stamp, compute every
// metric and fault. The pad's model (mesh, BVH, skin samples) is built once, outside the timing,
// as the app and `mnsim score` build it once per asset; its cost is reported separately.
#include <filesystem>
#include <fstream>

#include <benchmark/benchmark.h>

#include <mnsim/skin/pad.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/session.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/procedure/pen_sample.h>
#include "traces/raster_trace.h"

namespace {

const char* const kPlan = R"(format: mnsim-plan/1
asset: pad
device: {type: pen, cartridge: round-12, rate_hz: 100}
zones:
  - {id: pad_a, depth_mm: [0.25, 0.5]}
  - {id: pad_b, depth_mm: [0.25, 0.5]}
)";

// Thirty minutes of a trainee working both zones in crossed passes, sampled at 100 Hz.
std::string thirtyMinuteTrace() {
  std::vector<mnsim::PenSample> samples;
  const float dirs[] = {0.0f, 90.0f, 45.0f, 135.0f};
  int k = 0;
  while (samples.empty() || samples.back().timeS < 1800.0) {
    mnsim::RasterDesc d;
    const bool left = (k / 4) % 2 == 0;
    d.minMm = left ? glm::vec2(-60.0f, -40.0f) : glm::vec2(0.05f, -40.0f);
    d.maxMm = left ? glm::vec2(-0.05f, 40.0f) : glm::vec2(60.0f, 10.0f);  // keeps clear of the mole
    d.directionDeg = dirs[k % 4];
    d.spacingMm = 6.0f;
    d.speedMmPerS = 35.0f;
    d.sampleRateHz = 100.0;
    d.depthMm = 0.5f;
    mnsim::appendTrace(samples, mnsim::rasterTrace(d));
    ++k;
  }
  while (samples.back().timeS > 1800.0) samples.pop_back();
  return mnsim::formatTrace(samples);
}

const mnsim::SkinModel& padModel() {
  static const mnsim::SkinModel model(mnsim::makePadAsset());
  return model;
}

void BM_BuildPadModel(benchmark::State& state) {
  for (auto _ : state) {
    mnsim::SkinModel model(mnsim::makePadAsset());
    benchmark::DoNotOptimize(model.samples().size());
  }
}
BENCHMARK(BM_BuildPadModel)->Unit(benchmark::kMillisecond);

void BM_ScoreThirtyMinuteTrace(benchmark::State& state) {
  const std::string text = thirtyMinuteTrace();
  const auto path = std::filesystem::temp_directory_path() / "mnsim_bench_30min.csv";
  std::ofstream(path, std::ios::binary) << text;
  auto plan = mnsim::parsePlan(kPlan, "bench.yaml");
  if (!plan || !mnsim::resolvePlan(*plan, padModel().asset())) {
    state.SkipWithError("plan did not load");
    return;
  }
  const mnsim::SkinModel& model = padModel();
  size_t stamps = 0, samples = 0;
  for (auto _ : state) {
    auto trace = mnsim::readTrace(path.string(), mnsim::traceLimits(*plan));
    if (!trace) {
      state.SkipWithError("trace did not parse");
      return;
    }
    const mnsim::ProcedureResult result = mnsim::scoreTrace(model, *plan, *trace);
    stamps = static_cast<size_t>(result.stamps);
    samples = trace->samples.size();
    benchmark::DoNotOptimize(result.score);
  }
  state.counters["trace_samples"] = static_cast<double>(samples);
  state.counters["stamps"] = static_cast<double>(stamps);
  state.counters["trace_mb"] = static_cast<double>(text.size()) / 1e6;
  std::filesystem::remove(path);
}
BENCHMARK(BM_ScoreThirtyMinuteTrace)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
