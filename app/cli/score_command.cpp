// mnsim score --plan PLAN --trace TRACE [--asset NAME] [--json]  (product.md §4.5)
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include <mnsim/cases/scenario_loader.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/cases/case_result_json.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/result_json.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/procedure/session.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/runs/replay.h>
#include <mnsim/skin/asset_loader.h>

#include "cli/commands.h"
#include "core/run_opening.h"

namespace mnsim::app {

namespace {

// A free-needling run: the plan recorded in it, on its asset.
int scoreNeedlingRun(const ParsedArgs& args, const CliContext& context, const RunFile& run) {
  auto asset = loadAsset(run.header->assetName, defaultAssetSearch(context.executablePath));
  if (!asset) return reportError(asset.error());
  const SkinModel model(std::move(*asset));
  auto result = replayNeedling(run, model);
  if (!result) return reportError(result.error());
  return printOrWriteOut(args, args.has("json") ? resultToJson(*result) : resultToTable(*result), "result");
}

// mnsim score RUN: recomputes the case result from the run's recorded inputs alone.
int scoreRun(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = scoreCommand().spec;
  if (args.has("plan") || args.has("trace") || args.has("asset"))
    return printUsageError(spec, "give either a RUN or --plan and --trace, not both");
  const std::string runPath = args.positionals.front();
  auto run = readRun(runPath);
  if (!run) return reportError(run.error());
  if (run->unfinished)
    std::cerr << runPath << ": warning: the run has no seal (cut short, or a recording that never ended): "
              << "scoring the inputs it holds; 'mnsim verify' says more\n";
  else if (run->interrupted)
    std::cerr << runPath << ": note: the run was interrupted (a crash) and closed without going on\n";
  if (run->header && run->header->kind == "needling") return scoreNeedlingRun(args, context, *run);
  // The scenario: --scenario, else the recorded path, else that path beside the run file.
  std::string scenarioPath = findRunScenario(runPath, *run, args.get("scenario"));
  if (scenarioPath.empty()) scenarioPath = run->scenarioPath;  // not found: its loader says so
  AssetLibrary assets(defaultAssetSearch(context.executablePath));
  ScenarioOptions options;
  options.assets = &assets;
  const ScenarioLoad load = loadScenario(scenarioPath, options);
  if (!load.ok()) {
    for (const Diagnostic& d : load.diagnostics) std::cerr << d.format() << "\n";
    std::cerr << "mnsim score: the run's scenario cannot be used; give it with --scenario S\n";
    return 1;
  }
  auto model = assets.model(load.scenario->assetName);
  if (!model) return reportError(model.error());
  auto result = replayRun(*run, *load.scenario, **model);
  if (!result) return reportError(result.error());
  const std::string json = caseResultToJson(*result);
  if (!run->resultJson.empty()) {
    // The stored result is only for reference; say so when it disagrees with the inputs.
    const std::string recomputed = nlohmann::ordered_json::parse(json).dump();
    if (recomputed != run->resultJson)
      std::cerr << runPath << ": warning: the result stored in the run differs from the one its inputs give; "
                << "printing the recomputed result\n";
  }
  return printOrWriteOut(args, args.has("json") ? json : caseResultToTable(*result), "result");
}

int runScore(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = scoreCommand().spec;
  if (!args.positionals.empty()) return scoreRun(args, context);
  if (args.has("scenario")) return printUsageError(spec, "--scenario goes with a RUN file");
  if (!args.has("plan")) return printUsageError(spec, "missing --plan PLAN (the treatment plan, a YAML file)");
  if (!args.has("trace")) return printUsageError(spec, "missing --trace TRACE (the pen trace, a CSV file)");

  auto plan = readPlan(args.get("plan"));
  if (!plan) return reportError(plan.error());
  const std::string assetName = args.get("asset", plan->assetName);
  auto asset = loadAsset(assetName, defaultAssetSearch(context.executablePath));
  if (!asset) return reportError(asset.error());
  if (auto status = resolvePlan(*plan, *asset); !status) return reportError(status.error());
  auto trace = readTrace(args.get("trace"), traceLimits(*plan));
  if (!trace) return reportError(trace.error());

  const SkinModel model(std::move(*asset));
  const ProcedureResult result = scoreTrace(model, *plan, *trace);
  return printOrWriteOut(args, args.has("json") ? resultToJson(result) : resultToTable(result), "result");
}

}  // namespace

const Command& scoreCommand() {
  static const Command command{
      {"score",
       "Score a pen trace against a treatment plan, or recompute a recorded run",
       "mnsim score --plan PLAN --trace TRACE [--asset NAME] [--json] [--out FILE]\n"
       "       mnsim score RUN [--scenario S] [--json] [--out FILE]",
       "Needles the plan's asset with the trace (docs/formats/trace.md) and scores it by the plan\n"
       "(docs/formats/plan.md): coverage per pass, depth per zone, technique, critical errors.\n"
       "Prints a table, or with --json one stable JSON object (docs/formats/score-json.md).\n"
       "With a RUN file (docs/formats/run.md, written by 'mnsim record' or the app) it replays the\n"
       "run's recorded inputs on its scenario and prints the whole case result (--json:\n"
       "docs/formats/case-json.md); the scenario is found at its recorded path, beside the run, or\n"
       "given with --scenario, and must be the very file the run was recorded with.\n"
       "The exit code is 0 whenever scoring succeeded, proficient or not.",
       {{"plan", "PLAN", "treatment plan (YAML, format mnsim-plan/1)"},
        {"trace", "TRACE", "pen trace (CSV, '# mnsim-trace 1')"},
        {"asset", "NAME", "asset to needle instead of the plan's (built-in name or file)"},
        {"scenario", "S", "with RUN: the scenario file, when it is not at the recorded path"},
        {"json", "", "print the result as JSON"},
        {"out", "FILE", "write the result to FILE instead of standard output"}},
       1,
       "RUN",
       {"mnsim score --plan docs/examples/pad_plan.yaml --trace docs/examples/pad_raster.csv",
        "mnsim score --plan docs/examples/pad_plan.yaml --trace docs/examples/pad_raster.csv --json",
        "mnsim score run.json --json"}},
      runScore};
  return command;
}

}  // namespace mnsim::app
