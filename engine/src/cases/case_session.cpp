#include "mnsim/cases/case_session.h"

#include <algorithm>
#include <cmath>

#include "cases/step_scoring.h"
#include "mnsim/base/text.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/pen_sample.h"
#include "mnsim/procedure/session.h"

namespace mnsim {

namespace {

constexpr int kMaxEntriesPerStep = 100;

// splitmix64: a tiny generator whose output is fixed by its definition, so the same seed
// draws the same values on every platform (std distributions are implementation-defined).
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double unit() {
    return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
  }  // [0, 1)
};

}  // namespace

// ---------------------------------------------------------------------------------------------

Result<std::unique_ptr<CaseSession>> CaseSession::create(const CaseDesc& desc) {
  if (!desc.scenario || !desc.model)
    return makeError(ErrorCode::Internal,
                     "CaseSession::create: a scenario and a skin model are required");
  const Scenario& sc = *desc.scenario;
  std::unique_ptr<CaseSession> s(new CaseSession());
  s->m_scenario = &sc;
  s->m_model = desc.model;
  s->m_seed = desc.seed;
  s->m_trackChanges = desc.trackProcedureChanges;
  s->m_entries.assign(sc.steps.size(), 0);
  s->m_plans.resize(sc.steps.size());
  for (const PatientLesion& l : sc.patient.lesions)
    if (l.noGo && !l.resolved)
      return makeError(
          ErrorCode::Internal,
          "lesion '" + l.name + "' was not placed on the skin: load the scenario with its asset",
          l.where);
  for (size_t i = 0; i < sc.steps.size(); ++i) {
    if (sc.steps[i].type != StepType::Procedure) continue;
    auto plan = std::make_unique<TreatmentPlan>(sc.steps[i].procedure.plan);
    plan->path = sc.path + "#" + sc.steps[i].id;
    if (auto status = resolvePlan(*plan, desc.model->asset()); !status) return status.error();
    s->m_plans[i] = std::move(plan);
  }

  // Draws, in a fixed order: patient, visits, observations.
  SplitMix64 rng{desc.seed};
  auto draw = [&](const DrawSpec& d) {
    if (!d.drawn) return;
    Draw out;
    out.path = d.path;
    out.numeric = d.numeric;
    const double u = rng.unit();
    if (!d.numeric) {
      const size_t k = std::min(d.oneOf.size() - 1,
                                static_cast<size_t>(u * static_cast<double>(d.oneOf.size())));
      out.text = d.oneOf[k];
    } else if (d.integer) {
      out.number = std::min(d.hi, d.lo + std::floor(u * (d.hi - d.lo + 1.0)));
    } else {
      out.number = std::round((d.lo + u * (d.hi - d.lo)) * 100.0) / 100.0;
    }
    s->m_draws.push_back(out);
  };
  draw(sc.patient.age);
  draw(sc.patient.fitzpatrick);
  draw(sc.patient.skinThickness);
  for (const Visit& v : sc.visits)
    for (const auto& f : v.skin.features) draw(f.second);
  for (const Step& st : sc.steps)
    if (st.type == StepType::Observation)
      for (const auto& f : st.observation.skin.features) draw(f.second);

  s->m_current = -1;
  const int first = sc.firstStepOfVisit(0);
  if (first < 0) return makeError(ErrorCode::Value, "the scenario has no steps", {sc.path, 0, 0});
  s->enter(first);
  return s;
}

CaseSession::~CaseSession() = default;

const Step* CaseSession::currentStep() const {
  return m_current < 0 ? nullptr : &m_scenario->steps[m_current];
}

const Visit* CaseSession::currentVisit() const {
  const Step* st = currentStep();
  return st ? &m_scenario->visits[st->visit] : nullptr;
}

PatientView CaseSession::patient() const {
  const Patient& p = m_scenario->patient;
  PatientView v;
  v.patient = &p;
  v.name = p.name;
  v.sex = p.sex;
  v.age = static_cast<int>(p.age.value);
  v.fitzpatrick = p.fitzpatrick.text;
  v.skinThickness = p.skinThickness.text;
  for (const Draw& d : m_draws) {
    if (d.path == "patient.age") v.age = static_cast<int>(d.number);
    if (d.path == "patient.fitzpatrick") v.fitzpatrick = d.text;
    if (d.path == "patient.skin_thickness") v.skinThickness = d.text;
  }
  return v;
}

