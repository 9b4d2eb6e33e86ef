#include "cases/step_scoring.h"

#include <algorithm>
#include <optional>
#include <set>

#include "mnsim/base/text.h"

namespace mnsim {

namespace {

std::string num(double v) { return trimmedNumber(v, 2); }

std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) out += (i ? "; " : "") + texts[i];
  return out;
}

// " — feedback", or nothing.
std::string dash(const std::string& feedback) { return feedback.empty() ? "" : " — " + feedback; }

// Collects a step's score as the scorers build it.
struct Scoring {
  const AnsweredStep& s;
  StepScore out;
  CaseFault& fault(FaultKind kind, bool critical, std::string expected, std::string done, std::string why) {
    out.faults.push_back(
        stepFault(s.step, s.visitId, s.timeS, kind, critical, std::move(expected), std::move(done), std::move(why)));
    return out.faults.back();
  }
};

// Checks that every id names an option (or item) once.
template <class Lookup>
std::optional<Error> checkIds(const Step& step, const std::vector<std::string>& ids, Lookup lookup,
                              const std::vector<std::string>& known, const char* what) {
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (!lookup(id)) return answerError(step, "no " + std::string(what) + " '" + id + "'" + didYouMean(id, known));
    if (!seen.insert(id).second) return answerError(step, std::string(what) + " '" + id + "' is given twice");
  }
  return std::nullopt;
}

std::optional<Error> checkOptions(const Step& step, const std::vector<std::string>& ids, const char* what) {
  std::vector<std::string> known;
  for (const Choice& c : step.options) known.push_back(c.id);
  return checkIds(step, ids, [&](const std::string& id) { return step.option(id) != nullptr; }, known, what);
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

// Several options may be chosen: points add up; wrong ones chosen and right ones missed are faults.
void scoreSeveral(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  double raw = 0.0;
  for (const std::string& id : a.choices) raw += step.option(id)->points;
  sc.out.share = std::clamp(raw / maxRawMultiple(step), 0.0, 1.0);
  for (const Choice& c : step.options) {
    const bool chosen = std::find(a.choices.begin(), a.choices.end(), c.id) != a.choices.end();
    if (chosen && !c.reply.empty()) sc.out.replies.push_back(c.reply);
    if (chosen && c.correct) {
      if (!c.feedback.empty()) sc.out.feedback.push_back(c.feedback);
    } else if (chosen && !c.correct) {
      sc.out.feedback.push_back((c.harmful ? "Harmful: " : "Not right: ") + c.text + dash(c.feedback));
      sc.fault(c.harmful ? FaultKind::HarmfulAdvice : FaultKind::WrongChoice, c.critical, "not to choose: " + c.text,
               "chose: " + c.text, c.feedback.empty() ? "This choice was wrong here." : c.feedback)
          .failsPhase = c.failsPhase;
    } else if (!chosen && c.correct) {
      sc.out.feedback.push_back("Missed: " + c.text + dash(c.feedback));
      sc.fault(FaultKind::MissedChoice, c.critical, "to choose: " + c.text, "left it out",
               c.feedback.empty() ? "This should have been chosen." : c.feedback)
          .failsPhase = c.failsPhase;
    }
  }
}

// One option: its points; a wrong one is a fault naming the right answer. A decision's option
// also decides where the case goes.
void scoreOne(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  const Choice& c = *step.option(a.choices.front());
  sc.out.share = std::clamp(c.points / maxRawSingle(step), 0.0, 1.0);
  if (!c.reply.empty()) sc.out.replies.push_back(c.reply);
  sc.out.feedback.push_back((c.correct ? "Right: " : "Not right: ") + c.text + dash(c.feedback));
  if (!c.correct) {
    const std::string right = joined(correctTexts(step));
    sc.out.feedback.push_back("The right answer: " + right);
    sc.fault(c.harmful ? FaultKind::HarmfulAdvice : FaultKind::WrongChoice, c.critical, right, c.text,
             c.feedback.empty() ? "The right answer was: " + right : c.feedback)
        .failsPhase = c.failsPhase;
  }
  if (step.type == StepType::Decision) sc.out.flow = c.flow;
}

std::optional<Error> scoreChoices(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  const bool several = step.type != StepType::Decision && step.multiple;
  if (auto e = checkOptions(step, a.choices, "option")) return e;
  if (!several && a.choices.size() != 1)
    return answerError(step, "choose exactly one option, found " + std::to_string(a.choices.size()));
  several ? scoreSeveral(sc, a) : scoreOne(sc, a);
  return std::nullopt;
}

// Items done and left out, distractors done, and order rules broken.
std::optional<Error> scoreChecklist(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  std::vector<std::string> itemIds;
  for (const ChecklistItem& it : step.items) itemIds.push_back(it.id);
  if (auto e = checkIds(step, a.choices, [&](const std::string& id) { return step.item(id) != nullptr; }, itemIds,
                        "item"))
    return e;
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
        continue;
      }
      sc.out.feedback.push_back("Missed: " + it.text + dash(it.feedback));
      sc.fault(FaultKind::ChecklistMissing, it.critical, it.text, "left out",
               it.feedback.empty() ? "This belongs to the routine." : it.feedback)
          .failsPhase = it.failsPhase;
    } else if (done) {
      units -= 1.0;
      sc.out.feedback.push_back("Should not be done: " + it.text + dash(it.feedback));
      sc.fault(FaultKind::ChecklistWrong, it.critical, "not to " + it.text, it.text,
               it.feedback.empty() ? "This does not belong to the routine." : it.feedback)
          .failsPhase = it.failsPhase;
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
    sc.out.feedback.push_back("Out of order: " + first + " must come before " + then + dash(rule.feedback));
    sc.fault(FaultKind::ChecklistOrder, rule.critical, first + " before " + then, then + " before " + first,
             rule.feedback.empty() ? "Keep the order of the routine." : rule.feedback);
  }
  sc.out.share = correctCount > 0 ? std::clamp(units / correctCount, 0.0, 1.0) : 1.0;
  return std::nullopt;
}

