#include "mnsim/review/rubric.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "mnsim/base/text.h"

namespace mnsim {

const char* checkValueId(CheckValue v) {
  switch (v) {
    case CheckValue::NotObserved: return "not_observed";
    case CheckValue::NotMet: return "not_met";
    case CheckValue::Met: return "met";
  }
  return "not_observed";
}

std::optional<CheckValue> checkValueFromId(std::string_view id) {
  for (CheckValue v : {CheckValue::NotObserved, CheckValue::NotMet, CheckValue::Met})
    if (id == checkValueId(v)) return v;
  return std::nullopt;
}

const char* judgementId(Judgement v) {
  switch (v) {
    case Judgement::NotGiven: return "not_given";
    case Judgement::Below: return "below";
    case Judgement::Borderline: return "borderline";
    case Judgement::Meets: return "meets";
    case Judgement::Above: return "above";
  }
  return "not_given";
}

const char* judgementName(Judgement v) {
  switch (v) {
    case Judgement::NotGiven: return "Not given";
    case Judgement::Below: return "Below expectations";
    case Judgement::Borderline: return "Borderline";
    case Judgement::Meets: return "Meets expectations";
    case Judgement::Above: return "Above expectations";
  }
  return "Not given";
}

std::optional<Judgement> judgementFromId(std::string_view id) {
  for (Judgement v : {Judgement::NotGiven, Judgement::Below, Judgement::Borderline, Judgement::Meets, Judgement::Above})
    if (id == judgementId(v)) return v;
  return std::nullopt;
}

int Rubric::osatsTotal() const {
  int total = 0;
  for (const RatingItem& i : osats) {
    if (i.value < 1) return 0;
    total += i.value;
  }
  return total;
}

namespace {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f %%", 100.0 * share);
  return buf;
}

// The documented bands (docs/rubric.md): a share of 0..1 to a rating of 1..5.
int band(double share) {
  if (share >= 0.95) return 5;
  if (share >= 0.85) return 4;
  if (share >= 0.70) return 3;
  if (share >= 0.50) return 2;
  return 1;
}

// The procedure's planned zones and critical errors, from every needling of the run.
struct Needled {
  std::vector<const ZoneResult*> zones;
  int criticalErrors = 0;
  bool any = false;

