// Stamps applied per second on one core: a 12-needle pen (6 mm head) laying footprints on the
// practice pad's skin samples, with pass bits, density and depth updated as in a session.
#include <benchmark/benchmark.h>

#include <mnsim/procedure/coverage.h>
#include <mnsim/procedure/device.h>
#include <mnsim/skin/pad.h>
#include <mnsim/skin/skin_model.h>

namespace {

const mnsim::SkinModel& padModel() {
  static const mnsim::SkinModel model(mnsim::makePadAsset());
  return model;
}

void BM_ApplyStampsPen12(benchmark::State& state) {
  const mnsim::SkinModel& model = padModel();
  mnsim::CoverageMap coverage(&model.samples());
  const mnsim::DeviceSpec& pen = *mnsim::findDevice("pen");
  const mnsim::StampGeometry g = mnsim::stampGeometry(pen, pen.cartridge("round-12"));
  std::vector<uint32_t> bits(model.zones().zones.size(), 1u);
  // Footprint centres along a raster at 40 mm/s and 100 Hz: 0.4 mm apart, lines 6 mm apart.
  std::vector<glm::vec3> centres;
  for (float y = -37.0f; y <= 37.0f; y += 6.0f)
    for (float x = -57.0f; x <= 57.0f; x += 0.4f) centres.emplace_back(x, y, 0.0f);
  mnsim::Footprint fp;
  fp.radiusMm = g.radiusMm;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    fp.centerMm = centres[i];
    hits += coverage.apply(fp, g.densityPerCm2(), 0.5f, bits.data());
    if (++i == centres.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
  state.counters["samples_hit_per_stamp"] = static_cast<double>(hits) / state.iterations();
  state.counters["skin_samples"] = static_cast<double>(model.samples().size());
}
BENCHMARK(BM_ApplyStampsPen12);

}  // namespace

BENCHMARK_MAIN();
