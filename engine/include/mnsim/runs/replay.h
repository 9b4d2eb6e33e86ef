// Replaying a run: the case played again from the run's recorded inputs alone, on the scenario
// and asset it was recorded with. Recorded results are never trusted over their inputs.
#pragma once

#include "mnsim/base/error.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/procedure/result.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

// Replays the run's inputs on the scenario (which must have the recorded content hash) and the
// model (the recorded asset) and returns the recomputed result. The result names the scenario
// by the recorded path, so it equals the one computed while recording.
Result<CaseResult> replayRun(const RunFile& run, const Scenario& scenario, const SkinModel& model);

// Checks that the scenario and model are the ones recorded (hashes, draws) for a session made
// with the run's seed.
Status checkRunFits(const RunFile& run, const Scenario& scenario, const SkinModel& model, const CaseSession& session);
// Plays the run's steps into a new session. A needling the recording stopped in is finished
// where its samples end when `finishInterrupted`; otherwise (resuming the run) it is left open
// with its samples fed.
Status replayInto(CaseSession& session, const RunFile& run, bool finishInterrupted);

// A free-needling run (kind "needling"): the plan as recorded, the needling of its last
// cartridge, scored. The model is the recorded asset.
Result<ProcedureResult> replayNeedling(const RunFile& run, const SkinModel& model);

}  // namespace mnsim
