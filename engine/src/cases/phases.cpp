#include "mnsim/cases/phases.h"

#include "cases/phase_ids.h"

namespace mnsim {

const char* phaseId(Phase phase) {
  return kPhaseIds[static_cast<int>(phase)];
}
const char* phaseName(Phase phase) {
  return kPhaseNames[static_cast<int>(phase)];
}

std::optional<Phase> phaseFromId(std::string_view id) {
  for (int i = 0; i < kPhaseCount; ++i)
    if (id == kPhaseIds[i]) return static_cast<Phase>(i);
  return std::nullopt;
}

const std::array<Phase, kPhaseCount>& allPhases() {
  static const std::array<Phase, kPhaseCount> phases = {
      Phase::Consultation, Phase::Preparation, Phase::Procedure,  Phase::Aftercare,
      Phase::Recovery,     Phase::Results,     Phase::Maintenance};
  return phases;
}

const char* stepTypeId(StepType type) {
  return kStepTypeIds[static_cast<int>(type)];
}

std::optional<StepType> stepTypeFromId(std::string_view id) {
  for (int i = 0; i < kStepTypeCount; ++i)
    if (id == kStepTypeIds[i]) return static_cast<StepType>(i);
  return std::nullopt;
}

const char* outcomeId(Outcome outcome) {
  return kOutcomeIds[static_cast<int>(outcome)];
}

std::optional<Outcome> outcomeFromId(std::string_view id) {
  for (int i = 0; i < kOutcomeCount; ++i)
    if (id == kOutcomeIds[i]) return static_cast<Outcome>(i);
  return std::nullopt;
}

}  // namespace mnsim
