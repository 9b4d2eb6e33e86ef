// The commands that open the simulator window — plain `mnsim`, `mnsim train`, `mnsim case` and
// `mnsim author` — beside the headless ones: what `--help` says of them, and their options read
// into SimulatorOptions, with the same parser and the same usage errors as every command.
#pragma once

#include <optional>
#include <vector>

#include "cli/args.h"
#include "shell/simulator_options.h"

namespace mnsim::app {

const CommandSpec& trainSpec();   // `mnsim train`, and plain `mnsim` with options
const CommandSpec& caseSpec();    // `mnsim case SCENARIO`
const CommandSpec& authorSpec();  // `mnsim author SCENARIO`
const CommandSpec& replaySpec();  // `mnsim replay RUN`
// The four, in the order `mnsim help` knows them.
std::vector<const CommandSpec*> windowCommands();

// Reads the options of `spec`'s command (`train`: opened straight into a session) into `out`;
// the first mistake as a usage error otherwise.
std::optional<UsageError> readWindowOptions(const CommandSpec& spec, const ParsedArgs& args, bool train,
                                            SimulatorOptions& out);

}  // namespace mnsim::app
