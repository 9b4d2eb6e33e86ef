#include "mnsim/review/run_replay.h"

#include <algorithm>
#include <cmath>

#include "mnsim/formats/plan_file.h"
#include "mnsim/procedure/fault_kinds.h"
#include "mnsim/runs/replay.h"

namespace mnsim {

const char* markerKindId(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::Phase: return "phase";
    case MarkerKind::Step: return "step";
    case MarkerKind::Pass: return "pass";
    case MarkerKind::Fault: return "fault";
    case MarkerKind::Critical: return "critical";
  }
  return "step";
}

Result<std::unique_ptr<RunReplay>> RunReplay::open(const RunFile& run, const Scenario* scenario, const SkinModel& model) {
  std::unique_ptr<RunReplay> r(new RunReplay());
  r->m_run = run;
  r->m_model = &model;
  const bool needling = run.header && run.header->kind == "needling";
  if (!needling && !scenario)
    return makeError(ErrorCode::Value, "a case run is replayed on its scenario; none was given", {run.path, 0, 0});
  Status opened = needling ? r->openNeedling() : r->openCase(*scenario);
  if (!opened) return opened.error();
  r->finishTimeline();
  r->seek(0.0);
  return r;
}

RunReplay::~RunReplay() = default;

Status RunReplay::openCase(const Scenario& scenarioIn) {
  m_scenario = std::make_unique<Scenario>(scenarioIn);
  m_scenario->path = m_run.scenarioPath;  // results name the scenario as recorded
  auto created = CaseSession::create({m_scenario.get(), m_model, m_run.seed});
  if (!created) return created.error();
  m_case = std::move(*created);
  if (auto fits = checkRunFits(m_run, scenarioIn, *m_model, *m_case); !fits) return fits.error();
  if (auto played = replayInto(*m_case, m_run, true); !played) return played.error();
  m_caseResult = m_case->result();
  const CaseResult& cr = *m_caseResult;
  for (size_t i = 0; i < cr.steps.size(); ++i) {
    const StepResult& st = cr.steps[i];
    if (i == 0 || st.phase != cr.steps[i - 1].phase)
      m_markers.push_back({MarkerKind::Phase, st.startS, st.startS, phaseName(st.phase), false, {}, -1});
    m_markers.push_back({MarkerKind::Step, st.endS, st.endS, st.stepId + " (" + stepTypeId(st.type) + ")", false, {}, -1});
    if (st.type != StepType::Procedure) {
      for (const CaseFault& f : st.faults)
        m_markers.push_back({f.critical ? MarkerKind::Critical : MarkerKind::Fault, f.timeS, f.timeS,
                             std::string(faultKindInfo(f.kind).title) + ": " + f.explanation, false, {}, -1});
      continue;
    }
    const ProcedureSession* finished = m_case->finishedProcedure(st.stepId);
    const RecordedStep& rec = m_case->record()[i];
    if (!finished) continue;
    NeedlingReplayDesc d;
    d.model = m_model;
    d.plan = &finished->plan();
    d.samples = rec.samples;
    ReplayNeedling n;
    n.stepId = st.stepId;
    n.title = finished->plan().title;
    n.replay = std::make_unique<NeedlingReplay>(d);
    n.endS = st.endS;
    n.startS = std::max(st.startS, st.endS - n.replay->durationS());
    m_needlings.push_back(std::move(n));
    addNeedlingMarkers(static_cast<int>(m_needlings.size()) - 1, m_needlings.back().replay->result());
  }
  m_durationS = cr.durationS;
  return Ok{};
}

Status RunReplay::openNeedling() {
  const RunHeader& h = *m_run.header;
  auto result = replayNeedling(m_run, *m_model);
  if (!result) return result.error();
  m_needlingResult = std::move(*result);
  auto plan = parsePlan(h.planText, m_run.path + " (the plan recorded in it)");
  if (!plan) return plan.error();
  if (auto resolved = resolvePlan(*plan, m_model->asset()); !resolved) return resolved.error();
  double clockS = 0.0;
  for (const RunStep& st : m_run.steps) {
    auto p = std::make_unique<TreatmentPlan>(*plan);
    if (!st.cartridgeId.empty()) p->cartridgeId = st.cartridgeId;
    NeedlingReplayDesc d;
    d.model = m_model;
    d.plan = p.get();
    d.samples = st.samples;
    ReplayNeedling n;
    n.title = p->title;
    n.replay = std::make_unique<NeedlingReplay>(d);
    n.startS = clockS;
    n.endS = clockS + n.replay->durationS();
    clockS = n.endS;
    m_plans.push_back(std::move(p));
    m_needlings.push_back(std::move(n));
    addNeedlingMarkers(static_cast<int>(m_needlings.size()) - 1, m_needlings.back().replay->result());
  }
  m_durationS = clockS;
  return Ok{};
}

