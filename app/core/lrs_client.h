// Sending xAPI statements to a learning record store (`mnsim xapi --lrs`): one POST of the whole
// batch to <endpoint>/statements with HTTP Basic authentication and the xAPI version header,
// retried when the store cannot be reached or answers 429 or 5xx (the statements' ids are fixed,
// so a retry after a lost answer stores nothing twice). The password is never printed.
#pragma once

#include <functional>
#include <string>

namespace mnsim::app {

struct LrsTarget {
  std::string endpoint;  // "https://lrs.academy.example/xapi/" ("statements" is added)
  std::string user, password;
  int attempts = 4;                 // at most, the first included
  double firstWaitS = 0.5;          // before the second attempt; doubled each time after
  double timeoutS = 30.0;           // a whole request
};

struct LrsAnswer {
  bool ok = false;
  long status = 0;        // the HTTP status of the last attempt (0: no answer)
  std::string body;       // what the store answered last (cut to 4 kB)
  std::string problem;    // when not ok: one line, what went wrong and what the store said
  int attemptsMade = 0;
};

// `onRetry(attempt, why)` is told before each retry (for a line on standard error).
LrsAnswer sendStatements(const LrsTarget& target, const std::string& statementsJson,
                         const std::function<void(int attempt, const std::string& why)>& onRetry = {});

}  // namespace mnsim::app
