#include "mnsim/cases/case_result_json.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "cases/case_json_internal.h"
#include "mnsim/base/text.h"
#include "mnsim/procedure/result_json.h"

namespace mnsim {

OrderedJson drawsToJson(const std::vector<Draw>& draws) {
  OrderedJson out = OrderedJson::array();
  for (const Draw& d : draws) {
    OrderedJson dj;
    dj["path"] = d.path;
    if (d.numeric)
      dj["value"] = d.number;
    else
      dj["value"] = d.text;
    out.push_back(dj);
  }
  return out;
}

namespace {

using Json = OrderedJson;

Json vec(const glm::vec3& v) {
  return Json::array({round6(v.x), round6(v.y), round6(v.z)});
}

Json faultJson(const CaseFault& f) {
  Json j;
  j["kind"] = faultKindId(f.kind);
  j["critical"] = f.critical;
  j["fails_phase"] = f.failsPhase;
  j["phase"] = phaseId(f.phase);
  j["visit"] = f.visitId;
  j["step"] = f.stepId;
  j["time_s"] = round6(f.timeS);
  j["zone"] = f.zoneId;
  j["point_mm"] = f.hasPoint ? vec(f.pointMm) : Json(nullptr);
  j["expected"] = f.expected;
  j["done"] = f.done;
  j["explanation"] = f.explanation;
  return j;
}

}  // namespace

Json answerToJson(StepType type, const Answer& a) {
  Json j = Json::object();
  const AnswerFields fields = answerFields(type);
  if (fields.assessment) j["assessment"] = a.assessment;
  if (fields.choices) j["choices"] = a.choices;
  if (fields.wait) j["wait_s"] = a.waitS;
  if (fields.schedule) {
    if (a.sessions) j["sessions"] = *a.sessions;
    if (a.intervalWeeks) j["interval_weeks"] = *a.intervalWeeks;
    if (a.maintenanceMonths) j["maintenance_months"] = *a.maintenanceMonths;
  }
  return j;
}

Json caseResultJson(const CaseResult& r) {
  Json j;
  j["format"] = kCaseJsonFormat;
  j["scenario"] = {{"id", r.scenarioId},
                   {"title", r.scenarioTitle},
                   {"version", r.scenarioVersion},
                   {"path", r.scenarioPath},
                   {"sha256", r.scenarioSha256}};
  j["asset"] = {{"name", r.assetName}, {"hash", r.assetHash}};
  j["seed"] = r.seed;
  j["draws"] = drawsToJson(r.draws);

  Json summary;
  summary["score"] = round6(r.score);
  summary["score_uncapped"] = round6(r.scoreUncapped);
  summary["score_cap"] = r.scoreCap;
  summary["pass_threshold"] = round6(r.passThreshold);
  summary["proficient"] = r.proficient;
  summary["decision"] = r.proficient ? "pass" : "fail";
  summary["unmet"] = r.unmet;
  summary["finished"] = r.finished;
  summary["outcome"] = r.finished ? outcomeId(r.outcome) : "unfinished";
  summary["end_step"] = r.endStepId;
  summary["duration_s"] = round6(r.durationS);
  summary["critical_errors"] = r.criticalErrors.size();
  summary["faults"] = r.faults.size();
  j["summary"] = summary;

  Json phases = Json::array();
  for (const PhaseResult& p : r.phases) {
    Json pj;
    pj["phase"] = phaseId(p.phase);
    pj["name"] = phaseName(p.phase);
    pj["weight"] = round6(p.weight);
    pj["scored"] = p.scored;
    pj["points"] = round6(p.points);
    pj["max_points"] = round6(p.maxPoints);
    pj["score"] = round6(p.score);
    pj["threshold"] = round6(p.threshold);
    pj["met"] = p.met;
    phases.push_back(pj);
  }
  j["phases"] = phases;

  Json steps = Json::array();
  for (const StepResult& s : r.steps) {
    Json sj;
    sj["step"] = s.stepId;
    sj["type"] = stepTypeId(s.type);
    sj["phase"] = phaseId(s.phase);
    sj["visit"] = s.visitId;
    sj["start_s"] = round6(s.startS);
    sj["end_s"] = round6(s.endS);
    sj["points"] = round6(s.points);
    sj["max_points"] = round6(s.maxPoints);
    sj["answer"] = answerToJson(s.type, s.answer);
    sj["feedback"] = s.feedback;
    sj["replies"] = s.replies;
    Json faults = Json::array();
    for (const CaseFault& f : s.faults) faults.push_back(faultJson(f));
    sj["faults"] = faults;
    if (s.procedure) {
      sj["proficient"] = s.proficient;
      sj["procedure"] = Json::parse(resultToJson(*s.procedure, -1));
    }
    steps.push_back(sj);
  }
  j["steps"] = steps;
  Json critical = Json::array(), faults = Json::array();
  for (const CaseFault& f : r.criticalErrors) critical.push_back(faultJson(f));
  for (const CaseFault& f : r.faults) faults.push_back(faultJson(f));
  j["critical_errors"] = critical;
  j["faults"] = faults;
  return j;
}

std::string caseResultToJson(const CaseResult& r, int indent) {
  return caseResultJson(r).dump(indent) + "\n";
}

std::string caseResultToTable(const CaseResult& r) {
  std::ostringstream out;
  out << "mnsim case — " << r.scenarioTitle << " (" << r.scenarioId << ")\n";
  out << "asset " << r.assetName << ", seed " << r.seed << ", "
      << (r.finished ? std::string("ended: ") + outcomeId(r.outcome) : std::string("unfinished"))
      << " after step '" << r.endStepId << "'\n\n";
  out << "SCORE " << fixedNumber(r.score, 1) << " / 100 (pass " << fixedNumber(r.passThreshold, 0)
      << ")   " << (r.proficient ? "PASS — PROFICIENT" : "FAIL — NOT PROFICIENT")
      << "   critical errors: " << r.criticalErrors.size() << "\n";
  if (!r.scoreCap.empty())
    out << "(" << fixedNumber(r.scoreUncapped, 1) << " before the cap: "
        << (r.scoreCap == "critical_errors" ? "a critical error" : "a procedure not proficient")
        << " keeps the score below the pass mark)\n";
  if (!r.unmet.empty()) {
    out << "unmet:";
    for (const std::string& u : r.unmet) out << " " << u;
    out << "\n";
  }
  out << "\n"
      << padRight("phase", 22) << padRight("weight", 8) << padRight("score", 8)
      << padRight("needed", 8) << "\n";
  for (const PhaseResult& p : r.phases) {
    out << padRight(phaseName(p.phase), 22) << padRight(fixedNumber(p.weight, 0), 8)
        << padRight(p.scored ? fixedNumber(p.score, 1) : "-", 8)
        << padRight(p.scored ? fixedNumber(p.threshold, 0) : "-", 8)
        << (p.scored ? (p.met ? "ok" : "BELOW") : "not reached or not scored") << "\n";
  }
  out << "\nSteps\n";
  for (const StepResult& s : r.steps) {
    out << "  [" << phaseId(s.phase) << "] " << s.stepId << " (" << stepTypeId(s.type) << ")";
    if (s.maxPoints > 0)
      out << "  " << fixedNumber(s.points, 2) << " / " << fixedNumber(s.maxPoints, 2);
    out << "\n";
    for (const std::string& line : s.replies) out << "      patient: " << line << "\n";
    for (const std::string& line : s.feedback) out << "      " << line << "\n";
  }
  if (!r.criticalErrors.empty()) {
    out << "\nCRITICAL ERRORS\n";
    for (const CaseFault& f : r.criticalErrors) {
      out << "  " << fixedNumber(f.timeS, 1) << " s  [" << phaseId(f.phase) << "] " << f.stepId
          << ": " << faultKindId(f.kind);
      if (!f.zoneId.empty()) out << " in " << f.zoneId;
      out << "\n      expected: " << f.expected << "\n      done: " << f.done << "\n      "
          << f.explanation << "\n";
    }
  }
  return out.str();
}

}  // namespace mnsim
