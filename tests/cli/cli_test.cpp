// End-to-end tests of the headless commands: the real ./build/mnsim, as a user runs it.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_run.h"

namespace {

using mnsim::testing::CommandRun;
using mnsim::testing::readFile;

CommandRun mnsim(const std::string& args) {
  return mnsim::testing::runCommand(std::string("'") + MNSIM_EXE + "' " + args);
}

const std::string kExamples = std::string(MNSIM_SOURCE_DIR) + "/docs/examples/";
const std::string kData = std::string(MNSIM_SOURCE_DIR) + "/tests/data/";

TEST(Cli, ZonesOfThePadAsJson) {
  const CommandRun r = mnsim("zones --asset pad --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["asset"], "pad");
  EXPECT_EQ(j["units"], "mm");
  EXPECT_EQ(j["hash"].get<std::string>().substr(0, 7), "sha256:");
  ASSERT_EQ(j["zones"].size(), 3u);
  EXPECT_EQ(j["zones"][0]["id"], "pad_a");
  EXPECT_EQ(j["zones"][0]["treatable"], true);
  EXPECT_EQ(j["zones"][0]["no_go"], false);
  EXPECT_NEAR(j["zones"][0]["area_mm2"].get<double>(), 4800.0, 1e-3);
  EXPECT_NEAR(j["zones"][0]["centroid"][0].get<double>(), -30.0, 1e-3);
  EXPECT_NEAR(j["zones"][0]["normal"][2].get<double>(), 1.0, 1e-6);
  EXPECT_EQ(j["zones"][0]["samples"].size(), 200u);
  EXPECT_EQ(j["zones"][0]["samples"][0].size(), 6u);
  for (const auto& s : j["zones"][0]["samples"]) EXPECT_LT(s[0].get<double>(), 0.0);
  EXPECT_EQ(j["zones"][2]["id"], "mole");
  EXPECT_EQ(j["zones"][2]["no_go"], true);
  EXPECT_NEAR(j["zones"][1]["area_mm2"].get<double>() + j["zones"][2]["area_mm2"].get<double>(), 4800.0, 1e-3);
  EXPECT_NEAR(j["treatable_area_mm2"].get<double>(), 9600.0 - j["zones"][2]["area_mm2"].get<double>(), 1e-3);
  EXPECT_EQ(j["landmarks"]["mole_center"][0], 30.0);
  // --samples changes the count; the same command prints the same bytes.
  const CommandRun few = mnsim("zones --asset pad --json --samples 5");
  EXPECT_EQ(nlohmann::json::parse(few.out)["zones"][1]["samples"].size(), 5u);
  EXPECT_EQ(mnsim("zones --asset pad --json").out, r.out);
}

TEST(Cli, ZonesTable) {
  const CommandRun r = mnsim("zones --asset pad");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("pad_a"), std::string::npos);
  EXPECT_NE(r.out.find("4800.0"), std::string::npos);
  EXPECT_NE(r.out.find("treatable surface"), std::string::npos);
}

TEST(Cli, ScoresTheExamplesAsTableAndJson) {
  const CommandRun table = mnsim("score --plan " + kExamples + "pad_plan.yaml --trace " + kExamples + "pad_good.csv");
  ASSERT_EQ(table.exitCode, 0) << table.err;
  EXPECT_NE(table.out.find("PROFICIENT"), std::string::npos);
  EXPECT_NE(table.out.find("pad_a"), std::string::npos);
  const CommandRun json = mnsim("score --plan " + kExamples + "pad_plan.yaml --trace " + kExamples + "pad_good.csv --json");
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["format"], "mnsim-score/1");
  EXPECT_EQ(j["summary"]["proficient"], true);
  EXPECT_EQ(j["zones"][0]["passes"].size(), 3u);
  for (const auto& p : j["zones"][0]["passes"]) EXPECT_GE(p["coverage"].get<double>(), 0.99);
  EXPECT_EQ(j["critical_errors"].size(), 0u);

