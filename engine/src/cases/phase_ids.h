// Private: the ids and names behind cases/phases.h, shared by the loader's "did you mean" hints
// and the key table.
#pragma once

#include "mnsim/cases/phases.h"

namespace mnsim {

inline constexpr const char* kPhaseIds[kPhaseCount] = {
    "consultation", "preparation", "procedure", "aftercare", "recovery", "results", "maintenance"};
inline constexpr const char* kPhaseNames[kPhaseCount] = {"Consultation",        "Preparation", "Procedure",
                                                  "Post-treatment care", "Recovery",    "Results",
                                                  "Maintenance"};
inline constexpr const char* kStepTypeIds[] = {"narrative",    "question",    "checklist",
                                        "decision",     "timer",       "procedure",
                                        "instructions", "observation", "schedule"};
inline constexpr const char* kOutcomeIds[] = {"completed", "deferred", "referred", "excluded"};
inline constexpr int kStepTypeCount = sizeof(kStepTypeIds) / sizeof(kStepTypeIds[0]);
inline constexpr int kOutcomeCount = sizeof(kOutcomeIds) / sizeof(kOutcomeIds[0]);

}  // namespace mnsim
