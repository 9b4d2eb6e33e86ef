// Runs as evidence, end to end with the real mnsim: a recording killed with SIGKILL at random
// moments loses at most 250 ms of input and is recovered as interrupted; `mnsim verify` finds
// changes and unknown keys; `mnsim keys` shows, exports and trusts keys.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_run.h"
#include "postgres_cluster.h"
#include "mnsim/base/files.h"
#include "mnsim/review/review.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using mnsim::testing::CommandRun;

const fs::path kHome = fs::temp_directory_path() / "mnsim_test_home";
const std::string kSource = MNSIM_SOURCE_DIR;

CommandRun mnsim(const std::string& args) {
  return mnsim::testing::runCommand("cd '" + kSource + "' && '" + MNSIM_EXE + "' " + args);
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_evidence_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// `mnsim record --live` of the pad drill in a child process (its pid), as a station records.
pid_t startLiveRecording(const fs::path& run) {
  const std::string config = "XDG_CONFIG_HOME=" + (kHome / "config").string();
  const std::string data = "XDG_DATA_HOME=" + (kHome / "data").string();
  std::vector<std::string> args{MNSIM_EXE, "record", "--scenario", "scenarios/pad_drill.yaml", "--answers",
                                "scenarios/answers/pad_drill.correct.yaml", "--trainee-id", "T-crash",
                                "--live", "--speed", "4", "--out", run.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> envStrings{config, data};
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "XDG_", 4) != 0) envStrings.push_back(*e);
  std::vector<char*> envp;
  for (std::string& e : envStrings) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, kSource.c_str());
  pid_t pid = -1;
  if (posix_spawn(&pid, MNSIM_EXE, &actions, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

TEST(RunEvidence, AKilledRecordingLosesAtMost250MsAndIsRecoveredAsInterrupted) {
  // The samples the recording plays, exactly as it feeds them (written back and read again).
  auto text = mnsim::readFile(kSource + "/scenarios/traces/pad_drill.good.csv");
  ASSERT_TRUE(text.ok());
  auto trace = mnsim::parseTrace(*text, "pad_drill.good.csv");
  ASSERT_TRUE(trace.ok());
  auto exact = mnsim::parseTrace(mnsim::formatTrace(trace->samples), "exact");
  ASSERT_TRUE(exact.ok());
  const unsigned seed = std::random_device()();
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> moment(50, 4500);  // ms after the run file appeared
  SCOPED_TRACE("random seed " + std::to_string(seed));
  int64_t worstLossMs = 0;
  for (int k = 0; k < 10; ++k) {
    const fs::path run = scratch("crash-" + std::to_string(k) + ".mnrun");
    fs::remove(run);
    const int afterMs = moment(random);
    SCOPED_TRACE("kill " + std::to_string(k) + " after " + std::to_string(afterMs) + " ms");
    const pid_t pid = startLiveRecording(run);
    ASSERT_GT(pid, 0);
    // The moment is counted from when the run file exists (a loaded machine, or a sanitizer
    // build, takes a while to load the case): every kill then falls while it records.
    for (int wait = 0; wait < 400 && !fs::exists(run); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(afterMs));
    const int64_t killedMs = mnsim::nowUnixMs();
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the recording ended before it was killed";

    // What the journal holds: the header, the answers, and the samples in order, with no gap.
    auto bytes = mnsim::readFile(run.string());
    ASSERT_TRUE(bytes.ok()) << "no run file";
    auto log = mnsim::readRunLog(*bytes, run.string());
    ASSERT_TRUE(log.ok()) << log.error().format();
    EXPECT_FALSE(log->seal.has_value());
    EXPECT_TRUE(!log->damage || log->tornTail) << *log->damage;
    const int64_t lastInputMs = log->header.startedUnixMs + static_cast<int64_t>(log->lastWallMs);
    EXPECT_GE(lastInputMs, killedMs - 250) << "more than 250 ms of input lost: " << killedMs - lastInputMs << " ms";
    worstLossMs = std::max(worstLossMs, killedMs - lastInputMs);
    size_t n = 0;
    for (const mnsim::JournalEvent& e : log->events) {
      ASSERT_EQ(e.index, &e - log->events.data());
      if (e.kind != mnsim::RunEventKind::Sample) continue;
      ASSERT_LT(n, exact->samples.size());
      const mnsim::PenSample &a = e.sample, &b = exact->samples[n++];
      EXPECT_EQ(std::memcmp(&a.timeS, &b.timeS, sizeof a.timeS), 0) << "sample " << n;
      EXPECT_EQ(std::memcmp(&a.tipMm, &b.tipMm, sizeof a.tipMm), 0) << "sample " << n;
      EXPECT_EQ(a.contact, b.contact) << "sample " << n;
    }
    if (afterMs >= 500) {
      EXPECT_GT(n, 0u) << "the needling had not begun half a second in";
    }

    // Recovered: sealed as interrupted, verified as such, and it scores.
    const CommandRun recovered = mnsim("recover --close '" + run.string() + "'");
    ASSERT_EQ(recovered.exitCode, 0) << recovered.out << recovered.err;
    EXPECT_NE(recovered.out.find("closed as interrupted"), std::string::npos) << recovered.out;
    const CommandRun verified = mnsim("verify --json '" + run.string() + "'");
    EXPECT_EQ(verified.exitCode, 1);
    const auto v = nlohmann::json::parse(verified.out);
    EXPECT_EQ(v[0]["verdict"], "interrupted") << v.dump();
    EXPECT_EQ(v[0]["events"].get<uint64_t>(), log->events.size() + 1);
    const CommandRun scored = mnsim("score --json '" + run.string() + "'");
    EXPECT_EQ(scored.exitCode, 0) << scored.err;
    EXPECT_EQ(nlohmann::json::parse(scored.out)["format"], "mnsim-case/1");
    EXPECT_NE(scored.err.find("interrupted"), std::string::npos) << scored.err;
  }
  // For the record: the most input any of the ten kills lost (the kill's own moment included).
  std::printf("10 kills: at most %lld ms between the last input on disk and the kill\n",
              static_cast<long long>(worstLossMs));
  RecordProperty("worst_loss_ms", static_cast<int>(worstLossMs));
}

fs::path recordPad(const std::string& name) {
  const fs::path run = scratch(name);
  fs::remove(run);
  const CommandRun r = mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml "
                             "--trainee-id T-0007 --trainee-name 'Bo Chen' --mode assessment --out '" + run.string() + "'");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return run;
}

TEST(RunEvidence, VerifyNamesWhatIsWrongAndExitsZeroOnlyWhenAllAreOk) {
  const fs::path good = recordPad("good.mnrun");
  CommandRun r = mnsim("verify '" + good.string() + "'");
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind(good.string() + ": ok: finished", 0), 0u) << r.out;
  const std::string bytes = mnsim::testing::readFile(good);
  // A byte changed in the middle.
  const fs::path altered = scratch("altered.mnrun");
  std::string changed = bytes;
  changed[changed.size() / 2] ^= 0x20;
  std::ofstream(altered, std::ios::binary) << changed;
  r = mnsim("verify '" + good.string() + "' '" + altered.string() + "'");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find(altered.string() + ": altered: "), std::string::npos) << r.out;
  // Cut short.
  const fs::path cut = scratch("cut.mnrun");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 100);
  r = mnsim("verify '" + cut.string() + "'");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find(": truncated"), std::string::npos) << r.out;
  // A legacy run: unsigned.
  r = mnsim("verify tests/data/runs/legacy.run.json");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find("unsigned: a legacy mnsim-run/1 file"), std::string::npos) << r.out << r.err;
  // Trusted keys from a folder: an empty one trusts nobody.
  const fs::path none = scratch("no-keys");
  fs::create_directories(none);
  r = mnsim("verify --trusted-keys '" + none.string() + "' '" + good.string() + "'");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find("signed by an unknown key"), std::string::npos) << r.out;
  // Usage errors.
  EXPECT_EQ(mnsim("verify").exitCode, 2);
  EXPECT_EQ(mnsim("verify --strict x").exitCode, 2);
  r = mnsim("verify no_such_run.mnrun");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find("cannot open the run file"), std::string::npos) << r.out;
}

