#include "mnsim/base/error.h"

#include <algorithm>
#include <vector>

namespace mnsim {

std::string SourceLocation::prefix() const {
  if (file.empty()) return {};
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out + ": ";
}

std::string Error::format() const { return where.prefix() + "error: " + message; }

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::Io: return "io";
    case ErrorCode::Syntax: return "syntax";
    case ErrorCode::Format: return "format";
    case ErrorCode::Value: return "value";
    case ErrorCode::Reference: return "reference";
    case ErrorCode::Mesh: return "mesh";
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

Error makeError(ErrorCode code, std::string message, SourceLocation where) {
  return Error{code, std::move(message), std::move(where)};
}

// Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours
// ("haed" -> "head") each cost one.
int editDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace mnsim