SkinView CaseSession::skin() const {
  SkinView view;
  auto value = [&](const DrawSpec& d) {
    for (const Draw& x : m_draws)
      if (x.path == d.path) return x.number;
    return d.value;
  };
  auto overlay = [&](const SkinSpec& spec) {
    for (const auto& [id, d] : spec.features) {
      bool found = false;
      for (auto& f : view.features)
        if (f.first == id) {
          f.second = value(d);
          found = true;
        }
      if (!found) view.features.emplace_back(id, value(d));
    }
    if (!spec.zones.empty()) view.zones = spec.zones;
  };
  const Step* st = currentStep();
  const int visit =
      st ? st->visit
         : (m_scenario->visits.empty() ? -1 : static_cast<int>(m_scenario->visits.size()) - 1);
  if (visit >= 0) overlay(m_scenario->visits[visit].skin);
  if (st && st->type == StepType::Observation) overlay(st->observation.skin);
  if (view.zones.empty()) {
    // The treated zones: of the last procedure taken, else the first in the scenario.
    const TreatmentPlan* plan = nullptr;
    for (auto it = m_results.rbegin(); it != m_results.rend() && !plan; ++it)
      if (it->procedure) plan = m_plans[m_scenario->findStep(it->stepId)].get();
    for (size_t i = 0; i < m_plans.size() && !plan; ++i) plan = m_plans[i].get();
    if (plan)
      for (const ZonePlan& z : plan->zones) view.zones.push_back(z.zoneId);
  }
  return view;
}

void CaseSession::enter(int step) {
  m_current = step;
  m_stepStartS = m_timeS;
  m_procedure.reset();
  if (step < 0) return;
  ++m_entries[step];
  if (m_scenario->steps[step].type == StepType::Procedure) {
    m_procedure = std::make_unique<ProcedureSession>(SessionDesc{m_model, m_plans[step].get(), m_trackChanges});
  }
}

void CaseSession::complete(StepResult result, const FlowTarget& flow, RecordedStep record) {
  const int from = m_current;
  m_results.push_back(std::move(result));
  m_record.push_back(std::move(record));
  const FlowResult next = followFlow(*m_scenario, from, flow);
  if (next.step < 0) {
    m_outcome = next.outcome;
    m_ended = true;
  }
  enter(next.step);
}

StepResult CaseSession::stepResult(const Step& step, double timeS) const {
  StepResult res;
  res.stepId = step.id;
  res.type = step.type;
  res.phase = step.phase;
  res.visitId = m_scenario->visits[step.visit].id;
  res.startS = m_stepStartS;
  res.endS = timeS;
  res.maxPoints = step.scored() ? step.points : 0.0;
  return res;
}

ProcedureSession* CaseSession::procedure() {
  return m_procedure.get();
}

const ProcedureSession* CaseSession::finishedProcedure(const std::string& stepId) const {
  const auto it = m_finished.find(stepId);
  return it != m_finished.end() ? it->second.get() : nullptr;
}

// ---------------------------------------------------------------------------------------------
// Scoring each step type

Result<const StepResult*> CaseSession::answer(const Answer& a, double timeS) {
  const Step* stp = currentStep();
  if (!stp) return makeError(ErrorCode::Value, "the case has ended; there is nothing to answer");
  const Step& step = *stp;
  if (step.type == StepType::Procedure)
    return answerError(step, "this is a procedure step: needle it with the pen (a trace), not with an answer");
  if (!(timeS >= m_timeS))
    return answerError(step, "time goes backwards: " + trimmedNumber(timeS, 2) + " s after " +
                                 trimmedNumber(m_timeS, 2) + " s");
  if (m_entries[m_current] > kMaxEntriesPerStep)
    return answerError(step, "reached " + std::to_string(kMaxEntriesPerStep) + " times: the answers go round in a loop");

  const std::string visitId = m_scenario->visits[step.visit].id;
  auto score = scoreAnswer({step, visitId, timeS}, a);
  if (!score) return score.error();
  StepResult res = stepResult(step, timeS);
  res.answer = a;
  res.feedback = std::move(score->feedback);
  res.replies = std::move(score->replies);
  res.faults = std::move(score->faults);
  res.points = res.maxPoints * score->share;
  RecordedStep rec;
  rec.stepId = step.id;
  rec.visitId = visitId;
  rec.timeS = timeS;
  rec.answer = a;
  m_timeS = timeS;
  complete(std::move(res), score->flow, std::move(rec));
  return &m_results.back();
}

Result<const StepResult*> CaseSession::finishProcedure(double timeS, const std::string& traceName) {
  const Step* stp = currentStep();
  if (!stp || stp->type != StepType::Procedure || !m_procedure)
    return makeError(ErrorCode::Value, "the current step is not a procedure step");
  const Step& step = *stp;
  if (!(timeS >= m_timeS))
    return answerError(step, "time goes backwards: " + trimmedNumber(timeS, 2) + " s after " +
                                 trimmedNumber(m_timeS, 2) + " s");
  m_procedure->setInputNames(m_plans[m_current]->path, traceName);
  m_procedure->finish();
  ProcedureResult pr = m_procedure->result();
  const std::string visitId = m_scenario->visits[step.visit].id;
  StepResult res = stepResult(step, timeS);
  res.points = res.maxPoints * std::clamp(pr.score / 100.0, 0.0, 1.0);
  res.proficient = pr.proficient || !step.procedure.requireProficient;
  res.feedback.push_back("Procedure score " + trimmedNumber(pr.score, 2) +
                         (pr.proficient ? ", proficient" : ", not proficient"));
  auto add = [&](const Fault& f) {
    CaseFault cf = stepFault(step, visitId, m_stepStartS + f.timeS, f.kind, f.critical, f.expected, f.done,
                             f.explanation);
    cf.zoneId = f.zoneId;
    cf.hasPoint = true;
    cf.pointMm = f.pointMm;
    res.faults.push_back(std::move(cf));
  };
  for (const Fault& f : pr.criticalErrors) add(f);
  for (const Fault& f : pr.faults) add(f);
  for (const ZoneResult& z : pr.zones)
    if (z.planned && !z.unmet.empty()) {
      std::string unmet;
      for (const std::string& u : z.unmet) unmet += (unmet.empty() ? "" : ", ") + u;
      res.feedback.push_back("Zone " + z.id + ": below threshold in " + unmet);
    }
  res.procedure = std::move(pr);
  RecordedStep rec;
  rec.stepId = step.id;
  rec.visitId = visitId;
  rec.timeS = timeS;
  rec.procedure = true;
  rec.samples = m_procedure->samples();
  rec.traceName = traceName;
  m_timeS = timeS;
  m_finished[step.id] = std::move(m_procedure);
  complete(std::move(res), step.flow, std::move(rec));
  return &m_results.back();
}