void RunReplay::addNeedlingMarkers(int index, const ProcedureResult& result) {
  const double offset = m_needlings[static_cast<size_t>(index)].startS;
  const NeedlingReplay& replay = *m_needlings[static_cast<size_t>(index)].replay;
  for (const ZoneResult& z : result.zones)
    for (const PassResult& p : z.passes) {
      ReplayMarker m{MarkerKind::Pass, offset + p.startS, offset + p.endS,
                     z.name + ": pass " + std::to_string(p.index) + " (" + directionName(p.direction) + ")", false, {},
                     index};
      const long s = replay.stampAt(p.startS);
      if (s >= 0) {
        m.hasPoint = true;
        m.pointMm = replay.stamps()[static_cast<size_t>(s)].pointMm;
      }
      m_markers.push_back(m);
    }
  auto addFaults = [&](const std::vector<Fault>& faults, MarkerKind kind) {
    for (const Fault& f : faults)
      m_markers.push_back({kind, offset + f.timeS, offset + f.endTimeS,
                           std::string(faultKindInfo(f.kind).title) + (f.explanation.empty() ? "" : ": " + f.explanation),
                           true, f.pointMm, index});
  };
  addFaults(result.faults, MarkerKind::Fault);
  addFaults(result.criticalErrors, MarkerKind::Critical);
}

void RunReplay::finishTimeline() {
  for (const ReplayNeedling& n : m_needlings) m_durationS = std::max(m_durationS, n.endS);
  std::stable_sort(m_markers.begin(), m_markers.end(),
                   [](const ReplayMarker& a, const ReplayMarker& b) { return a.timeS < b.timeS; });
}

SeekChange RunReplay::seek(double timeS, std::vector<Footprint>* changed) {
  const double t = std::clamp(timeS, 0.0, m_durationS);
  ReplayMoment m;
  m.timeS = t;
  if (m_caseResult) {
    const auto& steps = m_caseResult->steps;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].endS <= t) {
        ++m.answeredSteps;
        continue;
      }
      m.step = static_cast<int>(i);
      break;
    }
  }
  for (size_t i = 0; i < m_needlings.size(); ++i)
    if (m_needlings[i].startS <= t) m.needling = static_cast<int>(i);
  SeekChange change = SeekChange::None;
  if (m.needling >= 0) {
    ReplayNeedling& n = m_needlings[static_cast<size_t>(m.needling)];
    const bool finished = t >= n.endS;
    m.needlingLive = !finished;
    if (m.needling != m_shown) {
      n.replay->seek(t - n.startS, finished);
      change = SeekChange::Reset;
    } else {
      change = n.replay->seek(t - n.startS, finished, changed);
    }
    m.sample = n.replay->sampleAt(t - n.startS);
    m.stamp = n.replay->stampAt(t - n.startS);
  } else if (m_shown != -1) {
    change = SeekChange::Reset;
  }
  m_shown = m.needling;
  m_moment = m;
  return change;
}

const CoverageMap* RunReplay::coverage() const {
  return m_moment.needling < 0 ? nullptr : &m_needlings[static_cast<size_t>(m_moment.needling)].replay->coverage();
}

const TreatmentPlan* RunReplay::plan() const {
  return m_moment.needling < 0 ? nullptr : &m_needlings[static_cast<size_t>(m_moment.needling)].replay->plan();
}

double RunReplay::step(double timeS, int direction, bool byStroke) const {
  double best = timeS;
  for (const ReplayNeedling& n : m_needlings) {
    const NeedlingReplay& r = *n.replay;
    const double local = timeS - n.startS;
    const double s = byStroke ? (direction < 0 ? r.previousStrokeS(local) : r.nextStrokeS(local))
                              : (direction < 0 ? r.previousStampS(local) : r.nextStampS(local));
    if (s == local) continue;
    const double runS = n.startS + s;
    if (best == timeS || (direction < 0 ? runS > best : runS < best)) best = runS;
  }
  return best;
}

std::vector<glm::vec3> RunReplay::trail(double timeS, double seconds) const {
  std::vector<glm::vec3> out;
  if (m_moment.needling < 0) return out;
  const ReplayNeedling& n = m_needlings[static_cast<size_t>(m_moment.needling)];
  const auto& samples = n.replay->samples();
  long i = n.replay->sampleAt(timeS - n.startS);
  for (; i >= 0; --i) {
    const PenSample& s = samples[static_cast<size_t>(i)];
    if (s.timeS <= timeS - n.startS - seconds) break;
    out.push_back(s.tipMm);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace mnsim
