// A run's report as data: gathered from the replayed run and its review, written as JSON and as
// CSV rows with the same content.
#include "mnsim/report/cohort.h"
#include "mnsim/report/report_data.h"
#include "mnsim/report/report_html.h"
#include "mnsim/report/xapi.h"
#include "mnsim/base/text.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "session_case.h"

namespace mnsim {
namespace {

struct Reported {
  RecordedRun recorded;
  std::unique_ptr<RunReplay> replay;
  RunForReview evidence;
};

Reported reportedRun() {
  Reported r;
  r.recorded = testing::record(testing::answers());
  r.recorded.run.path = "/runs/session-20261205-101500.mnrun";
  auto replay = RunReplay::open(r.recorded.run, &testing::sessionScenario(), testing::pad());
  EXPECT_TRUE(replay.ok());
  r.replay = std::move(*replay);
  r.evidence.run = r.recorded.run;
  r.evidence.check.verdict = RunVerdict::Ok;
  r.evidence.check.message = "ok";
  r.evidence.hash = contentHash("bytes");
  return r;
}

// Splits RFC 4180 CSV text into rows of fields.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  rows.pop_back();  // after the last line's end
  return rows;
}

size_t leaves(const nlohmann::ordered_json& j) {
  if (j.is_object() || j.is_array()) {
    size_t n = 0;
    for (const auto& v : j) n += leaves(v);
    return n;
  }
  return 1;
}

TEST(Report, GathersTheResultStepsFaultsAndSeriesOfTheReplayedRun) {
  const Reported r = reportedRun();
  const RunReport report = makeRunReport(*r.replay, r.evidence, nullptr, "");
  const CaseResult& cr = r.recorded.result;
  EXPECT_EQ(report.runFile, "session-20261205-101500.mnrun");
  EXPECT_EQ(report.score, cr.score);
  EXPECT_EQ(report.proficient, cr.proficient);
  EXPECT_EQ(report.why.size(), cr.unmet.size());
  EXPECT_EQ(report.phases.size(), 7u);
  ASSERT_EQ(report.steps.size(), cr.steps.size());
  EXPECT_EQ(report.steps[1].answer, "meds, hsv");
  ASSERT_FALSE(report.zones.empty());
  EXPECT_EQ(report.zones[0].id, "pad_a");
  EXPECT_EQ(report.zones[0].passCoverage.size(), 3u);
  for (size_t i = 1; i < report.faults.size(); ++i)
    EXPECT_TRUE(report.faults[i - 1].critical > report.faults[i].critical ||
                (report.faults[i - 1].critical == report.faults[i].critical &&
                 report.faults[i - 1].timeS <= report.faults[i].timeS));
  ASSERT_EQ(report.series.size(), 1u);
  const ReportSeries& s = report.series[0];
  EXPECT_LE(s.timeS.size(), kReportSeriesPoints);
  EXPECT_GT(s.timeS.size(), 100u);
  EXPECT_EQ(s.speedMmPerS.size(), s.timeS.size());
  const ReplayNeedling& n = r.replay->needlings()[0];
  EXPECT_GE(s.timeS.front(), n.startS);
  EXPECT_LE(s.timeS.back(), n.endS);
  EXPECT_NEAR(s.dialDepthMm[s.dialDepthMm.size() / 2], 0.5f, 1e-6f);
  EXPECT_FALSE(report.review);
}

TEST(Report, JsonAndCsvHoldTheSameContent) {
  const Reported r = reportedRun();
  Review review = draftReview(r.evidence, prefillRubric(&r.recorded.result, nullptr), "A, \"the\" Assessor", 1796450000000);
  review.comments.push_back({12.5, true, {1.0f, 2.0f, 0.0f}, {0, 0, 1}, "Line one,\nline two"});
  const RunReport report = makeRunReport(*r.replay, r.evidence, &review, "draft");
  const auto j = nlohmann::ordered_json::parse(reportToJson(report));
  EXPECT_EQ(j["format"], "mnsim-report/1");
  EXPECT_EQ(j["result"]["score"].get<double>(), r.recorded.result.score);
  EXPECT_EQ(j["review"]["verify"], "draft");
  EXPECT_EQ(j["review"]["comments"][0]["text"], "Line one,\nline two");
  const auto rows = parseCsv(reportToCsv(report));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"section", "item", "field", "value"}));
  EXPECT_EQ(rows.size() - 1, leaves(j)) << "one row for every value of the JSON";
  for (const auto& row : rows) ASSERT_EQ(row.size(), 4u);
  auto find = [&](const std::string& section, const std::string& field) {
    for (const auto& row : rows)
      if (row[0] == section && row[2] == field) return row[3];
    return std::string("(none)");
  };
  EXPECT_EQ(find("review", "assessor"), "A, \"the\" Assessor");
  EXPECT_EQ(find("review", "comments[0].text"), "Line one,\nline two");
  EXPECT_EQ(find("result", "proficient"), r.recorded.result.proficient ? "true" : "false");
  EXPECT_EQ(find("run", "file"), "session-20261205-101500.mnrun");
}

}  // namespace
}  // namespace mnsim

