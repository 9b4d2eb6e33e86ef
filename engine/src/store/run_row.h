// What both databases keep beside a run's bytes, and the one rule for what they refuse: a run
// that does not read as a run, that verify calls altered or unreadable, or that is not sealed yet,
// is never stored.
// Private to the store module.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "mnsim/base/error.h"
#include "mnsim/review/review.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"
#include "mnsim/store/store.h"

namespace mnsim {

struct RunRow {
  std::string hash;
  RunWho who;
  std::string caseId, verdict, storedUtc;
  int64_t sizeBytes = 0;
  std::optional<RecordedScore> recorded;
};

inline Result<RunRow> runRowOf(std::string_view bytes, const RunCheck& check, const std::string& location) {
  if (check.verdict == RunVerdict::Altered || check.verdict == RunVerdict::Unreadable || !check.header)
    return makeError(ErrorCode::Value, std::string("not stored: the run is ") + runVerdictId(check.verdict) + " (" +
                                           check.message + ")", {location, 0, 0});
  // An unsealed run may still be being written (or was cut short by a crash): the store takes it
  // once it is sealed, as finished, stopped or interrupted.
  if (check.verdict == RunVerdict::Truncated)
    return makeError(ErrorCode::Value, "not stored: the run is not sealed (" + check.message +
                                           "); if its recording crashed, 'mnsim recover' closes it as interrupted",
                     {location, 0, 0});
  RunRow row;
  row.hash = contentHash(bytes);
  row.who = runWho(*check.header);
  row.caseId = check.header->kind == "needling" ? check.header->planPath : check.header->scenarioId;
  row.verdict = runVerdictId(check.verdict);
  row.storedUtc = utcText(nowUnixMs());
  row.sizeBytes = static_cast<int64_t>(bytes.size());
  row.recorded = recordedScore(check.resultJson);
  return row;
}

// The bytes read back from `table`'s row `hash`, checked against it.
inline Result<std::string> checkedBytes(std::string bytes, const char* what, const std::string& hash, const std::string& location) {
  if (contentHash(bytes) != hash)
    return makeError(ErrorCode::Value, std::string("the stored ") + what + " " + hash +
                                           " has been altered in the store: its bytes no longer match their hash",
                     {location, 0, 0});
  return bytes;
}

}  // namespace mnsim
