// mnsim: the simulator window (`mnsim`, `mnsim train`, `mnsim case`, `mnsim author`) and the
// headless subcommands. The commands and their options live in cli/; this file only dispatches.
#include <cstdlib>
#include <iostream>
#include <string>

#include <mnsim/base/version.h>

#include "cli/commands.h"
#include "cli/window_commands.h"
#include "shell/shell.h"

namespace {

using namespace mnsim::app;

bool haveDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

// Parses a command's options from argv[first] on: its help, a usage error, or what it runs.
template <class Run>
int parseAndRun(const CommandSpec& spec, int argc, char** argv, int first, Run run) {
  ParsedArgs args;
  if (auto error = parseArgs(spec, argc, argv, first, args)) return printUsageError(spec, error->message);
  if (args.help) {
    std::cout << helpText(spec);
    return 0;
  }
  return run(args);
}

int openWindow(const CommandSpec& spec, const ParsedArgs& args, bool train, const CliContext& context) {
  SimulatorOptions options;
  if (auto error = readWindowOptions(spec, args, train, options)) return printUsageError(spec, error->message);
  if (!haveDisplay()) {
    std::cerr << "mnsim: no display found (DISPLAY and WAYLAND_DISPLAY are unset): the simulator window cannot open.\n"
                 "Run it on a desktop, or under xvfb-run for automation; 'mnsim demo' needs no window.\n";
    return 1;
  }
  return runSimulator(options, context.executablePath);
}

}  // namespace

int main(int argc, char** argv) {
  const CliContext context{argc > 0 ? argv[0] : ""};
  if (argc < 2) {
    if (!haveDisplay()) {
      std::cout << "mnsim: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the simulator window\n"
                   "cannot open. Running the headless demo instead.\n\n";
      return demoCommand().run(ParsedArgs(), context);
    }
    return openWindow(trainSpec(), ParsedArgs(), false, context);
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    std::cout << helpFor(argc >= 3 ? argv[2] : "");
    return 0;
  }
  if (first == "--version") {
    std::cout << "mnsim " << mnsim::mnsimVersion() << "\n";
    return 0;
  }
  // Plain `mnsim` with options is `mnsim train` without going straight into a session.
  if (first == "train" || first.rfind("--", 0) == 0) {
    const bool train = first == "train";
    return parseAndRun(trainSpec(), argc, argv, train ? 2 : 1,
                       [&](const ParsedArgs& args) { return openWindow(trainSpec(), args, train, context); });
  }
  for (const CommandSpec* spec : {&caseSpec(), &authorSpec(), &replaySpec()})
    if (first == spec->name)
      return parseAndRun(*spec, argc, argv, 2,
                         [&](const ParsedArgs& args) { return openWindow(*spec, args, false, context); });
  if (const Command* c = findHeadlessCommand(first))
    return parseAndRun(c->spec, argc, argv, 2, [&](const ParsedArgs& args) { return c->run(args, context); });
  return printUnknownCommand(first);
}
