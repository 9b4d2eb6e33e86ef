// The result of scoring one procedure (scoring.md §6). Serialised by result_json.h
// (docs/formats/score-json.md) and printed as a table by the CLI.
#pragma once

#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/procedure/fault_kinds.h"

namespace mnsim {

enum class DirectionClass { None, Horizontal, Vertical, Diagonal45, Diagonal135 };
const char* directionName(DirectionClass direction);

// A fault or critical error: where, when, what was expected, what was done, and why it matters.
struct Fault {
  FaultKind kind = FaultKind::Angle;  // procedure/fault_kinds.h: id, title, advice
  bool critical = false;    // critical errors fail the procedure outright
  std::string zoneId;       // zone it concerns ("" for the whole procedure)
  double timeS = 0.0;       // when it began, seconds on the trace's clock
  double endTimeS = 0.0;    // when it ended (== timeS for a single moment)
  glm::vec3 pointMm{0.0f};  // where on the skin (where it began)
  glm::vec3 endPointMm{0.0f};  // where it ended (== pointMm for a single moment or place)
  int stampCount = 0;       // stamps involved, 0 when not about stamps
  std::string expected;     // what the plan or rule expected
  std::string done;         // what was done
  std::string explanation;  // one line a trainee can act on
};

struct PassResult {
  int index = 0;                    // 1-based within the zone
  int declared = 0;                 // the declared pass number, 0 when detected
  DirectionClass direction = DirectionClass::None;
  double coverage = 0.0;            // share of the zone's area hit in this pass
  double densityPerCm2 = 0.0;       // punctures per cm² over the area this pass covered
  int stamps = 0;                   // stamps centred in the zone in this pass
  double startS = 0.0, endS = 0.0;  // first and last stamp
};

struct Gap {
  double areaMm2 = 0.0;      // uncovered area (no pass hit it)
  glm::vec3 centerMm{0.0f};  // a skin point at its middle
  float extentMm = 0.0f;     // largest distance from the centre to any of its samples
};

// Event during a run that is not a fault: recorded so that assessors see it.
struct RunEvent {
  std::string kind;          // "off_skin"
  double timeS = 0.0;
  double endTimeS = 0.0;
  int count = 0;             // stamps that could not be made
  std::string detail;
};

struct ZoneResult {
  std::string id;                   // zone id
  std::string name;                 // zone name
  bool planned = false;             // in the plan (scored), or only touched
  double areaMm2 = 0.0;             // zone area measured on its skin samples
  // What the plan asked for.
  float depthMinMm = 0.0f, depthMaxMm = 0.0f;
  int passesRequired = 0;
  int directionsRequired = 0;
  float coverageMin = 0.0f;
  float densityMinPerCm2 = 0.0f, densityMaxPerCm2 = 0.0f;
  float speedMinMmPerS = 0.0f, speedMaxMmPerS = 0.0f;  // 0, 0 when the device has no band
  bool thinSkin = false, overBone = false, needsStretch = false;
  // What was done.
  std::vector<PassResult> passes;
  double coverageTotal = 0.0;       // share hit by any pass
  int directions = 0;               // distinct direction classes among the passes
  std::vector<Gap> gaps;            // largest first
  double gapAreaMm2 = 0.0;          // total of the listed gaps
  double overTreatedAreaMm2 = 0.0;  // area above the zone's total density maximum
  double overTreatedShare = 0.0;    // the same as a share of the zone's area
  int stamps = 0;
  double depthInRangeShare = 0.0;   // share of stamps with the dial within the range
  float depthShallowestMm = 0.0f, depthDeepestMm = 0.0f;
  double angleWithinShare = 0.0;    // share of stamps within the warning angle
  double angleMeanDeg = 0.0, angleMaxDeg = 0.0;
  double speedMeanMmPerS = 0.0;
  double speedInBandShare = 0.0;    // of contact time
  double timeTooSlowS = 0.0, timeTooFastS = 0.0;
  double stretchShare = 0.0;        // of stamps
  double heavyPressureShare = 0.0;  // of stamps
  double firstStampS = 0.0, lastStampS = 0.0, contactTimeS = 0.0;
  double score = 0.0;               // 0-100 (docs/scoring.md: weights)
  bool proficient = false;          // every required metric at or above its threshold
  std::vector<std::string> required;  // the metrics proficiency needs here (procedure/plan.h Requirement)
  std::vector<std::string> unmet;   // required metrics below threshold, by name
};

struct ProcedureResult {
  std::string planPath, tracePath;  // inputs
  std::string planTitle;
  std::string assetName, assetHash;
  std::string deviceId, cartridgeId;
  double durationS = 0.0;           // trace length
  int stamps = 0;
  int offPlanStamps = 0;            // stamps centred in treatable zones outside the plan
  int offSkinStamps = 0;            // stamps that could not be made: pen too far from the skin
  double score = 0.0;               // the procedure's score: scoreUncapped, capped below the pass mark when
                                    // not proficient, and at the critical cap with a critical error
  double scoreUncapped = 0.0;       // area-weighted mean of the planned zones' scores
  std::string scoreCap;             // why the score is capped: "critical_errors", "not_proficient" or ""
  bool proficient = false;          // no critical error and every planned zone proficient
  std::vector<ZoneResult> zones;    // planned zones in plan order, then zones only touched
  std::vector<Fault> criticalErrors;
  std::vector<Fault> faults;        // in time order
  std::vector<RunEvent> events;
};

}  // namespace mnsim
