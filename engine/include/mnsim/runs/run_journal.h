// The journal of a run (docs/formats/run.md, `mnsim-run/2`): every input event, in order,
// appended to the run file while the trainee works, and sealed when the run ends.
//
//   RunJournal::create(path, header)  -> sample(s) / event(kind, json) from the frame loop
//        (a copy into memory under a lock; a writer thread cuts a frame, chains it and syncs it
//        to disk every flushInterval, so a crash loses at most that much input)
//   -> seal(status, result, key)        hash chain head + Ed25519 signature: the run is final
//   RunJournal::reopen(path)            an unsealed journal found after a crash, to go on with
//                                       (a gap event) or to seal as interrupted
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/base/signing.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/procedure/pen_sample.h"

namespace mnsim {

enum class RunEventKind : uint8_t {
  Header = 1,         // event 0: who, when, what (JSON, RunHeader)
  Step = 2,           // the case moved to a step (JSON: step, visit, time_s)
  Answer = 3,         // a step answered (JSON: step, visit, type, time_s, answer)
  NeedlingBegin = 4,  // needling starts (JSON: step and visit, or the cartridge in free needling)
  Sample = 5,         // one pen sample (binary, changes from the sample before)
  NeedlingEnd = 6,    // needling ends (JSON: step, time_s, trace)
  Control = 7,        // an action that scores nothing but belongs to the record (JSON: what, …)
  Gap = 8,            // the recording stopped (a crash) and went on later (JSON)
  Interrupted = 9,    // the recording stopped and was closed without going on (JSON)
  Result = 10,        // the result shown to the trainee when the run ended (JSON)
};
inline constexpr int kRunEventKinds = 10;
// "pen sample", "answer", ...; "unknown" for a number that is none.
const char* runEventKindName(RunEventKind kind);

struct Trainee {
  std::string id;      // the academy's id for the person, e.g. "T-0042"
  std::string name;    // as they want it shown
  std::string cohort;  // optional, e.g. "2026-autumn"
};

// Everything a run says about itself before its first input (the header event).
struct RunHeader {
  std::string kind = "case";  // "case" (a scenario) or "needling" (free needling of a plan)
  std::string createdBy;      // "mnsim 0.1.0", "mnsim record 0.1.0"
  Trainee trainee;
  std::string mode = "practice";  // "practice" or "assessment"
  std::string stationId;
  std::string mnsimVersion;
  int64_t startedUnixMs = 0;  // UTC, milliseconds since 1970
  // kind "case"
  std::string scenarioPath, scenarioId, scenarioSha256;
  std::string scenarioFile;  // the scenario's absolute path when recorded (to find it again)
  uint64_t seed = 1;
  std::vector<Draw> draws;
  // both: the skin
  std::string assetName, assetHash;
  // kind "needling": the plan as it was (its text, so the run scores without the file)
  std::string planPath, planSha256, planText;
  std::string cartridgeId;
};

// Who, where and when a run is of, as every list, report and export shows it (the trainee, the
// mode, the station, the start), read from its header. Rows and reports that show a run carry it.
struct RunWho {
  std::string traineeId, traineeName, cohort;
  std::string kind = "case";  // case | needling
  std::string mode;           // practice | assessment | reference
  std::string stationId;
  int64_t startedUnixMs = 0;
  std::string startedUtc;     // 2026-12-05T04:30:00.123Z
};
RunWho runWho(const RunHeader& header);

std::string runHeaderJson(const RunHeader& header);
// Reads the header event's JSON; problems name the key ("trainee.id: must be text").
Result<RunHeader> parseRunHeader(std::string_view json, const std::string& nameForErrors);

// UTC as 2026-12-05T04:30:00.123Z.
std::string utcText(int64_t unixMs);
int64_t nowUnixMs();

enum class RunStatus {
  Finished,     // the case reached its end, or the trainee ended the free needling
  Stopped,      // the trainee left the case before its end
  Interrupted,  // the recording stopped (a crash) and was closed later without going on
};
const char* runStatusId(RunStatus status);  // "finished", "stopped", "interrupted"

struct JournalOptions {
  double flushIntervalS = 0.1;  // at most this long between an input and its frame on disk
  bool syncToDisk = true;       // fdatasync each frame (off only for benchmarks of the encoding)
};

class RunJournal {
 public:
  // Creates the run file (it must not exist; readable by its owner only) and writes the header.
  static Result<std::unique_ptr<RunJournal>> create(const std::string& path, const RunHeader& header,
                                                    const JournalOptions& options = {});
  // An unsealed run file, to append to: a frame cut short by a crash at the end is dropped (it
  // was never complete); damage anywhere else is an error and the file is left as it is.
  static Result<std::unique_ptr<RunJournal>> reopen(const std::string& path, const JournalOptions& options = {});
  // Writes what is pending. An unsealed journal stays unsealed: it is found and recovered later.
  ~RunJournal();
  RunJournal(const RunJournal&) = delete;
  RunJournal& operator=(const RunJournal&) = delete;

