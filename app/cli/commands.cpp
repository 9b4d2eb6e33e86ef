#include "cli/commands.h"

#include <iostream>
#include <sstream>

#include <mnsim/base/error.h>
#include <mnsim/base/files.h>
#include <mnsim/base/version.h>

#include "cli/window_commands.h"

namespace mnsim::app {

std::vector<const Command*> headlessCommands() {
  return {&zonesCommand(),  &scoreCommand(),   &validateCommand(), &recordCommand(),
          &verifyCommand(), &reportCommand(), &gradeCommand(), &xapiCommand(), &storeCommand(), &recoverCommand(), &keysCommand(),     &demoCommand()};
}

const Command* findHeadlessCommand(const std::string& name) {
  for (const Command* c : headlessCommands())
    if (c->spec.name == name) return c;
  return nullptr;
}

std::string overviewText() {
  std::ostringstream out;
  out << "mnsim " << mnsimVersion() << " — microneedling training simulator\n\n"
      << "Usage: mnsim [COMMAND] [OPTIONS]\n\n"
      << "Commands that need no window:\n";
  for (const Command* c : headlessCommands())
    out << "  " << c->spec.name << std::string(10 - c->spec.name.size(), ' ') << c->spec.summary << "\n";
  out << "\nThe simulator window:\n"
      << "  (none)    open the home screen\n"
      << "  train     open straight into a needling session\n"
      << "  case      open a case: consultation to maintenance\n"
      << "  author    preview a scenario while writing it\n"
      << "  replay    replay a recorded run and review it\n"
      << "\nRun 'mnsim COMMAND --help' for a command's options.\n"
      << "Exit codes: 0 success, 1 bad input or failed check, 2 usage error.\n";
  return out.str();
}

std::string helpFor(const std::string& name) {
  for (const CommandSpec* spec : windowCommands())
    if (spec->name == name) return helpText(*spec);
  if (const Command* c = findHeadlessCommand(name)) return helpText(c->spec);
  return overviewText();
}

int printUnknownCommand(const std::string& name) {
  std::vector<std::string> names{"train", "case", "author", "replay", "help"};
  for (const Command* c : headlessCommands()) names.push_back(c->spec.name);
  std::cerr << "mnsim: unknown command '" << name << "'";
  const std::string hint = closestMatch(name, names);
  if (!hint.empty()) std::cerr << " (did you mean '" << hint << "'?)";
  std::cerr << "\nRun 'mnsim --help' for the list of commands.\n";
  return 2;
}

int reportError(const Error& error) {
  std::cerr << error.format() << "\n";
  return 1;
}

int printOrWriteOut(const ParsedArgs& args, const std::string& text, const std::string& what) {
  if (!args.has("out")) {
    std::cout << text;
    return 0;
  }
  if (auto written = writeFileAtomic(args.get("out"), text, what, FileAccess::OwnerOnly); !written)
    return reportError(written.error());
  return 0;
}

}  // namespace mnsim::app
