// mnsim demo: a scripted trainee on the practice pad, scored end to end without a window.
// `make run` falls back to it where there is no display.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <mnsim/pad.h>
#include <mnsim/plan.h>
#include <mnsim/result_json.h>
#include <mnsim/session.h>
#include <mnsim/trace_synth.h>

#include "cli/commands.h"

namespace mnsim::app {

namespace {

// The beginner drill: three crossed passes over pad A at a depth for thin skin.
const char* const kDemoPlan = R"(format: mnsim-plan/1
title: "Practice pad drill: three crossed passes over pad A"
asset: pad
device:
  type: pen
  cartridge: round-12     # 12 needles, 6 mm head
  rate_hz: 100
defaults:
  passes: 3
  min_directions: 3
  coverage_min: 0.90
  density_per_cm2: [300, 900]   # punctures per cm² per pass
zones:
  - id: pad_a
    depth_mm: [0.25, 0.5]
    setting_mm: 0.5
no_go:
  - zone: mole
)";

// Pass 1 horizontal and pass 2 vertical, neat; pass 3 diagonal with lines a little too far apart.
std::vector<PenSample> demoTrace() {
  RasterDesc desc;
  desc.minMm = {-60.0f, -40.0f};
  desc.maxMm = {-0.5f, 40.0f};
  desc.spacingMm = 6.0f;
  desc.speedMmPerS = 40.0f;
  desc.depthMm = 0.5f;
  std::vector<PenSample> trace = rasterTrace(desc);
  desc.directionDeg = 90.0f;
  appendTrace(trace, rasterTrace(desc));
  desc.directionDeg = 45.0f;
  desc.spacingMm = 7.5f;
  appendTrace(trace, rasterTrace(desc));
  return trace;
}

int run(const ParsedArgs& args, const CliContext&) {
  auto plan = parsePlan(kDemoPlan, "demo-plan.yaml");
  if (!plan) return reportError(plan.error());
  const std::vector<PenSample> samples = demoTrace();
  if (args.has("write")) {
    const std::filesystem::path dir = args.get("write");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::string planPath = (dir / "demo_plan.yaml").string(), tracePath = (dir / "demo_trace.csv").string();
    std::ofstream(planPath) << kDemoPlan;
    if (auto status = writeTrace(samples, tracePath); !status) return reportError(status.error());
    std::cout << "wrote " << planPath << " and " << tracePath << "\n";
    return 0;
  }
  std::cout << "Headless demo: a scripted trainee makes three crossed passes over the practice pad's\n"
               "zone pad_a with a 12-needle pen at 0.5 mm; the third pass leaves its lines too far apart.\n\n";
  Asset pad = makePadAsset();
  if (auto status = resolvePlan(*plan, pad); !status) return reportError(status.error());
  const SkinModel model(std::move(pad));
  PenTrace trace;
  trace.path = "(scripted)";
  trace.samples = samples;
  ProcedureResult result = scoreTrace(model, *plan, trace);
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