  // The zones' area-weighted mean of a share.
  double mean(const std::function<double(const ZoneResult&)>& share) const {
    double sum = 0.0, area = 0.0;
    for (const ZoneResult* z : zones) {
      sum += share(*z) * z->areaMm2;
      area += z->areaMm2;
    }
    return area > 0.0 ? sum / area : 0.0;
  }
};

Needled needled(const CaseResult* c, const ProcedureResult* p) {
  Needled n;
  auto add = [&](const ProcedureResult& r) {
    n.any = true;
    n.criticalErrors += static_cast<int>(r.criticalErrors.size());
    for (const ZoneResult& z : r.zones)
      if (z.planned) n.zones.push_back(&z);
  };
  if (p) add(*p);
  if (c)
    for (const StepResult& s : c->steps)
      if (s.procedure) add(*s.procedure);
  return n;
}

RatingItem rating(std::string id, std::string title, int value, std::string basis) {
  RatingItem r;
  r.id = std::move(id);
  r.title = std::move(title);
  r.prefilled = r.value = value;
  r.basis = std::move(basis);
  return r;
}

double ratio(double a, double b) { return b > 0.0 ? std::min(1.0, a / b) : 1.0; }

std::vector<RatingItem> prefillOsats(const CaseResult* c, const Needled& n) {
  std::vector<RatingItem> out;
  if (!n.any || n.zones.empty()) {
    for (auto [id, title] : {std::pair{"respect_for_tissue", "Respect for tissue"}, {"time_and_motion", "Time and motion"},
                             {"instrument_handling", "Instrument handling"}, {"flow", "Flow of the procedure"}})
      out.push_back(rating(id, title, 0, "no needling in this run: the assessor rates it"));
  } else {
    const double tissue =
        n.mean([](const ZoneResult& z) { return z.depthInRangeShare * (1.0 - z.overTreatedShare) * (1.0 - z.heavyPressureShare); });
    out.push_back(n.criticalErrors > 0
                      ? rating("respect_for_tissue", "Respect for tissue", 1,
                               std::to_string(n.criticalErrors) + " critical error(s) in the needling")
                      : rating("respect_for_tissue", "Respect for tissue", band(tissue),
                               "depth in range x not over-treated x light pressure: " + percent(tissue)));
    const double motion = n.mean([](const ZoneResult& z) { return z.speedInBandShare; });
    out.push_back(rating("time_and_motion", "Time and motion", band(motion), "contact time at a speed in the band: " + percent(motion)));
    const double handling = n.mean([](const ZoneResult& z) { return z.angleWithinShare * (z.needsStretch ? z.stretchShare : 1.0); });
    out.push_back(rating("instrument_handling", "Instrument handling", band(handling),
                         "stamps with the pen upright (x skin stretched where needed): " + percent(handling)));
    const double flow = n.mean([](const ZoneResult& z) {
      return ratio(z.coverageTotal, z.coverageMin) * ratio(z.passes.size(), z.passesRequired) *
             ratio(z.directions, z.directionsRequired);
    });
    out.push_back(rating("flow", "Flow of the procedure", band(flow), "coverage x passes x directions against the plan: " + percent(flow)));
  }
  double points = 0.0, max = 0.0;
  if (c)
    for (const StepResult& s : c->steps)
      if (s.type != StepType::Procedure) {
        points += s.points;
        max += s.maxPoints;
      }
  out.push_back(max > 0.0 ? rating("knowledge", "Knowledge of the procedure", band(points / max),
                                   "points in the case's other steps: " + percent(points / max))
                          : rating("knowledge", "Knowledge of the procedure", 0, "no case steps: the assessor rates it"));
  // The order of docs/rubric.md.
  std::stable_sort(out.begin(), out.end(), [](const RatingItem& a, const RatingItem& b) {
    const char* order[] = {"respect_for_tissue", "time_and_motion", "instrument_handling", "flow", "knowledge"};
    auto at = [&](const std::string& id) { return std::find(std::begin(order), std::end(order), id) - std::begin(order); };
    return at(a.id) < at(b.id);
  });
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// A DOPS item from the case steps it concerns: met with 80 % of their points and no critical
// error among them; not observed when the run reached none of them.
CheckItem checkFromSteps(std::string id, std::string title, const CaseResult* c,
                         const std::function<bool(const StepResult&)>& concerns) {
  CheckItem item;
  item.id = std::move(id);
  item.title = std::move(title);
  double points = 0.0, max = 0.0;
  int critical = 0;
  std::vector<std::string> ids;
  if (c)
    for (const StepResult& s : c->steps) {
      if (!concerns(s) || s.maxPoints <= 0.0) continue;
      points += s.points;
      max += s.maxPoints;
      for (const CaseFault& f : s.faults) critical += f.critical ? 1 : 0;
      if (std::find(ids.begin(), ids.end(), s.stepId) == ids.end()) ids.push_back(s.stepId);
    }
  if (max <= 0.0) {
    item.prefilled = CheckValue::NotObserved;
    item.basis = "no step of the run concerns it";
  } else {
    item.prefilled = critical == 0 && points >= 0.8 * max ? CheckValue::Met : CheckValue::NotMet;
    item.basis = percent(points / max) + " of the points in " + joined(ids) +
                 (critical ? "; " + std::to_string(critical) + " critical error(s)" : "");
  }
  item.value = item.prefilled;
  return item;
}

bool isConsent(const StepResult& s) { return contains(s.stepId, "consent") || contains(s.stepId, "expect"); }
bool isNeedleStep(const StepResult& s) { return contains(s.stepId, "needle") || contains(s.stepId, "asep"); }

std::vector<CheckItem> prefillDops(const CaseResult* c, const Needled& n) {
  std::vector<CheckItem> out;
  out.push_back(checkFromSteps("indications", "Indications, contraindications and anatomy", c, [](const StepResult& s) {
    return s.phase == Phase::Consultation && !isConsent(s);
  }));
  out.push_back(checkFromSteps("consent", "Consent and expectations", c,
                               [](const StepResult& s) { return s.phase == Phase::Consultation && isConsent(s); }));
  out.push_back(checkFromSteps("preparation", "Pre-procedure preparation", c, [](const StepResult& s) {
    return s.phase == Phase::Preparation && s.type != StepType::Timer && !isNeedleStep(s);
  }));
  out.push_back(checkFromSteps("analgesia", "Analgesia (numbing)", c,
                               [](const StepResult& s) { return s.phase == Phase::Preparation && s.type == StepType::Timer; }));
  CheckItem technical;
  technical.id = "technical_ability";
  technical.title = "Technical ability";
  if (!n.any) {
    technical.prefilled = CheckValue::NotObserved;
    technical.basis = "no needling in this run";
  } else {
    bool proficient = n.criticalErrors == 0;
    int unmet = 0;
    for (const ZoneResult* z : n.zones) unmet += z->proficient ? 0 : 1;
    proficient = proficient && unmet == 0;
    technical.prefilled = proficient ? CheckValue::Met : CheckValue::NotMet;
    technical.basis = std::to_string(n.zones.size() - static_cast<size_t>(unmet)) + " of " + std::to_string(n.zones.size()) +
                      " planned zones proficient; " + std::to_string(n.criticalErrors) + " critical error(s)";
  }
  technical.value = technical.prefilled;
  out.push_back(technical);
  out.push_back(checkFromSteps("asepsis", "Aseptic technique", c,
                               [](const StepResult& s) { return s.phase == Phase::Preparation && isNeedleStep(s); }));
  out.push_back(checkFromSteps("post_procedure_care", "Post-procedure care", c, [](const StepResult& s) {
    return s.phase == Phase::Aftercare || s.phase == Phase::Recovery;
  }));
  out.push_back(checkFromSteps("communication", "Communication and follow-up", c, [](const StepResult& s) {
    return s.phase == Phase::Results || s.phase == Phase::Maintenance;
  }));
  return out;
}

}  // namespace

Rubric prefillRubric(const CaseResult* c, const ProcedureResult* p) {
  const Needled n = needled(c, p);
  Rubric r;
  r.osats = prefillOsats(c, n);
  r.dops = prefillDops(c, n);
  r.overall.id = "overall";
  r.overall.title = "Overall judgement";
  const bool proficient = c ? c->proficient : (p && p->proficient);
  const double score = c ? c->score : (p ? p->score : 0.0);
  r.overall.prefilled = proficient ? Judgement::Meets : Judgement::Below;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s, score %.1f", proficient ? "proficient" : "not proficient", score);
  r.overall.basis = buf;
  r.overall.value = r.overall.prefilled;
  return r;
}

namespace {

// An item pre-filled with nothing to go on (an OSATS 0) is rated without a reason.
template <typename V>
Status setItem(RubricItem<V>& item, V value, std::string_view reason, bool noBasis = false) {
  const std::string why(trimSpaces(reason));
  if (value != item.prefilled && why.empty() && !noBasis)
    return makeError(ErrorCode::Value, "'" + item.title + "': a change from the pre-filled value needs a reason", {});
  item.value = value;
  item.overrideReason = value == item.prefilled ? "" : why;
  return Ok{};
}

}  // namespace

Status overrideItem(RatingItem& item, int value, std::string_view reason) {
  if (value < 1 || value > 5)
    return makeError(ErrorCode::Value, "'" + item.title + "': a rating is 1 to 5, not " + std::to_string(value), {});
  return setItem(item, value, reason, item.prefilled == 0);
}

Status overrideItem(CheckItem& item, CheckValue value, std::string_view reason) { return setItem(item, value, reason); }
Status overrideItem(JudgementItem& item, Judgement value, std::string_view reason) { return setItem(item, value, reason); }

Status checkRubricComplete(const Rubric& r) {
  for (const RatingItem& i : r.osats) {
    if (i.value < 1 || i.value > 5) return makeError(ErrorCode::Value, "'" + i.title + "' is not rated yet (1-5)", {});
    if (i.overridden() && i.prefilled != 0 && trimSpaces(i.overrideReason).empty())
      return makeError(ErrorCode::Value, "'" + i.title + "' was changed without a reason", {});
  }
  for (const CheckItem& i : r.dops)
    if (i.overridden() && trimSpaces(i.overrideReason).empty())
      return makeError(ErrorCode::Value, "'" + i.title + "' was changed without a reason", {});
  if (r.overall.value == Judgement::NotGiven) return makeError(ErrorCode::Value, "no overall judgement yet", {});
  if (r.overall.overridden() && trimSpaces(r.overall.overrideReason).empty())
    return makeError(ErrorCode::Value, "the overall judgement was changed without a reason", {});
  return Ok{};
}

}  // namespace mnsim
