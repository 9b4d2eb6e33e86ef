// Private: the pieces of ProcedureSession::result() (scoring.md §2–6), each a function of the
// session's read-only state: one zone measured (session_result.cpp), one planned zone judged
// (zone_verdict.cpp), untreated areas found (gaps.cpp), runs of faulty stamps and the zone order
// (stamp_runs.cpp).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "mnsim/procedure/coverage.h"
#include "mnsim/procedure/plan.h"
#include "mnsim/procedure/result.h"
#include "mnsim/procedure/stamp.h"
#include "mnsim/skin/skin_model.h"
#include "procedure/pass_book.h"
#include "procedure/safety.h"

namespace mnsim {

struct ScoringInputs {
  const SkinModel& model;
  const TreatmentPlan& plan;
  const CoverageMap& coverage;
  const std::vector<Stamp>& stamps;
  const PassBook& passes;
  const SafetyMonitor& safety;
  bool roller = false;
  std::function<std::pair<float, float>(int)> speedBand;  // per zone, mm/s (ProcedureSession::speedBand)
  std::vector<std::vector<uint32_t>> stampsByZone;         // per zone, stamp indices in time order
};

// What the plan asked of a zone and what was done there: passes with their coverage, direction
// and density, and the technique shares (depth, angle, speed, stretch, pressure, time).
ZoneResult measureZone(const ScoringInputs& in, int zone);

// Judges a measured zone: for a planned one its gaps, over-treatment, faults, score and unmet
// requirements; for a zone outside the plan, whether it was needled long enough to be a fault.
// `zonePoint` stands for the zone on the skin where a fault has no better place.
void judgeZone(const ScoringInputs& in, int zone, const glm::vec3& zonePoint, ZoneResult& zr,
               std::vector<Fault>& faults);

// Connected regions of a zone that no pass hit (scoring.md §2), larger than minAreaMm2, largest first.
std::vector<Gap> findGaps(const SkinSamples& samples, const CoverageMap& coverage, int zone, float minAreaMm2);

// Runs of stamps with one problem (angle, dwelling, hand speed, pressure over bone, depth out of
// range), each a fault; and zones started out of the plan's order.
void addStampRunFaults(const ScoringInputs& in, std::vector<Fault>& faults);
void addOrderFaults(const ScoringInputs& in, std::vector<Fault>& faults);

// A fault for every unmet requirement of a planned zone that has none yet (a trainee can click
// each reason a zone failed): an angle share below its threshold without any stamp beyond the
// fault angle, for example, gets a zone-level angle fault.
void addFaultsForUnmetRequirements(const ScoringInputs& in, const ZoneResult& zr, const glm::vec3& zonePoint,
                                   const std::vector<Fault>& critical, std::vector<Fault>& faults);

// A fault about a whole zone, at one moment and point, with the kind's advice.
Fault zoneFault(const ZoneResult& zr, FaultKind kind, double timeS, const glm::vec3& point, std::string expected,
                std::string done);

}  // namespace mnsim