namespace mnsim {
namespace {

TEST(Report, TheHtmlPageStandsAloneWithItsPicturesChartsAndSections) {
  const Reported r = reportedRun();
  Review review = draftReview(r.evidence, prefillRubric(&r.recorded.result, nullptr), "A <b>Assessor</b>", 1796450000000);
  review.comments.push_back({12.5, false, {}, {0, 0, 1}, "Keep <the> pen upright & steady"});
  const RunReport report = makeRunReport(*r.replay, r.evidence, &review, "draft");
  ReportPictures pictures;
  pictures.coverage.push_back({std::string("\x89PNG\r\n\x1a\n", 8) + "abc", "front"});
  const std::string html = reportToHtml(report, pictures);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<img alt=\"front\" src=\"data:image/png;base64,iVBORw0KGgphYmM=\">"), std::string::npos);
  EXPECT_NE(html.find("<svg viewBox="), std::string::npos) << "the charts";
  EXPECT_NE(html.find("<polyline class=\"series\""), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  for (const char* section :
       {"Phases", "The needling", "Critical errors and faults", "The case, step by step", "The assessor's review", "Comments"})
    EXPECT_NE(html.find(std::string(">") + section + "<"), std::string::npos) << section;
  EXPECT_NE(html.find("A &lt;b&gt;Assessor&lt;/b&gt;"), std::string::npos) << "text is escaped";
  EXPECT_NE(html.find("Keep &lt;the&gt; pen upright &amp; steady"), std::string::npos);
  // Nothing from the network or beside the file.
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(Cohort, LcCusumAddsItsWeightsHoldsAtZeroAndDeclaresAtTheLimit) {
  const LcCusumRule rule;  // p0 0.10, p1 0.40, h 2.5
  const double up = std::log(0.9 / 0.6), down = std::log(0.1 / 0.4);
  const std::vector<double> sums = lcCusum({true, false, false, true, true}, rule);
  ASSERT_EQ(sums.size(), 5u);
  EXPECT_DOUBLE_EQ(sums[0], up);
  EXPECT_DOUBLE_EQ(sums[1], 0.0) << "held at zero";
  EXPECT_DOUBLE_EQ(sums[2], 0.0);
  EXPECT_DOUBLE_EQ(sums[4], 2 * up);
  EXPECT_EQ(lcCusumDeclaredAt(sums, rule), 0);
  // Seven proficient attempts in a row reach 2.5 (six give 2.43).
  const std::vector<double> seven = lcCusum(std::vector<bool>(7, true), rule);
  EXPECT_EQ(lcCusumDeclaredAt(seven, rule), 7);
  EXPECT_LT(seven[5], rule.limit);
  // One failure after four successes is not a fresh start: 4 up + down stays above zero.
  const std::vector<double> slip = lcCusum({true, true, true, true, false}, rule);
  EXPECT_NEAR(slip.back(), 4 * up + down, 1e-12);
  LcCusumRule strict;
  strict.limit = 3.0;
  EXPECT_EQ(lcCusumDeclaredAt(seven, strict), 0);
}

TEST(Cohort, AttemptsFollowStartTimeAndOnlyScoredTraineeRunsCount) {
  auto row = [](std::string file, std::string trainee, std::string caseId, int64_t started, bool proficient) {
    CohortRun r;
    r.file = std::move(file);
    r.traineeId = std::move(trainee);
    r.caseId = std::move(caseId);
    r.startedUnixMs = started;
    r.proficient = proficient;
    r.scored = true;
    r.mode = "practice";
    return r;
  };
  std::vector<CohortRun> rows = {row("c.mnrun", "T-1", "pad", 3000, true), row("a.mnrun", "T-1", "pad", 1000, false),
                                 row("b.mnrun", "T-1", "pad", 2000, true), row("x.mnrun", "T-1", "face", 500, true),
                                 row("r.mnrun", "T-9", "pad", 100, true), row("u.mnrun", "T-1", "pad", 1500, true)};
  rows[4].mode = "reference";  // an instructor's reference run is no attempt
  rows[5].scored = false;      // altered: listed, not counted
  const Cohort cohort = makeCohort(rows, {});
  ASSERT_EQ(cohort.runs.size(), 6u) << "every run stays listed";
  ASSERT_EQ(cohort.curves.size(), 2u);
  const LearningCurve& pad = cohort.curves[1];
  EXPECT_EQ(pad.caseId, "pad");
  EXPECT_EQ(pad.runs, (std::vector<size_t>{1, 2, 0})) << "in the order they were started";
  EXPECT_EQ(cohort.runs[1].attempt, 1);
  EXPECT_EQ(cohort.runs[0].attempt, 3);
  EXPECT_EQ(cohort.runs[4].attempt, 0);
  EXPECT_EQ(cohort.runs[5].attempt, 0);
  EXPECT_EQ(pad.firstProficient, 2);
  EXPECT_EQ(cohort.curves[0].caseId, "face");
  // The CSV has a line per run, the unscored one marked.
  const std::string csv = cohortToCsv(cohort);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7);
  EXPECT_NE(csv.find("\r\nu.mnrun,,no,T-1,"), std::string::npos) << csv;
}

TEST(Xapi, NameUuidsAreStableVersion8AndDifferByName) {
  const std::string a = nameUuid({"mnsim-xapi/1", "blake2b-256:ab", "0"});
  EXPECT_EQ(a, nameUuid({"mnsim-xapi/1", "blake2b-256:ab", "0"}));
  EXPECT_NE(a, nameUuid({"mnsim-xapi/1", "blake2b-256:ab", "1"}));
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[14], '8') << "version 8";
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos) << "RFC variant";
}

