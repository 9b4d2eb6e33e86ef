#include "mnsim/cases/case_session.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/session.h"
#include "mnsim/procedure/pen_sample.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

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

std::string num(double v) {
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << v;
  std::string s = out.str();
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string quoteList(const std::vector<std::string>& texts) {
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) out += (i ? "; " : "") + texts[i];
  return out;
}

Error answerError(const Step& step, const std::string& message) {
  return makeError(ErrorCode::Value, "step '" + step.id + "': " + message, step.where);
}

CaseFault fault(const Step& step, const std::string& visitId, double timeS, FaultKind kind,
                bool critical, std::string expected, std::string done, std::string explanation) {
  CaseFault f;
  f.kind = kind;
  f.critical = critical;
  f.phase = step.phase;
  f.visitId = visitId;
  f.stepId = step.id;
  f.timeS = timeS;
  f.expected = std::move(expected);
  f.done = std::move(done);
  f.explanation = std::move(explanation);
  return f;
}

// Checks that every id names an option (or item) once.
template <class Lookup>
std::optional<Error> checkIds(const Step& step, const std::vector<std::string>& ids, Lookup lookup,
                              const std::vector<std::string>& known, const char* what) {
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (!lookup(id)) {
      std::string message = "no " + std::string(what) + " '" + id + "'";
      const std::string hint = closestMatch(id, known);
      if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
      return answerError(step, message);
    }
    if (!seen.insert(id).second)
      return answerError(step, std::string(what) + " '" + id + "' is given twice");
  }
  return std::nullopt;
}

std::vector<std::string> optionIds(const Step& step) {
  std::vector<std::string> ids;
  for (const Choice& c : step.options) ids.push_back(c.id);
  return ids;
}

std::vector<std::string> correctTexts(const Step& step) {
  std::vector<std::string> out;
  for (const Choice& c : step.options)
    if (c.correct) out.push_back(c.text);
  return out;
}

double maxRawSingle(const Step& step) {
  double best = 0.0;
  for (const Choice& c : step.options) best = std::max(best, c.points);
  return best > 0.0 ? best : 1.0;
}

