// The kinds of fault and critical error mnsim reports, in one table: a stable id (in the JSON,
// reports, exports and learning records), a title (what the debrief lists) and one line of advice
// a trainee can act on. Procedure faults come from the scorer; case-step faults from the case
// session (cases/case_session.h). docs/scoring.md lists them all; a test holds the two together.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mnsim {

enum class FaultKind {
  // Needling (procedure/session.h).
  NoGo,            // a footprint touched a no-go zone or lesion (critical)
  DepthThinSkin,   // too deep for thin skin (critical)
  Angle,           // pen tilted beyond the fault angle
  Dwell,           // stamping in place
  SpeedSlow,       // hand slower than the band
  SpeedFast,       // hand faster than the band
  Pressure,        // heavy pressure over bone
  DepthShallow,    // dial below the zone's range
  DepthDeep,       // dial above the zone's range (not in thin skin)
  Coverage,        // a pass covers too little of the zone
  DensityLow,      // too few punctures per cm² in a pass
  DensityHigh,     // too many punctures per cm² in a pass
  Passes,          // fewer passes than planned
  Directions,      // passes not crossed
  Gaps,            // untreated areas left
  OverTreatment,   // total density above the zone's maximum
  Stretch,         // skin not stretched where it should be
  Untreated,       // a planned zone never touched
  OffPlan,         // needling a zone outside the plan
  Order,           // zones out of the planned order
  // Case steps (cases/case_session.h).
  WrongChoice,
  MissedChoice,
  HarmfulAdvice,
  ChecklistMissing,
  ChecklistWrong,
  ChecklistOrder,
  TimerShort,
  TimerLong,
  Misjudged,
  WrongAction,
  Schedule,
};

struct FaultKindInfo {
  FaultKind kind;
  std::string_view id;      // stable, snake_case: never renamed once released
  std::string_view title;   // a short heading: "Pen tilted"
  std::string_view advice;  // one line a trainee can act on; "{zone}" stands for the zone's name
  bool caseStep = false;    // raised by a case step rather than by the needling
};

// Every kind, in the order of the enum.
std::span<const FaultKindInfo> faultKinds();
const FaultKindInfo& faultKindInfo(FaultKind kind);
const char* faultKindId(FaultKind kind);
std::optional<FaultKind> faultKindFromId(std::string_view id);
// The kind's advice with "{zone}" replaced by the zone's name.
std::string faultAdvice(FaultKind kind, std::string_view zoneName = {});

}  // namespace mnsim