TEST(RunEvidence, KeysAreShownExportedAndTrusted) {
  const fs::path good = recordPad("keys.mnrun");
  CommandRun r = mnsim("keys");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("key id"), std::string::npos);
  // The secret key is the owner's alone.
  struct stat st {};
  ASSERT_EQ(::stat((kHome / "config/mnsim/keys/station.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  const fs::path exported = scratch("station.pub");
  fs::remove(exported);
  r = mnsim("keys export '" + exported.string() + "'");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(mnsim::testing::readFile(exported).rfind("mnsim-key/1 ed25519-public ", 0), 0u);
  EXPECT_EQ(mnsim("keys export '" + exported.string() + "'").exitCode, 1) << "never over an existing file";
  // An academy's folder of keys with this station's in it: the run verifies against it.
  const fs::path academy = scratch("academy-keys");
  fs::create_directories(academy);
  fs::copy_file(exported, academy / "station-a.pub", fs::copy_options::overwrite_existing);
  r = mnsim("verify --trusted-keys '" + academy.string() + "' '" + good.string() + "'");
  EXPECT_EQ(r.exitCode, 0) << r.out;
  r = mnsim("keys trust '" + exported.string() + "' --as 'Room 2'");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(mnsim("keys list").out.find("Room 2"), std::string::npos);
  r = mnsim("keys trust tests/data/runs/legacy.run.json");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("not an mnsim key file"), std::string::npos) << r.err;
  EXPECT_EQ(mnsim("keys frobnicate").exitCode, 2);
}

}  // namespace