double maxRawMultiple(const Step& step) {
  double sum = 0.0;
  for (const Choice& c : step.options) sum += std::max(0.0, c.points);
  return sum > 0.0 ? sum : 1.0;
}

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
    return answerError(
        step, "this is a procedure step: needle it with the pen (a trace), not with an answer");
  if (!(timeS >= m_timeS))
    return answerError(step,
                       "time goes backwards: " + num(timeS) + " s after " + num(m_timeS) + " s");
  if (m_entries[m_current] > kMaxEntriesPerStep)
    return answerError(step, "reached " + std::to_string(kMaxEntriesPerStep) +
                                 " times: the answers go round in a loop");

  const std::string visitId = m_scenario->visits[step.visit].id;
  StepResult res = stepResult(step, timeS);
  res.answer = a;
  double share = 1.0;  // of the step's points
  FlowTarget flow = step.flow;
  auto addFault = [&](FaultKind kind, bool critical, std::string expected, std::string done,
                      std::string why) {
    res.faults.push_back(fault(step, visitId, timeS, kind, critical, std::move(expected),
                               std::move(done), std::move(why)));
  };
  const std::vector<std::string> ids = optionIds(step);
  auto lookupOption = [&](const std::string& id) { return step.option(id) != nullptr; };

  switch (step.type) {
    case StepType::Narrative:
      break;

    case StepType::Decision:
    case StepType::Question:
    case StepType::Instructions: {
      const bool several = step.type != StepType::Decision && step.multiple;
      if (auto e = checkIds(step, a.choices, lookupOption, ids, "option")) return *e;
      if (!several && a.choices.size() != 1)
        return answerError(step,
                           "choose exactly one option, found " + std::to_string(a.choices.size()));
      if (several) {
        double raw = 0.0;
        for (const std::string& id : a.choices) raw += step.option(id)->points;
        share = std::clamp(raw / maxRawMultiple(step), 0.0, 1.0);
        for (const Choice& c : step.options) {
          const bool chosen =
              std::find(a.choices.begin(), a.choices.end(), c.id) != a.choices.end();
          if (chosen && !c.reply.empty()) res.replies.push_back(c.reply);
          if (chosen && c.correct) {
            if (!c.feedback.empty()) res.feedback.push_back(c.feedback);
          } else if (chosen && !c.correct) {
            const FaultKind kind = c.harmful ? FaultKind::HarmfulAdvice : FaultKind::WrongChoice;
            res.feedback.push_back((c.harmful ? "Harmful: " : "Not right: ") + c.text +
                                   (c.feedback.empty() ? "" : " — " + c.feedback));
            addFault(kind, c.critical, "not to choose: " + c.text, "chose: " + c.text,
                     c.feedback.empty() ? "This choice was wrong here." : c.feedback);
          } else if (!chosen && c.correct) {
            res.feedback.push_back("Missed: " + c.text +
                                   (c.feedback.empty() ? "" : " — " + c.feedback));
            addFault(FaultKind::MissedChoice, c.critical, "to choose: " + c.text, "left it out",
                     c.feedback.empty() ? "This should have been chosen." : c.feedback);
          }
        }
      } else {
        const Choice& c = *step.option(a.choices.front());
        share = std::clamp(c.points / maxRawSingle(step), 0.0, 1.0);
        if (!c.reply.empty()) res.replies.push_back(c.reply);
        res.feedback.push_back((c.correct ? "Right: " : "Not right: ") + c.text +
                               (c.feedback.empty() ? "" : " — " + c.feedback));
        if (!c.correct) {
          res.feedback.push_back("The right answer: " + quoteList(correctTexts(step)));
          addFault(c.harmful ? FaultKind::HarmfulAdvice : FaultKind::WrongChoice, c.critical,
                   quoteList(correctTexts(step)), c.text,
                   c.feedback.empty() ? "The right answer was: " + quoteList(correctTexts(step))
                                      : c.feedback);
        }
        if (step.type == StepType::Decision) flow = c.flow;
      }
      break;
    }

    case StepType::Checklist: {
      std::vector<std::string> itemIds;
      for (const ChecklistItem& it : step.items) itemIds.push_back(it.id);
      if (auto e = checkIds(
              step, a.choices, [&](const std::string& id) { return step.item(id) != nullptr; },
              itemIds, "item"))
        return *e;
      auto position = [&](const std::string& id) {
        auto it = std::find(a.choices.begin(), a.choices.end(), id);
        return it == a.choices.end() ? -1 : static_cast<int>(it - a.choices.begin());
      };
      double units = 0.0;
      int correctCount = 0;
      for (const ChecklistItem& it : step.items) {
        const bool done = position(it.id) >= 0;
        if (it.correct) {
          ++correctCount;
          if (done) {
            units += 1.0;
          } else {
            res.feedback.push_back("Missed: " + it.text +
                                   (it.feedback.empty() ? "" : " — " + it.feedback));
            addFault(FaultKind::ChecklistMissing, it.critical, it.text, "left out",
                     it.feedback.empty() ? "This belongs to the routine." : it.feedback);
          }
        } else if (done) {
          units -= 1.0;
          res.feedback.push_back("Should not be done: " + it.text +
                                 (it.feedback.empty() ? "" : " — " + it.feedback));
          addFault(FaultKind::ChecklistWrong, it.critical, "not to " + it.text, it.text,
                   it.feedback.empty() ? "This does not belong to the routine." : it.feedback);
        }
      }
      std::vector<OrderRule> rules = step.orderRules;
      if (step.ordered) {
        const ChecklistItem* prev = nullptr;
        for (const ChecklistItem& it : step.items) {
          if (!it.correct) continue;
          if (prev) rules.push_back(OrderRule{prev->id, it.id, false, "", it.where});
          prev = &it;
        }
      }
      for (const OrderRule& rule : rules) {
        const int p = position(rule.first), q = position(rule.then);
        if (p < 0 || q < 0 || p < q) continue;
        units -= 0.5;
        const std::string first = step.item(rule.first)->text, then = step.item(rule.then)->text;
        res.feedback.push_back("Out of order: " + first + " must come before " + then +
                               (rule.feedback.empty() ? "" : " — " + rule.feedback));
        addFault(FaultKind::ChecklistOrder, rule.critical, first + " before " + then,
                 then + " before " + first,
                 rule.feedback.empty() ? "Keep the order of the routine." : rule.feedback);
      }
      share = correctCount > 0 ? std::clamp(units / correctCount, 0.0, 1.0) : 1.0;
      break;
    }

    case StepType::Timer: {
      const TimerSpec& t = step.timer;
      if (a.waitS < 0.0) return answerError(step, "give the seconds waited");
      const std::string range = num(t.minS / 60.0) + "-" + num(t.maxS / 60.0) + " min";
      const std::string label = t.label.empty() ? "the wait" : t.label;
      if (a.waitS < t.minS) {
        share = 0.0;
        res.feedback.push_back("Too short: " + label + " took " + num(a.waitS / 60.0) +
                               " min, expected " + range +
                               (t.feedbackShort.empty() ? "" : " — " + t.feedbackShort));
        addFault(FaultKind::TimerShort, t.criticalShort, range, num(a.waitS / 60.0) + " min",
                 t.feedbackShort.empty() ? "Wait at least " + num(t.minS / 60.0) + " min."
                                         : t.feedbackShort);
      } else if (a.waitS > t.maxS) {
        share = 0.0;
        res.feedback.push_back("Too long: " + label + " took " + num(a.waitS / 60.0) +
                               " min, expected " + range +
                               (t.feedbackLong.empty() ? "" : " — " + t.feedbackLong));
        addFault(FaultKind::TimerLong, t.criticalLong, range, num(a.waitS / 60.0) + " min",
                 t.feedbackLong.empty() ? "Do not wait longer than " + num(t.maxS / 60.0) + " min."
                                        : t.feedbackLong);
      } else {
        res.feedback.push_back("Right: " + label + " " + num(a.waitS / 60.0) + " min (" + range +
                               ")");
      }
      break;
    }

    case StepType::Observation: {
      const ObservationSpec& o = step.observation;
      if (a.assessment != "normal" && a.assessment != "abnormal")
        return answerError(
            step, "the assessment must be 'normal' or 'abnormal', found '" + a.assessment + "'");
      if (auto e = checkIds(step, a.choices, lookupOption, ids, "action")) return *e;
      if (a.choices.size() != 1)
        return answerError(step,
                           "choose exactly one action, found " + std::to_string(a.choices.size()));
      const bool judgedNormal = a.assessment == "normal";
      const std::string truth = o.normal ? "normal" : "abnormal";
      double judged = 1.0;
      if (judgedNormal != o.normal) {
        judged = 0.0;
        res.feedback.push_back("Misjudged: this is " + truth + ", not " + a.assessment +
                               (o.feedback.empty() ? "" : " — " + o.feedback));
        addFault(FaultKind::Misjudged, o.critical, truth, a.assessment,
                 o.feedback.empty() ? "This course is " + truth + "." : o.feedback);
      } else {
        res.feedback.push_back("Right: " + truth + (o.feedback.empty() ? "" : " — " + o.feedback));
      }
      const Choice& c = *step.option(a.choices.front());
      const double action = std::clamp(c.points / maxRawSingle(step), 0.0, 1.0);
      res.feedback.push_back((c.correct ? "Right action: " : "Not the right action: ") + c.text +
                             (c.feedback.empty() ? "" : " — " + c.feedback));
      if (!c.correct)
        addFault(
            FaultKind::WrongAction, c.critical, quoteList(correctTexts(step)), c.text,
            c.feedback.empty() ? "The right action: " + quoteList(correctTexts(step)) : c.feedback);
      share = 0.5 * judged + 0.5 * action;
      break;
    }

    case StepType::Schedule: {
      const ScheduleSpec& sp = step.schedule;
      int asked = 0, met = 0;
      auto check = [&](const ScheduleItem& item, const std::optional<double>& given,
                       const char* name, const char* unit) -> std::optional<Error> {
        if (!item.given) {
          if (given) return answerError(step, std::string("the schedule does not ask for ") + name);
          return std::nullopt;
        }
        if (!given) return answerError(step, std::string("give ") + name);
        ++asked;
        const std::string range = num(item.lo) + "-" + num(item.hi) + " " + unit;
        if (*given >= item.lo - 1e-9 && *given <= item.hi + 1e-9) {
          ++met;
          res.feedback.push_back(std::string("Right: ") + name + " " + num(*given) + " (" + range +
                                 ")");
        } else {
          res.feedback.push_back(std::string("Outside the range: ") + name + " " + num(*given) +
                                 ", expected " + range +
                                 (item.feedback.empty() ? "" : " — " + item.feedback));
          addFault(FaultKind::Schedule, item.critical, std::string(name) + " " + range,
                   num(*given) + " " + unit,
                   item.feedback.empty() ? std::string("Plan ") + name + " within " + range + "."
                                         : item.feedback);
        }
        return std::nullopt;
      };
      if (auto e = check(sp.sessions, a.sessions, "sessions", "sessions")) return *e;
      if (auto e = check(sp.intervalWeeks, a.intervalWeeks, "interval_weeks", "weeks")) return *e;
      if (auto e = check(sp.maintenanceMonths, a.maintenanceMonths, "maintenance_months", "months"))
        return *e;
      share = asked > 0 ? static_cast<double>(met) / asked : 1.0;
      break;
    }

    case StepType::Procedure:
      break;  // handled above
  }

  res.points = res.maxPoints * share;
  RecordedStep rec;
  rec.stepId = step.id;
  rec.visitId = visitId;
  rec.timeS = timeS;
  rec.answer = a;
  m_timeS = timeS;
  complete(std::move(res), flow, std::move(rec));
  return &m_results.back();
}