  const CommandRun mole = mnsim("score --plan " + kExamples + "pad_plan.yaml --trace " + kExamples + "pad_mole.csv --json");
  ASSERT_EQ(mole.exitCode, 0) << mole.err;  // scoring worked; the result fails
  const auto m = nlohmann::json::parse(mole.out);
  ASSERT_EQ(m["critical_errors"].size(), 1u);
  EXPECT_EQ(m["critical_errors"][0]["kind"], "no_go");
  EXPECT_EQ(m["summary"]["proficient"], false);

  const auto out = std::filesystem::temp_directory_path() / "mnsim_cli_score.json";
  const CommandRun toFile = mnsim("score --plan " + kExamples + "pad_plan.yaml --trace " + kExamples + "pad_good.csv --json --out " +
                           out.string());
  ASSERT_EQ(toFile.exitCode, 0) << toFile.err;
  EXPECT_EQ(readFile(out.string()), json.out);
  std::filesystem::remove(out);
}

TEST(Cli, BadInputIsExitOneWithFileLineAndColumn) {
  const std::string plan = kExamples + "pad_plan.yaml";
  struct Case {
    std::string args;
    std::string expected;  // exact first line of stderr
  };
  const Case cases[] = {
      {"--trace " + kData + "traces/malformed.csv", kData + "traces/malformed.csv:4:6: error: 'x_mm' must be a number, found '-4O.0'"},
      {"--trace " + kData + "traces/missing_column.csv",
       kData + "traces/missing_column.csv:2:1: error: the header has no 'contact' column (required: t_s, x_mm, y_mm, z_mm, contact)"},
      {"--trace " + kData + "traces/unknown_column.csv",
       kData + "traces/unknown_column.csv:2:28: error: unknown column 'depth' (did you mean 'depth_mm'?)"},
      {"--trace " + kData + "traces/nan.csv", kData + "traces/nan.csv:5:12: error: 'y_mm' is not a finite number: 'NaN'"},
      {"--trace " + kData + "traces/backwards.csv",
       kData + "traces/backwards.csv:6:1: error: time goes backwards: t_s 0.02 comes after 0.03 on line 5"},
      {"--trace /nonexistent.csv", "/nonexistent.csv: error: cannot open the trace file"},
  };
  for (const Case& c : cases) {
    const CommandRun r = mnsim("score --plan " + plan + " " + c.args);
    EXPECT_EQ(r.exitCode, 1) << c.args;
    EXPECT_EQ(r.err.substr(0, r.err.find('\n')), c.expected);
    EXPECT_TRUE(r.out.empty());
  }
  const CommandRun unknownZone = mnsim("score --plan " + kData + "plans/unknown_zone.yaml --trace " + kExamples + "pad_good.csv");
  EXPECT_EQ(unknownZone.exitCode, 1);
  EXPECT_EQ(unknownZone.err, kData + "plans/unknown_zone.yaml:9:9: error: zone 'pad_c' does not exist on asset 'pad' (did you mean 'pad_a'?)\n");
  const CommandRun corrupt = mnsim("zones --asset " + kData + "meshes/truncated.ply");
  EXPECT_EQ(corrupt.exitCode, 1);
  EXPECT_EQ(corrupt.err, kData + "meshes/truncated.ply: error: the file is truncated: its header needs at least 1250 bytes of data, the file has 6\n");
}

TEST(Cli, UsageErrorsAreExitTwoWithAHint) {
  CommandRun r = mnsim("score --plna x.yaml");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "mnsim score: unknown option '--plna' (did you mean '--plan'?)");
  EXPECT_NE(r.err.find("mnsim score --help"), std::string::npos);
  r = mnsim("score --trace x.csv");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "mnsim score: missing --plan PLAN (the treatment plan, a YAML file)");
  r = mnsim("scroe");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "mnsim: unknown command 'scroe' (did you mean 'score'?)");
  r = mnsim("zones --samples many --asset pad");
  EXPECT_EQ(r.exitCode, 2);
  r = mnsim("zones --asset");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.err.substr(0, r.err.find('\n')), "mnsim zones: option '--asset' needs a value (NAME)");
}

