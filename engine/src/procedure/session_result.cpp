// ProcedureSession::result(): metrics, faults, gaps and scores from the session's stamps and
// coverage (scoring.md §2-6; weights and thresholds in docs/scoring.md).
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <sstream>

#include <glm/geometric.hpp>

#include "mnsim/procedure/session.h"
#include "procedure/session_impl.h"

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

// A number as a trainee reads it: 0.25, 12.5, 506, 4800 (no exponents, no trailing zeros).
std::string fmt(double v) {
  const double magnitude = std::fabs(v);
  const int decimals = magnitude < 10.0 ? 2 : (magnitude < 100.0 ? 1 : 0);
  std::ostringstream s;
  s << std::fixed;
  s.precision(decimals);
  s << v;
  std::string out = s.str();
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out == "-0" ? "0" : out;
}

std::string plural(size_t n, const std::string& word) {
  const bool sibilant = !word.empty() && word.back() == 's';
  return std::to_string(n) + " " + word + (n == 1 ? "" : (sibilant ? "es" : "s"));
}

std::string percent(double share) { return fmt(share * 100.0) + " %"; }

std::string formatRange(float lo, float hi) { return fmt(lo) + "-" + fmt(hi) + " mm"; }

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Connected regions of a zone that no pass hit (scoring.md §2), largest first.
std::vector<Gap> findGaps(const SkinSamples& samples, const CoverageMap& coverage, int zone, float minAreaMm2) {
  const std::vector<uint32_t>& mask = coverage.passMask();
  std::vector<uint32_t> unhit;
  for (uint32_t i = 0; i < samples.size(); ++i)
    if (samples.zone(i) == zone && mask[i] == 0) unhit.push_back(i);
  if (unhit.empty()) return {};
  std::vector<int32_t> local(samples.size(), -1);  // sample -> index in unhit
  for (size_t k = 0; k < unhit.size(); ++k) local[unhit[k]] = static_cast<int32_t>(k);
  UnionFind uf(unhit.size());
  const float link = samples.spacingMm() * 1.5f;
  for (size_t k = 0; k < unhit.size(); ++k) {
    samples.forEachWithin(samples.position(unhit[k]), link, [&](uint32_t j) {
      if (local[j] > static_cast<int32_t>(k)) uf.unite(static_cast<uint32_t>(k), static_cast<uint32_t>(local[j]));
    });
  }
  struct Acc {
    uint64_t areaMicro = 0;
    glm::dvec3 weighted{0.0};
    std::vector<uint32_t> members;
  };
  std::map<uint32_t, Acc> groups;
  for (size_t k = 0; k < unhit.size(); ++k) {
    Acc& acc = groups[uf.find(static_cast<uint32_t>(k))];
    const uint32_t i = unhit[k];
    acc.areaMicro += samples.areaMicro(i);
    acc.weighted += glm::dvec3(samples.position(i)) * static_cast<double>(samples.areaMicro(i));
    acc.members.push_back(i);
  }
  std::vector<Gap> gaps;
  for (auto& [root, acc] : groups) {
    const double area = acc.areaMicro / kMicroAreaPerMm2;
    if (area <= minAreaMm2) continue;
    const glm::vec3 mean(acc.weighted / static_cast<double>(acc.areaMicro));
    // The member nearest the mean stands for the gap on the skin.
    uint32_t best = acc.members.front();
    float bestD = 1e30f;
    for (uint32_t i : acc.members) {
      const float d = glm::length(samples.position(i) - mean);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    Gap g;
    g.areaMm2 = area;
    g.centerMm = samples.position(best);
    for (uint32_t i : acc.members) g.extentMm = std::max(g.extentMm, glm::length(samples.position(i) - g.centerMm));
    gaps.push_back(g);
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) { return a.areaMm2 > b.areaMm2; });
  return gaps;
}

}  // namespace

