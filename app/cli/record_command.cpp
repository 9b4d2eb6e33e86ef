// mnsim record --scenario S [--answers A] [--trace [STEP=]T]... --out RUN  (product.md §4.6)
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <chrono>
#include <map>
#include <thread>

#include <mnsim/cases/case_result_json.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <nlohmann/json.hpp>

#include <mnsim/base/version.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_recorder.h>
#include <mnsim/runs/scripted_answers.h>
#include <mnsim/runs/scripted_play.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/skin/asset_loader.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/settings.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

int printDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::cerr << d.format() << "\n";
  return hasErrors(diagnostics) ? 1 : 0;
}

// Who the run is of: --trainee-id (and name, cohort), else the station's current trainee; the
// mode. The problem, as a usage error, when there is none.
std::optional<std::string> readIdentity(const ParsedArgs& args, RunIdentity& who) {
  who.trainee = {args.get("trainee-id"), args.get("trainee-name"), args.get("cohort")};
  if (who.trainee.id.empty()) {
    if (args.has("trainee-name") || args.has("cohort")) return "--trainee-name and --cohort go with --trainee-id";
    // The station's current trainee, as the app would record.
    who.trainee = loadSettings(configFolder()).trainee();
  }
  if (who.trainee.id.empty())
    return "missing --trainee-id ID (who the run is of; no trainee is chosen at this station)";
  if (who.trainee.name.empty()) who.trainee.name = who.trainee.id;
  who.mode = args.get("mode", "practice");
  if (who.mode != "practice" && who.mode != "assessment") return "--mode " + who.mode + ": give practice or assessment";
  who.stationId = stationId();
  who.createdBy = std::string("mnsim record ") + mnsimVersion();
  return std::nullopt;
}

// --live [--speed X]: 0 without --live (as fast as it goes).
std::optional<std::string> readSpeed(const ParsedArgs& args, double& speed) {
  speed = 0.0;
  if (!args.has("live")) {
    if (args.has("speed")) return "--speed goes with --live";
    return std::nullopt;
  }
  speed = 1.0;
  if (!args.has("speed")) return std::nullopt;
  try {
    speed = std::stod(args.get("speed"));
  } catch (...) {
    speed = 0.0;
  }
  if (!(speed > 0.0 && speed <= 1000.0)) return "--speed must be a number above 0, up to 1000";
  return std::nullopt;
}

// --live: each sample waits for its moment, as a pen's input would come.
struct LivePace {
  double speed = 1.0;
  std::optional<std::chrono::steady_clock::time_point> start;
  double firstS = 0.0;

  void waitFor(double timeS) {
    const auto now = std::chrono::steady_clock::now();
    if (!start || timeS < firstS) {  // a new needling starts its own clock
      start = now;
      firstS = timeS;
    }
    const auto due = *start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>((timeS - firstS) / speed));
    if (due > now) std::this_thread::sleep_until(due);
  }
};

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

  RunIdentity who;
  if (auto problem = readIdentity(args, who)) return printUsageError(spec, *problem);
  double speed = 0.0;  // 0: as fast as it goes
  if (auto problem = readSpeed(args, speed)) return printUsageError(spec, *problem);
  auto key = stationKey();
  if (!key) return reportError(key.error());
  const std::string out = args.get("out");
  if (args.has("force")) std::filesystem::remove(out);  // asked for; checked above otherwise

  ScriptedRunDesc desc;
  std::unique_ptr<RunJournal> journal;
  desc.openJournal = [&](const CaseSession& session) -> Result<RunJournal*> {
    auto created = RunJournal::create(out, caseRunHeader(session, who));
    if (!created) return created.error();
    journal = std::move(*created);
    return journal.get();
  };
  LivePace pace;
  pace.speed = speed;
  if (speed > 0.0) desc.beforeSample = [&pace](double timeS) { pace.waitFor(timeS); };
  desc.scenario = &scenario;
  auto model = assets.model(scenario.assetName);
  if (!model) return reportError(model.error());
  desc.model = *model;
  desc.answers = answers ? &*answers : nullptr;
  desc.traces = traces;
  desc.seed = seed;
  desc.createdBy = "mnsim record";
  auto recorded = playScripted(desc);
  if (!recorded) {
    // The script does not fit the case: the half-played run is of no use (the script and the
    // traces, which the user made, are untouched; the run can be made again once they fit).
    if (journal) {
      journal.reset();
      std::filesystem::remove(out);
    }
    return reportError(recorded.error());
  }
  if (auto status = journal->seal(RunStatus::Finished, nlohmann::ordered_json::parse(caseResultToJson(recorded->result)).dump(), *key); !status)
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
       "mnsim record --scenario S --trainee-id ID [--answers A] [--trace [STEP=]TRACE]... [--seed N] "
       "[--live] --out RUN [--json]",
       "Plays the case headlessly, exactly as the app would: each step takes its answer from the\n"
       "answers file (docs/formats/answers.md), each procedure step needles its pen trace\n"
       "(docs/formats/trace.md). --trace STEP=FILE names the procedure step; a plain --trace FILE "
       "is\n"
       "for the first procedure step; traces named in the answers file are used otherwise.\n"
       "Journals every input to RUN as it goes (docs/formats/run.md: mnsim-run/2), seals it and\n"
       "signs it with this station's key ('mnsim keys'), and prints the case result (--json:\n"
       "docs/formats/case-json.md).\n"
       "The exit code is 0 whenever the run was recorded, proficient or not.",
       {{"scenario", "S", "the scenario (YAML, schema mnsim-scenario/1)"},
        {"answers", "A", "scripted answers (YAML, format mnsim-answers/1)"},
        {"trace", "[STEP=]TRACE", "pen trace for a procedure step (repeatable)", true},
        {"seed", "N",
         "seed for the values the scenario draws from ranges (default: the answers' or 1)"},
        {"out", "RUN", "the run file to write (mnsim-run/2, signed); an existing file is left alone"},
        {"trainee-id", "ID", "who the run is of: the academy's id (default: the station's current trainee)"},
        {"trainee-name", "NAME", "the trainee's name as shown (default: the id)"},
        {"cohort", "NAME", "the trainee's cohort"},
        {"mode", "MODE", "practice (default) or assessment"},
        {"live", "", "needle each trace in real time, as a pen would (the journal is written as it goes)"},
        {"speed", "X", "with --live: X times real time (default 1)"},
        {"force", "", "replace RUN if it exists"},
        {"json", "", "print the case result as JSON"}},
       0,
       "",
       {"mnsim record --scenario scenarios/pad_drill.yaml --answers "
        "scenarios/answers/pad_drill.correct.yaml --trainee-id T-0042 --out pad.mnrun",
        "mnsim record --scenario S --answers A --trace needling=my_trace.csv --trainee-id T-0042 --mode assessment "
        "--out run.mnrun"}},
      runRecord};
  return command;
}

}  // namespace mnsim::app
