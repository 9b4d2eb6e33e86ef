// Replaying a run: the case played again from the run's recorded inputs alone, on the scenario
// and asset it was recorded with. Recorded results are never trusted over their inputs.
#pragma once

#include "mnsim/base/error.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

// Replays the run's inputs on the scenario (which must have the recorded content hash) and the
// model (the recorded asset) and returns the recomputed result. The result names the scenario
// by the recorded path, so it equals the one computed while recording.
Result<CaseResult> replayRun(const RunFile& run, const Scenario& scenario, const SkinModel& model);

}  // namespace mnsim
