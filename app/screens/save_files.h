// What the trainee saves from a session into the current folder, named by the time: the pen trace
// (to score again or replay) and the result as JSON. Failures go to the error dialog.
#pragma once

#include <mnsim/procedure/result.h>
#include <mnsim/procedure/session.h>

#include "screens/app_context.h"

namespace mnsim::app {

// mnsim-trace-<time>.csv; the note says where it went.
void saveTrace(const ProcedureSession& session, Overlays& overlays);
// mnsim-result-<time>.json.
void saveResult(const ProcedureResult& result, Overlays& overlays);

}  // namespace mnsim::app
