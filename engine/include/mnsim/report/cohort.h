// A cohort graded (`mnsim grade`, docs/formats/cohort.md): one row per run, scored again from its
// recorded inputs, and per trainee and case the attempts in the order they were made, with a
// learning curve and the LC-CUSUM rule that says whether, and at which attempt, the trainee
// reached proficiency. The CSV, JSON and HTML forms are written from this one model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mnsim/cases/case_result.h"
#include "mnsim/procedure/result.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"

namespace mnsim {

// The required metrics a cohort row shows, as a share 0..1 of the worst planned zone of the
// run's needlings (the strict rule: the weakest zone decides). Requirement ids (procedure/plan.h).
constexpr const char* kCohortMetrics[] = {"coverage", "depth", "angle", "speed", "stretch"};
constexpr int kCohortMetricCount = 5;

struct CohortMetric {
  bool measured = false;  // a planned zone where it applies was needled
  double value = 0.0;     // share, worst planned zone
  bool met = true;        // no planned zone has it unmet
};

struct CohortRun : RunWho {  // who, where and when: from the run's header
  std::string file;     // as given
  std::string verify;   // runVerdictId: ok, interrupted, unknown-key, unsigned, truncated, altered, unreadable
  std::string message;  // verify's line, or why it could not be scored
  bool scored = false;  // scored again from its inputs (never for altered or unreadable runs)
  std::string runHash, caseId, caseTitle;
  double durationS = 0.0;
  // The result, recomputed.
  double score = 0.0;
  bool proficient = false;
  int criticalErrors = 0, faults = 0;
  CohortMetric metrics[kCohortMetricCount];
  std::vector<std::string> unmet;  // requirement ids unmet in some planned zone, and the case's own
  int attempt = 0;                 // 1-based among the trainee's counted attempts of the case (0: not counted)
};

// The row of a run that could be read and scored: its header and result.
CohortRun cohortRunOf(const std::string& file, const RunCheck& check, const RunFile& run, const std::string& hash,
                      const CaseResult& result);
CohortRun cohortRunOf(const std::string& file, const RunCheck& check, const RunFile& run, const std::string& hash,
                      const ProcedureResult& result);
// The row of a run that is listed but not scored (altered, unreadable, no scenario): `why`.
CohortRun unscoredRun(const std::string& file, const RunCheck& check, const std::string& why);

// LC-CUSUM for a binary outcome (Biau et al., Br J Surg 2008;95:925-929; Biau & Porcher, Stat Med
// 2010;29:1022-1032): the null hypothesis is that the trainee fails at the unacceptable rate; each
// attempt adds log((1-p0)/(1-p1)) when proficient and log(p0/p1) when not, the sum held at or above
// 0; proficiency is declared at the first attempt the sum reaches the limit h.
struct LcCusumRule {
  double acceptableFailure = 0.10;    // p0
  double unacceptableFailure = 0.40;  // p1
  double limit = 2.5;                 // h
};
// The sums after each attempt.
std::vector<double> lcCusum(const std::vector<bool>& proficient, const LcCusumRule& rule);
// The 1-based attempt at which the sums first reach the limit, 0 when they never do.
int lcCusumDeclaredAt(const std::vector<double>& sums, const LcCusumRule& rule);

struct LearningCurve {
  std::string traineeId, traineeName, caseId, caseTitle;
  std::vector<size_t> runs;   // indexes into Cohort::runs, attempt order
  std::vector<double> cusum;  // after each attempt
  int proficientAt = 0;       // the attempt at which LC-CUSUM declared proficiency, 0: not yet
  int firstProficient = 0;    // the first attempt scored proficient, 0: none
};

struct Cohort {
  std::vector<CohortRun> runs;  // in the order given
  std::vector<LearningCurve> curves;  // by trainee id, then case id
  LcCusumRule rule;
};

// Numbers the attempts and draws the curves. Counted: runs scored, of a trainee, not reference
// runs; a trainee's attempts of a case are ordered by start time (then file). Altered, unreadable
// and unscored runs stay in `runs`, with attempt 0.
Cohort makeCohort(std::vector<CohortRun> runs, const LcCusumRule& rule);

// The forms (docs/formats/cohort.md).
std::string cohortToCsv(const Cohort& cohort);   // one row per run, RFC 4180, CRLF
std::string cohortToJson(const Cohort& cohort);  // mnsim-cohort/1
std::string cohortToHtml(const Cohort& cohort);  // a self-contained page with the curves as charts

}  // namespace mnsim