  // ---- from the frame loop: each a small copy under a lock
  void sample(const PenSample& sample);
  void event(RunEventKind kind, const std::string& json);

  // Everything appended so far is on disk when this returns.
  Status flush();
  // Appends the result (when given) and the seal, signed with `key`, and closes the file.
  Status seal(RunStatus status, const std::string& resultJson, const SigningKey& key);

  const RunHeader& header() const { return m_header; }
  const std::string& path() const { return m_path; }
  uint64_t eventCount() const;
  bool sealed() const { return m_sealed; }
  // The writer's first failure ("" while all is well): a full disk, a removed folder.
  std::string writeError() const;
  // The last pen sample appended (resuming goes on from it).
  PenSample lastSample() const;
  // Gap events: times the recording stopped (a crash) and went on.
  uint64_t gaps() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_gaps;
  }
  // Reopened: when the last event before the stop was journaled (UTC ms).
  int64_t lastInputUnixMs() const { return m_lastInputUnixMs; }

 private:
  RunJournal() = default;
  void startWriter();
  void writerLoop();
  // Writes the pending events as one frame. Called with m_fileMutex held.
  bool writePending();

  std::string m_path;
  RunHeader m_header;
  JournalOptions m_options;
  int m_fd = -1;
  bool m_sealed = false;

  mutable std::mutex m_mutex;  // guards what the frame loop appends
  std::string m_pending;       // encoded events not yet in a frame
  uint32_t m_pendingCount = 0;
  uint64_t m_nextEvent = 0;  // index of the next event appended
  PenSample m_previous;      // the sample encoding's reference
  std::string m_sampleBody;  // a sample's bytes, reused
  uint64_t m_gaps = 0;       // Gap events
  int64_t m_lastInputUnixMs = 0;
  std::string m_error;

  std::mutex m_fileMutex;  // guards the file and the chain
  Digest256 m_chain{};
  uint64_t m_framedEvents = 0;  // events in frames on disk
  uint64_t m_frames = 0;

  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_writer;
};

struct RunLog;  // runs/run_log.h

// A run whose recording stopped without a seal, and that no mnsim is recording now.
struct UnfinishedRun {
  std::string path;
  RunHeader header;
  uint64_t events = 0;
  int64_t lastInputUnixMs = 0;
  std::string damage;  // "" when only the last frame (or none) was cut short
};
// What an unsealed run's log says of it (readRunLog, Checks are enough).
UnfinishedRun unfinishedRun(const RunLog& log);
// The unfinished runs among the `*.mnrun` files in `folder`, oldest first.
std::vector<UnfinishedRun> findUnfinishedRuns(const std::string& folder);

// Seals an unfinished run as interrupted: an Interrupted event (when the last input was, when it
// was closed) and the seal, signed with `key`.
Status closeInterrupted(const std::string& path, const SigningKey& key);
// Reopens an unfinished run to go on recording it: a Gap event (from the last input to now) is
// appended first.
Result<std::unique_ptr<RunJournal>> resumeJournal(const std::string& path, const JournalOptions& options = {});

}  // namespace mnsim
