// Recording in the real app (under xvfb-run): every library case played in the window records a
// run that scores exactly as `mnsim record` and as the window showed it; the who-is-training
// dialog answered with real key events names the trainee in the run; a run a crash left is
// offered, closed as interrupted or resumed.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mnsim/base/files.h"
#include "mnsim/runs/run_log.h"
#include "command_run.h"
#include "mnsim/review/review.h"
#include "postgres_cluster.h"
#include "render_support.h"

namespace {

namespace fs = std::filesystem;
using mnsim::testing::AppRun;
using mnsim::testing::Image;
using mnsim::testing::runUnderX;

const std::string kSource = MNSIM_SOURCE_DIR;
const fs::path kConfig = fs::temp_directory_path() / "mnsim_recording_config";

// A headless mnsim command with the tests' config folder.
mnsim::testing::CommandRun cli(const std::string& args) {
  return mnsim::testing::runCommand("cd '" + kSource + "' && XDG_CONFIG_HOME='" + kConfig.string() + "' '" +
                                    MNSIM_EXE + "' " + args);
}

// The app under its own X server with its own runs folder (`data`) and the tests' config.
AppRun app(const fs::path& data, const std::string& args) {
  return runUnderX(MNSIM_EXE, args, "XDG_DATA_HOME='" + data.string() + "' XDG_CONFIG_HOME='" + kConfig.string() + "'");
}

std::vector<fs::path> runsIn(const fs::path& data) {
  std::vector<fs::path> runs;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data / "mnsim/runs", ec))
    if (e.path().extension() == ".mnrun") runs.push_back(e.path());
  std::sort(runs.begin(), runs.end());
  return runs;
}

nlohmann::json verified(const fs::path& run) {
  const auto v = cli("verify --json '" + run.string() + "'");
  return nlohmann::json::parse(v.out, nullptr, false)[0];
}

