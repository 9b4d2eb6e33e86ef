// What a report of one run says (docs/formats/report.md), gathered once from the run replayed
// from its inputs (review/run_replay.h) and, when given, its review: who, what, when, the verify
// status, the score and why, the phases, each needling's zones, every fault and critical-error
// episode with its place on the skin, the case steps with answers and feedback, hand speed, dial
// depth and angle over time with their bands, and the assessor's comments, rubric and sign-off.
// The HTML, JSON and CSV forms are written from this one model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/review/review.h"
#include "mnsim/review/run_replay.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim {

struct ReportFault {
  std::string kind;         // fault kind id (procedure/fault_kinds.h)
  std::string title;        // "Pen tilted"
  bool critical = false;
  std::string step;         // the case step ("" in free needling)
  std::string zone;         // zone id ("" when not about a zone)
  double timeS = 0.0, endTimeS = 0.0;  // run clock; an episode lasts from one to the other
  bool hasPoint = false;
  glm::vec3 pointMm{0.0f};  // where on the skin
  std::string expected, done, explanation;
};

struct ReportZone {
  std::string needling;  // the needling's title
  std::string id, name;
  bool proficient = false;
  double score = 0.0;
  std::vector<double> passCoverage;  // share of the zone per pass
  double depthInRangeShare = 0.0, angleWithinShare = 0.0, speedInBandShare = 0.0;
  float depthMinMm = 0.0f, depthMaxMm = 0.0f;           // the plan's range
  float speedMinMmPerS = 0.0f, speedMaxMmPerS = 0.0f;   // the band (0, 0: none)
  std::vector<std::string> unmet;
};

// One needling (a case's procedure step, or the free needling) and its result.
struct ReportNeedling {
  std::string stepId;  // "" in free needling
  std::string title;
  double startS = 0.0, endS = 0.0;  // run clock
  double score = 0.0;
  bool proficient = false;
  int criticalErrors = 0, faults = 0;
};

struct ReportStep {
  std::string id, title, type, phase;
  double startS = 0.0, endS = 0.0;
  std::string answer;  // one line: the choices, the wait, the schedule, or the needling's score
  double points = 0.0, maxPoints = 0.0;
  std::vector<std::string> feedback;
};

// One needling over time: at most kReportSeriesPoints points, each the mean of the stamps in its
// stretch of time (all of them when there are fewer).
constexpr size_t kReportSeriesPoints = 1200;
struct ReportSeries {
  std::string needling;
  double startS = 0.0;  // run clock of the needling's first sample
  std::vector<double> timeS;  // run clock
  std::vector<float> speedMmPerS, dialDepthMm, angleDeg;
  float angleWarnDeg = 0.0f, angleFaultDeg = 0.0f;  // the plan's rules
};

struct RunReport : RunWho {  // who, where and when: from the run's header
  // The run.
  std::string runFile, runHash, verify, verifyMessage;
  std::string caseId, caseTitle;  // free needling: the plan's path and title
  double durationS = 0.0;
  // The result, recomputed from the inputs.
  double score = 0.0;
  bool proficient = false;
  bool finished = true;  // reached its end (a case) and was not cut short
  std::vector<std::string> why;  // what kept it from proficiency, in words ("" none)
  struct Phase {
    std::string id, name;
    bool scored = false, met = true;
    double score = 0.0, threshold = 0.0;
  };
  std::vector<Phase> phases;  // cases only
  std::vector<ReportNeedling> needlings;
  std::vector<ReportZone> zones;
  std::vector<ReportFault> faults;  // critical errors first, then faults, each in time order
  std::vector<ReportStep> steps;
  std::vector<ReportSeries> series;
  // The review, when one was given.
  std::optional<Review> review;
  std::string reviewVerify;  // its check: ok, draft, unknown-key, ...
};

// The report of a replayed run; `review` (and its check) when one is given.
RunReport makeRunReport(const RunReplay& replay, const RunForReview& run, const Review* review,
                        const std::string& reviewVerify);

// One line for an answered step: "medicines, hsv", "waited 25 min", "4 sessions", "needled: 84 / 100".
std::string answerSummary(const StepResult& step);

}  // namespace mnsim