namespace {

TEST(RunEvidence, AReportOfARunIsItsReplayedResultAsJsonOrCsv) {
  const fs::path run = scratch("report.mnrun");
  fs::remove(run);
  ASSERT_EQ(mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.mistakes.yaml "
                  "--trainee-id T-0042 --trainee-name 'Ana Silva' --out '" + run.string() + "'").exitCode, 0);
  const CommandRun json = mnsim("report '" + run.string() + "' --format json");
  ASSERT_EQ(json.exitCode, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["format"], "mnsim-report/1");
  EXPECT_EQ(j["run"]["trainee"]["name"], "Ana Silva");
  EXPECT_EQ(j["run"]["verify"], "ok");
  EXPECT_EQ(j["run"]["hash"], mnsim::contentHash(mnsim::testing::readFile(run)));
  const auto score = nlohmann::json::parse(mnsim("score --json '" + run.string() + "'").out);
  EXPECT_EQ(j["result"]["score"], score["summary"]["score"]) << "the report's result is the replayed one";
  EXPECT_FALSE(j["faults"].empty());
  EXPECT_TRUE(j["review"].is_null());
  const fs::path csv = scratch("report.csv");
  ASSERT_EQ(mnsim("report '" + run.string() + "' --format csv --out '" + csv.string() + "'").exitCode, 0);
  const std::string rows = mnsim::testing::readFile(csv);
  EXPECT_EQ(rows.rfind("section,item,field,value\r\n", 0), 0u);
  EXPECT_NE(rows.find("run,,trainee.name,Ana Silva\r\n"), std::string::npos);
  EXPECT_EQ(fs::status(csv).permissions() & fs::perms::others_read, fs::perms::none) << "owner-only";
  // Wrong input: a clear line, exit 2; a missing run names the file, exit 1.
  const CommandRun noFile = mnsim("report '" + run.string() + "'");
  EXPECT_EQ(noFile.exitCode, 2);
  EXPECT_EQ(noFile.err.substr(0, noFile.err.find('\n')),
            "mnsim report: the HTML report goes to a file: give --out REPORT.html");
  // The HTML report: one file, its pictures inside it, drawn without a display.
  const fs::path html = scratch("report.html");
  const CommandRun page = mnsim("report '" + run.string() + "' --out '" + html.string() + "'");
  ASSERT_EQ(page.exitCode, 0) << page.err;
  const std::string text = mnsim::testing::readFile(html);
  EXPECT_EQ(text.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(text.find("<img alt=\"front\" src=\"data:image/png;base64,"), std::string::npos);
  EXPECT_NE(text.find("Ana Silva"), std::string::npos);
  EXPECT_EQ(text.find("http"), std::string::npos) << "nothing from the network";
  const CommandRun xml = mnsim("report '" + run.string() + "' --format xml");
  EXPECT_EQ(xml.exitCode, 2);
  const CommandRun missing = mnsim("report /nonexistent/run.mnrun --format json");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("/nonexistent/run.mnrun: error: cannot open the run file"), std::string::npos) << missing.err;
}