TEST(RecordingRender, EveryLibraryCasePlayedInTheAppScoresAsMnsimRecordAndAsShown) {
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(kSource + "/scenarios"))
    if (e.path().extension() == ".yaml") cases.push_back(e.path().stem().string());
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 20u);
  for (const std::string& c : cases) {
    SCOPED_TRACE(c);
    // Both given by the same (absolute) path: results name the scenario as given.
    const std::string scenario = kSource + "/scenarios/" + c + ".yaml";
    const std::string answers = kSource + "/scenarios/answers/" + c + ".correct.yaml";
    const fs::path data = fs::temp_directory_path() / ("mnsim_recording_" + c);
    fs::remove_all(data);
    const AppRun played = app(data, "case " + scenario + " --answers " + answers +
                                        " --debrief --exit-after --trainee-id T-eq --trainee-name 'Eq Test'");
    ASSERT_EQ(played.exitCode, 0) << played.output;
    const std::vector<fs::path> runs = runsIn(data);
    ASSERT_EQ(runs.size(), 1u);
    const fs::path& run = runs.front();
    struct stat st {};
    ASSERT_EQ(::stat(run.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << "runs are readable by their owner only";
    const nlohmann::json v = verified(run);
    EXPECT_EQ(v["verdict"], "ok") << v.dump();
    EXPECT_EQ(v["status"], "finished");
    EXPECT_EQ(v["trainee"]["id"], "T-eq");
    // The same inputs through mnsim record, and the run scored again: the same result.
    const fs::path recordedRun = data / "recorded.mnrun";
    const auto recorded = cli("record --scenario " + scenario + " --answers " + answers +
                                " --trainee-id T-eq --json --out '" + recordedRun.string() + "'");
    ASSERT_EQ(recorded.exitCode, 0);
    const auto scored = cli("score --json '" + run.string() + "'");
    ASSERT_EQ(scored.exitCode, 0);
    EXPECT_TRUE(scored.out == recorded.out) << "the app's run and mnsim record's score differently";
    // And the result the window showed (the run's result event) is the recomputed one.
    auto bytes = mnsim::readFile(run.string());
    ASSERT_TRUE(bytes.ok());
    auto log = mnsim::readRunLog(*bytes, run.string());
    ASSERT_TRUE(log.ok());
    std::string live;
    for (const mnsim::JournalEvent& e : log->events)
      if (e.kind == mnsim::RunEventKind::Result) live = e.json;
    ASSERT_FALSE(live.empty());
    EXPECT_TRUE(nlohmann::ordered_json::parse(live) == nlohmann::ordered_json::parse(scored.out))
        << "the result shown in the window is not the one the run's inputs give";
    fs::remove_all(data);
  }
}

TEST(RecordingRender, TheWhoIsTrainingDialogNamesTheTraineeInTheRun) {
  const fs::path data = fs::temp_directory_path() / "mnsim_recording_identity";
  fs::remove_all(data);
  const std::string result = (data / "result.json").string();
  fs::create_directories(data);
  const AppRun r = runUnderX(kSource + "/tests/gl/identity_dialog.sh",
                             "'" + std::string(MNSIM_EXE) + "' '" + result + "' 'Ana Silva' T-0042 --asset pad --plan " +
                                 kSource + "/docs/examples/pad_plan.yaml",
                             "XDG_DATA_HOME='" + data.string() + "' XDG_CONFIG_HOME='" + (data / "config").string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::vector<fs::path> runs = runsIn(data);
  ASSERT_EQ(runs.size(), 1u) << "one free needling session, recorded";
  auto bytes = mnsim::readFile(runs[0].string());
  ASSERT_TRUE(bytes.ok());
  auto log = mnsim::readRunLog(*bytes, runs[0].string());
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->header.trainee.name, "Ana Silva");
  EXPECT_EQ(log->header.trainee.id, "T-0042");
  EXPECT_EQ(log->header.kind, "needling");
  ASSERT_TRUE(log->seal.has_value());
  EXPECT_EQ(log->seal->status, "finished");
  // What the pointer did while the dialog was open and after, replayed: the result shown.
  EXPECT_EQ(cli("score --json '" + runs[0].string() + "'").out, mnsim::testing::readFile(result));
}

TEST(RecordingRender, AFreeNeedlingSessionIsRecordedAndScoresAsShown) {
  const fs::path data = fs::temp_directory_path() / "mnsim_recording_needling";
  fs::remove_all(data);
  fs::create_directories(data);
  const std::string result = (data / "result.json").string();
  const AppRun r = app(data, "train --asset pad --plan " + kSource + "/docs/examples/pad_plan.yaml --play-trace " +
                                 kSource + "/docs/examples/pad_good.csv --debrief --result " + result + " --exit-after");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::vector<fs::path> runs = runsIn(data);
  ASSERT_EQ(runs.size(), 1u);
  const nlohmann::json v = verified(runs[0]);
  EXPECT_EQ(v["verdict"], "ok") << v.dump();
  EXPECT_EQ(v["trainee"]["id"], "automation") << "a station nobody has trained at: automated runs say so";
  EXPECT_EQ(cli("score --json '" + runs[0].string() + "'").out, mnsim::testing::readFile(result));
}

// A recording of the pad drill killed after `seconds`: an unfinished run in `data`'s runs folder.
fs::path crashedRun(const fs::path& data, double seconds) {
  fs::create_directories(data / "mnsim/runs");
  const fs::path run = data / "mnsim/runs/pad_drill-crashed.mnrun";
  fs::remove(run);
  const std::string command = "cd '" + kSource + "' && XDG_CONFIG_HOME='" + kConfig.string() + "' timeout -s KILL " +
                              std::to_string(seconds) + " '" + MNSIM_EXE +
                              "' record --scenario scenarios/pad_drill.yaml --answers "
                              "scenarios/answers/pad_drill.correct.yaml --trainee-id T-crash --live --speed 2 --out '" +
                              run.string() + "' >/dev/null 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0) << "the recording was to be killed";
  return run;
}

TEST(RecordingRender, ARunACrashLeftIsOfferedThenClosedOrResumed) {
  const fs::path data = fs::temp_directory_path() / "mnsim_recording_recover";
  fs::remove_all(data);
  fs::path run = crashedRun(data, 1.5);
  EXPECT_EQ(verified(run)["verdict"], "truncated");
  // Offered on start: the prompt is over the home screen (the home screen alone looks different).
  const std::string home = (data / "home.png").string(), prompt = (data / "prompt.png").string();
  ASSERT_EQ(app(data, "--home --trainee-id T-crash --screenshot " + home + " --exit-after").exitCode, 0);
  ASSERT_EQ(app(data, "--home --trainee-id T-crash --recover ask --screenshot " + prompt + " --exit-after").exitCode, 0);
  const Image a = mnsim::testing::load(home), b = mnsim::testing::load(prompt);
  ASSERT_EQ(a.width, 1280);
  ASSERT_EQ(b.width, 1280);
  // The modal sits in the middle; its window is drawn where the home screen shows cards and gaps.
  int differing = 0;
  for (int y = 200; y < 520; y += 4)
    for (int x = 390; x < 890; x += 4) {
      const auto p = a.at(x, y), q = b.at(x, y);
      differing += std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 30;
    }
  EXPECT_GT(differing, 2000) << "no prompt over the home screen";
  EXPECT_EQ(verified(run)["verdict"], "truncated") << "asking changes nothing";
  // Closed as interrupted.
  ASSERT_EQ(app(data, "--home --trainee-id T-crash --recover close --exit-after").exitCode, 0);
  nlohmann::json v = verified(run);
  EXPECT_EQ(v["verdict"], "interrupted") << v.dump();
  EXPECT_EQ(cli("score --json '" + run.string() + "'").exitCode, 0);
  // Closed, it went into the station's store as well, as interrupted.
  const auto stored = nlohmann::json::parse(cli("store list --json --store '" + (data / "mnsim/store.sqlite").string() + "'").out);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["verify"], "interrupted");
  EXPECT_EQ(stored[0]["hash"], mnsim::contentHash(mnsim::testing::readFile(run)));
  // Resumed: the case goes on from where it stopped (in the needling), and the window closing
  // seals it as stopped; the gap is in the run and said by verify.
  run = crashedRun(data, 1.5);
  ASSERT_EQ(app(data, "--trainee-id T-crash --recover resume --exit-after").exitCode, 0);
  v = verified(run);
  EXPECT_EQ(v["verdict"], "ok") << v.dump();
  EXPECT_EQ(v["status"], "stopped");
  ASSERT_FALSE(v["notes"].empty());
  EXPECT_NE(v["notes"].dump().find("went on after a gap"), std::string::npos) << v.dump();
  auto bytes = mnsim::readFile(run.string());
  ASSERT_TRUE(bytes.ok());
  auto log = mnsim::readRunLog(*bytes, run.string());
  ASSERT_TRUE(log.ok());
  int gaps = 0;
  for (const mnsim::JournalEvent& e : log->events) gaps += e.kind == mnsim::RunEventKind::Gap;
  EXPECT_EQ(gaps, 1);
  EXPECT_EQ(cli("score --json '" + run.string() + "'").exitCode, 0);
  EXPECT_TRUE(runsIn(data).size() == 1u) << "resuming makes no new run";
  // Sealed as stopped when the window closed: in the store too, beside the interrupted one.
  EXPECT_EQ(nlohmann::json::parse(cli("store list --json --store '" + (data / "mnsim/store.sqlite").string() + "'").out).size(), 2u);
}

