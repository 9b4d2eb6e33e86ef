// The run journal (mnsim-run/2, runs/run_journal.h) as the app uses it: what recording costs the
// frame loop, how big a 30-minute session's run file is, and how long `mnsim verify` takes on it.
//
//   BM_JournalSample        RunJournal::sample() per call, on a real journal in a temp folder with
//                           the default options: the writer thread cuts, chains and fdatasyncs a
//                           frame every 0.1 s meanwhile, so its lock and CPU are in the time (real
//                           time: under run_all.sh the writer shares the one core)
//   BM_JournalFrame         one frame of the loop while needling: 60 frames/s with 100 Hz input
//                           append 2 samples a frame (1.67 on average), back to back
//   BM_JournalFramePaced    the same at the real pace (60 frames/s for 4 s): mean and slowest frame
//   BM_ThirtyMinuteRun      writing a 30-minute session: 180,000 samples of a moving pen at 100 Hz
//                           and a few dozen answers, one frame per 0.1 s as the writer cuts them,
//                           sealed; counters: the file's size (MB) and bytes per sample
//   BM_VerifyThirtyMinuteRun          checkRun on that file, already in memory
//   BM_VerifyThirtyMinuteRunFromDisk  checkRunFile: reading it (from the page cache) and checking
//   BM_ReadThirtyMinuteRun            parseRun: every event decoded (what `mnsim score` reads)
// Targets: <= 0.2 ms a frame while needling, <= 20 MB for 30 minutes, verify <= 100 ms.
#include <benchmark/benchmark.h>
#include <mnsim/base/files.h>
#include <mnsim/base/signing.h>
#include <mnsim/procedure/pen_sample.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_log.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace mnsim;

constexpr double kInputHz = 100.0;
constexpr int kThirtyMinuteSamples = 180000;    // 30 min at 100 Hz
constexpr int kSamplesPerFrame = 2;             // 60 frames/s, 100 Hz: 1 or 2, 1.67 on average
constexpr uint64_t kSamplesPerFile = 1u << 20;  // tight loops start a new file after this many

// A folder of our own under the system's temp folder, removed at exit.
struct TempFolder {
  fs::path path = fs::temp_directory_path() / ("mnsim_journal_bench_" + std::to_string(::getpid()));
  TempFolder() { fs::create_directories(path); }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string tempPath(const std::string& name) {
  static TempFolder folder;
  const fs::path p = folder.path / name;
  std::error_code ec;
  fs::remove(p, ec);
  return p.string();
}

const SigningKey& stationKey() {
  static const SigningKey key = SigningKey::generate("bench-station");
  return key;
}

RunHeader benchHeader() {
  RunHeader h;
  h.kind = "case";
  h.createdBy = "journal_bench";
  h.trainee = {"T-0042", "Ana Silva", "2026-autumn"};
  h.mode = "assessment";
  h.stationId = "bench-station";
  h.mnsimVersion = "bench";
  h.startedUnixMs = nowUnixMs();
  h.scenarioPath = "scenarios/face_full.yaml";
  h.scenarioId = "face_full";
  h.scenarioSha256 = std::string(64, 'a');
  h.scenarioFile = "/opt/mnsim/scenarios/face_full.yaml";
  h.seed = 7;
  h.assetName = "head";
  h.assetHash = "sha256:" + std::string(64, 'b');
  return h;
}

// A pen moved with a mouse over a face-sized area (about 140 x 180 mm) at 100 Hz: the tip follows
// a smooth path with the float noise of mouse input, the axis turns slowly with the surface
// under it, contact toggles about every second, the dial depth stays, the pass changes now and
// then. Every sample differs from the one before in its time, tip and axis, as live input does.
class MousePen {
 public:
  PenSample next() {
    const double t = static_cast<double>(m_index) / kInputHz;
    PenSample s;
    s.timeS = t;
    const double u = 0.37 * t, v = 0.23 * t;
    const float jitter = 0.05f;  // mm: a pixel of mouse movement on the face
    s.tipMm = {
        static_cast<float>(70.0 * std::sin(u) + 12.0 * std::sin(3.1 * v)) + jitter * m_noise(m_rng),
        static_cast<float>(90.0 * std::sin(v + 0.4) + 9.0 * std::cos(2.3 * u)) +
            jitter * m_noise(m_rng),
        static_cast<float>(25.0 * std::cos(0.5 * u)) + 0.01f * m_noise(m_rng)};
    s.hasAxis = true;
    const float ax = static_cast<float>(0.25 * std::sin(0.05 * t)),
                ay = static_cast<float>(0.2 * std::cos(0.031 * t));
    const float n = std::sqrt(ax * ax + ay * ay + 1.0f);
    s.axis = {ax / n, ay / n, 1.0f / n};
    s.contact = (m_index / 100) % 2 == 0 || (m_index % 100) < 10;  // on ~1 s, off ~1 s
    s.pressure = 0.5f;
    s.depthMm = 0.5f;
    s.pass = static_cast<int>(m_index / (kThirtyMinuteSamples / 5)) + 1;  // 5 passes in 30 min
    ++m_index;
    return s;
  }

