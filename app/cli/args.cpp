#include "cli/args.h"

#include <iostream>
#include <sstream>

#include <mnsim/base/error.h>

namespace mnsim::app {

std::string ParsedArgs::get(const std::string& name, const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
  auto it = lists.find(name);
  return it == lists.end() ? std::vector<std::string>{} : it->second;
}

std::optional<UsageError> parseArgs(const CommandSpec& spec, int argc, char** argv, int first, ParsedArgs& out) {
  std::vector<std::string> names{"help"};
  for (const OptionSpec& o : spec.options) names.push_back(o.name);
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      out.help = true;
      continue;
    }
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(2), value;
      bool inlineValue = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inlineValue = true;
      }
      const OptionSpec* option = nullptr;
      for (const OptionSpec& o : spec.options)
        if (o.name == name) option = &o;
      if (!option) {
        std::string message = "unknown option '--" + name + "'";
        const std::string hint = closestMatch(name, names);
        if (!hint.empty()) message += " (did you mean '--" + hint + "'?)";
        return UsageError{message};
      }
      if (option->valueName.empty()) {
        if (inlineValue) return UsageError{"option '--" + name + "' takes no value"};
      } else if (!inlineValue) {
        if (i + 1 >= argc || std::string(argv[i + 1]).rfind("--", 0) == 0)
          return UsageError{"option '--" + name + "' needs a value (" + option->valueName + ")"};
        value = argv[++i];
      }
      if (out.values.count(name) && !option->repeatable) return UsageError{"option '--" + name + "' is given twice"};
      out.values[name] = value;
      out.lists[name].push_back(value);
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') return UsageError{"unknown option '" + arg + "' (options start with --)"};
    if (static_cast<int>(out.positionals.size()) >= spec.maxPositionals) {
      if (spec.maxPositionals == 0) return UsageError{"unexpected argument '" + arg + "'"};
      return UsageError{"too many arguments: '" + arg + "'"};
    }
    out.positionals.push_back(arg);
  }
  return std::nullopt;
}

std::string helpText(const CommandSpec& spec) {
  std::ostringstream out;
  out << "Usage: " << spec.usage << "\n\n" << spec.summary << "\n";
  if (!spec.description.empty()) out << "\n" << spec.description << "\n";
  out << "\nOptions:\n";
  size_t width = 10;
  for (const OptionSpec& o : spec.options)
    width = std::max(width, o.name.size() + (o.valueName.empty() ? 0 : o.valueName.size() + 1) + 2);
  auto line = [&](const std::string& left, const std::string& help) {
    out << "  " << left << std::string(width + 2 - left.size(), ' ') << help << "\n";
  };
  for (const OptionSpec& o : spec.options) line("--" + o.name + (o.valueName.empty() ? "" : " " + o.valueName), o.help);
  line("--help", "show this help and exit");
  if (!spec.examples.empty()) {
    out << "\nExamples:\n";
    for (const std::string& e : spec.examples) out << "  " << e << "\n";
  }
  out << "\nExit codes: 0 success, 1 bad input or failed check, 2 usage error.\n";
  return out.str();
}

int printUsageError(const CommandSpec& spec, const std::string& message) {
  std::cerr << "mnsim " << spec.name << ": " << message << "\n"
            << "Usage: " << spec.usage << "\n"
            << "Run 'mnsim " << spec.name << " --help' for details.\n";
  return 2;
}

}  // namespace mnsim::app
