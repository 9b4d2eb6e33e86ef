// Errors for user data: every loader returns Result<T>, never throws or aborts on bad input.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace mnsim {

// Stable error codes; tools may switch on them, so only ever append.
enum class ErrorCode {
  Io,         // file missing, unreadable or unwritable
  Syntax,     // the text does not parse (CSV, YAML, JSON)
  Format,     // the file parses but is not the format or version expected
  Value,      // a value is out of range, of the wrong type, or not finite
  Reference,  // a name refers to something that does not exist (zone, asset, step)
  Mesh,       // a mesh is empty, corrupt or unusable
  Usage,      // a command line is wrong
  Internal,   // a broken invariant that was caught instead of crashing
};

// Where in the user's input a problem is. line and column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;  // path as the user gave it
  int line = 0;      // 1-based line, 0 when the problem concerns the whole file
  int column = 0;    // 1-based column, 0 when unknown

  // "file:line:col: " (as much of it as is known), or "" when the file is unknown.
  std::string prefix() const;
};

struct Error {
  ErrorCode code = ErrorCode::Internal;  // stable category
  std::string message;                   // one sentence a user can act on, no trailing period
  SourceLocation where;                  // file, line and column of the problem

  // "file:line:col: error: message", the convention editors and compilers use.
  std::string format() const;
};

const char* errorCodeName(ErrorCode code);

Error makeError(ErrorCode code, std::string message, SourceLocation where = {});

// Either a value or an Error (a small stand-in for C++23 std::expected).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_data(std::move(value)) {}
  Result(Error error) : m_data(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(m_data); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() called on an error");
    return std::get<T>(m_data);
  }
  const T& value() const& {
    assert(ok() && "Result::value() called on an error");
    return std::get<T>(m_data);
  }
  T&& value() && {
    assert(ok() && "Result::value() called on an error");
    return std::get<T>(std::move(m_data));
  }
  const Error& error() const {
    assert(!ok() && "Result::error() called on a value");
    return std::get<Error>(m_data);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> m_data;
};

// Result of an operation that yields nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

// The closest candidate to `word` by edit distance, or "" when nothing is close enough
// to be a plausible typo. Used for "did you mean" hints.
template <class Range>
std::string closestMatch(const std::string& word, const Range& candidates);

int editDistance(const std::string& a, const std::string& b);

// " (did you mean 'x'?)" for the closest candidate, or "" when none is close: the hint every
// message about an unknown word ends with.
template <class Range>
std::string didYouMean(const std::string& word, const Range& candidates) {
  const std::string hint = closestMatch(word, candidates);
  return hint.empty() ? std::string() : " (did you mean '" + hint + "'?)";
}

template <class Range>
std::string closestMatch(const std::string& word, const Range& candidates) {
  std::string best;
  int bestDistance = 1 << 30;
  // A word that starts a candidate is a unit left off ("depth" for "depth_mm"): take it.
  for (const auto& candidate : candidates) {
    const std::string c(candidate);
    if (word.size() >= 3 && c.size() > word.size() && c.compare(0, word.size(), word) == 0 &&
        (best.empty() || c.size() < best.size()))
      best = c;
  }
  if (!best.empty()) return best;
  for (const auto& candidate : candidates) {
    const std::string c(candidate);
    const int d = editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const int limit = word.size() <= 4 ? 1 : (word.size() <= 8 ? 2 : 3);
  return bestDistance <= limit ? best : std::string();
}

}  // namespace mnsim
