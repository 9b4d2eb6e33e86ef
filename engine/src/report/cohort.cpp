#include "mnsim/report/cohort.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "mnsim/procedure/plan.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim {

namespace {

void fillHeader(CohortRun& row, const RunCheck& check, const RunFile& run, const std::string& hash) {
  row.verify = runVerdictId(check.verdict);
  row.message = check.message;
  row.runHash = hash;
  if (run.header) static_cast<RunWho&>(row) = runWho(*run.header);
}

// The worst planned zone's share of each metric, and whether any planned zone left it unmet.
void addZones(CohortRun& row, const ProcedureResult& result) {
  for (const ZoneResult& z : result.zones) {
    if (!z.planned) continue;
    double passMin = z.passesRequired > static_cast<int>(z.passes.size()) ? 0.0 : 1.0;
    for (size_t p = 0; p < z.passes.size() && p < static_cast<size_t>(std::max(z.passesRequired, 1)); ++p)
      passMin = std::min(passMin, z.passes[p].coverage);
    const bool hasBand = z.speedMaxMmPerS > z.speedMinMmPerS;
    const std::tuple<bool, double> values[kCohortMetricCount] = {
        {true, passMin}, {true, z.depthInRangeShare}, {true, z.angleWithinShare},
        {hasBand, z.speedInBandShare}, {z.needsStretch, z.stretchShare}};
    for (int k = 0; k < kCohortMetricCount; ++k) {
      CohortMetric& m = row.metrics[k];
      if (std::get<0>(values[k])) {
        m.value = m.measured ? std::min(m.value, std::get<1>(values[k])) : std::get<1>(values[k]);
        m.measured = true;
      }
      if (std::find(z.unmet.begin(), z.unmet.end(), kCohortMetrics[k]) != z.unmet.end()) m.met = false;
    }
    for (const std::string& u : z.unmet)
      if (std::find(row.unmet.begin(), row.unmet.end(), u) == row.unmet.end()) row.unmet.push_back(u);
  }
}

}  // namespace

CohortRun cohortRunOf(const std::string& file, const RunCheck& check, const RunFile& run, const std::string& hash,
                      const CaseResult& result) {
  CohortRun row;
  row.file = file;
  fillHeader(row, check, run, hash);
  row.scored = true;
  row.caseId = result.scenarioId;
  row.caseTitle = result.scenarioTitle;
  row.durationS = result.durationS;
  row.score = result.score;
  row.proficient = result.proficient;
  row.criticalErrors = static_cast<int>(result.criticalErrors.size());
  row.faults = static_cast<int>(result.faults.size());
  for (const StepResult& step : result.steps)
    if (step.procedure) addZones(row, *step.procedure);
  for (const std::string& u : result.unmet)
    if (u.rfind("procedure:", 0) != 0 && u.rfind("phase:", 0) != 0) row.unmet.push_back(u);
  return row;
}

CohortRun cohortRunOf(const std::string& file, const RunCheck& check, const RunFile& run, const std::string& hash,
                      const ProcedureResult& result) {
  CohortRun row;
  row.file = file;
  fillHeader(row, check, run, hash);
  row.scored = true;
  row.caseId = run.header ? run.header->planPath : "";
  row.caseTitle = result.planTitle.empty() ? "Free needling" : result.planTitle;
  row.durationS = result.durationS;
  row.score = result.score;
  row.proficient = result.proficient;
  row.criticalErrors = static_cast<int>(result.criticalErrors.size());
  row.faults = static_cast<int>(result.faults.size());
  addZones(row, result);
  if (!result.criticalErrors.empty()) row.unmet.push_back("critical_errors");
  return row;
}

CohortRun unscoredRun(const std::string& file, const RunCheck& check, const std::string& why) {
  CohortRun row;
  row.file = file;
  row.verify = runVerdictId(check.verdict);
  row.message = why.empty() ? check.message : why;
  if (check.header) {
    static_cast<RunWho&>(row) = runWho(*check.header);
    row.caseId = check.header->kind == "needling" ? check.header->planPath : check.header->scenarioId;
  }
  return row;
}

std::vector<double> lcCusum(const std::vector<bool>& proficient, const LcCusumRule& rule) {
  const double success = std::log((1.0 - rule.acceptableFailure) / (1.0 - rule.unacceptableFailure));
  const double failure = std::log(rule.acceptableFailure / rule.unacceptableFailure);
  std::vector<double> sums;
  double s = 0.0;
  for (bool ok : proficient) {
    s = std::max(0.0, s + (ok ? success : failure));
    sums.push_back(s);
  }
  return sums;
}

int lcCusumDeclaredAt(const std::vector<double>& sums, const LcCusumRule& rule) {
  for (size_t i = 0; i < sums.size(); ++i)
    if (sums[i] >= rule.limit) return static_cast<int>(i) + 1;
  return 0;
}

Cohort makeCohort(std::vector<CohortRun> runs, const LcCusumRule& rule) {
  Cohort cohort;
  cohort.rule = rule;
  cohort.runs = std::move(runs);
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> groups;  // (trainee, case) -> runs
  for (size_t i = 0; i < cohort.runs.size(); ++i) {
    const CohortRun& r = cohort.runs[i];
    if (r.scored && !r.traineeId.empty() && r.mode != "reference") groups[{r.traineeId, r.caseId}].push_back(i);
  }
  for (auto& [key, indexes] : groups) {
    std::sort(indexes.begin(), indexes.end(), [&](size_t a, size_t b) {
      const CohortRun &x = cohort.runs[a], &y = cohort.runs[b];
      return std::tie(x.startedUnixMs, x.file) < std::tie(y.startedUnixMs, y.file);
    });
    LearningCurve curve;
    curve.traineeId = key.first;
    curve.caseId = key.second;
    curve.runs = indexes;
    std::vector<bool> outcomes;
    for (size_t a = 0; a < indexes.size(); ++a) {
      CohortRun& r = cohort.runs[indexes[a]];
      r.attempt = static_cast<int>(a) + 1;
      curve.traineeName = r.traineeName;  // the newest name given
      curve.caseTitle = r.caseTitle;
      outcomes.push_back(r.proficient);
      if (r.proficient && !curve.firstProficient) curve.firstProficient = r.attempt;
    }
    curve.cusum = lcCusum(outcomes, rule);
    curve.proficientAt = lcCusumDeclaredAt(curve.cusum, rule);
    cohort.curves.push_back(std::move(curve));
  }
  return cohort;
}

}  // namespace mnsim
