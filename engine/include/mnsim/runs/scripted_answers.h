// Scripted answers (docs/formats/answers.md, format `mnsim-answers/1`): what a scripted trainee
// answers at each step of one scenario, for `mnsim record` and the tests. Checked against the
// scenario when read, so a wrong option id is reported at its line and column.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/diagnostic.h"
#include "mnsim/base/versioned_header.h"
#include "mnsim/cases/answer.h"
#include "mnsim/cases/scenario.h"

namespace mnsim {

inline constexpr FileFormat kAnswersFileFormat{"mnsim-answers", 1};

struct ScriptedAnswer {
  std::string stepId;
  Answer answer;
  std::optional<double> atS;  // answer at this run time (default: 5 s after the previous step)
  std::string tracePath;      // procedure steps: the pen trace, relative paths resolved against
                              // the answers file's folder
  SourceLocation where;       // the entry in the answers file
};

struct ScriptedAnswers {
  std::string path;                             // the answers file
  std::string scenarioId;                       // the scenario they answer
  std::string description;                      // what this path through the case shows
  std::optional<uint64_t> seed;                 // for the draws (default 1)
  std::map<std::string, ScriptedAnswer> steps;  // by step id
};

struct AnswersLoad {
  std::optional<ScriptedAnswers> answers;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return answers.has_value() && !hasErrors(diagnostics); }
};

AnswersLoad loadAnswers(const std::string& path, const Scenario& scenario);
AnswersLoad parseAnswers(std::string_view text, const std::string& nameForErrors,
                         const Scenario& scenario);

}  // namespace mnsim