std::optional<Error> scoreTimer(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  const TimerSpec& t = step.timer;
  if (a.waitS < 0.0) return answerError(step, "give the seconds waited");
  const std::string range = num(t.minS / 60.0) + "-" + num(t.maxS / 60.0) + " min";
  const std::string label = t.label.empty() ? "the wait" : t.label;
  const std::string waited = num(a.waitS / 60.0) + " min";
  if (a.waitS < t.minS) {
    sc.out.share = 0.0;
    sc.out.feedback.push_back("Too short: " + label + " took " + waited + ", expected " + range + dash(t.feedbackShort));
    sc.fault(FaultKind::TimerShort, t.criticalShort, range, waited,
             t.feedbackShort.empty() ? "Wait at least " + num(t.minS / 60.0) + " min." : t.feedbackShort)
        .failsPhase = t.failsPhaseShort;
  } else if (a.waitS > t.maxS) {
    sc.out.share = 0.0;
    sc.out.feedback.push_back("Too long: " + label + " took " + waited + ", expected " + range + dash(t.feedbackLong));
    sc.fault(FaultKind::TimerLong, t.criticalLong, range, waited,
             t.feedbackLong.empty() ? "Do not wait longer than " + num(t.maxS / 60.0) + " min." : t.feedbackLong)
        .failsPhase = t.failsPhaseLong;
  } else {
    sc.out.feedback.push_back("Right: " + label + " " + waited + " (" + range + ")");
  }
  return std::nullopt;
}

