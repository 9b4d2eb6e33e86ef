// Diagnostics: the problems a validator reports all at once, errors and warnings, each printed as
// `file:line:col: error|warning: message` (the convention editors understand).
#pragma once

#include <string>
#include <vector>

#include "mnsim/base/error.h"

namespace mnsim {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  Error error;  // code, message and where

  // "file:line:col: error: message" or "...: warning: message".
  std::string format() const;
};

Diagnostic makeDiagnostic(Severity severity, ErrorCode code, std::string message, SourceLocation where);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);
size_t countSeverity(const std::vector<Diagnostic>& diagnostics, Severity severity);

// Sorts by line, then column, keeping the order of problems at the same place.
void sortByLocation(std::vector<Diagnostic>& diagnostics);

}  // namespace mnsim