 private:
  uint64_t m_index = 0;
  std::mt19937 m_rng{12345};
  std::uniform_real_distribution<float> m_noise{-1.0f, 1.0f};
};

std::unique_ptr<RunJournal> createJournal(const std::string& path,
                                          const JournalOptions& options = {}) {
  auto j = RunJournal::create(path, benchHeader(), options);
  return j ? std::move(*j) : nullptr;
}

// Tight loops of sample(): a new file now and then (timing paused) so the disk use stays bounded.
// Returns the wall time of the timed part, in ns, for the per-sample and per-frame counters.
template <typename Body>
double frameLoop(benchmark::State& state, int samplesPerIteration, Body body) {
  using Clock = std::chrono::steady_clock;
  const std::string path = tempPath("loop.mnrun");
  auto journal = createJournal(path);
  if (!journal) {
    state.SkipWithError("cannot create the journal");
    return 0.0;
  }
  journal->event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v1"})");
  MousePen pen;
  // Samples made ahead, outside the timing: only the journal's cost is measured.
  std::vector<PenSample> samples(4096);
  for (PenSample& s : samples) s = pen.next();
  uint64_t appended = 0;
  size_t k = 0;
  Clock::duration timed{};
  Clock::time_point start = Clock::now();
  for (auto _ : state) {
    body(*journal, samples, k);
    appended += samplesPerIteration;
    if (appended % kSamplesPerFile < static_cast<uint64_t>(samplesPerIteration)) {
      timed += Clock::now() - start;
      state.PauseTiming();
      journal.reset();
      fs::remove(path);
      journal = createJournal(path);
      state.ResumeTiming();
      if (!journal) {
        state.SkipWithError("cannot create the journal");
        return 0.0;
      }
      start = Clock::now();
    }
  }
  timed += Clock::now() - start;
  journal.reset();
  fs::remove(path);
  return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(timed).count());
}

void BM_JournalSample(benchmark::State& state) {
  const double ns =
      frameLoop(state, 1, [](RunJournal& j, const std::vector<PenSample>& samples, size_t& k) {
        j.sample(samples[k]);
        k = (k + 1) & 4095;
      });
  state.counters["ns_per_sample"] = ns / static_cast<double>(state.iterations());
}
BENCHMARK(BM_JournalSample)->UseRealTime();

void BM_JournalFrame(benchmark::State& state) {
  const double ns = frameLoop(state, kSamplesPerFrame,
                              [](RunJournal& j, const std::vector<PenSample>& samples, size_t& k) {
                                for (int i = 0; i < kSamplesPerFrame; ++i) {
                                  j.sample(samples[k]);
                                  k = (k + 1) & 4095;
                                }
                              });
  state.counters["samples_per_frame"] = kSamplesPerFrame;
  state.counters["ns_per_frame"] = ns / static_cast<double>(state.iterations());
}
BENCHMARK(BM_JournalFrame)->UseRealTime();

