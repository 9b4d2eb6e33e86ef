// Golden results: the score JSON and table of every example trace, and the case JSON of every
// library case on each of its scripted paths, compared byte for byte with the files committed
// under tests/golden/. They guard every change to the engine: a change to one of them is
// deliberate, and the commit that makes it says why (tests/golden/README.md).
//
// MNSIM_UPDATE_GOLDEN=1 writes the files instead of comparing (tools/update_golden.sh).
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_run.h"

namespace {

namespace fs = std::filesystem;
using mnsim::testing::CommandRun;
using mnsim::testing::readFile;

const fs::path kSource = MNSIM_SOURCE_DIR;
const fs::path kGolden = kSource / "tests/golden";

bool updating() {
  const char* v = std::getenv("MNSIM_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// Runs from the source folder, so that the paths inside the results are the relative ones a user
// types.
CommandRun mnsim(const std::string& args) {
  return mnsim::testing::runCommand("cd '" + kSource.string() + "' && '" + MNSIM_EXE + "' " + args);
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_golden_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// Compares `actual` with the golden file, or writes it when updating.
void checkGolden(const fs::path& relative, const std::string& actual) {
  const fs::path path = kGolden / relative;
  if (updating()) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: run tools/update_golden.sh and commit it";
  const std::string expected = readFile(path);
  if (expected == actual) return;
  // Point at the first line that differs rather than printing kilobytes of JSON.
  size_t at = 0, line = 1;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) line += expected[at++] == '\n';
  auto lineAt = [&](const std::string& s) {
    const size_t b = s.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t begin = b == std::string::npos ? 0 : b + 1;
    return s.substr(begin, s.find('\n', begin) - begin);
  };
  FAIL() << relative.string() << " differs from the golden file at line " << line << ":\n  golden: "
         << lineAt(expected) << "\n  now:    " << lineAt(actual)
         << "\nIf the change is deliberate, run tools/update_golden.sh and say why in the commit.";
}

std::vector<std::string> stems(const fs::path& folder, const std::string& extension) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kSource / folder))
    if (entry.path().extension() == extension) out.push_back(entry.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

// --- The example traces on the practice pad -------------------------------------------------

class ExampleTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleTrace, ScoresAsTheGoldenFileSays) {
  const std::string args =
      "score --plan docs/examples/pad_plan.yaml --trace docs/examples/" + GetParam() + ".csv";
  const CommandRun json = mnsim(args + " --json");
  ASSERT_EQ(json.exitCode, 0) << json.err;
  checkGolden("score/" + GetParam() + ".json", json.out);
  const CommandRun table = mnsim(args);
  ASSERT_EQ(table.exitCode, 0) << table.err;
  checkGolden("score/" + GetParam() + ".txt", table.out);
}

INSTANTIATE_TEST_SUITE_P(Golden, ExampleTrace, ::testing::ValuesIn(stems("docs/examples", ".csv")));

// --- The case library on every scripted path --------------------------------------------------

class LibraryCase : public ::testing::TestWithParam<std::string> {};

// "acne_scars.correct" -> scenarios/acne_scars.yaml with scenarios/answers/acne_scars.correct.yaml
TEST_P(LibraryCase, RecordsAndReplaysAsTheGoldenFileSays) {
  const std::string path = GetParam();
  const std::string scenario = "scenarios/" + path.substr(0, path.find('.')) + ".yaml";
  const fs::path run = scratch(path + ".run.json");
  const CommandRun recorded = mnsim("record --trainee-id T-test --scenario " + scenario + " --answers scenarios/answers/" + path +
                                    ".yaml --force --json --out '" + run.string() + "'");
  ASSERT_EQ(recorded.exitCode, 0) << recorded.err;
  checkGolden("cases/" + path + ".json", recorded.out);
  // The result recomputed from the run's inputs alone is the recorded one, byte for byte.
  const CommandRun replayed = mnsim("score '" + run.string() + "' --json");
  ASSERT_EQ(replayed.exitCode, 0) << replayed.err;
  EXPECT_EQ(replayed.out, recorded.out) << "replaying " << path << " gave another result";
  EXPECT_EQ(replayed.err, "");
  fs::remove(run);
}

INSTANTIATE_TEST_SUITE_P(Golden, LibraryCase, ::testing::ValuesIn(stems("scenarios/answers", ".yaml")),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

// Every trace of the library is needled on some scripted path, so its score JSON sits inside a
// golden case file; a trace no path reaches would be guarded by nothing.
TEST(Golden, EveryLibraryTraceIsScoredInSomeGoldenCase) {
  if (updating()) GTEST_SKIP() << "updating";
  std::set<std::string> scored;
  for (const std::string& path : stems("tests/golden/cases", ".json")) {
    const auto j = nlohmann::json::parse(readFile(kGolden / "cases" / (path + ".json")));
    for (const auto& step : j["steps"])
      if (step.contains("procedure"))
        scored.insert(fs::path(step["procedure"]["trace"].get<std::string>()).filename().string());
  }
  for (const std::string& trace : stems("scenarios/traces", ".csv"))
    EXPECT_TRUE(scored.count(trace + ".csv")) << "scenarios/traces/" << trace << ".csv is in no golden case";
}

// Every golden file belongs to an input that still exists: a removed example or path does not
// leave a stale file behind that guards nothing.
TEST(Golden, EveryGoldenFileHasItsInput) {
  const std::vector<std::string> examples = stems("docs/examples", ".csv");
  const std::vector<std::string> paths = stems("scenarios/answers", ".yaml");
  for (const auto& entry : fs::recursive_directory_iterator(kGolden)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), kGolden);
    const std::string folder = relative.parent_path().string(), stem = relative.stem().string();
    if (folder == "score") {
      EXPECT_TRUE(std::count(examples.begin(), examples.end(), stem)) << relative << " has no example trace";
    } else if (folder == "cases") {
      EXPECT_TRUE(std::count(paths.begin(), paths.end(), stem)) << relative << " has no answers file";
    }
  }
}

}  // namespace