TEST(Xapi, AFinishedCaseIsLaunchedAnsweredCompletedJudgedAndTerminated) {
  const Reported r = reportedRun();
  RunReport report = makeRunReport(*r.replay, r.evidence, nullptr, "");
  report.traineeId = "T-1";
  report.startedUnixMs = 1764928800000;  // 2025-12-05T10:00:00.000Z
  const auto s = nlohmann::json::parse(runToXapi(report, {}));
  std::vector<std::string> verbs;
  for (const auto& st : s) verbs.push_back(st["verb"]["display"]["en-US"]);
  ASSERT_GE(verbs.size(), 6u);
  EXPECT_EQ(verbs.front(), "launched");
  EXPECT_EQ(verbs[verbs.size() - 2], report.proficient ? "passed" : "failed");
  EXPECT_EQ(verbs.back(), "terminated");
  EXPECT_EQ(s[0]["timestamp"], "2025-12-05T10:00:00.000Z");
  const double endS = report.durationS;
  EXPECT_EQ(s.back()["result"]["duration"], "PT" + fixedNumber(endS, 2) + "S");
  // Cut short: abandoned, no verdict.
  report.finished = false;
  const auto cut = nlohmann::json::parse(runToXapi(report, {}));
  std::vector<std::string> cutVerbs;
  for (const auto& st : cut) cutVerbs.push_back(st["verb"]["display"]["en-US"]);
  EXPECT_EQ(std::count(cutVerbs.begin(), cutVerbs.end(), "abandoned"), 1);
  EXPECT_EQ(std::count(cutVerbs.begin(), cutVerbs.end(), "passed") + std::count(cutVerbs.begin(), cutVerbs.end(), "failed"), 0);
  // Another base: ids joined with '/'.
  XapiOptions web;
  web.activityBase = "https://academy.example/mnsim";
  const auto w = nlohmann::json::parse(runToXapi(report, web));
  EXPECT_EQ(w[0]["object"]["id"], "https://academy.example/mnsim/case/" + report.caseId);
  EXPECT_EQ(s[0]["object"]["id"], "urn:mnsim:case:" + report.caseId);
}

}  // namespace
}  // namespace mnsim
