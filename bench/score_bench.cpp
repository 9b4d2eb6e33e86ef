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
#include "traces/thirty_minutes.h"

namespace {

using mnsim::bench::kPadPlan;
using mnsim::bench::padModel;

// The 30-minute session as a trace file's text.
std::string thirtyMinuteTrace() { return mnsim::formatTrace(mnsim::bench::thirtyMinuteSamples()); }

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
  auto plan = mnsim::parsePlan(kPadPlan, "bench.yaml");
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
