// Treatment plans: which zones to needle, at which depth, in how many passes, with which device,
// avoiding which areas. Read from plan files and scenarios' procedure steps by formats/plan_file.h
// (docs/formats/plan.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  float speedInBandShare = 0.70f;      // share of contact time within the speed band (zones may override)
  float speedFaultTimeS = 1.0f;        // a continuous run outside the band this long is a fault
  float gapMinAreaMm2 = 4.0f;          // uncovered regions larger than this are listed
  float heavyPressure = 0.7f;          // pressure above this over bone is a fault
  float heavyPressureShareMax = 0.10f; // share of stamps over bone that may press heavily (when required)
  float lineSpacingHeads = 0.75f;      // the line spacing the plan expects, in head widths: with the
                                       // density band it sets the hand-speed band
  float overTreatedShareMax = 0.05f;   // share of a zone's area that may exceed its total density (zones may override)
  float depthExcessMm = 0.5f;          // deeper than the zone's range by this much fails depth, thin skin or not
  float criticalScoreCap = 50.0f;      // a procedure with a critical error scores at most this
  float passScore = 70.0f;             // a procedure that is not proficient scores below this
  float offSkinMm = 3.0f;              // poses farther than this from the skin do not stamp
  float classifyLengthMm = 15.0f;      // path a stroke needs before its direction is decided
  float minStrokeLengthMm = 3.0f;      // shorter strokes have no direction: they join the zone's current pass
  float passRetreadShare = 0.25f;      // a stroke in the pass's direction that lays this share of its
                                       // footprints on skin the pass already hit starts another pass
  float newPassWidths = 0.75f;         // a stroke that turns away starts a pass once it (or such strokes
                                       // in a row) ran this many zone widths in the zone (the width of a
                                       // disc of the zone's area); shorter ones are touch-ups
};

struct Lesion {
  std::string name;          // e.g. "active_cold_sore"
  glm::vec3 centerMm{0.0f};  // on the skin
  float radiusMm = 0.0f;     // no-go disk radius
  SourceLocation where;      // in the plan
};

// What proficiency in a zone requires (scoring.md §6). By default everything but pressure; a plan
// may require less (relax a metric) or more (`required:` in its defaults or a zone).
enum class Requirement {
  Passes,         // as many passes as planned
  Coverage,       // each counted pass covers coverageMin of the zone
  Directions,     // the passes cross in minDirections directions
  Depth,          // depthInRangeShare of stamps with the dial in range, none depthExcessMm beyond it
  Angle,          // angleWithinShare of stamps within angleWarnDeg of perpendicular
  Stretch,        // stretchShare of stamps stretched, in zones that need it
  Density,        // every counted pass's density inside the band (under- and over-treated)
  Speed,          // speedInBandShare of contact time inside the hand-speed band
  OverTreatment,  // at most overTreatedShareMax of the zone above its total density maximum
  Pressure,       // over bone, at most heavyPressureShareMax of stamps pressing heavily
};
constexpr int kRequirementCount = 10;
const char* requirementId(Requirement requirement);  // "passes", ..., "over_treatment", "pressure"
std::optional<Requirement> requirementFromId(std::string_view id);
constexpr uint32_t requirementBit(Requirement r) { return 1u << static_cast<int>(r); }
// Every requirement but pressure.
constexpr uint32_t kDefaultRequirements = ((1u << kRequirementCount) - 1) & ~requirementBit(Requirement::Pressure);

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
  std::optional<float> speedInBandShare;     // override the plan's rule
  std::optional<float> overTreatedShareMax;  // override the plan's rule
  uint32_t required = kDefaultRequirements;  // Requirement bits proficiency needs here
  SourceLocation where;             // the zone's entry in the plan

  bool isRequired(Requirement r) const { return (required & requirementBit(r)) != 0; }
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
