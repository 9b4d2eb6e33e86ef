// Reading an `mnsim-run/2` file (docs/formats/run.md) and checking it: the frames and their hash
// chain, each event's checksum, the seal and its Ed25519 signature. Reading never trusts the
// file: a frame cut short, a changed byte, a frame out of order or bytes after the seal are each
// found and named (which event, which frame, which byte).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/base/signing.h"
#include "mnsim/procedure/pen_sample.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim {

struct JournalEvent {
  uint64_t index = 0;
  RunEventKind kind = RunEventKind::Control;
  uint64_t wallMs = 0;  // milliseconds after the run's start (UTC) when it was journaled
  uint64_t offset = 0;  // byte offset in the file
  std::string json;     // every kind but Sample
  PenSample sample;     // Sample
};

struct RunSealInfo {
  std::string status;  // finished, stopped, interrupted
  int64_t endedUnixMs = 0;
  uint64_t events = 0, frames = 0;
  uint64_t gaps = 0;  // times the recording stopped and went on
  std::string chainHex;
  std::map<std::string, std::string> headerFields;  // top-level header key -> digest
  PublicKey key;
  bool hasSignature = false;
  bool signatureValid = false;
  uint64_t offset = 0;
};

enum class RunDamage {
  None,
  Torn,      // the file ends inside a frame or the seal (cut short, or a crash while writing)
  Altered,   // a checksum, the chain, the order of frames or the signature does not match
  Trailing,  // bytes after the seal
};

struct RunLog {
  std::string path;
  RunHeader header;
  std::string headerJson;
  std::vector<JournalEvent> events;  // decoded: every event up to the first damage (empty: checks only)
  uint64_t eventCount = 0;       // events in complete frames
  uint64_t frames = 0;
  Digest256 chain{};             // after the last good frame
  uint64_t validBytes = 0;       // end of the last good frame
  uint64_t lastWallMs = 0;       // of the last good event
  PenSample lastSample;          // the sample encoding's reference after the last good frame
  std::string resultJson;        // the last result event's (what the run recorded), "" without one
  std::optional<RunSealInfo> seal;
  RunDamage damageKind = RunDamage::None;
  std::optional<std::string> damage;  // the first problem and where
  bool tornTail = false;              // damageKind == Torn
};

enum class RunReadDepth {
  Everything,  // every event decoded (score, replay, reopen)
  Checks,      // the chain and the seal; events decoded only to name one that changed (verify)
};

// An error only when the bytes are not an mnsim-run/2 file at all or its header cannot be read;
// any damage after that is in RunLog::damage, with everything read before it.
Result<RunLog> readRunLog(std::string_view bytes, const std::string& nameForErrors,
                          RunReadDepth depth = RunReadDepth::Everything);
bool isRunLog(std::string_view bytes);

// The seal's digests of the header's top-level keys (to name a changed header field).
std::map<std::string, std::string> headerFieldDigests(const std::string& headerJson);
// What a seal's signature signs.
std::string sealMessage(const std::string& sealJson);

// ---- verification (`mnsim verify`)

enum class RunVerdict {
  Ok,
  Interrupted,  // sealed as interrupted after a crash: genuine, but not a whole attempt
  UnknownKey,   // signed, but not by a trusted key
  Unsigned,     // no signature (a legacy mnsim-run/1 file, or a seal without one)
  Truncated,    // cut short, or never finished (no seal)
  Altered,      // changed after it was written
  Unreadable,   // not a run, or unreadable
};
const char* runVerdictId(RunVerdict verdict);  // "ok", "interrupted", "unknown-key", ...

struct RunCheck {
  RunVerdict verdict = RunVerdict::Unreadable;
  std::string message;             // one line: what is wrong and where, or what the run is
  std::vector<std::string> notes;  // also worth knowing: a gap, an early stop
  bool legacy = false;             // mnsim-run/1
  std::optional<RunHeader> header;
  std::string status;  // the seal's, "" without one
  std::string resultJson;  // the result the run recorded, "" without one (recordedScore reads it)
  uint64_t events = 0;
  std::string keyId, keyLabel;
  std::string chainHex;
};

// `trusted`: the public keys whose signatures are accepted.
// The score a run recorded in its result (a case's summary, or a needling's), for lists; grading
// and reports always score the inputs again.
struct RecordedScore {
  double score = 0.0;
  bool proficient = false;
};
std::optional<RecordedScore> recordedScore(const std::string& resultJson);

RunCheck checkRun(std::string_view bytes, const std::string& nameForErrors, const std::vector<PublicKey>& trusted);
RunCheck checkRunFile(const std::string& path, const std::vector<PublicKey>& trusted);

}  // namespace mnsim
