// End-to-end tests of `mnsim validate`, `mnsim record` and `mnsim score RUN`: the real binary, as
// an instructor or a script runs it. Exit codes: 0 ok, 1 bad input or failed check, 2 usage.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "command_run.h"

namespace {

namespace fs = std::filesystem;

using mnsim::testing::CommandRun;
using mnsim::testing::readFile;

// Runs from the source folder, where the scenarios' relative paths hold.
CommandRun mnsim(const std::string& args) {
  return mnsim::testing::runCommand(std::string("cd '") + MNSIM_SOURCE_DIR + "' && '" + MNSIM_EXE + "' " +
                                    args);
}

fs::path temp(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("mnsim_scenario_cli_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

const std::string kPad = "scenarios/pad_drill.yaml";
const std::string kCorrect = "scenarios/answers/pad_drill.correct.yaml";
const std::string kMistakes = "scenarios/answers/pad_drill.mistakes.yaml";
const std::string kBroken = "tests/data/scenarios/broken/";

TEST(Validate, AGoodScenarioPasses) {
  const CommandRun r = mnsim("validate " + kPad);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "scenarios/pad_drill.yaml: ok (pad_drill)\n");
  EXPECT_EQ(r.err, "");
}

TEST(Validate, ProblemsAreReportedAtLineAndColumnAndExitWithOne) {
  const CommandRun r = mnsim("validate " + kBroken + "bad_references.yaml");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err, kBroken +
                       "bad_references.yaml:14:17: error: step 'decide' cites 'farber2021', which "
                       "is not in 'references' (did you mean 'farber2020'?)\n" +
                       kBroken +
                       "bad_references.yaml:19:63: error: 'next' names step 'needlign', which does "
                       "not exist (did you mean 'needling'?)\n" +
                       kBroken +
                       "bad_references.yaml:20:54: error: 'next_visit' names visit 'v3', which "
                       "does not exist (did you mean 'v1'?)\n" +
                       kBroken +
                       "bad_references.yaml:23:17: warning: step 'needling' can never be reached: "
                       "no step or decision leads to it\n");
  EXPECT_EQ(r.out, kBroken + "bad_references.yaml: FAILED (bad_references), 3 errors, 1 warning\n");
}

TEST(Validate, WarningsFailOnlyWithStrict) {
  const std::string file = kBroken + "unreachable.yaml";
  const CommandRun lenient = mnsim("validate " + file);
  EXPECT_EQ(lenient.exitCode, 0);
  EXPECT_EQ(
      lenient.err,
      file +
          ":18:18: warning: step 'orphan' can never be reached: no step or decision leads to it\n");
  EXPECT_EQ(mnsim("validate --strict " + file).exitCode, 1);
}

TEST(Validate, SeveralFilesAndFolders) {
  const CommandRun r = mnsim("validate --quiet " + kPad + " " + kBroken);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("syntax.yaml:4:6: error: YAML syntax: end of sequence flow not found"),
            std::string::npos);
  const CommandRun summary = mnsim("validate " + kPad + " tests/data/scenarios/minimal.yaml");
  EXPECT_EQ(summary.exitCode, 0);
  EXPECT_NE(summary.out.find("2 files: 2 ok, 0 failed (0 errors, 0 warnings)"), std::string::npos);
}

TEST(Validate, TheWholeLibraryWhenItsAssetsAreThere) {
  if (!fs::exists(fs::path(MNSIM_SOURCE_DIR) / "assets/head/head.zones.yaml") ||
      !fs::exists(fs::path(MNSIM_SOURCE_DIR) / "assets/body/body.zones.yaml"))
    GTEST_SKIP() << "the head or body asset is not built";
  const CommandRun r = mnsim("validate --strict scenarios/");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(Validate, UsageErrorsExitWithTwo) {
  EXPECT_EQ(mnsim("validate").exitCode, 2);
  const CommandRun r = mnsim("validate --strickt " + kPad);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("unknown option '--strickt' (did you mean '--strict'?)"), std::string::npos);
  EXPECT_EQ(mnsim("validate no_such_file.yaml").exitCode, 1);
}

