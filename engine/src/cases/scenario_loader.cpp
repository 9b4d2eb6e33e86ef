#include "mnsim/cases/scenario_loader.h"

#include "base/yaml_reader.h"
#include "cases/scenario_validate.h"
#include "cases/scenario_reader.h"
#include "mnsim/base/files.h"
#include "mnsim/base/hash.h"

namespace mnsim {

namespace {

ScenarioLoad finish(ScenarioReader& loader, const ScenarioOptions& options, bool readable) {
  ScenarioLoad out;
  for (const Error& e : loader.r.errors())
    out.diagnostics.push_back(Diagnostic{Severity::Error, e});
  out.diagnostics.insert(out.diagnostics.end(), loader.warnings.begin(), loader.warnings.end());
  if (readable) {
    validateScenario(loader.s, options, out.diagnostics, loader.assetWhere, loader.visitsWhere,
                     loader.r.errors().size() > loader.keyErrors);
    out.scenario = std::move(loader.s);
  }
  sortByLocation(out.diagnostics);
  return out;
}

ScenarioLoad parseText(const std::string& text, const std::string& name,
                       const ScenarioOptions& options) {
  ScenarioReader loader(name);
  loader.s.path = name;
  loader.s.sha256 = sha256Hex(text);
  auto root = yaml::loadString(text, name);
  if (!root) {
    ScenarioLoad out;
    out.diagnostics.push_back(Diagnostic{Severity::Error, root.error()});
    return out;
  }
  bool readable = true;
  try {
    if (!root->IsMap()) {
      loader.r.expectMap(*root, "a scenario");
      readable = false;
    } else if (!loader.checkSchema(*root)) {
      readable = false;
    } else {
      loader.root(*root);
    }
  } catch (const YAML::Exception& e) {
    // A YAML node used in a way the checks above did not foresee: report, never crash.
    loader.r.error(makeError(ErrorCode::Internal,
                             std::string("unexpected YAML structure: ") + e.what(),
                             {name, e.mark.line + 1, e.mark.column + 1}));
  }
  return finish(loader, options, readable);
}

}  // namespace

ScenarioLoad parseScenario(std::string_view text, const std::string& nameForErrors,
                           const ScenarioOptions& options) {
  return parseText(std::string(text), nameForErrors, options);
}

ScenarioLoad loadScenario(const std::string& path, const ScenarioOptions& options) {
  auto text = readFile(path);
  if (!text) {
    ScenarioLoad out;
    out.diagnostics.push_back(Diagnostic{Severity::Error, text.error()});
    return out;
  }
  return parseText(*text, path, options);
}

}  // namespace mnsim
