#include "mnsim/review/comparison.h"

#include <algorithm>
#include <cmath>

namespace mnsim {

namespace {

constexpr int kSpeedBins = 20;     // 5 mm/s each, the last one open-ended
constexpr float kSpeedBinMmPerS = 5.0f;
constexpr int kAngleBins = 18;     // 2.5 degrees each, the last one open-ended
constexpr float kAngleBinDeg = 2.5f;

std::vector<double> histogram(const std::vector<Stamp>& stamps, bool speed) {
  const int bins = speed ? kSpeedBins : kAngleBins;
  std::vector<double> h(static_cast<size_t>(bins), 0.0);
  for (const Stamp& s : stamps) {
    const float v = speed ? s.speedMmPerS / kSpeedBinMmPerS : s.angleDeg / kAngleBinDeg;
    const int bin = std::clamp(static_cast<int>(std::floor(v)), 0, bins - 1);
    h[static_cast<size_t>(bin)] += 1.0;
  }
  const double total = static_cast<double>(stamps.size());
  if (total > 0.0)
    for (double& x : h) x /= total;
  return h;
}

double bhattacharyya(const std::vector<double>& p, const std::vector<double>& q) {
  double sum = 0.0;
  for (size_t i = 0; i < p.size(); ++i) sum += std::sqrt(p[i] * q[i]);
  return std::min(1.0, sum);
}

double meanDensity(const ZoneResult& z) {
  if (z.passes.empty()) return 0.0;
  double sum = 0.0;
  for (const PassResult& p : z.passes) sum += p.densityPerCm2;
  return sum / static_cast<double>(z.passes.size());
}

}  // namespace

NeedlingComparison compareNeedlings(const ProcedureResult& trainee, const std::vector<Stamp>& traineeStamps,
                                    const ProcedureResult& expert, const std::vector<Stamp>& expertStamps) {
  NeedlingComparison out;
  out.durationS = {trainee.durationS, expert.durationS};
  for (const ZoneResult& t : trainee.zones) {
    if (!t.planned) continue;
    const auto e = std::find_if(expert.zones.begin(), expert.zones.end(), [&](const ZoneResult& z) { return z.id == t.id; });
    const ZoneResult none;
    const ZoneResult& x = e != expert.zones.end() ? *e : none;
    ZoneComparison c;
    c.zoneId = t.id;
    c.name = t.name;
    c.contactS = {t.contactTimeS, x.contactTimeS};
    for (const PassResult& p : t.passes) c.traineePassCoverage.push_back(p.coverage);
    for (const PassResult& p : x.passes) c.expertPassCoverage.push_back(p.coverage);
    c.coverage = {t.coverageTotal, x.coverageTotal};
    c.speedMmPerS = {t.speedMeanMmPerS, x.speedMeanMmPerS};
    c.angleDeg = {t.angleMeanDeg, x.angleMeanDeg};
    c.densityPerCm2 = {meanDensity(t), meanDensity(x)};
    out.zones.push_back(std::move(c));
  }
  if (traineeStamps.empty() || expertStamps.empty()) return out;
  out.speedOverlap = bhattacharyya(histogram(traineeStamps, true), histogram(expertStamps, true));
  out.angleOverlap = bhattacharyya(histogram(traineeStamps, false), histogram(expertStamps, false));
  out.motionSimilarity = 100.0 * (out.speedOverlap + out.angleOverlap) / 2.0;
  return out;
}

}  // namespace mnsim