TEST(Record, RecordsARunThatScoresAgainToTheSameResult) {
  const fs::path run = temp("pad_correct.run.json");
  const CommandRun r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --out " +
                             run.string() + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto recorded = nlohmann::json::parse(r.out);
  EXPECT_EQ(recorded["format"], "mnsim-case/1");
  EXPECT_EQ(recorded["summary"]["decision"], "pass");
  EXPECT_EQ(recorded["summary"]["score"], 100.0);
  // The run: a journal (mnsim-run/2), sealed and signed, readable by its owner only.
  EXPECT_EQ(readFile(run).substr(0, 12), "mnsim-run/2\n");
  EXPECT_EQ(fs::status(run).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  const CommandRun v = mnsim("verify --json " + run.string());
  ASSERT_EQ(v.exitCode, 0) << v.out << v.err;
  const auto checked = nlohmann::json::parse(v.out);
  EXPECT_EQ(checked[0]["verdict"], "ok");
  EXPECT_EQ(checked[0]["status"], "finished");
  EXPECT_EQ(checked[0]["trainee"]["id"], "T-test");
  EXPECT_EQ(checked[0]["mode"], "practice");
  // score RUN --json recomputes the same object from the recorded inputs.
  const CommandRun s = mnsim("score " + run.string() + " --json");
  ASSERT_EQ(s.exitCode, 0) << s.err;
  EXPECT_EQ(s.out, r.out);
  EXPECT_EQ(s.err, "");
  // And a readable table without --json.
  const CommandRun table = mnsim("score " + run.string());
  EXPECT_EQ(table.exitCode, 0);
  EXPECT_NE(table.out.find("SCORE 100.0 / 100 (pass 75)   PASS — PROFICIENT"), std::string::npos);
}

TEST(Record, AnExistingRunIsNotOverwrittenWithoutForce) {
  const fs::path run = temp("kept.run.json");
  std::ofstream(run) << "an earlier run";
  CommandRun r = mnsim("record --trainee-id T-test --scenario " + kPad + " --answers " + kCorrect + " --out " + run.string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err, run.string() +
                       ": error: the file exists; runs are not overwritten (choose another name, or add "
                       "--force to replace it)\n");
  EXPECT_EQ(readFile(run), "an earlier run");
  r = mnsim("record --trainee-id T-test --scenario " + kPad + " --answers " + kCorrect + " --out " + run.string() + " --force");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(readFile(run).substr(0, 12), "mnsim-run/2\n");
}

TEST(Record, AFailedCaseStillRecordsWithExitZero) {
  const fs::path run = temp("pad_mistakes.run.json");
  const CommandRun r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kMistakes + " --out " +
                             run.string() + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["decision"], "fail");
  EXPECT_EQ(j["summary"]["proficient"], false);
  EXPECT_GT(j["summary"]["critical_errors"].get<int>(), 0);
  EXPECT_EQ(mnsim("score " + run.string() + " --json").out, r.out);
}

TEST(Record, TracesCanBeGivenOnTheCommandLine) {
  const fs::path run = temp("pad_trace.run.json");
  const std::string trace = "scenarios/traces/pad_drill.mistakes.csv";
  // A plain --trace is for the first procedure step; it overrides the answers' trace.
  CommandRun r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --trace " +
                       trace + " --out " + run.string() + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find(trace), std::string::npos) << r.out;  // the needling names its trace
  EXPECT_EQ(mnsim("score " + run.string() + " --json").out, r.out);
  r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --trace needling=" + trace +
            " --out " + run.string());
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --trace prep=" + trace +
            " --out " + run.string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("step 'prep' is not a procedure step"), std::string::npos);
  r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --trace " + trace +
            " --trace " + trace + " --out " + run.string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("name each one's step: --trace STEP=FILE"), std::string::npos);
  r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --trace missing.csv --out " +
            run.string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err, "missing.csv: error: cannot open the trace file\n");
}

