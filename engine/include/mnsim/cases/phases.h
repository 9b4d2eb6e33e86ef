// The fixed vocabulary of a case (product.md §2): the phases of a visit, the types of step, and
// how a case ends, each with its stable id as scenario files and results write it.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace mnsim {

// The phases of a visit, in the order they must appear (product.md §2).
enum class Phase {
  Consultation,
  Preparation,
  Procedure,
  Aftercare,
  Recovery,
  Results,
  Maintenance
};
constexpr int kPhaseCount = 7;
const char* phaseId(Phase phase);    // "consultation", ..., "aftercare" (post-treatment care)
const char* phaseName(Phase phase);  // "Consultation", ..., "Post-treatment care"
std::optional<Phase> phaseFromId(std::string_view id);
const std::array<Phase, kPhaseCount>& allPhases();

enum class StepType {
  Narrative,     // text to read; no answer, no points
  Question,      // single or multiple choice; points, feedback, patient replies, critical options
  Checklist,     // items done in an order; missing, wrong and misordered items
  Decision,      // single choice whose option branches: to a step, a visit, or an end
  Timer,         // a wait with a minimum and maximum (e.g. numbing), fast-forwarded
  Procedure,     // needling by a treatment plan, scored by the procedure scorer (scoring.md)
  Instructions,  // choosing the advice to give (aftercare); harmful advice is penalised
  Observation,   // recovery day N: the skin shown; normal or abnormal, and the action
  Schedule,      // the series: sessions, interval, maintenance
};
const char* stepTypeId(StepType type);
std::optional<StepType> stepTypeFromId(std::string_view id);

// How a case ends.
enum class Outcome { Completed, Deferred, Referred, Excluded };
const char* outcomeId(Outcome outcome);  // "completed", "deferred", "referred", "excluded"
std::optional<Outcome> outcomeFromId(std::string_view id);

}  // namespace mnsim
