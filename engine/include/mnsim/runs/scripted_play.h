// Playing a case from scripted answers and pen traces, headlessly and exactly as the app would
// (`mnsim record`, the tests): the run and its result.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "mnsim/base/error.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/scripted_answers.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

struct ScriptedRunDesc {
  const Scenario* scenario = nullptr;
  const SkinModel* model = nullptr;
  const ScriptedAnswers* answers = nullptr;   // may be null when the case needs no answers
  std::map<std::string, std::string> traces;  // step id -> trace file; overrides the answers'
  std::optional<uint64_t> seed;               // overrides the answers' seed (default 1)
  double secondsPerStep = 5.0;                // run clock per answered step without at_s
  std::string createdBy = "mnsim";
  RunJournal* journal = nullptr;  // records every input as it is played (null: none)
  // Called before each pen sample with its time on the needling's clock: `mnsim record --live`
  // waits there, so that the samples reach the journal as a live pen's would.
  std::function<void(double traceTimeS)> beforeSample;
  // Called once the case session exists and before its first step: creates the journal to
  // record into (it needs the session for its header); used instead of `journal` when given.
  std::function<Result<RunJournal*>(const CaseSession&)> openJournal;
};

struct RecordedRun {
  RunFile run;
  CaseResult result;
};

// Plays the case from its first step until it ends. Fails, naming the step, when an answer or
// a trace is missing or does not fit.
Result<RecordedRun> playScripted(const ScriptedRunDesc& desc);

}  // namespace mnsim