TEST(Record, BadAnswersAreReportedAtLineAndColumn) {
  const fs::path answers = temp("bad_answers.yaml");
  std::ofstream(answers)
      << "format: mnsim-answers/1\nscenario: pad_drill\nanswers:\n  prep: [hand_hygiene, glovez]\n";
  const CommandRun r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + answers.string() +
                             " --out " + temp("x.json").string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err, answers.string() +
                       ":4:24: error: step 'prep' has no item 'glovez' (did you mean 'gloves'?)\n");
}

TEST(Record, AStepWithoutAnAnswerIsNamed) {
  const fs::path answers = temp("partial_answers.yaml");
  std::ofstream(answers) << "format: mnsim-answers/1\nscenario: pad_drill\nanswers:\n  prep: "
                            "[hand_hygiene, gloves, new_cartridge, glide]\n";
  const CommandRun r = mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + answers.string() +
                             " --out " + temp("x.json").string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err,
            "scenarios/pad_drill.yaml:70:17: error: no pen trace for procedure step 'needling': "
            "give --trace needling=FILE, "
            "or 'needling: {trace: FILE}' in the answers\n");
}

TEST(Record, UsageErrorsExitWithTwo) {
  EXPECT_EQ(mnsim("record --trainee-id T-test --answers " + kCorrect + " --out x.json").exitCode, 2);
  EXPECT_EQ(mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect).exitCode, 2);
  EXPECT_EQ(mnsim("record --trainee-id T-test --force --scenario " + kPad + " --seed -3 --out x.json").exitCode, 2);
  EXPECT_EQ(mnsim("record --trainee-id T-test --force --scenario " + kBroken + "endless.yaml --out x.json").exitCode, 1);
}

TEST(ScoreRun, AChangedScenarioIsRefused) {
  // Record from a copy of the scenario, then edit the copy.
  const fs::path dir = temp("edited");
  fs::create_directories(dir / "answers");
  fs::create_directories(dir / "traces");
  fs::copy_file(fs::path(MNSIM_SOURCE_DIR) / kPad, dir / "pad_drill.yaml",
                fs::copy_options::overwrite_existing);
  fs::copy_file(fs::path(MNSIM_SOURCE_DIR) / kCorrect, dir / "answers/pad_drill.correct.yaml",
                fs::copy_options::overwrite_existing);
  fs::copy_file(fs::path(MNSIM_SOURCE_DIR) / "scenarios/traces/pad_drill.good.csv",
                dir / "traces/pad_drill.good.csv", fs::copy_options::overwrite_existing);
  const fs::path run = dir / "run.json";
  ASSERT_EQ(mnsim("record --trainee-id T-test --force --scenario " + (dir / "pad_drill.yaml").string() + " --answers " +
                  (dir / "answers/pad_drill.correct.yaml").string() + " --out " + run.string())
                .exitCode,
            0);
  ASSERT_EQ(mnsim("score " + run.string() + " --json").exitCode, 0);
  std::ofstream(dir / "pad_drill.yaml", std::ios::app) << "# edited\n";
  const CommandRun r = mnsim("score " + run.string() + " --json");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("has changed since the run was recorded"), std::string::npos) << r.err;
  // --scenario names another file: the original is still the same bytes.
  const CommandRun other = mnsim("score " + run.string() + " --json --scenario " + kPad);
  EXPECT_EQ(other.exitCode, 0) << other.err;
}

