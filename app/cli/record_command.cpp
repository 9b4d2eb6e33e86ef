// mnsim record --scenario S [--answers A] [--trace [STEP=]T]... --out RUN  (product.md §4.6)
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <mnsim/cases/case_result_json.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/runs/scripted_answers.h>
#include <mnsim/runs/scripted_play.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/skin/asset_loader.h>

#include "cli/commands.h"
#include "cli/options.h"

namespace mnsim::app {

namespace {

int printDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::cerr << d.format() << "\n";
  return hasErrors(diagnostics) ? 1 : 0;
}

int runRecord(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = recordCommand().spec;
  if (!args.has("scenario"))
    return printUsageError(spec, "missing --scenario S (the scenario, a YAML file)");
  if (!args.has("out")) return printUsageError(spec, "missing --out RUN (the run file to write)");
  // A run is a record of someone's work: never replaced by accident.
  if (std::error_code ec; std::filesystem::exists(args.get("out"), ec) && !args.has("force")) {
    std::cerr << args.get("out")
              << ": error: the file exists; runs are not overwritten (choose another name, or add "
                 "--force to replace it)\n";
    return 1;
  }
  std::optional<uint64_t> seed;
  if (auto error = readSeed(args, seed)) return printUsageError(spec, error->message);

  AssetLibrary assets(defaultAssetSearch(context.executablePath));
  ScenarioOptions options;
  options.assets = &assets;
  const ScenarioLoad load = loadScenario(args.get("scenario"), options);
  if (!load.ok()) {
    printDiagnostics(load.diagnostics);
    std::cerr << "mnsim record: the scenario has errors; see 'mnsim validate "
              << args.get("scenario") << "'\n";
    return 1;
  }
  const Scenario& scenario = *load.scenario;

  std::optional<ScriptedAnswers> answers;
  if (args.has("answers")) {
    AnswersLoad a = loadAnswers(args.get("answers"), scenario);
    if (!a.ok()) {
      printDiagnostics(a.diagnostics);
      return 1;
    }
    answers = std::move(a.answers);
  }

  // --trace STEP=FILE, or a plain --trace FILE for the first procedure step.
  std::map<std::string, std::string> traces;
  std::vector<std::string> procedureSteps;
  for (const Step& s : scenario.steps)
    if (s.type == StepType::Procedure) procedureSteps.push_back(s.id);
  for (const std::string& value : args.all("trace")) {
    std::string step, file = value;
    if (auto eq = value.find('='); eq != std::string::npos) {
      const std::string before = value.substr(0, eq);
      if (std::find(procedureSteps.begin(), procedureSteps.end(), before) != procedureSteps.end()) {
        step = before;
        file = value.substr(eq + 1);
      } else if (scenario.findStep(before) >= 0) {
        return printUsageError(
            spec, "--trace " + value + ": step '" + before + "' is not a procedure step");
      }
    }
    if (step.empty()) {
      if (procedureSteps.empty())
        return printUsageError(spec, "--trace given, but the scenario has no procedure step");
      if (args.all("trace").size() > 1)
        return printUsageError(
            spec, "with several --trace options, name each one's step: --trace STEP=FILE");
      step = procedureSteps.front();
    }
    if (traces.count(step)) return printUsageError(spec, "two traces for step '" + step + "'");
    traces[step] = file;
  }

  ScriptedRunDesc desc;
  desc.scenario = &scenario;
  auto model = assets.model(scenario.assetName);
  if (!model) return reportError(model.error());
  desc.model = *model;
  desc.answers = answers ? &*answers : nullptr;
  desc.traces = traces;
  desc.seed = seed;
  desc.createdBy = "mnsim record";
  auto recorded = playScripted(desc);
  if (!recorded) return reportError(recorded.error());
  if (auto status = writeRun(recorded->run, recorded->result, args.get("out")); !status)
    return reportError(status.error());
  if (args.has("json")) {
    std::cout << caseResultToJson(recorded->result);
  } else {
    std::cout << caseResultToTable(recorded->result) << "\nwrote " << args.get("out") << "\n";
  }
  return 0;
}

}  // namespace

const Command& recordCommand() {
  static const Command command{
      {"record",
       "Play a scenario from scripted answers and pen traces, and write the run",
       "mnsim record --scenario S [--answers A] [--trace [STEP=]TRACE]... [--seed N] --out RUN "
       "[--json]",
       "Plays the case headlessly, exactly as the app would: each step takes its answer from the\n"
       "answers file (docs/formats/answers.md), each procedure step needles its pen trace\n"
       "(docs/formats/trace.md). --trace STEP=FILE names the procedure step; a plain --trace FILE "
       "is\n"
       "for the first procedure step; traces named in the answers file are used otherwise.\n"
       "Writes the run (docs/formats/run.md) and prints the case result (--json: "
       "docs/formats/case-json.md).\n"
       "The exit code is 0 whenever the run was recorded, proficient or not.",
       {{"scenario", "S", "the scenario (YAML, schema mnsim-scenario/1)"},
        {"answers", "A", "scripted answers (YAML, format mnsim-answers/1)"},
        {"trace", "[STEP=]TRACE", "pen trace for a procedure step (repeatable)", true},
        {"seed", "N",
         "seed for the values the scenario draws from ranges (default: the answers' or 1)"},
        {"out", "RUN", "the run file to write (JSON, format mnsim-run/1); an existing file is left alone"},
        {"force", "", "replace RUN if it exists"},
        {"json", "", "print the case result as JSON"}},
       0,
       "",
       {"mnsim record --scenario scenarios/pad_drill.yaml --answers "
        "scenarios/answers/pad_drill.correct.yaml --out run.json",
        "mnsim record --scenario S --answers A --trace needling=my_trace.csv --out run.json"}},
      runRecord};
  return command;
}

}  // namespace mnsim::app