ProcedureResult ProcedureSession::result() const {
  const Impl& im = *m_impl;
  const TreatmentPlan& plan = *m_plan;
  const ScoringRules& rules = plan.rules;
  const ZoneMap& zoneMap = m_model->zones();
  const SkinSamples& samples = m_model->samples();
  const size_t zoneCount = zoneMap.zones.size();

  ProcedureResult r;
  r.planPath = im.planPath;
  r.tracePath = im.tracePath;
  r.planTitle = plan.title;
  r.assetName = m_model->asset().name;
  r.assetHash = m_model->asset().contentHash;
  r.deviceId = plan.deviceId;
  r.cartridgeId = plan.cartridge() ? plan.cartridge()->id : "";
  r.durationS = m_samples.empty() ? 0.0 : m_samples.back().timeS - m_samples.front().timeS;
  r.stamps = static_cast<int>(m_stamps.size());
  for (const RunEvent& e : im.events)
    if (e.kind == "off_skin") r.offSkinStamps += e.count;
  r.events = im.events;
  r.criticalErrors = im.critical;

  // Stamps per zone, in time order.
  std::vector<std::vector<uint32_t>> byZone(zoneCount);
  for (uint32_t i = 0; i < m_stamps.size(); ++i) byZone[m_stamps[i].zone].push_back(i);

  // Zones to report: planned ones in plan order, then touched treatable ones by first stamp.
  std::vector<int> order;
  for (const ZonePlan& zp : plan.zones) order.push_back(zp.zone);
  std::vector<std::pair<double, int>> touched;
  for (size_t z = 0; z < zoneCount; ++z)
    if (!byZone[z].empty() && !plan.zonePlan(static_cast<int>(z)) && !zoneMap.zones[z].noGo)
      touched.push_back({m_stamps[byZone[z].front()].timeS, static_cast<int>(z)});
  std::sort(touched.begin(), touched.end());
  for (auto [t, z] : touched) order.push_back(z);

  std::vector<Fault>& faults = r.faults;
  auto zoneFault = [&](const ZoneResult& zr, FaultKind kind, double timeS, const glm::vec3& point,
                       std::string expected, std::string done) {
    Fault f;
    f.kind = kind;
    f.zoneId = zr.id;
    f.timeS = f.endTimeS = timeS;
    f.pointMm = point;
    f.expected = std::move(expected);
    f.done = std::move(done);
    f.explanation = faultAdvice(kind, zr.name);
    faults.push_back(std::move(f));
  };

  const std::vector<ZoneSummary> summaries = summarizeZones(m_model->asset());
  double weightedScore = 0.0, plannedArea = 0.0;
  bool allProficient = true;
  for (int z : order) {
    const ZoneInfo& info = zoneMap.zones[z];
    const ZonePlan* zp = plan.zonePlan(z);
    const std::vector<uint32_t>& zs = byZone[z];
    ZoneResult zr;
    zr.id = info.id;
    zr.name = info.name;
    zr.planned = zp != nullptr;
    zr.areaMm2 = samples.zoneAreaMm2(z);
    const ZonePlan& p = zp ? *zp : plan.defaults;
    zr.depthMinMm = p.depthMinMm;
    zr.depthMaxMm = p.depthMaxMm;
    zr.passesRequired = zp ? p.passes : 0;
    zr.directionsRequired = zp ? p.minDirections : 0;
    zr.coverageMin = p.coverageMin;
    zr.densityMinPerCm2 = p.densityMinPerCm2;
    zr.densityMaxPerCm2 = p.densityMaxPerCm2;
    std::tie(zr.speedMinMmPerS, zr.speedMaxMmPerS) = speedBand(z);
    zr.thinSkin = im.zoneThin[z];
    zr.overBone = zp && zp->overBone ? *zp->overBone : info.overBone;
    zr.needsStretch = zp && zp->needsStretch ? *zp->needsStretch : info.needsStretch;
    zr.stamps = static_cast<int>(zs.size());
    const glm::vec3 zonePoint = zs.empty() ? summaries[z].centroid : m_stamps[zs.front()].pointMm;

    // Passes.
    const Impl::ZoneState& state = im.zones[z];
    std::vector<double> passTensor(static_cast<size_t>(state.passCount) * 3, 0.0);
    std::vector<double> passNeedles(state.passCount, 0.0);
    for (int k = 0; k < state.passCount; ++k) {
      PassResult pr;
      pr.index = k + 1;
      pr.declared = state.passDeclared[k];
      pr.coverage = m_coverage.passCoverage(z, k);
      zr.passes.push_back(pr);
    }
    const Stamp* previous = nullptr;
    for (uint32_t i : zs) {
      const Stamp& st = m_stamps[i];
      if (st.pass >= 0 && st.pass < state.passCount) {
        PassResult& pr = zr.passes[st.pass];
        if (pr.stamps == 0) pr.startS = st.timeS;
        pr.endS = st.timeS;
        pr.stamps++;
        passNeedles[st.pass] += st.needles;
        if (previous && previous->stroke == st.stroke && previous->pass == st.pass) {
          const SkinModel::Frame& frame = m_model->zoneFrame(static_cast<int>(z));
          const glm::vec3 d = st.pointMm - previous->pointMm;
          const double du = glm::dot(d, frame.u), dv = glm::dot(d, frame.v), l = std::sqrt(du * du + dv * dv);
          if (l > 0.0) {
            passTensor[st.pass * 3 + 0] += du * du / l;
            passTensor[st.pass * 3 + 1] += du * dv / l;
            passTensor[st.pass * 3 + 2] += dv * dv / l;
          }
        }
      }
      previous = &st;
    }
    std::vector<DirectionClass> distinct;
    for (int k = 0; k < state.passCount; ++k) {
      PassResult& pr = zr.passes[k];
      const double* t = &passTensor[k * 3];
      pr.direction = classifyDirection(t[0], t[1], t[2], t[0] + t[2], rules.minStrokeLengthMm);
      const double coveredCm2 = m_coverage.passAreaMicro(z, k) / kMicroAreaPerMm2 / 100.0;
      pr.densityPerCm2 = coveredCm2 > 0.0 ? passNeedles[k] / coveredCm2 : 0.0;
      if (pr.direction != DirectionClass::None &&
          std::find(distinct.begin(), distinct.end(), pr.direction) == distinct.end())
        distinct.push_back(pr.direction);
    }
    zr.directions = static_cast<int>(distinct.size());
    zr.coverageTotal = m_coverage.anyCoverage(z);

    // Depth, angle, speed, stretch, pressure, time.
    int inRange = 0, within = 0, stretched = 0, heavy = 0;
    double angleSum = 0.0, speedTime = 0.0, speedWeighted = 0.0, inBandTime = 0.0;
    zr.depthShallowestMm = zs.empty() ? 0.0f : 1e9f;
    for (uint32_t i : zs) {
      const Stamp& st = m_stamps[i];
      if (st.dialDepthMm >= p.depthMinMm - 1e-4f && st.dialDepthMm <= p.depthMaxMm + 1e-4f) ++inRange;
      zr.depthShallowestMm = std::min(zr.depthShallowestMm, st.dialDepthMm);
      zr.depthDeepestMm = std::max(zr.depthDeepestMm, st.dialDepthMm);
      if (st.angleDeg <= rules.angleWarnDeg) ++within;
      angleSum += st.angleDeg;
      zr.angleMaxDeg = std::max(zr.angleMaxDeg, static_cast<double>(st.angleDeg));
      if (st.stretch) ++stretched;
      if (st.pressure > rules.heavyPressure) ++heavy;
      speedTime += st.intervalS;
      speedWeighted += st.intervalS * st.speedMmPerS;
      if (st.speedMmPerS < zr.speedMinMmPerS) zr.timeTooSlowS += st.intervalS;
      else if (st.speedMmPerS > zr.speedMaxMmPerS) zr.timeTooFastS += st.intervalS;
      else inBandTime += st.intervalS;
    }
    const double n = std::max<size_t>(zs.size(), 1);
    zr.depthInRangeShare = zs.empty() ? 0.0 : inRange / n;
    zr.angleWithinShare = zs.empty() ? 0.0 : within / n;
    zr.angleMeanDeg = zs.empty() ? 0.0 : angleSum / n;
    zr.stretchShare = zs.empty() ? 0.0 : stretched / n;
    zr.heavyPressureShare = zs.empty() ? 0.0 : heavy / n;
    zr.contactTimeS = speedTime;
    zr.speedMeanMmPerS = speedTime > 0.0 ? speedWeighted / speedTime : 0.0;
    const bool hasBand = zr.speedMaxMmPerS > 0.0f;
    zr.speedInBandShare = !hasBand ? 1.0 : (speedTime > 0.0 ? inBandTime / speedTime : 0.0);
    if (!hasBand) zr.timeTooSlowS = zr.timeTooFastS = 0.0;
    if (!zs.empty()) {
      zr.firstStampS = m_stamps[zs.front()].timeS;
      zr.lastStampS = m_stamps[zs.back()].timeS;
    }

    if (!zp) {
      if (zr.contactTimeS >= kOffPlanFaultS)
        zoneFault(zr, FaultKind::OffPlan, zr.firstStampS, zonePoint, "only the plan's zones are needled",
                  "needled " + info.name + " for " + fmt(zr.contactTimeS) + " s");
      r.offPlanStamps += info.treatable ? zr.stamps : 0;
      r.zones.push_back(std::move(zr));
      continue;
    }

    if (zs.empty()) {
      // Nothing else to say about a planned zone that was never touched.
      zoneFault(zr, FaultKind::Untreated, 0.0, zonePoint, "treat " + info.name + " in " + plural(p.passes, "pass"),
                "no stamp landed in it");
      zr.passes.clear();
      zr.unmet = {"untreated"};
      allProficient = false;
      plannedArea += zr.areaMm2;
      r.zones.push_back(std::move(zr));
      continue;
    }

    // Over-treatment and gaps.
    const float maxTotal = p.maxTotalDensityPerCm2 > 0.0f ? p.maxTotalDensityPerCm2
                                                          : 1.5f * p.passes * p.densityMaxPerCm2;
    uint64_t overMicro = 0;
    glm::vec3 overPoint(0.0f);
    for (uint32_t i = 0; i < samples.size(); ++i) {
      if (samples.zone(i) != z || m_coverage.densityPerCm2()[i] <= maxTotal) continue;
      if (overMicro == 0) overPoint = samples.position(i);
      overMicro += samples.areaMicro(i);
    }
    zr.overTreatedAreaMm2 = overMicro / kMicroAreaPerMm2;
    zr.gaps = findGaps(samples, m_coverage, z, rules.gapMinAreaMm2);
    for (const Gap& g : zr.gaps) zr.gapAreaMm2 += g.areaMm2;

    // Which passes count: the best `passes` by coverage (extra touch-up passes do not hurt).
    std::vector<int> counted(zr.passes.size());
    std::iota(counted.begin(), counted.end(), 0);
    std::stable_sort(counted.begin(), counted.end(),
                     [&](int a, int b) { return zr.passes[a].coverage > zr.passes[b].coverage; });
    if (static_cast<int>(counted.size()) > p.passes) counted.resize(p.passes);
    std::sort(counted.begin(), counted.end());

    double coverageScore = 0.0, densityScore = 0.0;
    bool coverageMet = true;
    for (int k : counted) {
      const PassResult& pr = zr.passes[k];
      coverageScore += std::min(1.0, pr.coverage / std::max(1e-9, static_cast<double>(p.coverageMin)));
      const bool densityOk = pr.densityPerCm2 >= p.densityMinPerCm2 && pr.densityPerCm2 <= p.densityMaxPerCm2;
      densityScore += densityOk ? 1.0 : 0.0;
      if (pr.coverage < p.coverageMin) {
        coverageMet = false;
        zoneFault(zr, FaultKind::Coverage, pr.endS, zr.gaps.empty() ? zonePoint : zr.gaps.front().centerMm,
                  "pass " + std::to_string(pr.index) + " covers at least " + percent(p.coverageMin) + " of " + info.name,
                  "it covered " + percent(pr.coverage));
      }
      if (!densityOk && pr.stamps > 0) {
        const bool low = pr.densityPerCm2 < p.densityMinPerCm2;
        zoneFault(zr, low ? FaultKind::DensityLow : FaultKind::DensityHigh, pr.endS, zonePoint,
                  fmt(p.densityMinPerCm2) + "-" + fmt(p.densityMaxPerCm2) + " punctures/cm² in pass " +
                      std::to_string(pr.index),
                  fmt(pr.densityPerCm2) + " punctures/cm²");
      }
    }
    coverageScore /= std::max(1, p.passes);
    densityScore /= std::max(1, p.passes);
    const bool passesMet = static_cast<int>(zr.passes.size()) >= p.passes;
    const bool directionsMet = zr.directions >= p.minDirections;
    if (!passesMet)
      zoneFault(zr, FaultKind::Passes, zr.lastStampS, zonePoint, std::to_string(p.passes) + " passes over " + info.name,
                std::to_string(zr.passes.size()) + " passes");
    if (!directionsMet)
      zoneFault(zr, FaultKind::Directions, zr.lastStampS, zonePoint,
                std::to_string(p.minDirections) + " different directions (horizontal, vertical, diagonal)",
                std::to_string(zr.directions) + " directions");
    if (!zr.gaps.empty())
      zoneFault(zr, FaultKind::Gaps, zr.lastStampS, zr.gaps.front().centerMm, "no untreated area larger than " +
                    fmt(rules.gapMinAreaMm2) + " mm²",
                plural(zr.gaps.size(), "untreated area") + ", " + fmt(zr.gapAreaMm2) + " mm² in all");
    if (zr.overTreatedAreaMm2 > rules.gapMinAreaMm2)
      zoneFault(zr, FaultKind::OverTreatment, zr.lastStampS, overPoint,
                "at most " + fmt(maxTotal) + " punctures/cm² in total",
                fmt(zr.overTreatedAreaMm2) + " mm² above it");
    const bool stretchMet = !zr.needsStretch || zs.empty() || zr.stretchShare >= rules.stretchShare;
    if (!stretchMet)
      zoneFault(zr, FaultKind::Stretch, zr.lastStampS, zonePoint,
                "skin stretched for " + percent(rules.stretchShare) + " of stamps in " + info.name,
                percent(zr.stretchShare));

    const double depthScore = zr.depthInRangeShare;
    const double angleScore = std::min(1.0, zr.angleWithinShare / std::max(1e-9, static_cast<double>(rules.angleWithinShare)));
    const double speedScore = std::min(1.0, zr.speedInBandShare / std::max(1e-9, static_cast<double>(rules.speedInBandShare)));
    const double directionScore = std::min(1.0, static_cast<double>(zr.directions) / std::max(1, p.minDirections));
    const double stretchFactor = zr.needsStretch ? std::min(1.0, zr.stretchShare / std::max(1e-9, static_cast<double>(rules.stretchShare))) : 1.0;
    const double pressureFactor = zr.overBone ? 1.0 - zr.heavyPressureShare : 1.0;
    zr.score = zs.empty() ? 0.0
                          : kWeightCoverage * coverageScore + kWeightDepth * depthScore + kWeightAngle * angleScore +
                                kWeightSpeed * speedScore + kWeightDensity * densityScore +
                                kWeightDirections * directionScore + kWeightCare * 0.5 * (stretchFactor + pressureFactor);
    zr.score = std::round(zr.score * 100.0) / 100.0;

    if (!passesMet) zr.unmet.push_back("passes");
    if (!coverageMet || !passesMet) zr.unmet.push_back("coverage");
    if (!directionsMet) zr.unmet.push_back("directions");
    if (zr.depthInRangeShare < rules.depthInRangeShare) zr.unmet.push_back("depth");
    if (zr.angleWithinShare < rules.angleWithinShare) zr.unmet.push_back("angle");
    if (!stretchMet) zr.unmet.push_back("stretch");
    zr.proficient = zr.unmet.empty();
    allProficient = allProficient && zr.proficient;
    weightedScore += zr.score * zr.areaMm2;
    plannedArea += zr.areaMm2;
    r.zones.push_back(std::move(zr));
  }

  // Runs of stamps: angle, dwell, speed, pressure over bone, depth out of range.
  // A run is a sequence of stamps with the same problem and no correct stamp between them; it
  // carries on across pen lifts (a tilted pen stays tilted), except for dwelling, which is about
  // lingering within one stroke.
  struct RunRule {
    FaultKind kinds[2];                         // for sub-kind 1 and 2 of classify
    std::function<int(const Stamp&)> classify;  // 0 = fine, else a sub-kind
    double minDurationS;
    bool splitAtStrokes = false;
  };
  auto zoneOf = [&](const Stamp& st) -> const ZoneInfo& { return zoneMap.zones[st.zone]; };
  auto bandOf = [&](const Stamp& st) { return speedBand(st.zone); };
  const std::vector<RunRule> runRules = {
      {{FaultKind::Angle, FaultKind::Angle}, [&](const Stamp& st) { return st.angleDeg > rules.angleFaultDeg ? 1 : 0; }, 0.0},
      {{FaultKind::Dwell, FaultKind::Dwell}, [&](const Stamp& st) { return st.speedMmPerS < rules.dwellSpeedMmPerS ? 1 : 0; },
       static_cast<double>(rules.dwellTimeS), true},
      {{FaultKind::SpeedSlow, FaultKind::SpeedFast},
       [&](const Stamp& st) {
         if (im.roller || !plan.zonePlan(st.zone)) return 0;
         const auto band = bandOf(st);
         return st.speedMmPerS < band.first ? 1 : (st.speedMmPerS > band.second ? 2 : 0);
       },
       static_cast<double>(rules.speedFaultTimeS), true},
      {{FaultKind::Pressure, FaultKind::Pressure},
       [&](const Stamp& st) {
         const ZonePlan* zp = plan.zonePlan(st.zone);
         const bool bone = zp && zp->overBone ? *zp->overBone : zoneOf(st).overBone;
         return bone && st.pressure > rules.heavyPressure ? 1 : 0;
       },
       0.0},
      {{FaultKind::DepthShallow, FaultKind::DepthDeep},
       [&](const Stamp& st) {
         const ZonePlan* zp = plan.zonePlan(st.zone);
         if (!zp || st.tooDeep) return 0;
         return st.dialDepthMm < zp->depthMinMm - 1e-4f ? 1 : (st.dialDepthMm > zp->depthMaxMm + 1e-4f ? 2 : 0);
       },
       0.0},
  };
  for (const RunRule& rule : runRules) {
    size_t i = 0;
    while (i < m_stamps.size()) {
      const int kind = rule.classify(m_stamps[i]);
      if (kind == 0) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < m_stamps.size() && (!rule.splitAtStrokes || m_stamps[j].stroke == m_stamps[i].stroke) &&
             rule.classify(m_stamps[j]) == kind)
        ++j;
      const Stamp& first = m_stamps[i];
      const Stamp& last = m_stamps[j - 1];
      // Contact time of the run (pen lifts between strokes do not count).
      double duration = 0.0;
      for (size_t k = i; k < j; ++k) duration += m_stamps[k].intervalS;
      if (duration >= rule.minDurationS) {
        Fault f;
        f.kind = rule.kinds[kind - 1];
        f.zoneId = zoneOf(first).id;
        f.timeS = first.timeS;
        f.endTimeS = last.timeS;
        f.pointMm = first.pointMm;
        f.stampCount = static_cast<int>(j - i);
        f.explanation = faultAdvice(f.kind);
        switch (f.kind) {
          case FaultKind::Angle: {
            float worst = 0.0f;
            for (size_t k = i; k < j; ++k) worst = std::max(worst, m_stamps[k].angleDeg);
            f.expected = "pen within " + fmt(rules.angleFaultDeg) + "° of perpendicular";
            f.done = "tilted up to " + fmt(worst) + "° for " + std::to_string(f.stampCount) + " stamps";
            break;
          }
          case FaultKind::Dwell:
            f.expected = "keep gliding (faster than " + fmt(rules.dwellSpeedMmPerS) + " mm/s)";
            f.done = "stamped in place for " + fmt(duration) + " s";
            break;
          case FaultKind::SpeedSlow:
          case FaultKind::SpeedFast: {
            const auto band = bandOf(first);
            f.expected = "hand speed " + fmt(band.first) + "-" + fmt(band.second) + " mm/s";
            f.done = std::string(kind == 1 ? "too slow" : "too fast") + " for " + fmt(duration) + " s (" +
                     fmt(first.speedMmPerS) + " mm/s)";
            break;
          }
          case FaultKind::Pressure:
            f.expected = "light pressure over bone (at most " + fmt(rules.heavyPressure) + ")";
            f.done = "heavy pressure for " + std::to_string(f.stampCount) + " stamps";
            break;
          default: {
            const ZonePlan* zp = plan.zonePlan(first.zone);
            f.expected = "dial " + formatRange(zp->depthMinMm, zp->depthMaxMm);
            f.done = "dial at " + fmt(first.dialDepthMm) + " mm for " + std::to_string(f.stampCount) + " stamps";
            break;
          }
        }
        faults.push_back(std::move(f));
      }
      i = j;
    }
  }

  // Required order of zones.
  if (!plan.order.empty()) {
    double lastStart = -1e300;
    std::string lastId;
    for (const std::string& id : plan.order) {
      const int z = zoneMap.find(id);
      if (byZone[z].empty()) continue;
      const Stamp& first = m_stamps[byZone[z].front()];
      if (first.timeS < lastStart) {
        Fault f;
        f.kind = FaultKind::Order;
        f.zoneId = id;
        f.timeS = f.endTimeS = first.timeS;
        f.pointMm = first.pointMm;
        f.expected = "'" + lastId + "' before '" + id + "'";
        f.done = "'" + id + "' was started first";
        f.explanation = faultAdvice(FaultKind::Order);
        faults.push_back(std::move(f));
      }
      if (first.timeS >= lastStart) {
        lastStart = first.timeS;
        lastId = id;
      }
    }
  }

  std::stable_sort(faults.begin(), faults.end(), [](const Fault& a, const Fault& b) { return a.timeS < b.timeS; });
  r.score = plannedArea > 0.0 ? std::round(weightedScore / plannedArea * 100.0) / 100.0 : 0.0;
  r.proficient = allProficient && r.criticalErrors.empty() && !plan.zones.empty();
  return r;
}

}  // namespace mnsim
