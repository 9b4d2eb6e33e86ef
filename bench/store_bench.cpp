// The academy store, timed on this machine with a real PostgreSQL server (started here, as the
// tests do: tests/support/postgres_cluster.h):
//   BM_HomeListsSqlite            what Review runs and My progress do when they open: the station's
//                                 store opened, every run listed (10,000 runs), and one trainee's
//                                 (target: 100 ms)
//   BM_HomeListsPostgres          the same on an academy server
//   BM_GradeStoredRunsPostgres    `mnsim grade --from-store --store <server> --csv F` over 1,000
//                                 stored case runs, on every core (target: 60 s on 2 cores)
//   BM_GradeRunFiles              the peer: the same 1,000 runs graded from their files
// The 10,000 listed runs are small sealed runs made here (a list reads no run); the 1,000 graded
// runs are cases recorded with `mnsim record` (fine lines, acne scars, the pad drill; correct and
// with mistakes) by 100 trainees, made once into a scratch folder that later runs reuse.
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include <mnsim/base/files.h>
#include <mnsim/base/signing.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_log.h>
#include <mnsim/store/store.h>

#include "core/run_index.h"
#include "postgres_cluster.h"

namespace {

namespace fs = std::filesystem;

const fs::path kScratch = fs::temp_directory_path() / "mnsim_store_bench_v1";
constexpr int kListed = 10000, kGraded = 1000;

bool shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// The real mnsim with a scratch home, and the password of a server when one is given.
std::string mnsim(const std::string& pgPassword = "") {
  return "export XDG_CONFIG_HOME='" + (kScratch / "home/config").string() + "' XDG_DATA_HOME='" + (kScratch / "home/data").string() +
         "'" + (pgPassword.empty() ? "" : " PGPASSWORD='" + pgPassword + "'") + "; cd '" + MNSIM_SOURCE_DIR + "' && '" + MNSIM_EXE + "' ";
}

// 10,000 small sealed runs of 500 trainees over five cases, with a recorded score: made once.
const fs::path& listedStore() {
  static const fs::path path = [] {
    const fs::path store = kScratch / "listed.sqlite", done = kScratch / "listed.complete";
    if (fs::exists(done)) return store;
    fs::create_directories(kScratch);
    fs::remove(store);
    auto s = mnsim::openSqliteStore(store.string());
    if (!s) std::abort();
    const mnsim::SigningKey key = mnsim::SigningKey::generate("bench station");
    const fs::path tmp = kScratch / "one.mnrun";
    const char* cases[] = {"fine_lines", "acne_scars", "pad_drill", "large_pores", "melasma"};
    for (int i = 0; i < kListed; ++i) {
      mnsim::RunHeader h;
      h.createdBy = "store bench";
      h.trainee = {"T-" + std::to_string(i % 500), "Trainee " + std::to_string(i % 500), "2026-A"};
      h.mode = "practice";
      h.stationId = "bench";
      h.mnsimVersion = "bench";
      h.startedUnixMs = 1'780'000'000'000 + int64_t{i} * 60'000;
      h.scenarioId = cases[i % 5];
      h.scenarioPath = h.scenarioId + ".yaml";
      h.scenarioSha256 = std::string(64, 'a');
      h.assetName = "head";
      fs::remove(tmp);
      auto journal = mnsim::RunJournal::create(tmp.string(), h);
      const std::string result = R"({"summary":{"score":)" + std::to_string(40 + i % 60) + R"(,"proficient":)" +
                                 (i % 60 >= 35 ? "true" : "false") + "}}";
      if (!journal || !(*journal)->seal(mnsim::RunStatus::Finished, result, key)) std::abort();
      journal->reset();
      const std::string bytes = *mnsim::readFile(tmp.string(), "run");
      if (!(*s)->putRun(bytes, mnsim::checkRun(bytes, "bench", {key.publicKey()}))) std::abort();
    }
    std::ofstream(done) << kListed << "\n";
    return store;
  }();
  return path;
}

// 1,000 case runs recorded by the real mnsim, two at a time: made once.
const fs::path& gradedRuns() {
  static const fs::path folder = [] {
    const fs::path runs = kScratch / "graded", done = kScratch / "graded.complete";
    if (fs::exists(done)) return runs;
    fs::create_directories(runs);  // runs made by an interrupted start are kept
    const char* kinds[] = {"fine_lines.mistakes", "fine_lines.correct", "acne_scars.mistakes", "acne_scars.correct",
                           "pad_drill.mistakes", "pad_drill.correct"};
    std::atomic<int> next{0}, failed{0};
    auto work = [&] {
      for (int i; (i = next++) < kGraded;) {
        const std::string kind = kinds[(i / 100 + i) % 6], scenario = kind.substr(0, kind.find('.'));
        const std::string id = "T-" + std::to_string(i % 100);
        const fs::path out = runs / (id + "-" + std::to_string(i) + ".mnrun");
        if (fs::exists(out)) continue;
        if (!shell(mnsim() + "record --scenario scenarios/" + scenario + ".yaml --answers scenarios/answers/" + kind + ".yaml --trainee-id " +
                   id + " --seed " + std::to_string(i + 1) + " --out '" + out.string() + "' >/dev/null"))
          ++failed;
      }
    };
    std::thread a(work), b(work);
    a.join();
    b.join();
    if (failed) std::abort();
    std::ofstream(done) << kGraded << "\n";
    return runs;
  }();
  return folder;
}

std::string location(const mnsim::testing::PostgresCluster& pg) {
  return "host=127.0.0.1 port=" + std::to_string(pg.port()) + " dbname=mnsim user=mnsim_admin";
}

// A server holding the 10,000 listed runs.
mnsim::testing::PostgresCluster& listServer() {
  static mnsim::testing::PostgresCluster pg;
  static const bool filled = [] {
    if (!pg.ok() || !mnsim::setUpPostgresStore(pg.adminConninfo())) return false;
    auto to = mnsim::openPostgresStore(pg.adminConninfo());
    auto from = mnsim::openSqliteStore(listedStore().string());
    if (!to || !from) return false;
    auto runs = (*from)->runs({});
    if (!runs) return false;
    for (const mnsim::StoredRun& r : *runs) {
      const std::string bytes = *(*from)->runBytes(r.hash);
      if (!(*to)->putRun(bytes, mnsim::checkRun(bytes, "bench", {}))) return false;
    }
    // As a server in service has long since done (autovacuum): statistics and the visibility map,
    // so that the measurement does not race the first automatic vacuum of 10,000 new rows.
    return shell("PGPASSWORD='" + pg.adminPassword() + "' psql -X -q -h 127.0.0.1 -p " + std::to_string(pg.port()) +
                 " -U mnsim_admin -d mnsim -c 'VACUUM ANALYZE'");
  }();
  if (!filled) std::abort();
  return pg;
}

// Another holding the 1,000 recorded runs, imported as a station would.
mnsim::testing::PostgresCluster& gradeServer() {
  static mnsim::testing::PostgresCluster pg;
  static const bool filled = pg.ok() && mnsim::setUpPostgresStore(pg.adminConninfo()) &&
                             shell(mnsim(pg.adminPassword()) + "store import '" + gradedRuns().string() +
                                   "' --store '" + location(pg) + "' >/dev/null");
  if (!filled) std::abort();
  return pg;
}

void timeHomeLists(benchmark::State& state, const std::function<mnsim::Result<std::unique_ptr<mnsim::Store>>()>& open) {
  size_t listed = 0, mine = 0;
  double openMs = 0, allMs = 0, ownMs = 0;
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
  };
  for (auto _ : state) {
    auto t = std::chrono::steady_clock::now();
    auto store = open();
    if (!store) {
      state.SkipWithError(store.error().format().c_str());
      return;
    }
    openMs = since(t);
    t = std::chrono::steady_clock::now();
    auto all = mnsim::app::listStoredRuns(**store, {});
    allMs = since(t);
    t = std::chrono::steady_clock::now();
    auto own = mnsim::app::listStoredRuns(**store, {"T-42", "", 0});
    ownMs = since(t);
    if (!all || !own) {
      state.SkipWithError("a list failed");
      return;
    }
    listed = all->size();
    mine = own->size();
  }
  state.counters["runs_listed"] = static_cast<double>(listed);
  state.counters["trainee_runs"] = static_cast<double>(mine);
  state.counters["open_ms"] = openMs;  // of the last repetition
  state.counters["all_ms"] = allMs;
  state.counters["trainee_ms"] = ownMs;
}

