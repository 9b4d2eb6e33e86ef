// A small command-line parser: long options, flags, positionals, generated --help text, and
// "did you mean" on mistakes. Usage errors exit with code 2 (product.md §4).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mnsim::app {

struct OptionSpec {
  std::string name;       // without dashes, e.g. "plan"
  std::string valueName;  // e.g. "FILE"; empty for a flag
  std::string help;       // one line
  bool repeatable = false;  // may be given several times (ParsedArgs::all)
};

struct CommandSpec {
  std::string name;                     // e.g. "score"
  std::string summary;                  // one line for `mnsim --help`
  std::string usage;                    // e.g. "mnsim score --plan PLAN --trace TRACE [--json]"
  std::string description;              // paragraphs for `--help`
  std::vector<OptionSpec> options;      // --help is implicit
  int maxPositionals = 0;               // positionals accepted
  std::string positionalName;           // e.g. "FILE"
  std::vector<std::string> examples;    // shown in --help
};

struct ParsedArgs {
  std::map<std::string, std::string> values;  // option -> value ("" for flags); the last one given
  std::map<std::string, std::vector<std::string>> lists;  // repeatable option -> every value, in order
  std::vector<std::string> positionals;
  bool help = false;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const;
  std::vector<std::string> all(const std::string& name) const;
};

struct UsageError {
  std::string message;  // without the "mnsim <cmd>: " prefix
};

// Parses argv[first..argc). On a mistake returns the message for printUsageError.
std::optional<UsageError> parseArgs(const CommandSpec& spec, int argc, char** argv, int first, ParsedArgs& out);
std::string helpText(const CommandSpec& spec);
// Prints "mnsim CMD: message" and a pointer to --help on stderr; returns exit code 2.
int printUsageError(const CommandSpec& spec, const std::string& message);

}  // namespace mnsim::app
