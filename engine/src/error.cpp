#include "mnsim/error.h"

#include <algorithm>
#include <vector>

namespace mnsim {

std::string Error::format() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':' + std::to_string(where.line);
      if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    out += ": ";
  }
  out += "error: ";
  out += message;
  return out;
}

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

int editDistance(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int substitution = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitution});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace mnsim
