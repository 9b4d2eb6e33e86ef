#include "mnsim/procedure/fault_kinds.h"

#include <array>
#include <cassert>

namespace mnsim {

namespace {

using K = FaultKind;

// Titles and advice are what trainees read: short, concrete, in the second person.
constexpr std::array kKinds = {
    FaultKindInfo{K::NoGo, "no_go", "No-go area touched",
                  "Keep the whole cartridge head clear of no-go areas: leave a margin of at least the head's radius."},
    FaultKindInfo{K::DepthThinSkin, "depth_thin_skin", "Too deep for thin skin",
                  "Thin skin over {zone} tolerates only shallow needling: set the dial for the zone before you start "
                  "it."},
    FaultKindInfo{K::Angle, "angle", "Pen tilted",
                  "Hold the pen perpendicular to the skin: tilted needles tear sideways and reach less deep."},
    FaultKindInfo{K::Dwell, "dwell", "Stamping in place",
                  "Do not linger on one spot: stamping in place over-treats it and risks tram-track marks."},
    FaultKindInfo{K::SpeedSlow, "speed_slow", "Hand too slow",
                  "Too slow piles punctures on one line: glide at a steady, quicker pace."},
    FaultKindInfo{K::SpeedFast, "speed_fast", "Hand too fast",
                  "Too fast leaves the skin under-treated: slow down to the target band."},
    FaultKindInfo{K::Pressure, "pressure", "Heavy pressure over bone",
                  "Press lightly over bone: heavy pressure there risks marks and pigment changes."},
    FaultKindInfo{K::DepthShallow, "depth_shallow", "Too shallow",
                  "Too shallow for this zone's indication: the treatment loses effect."},
    FaultKindInfo{K::DepthDeep, "depth_deep", "Deeper than planned",
                  "Deeper than planned for this zone: set the dial before you start each zone."},
    FaultKindInfo{K::Coverage, "coverage", "Pass coverage too low",
                  "Overlap your strokes: lines no farther apart than the cartridge head, edge to edge of the zone."},
    FaultKindInfo{K::DensityLow, "density_low", "Too few punctures",
                  "Under-treated: glide more slowly, or raise the stamp rate."},
    FaultKindInfo{K::DensityHigh, "density_high", "Too many punctures",
                  "Over-treated: glide faster, or lower the stamp rate."},
    FaultKindInfo{K::Passes, "passes", "Passes missing", "Make every planned pass over the whole zone before moving on."},
    FaultKindInfo{K::Directions, "directions", "Passes not crossed",
                  "Cross your passes: change direction each pass so the punctures spread evenly."},
    FaultKindInfo{K::Gaps, "gaps", "Untreated areas",
                  "Look at the skin for patches without redness and close them in the next pass."},
    FaultKindInfo{K::OverTreatment, "over_treatment", "Over-treated area",
                  "Too many passes over the same spot: spread the passes instead of repeating an area."},
    FaultKindInfo{K::Stretch, "stretch", "Skin not stretched",
                  "Stretch mobile skin with your free hand so the needles enter evenly."},
    FaultKindInfo{K::Untreated, "untreated", "Zone not treated",
                  "Every zone of the plan needs its passes: this one was skipped."},
    FaultKindInfo{K::OffPlan, "off_plan", "Outside the plan",
                  "This zone is not in the treatment plan: check the plan before moving on."},
    FaultKindInfo{K::Order, "order", "Zones out of order",
                  "Follow the planned order of zones so that none is missed or treated twice."},
    FaultKindInfo{K::WrongChoice, "wrong_choice", "Wrong answer", "This choice was wrong here.", true},
    FaultKindInfo{K::MissedChoice, "missed_choice", "Answer missed", "This should have been chosen.", true},
    FaultKindInfo{K::HarmfulAdvice, "harmful_advice", "Harmful advice",
                  "This advice could harm the patient: leave it out.", true},
    FaultKindInfo{K::ChecklistMissing, "checklist_missing", "Checklist item missed", "This belongs to the routine.",
                  true},
    FaultKindInfo{K::ChecklistWrong, "checklist_wrong", "Wrong checklist item",
                  "This does not belong to the routine.", true},
    FaultKindInfo{K::ChecklistOrder, "checklist_order", "Checklist out of order", "Keep the order of the routine.",
                  true},
    FaultKindInfo{K::TimerShort, "timer_short", "Wait too short", "Wait at least as long as the step asks.", true},
    FaultKindInfo{K::TimerLong, "timer_long", "Wait too long", "Do not wait longer than the step allows.", true},
    FaultKindInfo{K::Misjudged, "misjudged", "Healing misjudged",
                  "Tell the normal course of healing from a complication before choosing what to do.", true},
    FaultKindInfo{K::WrongAction, "wrong_action", "Wrong action", "Choose the action the finding calls for.", true},
    FaultKindInfo{K::Schedule, "schedule", "Series planned wrongly",
                  "Plan the number of sessions and the intervals the indication calls for.", true},
};

constexpr bool inEnumOrder() {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (static_cast<size_t>(kKinds[i].kind) != i) return false;
  return true;
}
static_assert(inEnumOrder(), "kKinds must list every FaultKind once, in the enum's order");
static_assert(kKinds.size() == static_cast<size_t>(FaultKind::Schedule) + 1, "a FaultKind is missing from kKinds");

}  // namespace

std::span<const FaultKindInfo> faultKinds() { return kKinds; }

const FaultKindInfo& faultKindInfo(FaultKind kind) { return kKinds[static_cast<size_t>(kind)]; }

const char* faultKindId(FaultKind kind) { return faultKindInfo(kind).id.data(); }

std::optional<FaultKind> faultKindFromId(std::string_view id) {
  for (const FaultKindInfo& k : kKinds)
    if (k.id == id) return k.kind;
  return std::nullopt;
}

std::string faultAdvice(FaultKind kind, std::string_view zoneName) {
  std::string advice(faultKindInfo(kind).advice);
  if (const size_t at = advice.find("{zone}"); at != std::string::npos)
    advice.replace(at, 6, zoneName.empty() ? std::string_view("the zone") : zoneName);
  return advice;
}

}  // namespace mnsim
