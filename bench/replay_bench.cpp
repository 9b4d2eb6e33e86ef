// Replaying a 30-minute needling for review (review/needling_replay.h): the one-off cost of
// opening it (the engine's run over the samples, the change log, the keyframes), and seeking to
// random moments, forward and back, as an assessor dragging the scrubber does (target: 30 ms a
// seek, median and worst of 100), beside a re-run from the start to the same moments.
#include <algorithm>
#include <chrono>
#include <random>

#include <benchmark/benchmark.h>

#include <mnsim/formats/plan_file.h>
#include <mnsim/procedure/session.h>
#include <mnsim/review/needling_replay.h>
#include <mnsim/skin/pad.h>
#include "traces/thirty_minutes.h"

namespace {

const mnsim::SkinModel& replayPad() { return mnsim::bench::padModel(); }

const mnsim::TreatmentPlan& replayPlan() {
  static const mnsim::TreatmentPlan plan = [] {
    auto p = mnsim::parsePlan(mnsim::bench::kPadPlan, "bench.yaml");
    (void)mnsim::resolvePlan(*p, replayPad().asset());
    return *p;
  }();
  return plan;
}

const std::vector<mnsim::PenSample>& thirtyMinutes() {
  static const std::vector<mnsim::PenSample> samples = mnsim::bench::thirtyMinuteSamples();
  return samples;
}

void BM_OpenThirtyMinuteReplay(benchmark::State& state) {
  size_t bytes = 0, keyframes = 0, stamps = 0;
  for (auto _ : state) {
    mnsim::NeedlingReplay replay({&replayPad(), &replayPlan(), thirtyMinutes(), 0});
    bytes = replay.bytes();
    keyframes = replay.keyframes();
    stamps = replay.stamps().size();
  }
  state.counters["stamps"] = static_cast<double>(stamps);
  state.counters["keyframes"] = static_cast<double>(keyframes);
  state.counters["held_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_OpenThirtyMinuteReplay)->Unit(benchmark::kMillisecond)->Iterations(2);

// 100 seeks to random moments; the median and the worst are reported as counters.
void BM_SeekThirtyMinuteReplay(benchmark::State& state) {
  mnsim::NeedlingReplay replay({&replayPad(), &replayPlan(), thirtyMinutes(), 0});
  std::mt19937 random(2026);
  std::uniform_real_distribution<double> moment(0.0, replay.durationS());
  std::vector<double> ms;
  for (auto _ : state) {
    const double t = moment(random);
    const auto start = std::chrono::steady_clock::now();
    replay.seek(t, false);
    benchmark::DoNotOptimize(replay.coverage().densityPerCm2().data());
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(elapsed);
    ms.push_back(elapsed * 1e3);
  }
  std::sort(ms.begin(), ms.end());
  state.counters["median_ms"] = ms[ms.size() / 2];
  state.counters["worst_ms"] = ms.back();
}
BENCHMARK(BM_SeekThirtyMinuteReplay)->UseManualTime()->Iterations(100)->Unit(benchmark::kMillisecond);

// The peer: what seeking costs without the change log and keyframes, a new session fed every
// sample up to the moment (a re-run from the start).
void BM_SeekByRerunFromTheStart(benchmark::State& state) {
  const auto& samples = thirtyMinutes();
  std::mt19937 random(2026);
  std::uniform_real_distribution<double> moment(0.0, samples.back().timeS);
  for (auto _ : state) {
    const double t = moment(random);
    mnsim::ProcedureSession session(mnsim::SessionDesc{&replayPad(), &replayPlan(), false});
    for (const mnsim::PenSample& s : samples) {
      if (s.timeS > t) break;
      session.addSample(s);
    }
    benchmark::DoNotOptimize(session.coverage().densityPerCm2().data());
  }
}
BENCHMARK(BM_SeekByRerunFromTheStart)->Iterations(20)->Unit(benchmark::kMillisecond);

// Playing forward at 16x: each 60 Hz frame moves 0.27 s on, only what changed is applied.
void BM_PlayForwardAt16x(benchmark::State& state) {
  mnsim::NeedlingReplay replay({&replayPad(), &replayPlan(), thirtyMinutes(), 0});
  std::vector<mnsim::Footprint> changed;
  double t = 0.0;
  for (auto _ : state) {
    t += 16.0 / 60.0;
    if (t > replay.durationS()) t = 0.0;
    changed.clear();
    replay.seek(t, false, &changed);
    benchmark::DoNotOptimize(changed.size());
  }
}
BENCHMARK(BM_PlayForwardAt16x)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
