#include "mnsim/base/diagnostic.h"

#include <algorithm>

namespace mnsim {

std::string Diagnostic::format() const {
  return error.where.prefix() + (severity == Severity::Error ? "error: " : "warning: ") + error.message;
}

Diagnostic makeDiagnostic(Severity severity, ErrorCode code, std::string message, SourceLocation where) {
  return Diagnostic{severity, makeError(code, std::move(message), std::move(where))};
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

size_t countSeverity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                           [&](const Diagnostic& d) { return d.severity == severity; }));
}

void sortByLocation(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const SourceLocation &x = a.error.where, &y = b.error.where;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
}

}  // namespace mnsim
