// The runs an assessor can review, as Review runs lists them from a store: one row each with who,
// what, when, the mode, the score as recorded, what verify said and its latest review. Opening a
// row replays the run from its inputs; the list only reads what the store keeps beside the runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <mnsim/base/error.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/store/store.h>

namespace mnsim::app {

struct RunRow : RunWho {  // who, where and when: from the run's header
  std::string path;        // the file; "" for a run in the store
  std::string storeHash;   // the run's key in the store; "" for a file
  std::string what;        // the case's id, or "free needling: <plan file>"
  std::string started;     // local date and time, for the list
  bool hasScore = false;
  double score = 0.0;      // as the run recorded it (replaying recomputes it)
  bool proficient = false;
  std::string verify;      // `mnsim verify` verdict: ok, interrupted, altered, ...
  std::string verifyMessage;
  std::string review;      // the latest review: "", "draft", "signed" (or its problem)
};

// The runs of a store, newest first, as the list shows them: what the store keeps beside each
// run (no run is read), so that a list of thousands opens at once. The verdict is verify's when
// the run was stored.
Result<std::vector<RunRow>> listStoredRuns(Store& store, const RunQuery& query);

// Rows whose trainee (id or name), case and date (YYYY-MM-DD prefix) contain the filters, case-blind.
bool runRowMatches(const RunRow& row, const std::string& trainee, const std::string& what, const std::string& date);

}  // namespace mnsim::app
