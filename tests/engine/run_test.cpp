// Scripted answers, run files and replays: recording a case and scoring the run again gives
// the same result bit for bit; changed inputs are caught; answer files report their problems
// at line and column.
#include "mnsim/runs/run_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "mnsim/runs/scripted_answers.h"
#include "mnsim/skin/asset_library.h"
#include "mnsim/cases/case_result_json.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/runs/replay.h"
#include "mnsim/runs/scripted_play.h"
#include "mnsim/procedure/pen_sample.h"
#include "traces/raster_trace.h"
#include "session_case.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

using testing::assets;
using testing::pad;
using testing::sessionScenario;

using testing::answers;
using testing::kAnswers;
using testing::record;
using testing::traceFile;

TEST(Run, RecordingFollowsTheScriptAndTheClock) {
  const RecordedRun r = record(answers());
  EXPECT_TRUE(r.result.finished);
  EXPECT_EQ(r.result.seed, 7u);
  // Narratives take 5 s each, answers 5 s unless at_s is given.
  ASSERT_EQ(r.run.steps.size(), 12u);
  EXPECT_EQ(r.run.steps[0].stepId, "intro");
  EXPECT_DOUBLE_EQ(r.run.steps[0].timeS, 5.0);
  EXPECT_DOUBLE_EQ(r.run.steps[2].timeS, 15.0);
  EXPECT_DOUBLE_EQ(r.run.steps[3].timeS, 100.0);  // at_s
  EXPECT_DOUBLE_EQ(r.run.steps[5].timeS, 110.0);
  EXPECT_EQ(r.run.steps[6].type, StepType::Procedure);
  EXPECT_EQ(r.run.steps[6].traceSource, traceFile());
  EXPECT_EQ(r.run.steps[6].traceCsv.rfind("# mnsim-trace 1\n", 0), 0u);
  EXPECT_EQ(r.run.steps[6].traceSha256.size(), 64u);
  EXPECT_EQ(r.run.draws.size(), 4u);
  // pick: half (0.5 of 1); consultation 3.5 of 6 points.
  EXPECT_DOUBLE_EQ(r.result.phases[0].score, 100.0 * 5.5 / 6.0);
  EXPECT_DOUBLE_EQ(r.result.phases[6].score, 100.0);  // 4 sessions, 5 weeks apart: both in range
}

TEST(Run, ScoringTheRunAgainGivesTheSameResultBitForBit) {
  const RecordedRun r = record(answers());
  const std::string json = runToJson(r.run, r.result);
  auto parsed = parseRun(json, "run.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().format();
  EXPECT_EQ(parsed->seed, 7u);
  EXPECT_EQ(parsed->scenarioSha256, sessionScenario().sha256);
  EXPECT_EQ(parsed->steps.size(), r.run.steps.size());
  auto again = replayRun(*parsed, sessionScenario(), pad());
  ASSERT_TRUE(again.ok()) << again.error().format();
  EXPECT_EQ(caseResultToJson(*again), caseResultToJson(r.result));
  // The stored result is what the replay gives.
  EXPECT_EQ(parsed->resultJson.empty(), false);
}

TEST(Run, ChangedInputsAreCaught) {
  const RecordedRun r = record(answers());
  RunFile run = r.run;
  run.path = "run.json";
  // Another scenario file.
  Scenario edited = sessionScenario();
  edited.sha256 = std::string(64, '0');
  auto a = replayRun(run, edited, pad());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().format(),
            "run.json: error: the scenario '" + sessionScenario().path +
                "' has changed since the run was recorded (sha256 000000000000…, recorded " +
                sessionScenario().sha256.substr(0, 12) +
                "…); score the run with the scenario it was recorded with");
  // A trace edited by hand.
  RunFile tampered = run;
  tampered.steps[6].traceCsv += "1000,0,0,0,,,,0,0.5,,,0,\n";
  auto b = replayRun(tampered, sessionScenario(), pad());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().format(),
            "run.json: error: steps[6]: the trace's sha256 does not match its samples");
  // Draws that the seed does not give.
  RunFile drawn = run;
  drawn.draws[0].number += 1;
  auto c = replayRun(drawn, sessionScenario(), pad());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().format(),
            "run.json: error: draws[0] (patient.age) does not match what the seed draws");
  // An answer out of step.
  RunFile swapped = run;
  std::swap(swapped.steps[1], swapped.steps[2]);
  auto d = replayRun(swapped, sessionScenario(), pad());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(
      d.error().format(),
      "run.json: error: steps[1]: the run answers step 'pick' where the case is at step 'ask'");
  // An answer the case does not accept.
  RunFile wrong = run;
  wrong.steps[1].answer.choices = {"nope"};
  auto e = replayRun(wrong, sessionScenario(), pad());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().format(), "run.json: error: steps[1]: step 'ask': no option 'nope'");
}

