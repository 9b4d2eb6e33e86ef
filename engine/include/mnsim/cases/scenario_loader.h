// Loading scenarios: the loader checks everything it can — keys, types, references, the flow
// between steps and visits, zones and lesions on the asset — and reports every problem as a
// Diagnostic (`file:line:col: error|warning: message`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/diagnostic.h"
#include "mnsim/cases/scenario.h"

namespace mnsim {

class AssetLibrary;

struct ScenarioOptions {
  // Assets for checking zones and landmarks and for placing lesions. Null: references to the
  // asset are not checked (a warning says so).
  AssetLibrary* assets = nullptr;
};

struct ScenarioLoad {
  std::optional<Scenario> scenario;     // present when the file could be read at all
  std::vector<Diagnostic> diagnostics;  // sorted by line and column
  bool ok() const { return scenario.has_value() && !hasErrors(diagnostics); }
};

ScenarioLoad loadScenario(const std::string& path, const ScenarioOptions& options = {});
ScenarioLoad parseScenario(std::string_view text, const std::string& nameForErrors,
                           const ScenarioOptions& options = {});

// The keys each kind of map in a scenario accepts: the loader checks against them and a test
// holds the JSON Schema (scenarios/schema) to the same lists.
const std::map<std::string, std::vector<std::string>>& scenarioKeyTable();

}  // namespace mnsim
