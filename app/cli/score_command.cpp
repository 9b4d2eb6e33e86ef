// mnsim score --plan PLAN --trace TRACE [--asset NAME] [--json]  (product.md §4.5)
#include <fstream>
#include <iostream>

#include <mnsim/plan.h>
#include <mnsim/result_json.h>
#include <mnsim/session.h>

#include "cli/commands.h"

namespace mnsim::app {

namespace {

int run(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = scoreCommand().spec;
  if (!args.positionals.empty())
    return printUsageError(spec, "scoring a recorded run ('mnsim score RUN') is not available yet; use --plan and --trace");
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
  const std::string text = args.has("json") ? resultToJson(result) : resultToTable(result);
  if (args.has("out")) {
    std::ofstream out(args.get("out"), std::ios::binary);
    if (!out || !(out << text)) return reportError(makeError(ErrorCode::Io, "cannot write the file", {args.get("out"), 0, 0}));
  } else {
    std::cout << text;
  }
  return 0;
}

}  // namespace

const Command& scoreCommand() {
  static const Command command{
      {"score",
       "Score a pen trace against a treatment plan",
       "mnsim score --plan PLAN --trace TRACE [--asset NAME] [--json] [--out FILE]",
       "Needles the plan's asset with the trace (docs/formats/trace.md) and scores it by the plan\n"
       "(docs/formats/plan.md): coverage per pass, depth per zone, technique, critical errors.\n"
       "Prints a table, or with --json one stable JSON object (docs/formats/score-json.md).\n"
       "The exit code is 0 whenever scoring succeeded, proficient or not.",
       {{"plan", "PLAN", "treatment plan (YAML, format mnsim-plan/1)"},
        {"trace", "TRACE", "pen trace (CSV, '# mnsim-trace 1')"},
        {"asset", "NAME", "asset to needle instead of the plan's (built-in name or file)"},
        {"json", "", "print the result as JSON"},
        {"out", "FILE", "write the result to FILE instead of standard output"}},
       1,
       "RUN",
       {"mnsim score --plan docs/examples/pad_plan.yaml --trace docs/examples/pad_raster.csv",
        "mnsim score --plan docs/examples/pad_plan.yaml --trace docs/examples/pad_raster.csv --json"}},
      run};
  return command;
}

}  // namespace mnsim::app
