// The headless subcommands (product.md §4.1): they never create a GL context.
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"

namespace mnsim {
struct Error;
}

namespace mnsim::app {

struct CliContext {
  std::string executablePath;  // argv[0], to find the built-in assets
};

struct Command {
  CommandSpec spec;
  int (*run)(const ParsedArgs& args, const CliContext& context);
};

const Command& zonesCommand();
const Command& scoreCommand();
const Command& demoCommand();
const Command& validateCommand();
const Command& recordCommand();
const Command& verifyCommand();
const Command& reportCommand();
const Command& gradeCommand();
const Command& xapiCommand();
const Command& storeCommand();
const Command& keysCommand();
const Command& recoverCommand();

// Every headless subcommand, in the order `mnsim --help` lists them.
std::vector<const Command*> headlessCommands();
// The headless subcommand of this name, or null.
const Command* findHeadlessCommand(const std::string& name);

// `mnsim --help`: the commands with and without a window, and the exit codes.
std::string overviewText();
// `mnsim help NAME`: the command's help, or the overview for a name no command has.
std::string helpFor(const std::string& name);
// "mnsim: unknown command 'scroe' (did you mean 'score'?)" and where the list is, on stderr;
// returns exit code 2.
int printUnknownCommand(const std::string& name);

// Prints an engine error as "file:line:col: error: message" on stderr; returns exit code 1.
int reportError(const Error& error);
// A command's result: to the file --out names (written whole, readable by its owner only: results
// hold what runs say of people), else to standard output. 0, or 1 with the error printed.
int printOrWriteOut(const ParsedArgs& args, const std::string& text, const std::string& what);

}  // namespace mnsim::app
