// Judging one zone of a result: faults, the 0–100 score and the strict proficiency rule
// (scoring.md §6; weights in docs/scoring.md).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "mnsim/base/text.h"
#include "procedure/result_parts.h"

namespace mnsim {

namespace {

// Score weights (docs/scoring.md §Score); they add up to 100.
constexpr double kWeightCoverage = 40.0;
constexpr double kWeightDepth = 20.0;
constexpr double kWeightAngle = 10.0;
constexpr double kWeightSpeed = 10.0;
constexpr double kWeightDensity = 10.0;
constexpr double kWeightDirections = 5.0;
constexpr double kWeightCare = 5.0;  // stretch and pressure
// Contact time in an unplanned zone above which it becomes a fault, not edge spill.
constexpr double kOffPlanFaultS = 2.0;

std::string percent(double share) { return readableNumber(share * 100.0) + " %"; }

// A share against the share required, capped at 1.
double against(double share, float required) { return std::min(1.0, share / std::max(1e-9, static_cast<double>(required))); }

// The passes that count: the best `required` by coverage (extra touch-up passes do not hurt), in order.
std::vector<int> countedPasses(const ZoneResult& zr, int required) {
  std::vector<int> counted(zr.passes.size());
  std::iota(counted.begin(), counted.end(), 0);
  std::stable_sort(counted.begin(), counted.end(),
                   [&](int a, int b) { return zr.passes[a].coverage > zr.passes[b].coverage; });
  if (static_cast<int>(counted.size()) > required) counted.resize(required);
  std::sort(counted.begin(), counted.end());
  return counted;
}

// Area above the zone's total density maximum, and the first point of it.
double overTreatedArea(const ScoringInputs& in, int zone, float maxTotal, glm::vec3& firstPoint) {
  const SkinSamples& samples = in.model.samples();
  uint64_t overMicro = 0;
  for (uint32_t i = 0; i < samples.size(); ++i) {
    if (samples.zone(i) != zone || in.coverage.densityPerCm2()[i] <= maxTotal) continue;
    if (overMicro == 0) firstPoint = samples.position(i);
    overMicro += samples.areaMicro(i);
  }
  return overMicro / kMicroAreaPerMm2;
}

struct PassScores {
  double coverage = 0.0, density = 0.0;
  bool coverageMet = true, densityMet = true;
};

// Coverage and density of the counted passes, with a fault for each pass short of them.
PassScores scorePasses(const ZonePlan& p, const glm::vec3& zonePoint, const ZoneResult& zr,
                       std::vector<Fault>& faults) {
  PassScores s;
  for (int k : countedPasses(zr, p.passes)) {
    const PassResult& pr = zr.passes[k];
    s.coverage += std::min(1.0, pr.coverage / std::max(1e-9, static_cast<double>(p.coverageMin)));
    const bool densityOk = pr.densityPerCm2 >= p.densityMinPerCm2 && pr.densityPerCm2 <= p.densityMaxPerCm2;
    s.density += densityOk ? 1.0 : 0.0;
    s.densityMet = s.densityMet && densityOk;
    if (pr.coverage < p.coverageMin) {
      s.coverageMet = false;
      faults.push_back(zoneFault(zr, FaultKind::Coverage, pr.endS, zr.gaps.empty() ? zonePoint : zr.gaps.front().centerMm,
                                 "pass " + std::to_string(pr.index) + " covers at least " + percent(p.coverageMin) +
                                     " of " + zr.name,
                                 "it covered " + percent(pr.coverage)));
    }
    if (!densityOk && pr.stamps > 0) {
      const bool low = pr.densityPerCm2 < p.densityMinPerCm2;
      faults.push_back(zoneFault(zr, low ? FaultKind::DensityLow : FaultKind::DensityHigh, pr.endS, zonePoint,
                                 readableNumber(p.densityMinPerCm2) + "-" + readableNumber(p.densityMaxPerCm2) +
                                     " punctures/cm² in pass " + std::to_string(pr.index),
                                 readableNumber(pr.densityPerCm2) + " punctures/cm²"));
    }
  }
  s.coverage /= std::max(1, p.passes);
  s.density /= std::max(1, p.passes);
  return s;
}

void judgeUnplanned(const ZoneResult& zr, const glm::vec3& zonePoint, std::vector<Fault>& faults) {
  if (zr.contactTimeS >= kOffPlanFaultS)
    faults.push_back(zoneFault(zr, FaultKind::OffPlan, zr.firstStampS, zonePoint, "only the plan's zones are needled",
                               "needled " + zr.name + " for " + readableNumber(zr.contactTimeS) + " s"));
}

}  // namespace

Fault zoneFault(const ZoneResult& zr, FaultKind kind, double timeS, const glm::vec3& point, std::string expected,
                std::string done) {
  Fault f;
  f.kind = kind;
  f.zoneId = zr.id;
  f.timeS = f.endTimeS = timeS;
  f.pointMm = f.endPointMm = point;
  f.expected = std::move(expected);
  f.done = std::move(done);
  f.explanation = faultAdvice(kind, zr.name);
  return f;
}

void judgeZone(const ScoringInputs& in, int zone, const glm::vec3& zonePoint, ZoneResult& zr,
               std::vector<Fault>& faults) {
  const ZonePlan* zp = in.plan.zonePlan(zone);
  if (!zp) return judgeUnplanned(zr, zonePoint, faults);
  const ZonePlan& p = *zp;
  const ScoringRules& rules = in.plan.rules;
  if (zr.stamps == 0) {
    // Nothing else to say about a planned zone that was never touched.
    faults.push_back(zoneFault(zr, FaultKind::Untreated, 0.0, zonePoint,
                               "treat " + zr.name + " in " + plural(p.passes, "pass"), "no stamp landed in it"));
    zr.passes.clear();
    zr.unmet = {"untreated"};
    return;
  }

  const float maxTotal = p.maxTotalDensityPerCm2 > 0.0f ? p.maxTotalDensityPerCm2 : 1.5f * p.passes * p.densityMaxPerCm2;
  glm::vec3 overPoint(0.0f);
  zr.overTreatedAreaMm2 = overTreatedArea(in, zone, maxTotal, overPoint);
  zr.gaps = findGaps(in.model.samples(), in.coverage, zone, rules.gapMinAreaMm2);
  for (const Gap& g : zr.gaps) zr.gapAreaMm2 += g.areaMm2;

  const PassScores scores = scorePasses(p, zonePoint, zr, faults);
  const bool passesMet = static_cast<int>(zr.passes.size()) >= p.passes;
  const bool directionsMet = zr.directions >= p.minDirections;
  if (!passesMet)
    faults.push_back(zoneFault(zr, FaultKind::Passes, zr.lastStampS, zonePoint,
                               std::to_string(p.passes) + " passes over " + zr.name,
                               std::to_string(zr.passes.size()) + " passes"));
  if (!directionsMet)
    faults.push_back(zoneFault(zr, FaultKind::Directions, zr.lastStampS, zonePoint,
                               std::to_string(p.minDirections) + " different directions (horizontal, vertical, diagonal)",
                               std::to_string(zr.directions) + " directions"));
  if (!zr.gaps.empty())
    faults.push_back(zoneFault(zr, FaultKind::Gaps, zr.lastStampS, zr.gaps.front().centerMm,
                               "no untreated area larger than " + readableNumber(rules.gapMinAreaMm2) + " mm²",
                               plural(zr.gaps.size(), "untreated area") + ", " + readableNumber(zr.gapAreaMm2) +
                                   " mm² in all"));
  zr.overTreatedShare = zr.areaMm2 > 0.0 ? zr.overTreatedAreaMm2 / zr.areaMm2 : 0.0;
  const double overShareMax = p.overTreatedShareMax.value_or(rules.overTreatedShareMax);
  if (zr.overTreatedAreaMm2 > rules.gapMinAreaMm2 || zr.overTreatedShare > overShareMax)
    faults.push_back(zoneFault(zr, FaultKind::OverTreatment, zr.lastStampS, overPoint,
                               "at most " + readableNumber(maxTotal) + " punctures/cm² in total over all but " +
                                   percent(overShareMax) + " of " + zr.name,
                               readableNumber(zr.overTreatedAreaMm2) + " mm² above it (" +
                                   percent(zr.overTreatedShare) + ")"));
  const bool stretchMet = !zr.needsStretch || zr.stretchShare >= rules.stretchShare;
  if (!stretchMet)
    faults.push_back(zoneFault(zr, FaultKind::Stretch, zr.lastStampS, zonePoint,
                               "skin stretched for " + percent(rules.stretchShare) + " of stamps in " + zr.name,
                               percent(zr.stretchShare)));

  const double directionScore = std::min(1.0, static_cast<double>(zr.directions) / std::max(1, p.minDirections));
  const double speedShareMin = p.speedInBandShare.value_or(rules.speedInBandShare);
  const double stretchFactor = zr.needsStretch ? against(zr.stretchShare, rules.stretchShare) : 1.0;
  const double pressureFactor = zr.overBone ? 1.0 - zr.heavyPressureShare : 1.0;
  zr.score = kWeightCoverage * scores.coverage + kWeightDepth * zr.depthInRangeShare +
             kWeightAngle * against(zr.angleWithinShare, rules.angleWithinShare) +
             kWeightSpeed * against(zr.speedInBandShare, static_cast<float>(speedShareMin)) + kWeightDensity * scores.density +
             kWeightDirections * directionScore + kWeightCare * 0.5 * (stretchFactor + pressureFactor);
  zr.score = std::round(zr.score * 100.0) / 100.0;

  // The strict rule (scoring.md §6): every required metric at its threshold.
  const bool depthMet = zr.depthInRangeShare >= rules.depthInRangeShare &&
                        zr.depthDeepestMm <= zr.depthMaxMm + rules.depthExcessMm - 1e-4f;
  const bool met[kRequirementCount] = {
      passesMet,
      scores.coverageMet && passesMet,
      directionsMet,
      depthMet,
      zr.angleWithinShare >= rules.angleWithinShare,
      stretchMet,
      scores.densityMet,
      zr.speedInBandShare >= p.speedInBandShare.value_or(rules.speedInBandShare),
      zr.overTreatedShare <= overShareMax,
      !zr.overBone || zr.heavyPressureShare <= rules.heavyPressureShareMax,
  };
  for (int k = 0; k < kRequirementCount; ++k)
    if (p.isRequired(static_cast<Requirement>(k)) && !met[k]) zr.unmet.push_back(requirementId(static_cast<Requirement>(k)));
  zr.proficient = zr.unmet.empty();
}

void addFaultsForUnmetRequirements(const ScoringInputs& in, const ZoneResult& zr, const glm::vec3& zonePoint,
                                   const std::vector<Fault>& critical, std::vector<Fault>& faults) {
  const ScoringRules& rules = in.plan.rules;
  auto has = [&](std::initializer_list<FaultKind> kinds) {
    for (const std::vector<Fault>* list : {&critical, static_cast<const std::vector<Fault>*>(&faults)})
      for (const Fault& f : *list)
        if (f.zoneId == zr.id && std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end()) return true;
    return false;
  };
  for (const std::string& unmet : zr.unmet) {
    const std::optional<Requirement> r = requirementFromId(unmet);
    if (!r) continue;  // "untreated" has its own fault
    switch (*r) {
      case Requirement::Angle:
        if (!has({FaultKind::Angle}))
          faults.push_back(zoneFault(zr, FaultKind::Angle, zr.lastStampS, zonePoint,
                                     percent(rules.angleWithinShare) + " of stamps within " +
                                         readableNumber(rules.angleWarnDeg) + "° of perpendicular",
                                     percent(zr.angleWithinShare) + " (mean " + readableNumber(zr.angleMeanDeg) + "°)"));
        break;
      case Requirement::Speed:
        if (!has({FaultKind::SpeedSlow, FaultKind::SpeedFast})) {
          const bool slow = zr.timeTooSlowS >= zr.timeTooFastS;
          const ZonePlan* zp = in.plan.zonePlan(in.model.zones().find(zr.id));
          const double share = zp ? zp->speedInBandShare.value_or(rules.speedInBandShare) : rules.speedInBandShare;
          faults.push_back(zoneFault(zr, slow ? FaultKind::SpeedSlow : FaultKind::SpeedFast, zr.lastStampS, zonePoint,
                                     "hand speed " + readableNumber(zr.speedMinMmPerS) + "-" +
                                         readableNumber(zr.speedMaxMmPerS) + " mm/s for " + percent(share) +
                                         " of the contact time",
                                     percent(zr.speedInBandShare) + " in the band, " + readableNumber(zr.timeTooSlowS) +
                                         " s too slow, " + readableNumber(zr.timeTooFastS) + " s too fast"));
        }
        break;
      case Requirement::Depth:
        if (!has({FaultKind::DepthShallow, FaultKind::DepthDeep, FaultKind::DepthThinSkin})) {
          const bool deep = zr.depthDeepestMm > zr.depthMaxMm;
          faults.push_back(zoneFault(zr, deep ? FaultKind::DepthDeep : FaultKind::DepthShallow, zr.lastStampS, zonePoint,
                                     "dial " + readableNumber(zr.depthMinMm) + "-" + readableNumber(zr.depthMaxMm) +
                                         " mm for " + percent(rules.depthInRangeShare) + " of stamps",
                                     percent(zr.depthInRangeShare) + " in range, " +
                                         readableNumber(zr.depthShallowestMm) + "-" + readableNumber(zr.depthDeepestMm) +
                                         " mm used"));
        }
        break;
      case Requirement::Pressure:
        if (!has({FaultKind::Pressure}))
          faults.push_back(zoneFault(zr, FaultKind::Pressure, zr.lastStampS, zonePoint,
                                     "light pressure over bone for all but " + percent(rules.heavyPressureShareMax) +
                                         " of stamps",
                                     percent(zr.heavyPressureShare) + " pressed heavily"));
        break;
      default: break;  // passes, coverage, directions, stretch, density and over-treatment are judged
                       // with their own faults in judgeZone
    }
  }
}

}  // namespace mnsim
