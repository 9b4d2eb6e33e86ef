// A run's report as data: gathered from the replayed run and its review, written as JSON and as
// CSV rows with the same content.
#include "mnsim/report/report_data.h"
#include "mnsim/report/report_html.h"

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

}  // namespace
}  // namespace mnsim
