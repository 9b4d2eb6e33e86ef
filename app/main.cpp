// mnsim: the simulator window (`mnsim`, `mnsim train`) and the headless subcommands.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <mnsim/error.h>

#include "cli/commands.h"

namespace {

constexpr const char* kVersion = "0.1.0";

void printOverview() {
  std::cout << "mnsim " << kVersion << " — microneedling training simulator\n\n"
            << "Usage: mnsim [COMMAND] [OPTIONS]\n\n"
            << "Commands that need no window:\n";
  for (const mnsim::app::Command* c : mnsim::app::headlessCommands())
    std::cout << "  " << c->spec.name << std::string(10 - c->spec.name.size(), ' ') << c->spec.summary << "\n";
  std::cout << "\nRun 'mnsim COMMAND --help' for a command's options.\n"
            << "Exit codes: 0 success, 1 bad input or failed check, 2 usage error.\n";
}

bool haveDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

}  // namespace

int main(int argc, char** argv) {
  mnsim::app::CliContext context{argc > 0 ? argv[0] : ""};
  if (argc >= 2) {
    const std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
      if (argc >= 3) {
        for (const mnsim::app::Command* c : mnsim::app::headlessCommands())
          if (c->spec.name == argv[2]) {
            std::cout << mnsim::app::helpText(c->spec);
            return 0;
          }
      }
      printOverview();
      return 0;
    }
    if (first == "--version") {
      std::cout << "mnsim " << kVersion << "\n";
      return 0;
    }
    for (const mnsim::app::Command* c : mnsim::app::headlessCommands()) {
      if (c->spec.name != first) continue;
      mnsim::app::ParsedArgs args;
      if (auto error = mnsim::app::parseArgs(c->spec, argc, argv, 2, args))
        return mnsim::app::printUsageError(c->spec, error->message);
      if (args.help) {
        std::cout << mnsim::app::helpText(c->spec);
        return 0;
      }
      return c->run(args, context);
    }
    std::vector<std::string> names{"train", "help"};
    for (const mnsim::app::Command* c : mnsim::app::headlessCommands()) names.push_back(c->spec.name);
    std::cerr << "mnsim: unknown command '" << first << "'";
    const std::string hint = mnsim::closestMatch(first, names);
    if (!hint.empty()) std::cerr << " (did you mean '" << hint << "'?)";
    std::cerr << "\nRun 'mnsim --help' for the list of commands.\n";
    return 2;
  }
  if (!haveDisplay()) {
    std::cout << "mnsim: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the simulator window\n"
                 "cannot open. Running the headless demo instead.\n\n";
    mnsim::app::ParsedArgs args;
    return mnsim::app::demoCommand().run(args, context);
  }
  std::cerr << "mnsim: the simulator window is not built yet; try 'mnsim demo' or 'mnsim --help'.\n";
  return 1;
}