TEST(ScoreRun, UsageAndBadRunFiles) {
  const fs::path run = temp("pad_correct.run.json");
  ASSERT_EQ(mnsim("record --trainee-id T-test --force --scenario " + kPad + " --answers " + kCorrect + " --out " + run.string())
                .exitCode,
            0);
  EXPECT_EQ(mnsim("score " + run.string() + " --plan docs/examples/pad_plan.yaml").exitCode, 2);
  EXPECT_EQ(mnsim("score --plan docs/examples/pad_plan.yaml --trace docs/examples/pad_good.csv "
                  "--scenario " +
                  kPad)
                .exitCode,
            2);
  const fs::path bad = temp("bad.run.json");
  std::ofstream(bad) << "{\"format\": \"mnsim-run/1\",\n \"seed\": }\n";
  const CommandRun r = mnsim("score " + bad.string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err.rfind(bad.string() + ":2:10: error: JSON syntax error", 0), 0u) << r.err;
  EXPECT_EQ(mnsim("score no_such_run.json").exitCode, 1);
  // A run cut short (a copy taken while it was recorded, a crash): what it holds still scores,
  // with a warning that says so.
  const fs::path cut = temp("cut.run.json");
  std::ofstream(cut) << readFile(run).substr(0, 3000);
  const CommandRun c = mnsim("score " + cut.string());
  EXPECT_EQ(c.exitCode, 0) << c.err;
  EXPECT_EQ(c.err.rfind(cut.string() + ": warning: ", 0), 0u) << c.err;
  EXPECT_NE(c.err.find("cut short"), std::string::npos) << c.err;
  // A legacy mnsim-run/1 file cut short: one short line that says so.
  const fs::path cutLegacy = temp("cut1.run.json");
  std::ofstream(cutLegacy) << "{\"format\": \"mnsim-run/1\",\n \"steps\": [{\"step\": \"prep\", \"time_s\": 5";
  const CommandRun c1 = mnsim("score " + cutLegacy.string());
  EXPECT_EQ(c1.exitCode, 1);
  EXPECT_NE(c1.err.find("(the file ends early: is it cut short?)"), std::string::npos) << c1.err;
  EXPECT_LT(c1.err.size(), 300u) << c1.err;
  // The plan/trace form still works.
  EXPECT_EQ(
      mnsim("score --plan docs/examples/pad_plan.yaml --trace docs/examples/pad_good.csv --json")
          .exitCode,
      0);
}

}  // namespace

namespace {

// The authoring guide's worked example (scenarios/README.md) validates and records as it says.
TEST(Guide, TheWorkedExampleWorks) {
  const std::string guide = readFile(fs::path(MNSIM_SOURCE_DIR) / "scenarios/README.md");
  std::vector<std::string> blocks;
  for (size_t at = guide.find("```yaml\n"); at != std::string::npos;
       at = guide.find("```yaml\n", at + 1)) {
    const size_t begin = at + 8, end = guide.find("```", begin);
    blocks.push_back(guide.substr(begin, end - begin));
  }
  ASSERT_GE(blocks.size(), 5u);
  const fs::path scenario = temp("cold_sore_demo.yaml"),
                 answers = temp("cold_sore_demo.correct.yaml");
  std::ofstream(scenario) << blocks[1] << blocks[2] << blocks[3];
  std::ofstream(answers) << blocks[4];
  CommandRun r = mnsim("validate " + scenario.string());
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = mnsim("record --trainee-id T-test --force --scenario " + scenario.string() + " --answers " + answers.string() +
            " --out " + temp("demo.run.json").string() + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["outcome"], "deferred");
  EXPECT_EQ(j["summary"]["decision"], "pass");
  // The typo the guide shows is reported as the guide shows it.
  std::string typo = blocks[1] + blocks[2] + blocks[3];
  typo.replace(typo.find("next: needling,"), 15, "next: needlign,");
  const fs::path typoFile = temp("cold_sore_demo.yaml");
  std::ofstream(typoFile) << typo;
  r = mnsim("validate --quiet " + typoFile.string());
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
            typoFile.string() +
                ":44:70: error: 'next' names step 'needlign', which does not exist (did you mean "
                "'needling'?)");
}

}  // namespace