Result<const StepResult*> CaseSession::playTrace(const PenTrace& trace) {
  ProcedureSession* p = procedure();
  if (!p) return makeError(ErrorCode::Value, "the current step is not a procedure step");
  double last = 0.0;
  for (const PenSample& s : trace.samples) {
    p->addSample(s);
    last = s.timeS;
  }
  return finishProcedure(m_timeS + std::max(0.0, last), trace.path.empty() ? "trace" : trace.path);
}

// ---------------------------------------------------------------------------------------------

CaseResult CaseSession::result() const {
  const Scenario& sc = *m_scenario;
  CaseResult r;
  r.scenarioId = sc.id;
  r.scenarioTitle = sc.title;
  r.scenarioPath = sc.path;
  r.scenarioSha256 = sc.sha256;
  r.scenarioVersion = sc.version;
  r.assetName = sc.assetName;
  r.assetHash = m_model->asset().contentHash;
  r.seed = m_seed;
  r.draws = m_draws;
  r.finished = m_ended;
  r.outcome = m_outcome;
  r.endStepId = m_results.empty() ? "" : m_results.back().stepId;
  r.durationS = m_timeS;
  r.passThreshold = sc.scoring.passThreshold;
  r.steps = m_results;

  double weighted = 0.0, weights = 0.0;
  for (Phase ph : allPhases()) {
    PhaseResult p;
    p.phase = ph;
    p.weight = sc.scoring.weights[static_cast<int>(ph)];
    p.threshold = sc.scoring.threshold(ph);
    for (const StepResult& s : m_results) {
      if (s.phase != ph) continue;
      p.points += s.points;
      p.maxPoints += s.maxPoints;
    }
    p.scored = p.maxPoints > 0.0 && p.weight > 0.0;
    p.score = p.maxPoints > 0.0 ? 100.0 * p.points / p.maxPoints : 0.0;
    const bool failed = std::any_of(m_results.begin(), m_results.end(), [&](const StepResult& s) {
      return s.phase == ph && std::any_of(s.faults.begin(), s.faults.end(), [](const CaseFault& f) { return f.failsPhase; });
    });
    p.met = !p.scored || (p.score >= p.threshold - 1e-9 && !failed);
    if (p.scored) {
      weighted += p.weight * p.score;
      weights += p.weight;
    }
    r.phases.push_back(p);
  }
  r.scoreUncapped = weights > 0.0 ? weighted / weights : 0.0;
  r.score = r.scoreUncapped;

  for (const StepResult& s : m_results)
    for (const CaseFault& f : s.faults) (f.critical ? r.criticalErrors : r.faults).push_back(f);
  auto byTime = [](const CaseFault& a, const CaseFault& b) { return a.timeS < b.timeS; };
  std::stable_sort(r.criticalErrors.begin(), r.criticalErrors.end(), byTime);
  std::stable_sort(r.faults.begin(), r.faults.end(), byTime);

  // A passing score cannot sit beside a critical error or a procedure that is not proficient.
  const double cap = std::max(0.0, r.passThreshold - 1.0);
  const bool procedureFailed =
      std::any_of(m_results.begin(), m_results.end(), [](const StepResult& s) { return !s.proficient; });
  if ((!r.criticalErrors.empty() || procedureFailed) && r.score > cap) {
    r.score = cap;
    r.scoreCap = r.criticalErrors.empty() ? "procedure_not_proficient" : "critical_errors";
  }

  if (!r.finished) r.unmet.push_back("unfinished");
  if (!r.criticalErrors.empty()) r.unmet.push_back("critical_errors");
  if (r.scoreUncapped < r.passThreshold - 1e-9) r.unmet.push_back("case_score");  // the cap has its own reason
  for (const PhaseResult& p : r.phases)
    if (!p.met) r.unmet.push_back(std::string("phase:") + phaseId(p.phase));
  for (const StepResult& s : m_results)
    if (!s.proficient) r.unmet.push_back("procedure:" + s.stepId);
  r.proficient = r.unmet.empty();
  return r;
}

}  // namespace mnsim