// The embedded store, end to end: runs imported once each (altered ones refused), listed,
// exported back byte for byte, nothing a user made replaced.
TEST(RunEvidence, TheStoreImportsEachRunOnceAndExportsThemBackByteForByte) {
  const fs::path dir = scratch("store_runs"), out = scratch("store_out"), store = scratch("academy.sqlite");
  fs::remove_all(dir);
  fs::remove_all(out);
  fs::remove(store);
  fs::create_directories(dir);
  std::vector<std::string> originals;
  for (const char* who : {"T-1", "T-2", "T-1"}) {
    const fs::path run = dir / (std::string(who) + "-" + std::to_string(originals.size()) + ".mnrun");
    ASSERT_EQ(mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml "
                    "--trainee-id " + std::string(who) + " --out '" + run.string() + "'").exitCode, 0);
    originals.push_back(mnsim::testing::readFile(run));
  }
  std::string altered = originals[0];
  altered[altered.size() / 2] ^= 1;
  std::ofstream(dir / "altered.mnrun", std::ios::binary) << altered;
  const std::string s = " --store '" + store.string() + "'";

  const CommandRun first = mnsim("store import '" + dir.string() + "'" + s);
  EXPECT_EQ(first.exitCode, 1) << "one refused";
  EXPECT_EQ(first.out, "imported 3 runs (0 already in the store) and 0 reviews into " + store.string() + "; 1 refused (above)\n");
  EXPECT_NE(first.err.find("altered.mnrun: not stored: the run is altered"), std::string::npos) << first.err;
  EXPECT_EQ(fs::status(store).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  const CommandRun second = mnsim("store import '" + (dir / "T-1-0.mnrun").string() + "'" + s);
  EXPECT_EQ(second.exitCode, 0);
  EXPECT_EQ(second.out, "imported 0 runs (1 already in the store) and 0 reviews into " + store.string() + "\n");

  const auto list = nlohmann::json::parse(mnsim("store list --json" + s).out);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_GE(list[0]["started_utc"].get<std::string>(), list[2]["started_utc"].get<std::string>()) << "newest first";
  EXPECT_EQ(nlohmann::json::parse(mnsim("store list --json --trainee T-2" + s).out).size(), 1u);

  const CommandRun exported = mnsim("store export '" + out.string() + "'" + s);
  ASSERT_EQ(exported.exitCode, 0) << exported.err;
  std::vector<std::string> back;
  for (const auto& e : fs::directory_iterator(out)) back.push_back(mnsim::testing::readFile(e.path()));
  ASSERT_EQ(back.size(), 3u);
  for (const std::string& o : originals)
    EXPECT_NE(std::find(back.begin(), back.end(), o), back.end()) << "each run back as it was recorded";
  EXPECT_EQ(mnsim("store export '" + out.string() + "'" + s).exitCode, 0) << "the same files again: nothing to do";
  // Graded from the store: the same cohort as from the files.
  const fs::path storeJson = scratch("from_store.json"), filesJson = scratch("from_files.json");
  mnsim("grade --from-store --json '" + storeJson.string() + "'" + s);
  mnsim("grade '" + out.string() + "' --json '" + filesJson.string() + "'");
  const auto fromStore = nlohmann::json::parse(mnsim::testing::readFile(storeJson));
  const auto fromFiles = nlohmann::json::parse(mnsim::testing::readFile(filesJson));
  ASSERT_EQ(fromStore["runs"].size(), 3u);
  EXPECT_EQ(fromStore["runs"][0]["file"].get<std::string>().rfind("store:pad_drill-", 0), 0u);
  ASSERT_EQ(fromStore["curves"].size(), 2u);
  ASSERT_EQ(fromFiles["curves"].size(), 2u);
  for (size_t c = 0; c < 2; ++c) {
    EXPECT_EQ(fromStore["curves"][c]["trainee"], fromFiles["curves"][c]["trainee"]);
    EXPECT_EQ(fromStore["curves"][c]["attempts"], fromFiles["curves"][c]["attempts"]);
    for (size_t p = 0; p < fromStore["curves"][c]["points"].size(); ++p)
      EXPECT_EQ(fromStore["curves"][c]["points"][p]["score"], fromFiles["curves"][c]["points"][p]["score"]);
  }
  // A stored run reported by its key, exactly as from its file; a key that names none, or a store
  // that is not there, said so.
  const std::string hash = list[0]["hash"];
  const CommandRun byKey = mnsim("report store:" + hash.substr(12, 10) + " --format json" + s);
  ASSERT_EQ(byKey.exitCode, 0) << byKey.err;
  EXPECT_EQ(nlohmann::json::parse(byKey.out)["run"]["hash"], hash);
  EXPECT_EQ(nlohmann::json::parse(byKey.out)["result"], nlohmann::json::parse(mnsim("report '" + (out / fs::path(
      nlohmann::json::parse(byKey.out)["run"]["file"].get<std::string>())).string() + "' --format json").out)["result"]);
  const CommandRun noKey = mnsim("report store:0123456789 --format json" + s);
  EXPECT_EQ(noKey.exitCode, 1);
  EXPECT_NE(noKey.err.find("no run '0123456789' in the store"), std::string::npos) << noKey.err;
  const CommandRun noStore = mnsim("store list --store '" + scratch("typo.sqlite").string() + "'");
  EXPECT_EQ(noStore.exitCode, 1);
  EXPECT_NE(noStore.err.find("no store here"), std::string::npos) << noStore.err;
  EXPECT_FALSE(fs::exists(scratch("typo.sqlite"))) << "a mistyped store is not made";
  // A different file where an export would go: left as it is, and said.
  const fs::path taken = fs::directory_iterator(out)->path();
  std::ofstream(taken, std::ios::binary) << "mine";
  const CommandRun clash = mnsim("store export '" + out.string() + "'" + s);
  EXPECT_EQ(clash.exitCode, 1);
  EXPECT_NE(clash.err.find("a different file is there already; it is left as it is"), std::string::npos) << clash.err;
  EXPECT_EQ(mnsim::testing::readFile(taken), "mine");
  // Wrong command lines.
  EXPECT_EQ(mnsim("store" + s).exitCode, 2);
  EXPECT_EQ(mnsim("store frob" + s).exitCode, 2);
  EXPECT_EQ(mnsim("store import" + s).exitCode, 2);
}

