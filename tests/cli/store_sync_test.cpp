// Stations and the academy's PostgreSQL server (docs/store.md), with a real server started by the
// test: a station that records while the server is down keeps its runs and sends them when it is
// back, in order, nothing lost or doubled; twenty stations upload thirty-minute runs at once while
// the server is restarted, and afterwards every run is on the server exactly once and verifies.
#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_run.h"
#include "postgres_cluster.h"
#include "mnsim/base/files.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/review/review.h"
#include "mnsim/runs/run_log.h"
#include "mnsim/store/store.h"
#include "traces/thirty_minutes.h"

namespace {

namespace fs = std::filesystem;
using mnsim::testing::CommandRun;
using mnsim::testing::PostgresCluster;

const std::string kSource = MNSIM_SOURCE_DIR;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_sync_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

CommandRun mnsimAs(const std::string& env, const std::string& args) {
  return mnsim::testing::runCommand("cd '" + kSource + "' && " + env + "'" + MNSIM_EXE + "' " + args);
}

std::string recordCommand(const std::string& trainee, const fs::path& out, const std::string& trace = "") {
  return "record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml --trainee-id " + trainee +
         (trace.empty() ? "" : " --trace needling='" + trace + "'") + " --out '" + out.string() + "'";
}

// What the administrator sees: the server's runs in the order it received them.
std::vector<std::string> serverHashesInOrder(const PostgresCluster& pg) {
  std::vector<std::string> out;
  PGconn* c = PQconnectdb(pg.adminConninfo().c_str());
  PGresult* r = PQexec(c, "SELECT hash FROM runs ORDER BY seq");
  for (int i = 0; i < PQntuples(r); ++i) out.push_back(PQgetvalue(r, i, 0));
  PQclear(r);
  PQfinish(c);
  return out;
}

TEST(StoreSync, AStationOfflineKeepsItsRunsAndSendsThemInOrderWhenTheServerIsBack) {
  PostgresCluster pg;
  ASSERT_TRUE(pg.ok()) << pg.why();
  ASSERT_TRUE(mnsim::setUpPostgresStore(pg.adminConninfo()).ok());
  ASSERT_TRUE(mnsim::addStorePerson(pg.adminConninfo(), "station_1", mnsim::StoreRole::Station, "", "Station 1", "st-secret").ok());
  const std::string server = "host=127.0.0.1 port=" + std::to_string(pg.port()) + " dbname=mnsim user=station_1";
  const fs::path local = scratch("station.sqlite"), runs = scratch("offline_runs");
  fs::remove(local);
  fs::remove_all(runs);
  fs::create_directories(runs);
  const std::string env = "PGPASSWORD=st-secret ";
  const std::string sync = "store sync --store '" + local.string() + "' --server '" + server + "'";

  // The server goes down; the station records three runs and keeps them (as the app does).
  ASSERT_TRUE(pg.stop());
  std::vector<std::string> recorded;
  for (const char* who : {"T-3", "T-1", "T-2"}) {
    const fs::path run = runs / (std::string(who) + ".mnrun");
    ASSERT_EQ(mnsimAs("", recordCommand(who, run)).exitCode, 0);
    ASSERT_EQ(mnsimAs("", "store import '" + run.string() + "' --store '" + local.string() + "'").exitCode, 0);
    recorded.push_back(mnsim::contentHash(mnsim::testing::readFile(run)));
  }
  const CommandRun offline = mnsimAs(env, sync + " --tries 2");
  EXPECT_EQ(offline.exitCode, 1);
  EXPECT_NE(offline.out.find("sent 0 runs to " + server + " (0 it had already)"), std::string::npos) << offline.out;
  EXPECT_NE(offline.err.find("3 runs not sent, kept at this station for the next sync: "), std::string::npos) << offline.err;
  EXPECT_NE(offline.err.find("cannot reach the store"), std::string::npos) << offline.err;
  EXPECT_EQ(offline.err.find("st-secret"), std::string::npos) << "no password in a message";
  EXPECT_EQ(nlohmann::json::parse(mnsimAs("", "store list --json --store '" + local.string() + "'").out).size(), 3u);

  // Back: the three are sent, in the order the station kept them; again, nothing is sent twice.
  ASSERT_TRUE(pg.restart()) << pg.why();
  const CommandRun back = mnsimAs(env, sync);
  ASSERT_EQ(back.exitCode, 0) << back.err;
  EXPECT_NE(back.out.find("sent 3 runs to " + server + " (0 it had already)"), std::string::npos) << back.out;
  EXPECT_LT(back.out.find("-T-3-"), back.out.find("-T-1-")) << back.out;
  EXPECT_LT(back.out.find("-T-1-"), back.out.find("-T-2-")) << back.out;
  EXPECT_EQ(serverHashesInOrder(pg), recorded);
  const CommandRun again = mnsimAs(env, sync);
  EXPECT_EQ(again.exitCode, 0);
  EXPECT_NE(again.out.find("sent 0 runs"), std::string::npos) << again.out;
  EXPECT_EQ(serverHashesInOrder(pg).size(), 3u);

  // Wrong command lines and settings.
  EXPECT_EQ(mnsimAs("", "store sync --store '" + local.string() + "' --server backup.sqlite").exitCode, 2);
  EXPECT_EQ(mnsimAs("", "store sync --store '" + server + "' --server '" + server + "'").exitCode, 2);
  const CommandRun none = mnsimAs("MNSIM_STORE_SERVER= ", "store sync --store '" + local.string() + "'");
  EXPECT_EQ(none.exitCode, 2);
  EXPECT_NE(none.err.find("name the academy's server"), std::string::npos) << none.err;
}

// Twenty stations, each with thirty-minute runs in its own store, send them at once; the server is
// restarted while they do. The ingest rate is printed (measured here, not asserted).
TEST(StoreSync, TwentyStationsUploadThirtyMinuteRunsThroughAServerRestart) {
  constexpr int kStations = 20, kRunsEach = 3;
  PostgresCluster pg;
  ASSERT_TRUE(pg.ok()) << pg.why();
  ASSERT_TRUE(mnsim::setUpPostgresStore(pg.adminConninfo()).ok());
  const fs::path dir = scratch("load");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path trace = dir / "thirty_minutes.csv";
  ASSERT_TRUE(mnsim::writeTrace(mnsim::bench::thirtyMinuteSamples(), trace.string()));

  // The runs, recorded by the real mnsim two at a time, each into its station's own store.
  std::vector<fs::path> files(kStations * kRunsEach);
  const fs::path home = fs::temp_directory_path() / "mnsim_test_home";  // as runCommand's
  std::atomic<int> next{0}, failed{0};
  auto recorder = [&] {
    for (int i; (i = next++) < kStations * kRunsEach;) {
      char trainee[32];
      std::snprintf(trainee, sizeof trainee, "S%02d-T%d", i / kRunsEach, i % kRunsEach);
      files[i] = dir / (std::string(trainee) + ".mnrun");
      const std::string command = "export XDG_CONFIG_HOME='" + (home / "config").string() + "' XDG_DATA_HOME='" +
                                  (home / "data").string() + "'; cd '" + kSource + "' && '" + MNSIM_EXE + "' " +
                                  recordCommand(trainee, files[i], trace.string());
      if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) ++failed;  // runCommand is for one thread
    }
  };
  std::thread r1(recorder), r2(recorder);
  r1.join();
  r2.join();
  ASSERT_EQ(failed, 0);
  std::set<std::string> expected;
  int64_t totalBytes = 0;
  for (int s = 0; s < kStations; ++s) {
    const std::string login = "station_" + std::to_string(s);
    ASSERT_TRUE(mnsim::addStorePerson(pg.adminConninfo(), login, mnsim::StoreRole::Station, "", login, "pw-" + login).ok());
    auto local = mnsim::openSqliteStore((dir / (login + ".sqlite")).string());
    ASSERT_TRUE(local.ok());
    for (int k = 0; k < kRunsEach; ++k) {
      const std::string bytes = *mnsim::readFile(files[s * kRunsEach + k].string(), "run");
      ASSERT_TRUE((*local)->putRun(bytes, mnsim::checkRun(bytes, files[s * kRunsEach + k].string(), {})).ok());
      expected.insert(mnsim::contentHash(bytes));
      totalBytes += static_cast<int64_t>(bytes.size());
    }
  }

