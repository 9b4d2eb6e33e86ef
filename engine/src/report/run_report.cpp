#include "mnsim/report/run_report.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "mnsim/procedure/fault_kinds.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim {

namespace {

std::string whyInWords(const std::string& unmet, const CaseSession* session) {
  if (unmet == "critical_errors") return "a critical error";
  if (unmet == "unfinished") return "the case was not finished";
  if (unmet == "case_score") return "the case score is below the pass mark";
  if (unmet.rfind("phase:", 0) == 0) {
    const auto phase = phaseFromId(unmet.substr(6));
    return std::string(phase ? phaseName(*phase) : unmet.substr(6).c_str()) + " below its threshold, or a fault that fails it";
  }
  if (unmet.rfind("procedure:", 0) == 0) {
    const std::string step = unmet.substr(10);
    const int i = session ? session->scenario().findStep(step) : -1;
    const std::string title = i >= 0 && !session->scenario().steps[i].title.empty() ? session->scenario().steps[i].title : step;
    return "the needling (" + title + ") not proficient";
  }
  return unmet;
}

ReportFault fromFault(const Fault& f, double offsetS, const std::string& step) {
  ReportFault r;
  r.kind = faultKindId(f.kind);
  r.title = std::string(faultKindInfo(f.kind).title);
  r.critical = f.critical;
  r.step = step;
  r.zone = f.zoneId;
  r.timeS = offsetS + f.timeS;
  r.endTimeS = offsetS + f.endTimeS;
  r.hasPoint = true;
  r.pointMm = f.pointMm;
  r.expected = f.expected;
  r.done = f.done;
  r.explanation = f.explanation;
  return r;
}

ReportFault fromCaseFault(const CaseFault& f) {
  ReportFault r;
  r.kind = faultKindId(f.kind);
  r.title = std::string(faultKindInfo(f.kind).title);
  r.critical = f.critical;
  r.step = f.stepId;
  r.zone = f.zoneId;
  r.timeS = r.endTimeS = f.timeS;
  r.hasPoint = f.hasPoint;
  r.pointMm = f.pointMm;
  r.expected = f.expected;
  r.done = f.done;
  r.explanation = f.explanation;
  return r;
}

void addNeedling(RunReport& report, const ReplayNeedling& n) {
  const ProcedureResult& result = n.replay->result();
  report.needlings.push_back({n.stepId, n.title, n.startS, n.endS, result.score, result.proficient,
                              static_cast<int>(result.criticalErrors.size()), static_cast<int>(result.faults.size())});
  for (const ZoneResult& z : result.zones) {
    if (!z.planned) continue;
    ReportZone rz;
    rz.needling = n.title;
    rz.id = z.id;
    rz.name = z.name;
    rz.proficient = z.proficient;
    rz.score = z.score;
    for (const PassResult& p : z.passes) rz.passCoverage.push_back(p.coverage);
    rz.depthInRangeShare = z.depthInRangeShare;
    rz.angleWithinShare = z.angleWithinShare;
    rz.speedInBandShare = z.speedInBandShare;
    rz.depthMinMm = z.depthMinMm;
    rz.depthMaxMm = z.depthMaxMm;
    rz.speedMinMmPerS = z.speedMinMmPerS;
    rz.speedMaxMmPerS = z.speedMaxMmPerS;
    rz.unmet = z.unmet;
    report.zones.push_back(std::move(rz));
  }
  for (const Fault& f : result.criticalErrors) report.faults.push_back(fromFault(f, n.startS, n.stepId));
  for (const Fault& f : result.faults) report.faults.push_back(fromFault(f, n.startS, n.stepId));
  // Over time: the stamps in buckets of equal time, each bucket's mean.
  ReportSeries s;
  s.needling = n.title;
  s.startS = n.startS;
  s.angleWarnDeg = n.replay->plan().rules.angleWarnDeg;
  s.angleFaultDeg = n.replay->plan().rules.angleFaultDeg;
  const std::vector<Stamp>& stamps = n.replay->stamps();
  const size_t per = std::max<size_t>(1, (stamps.size() + kReportSeriesPoints - 1) / kReportSeriesPoints);
  for (size_t i = 0; i < stamps.size(); i += per) {
    const size_t end = std::min(stamps.size(), i + per);
    double t = 0.0, speed = 0.0, depth = 0.0, angle = 0.0;
    for (size_t k = i; k < end; ++k) {
      t += stamps[k].timeS;
      speed += stamps[k].speedMmPerS;
      depth += stamps[k].dialDepthMm;
      angle += stamps[k].angleDeg;
    }
    const double count = static_cast<double>(end - i);
    s.timeS.push_back(n.startS + t / count);
    s.speedMmPerS.push_back(static_cast<float>(speed / count));
    s.dialDepthMm.push_back(static_cast<float>(depth / count));
    s.angleDeg.push_back(static_cast<float>(angle / count));
  }
  report.series.push_back(std::move(s));
}

void addCase(RunReport& report, const RunReplay& replay) {
  const CaseResult& cr = *replay.caseResult();
  const Scenario& scenario = replay.caseSession()->scenario();
  report.caseId = cr.scenarioId;
  report.caseTitle = cr.scenarioTitle;
  report.score = cr.score;
  report.proficient = cr.proficient;
  for (const std::string& u : cr.unmet) report.why.push_back(whyInWords(u, replay.caseSession()));
  for (const PhaseResult& p : cr.phases)
    report.phases.push_back({phaseId(p.phase), phaseName(p.phase), p.scored, p.met, p.score, p.threshold});
  for (const StepResult& st : cr.steps) {
    ReportStep rs;
    rs.id = st.stepId;
    const int i = scenario.findStep(st.stepId);
    rs.title = i >= 0 && !scenario.steps[i].title.empty() ? scenario.steps[i].title : st.stepId;
    rs.type = stepTypeId(st.type);
    rs.phase = phaseId(st.phase);
    rs.startS = st.startS;
    rs.endS = st.endS;
    rs.answer = answerSummary(st);
    rs.points = st.points;
    rs.maxPoints = st.maxPoints;
    rs.feedback = st.feedback;
    report.steps.push_back(std::move(rs));
    if (st.type == StepType::Procedure) continue;  // the needling's faults come with their episodes below
    for (const CaseFault& f : st.faults) report.faults.push_back(fromCaseFault(f));
  }
  for (const ReplayNeedling& n : replay.needlings()) addNeedling(report, n);
}

}  // namespace