// The store on PostgreSQL through the command line, as an academy's administrator and its
// stations use it: set up, people added, runs imported by a station once each, a trainee's
// connection listing only their own runs. Passwords come from PGPASSWORD and files, never argv.
TEST(RunEvidence, APostgresStoreIsSetUpFilledByAStationAndReadByATrainee) {
  mnsim::testing::PostgresCluster pg;
  ASSERT_TRUE(pg.ok()) << pg.why();
  const std::string admin = "--store 'host=127.0.0.1 port=" + std::to_string(pg.port()) + " dbname=mnsim user=mnsim_admin'";
  const std::string adminEnv = "PGPASSWORD='" + pg.adminPassword() + "' ";
  const auto as = [&](const std::string& env, const std::string& args) {
    return mnsim::testing::runCommand("cd '" + kSource + "' && " + env + "'" + MNSIM_EXE + "' " + args);
  };
  const CommandRun setup = as(adminEnv, "store setup " + admin);
  ASSERT_EQ(setup.exitCode, 0) << setup.err;
  EXPECT_EQ(setup.out, "the store is set up at schema 2\n");
  const fs::path pw = scratch("pg_pw");
  std::ofstream(pw) << "station-secret\n";
  ASSERT_EQ(as(adminEnv, "store add-person station_1 --role station --password-file '" + pw.string() + "' " + admin).exitCode, 0);
  std::ofstream(pw) << "ana-secret\n";
  const CommandRun ana = as(adminEnv, "store add-person ana --role trainee --trainee-id T-1 --name 'Ana Silva' --password-file '" +
                                          pw.string() + "' " + admin);
  ASSERT_EQ(ana.exitCode, 0) << ana.err;
  EXPECT_EQ(ana.out, "added ana as trainee\n");
  EXPECT_EQ(as(adminEnv, "store add-person x --role chef --password-file '" + pw.string() + "' " + admin).exitCode, 2);

  const fs::path dir = scratch("pg_runs");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* who : {"T-1", "T-2"})
    ASSERT_EQ(mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml --trainee-id " +
                    std::string(who) + " --out '" + (dir / (std::string(who) + ".mnrun")).string() + "'").exitCode, 0);
  const std::string server = "host=127.0.0.1 port=" + std::to_string(pg.port()) + " dbname=mnsim";
  const CommandRun import = as("PGPASSWORD=station-secret ", "store import '" + dir.string() + "' --store '" + server + " user=station_1'");
  ASSERT_EQ(import.exitCode, 0) << import.err;
  EXPECT_NE(import.out.find("imported 2 runs (0 already in the store)"), std::string::npos) << import.out;
  EXPECT_NE(as("PGPASSWORD=station-secret ", "store import '" + dir.string() + "' --store '" + server + " user=station_1'")
                .out.find("imported 0 runs (2 already in the store)"),
            std::string::npos);
  const CommandRun mine = as("PGPASSWORD=ana-secret ", "store list --json --store '" + server + " user=ana'");
  ASSERT_EQ(mine.exitCode, 0) << mine.err;
  const auto list = nlohmann::json::parse(mine.out);
  ASSERT_EQ(list.size(), 1u) << "a trainee sees only their own runs";
  EXPECT_EQ(list[0]["trainee"]["id"], "T-1");
  const CommandRun wrong = as("PGPASSWORD=nope ", "store list --store '" + server + " user=ana'");
  EXPECT_EQ(wrong.exitCode, 1);
  EXPECT_NE(wrong.err.find("password authentication failed"), std::string::npos) << wrong.err;
}

}  // namespace