// The frame loop at its real pace, 60 frames/s with 100 Hz input (1 or 2 samples a frame), for
// 4 s: caches as cold as the app leaves them, the writer cutting and syncing its frames every
// 0.1 s beside it. Manual time: only the journal calls of each frame; counters: the mean and
// the slowest frame.
void BM_JournalFramePaced(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  const std::string path = tempPath("paced.mnrun");
  auto journal = createJournal(path);
  if (!journal) {
    state.SkipWithError("cannot create the journal");
    return;
  }
  journal->event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v1"})");
  MousePen pen;
  const auto frame = std::chrono::microseconds(16667);
  auto deadline = Clock::now();
  uint64_t frames = 0, samples = 0;
  double slowestNs = 0.0, totalNs = 0.0;
  for (auto _ : state) {
    // Samples due by this frame at 100 Hz, made before the timing.
    const uint64_t due = (frames + 1) * 100 / 60;
    std::vector<PenSample> batch;
    while (samples < due) {
      batch.push_back(pen.next());
      ++samples;
    }
    const auto start = Clock::now();
    for (const PenSample& s : batch) journal->sample(s);
    const double ns = static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
    state.SetIterationTime(ns * 1e-9);
    slowestNs = std::max(slowestNs, ns);
    totalNs += ns;
    ++frames;
    deadline += frame;
    std::this_thread::sleep_until(deadline);
  }
  journal.reset();
  fs::remove(path);
  state.counters["ns_per_frame"] = totalNs / static_cast<double>(frames);
  state.counters["slowest_frame_ns"] = slowestNs;
  state.counters["samples_per_frame"] = static_cast<double>(samples) / static_cast<double>(frames);
}
BENCHMARK(BM_JournalFramePaced)->UseManualTime()->Iterations(240);

// A few dozen answers, spread over the session (the JSON the recorder writes).
std::string answerJson(int i, double timeS) {
  return R"({"step":"q)" + std::to_string(i) + R"(","visit":"v1","type":"question","time_s":)" +
         std::to_string(timeS) + R"(,"answer":{"choices":["a","c"]}})";
}

// Writes a sealed 30-minute session to `path`: frames every 0.1 s of input, as the writer cuts
// them while the trainee works (synced only at the seal: the bytes are the same either way).
bool writeThirtyMinuteRun(const std::string& path) {
  JournalOptions options;
  options.flushIntervalS = 3600.0;  // the frames are cut below, every 10 samples
  options.syncToDisk = false;
  // Started 20 minutes ago: the events' wall times take as many bytes as in a real session.
  RunHeader header = benchHeader();
  header.startedUnixMs -= 20 * 60 * 1000;
  auto created = RunJournal::create(path, header, options);
  if (!created) return false;
  RunJournal& j = **created;
  MousePen pen;
  constexpr int kAnswers = 36;
  constexpr int kSamplesPerFlush = static_cast<int>(kInputHz / 10);  // 0.1 s
  for (int i = 0; i < kAnswers / 2; ++i) {
    j.event(RunEventKind::Step,
            R"({"step":"q)" + std::to_string(i) + R"(","visit":"v1","time_s":0})");
    j.event(RunEventKind::Answer, answerJson(i, 10.0 * i));
  }
  j.event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v2"})");
  for (int i = 0; i < kThirtyMinuteSamples; ++i) {
    j.sample(pen.next());
    if ((i + 1) % kSamplesPerFlush == 0 && !j.flush()) return false;
  }
  j.event(RunEventKind::NeedlingEnd, R"({"step":"needling","time_s":1980.0,"trace":"live"})");
  for (int i = kAnswers / 2; i < kAnswers; ++i) {
    j.event(RunEventKind::Step,
            R"({"step":"q)" + std::to_string(i) + R"(","visit":"v3","time_s":1990})");
    j.event(RunEventKind::Answer, answerJson(i, 2000.0 + 10.0 * i));
  }
  const std::string result = R"({"format":"mnsim-case/1","score":87,"passed":true,"steps":[)" +
                             std::string(2000, ' ') + "]}";
  return j.seal(RunStatus::Finished, result, stationKey()).ok();
}

