// mnsim demo: a scripted trainee on the practice pad, scored end to end without a window.
// `make run` falls back to it where there is no display.
#include <filesystem>
#include <optional>
#include <iostream>

#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/skin/asset_loader.h>
#include <mnsim/skin/pad.h>
#include <mnsim/skin/skin_model.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/result_json.h>
#include <mnsim/procedure/session.h>

#include "cli/commands.h"

namespace mnsim::app {

namespace {

namespace fs = std::filesystem;

// The demo's plan and trace ship with the assets (assets/demo, made by tools/examples).
std::optional<fs::path> demoFolder(const CliContext& context) {
  for (const std::string& folder : defaultAssetSearch(context.executablePath).folders) {
    const fs::path dir = fs::path(folder) / "demo";
    std::error_code ec;
    if (fs::exists(dir / "demo_plan.yaml", ec) && fs::exists(dir / "demo_trace.csv", ec)) return dir;
  }
  return std::nullopt;
}

int run(const ParsedArgs& args, const CliContext& context) {
  const std::optional<fs::path> dir = demoFolder(context);
  if (!dir)
    return reportError(makeError(ErrorCode::Io,
                                 "the demo's plan and trace (demo/ in mnsim's assets) were not found; set "
                                 "MNSIM_ASSET_DIR to mnsim's assets/ folder"));
  auto plan = readPlan((*dir / "demo_plan.yaml").string());
  if (!plan) return reportError(plan.error());
  auto trace = readTrace((*dir / "demo_trace.csv").string(), traceLimits(*plan));
  if (!trace) return reportError(trace.error());
  if (args.has("write")) {
    const fs::path out = args.get("write");
    std::error_code ec;
    fs::create_directories(out, ec);
    for (const char* name : {"demo_plan.yaml", "demo_trace.csv"}) {
      fs::copy_file(*dir / name, out / name, fs::copy_options::overwrite_existing, ec);
      if (ec) return reportError(makeError(ErrorCode::Io, "cannot write the file", {(out / name).string(), 0, 0}));
    }
    std::cout << "wrote " << (out / "demo_plan.yaml").string() << " and " << (out / "demo_trace.csv").string() << "\n";
    return 0;
  }
  std::cout << "Headless demo: a scripted trainee makes three crossed passes over the practice pad's\n"
               "zone pad_a with a 12-needle pen at 0.5 mm; the third pass leaves its lines too far apart.\n\n";
  Asset pad = makePadAsset();
  if (auto status = resolvePlan(*plan, pad); !status) return reportError(status.error());
  const SkinModel model(std::move(pad));
  trace->path = "(scripted)";
  ProcedureResult result = scoreTrace(model, *plan, *trace);
  result.planPath = "(built-in demo plan)";
  std::cout << (args.has("json") ? resultToJson(result) : resultToTable(result));
  return 0;
}

}  // namespace

const Command& demoCommand() {
  static const Command command{
      {"demo",
       "Score a scripted practice-pad session without a window",
       "mnsim demo [--json] [--write DIR]",
       "Runs a scripted trainee over the practice pad and prints the score, as the simulator would\n"
       "show it in the debrief. --write saves the demo's plan and trace to try with 'mnsim score'.",
       {{"json", "", "print the result as JSON"}, {"write", "DIR", "write demo_plan.yaml and demo_trace.csv into DIR"}},
       0,
       "",
       {"mnsim demo", "mnsim demo --write /tmp/mnsim-demo"}},
      run};
  return command;
}

}  // namespace mnsim::app