  // All at once; a third of the way in, the server is stopped and started again.
  std::vector<mnsim::BacklogReport> reports(kStations);
  std::atomic<int> done{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> stations;
  for (int s = 0; s < kStations; ++s)
    stations.emplace_back([&, s] {
      const std::string login = "station_" + std::to_string(s);
      auto local = mnsim::openSqliteStore((dir / (login + ".sqlite")).string());
      mnsim::BacklogOptions options;
      options.tries = 8;
      options.firstWaitS = 0.25;
      reports[s] = mnsim::sendBacklog(**local, "academy", [&] { return mnsim::openPostgresStore(pg.conninfo(login, "pw-" + login)); },
                                      options);
      ++done;
    });
  size_t onServerAtStop = 0;
  bool restarted = false;
  while (done < kStations) {
    const size_t n = serverHashesInOrder(pg).size();
    if (!restarted && n >= expected.size() / 3) {
      onServerAtStop = n;
      ASSERT_TRUE(pg.stop());
      std::this_thread::sleep_for(std::chrono::seconds(1));
      ASSERT_TRUE(pg.restart()) << pg.why();
      restarted = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (std::thread& t : stations) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ASSERT_TRUE(restarted);
  EXPECT_LT(onServerAtStop, expected.size()) << "the restart came while runs were still on their way";
  int reconnects = 0;
  for (int s = 0; s < kStations; ++s) {
    EXPECT_EQ(reports[s].sent + reports[s].already, kRunsEach) << "station " << s << ": " << reports[s].problem;
    EXPECT_EQ(reports[s].waiting + reports[s].refused, 0) << "station " << s << ": " << reports[s].problem;
    reconnects += reports[s].reconnects;
  }
  EXPECT_GE(reconnects, 1) << "some station lost its connection and made it again";
  const std::vector<std::string> onServer = serverHashesInOrder(pg);
  EXPECT_EQ(onServer.size(), expected.size()) << "each run exactly once";
  EXPECT_EQ(std::set<std::string>(onServer.begin(), onServer.end()), expected);
  std::cout << "ingest: " << expected.size() << " thirty-minute runs (" << totalBytes / 1e6 << " MB) from " << kStations
            << " stations in " << seconds << " s, a restart included: " << expected.size() / seconds << " runs/s, "
            << totalBytes / 1e6 / seconds << " MB/s; " << reconnects << " reconnections\n";

  // Every run verifies, as an assessor checks them: exported from the server and read by `mnsim verify`.
  const fs::path out = dir / "export";
  const std::string admin = "host=127.0.0.1 port=" + std::to_string(pg.port()) + " dbname=mnsim user=mnsim_admin";
  const CommandRun exported = mnsimAs("PGPASSWORD='" + pg.adminPassword() + "' ", "store export '" + out.string() + "' --store '" + admin + "'");
  ASSERT_EQ(exported.exitCode, 0) << exported.err;
  const CommandRun verified = mnsimAs("", "verify '" + out.string() + "'/*.mnrun");
  EXPECT_EQ(verified.exitCode, 0) << verified.out << verified.err;
  EXPECT_EQ(static_cast<size_t>(std::count(verified.out.begin(), verified.out.end(), '\n')) >= expected.size(), true) << verified.out;
  fs::remove_all(dir);
}

}  // namespace