void BM_ThirtyMinuteRun(benchmark::State& state) {
  const std::string path = tempPath("thirty_minutes_write.mnrun");
  uintmax_t size = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::error_code ec;
    fs::remove(path, ec);
    state.ResumeTiming();
    if (!writeThirtyMinuteRun(path)) {
      state.SkipWithError("cannot write the run");
      return;
    }
    size = fs::file_size(path);
  }
  fs::remove(path);
  state.counters["file_MB"] = static_cast<double>(size) / 1e6;
  state.counters["bytes_per_sample"] = static_cast<double>(size) / kThirtyMinuteSamples;
  state.counters["samples"] = kThirtyMinuteSamples;
}
BENCHMARK(BM_ThirtyMinuteRun)->Unit(benchmark::kMillisecond)->UseRealTime();

// The sealed 30-minute run, written once, for the readers.
const std::string& thirtyMinuteRun() {
  static const std::string path = [] {
    const std::string p = tempPath("thirty_minutes.mnrun");
    return writeThirtyMinuteRun(p) ? p : std::string();
  }();
  return path;
}

void BM_VerifyThirtyMinuteRun(benchmark::State& state) {
  const std::string& path = thirtyMinuteRun();
  auto bytes = readFile(path.empty() ? "/nonexistent" : path);
  if (!bytes) {
    state.SkipWithError("no run to verify");
    return;
  }
  const std::vector<PublicKey> trusted{stationKey().publicKey()};
  RunVerdict verdict = RunVerdict::Unreadable;
  for (auto _ : state) {
    const RunCheck check = checkRun(*bytes, path, trusted);
    verdict = check.verdict;
    benchmark::DoNotOptimize(check.events);
  }
  if (verdict != RunVerdict::Ok) state.SkipWithError("the run does not verify");
  state.counters["file_MB"] = static_cast<double>(bytes->size()) / 1e6;
}
BENCHMARK(BM_VerifyThirtyMinuteRun)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_VerifyThirtyMinuteRunFromDisk(benchmark::State& state) {
  const std::string& path = thirtyMinuteRun();
  if (path.empty()) {
    state.SkipWithError("no run to verify");
    return;
  }
  const std::vector<PublicKey> trusted{stationKey().publicKey()};
  RunVerdict verdict = RunVerdict::Unreadable;
  for (auto _ : state) {
    const RunCheck check = checkRunFile(path, trusted);
    verdict = check.verdict;
    benchmark::DoNotOptimize(check.events);
  }
  if (verdict != RunVerdict::Ok) state.SkipWithError("the run does not verify");
}
BENCHMARK(BM_VerifyThirtyMinuteRunFromDisk)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadThirtyMinuteRun(benchmark::State& state) {
  const std::string& path = thirtyMinuteRun();
  auto bytes = readFile(path.empty() ? "/nonexistent" : path);
  if (!bytes) {
    state.SkipWithError("no run to read");
    return;
  }
  size_t samples = 0;
  for (auto _ : state) {
    auto run = parseRun(*bytes, path);
    if (!run) {
      state.SkipWithError("the run does not read");
      return;
    }
    samples = 0;
    for (const RunStep& s : run->steps) samples += s.samples.size();
    benchmark::DoNotOptimize(samples);
  }
  state.counters["samples"] = static_cast<double>(samples);
}
BENCHMARK(BM_ReadThirtyMinuteRun)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
