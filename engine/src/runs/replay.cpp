#include "mnsim/runs/replay.h"

#include "mnsim/base/hash.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/formats/plan_file.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/session.h"
#include "mnsim/procedure/pen_sample.h"
#include "mnsim/procedure/plan.h"

namespace mnsim {

Status checkRunFits(const RunFile& run, const Scenario& scenarioIn, const SkinModel& model,
                    const CaseSession& session) {
  const SourceLocation where{run.path, 0, 0};
  if (scenarioIn.sha256 != run.scenarioSha256)
    return makeError(
        ErrorCode::Value,
        "the scenario '" + scenarioIn.path + "' has changed since the run was recorded (sha256 " +
            scenarioIn.sha256.substr(0, 12) + "…, recorded " + run.scenarioSha256.substr(0, 12) +
            "…); score the run with the scenario it was recorded with",
        where);
  if (!run.assetHash.empty() && model.asset().contentHash != run.assetHash)
    return makeError(ErrorCode::Value,
                     "the asset '" + run.assetName + "' has changed since the run was recorded (" +
                         model.asset().contentHash.substr(0, 19) + "…, recorded " +
                         run.assetHash.substr(0, 19) + "…); the result could not be reproduced",
                     where);
  if (session.draws().size() != run.draws.size())
    return makeError(ErrorCode::Value,
                     "the run's draws do not match what its seed draws from the scenario", where);
  for (size_t i = 0; i < run.draws.size(); ++i) {
    const Draw &a = session.draws()[i], &b = run.draws[i];
    if (a.path != b.path || a.numeric != b.numeric || a.number != b.number || a.text != b.text)
      return makeError(
          ErrorCode::Value,
          "draws[" + std::to_string(i) + "] (" + b.path + ") does not match what the seed draws",
          where);
  }
  return Ok{};
}

Result<CaseResult> replayRun(const RunFile& run, const Scenario& scenarioIn, const SkinModel& model) {
  Scenario scenario = scenarioIn;
  scenario.path = run.scenarioPath;  // results name the scenario as recorded
  auto created = CaseSession::create({&scenario, &model, run.seed});
  if (!created) return created.error();
  CaseSession& session = **created;
  if (auto fits = checkRunFits(run, scenarioIn, model, session); !fits) return fits.error();
  if (auto played = replayInto(session, run, true); !played) return played.error();
  return session.result();
}

Status replayInto(CaseSession& session, const RunFile& run, bool finishInterrupted) {
  const SourceLocation where{run.path, 0, 0};
  for (size_t i = 0; i < run.steps.size(); ++i) {
    const RunStep& st = run.steps[i];
    const std::string path = "steps[" + std::to_string(i) + "]";
    const Step* current = session.currentStep();
    if (!current)
      return makeError(ErrorCode::Value,
                       path + ": the run answers step '" + st.stepId + "' after the case has ended",
                       where);
    if (current->id != st.stepId)
      return makeError(ErrorCode::Value,
                       path + ": the run answers step '" + st.stepId +
                           "' where the case is at step '" + current->id + "'",
                       where);
    if (current->type != st.type)
      return makeError(ErrorCode::Value,
                       path + ": step '" + st.stepId + "' is a " + stepTypeId(current->type) +
                           " step, recorded as " + stepTypeId(st.type),
                       where);
    if (st.type == StepType::Procedure) {
      ProcedureSession* p = session.procedure();
      if (st.exactSamples) {
        for (const PenSample& s : st.samples) p->addSample(s);
      } else {
        if (sha256Hex(st.traceCsv) != st.traceSha256)
          return makeError(ErrorCode::Value, path + ": the trace's sha256 does not match its samples", where);
        auto trace = parseTrace(st.traceCsv, run.path + " " + path + ".trace", traceLimits(current->procedure.plan));
        if (!trace) return trace.error();
        for (const PenSample& s : trace->samples) p->addSample(s);
      }
      if (st.interrupted && !finishInterrupted) break;  // resumed: the needling goes on
      // A needling the recording stopped in ends where its samples end.
      const double endS =
          st.interrupted ? session.timeS() + (st.samples.empty() ? 0.0 : st.samples.back().timeS) : st.timeS;
      auto done = session.finishProcedure(endS, st.interrupted ? "interrupted" : st.traceSource);
      if (!done) return makeError(ErrorCode::Value, path + ": " + done.error().message, where);
    } else {
      auto done = session.answer(st.answer, st.timeS);
      if (!done) return makeError(ErrorCode::Value, path + ": " + done.error().message, where);
    }
  }
  return Ok{};
}

Result<ProcedureResult> replayNeedling(const RunFile& run, const SkinModel& model) {
  if (!run.header || run.header->kind != "needling")
    return makeError(ErrorCode::Value, "not a free-needling run", {run.path, 0, 0});
  const RunHeader& h = *run.header;
  if (!h.assetHash.empty() && model.asset().contentHash != h.assetHash)
    return makeError(ErrorCode::Value,
                     "the asset '" + h.assetName + "' has changed since the run was recorded; the result could not be reproduced",
                     {run.path, 0, 0});
  auto plan = parsePlan(h.planText, run.path + " (the plan recorded in it)");
  if (!plan) return plan.error();
  if (auto resolved = resolvePlan(*plan, model.asset()); !resolved) return resolved.error();
  if (run.steps.empty()) {
    ProcedureSession session(SessionDesc{&model, &*plan, false});
    session.setInputNames(h.planPath, "");
    session.finish();
    return session.result();
  }
  // A new cartridge starts the needling again: the last stretch is what the trainee was shown.
  const RunStep& last = run.steps.back();
  plan->cartridgeId = last.cartridgeId.empty() ? plan->cartridgeId : last.cartridgeId;
  ProcedureSession session(SessionDesc{&model, &*plan, false});
  for (const PenSample& s : last.samples) session.addSample(s);
  session.setInputNames(h.planPath, last.interrupted ? "interrupted" : last.traceSource);
  session.finish();
  return session.result();
}

}  // namespace mnsim
