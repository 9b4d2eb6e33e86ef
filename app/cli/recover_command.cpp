// mnsim recover [RUN...] [--close]: unfinished runs (a crash), listed or sealed as interrupted.
#include <filesystem>
#include <iostream>

#include <mnsim/base/files.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_log.h>

#include "cli/commands.h"
#include "core/settings.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

int runRecover(const ParsedArgs& args, const CliContext&) {
  std::vector<UnfinishedRun> runs;
  if (args.positionals.empty()) {
    runs = findUnfinishedRuns(runsFolder());
  } else {
    for (const std::string& path : args.positionals) {
      auto bytes = readFile(path, "run file");
      if (!bytes) return reportError(bytes.error());
      auto log = readRunLog(*bytes, path, RunReadDepth::Checks);
      if (!log) return reportError(log.error());
      if (log->seal) {
        std::cerr << path << ": error: the run is sealed (" << log->seal->status << "): there is nothing to recover\n";
        return 1;
      }
      runs.push_back(unfinishedRun(*log));
    }
  }
  if (runs.empty()) {
    std::cout << "no unfinished runs in " << runsFolder() << "\n";
    return 0;
  }
  int exitCode = 0;
  for (const UnfinishedRun& run : runs) {
    const RunHeader& h = run.header;
    std::cout << run.path << ": " << (h.kind == "case" ? h.scenarioId : h.planPath) << ", trainee " << h.trainee.id
              << ", started " << utcText(h.startedUnixMs) << ", last input " << utcText(run.lastInputUnixMs) << ", "
              << run.events << " events";
    if (!run.damage.empty()) {
      std::cout << "\n  damaged (" << run.damage << "): left as it is\n";
      exitCode = 1;
      continue;
    }
    if (!args.has("close")) {
      std::cout << "\n";
      continue;
    }
    auto key = stationKey();
    if (!key) return reportError(key.error());
    if (auto closed = closeInterrupted(run.path, *key); !closed) {
      std::cout << "\n";
      reportError(closed.error());
      exitCode = 1;
      continue;
    }
    std::cout << " -> closed as interrupted\n";
  }
  if (!args.has("close")) std::cout << "(add --close to seal them as interrupted, or open mnsim to resume one)\n";
  return exitCode;
}

}  // namespace

const Command& recoverCommand() {
  static const Command command{
      {"recover",
       "List runs a crash left unfinished, or close them as interrupted",
       "mnsim recover [RUN...] [--close]",
       "A run is journaled to disk while it is recorded; after a crash it lacks its seal. Without\n"
       "RUN this looks in the runs folder for such runs that no mnsim is recording now. --close\n"
       "seals each as interrupted (an 'interrupted' event with the time of the last input, signed\n"
       "by this station): 'mnsim verify' then reports it as interrupted, and it still scores.\n"
       "The app offers the same on its next start, and to resume instead.",
       {{"close", "", "seal the unfinished runs as interrupted"}},
       1 << 20,
       "RUN",
       {"mnsim recover", "mnsim recover --close"}},
      runRecover};
  return command;
}

}  // namespace mnsim::app
