// Treatment plans: which zones to needle, at which depth, in how many passes, with which device,
// avoiding which areas. Read from plan files and scenarios' procedure steps by formats/plan_file.h
// (docs/formats/plan.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/skin/asset.h"
#include "mnsim/procedure/device.h"
#include "mnsim/base/error.h"

namespace mnsim {

// Thresholds of the scoring model (scoring.md §2-6). Every value is a default a plan may
// override under `rules:`; sources and reasoning are in docs/scoring.md.
struct ScoringRules {
  float angleWarnDeg = 10.0f;          // stamps within this count as perpendicular
  float angleFaultDeg = 20.0f;         // any run of stamps beyond this is a fault
  float angleWithinShare = 0.90f;      // share of stamps that must be within angleWarnDeg
  float stretchShare = 0.80f;          // share of stamps with stretch in zones needing it
  float dwellSpeedMmPerS = 2.0f;       // slower than this while stamping is dwelling...
  float dwellTimeS = 0.5f;             // ...for longer than this
  float depthInRangeShare = 0.90f;     // share of stamps within the zone's depth range
  float speedInBandShare = 0.70f;      // share of contact time within the speed band
  float speedFaultTimeS = 1.0f;        // a continuous run outside the band this long is a fault
  float gapMinAreaMm2 = 4.0f;          // uncovered regions larger than this are listed
  float heavyPressure = 0.7f;          // pressure above this over bone is a fault
  float offSkinMm = 3.0f;              // poses farther than this from the skin do not stamp
  float classifyLengthMm = 15.0f;      // path a stroke needs before its direction is decided
  float minStrokeLengthMm = 3.0f;      // shorter strokes join the zone's current pass
};

struct Lesion {
  std::string name;          // e.g. "active_cold_sore"
  glm::vec3 centerMm{0.0f};  // on the skin
  float radiusMm = 0.0f;     // no-go disk radius
  SourceLocation where;      // in the plan
};

struct ZonePlan {
  std::string zoneId;               // asset zone id
  int zone = -1;                    // index into the asset's zones, set by resolvePlan
  float depthMinMm = 0.25f;         // allowed dial depth range
  float depthMaxMm = 0.5f;
  float settingMm = 0.25f;          // dial depth assumed when the trace gives none
  int passes = 3;                   // passes required
  int minDirections = 3;            // distinct direction classes required among the passes
  float coverageMin = 0.90f;        // share of the zone each pass must cover
  float densityMinPerCm2 = 300.0f;  // punctures per cm² per pass
  float densityMaxPerCm2 = 900.0f;
  float maxTotalDensityPerCm2 = 0;  // over-treatment threshold; 0: 1.5 x passes x densityMax
  std::optional<bool> thinSkin;     // override the asset's flag
  std::optional<bool> overBone;     // override the asset's flag
  std::optional<bool> needsStretch; // override the asset's flag
  SourceLocation where;             // the zone's entry in the plan
};

struct TreatmentPlan {
  std::string path;                  // file it came from
  std::string title;                 // shown in reports
  std::string assetName = "head";    // built-in asset or path
  std::string deviceId = "pen";      // "pen" or "roller"
  std::string cartridgeId;           // pen cartridge ("" = device default)
  float rateHz = 0.0f;               // default stamp rate; 0 = device default
  std::vector<ZonePlan> zones;       // zones to treat
  std::vector<std::string> noGoZones;        // extra no-go zones (the asset's own always apply)
  std::vector<SourceLocation> noGoZoneWhere;  // parallel to noGoZones
  std::vector<Lesion> lesions;       // no-go disks placed on the skin
  std::vector<std::string> order;    // required zone order, empty = any
  std::vector<SourceLocation> orderWhere;
  ScoringRules rules;
  ZonePlan defaults;                 // values zones inherit

  const ZonePlan* zonePlan(int zoneIndex) const;
  const DeviceSpec& device() const;
  const Cartridge* cartridge() const;  // null for the roller
  float defaultRateHz() const;
};

// Binds the plan to an asset: every zone id must exist there (errors point at the plan line).
Status resolvePlan(TreatmentPlan& plan, const Asset& asset);
// The same, collecting every problem instead of stopping at the first (for validators).
std::vector<Error> resolvePlanAll(TreatmentPlan& plan, const Asset& asset);

}  // namespace mnsim
