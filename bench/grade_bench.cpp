// Exports of whole runs, timed as a user runs them (the real mnsim binary, all its work: reading,
// verifying, scoring again from the inputs, writing):
//   BM_GradeHundredThirtyMinuteRuns  `mnsim grade DIR --csv F` over 100 thirty-minute runs, on
//                                    every core (target: 30 s on 2 cores)
//   BM_GradeHundredOnOneCore         the same with --jobs 1: the peer that shows what the cores add
//   BM_ReportThirtyMinuteRun         `mnsim report RUN --out F.html` of one thirty-minute run,
//                                    pictures and charts included (target: 2 s)
//   BM_ReportThirtyMinuteRunJson     the same as JSON (no pictures): what the pictures cost
// The runs are the pad drill needled for thirty minutes at 100 Hz (tools/traces/thirty_minutes.h),
// recorded once with `mnsim record` into a scratch folder that later runs reuse.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <benchmark/benchmark.h>

#include <mnsim/formats/trace_file.h>

#include "traces/thirty_minutes.h"

namespace {

namespace fs = std::filesystem;

const fs::path kScratch = fs::temp_directory_path() / "mnsim_grade_bench_v1";
constexpr int kRuns = 100;

bool shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string mnsim() { return std::string("cd '") + MNSIM_SOURCE_DIR + "' && '" + MNSIM_EXE + "' "; }

// 100 runs of ten trainees, ten attempts each; made once.
const fs::path& runsFolder() {
  static const fs::path folder = [] {
    const fs::path runs = kScratch / "runs", done = kScratch / "complete";
    if (fs::exists(done)) return runs;
    fs::remove_all(kScratch);
    fs::create_directories(runs);
    const fs::path trace = kScratch / "thirty_minutes.csv";
    if (!mnsim::writeTrace(mnsim::bench::thirtyMinuteSamples(), trace.string())) std::abort();
    for (int i = 0; i < kRuns; ++i) {
      const std::string id = "T-" + std::to_string(i % 10);
      const fs::path run = runs / (id + "-" + std::to_string(i / 10 + 1) + ".mnrun");
      if (!shell(mnsim() + "record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml "
                 "--trace needling='" + trace.string() + "' --trainee-id " + id + " --out '" + run.string() + "' >/dev/null"))
        std::abort();
    }
    std::ofstream(done) << kRuns << "\n";
    return runs;
  }();
  return folder;
}

void timeCommand(benchmark::State& state, const std::string& command) {
  for (auto _ : state)
    if (!shell(command)) state.SkipWithError(("failed: " + command).c_str());
}

void BM_GradeHundredThirtyMinuteRuns(benchmark::State& state) {
  timeCommand(state, mnsim() + "grade '" + runsFolder().string() + "' --csv '" + (kScratch / "cohort.csv").string() + "'");
  state.counters["runs"] = kRuns;
}
BENCHMARK(BM_GradeHundredThirtyMinuteRuns)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1)->Repetitions(3);

void BM_GradeHundredOnOneCore(benchmark::State& state) {
  timeCommand(state, mnsim() + "grade '" + runsFolder().string() + "' --jobs 1 --csv '" +
                         (kScratch / "cohort1.csv").string() + "'");
}
BENCHMARK(BM_GradeHundredOnOneCore)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1)->Repetitions(3);

void BM_ReportThirtyMinuteRun(benchmark::State& state) {
  timeCommand(state, mnsim() + "report '" + (runsFolder() / "T-0-1.mnrun").string() + "' --out '" +
                         (kScratch / "report.html").string() + "'");
  state.counters["html_MB"] = static_cast<double>(fs::file_size(kScratch / "report.html")) / 1e6;
}
BENCHMARK(BM_ReportThirtyMinuteRun)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(5);

void BM_ReportThirtyMinuteRunJson(benchmark::State& state) {
  timeCommand(state, mnsim() + "report '" + (runsFolder() / "T-0-1.mnrun").string() + "' --format json --out '" +
                         (kScratch / "report.json").string() + "'");
}
BENCHMARK(BM_ReportThirtyMinuteRunJson)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(5);

}  // namespace

BENCHMARK_MAIN();
