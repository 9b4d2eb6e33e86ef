#include "cli/commands.h"

#include <iostream>

#include <mnsim/base/error.h>

namespace mnsim::app {

std::vector<const Command*> headlessCommands() {
  return {&zonesCommand(), &scoreCommand(), &validateCommand(), &recordCommand(), &demoCommand()};
}

int reportError(const Error& error) {
  std::cerr << error.format() << "\n";
  return 1;
}

}  // namespace mnsim::app
