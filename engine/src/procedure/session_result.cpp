// ProcedureSession::result(): metrics, faults, gaps and scores from the session's stamps and
// coverage (scoring.md §2-6). The zones are measured here, judged in zone_verdict.cpp; runs of
// faulty stamps are found in stamp_runs.cpp.
#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "mnsim/procedure/session.h"
#include "procedure/result_parts.h"
#include "procedure/session_impl.h"

namespace mnsim {

namespace {

// What the plan (or, for a zone outside it, the plan's defaults) asks of the zone.
void describePlan(const ScoringInputs& in, int z, ZoneResult& zr) {
  const ZoneInfo& info = in.model.zones().zones[z];
  const ZonePlan* zp = in.plan.zonePlan(z);
  const ZonePlan& p = zp ? *zp : in.plan.defaults;
  zr.id = info.id;
  zr.name = info.name;
  zr.planned = zp != nullptr;
  zr.areaMm2 = in.model.samples().zoneAreaMm2(z);
  zr.depthMinMm = p.depthMinMm;
  zr.depthMaxMm = p.depthMaxMm;
  zr.passesRequired = zp ? p.passes : 0;
  zr.directionsRequired = zp ? p.minDirections : 0;
  zr.coverageMin = p.coverageMin;
  zr.densityMinPerCm2 = p.densityMinPerCm2;
  zr.densityMaxPerCm2 = p.densityMaxPerCm2;
  std::tie(zr.speedMinMmPerS, zr.speedMaxMmPerS) = in.speedBand(z);
  zr.thinSkin = in.safety.thinSkin(z);
  zr.overBone = zp && zp->overBone ? *zp->overBone : info.overBone;
  zr.needsStretch = zp && zp->needsStretch ? *zp->needsStretch : info.needsStretch;
  if (zp)
    for (int k = 0; k < kRequirementCount; ++k)
      if (zp->isRequired(static_cast<Requirement>(k))) zr.required.push_back(requirementId(static_cast<Requirement>(k)));
}

// Each pass of the zone: coverage, stamps and times, the direction of its path, its density.
void measurePasses(const ScoringInputs& in, int z, ZoneResult& zr) {
  const std::vector<uint32_t>& zs = in.stampsByZone[z];
  const int passCount = in.passes.passCount(z);
  std::vector<DirectionTensor> tensors(passCount);
  std::vector<double> needles(passCount, 0.0);
  for (int k = 0; k < passCount; ++k) {
    PassResult pr;
    pr.index = k + 1;
    pr.declared = in.passes.declaredNumber(z, k);
    pr.coverage = in.coverage.passCoverage(z, k);
    zr.passes.push_back(pr);
  }
  const Stamp* previous = nullptr;
  for (uint32_t i : zs) {
    const Stamp& st = in.stamps[i];
    if (st.pass >= 0 && st.pass < passCount) {
      PassResult& pr = zr.passes[st.pass];
      if (pr.stamps == 0) pr.startS = st.timeS;
      pr.endS = st.timeS;
      pr.stamps++;
      needles[st.pass] += st.needles;
      if (previous && previous->stroke == st.stroke && previous->pass == st.pass) {
        const glm::vec3 d = st.pointMm - previous->pointMm;
        const SkinModel::Frame frame = SkinModel::readingFrame(st.normal);
        tensors[st.pass].add(glm::dot(d, frame.u), glm::dot(d, frame.v));
      }
    }
    previous = &st;
  }
  std::vector<DirectionClass> distinct;
  for (int k = 0; k < passCount; ++k) {
    PassResult& pr = zr.passes[k];
    pr.direction = classifyDirection(tensors[k], tensors[k].xx + tensors[k].yy, in.plan.rules.minStrokeLengthMm);
    const double coveredCm2 = in.coverage.passAreaMicro(z, k) / kMicroAreaPerMm2 / 100.0;
    pr.densityPerCm2 = coveredCm2 > 0.0 ? needles[k] / coveredCm2 : 0.0;
    if (pr.direction != DirectionClass::None && std::find(distinct.begin(), distinct.end(), pr.direction) == distinct.end())
      distinct.push_back(pr.direction);
  }
  zr.directions = static_cast<int>(distinct.size());
}

// Depth, angle, speed, stretch, pressure and time over the zone's stamps.
void measureTechnique(const ScoringInputs& in, int z, ZoneResult& zr) {
  const std::vector<uint32_t>& zs = in.stampsByZone[z];
  const ScoringRules& rules = in.plan.rules;
  int inRange = 0, within = 0, stretched = 0, heavy = 0;
  double angleSum = 0.0, speedTime = 0.0, speedWeighted = 0.0, inBandTime = 0.0;
  zr.depthShallowestMm = zs.empty() ? 0.0f : 1e9f;
  for (uint32_t i : zs) {
    const Stamp& st = in.stamps[i];
    if (st.dialDepthMm >= zr.depthMinMm - 1e-4f && st.dialDepthMm <= zr.depthMaxMm + 1e-4f) ++inRange;
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
    zr.firstStampS = in.stamps[zs.front()].timeS;
    zr.lastStampS = in.stamps[zs.back()].timeS;
  }
}

// The zones to report: planned ones in plan order, then touched treatable ones by first stamp.
std::vector<int> reportedZones(const ScoringInputs& in) {
  const ZoneMap& zoneMap = in.model.zones();
  std::vector<int> order;
  for (const ZonePlan& zp : in.plan.zones) order.push_back(zp.zone);
  std::vector<std::pair<double, int>> touched;
  for (size_t z = 0; z < zoneMap.zones.size(); ++z)
    if (!in.stampsByZone[z].empty() && !in.plan.zonePlan(static_cast<int>(z)) && !zoneMap.zones[z].noGo)
      touched.push_back({in.stamps[in.stampsByZone[z].front()].timeS, static_cast<int>(z)});
  std::sort(touched.begin(), touched.end());
  for (auto [t, z] : touched) order.push_back(z);
  return order;
}

}  // namespace

ZoneResult measureZone(const ScoringInputs& in, int zone) {
  ZoneResult zr;
  describePlan(in, zone, zr);
  zr.stamps = static_cast<int>(in.stampsByZone[zone].size());
  measurePasses(in, zone, zr);
  zr.coverageTotal = in.coverage.anyCoverage(zone);
  measureTechnique(in, zone, zr);
  return zr;
}

ProcedureResult ProcedureSession::result() const {
  const Impl& im = *m_impl;
  const TreatmentPlan& plan = *m_plan;
  ScoringInputs in{*m_model, plan, m_coverage, m_stamps, im.passes.book(), im.safety, im.roller,
                   [this](int zone) { return speedBand(zone); }, {}};
  in.stampsByZone.resize(m_model->zones().zones.size());
  for (uint32_t i = 0; i < m_stamps.size(); ++i) in.stampsByZone[m_stamps[i].zone].push_back(i);

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
  r.criticalErrors = im.safety.criticalErrors();

  const std::vector<ZoneSummary> summaries = summarizeZones(m_model->asset());
  auto zonePoint = [&](int z) {
    const std::vector<uint32_t>& zs = in.stampsByZone[z];
    return zs.empty() ? summaries[z].centroid : m_stamps[zs.front()].pointMm;
  };
  double weightedScore = 0.0, plannedArea = 0.0;
  bool allProficient = true;
  for (int z : reportedZones(in)) {
    ZoneResult zr = measureZone(in, z);
    judgeZone(in, z, zonePoint(z), zr, r.faults);
    if (zr.planned) {
      allProficient = allProficient && zr.proficient;
      weightedScore += zr.score * zr.areaMm2;
      plannedArea += zr.areaMm2;
    } else {
      r.offPlanStamps += m_model->zones().zones[z].treatable ? zr.stamps : 0;
    }
    r.zones.push_back(std::move(zr));
  }
  addStampRunFaults(in, r.faults);
  if (!plan.order.empty()) addOrderFaults(in, r.faults);
  for (const ZoneResult& zr : r.zones)
    if (zr.planned) addFaultsForUnmetRequirements(in, zr, zonePoint(m_model->zones().find(zr.id)), r.criticalErrors, r.faults);

  std::stable_sort(r.faults.begin(), r.faults.end(), [](const Fault& a, const Fault& b) { return a.timeS < b.timeS; });
  r.scoreUncapped = plannedArea > 0.0 ? std::round(weightedScore / plannedArea * 100.0) / 100.0 : 0.0;
  r.proficient = allProficient && r.criticalErrors.empty() && !plan.zones.empty();
  // The score tells the truth (scoring.md §6): a critical error or a failed requirement never
  // shows a passing score.
  r.score = r.scoreUncapped;
  if (!r.criticalErrors.empty() && r.score > plan.rules.criticalScoreCap) {
    r.score = plan.rules.criticalScoreCap;
    r.scoreCap = "critical_errors";
  } else if (!r.proficient && r.score > plan.rules.passScore - 1.0) {
    r.score = std::max(0.0, plan.rules.passScore - 1.0);
    r.scoreCap = "not_proficient";
  }
  return r;
}

}  // namespace mnsim