void BM_HomeListsSqlite(benchmark::State& state) {
  const std::string path = listedStore().string();
  timeHomeLists(state, [&] { return mnsim::openSqliteStore(path); });
}
BENCHMARK(BM_HomeListsSqlite)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(9);

void BM_HomeListsPostgres(benchmark::State& state) {
  const std::string conninfo = listServer().adminConninfo();
  timeHomeLists(state, [&] { return mnsim::openPostgresStore(conninfo); });
}
BENCHMARK(BM_HomeListsPostgres)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(9);

void timeCommand(benchmark::State& state, const std::string& command) {
  for (auto _ : state)
    if (!shell(command)) state.SkipWithError(("failed: " + command).c_str());
}

void BM_GradeStoredRunsPostgres(benchmark::State& state) {
  const mnsim::testing::PostgresCluster& pg = gradeServer();
  timeCommand(state, mnsim(pg.adminPassword()) + "grade --from-store --store '" + location(pg) + "' --csv '" +
                         (kScratch / "from_store.csv").string() + "' >/dev/null");
  state.counters["runs"] = kGraded;
}
BENCHMARK(BM_GradeStoredRunsPostgres)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1)->Repetitions(3);

void BM_GradeRunFiles(benchmark::State& state) {
  timeCommand(state, mnsim() + "grade '" + gradedRuns().string() + "' --csv '" + (kScratch / "from_files.csv").string() + "' >/dev/null");
  state.counters["runs"] = kGraded;
}
BENCHMARK(BM_GradeRunFiles)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1)->Repetitions(3);

}  // namespace

BENCHMARK_MAIN();