// Half for telling normal from abnormal, half for the action chosen.
std::optional<Error> scoreObservation(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  const ObservationSpec& o = step.observation;
  if (a.assessment != "normal" && a.assessment != "abnormal")
    return answerError(step, "the assessment must be 'normal' or 'abnormal', found '" + a.assessment + "'");
  if (auto e = checkOptions(step, a.choices, "action")) return e;
  if (a.choices.size() != 1) return answerError(step, "choose exactly one action, found " + std::to_string(a.choices.size()));
  const bool judgedNormal = a.assessment == "normal";
  const std::string truth = o.normal ? "normal" : "abnormal";
  double judged = 1.0;
  if (judgedNormal != o.normal) {
    judged = 0.0;
    sc.out.feedback.push_back("Misjudged: this is " + truth + ", not " + a.assessment + dash(o.feedback));
    sc.fault(FaultKind::Misjudged, o.critical, truth, a.assessment,
             o.feedback.empty() ? "This course is " + truth + "." : o.feedback);
  } else {
    sc.out.feedback.push_back("Right: " + truth + dash(o.feedback));
  }
  const Choice& c = *step.option(a.choices.front());
  const double action = std::clamp(c.points / maxRawSingle(step), 0.0, 1.0);
  sc.out.feedback.push_back((c.correct ? "Right action: " : "Not the right action: ") + c.text + dash(c.feedback));
  if (!c.correct) {
    const std::string right = joined(correctTexts(step));
    sc.fault(FaultKind::WrongAction, c.critical, right, c.text,
             c.feedback.empty() ? "The right action: " + right : c.feedback);
  }
  sc.out.share = 0.5 * judged + 0.5 * action;
  return std::nullopt;
}

// Each item the schedule asks for, inside its range or not.
std::optional<Error> scoreSchedule(Scoring& sc, const Answer& a) {
  const Step& step = sc.s.step;
  const ScheduleSpec& sp = step.schedule;
  int asked = 0, met = 0;
  auto check = [&](const ScheduleItem& item, const std::optional<double>& given, const char* name,
                   const char* unit) -> std::optional<Error> {
    if (!item.given) {
      if (given) return answerError(step, std::string("the schedule does not ask for ") + name);
      return std::nullopt;
    }
    if (!given) return answerError(step, std::string("give ") + name);
    ++asked;
    const std::string range = num(item.lo) + "-" + num(item.hi) + " " + unit;
    if (*given >= item.lo - 1e-9 && *given <= item.hi + 1e-9) {
      ++met;
      sc.out.feedback.push_back(std::string("Right: ") + name + " " + num(*given) + " (" + range + ")");
    } else {
      sc.out.feedback.push_back(std::string("Outside the range: ") + name + " " + num(*given) + ", expected " + range +
                                dash(item.feedback));
      sc.fault(FaultKind::Schedule, item.critical, std::string(name) + " " + range, num(*given) + " " + unit,
               item.feedback.empty() ? std::string("Plan ") + name + " within " + range + "." : item.feedback)
          .failsPhase = item.failsPhase;
    }
    return std::nullopt;
  };
  if (auto e = check(sp.sessions, a.sessions, "sessions", "sessions")) return e;
  if (auto e = check(sp.intervalWeeks, a.intervalWeeks, "interval_weeks", "weeks")) return e;
  if (auto e = check(sp.maintenanceMonths, a.maintenanceMonths, "maintenance_months", "months")) return e;
  sc.out.share = asked > 0 ? static_cast<double>(met) / asked : 1.0;
  return std::nullopt;
}

}  // namespace

Error answerError(const Step& step, const std::string& message) {
  return makeError(ErrorCode::Value, "step '" + step.id + "': " + message, step.where);
}

CaseFault stepFault(const Step& step, const std::string& visitId, double timeS, FaultKind kind, bool critical,
                    std::string expected, std::string done, std::string explanation) {
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

Result<StepScore> scoreAnswer(const AnsweredStep& s, const Answer& answer) {
  Scoring sc{s, {}};
  sc.out.flow = s.step.flow;
  std::optional<Error> error;
  switch (s.step.type) {
    case StepType::Narrative:
    case StepType::Procedure: break;  // nothing to score (procedures are needled, not answered)
    case StepType::Decision:
    case StepType::Question:
    case StepType::Instructions: error = scoreChoices(sc, answer); break;
    case StepType::Checklist: error = scoreChecklist(sc, answer); break;
    case StepType::Timer: error = scoreTimer(sc, answer); break;
    case StepType::Observation: error = scoreObservation(sc, answer); break;
    case StepType::Schedule: error = scoreSchedule(sc, answer); break;
  }
  if (error) return *error;
  return std::move(sc.out);
}

}  // namespace mnsim
