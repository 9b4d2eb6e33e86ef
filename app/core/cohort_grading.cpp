#include "core/cohort_grading.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <mnsim/base/files.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/review/review.h>
#include <mnsim/runs/replay.h>
#include <mnsim/skin/asset_library.h>

#include "core/run_opening.h"

namespace mnsim::app {

namespace fs = std::filesystem;

std::vector<std::string> findRunFiles(const std::vector<std::string>& inputs, std::vector<std::string>& missing) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".mnrun" && it->is_regular_file(ec)) found.push_back(it->path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      missing.push_back(input);
    }
  }
  return files;
}

namespace {

// What the grading threads share: one asset library and the scenarios loaded once each, behind a
// lock (loading is quick next to scoring; the models are only read once built).
class SharedCases {
 public:
  explicit SharedCases(const AssetSearch& search) : m_assets(search) {}

  Result<const SkinModel*> model(const std::string& assetName) {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_assets.model(assetName);
  }

  // The scenario at `path` (its problems, file:line:col, in the error) and its model.
  Result<std::pair<const Scenario*, const SkinModel*>> scenario(const std::string& path, const std::string& runFile) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto found = m_scenarios.find(path);
    if (found == m_scenarios.end()) {
      ScenarioOptions options;
      options.assets = &m_assets;
      ScenarioLoad load = loadScenario(path, options);
      Loaded loaded;
      if (load.ok()) {
        loaded.scenario = std::make_unique<Scenario>(std::move(*load.scenario));
      } else {
        loaded.problems = "the run's scenario cannot be used:";
        for (const Diagnostic& d : load.diagnostics) loaded.problems += " " + d.format();
      }
      found = m_scenarios.emplace(path, std::move(loaded)).first;
    }
    if (!found->second.scenario) return makeError(ErrorCode::Value, found->second.problems, {runFile, 0, 0});
    auto model = m_assets.model(found->second.scenario->assetName);
    if (!model) return model.error();
    return std::make_pair(static_cast<const Scenario*>(found->second.scenario.get()), *model);
  }

 private:
  struct Loaded {
    std::unique_ptr<Scenario> scenario;
    std::string problems;
  };
  std::mutex m_mutex;
  AssetLibrary m_assets;
  std::map<std::string, Loaded> m_scenarios;
};

// One run's row: read and checked; altered and unreadable runs are listed, not scored; the rest
// scored again from their inputs. `bytes`: the run file's, or why they could not be read.
CohortRun gradeOne(const std::string& file, const Result<std::string>& bytes, const GradeOptions& options, SharedCases& cases) {
  auto evidence = bytes ? runForReview(*bytes, file, options.trusted) : Result<RunForReview>(bytes.error());
  if (!evidence) {
    RunCheck unreadable;
    return unscoredRun(file, unreadable, evidence.error().format());
  }
  const RunCheck& check = evidence->check;
  if (check.verdict == RunVerdict::Altered || check.verdict == RunVerdict::Unreadable)
    return unscoredRun(file, check, "");
  const RunFile& run = evidence->run;
  if (run.header && run.header->kind == "needling") {
    auto model = cases.model(run.header->assetName);
    if (!model) return unscoredRun(file, check, model.error().format());
    auto result = replayNeedling(run, **model);
    if (!result) return unscoredRun(file, check, result.error().format());
    return cohortRunOf(file, check, run, evidence->hash, *result);
  }
  const std::string path = findRunScenario(file, run, options.scenarioPath);
  if (path.empty())
    return unscoredRun(file, check, file + ": the run's scenario '" + run.scenarioPath +
                                        "' was not found (not as recorded, nor beside the run); give it with --scenario");
  auto loaded = cases.scenario(path, file);
  if (!loaded) return unscoredRun(file, check, loaded.error().format());
  auto result = replayRun(run, *loaded->first, *loaded->second);
  if (!result) return unscoredRun(file, check, result.error().format());
  return cohortRunOf(file, check, run, evidence->hash, *result);
}

// Grades `count` runs on every core; `load(i)` gives the i-th run's name and bytes.
Cohort gradeAll(size_t count, const std::function<std::pair<std::string, Result<std::string>>(size_t)>& load,
                const GradeOptions& options) {
  SharedCases cases(options.search);
  std::vector<CohortRun> rows(count);
  std::atomic<size_t> next{0};
  size_t done = 0;
  std::mutex progressMutex;
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) {
      auto [name, bytes] = load(i);
      rows[i] = gradeOne(name, bytes, options, cases);
      std::lock_guard<std::mutex> lock(progressMutex);
      ++done;
      if (options.progress) options.progress(done, count);
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t workers = std::min<size_t>(options.threads ? options.threads : cores, std::max<size_t>(count, 1));
  std::vector<std::thread> threads;
  for (size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  return makeCohort(std::move(rows), options.rule);
}

}  // namespace

Cohort gradeRuns(const std::vector<std::string>& files, const GradeOptions& options) {
  return gradeAll(files.size(), [&](size_t i) { return std::make_pair(files[i], readFile(files[i], "run file")); }, options);
}

Result<Cohort> gradeStoredRuns(Store& store, const RunQuery& query, const GradeOptions& options) {
  auto runs = store.runs(query);
  if (!runs) return runs.error();
  std::mutex storeMutex;  // one connection, read by one thread at a time
  return gradeAll(runs->size(), [&](size_t i) {
    const StoredRun& r = (*runs)[i];
    std::lock_guard<std::mutex> lock(storeMutex);
    return std::make_pair("store:" + storedRunName(r), store.runBytes(r.hash));
  }, options);
}

}  // namespace mnsim::app