TEST(Run, MalformedRunFilesNameWhereTheyBreak) {
  auto a = parseRun("{\n  \"format\": \"mnsim-run/1\",\n  oops\n}", "run.json");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().where.line, 3);
  EXPECT_EQ(a.error().code, ErrorCode::Syntax);
  auto b = parseRun(R"({"format": "mnsim-run/2"})", "run.json");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().format(),
            "run.json: error: format: 'mnsim-run/2' is newer than this mnsim reads (mnsim-run/1); update mnsim");
  auto c = parseRun(R"({"format": "mnsim-score/1"})", "run.json");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().format(),
            "run.json: error: format: this is a 'mnsim-score' file, expected 'mnsim-run/1'");
  auto d =
      parseRun(R"({"format": "mnsim-run/1", "scenario": {"path": "s", "id": "s", "sha256": "x"},
                        "asset": {"name": "pad", "hash": "h"}, "seed": 1, "draws": [],
                        "steps": [{"step": "ask", "type": "question", "time_s": "soon", "answer": {"choices": []}}]})",
               "run.json");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().format(), "run.json: error: steps[0].time_s: must be a number");
}

TEST(Run, MissingAnswersAndTracesNameTheStep) {
  ScriptedAnswers a = answers();
  a.steps.erase("pick");
  ScriptedRunDesc desc;
  desc.scenario = &sessionScenario();
  desc.model = &pad();
  desc.answers = &a;
  desc.traces["needling"] = traceFile();
  auto r = playScripted(desc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().format(), sessionScenario().path +
                                    ":32:17: error: no answer for question step 'pick' in "
                                    "answers.yaml (the case reached it)");
  desc.traces.clear();
  const ScriptedAnswers full = answers();
  desc.answers = &full;
  r = playScripted(desc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "no pen trace for procedure step 'needling': give --trace needling=FILE, or 'needling: "
            "{trace: FILE}' in the answers");
}

TEST(Run, AnswerFilesReportProblemsAtLineAndColumn) {
  const std::string text = R"(format: mnsim-answers/1
scenario: sesion
answer: {}
answers:
  ask: [medz, hsv, hsv]
  pick: [right, half]
  decide: {chioce: treat}
  numbing: soon
  day2: {assessment: fine, action: reasure}
  series: {sessions: 4, maintenance_months: 6}
  nope: 1
)";
  AnswersLoad load = parseAnswers(text, "a.yaml", sessionScenario());
  std::vector<std::string> got;
  for (const Diagnostic& d : load.diagnostics) got.push_back(d.format());
  EXPECT_EQ(
      got,
      (std::vector<std::string>{
          "a.yaml:2:11: error: these answers are for scenario 'sesion', not 'session'",
          "a.yaml:3:1: error: unknown key 'answer' in the answers file (did you mean 'answers'?)",
          "a.yaml:5:9: error: step 'ask' has no option 'medz' (did you mean 'meds'?)",
          "a.yaml:5:20: error: option 'hsv' is listed twice",
          "a.yaml:6:9: error: question step 'pick' takes exactly one option, found 2",
          "a.yaml:7:11: error: missing required key 'choice'",
          "a.yaml:7:12: error: unknown key 'chioce' in the answer to decision step 'decide' (did "
          "you mean 'choice'?)",
          "a.yaml:8:12: error: the seconds waited must be a number, found 'soon'",
          "a.yaml:9:22: error: 'assessment' must be normal or abnormal, found 'fine'",
          "a.yaml:9:36: error: step 'day2' has no action 'reasure' (did you mean 'reassure'?)",
          "a.yaml:10:11: error: step 'series' asks for 'interval_weeks'",
          "a.yaml:10:45: error: step 'series' does not ask for 'maintenance_months'",
          "a.yaml:11:3: error: scenario 'session' has no step 'nope'",
      }));
}

TEST(Run, AnswerTracePathsAreRelativeToTheAnswersFile) {
  AnswersLoad load = parseAnswers(
      "format: mnsim-answers/1\nscenario: session\nanswers:\n  needling: {trace: "
      "../traces/t.csv}\n",
      "dir/answers/a.yaml", sessionScenario());
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load.answers->steps.at("needling").tracePath, "dir/traces/t.csv");
}

}  // namespace
}  // namespace mnsim
