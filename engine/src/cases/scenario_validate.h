// Private: the semantic checks of a scenario (scenario_validate.cpp), run by the loader after
// the YAML has been read into the model.
#pragma once

#include <vector>

#include "mnsim/cases/scenario_loader.h"

namespace mnsim {

// Checks references, flow, phases and the asset; resolves lesions and plans against the asset.
void validateScenario(Scenario& scenario, const ScenarioOptions& options,
                      std::vector<Diagnostic>& out, const SourceLocation& assetWhere,
                      const SourceLocation& visitsWhere, bool partial);

}  // namespace mnsim