std::string answerSummary(const StepResult& st) {
  const Answer& a = st.answer;
  char buf[96];
  if (st.type == StepType::Procedure) {
    if (!st.procedure) return "";
    std::snprintf(buf, sizeof buf, "needled: %.0f / 100", st.procedure->score);
    return buf;
  }
  if (a.waitS >= 0.0) {
    std::snprintf(buf, sizeof buf, "waited %.0f min", a.waitS / 60.0);
    return buf;
  }
  if (a.sessions) {
    std::snprintf(buf, sizeof buf, "%g sessions", *a.sessions);
    std::string out = buf;
    if (a.intervalWeeks) {
      std::snprintf(buf, sizeof buf, ", every %g weeks", *a.intervalWeeks);
      out += buf;
    }
    return out;
  }
  std::string out = a.assessment;
  for (const std::string& c : a.choices) out += (out.empty() ? "" : ", ") + c;
  return out;
}

RunReport makeRunReport(const RunReplay& replay, const RunForReview& run, const Review* review,
                        const std::string& reviewVerify) {
  RunReport report;
  report.runFile = std::filesystem::path(run.run.path).filename().string();
  report.runHash = run.hash;
  report.verify = runVerdictId(run.check.verdict);
  report.verifyMessage = run.check.message;
  if (run.run.header) static_cast<RunWho&>(report) = runWho(*run.run.header);
  report.durationS = replay.durationS();
  report.finished = (!replay.caseResult() || replay.caseResult()->finished) && run.check.verdict != RunVerdict::Interrupted &&
                    run.check.verdict != RunVerdict::Truncated;
  if (replay.isCase()) {
    addCase(report, replay);
  } else if (const ProcedureResult* pr = replay.needlingResult()) {
    report.caseId = run.run.header ? run.run.header->planPath : "";
    report.caseTitle = pr->planTitle.empty() ? "Free needling" : pr->planTitle;
    report.score = pr->score;
    report.proficient = pr->proficient;
    if (!pr->criticalErrors.empty()) report.why.push_back("a critical error");
    for (const ZoneResult& z : pr->zones)
      if (z.planned && !z.proficient) report.why.push_back(z.name + " not proficient");
    // The score is the last cartridge's stretch (as `mnsim score` gives it): its zones and faults.
    if (!replay.needlings().empty()) addNeedling(report, replay.needlings().back());
  }
  std::stable_sort(report.faults.begin(), report.faults.end(), [](const ReportFault& a, const ReportFault& b) {
    return a.critical != b.critical ? a.critical : a.timeS < b.timeS;
  });
  if (review) {
    report.review = *review;
    report.reviewVerify = reviewVerify;
  }
  return report;
}

}  // namespace mnsim