Result<const StepResult*> CaseSession::finishProcedure(double timeS, const std::string& traceName) {
  const Step* stp = currentStep();
  if (!stp || stp->type != StepType::Procedure || !m_procedure)
    return makeError(ErrorCode::Value, "the current step is not a procedure step");
  const Step& step = *stp;
  if (!(timeS >= m_timeS))
    return answerError(step,
                       "time goes backwards: " + num(timeS) + " s after " + num(m_timeS) + " s");
  m_procedure->setInputNames(m_plans[m_current]->path, traceName);
  m_procedure->finish();
  ProcedureResult pr = m_procedure->result();
  const std::string visitId = m_scenario->visits[step.visit].id;
  StepResult res = stepResult(step, timeS);
  res.points = res.maxPoints * std::clamp(pr.score / 100.0, 0.0, 1.0);
  res.proficient = pr.proficient || !step.procedure.requireProficient;
  res.feedback.push_back("Procedure score " + num(pr.score) +
                         (pr.proficient ? ", proficient" : ", not proficient"));
  auto add = [&](const Fault& f) {
    CaseFault cf = fault(step, visitId, m_stepStartS + f.timeS, f.kind, f.critical, f.expected,
                         f.done, f.explanation);
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
    p.met = !p.scored || p.score >= p.threshold - 1e-9;
    if (p.scored) {
      weighted += p.weight * p.score;
      weights += p.weight;
    }
    r.phases.push_back(p);
  }
  r.score = weights > 0.0 ? weighted / weights : 0.0;

  for (const StepResult& s : m_results)
    for (const CaseFault& f : s.faults) (f.critical ? r.criticalErrors : r.faults).push_back(f);
  auto byTime = [](const CaseFault& a, const CaseFault& b) { return a.timeS < b.timeS; };
  std::stable_sort(r.criticalErrors.begin(), r.criticalErrors.end(), byTime);
  std::stable_sort(r.faults.begin(), r.faults.end(), byTime);

  if (!r.finished) r.unmet.push_back("unfinished");
  if (!r.criticalErrors.empty()) r.unmet.push_back("critical_errors");
  if (r.score < r.passThreshold - 1e-9) r.unmet.push_back("case_score");
  for (const PhaseResult& p : r.phases)
    if (!p.met) r.unmet.push_back(std::string("phase:") + phaseId(p.phase));
  for (const StepResult& s : m_results)
    if (!s.proficient) r.unmet.push_back("procedure:" + s.stepId);
  r.proficient = r.unmet.empty();
  return r;
}

}  // namespace mnsim
