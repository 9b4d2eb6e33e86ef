// Run files (docs/formats/run.md, format `mnsim-run/1`): everything needed to recompute a case
// result — the scenario (path and content hash), the seed, every answer with its step and time,
// and every procedure step's pen samples — plus the result as it was computed when recorded.
// `mnsim score RUN` replays the inputs and never trusts the stored result.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/versioned_header.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/cases/scenario.h"

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
};

// The inputs of a session so far, as a run.
RunFile makeRun(const CaseSession& session, const std::string& createdBy);

// The run as JSON, with the result embedded under "result".
std::string runToJson(const RunFile& run, const CaseResult& result);
Status writeRun(const RunFile& run, const CaseResult& result, const std::string& path);

Result<RunFile> readRun(const std::string& path);
Result<RunFile> parseRun(std::string_view text, const std::string& nameForErrors);

}  // namespace mnsim
