#include "mnsim/runs/scripted_play.h"

#include <algorithm>

#include "mnsim/base/files.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/formats/plan_file.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/runs/run_recorder.h"

namespace mnsim {

Result<RecordedRun> playScripted(const ScriptedRunDesc& desc) {
  if (!desc.scenario || !desc.model)
    return makeError(ErrorCode::Internal, "playScripted: a scenario and a model are required");
  uint64_t seed = 1;
  if (desc.answers && desc.answers->seed) seed = *desc.answers->seed;
  if (desc.seed) seed = *desc.seed;
  auto created = CaseSession::create({desc.scenario, desc.model, seed});
  if (!created) return created.error();
  CaseSession& session = **created;
  RunJournal* journal = desc.journal;
  if (desc.openJournal) {
    auto opened = desc.openJournal(session);
    if (!opened) return opened.error();
    journal = *opened;
  }
  CaseRecorder recorder(session, journal);
  double t = 0.0;
  while (!session.finished()) {
    const Step& step = *session.currentStep();
    const ScriptedAnswer* scripted = nullptr;
    if (desc.answers) {
      auto it = desc.answers->steps.find(step.id);
      if (it != desc.answers->steps.end()) scripted = &it->second;
    }
    if (step.type == StepType::Procedure) {
      std::string tracePath;
      if (auto it = desc.traces.find(step.id); it != desc.traces.end())
        tracePath = it->second;
      else if (scripted)
        tracePath = scripted->tracePath;
      if (tracePath.empty())
        return makeError(ErrorCode::Value,
                         "no pen trace for procedure step '" + step.id + "': give --trace " +
                             step.id + "=FILE, or '" + step.id + ": {trace: FILE}' in the answers",
                         step.where);
      auto text = readFile(tracePath, "trace file");
      if (!text) return text.error();
      const TraceLimits limits = traceLimits(step.procedure.plan);
      auto trace = parseTrace(*text, tracePath, limits);
      if (!trace) return trace.error();
      // Needle exactly what the run will hold: the samples as written back and read again.
      auto exact = parseTrace(formatTrace(trace->samples), tracePath, limits);
      if (!exact) return exact.error();
      exact->path = tracePath;
      // As CaseSession::playTrace, sample by sample through the recorder.
      recorder.beginNeedling();
      double last = 0.0;
      for (const PenSample& s : exact->samples) {
        if (desc.beforeSample) desc.beforeSample(s.timeS);
        recorder.sample(s);
        last = s.timeS;
      }
      auto done = recorder.finishNeedling(session.timeS() + std::max(0.0, last), tracePath);
      if (!done) return done.error();
      t = session.timeS();
      continue;
    }
    Answer answer;
    if (scripted) {
      answer = scripted->answer;
      if (scripted->atS) {
        if (*scripted->atS < t)
          return makeError(ErrorCode::Value,
                           "'at_s' " + std::to_string(*scripted->atS) +
                               " comes before the run's clock (" + std::to_string(t) +
                               " s) at step '" + step.id + "'",
                           scripted->where);
        t = *scripted->atS;
      } else {
        t += desc.secondsPerStep;
      }
    } else if (step.type == StepType::Narrative) {
      t += desc.secondsPerStep;
    } else {
      SourceLocation where = step.where;
      std::string message =
          "no answer for " + std::string(stepTypeId(step.type)) + " step '" + step.id + "'";
      if (desc.answers) message += " in " + desc.answers->path;
      return makeError(ErrorCode::Value, message + " (the case reached it)", where);
    }
    auto done = recorder.answer(answer, t);
    if (!done) {
      Error e = done.error();
      if (scripted) e.where = scripted->where;
      return e;
    }
  }
  RecordedRun out;
  out.result = session.result();
  out.run = makeRun(session, desc.createdBy);
  return out;
}

}  // namespace mnsim
