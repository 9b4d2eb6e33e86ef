// mnsim validate FILE...  (issue 5): every problem of a scenario as file:line:col: error|warning
#include <mnsim/skin/asset_library.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/skin/asset_loader.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"

namespace mnsim::app {

namespace {

namespace fs = std::filesystem;

// FILE arguments; a folder stands for the *.yaml scenarios directly in it.
std::vector<std::string> expand(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(a, ec)) {
      const std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
        files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

int runValidate(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = validateCommand().spec;
  if (args.positionals.empty())
    return printUsageError(spec, "give one or more scenario files (or folders of them)");
  const std::vector<std::string> files = expand(args.positionals);
  if (files.empty()) return printUsageError(spec, "no *.yaml files in the folders given");
  AssetLibrary assets(defaultAssetSearch(context.executablePath));
  ScenarioOptions options;
  if (!args.has("no-asset")) options.assets = &assets;
  const bool strict = args.has("strict");
  const bool quiet = args.has("quiet");
  size_t errors = 0, warnings = 0, failed = 0;
  for (const std::string& file : files) {
    const ScenarioLoad load = loadScenario(file, options);
    const size_t e = countSeverity(load.diagnostics, Severity::Error);
    const size_t w = countSeverity(load.diagnostics, Severity::Warning);
    for (const Diagnostic& d : load.diagnostics) std::cerr << d.format() << "\n";
    errors += e;
    warnings += w;
    const bool bad = e > 0 || (strict && w > 0);
    failed += bad ? 1 : 0;
    if (!quiet) {
      std::cout << file << ": " << (bad ? "FAILED" : "ok");
      if (load.scenario && !load.scenario->id.empty())
        std::cout << " (" << load.scenario->id << ")";
      if (e || w)
        std::cout << ", " << e << " error" << (e == 1 ? "" : "s") << ", " << w << " warning"
                  << (w == 1 ? "" : "s");
      std::cout << "\n";
    }
  }
  if (!quiet && files.size() > 1)
    std::cout << files.size() << " files: " << files.size() - failed << " ok, " << failed
              << " failed (" << errors << " errors, " << warnings << " warnings)\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace

const Command& validateCommand() {
  static const Command command{
      {"validate",
       "Check scenario files and report every problem with its line and column",
       "mnsim validate FILE|FOLDER... [--strict] [--no-asset] [--quiet]",
       "Reads each scenario (scenarios/README.md, schema mnsim-scenario/1) and prints every "
       "problem as\n"
       "'file:line:col: error|warning: message' on standard error: YAML syntax, unknown keys "
       "(with\n"
       "\"did you mean\"), wrong types, missing fields, references to steps, visits, zones, "
       "landmarks\n"
       "or assets that do not exist, unreachable steps, branches that never end, depths beyond "
       "the\n"
       "device, missing phases. A folder stands for the *.yaml files in it. One summary line per "
       "file\n"
       "goes to standard output. Exit code 1 when any file has an error (or, with --strict, a "
       "warning).",
       {{"strict", "", "treat warnings as errors"},
        {"no-asset", "", "do not load the asset (zones and landmarks are then not checked)"},
        {"quiet", "", "print only the problems, no summary lines"}},
       100000,
       "FILE",
       {"mnsim validate scenarios/", "mnsim validate scenarios/contra_isotretinoin.yaml --strict"}},
      runValidate};
  return command;
}

}  // namespace mnsim::app