// The app sends what it records to the academy's server by itself: a case played while the server
// is down is kept at the station (nothing lost, the app not held up); when the app starts again
// with the server back, the run is sent, once.
TEST(RecordingRender, TheAppSendsItsRunsToTheAcademysServerWhenItCanBeReached) {
  mnsim::testing::PostgresCluster pg;
  ASSERT_TRUE(pg.ok()) << pg.why();
  const std::string port = std::to_string(pg.port());
  const std::string admin = "PGPASSWORD='" + pg.adminPassword() + "' ";
  const std::string adminStore = " --store 'host=127.0.0.1 port=" + port + " dbname=mnsim user=mnsim_admin'";
  auto as = [&](const std::string& env, const std::string& args) {
    return mnsim::testing::runCommand("cd '" + kSource + "' && " + env + "XDG_CONFIG_HOME='" + kConfig.string() + "' '" + MNSIM_EXE + "' " + args);
  };
  ASSERT_EQ(as(admin, "store setup" + adminStore).exitCode, 0);
  const fs::path data = fs::temp_directory_path() / "mnsim_recording_server";
  fs::remove_all(data);
  fs::create_directories(data);
  std::ofstream(data / "pw") << "station-r-pw\n";
  ASSERT_EQ(as(admin, "store add-person station_r --role station --password-file '" + (data / "pw").string() + "'" + adminStore).exitCode, 0);
  const std::string station = "XDG_DATA_HOME='" + data.string() + "' XDG_CONFIG_HOME='" + kConfig.string() +
                              "' PGPASSWORD=station-r-pw MNSIM_STORE_SERVER='host=127.0.0.1 port=" + port + " dbname=mnsim user=station_r'";
  const std::string scenario = kSource + "/scenarios/pad_drill.yaml", answers = kSource + "/scenarios/answers/pad_drill.correct.yaml";

  ASSERT_TRUE(pg.stop());
  const AppRun offline = runUnderX(MNSIM_EXE, "case " + scenario + " --answers " + answers + " --debrief --exit-after --trainee-id T-srv", station);
  ASSERT_EQ(offline.exitCode, 0) << offline.output;
  const std::vector<fs::path> runs = runsIn(data);
  ASSERT_EQ(runs.size(), 1u);
  const std::string hash = mnsim::contentHash(mnsim::testing::readFile(runs[0]));
  const auto kept = nlohmann::json::parse(cli("store list --json --store '" + (data / "mnsim/store.sqlite").string() + "'").out);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["hash"], hash) << "kept at the station";

  ASSERT_TRUE(pg.restart()) << pg.why();
  EXPECT_TRUE(nlohmann::json::parse(as(admin, "store list --json" + adminStore).out).empty()) << "nothing reached the server while it was down";
  const AppRun back = runUnderX(MNSIM_EXE, "--home --exit-after --trainee-id T-srv", station);
  ASSERT_EQ(back.exitCode, 0) << back.output;
  const auto onServer = nlohmann::json::parse(as(admin, "store list --json" + adminStore).out);
  ASSERT_EQ(onServer.size(), 1u) << "sent by the app on its own";
  EXPECT_EQ(onServer[0]["hash"], hash);
  EXPECT_EQ(onServer[0]["trainee"]["id"], "T-srv");
  ASSERT_EQ(runUnderX(MNSIM_EXE, "--home --exit-after --trainee-id T-srv", station).exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(as(admin, "store list --json" + adminStore).out).size(), 1u) << "sent once";
}

}  // namespace
