// Faults about runs of stamps (scoring.md §5) and about the order of zones.
#include <algorithm>

#include "mnsim/base/text.h"
#include "procedure/result_parts.h"

namespace mnsim {

namespace {

// A problem that stamps in a row share. A run is a sequence of stamps with the same problem and
// no correct stamp between them; it carries on across pen lifts (a tilted pen stays tilted),
// except where splitAtStrokes says it is about lingering within one stroke.
struct RunRule {
  FaultKind kinds[2];                         // for sub-kind 1 and 2 of classify
  std::function<int(const Stamp&)> classify;  // 0 = fine, else a sub-kind
  double minDurationS;
  bool splitAtStrokes = false;
};

// The rules' tests keep a pointer to the inputs, which outlive them.
std::vector<RunRule> runRules(const ScoringInputs& inputs) {
  const ScoringInputs* in = &inputs;
  const ScoringRules* rules = &inputs.plan.rules;
  return {
      {{FaultKind::Angle, FaultKind::Angle}, [rules](const Stamp& st) { return st.angleDeg > rules->angleFaultDeg ? 1 : 0; },
       0.0},
      {{FaultKind::Dwell, FaultKind::Dwell},
       [rules](const Stamp& st) { return st.speedMmPerS < rules->dwellSpeedMmPerS ? 1 : 0; },
       static_cast<double>(rules->dwellTimeS), true},
      {{FaultKind::SpeedSlow, FaultKind::SpeedFast},
       [in](const Stamp& st) {
         if (in->roller || !in->plan.zonePlan(st.zone)) return 0;
         const auto band = in->speedBand(st.zone);
         return st.speedMmPerS < band.first ? 1 : (st.speedMmPerS > band.second ? 2 : 0);
       },
       static_cast<double>(rules->speedFaultTimeS), true},
      {{FaultKind::Pressure, FaultKind::Pressure},
       [in, rules](const Stamp& st) {
         const ZonePlan* zp = in->plan.zonePlan(st.zone);
         const bool bone = zp && zp->overBone ? *zp->overBone : in->model.zones().zones[st.zone].overBone;
         return bone && st.pressure > rules->heavyPressure ? 1 : 0;
       },
       0.0},
      {{FaultKind::DepthShallow, FaultKind::DepthDeep},
       [in](const Stamp& st) {
         const ZonePlan* zp = in->plan.zonePlan(st.zone);
         if (!zp || st.tooDeep) return 0;
         return st.dialDepthMm < zp->depthMinMm - 1e-4f ? 1 : (st.dialDepthMm > zp->depthMaxMm + 1e-4f ? 2 : 0);
       },
       0.0},
  };
}

// What was expected and what was done, for the run of stamps [first, last].
void describeRun(const ScoringInputs& in, const Stamp* first, const Stamp* last, double durationS, Fault& f) {
  const ScoringRules& rules = in.plan.rules;
  switch (f.kind) {
    case FaultKind::Angle: {
      float worst = 0.0f;
      for (const Stamp* s = first; s <= last; ++s) worst = std::max(worst, s->angleDeg);
      f.expected = "pen within " + readableNumber(rules.angleFaultDeg) + "° of perpendicular";
      f.done = "tilted up to " + readableNumber(worst) + "° for " + std::to_string(f.stampCount) + " stamps";
      break;
    }
    case FaultKind::Dwell:
      f.expected = "keep gliding (faster than " + readableNumber(rules.dwellSpeedMmPerS) + " mm/s)";
      f.done = "stamped in place for " + readableNumber(durationS) + " s";
      break;
    case FaultKind::SpeedSlow:
    case FaultKind::SpeedFast: {
      const auto band = in.speedBand(first->zone);
      f.expected = "hand speed " + readableNumber(band.first) + "-" + readableNumber(band.second) + " mm/s";
      f.done = std::string(f.kind == FaultKind::SpeedSlow ? "too slow" : "too fast") + " for " +
               readableNumber(durationS) + " s (" + readableNumber(first->speedMmPerS) + " mm/s)";
      break;
    }
    case FaultKind::Pressure:
      f.expected = "light pressure over bone (at most " + readableNumber(rules.heavyPressure) + ")";
      f.done = "heavy pressure for " + std::to_string(f.stampCount) + " stamps";
      break;
    default: {
      const ZonePlan* zp = in.plan.zonePlan(first->zone);
      f.expected = "dial " + readableNumber(zp->depthMinMm) + "-" + readableNumber(zp->depthMaxMm) + " mm";
      f.done = "dial at " + readableNumber(first->dialDepthMm) + " mm for " + std::to_string(f.stampCount) + " stamps";
      break;
    }
  }
}

}  // namespace

void addStampRunFaults(const ScoringInputs& in, std::vector<Fault>& faults) {
  const std::vector<Stamp>& stamps = in.stamps;
  for (const RunRule& rule : runRules(in)) {
    size_t i = 0;
    while (i < stamps.size()) {
      const int kind = rule.classify(stamps[i]);
      if (kind == 0) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < stamps.size() && (!rule.splitAtStrokes || stamps[j].stroke == stamps[i].stroke) &&
             rule.classify(stamps[j]) == kind)
        ++j;
      // Contact time of the run (pen lifts between strokes do not count).
      double duration = 0.0;
      for (size_t k = i; k < j; ++k) duration += stamps[k].intervalS;
      if (duration >= rule.minDurationS) {
        Fault f;
        f.kind = rule.kinds[kind - 1];
        f.zoneId = in.model.zones().zones[stamps[i].zone].id;
        f.timeS = stamps[i].timeS;
        f.endTimeS = stamps[j - 1].timeS;
        f.pointMm = stamps[i].pointMm;
        f.endPointMm = stamps[j - 1].pointMm;
        f.stampCount = static_cast<int>(j - i);
        f.explanation = faultAdvice(f.kind);
        describeRun(in, &stamps[i], &stamps[j - 1], duration, f);
        faults.push_back(std::move(f));
      }
      i = j;
    }
  }
}

void addOrderFaults(const ScoringInputs& in, std::vector<Fault>& faults) {
  double lastStart = -1e300;
  std::string lastId;
  for (const std::string& id : in.plan.order) {
    const int z = in.model.zones().find(id);
    if (in.stampsByZone[z].empty()) continue;
    const Stamp& first = in.stamps[in.stampsByZone[z].front()];
    if (first.timeS < lastStart) {
      Fault f;
      f.kind = FaultKind::Order;
      f.zoneId = id;
      f.timeS = f.endTimeS = first.timeS;
      f.pointMm = f.endPointMm = first.pointMm;
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

}  // namespace mnsim
