// The inputs of a run, whatever its format (docs/formats/run.md): everything needed to recompute
// its result — the scenario (path and content hash), the seed, every answer with its step and
// time, and every needling's pen samples — plus the result as it was computed when recorded.
// `mnsim score RUN` replays the inputs and never trusts the stored result.
//   mnsim-run/2  the journal (runs/run_journal.h), read through runs/run_log.h
//   mnsim-run/1  the older JSON form, still read (unsigned); makeRun/writeRun write it for
//                callers that want the plain JSON
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/versioned_header.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"

namespace mnsim {

inline constexpr FileFormat kRunFileFormat{"mnsim-run", 1};

struct RunStep {
  std::string stepId;
  std::string visitId;
  StepType type = StepType::Narrative;  // as recorded: answers are read by it
  double timeS = 0.0;                   // run clock when answered / when the needling finished
  Answer answer;                        // not for procedure steps
  std::string traceSource;              // procedure: where the samples came from
  std::string traceCsv;                 // procedure: the samples, `# mnsim-trace 1`, exact
  std::string traceSha256;              // procedure: of traceCsv
  std::vector<PenSample> samples;       // procedure, mnsim-run/2: the samples exactly as fed
  bool exactSamples = false;            // samples (not traceCsv) hold the needling
  bool interrupted = false;             // the recording stopped during this needling
  std::string cartridgeId;              // free needling: the cartridge of this stretch
};

struct RunFile {
  std::string path;          // file it was read from ("" when made in memory)
  std::string createdBy;     // "mnsim 0.1.0"
  std::string scenarioPath;  // as given when recording
  std::string scenarioId;
  std::string scenarioSha256;  // of the scenario file's bytes
  std::string assetName, assetHash;
  uint64_t seed = 1;
  std::vector<Draw> draws;     // drawn with the seed (checked on replay)
  std::vector<RunStep> steps;  // in the order taken
  std::string resultJson;      // the result as recorded (mnsim-case/1), for reference
  int formatVersion = 1;
  std::optional<RunHeader> header;  // mnsim-run/2: who, when, where
  bool interrupted = false;         // the recording stopped and was not continued
  bool unfinished = false;          // no seal (still recording, or a crash not yet recovered)
};

// The inputs of a session so far, as a run.
RunFile makeRun(const CaseSession& session, const std::string& createdBy);

// The run as JSON, with the result embedded under "result".
std::string runToJson(const RunFile& run, const CaseResult& result);
Status writeRun(const RunFile& run, const CaseResult& result, const std::string& path);

// Either format. A run that has been altered is refused (`mnsim verify` says where); one cut
// short or never sealed gives the inputs it holds.
Result<RunFile> readRun(const std::string& path);
Result<RunFile> parseRun(std::string_view text, const std::string& nameForErrors);
// The inputs of a journal (RunReadDepth::Everything).
Result<RunFile> runFromLog(const RunLog& log);

}  // namespace mnsim