TEST(Cli, ReplaySaysWhatIsWrongWithItsCommandLine) {
  const std::vector<std::pair<std::string, std::string>> wrong{
      {"replay", "mnsim replay: which run? Give the run file, e.g. runs/fine_lines-20261205-101500.mnrun"},
      {"replay r.mnrun --seek soon",
       "mnsim replay: --seek must be seconds (95.5), minutes and seconds (1:35.5) or 'end', found 'soon'"},
      {"replay r.mnrun --seek -3",
       "mnsim replay: --seek must be seconds (95.5), minutes and seconds (1:35.5) or 'end', found '-3'"},
      {"replay r.mnrun --play-speed 3", "mnsim replay: --play-speed must be 0.25, 0.5, 1, 2, 4, 8 or 16, found '3'"},
      {"replay r.mnrun --comment 'too deep'", "mnsim replay: --comment needs some text and --mouse X,Y (the spot on the face)"},
      {"replay r.mnrun --trainee-view --sign-off 'A. Assessor'",
       "mnsim replay: --trainee-view has no review: --comment, --rate, --new-review, --sign-off and --open-sign-off go without it"},
      {"replay r.mnrun --sek 3", "mnsim replay: unknown option '--sek' (did you mean '--seek'?)"},
  };
  for (const auto& [args, message] : wrong) {
    const CommandRun r = mnsim(args);
    EXPECT_EQ(r.exitCode, 2) << args;
    EXPECT_EQ(r.err.substr(0, r.err.find('\n')), message) << args;
  }
  const CommandRun help = mnsim("replay --help");
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.out.find("docs/formats/review.md"), std::string::npos);
}

// One rule for --seed wherever it is taken: a whole number from 0; "-1" is not wrapped round.
TEST(Cli, TheSeedIsAWholeNumberFromZeroForCaseAuthorAndRecord) {
  const std::string scenario = std::string(MNSIM_SOURCE_DIR) + "/scenarios/pad_drill.yaml";
  const std::string out = (std::filesystem::temp_directory_path() / "mnsim_seed_test_never_written.json").string();
  for (const std::string bad : {"-1", "abc", "1.5", "+3", "18446744073709551616"}) {
    for (const std::string& cmd : {"case " + scenario, "author " + scenario, "record --scenario " + scenario + " --out " + out}) {
      const std::string name = cmd.substr(0, cmd.find(' '));
      const CommandRun r = mnsim(cmd + " --seed " + bad);
      EXPECT_EQ(r.exitCode, 2) << cmd << " --seed " << bad;
      EXPECT_EQ(r.err.substr(0, r.err.find('\n')),
                "mnsim " + name + ": --seed must be a whole number from 0, found '" + bad + "'");
    }
  }
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(Cli, EveryCommandHasHelp) {
  for (const std::string cmd : {"zones", "score", "demo"}) {
    const CommandRun r = mnsim(cmd + " --help");
    EXPECT_EQ(r.exitCode, 0) << cmd;
    EXPECT_EQ(r.out.rfind("Usage: mnsim " + cmd, 0), 0u) << r.out;
    EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  }
  const CommandRun overview = mnsim("--help");
  EXPECT_EQ(overview.exitCode, 0);
  EXPECT_NE(overview.out.find("score"), std::string::npos);
}

TEST(Cli, HeadlessDemoPrintsAScore) {
  const CommandRun r = mnsim("demo");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("SCORE"), std::string::npos);
  EXPECT_NE(r.out.find("pad_a"), std::string::npos);
}

}  // namespace
