// Run files (docs/formats/run.md, format `mnsim-run/1`): everything needed to recompute a case
// result — the scenario (path and content hash), the seed, every answer with its step and time,
// and every procedure step's pen samples — plus the result as it was computed when recorded.
// `mnsim score RUN` replays the inputs and never trusts the stored result.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/answers.h"
#include "mnsim/case_result.h"
#include "mnsim/case_session.h"
#include "mnsim/scenario.h"

namespace mnsim {

constexpr const char* kRunFormat = "mnsim-run/1";

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

// Replays the run's inputs on the scenario (which must have the recorded content hash) and the
// model (the recorded asset) and returns the recomputed result. The result names the scenario
// by the recorded path, so it equals the one computed while recording.
Result<CaseResult> replayRun(const RunFile& run, const Scenario& scenario, const SkinModel& model);

// ---------------------------------------------------------------------------------------------
// Recording from scripted answers (`mnsim record`)

struct ScriptedRunDesc {
  const Scenario* scenario = nullptr;
  const SkinModel* model = nullptr;
  const ScriptedAnswers* answers = nullptr;   // may be null when the case needs no answers
  std::map<std::string, std::string> traces;  // step id -> trace file; overrides the answers'
  std::optional<uint64_t> seed;               // overrides the answers' seed (default 1)
  double secondsPerStep = 5.0;                // run clock per answered step without at_s
  std::string createdBy = "mnsim";
};

struct RecordedRun {
  RunFile run;
  CaseResult result;
};

// Plays the case from its first step until it ends. Fails, naming the step, when an answer or
// a trace is missing or does not fit.
Result<RecordedRun> playScripted(const ScriptedRunDesc& desc);

}  // namespace mnsim
