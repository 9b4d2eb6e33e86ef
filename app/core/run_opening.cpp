#include "core/run_opening.h"

#include <algorithm>
#include <filesystem>

#include <mnsim/base/files.h>
#include <mnsim/cases/scenario_loader.h>

namespace mnsim::app {

namespace fs = std::filesystem;

std::string findRunScenario(const std::string& runPath, const RunFile& run, const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  const std::string& recorded = run.scenarioPath;
  if (!recorded.empty() && fs::exists(recorded, ec)) return recorded;
  if (!recorded.empty() && fs::path(recorded).is_relative()) {
    const fs::path beside = fs::path(runPath).parent_path() / recorded;
    if (fs::exists(beside, ec)) return beside.string();
  }
  if (run.header && !run.header->scenarioFile.empty() && fs::exists(run.header->scenarioFile, ec))
    return run.header->scenarioFile;
  return "";
}

std::string referencesFolder(const std::string& scenarioFile) {
  return (fs::path(scenarioFile).parent_path() / "references").string();
}

std::string findReferenceRun(const std::string& scenarioFile, const std::string& scenarioId) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(referencesFolder(scenarioFile), ec)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".mnrun" && name.rfind(scenarioId + "-", 0) == 0) found.push_back(e.path().string());
  }
  std::sort(found.begin(), found.end());  // <id>-<local time>: the newest last
  return found.empty() ? "" : found.back();
}

Result<std::unique_ptr<OpenedRun>> openRunForReplay(const std::string& runPath, const std::string& scenarioPath,
                                                    const AssetSearch& search, const std::vector<PublicKey>& trusted,
                                                    AssetLibrary* assets) {
  auto evidence = readRunForReview(runPath, trusted);
  if (!evidence) return evidence.error();
  auto out = std::make_unique<OpenedRun>();
  out->evidence = std::move(*evidence);
  if (!assets) {
    out->ownAssets = std::make_unique<AssetLibrary>(search);
    assets = out->ownAssets.get();
  }
  out->assets = assets;
  const RunFile& run = out->evidence.run;
  const bool needling = run.header && run.header->kind == "needling";
  if (needling) {
    auto model = out->assets->model(run.header->assetName);
    if (!model) return model.error();
    auto replay = RunReplay::open(run, nullptr, **model);
    if (!replay) return replay.error();
    out->replay = std::move(*replay);
    return out;
  }
  const std::string path = findRunScenario(runPath, run, scenarioPath);
  if (path.empty())
    return makeError(ErrorCode::Io,
                     "the run's scenario '" + run.scenarioPath + "' was not found (not as recorded, nor beside the run); "
                     "give it with --scenario",
                     {runPath, 0, 0});
  out->scenarioPath = path;
  ScenarioOptions options;
  options.assets = out->assets;
  ScenarioLoad load = loadScenario(path, options);
  if (!load.ok()) {
    std::string problems;
    for (const Diagnostic& d : load.diagnostics) problems += "\n" + d.format();
    return makeError(ErrorCode::Value, "the run's scenario cannot be used:" + problems, {runPath, 0, 0});
  }
  out->scenario = std::make_unique<Scenario>(std::move(*load.scenario));
  auto model = out->assets->model(out->scenario->assetName);
  if (!model) return model.error();
  auto replay = RunReplay::open(run, out->scenario.get(), **model);
  if (!replay) return replay.error();
  out->replay = std::move(*replay);
  return out;
}

namespace {

struct ChosenReview {
  std::optional<Review> review;
  std::string verdict;
};

// The review `choice` asks for: read, parsed and checked against the run.
Result<ChosenReview> chooseReview(const std::string& runPath, const std::string& runHash, const std::vector<PublicKey>& trusted,
                                  const ReviewChoice& choice, std::vector<std::string>& warnings) {
  ChosenReview chosen;
  if (choice.none) return chosen;
  std::vector<std::string> candidates;
  if (!choice.given.empty()) {
    candidates.push_back(choice.given);
  } else {
    candidates = reviewFilesFor(runPath);
    std::reverse(candidates.begin(), candidates.end());  // the newest first
  }
  for (const std::string& path : candidates) {
    auto text = readFile(path, "review");
    if (!text) return text.error();
    const ReviewCheck check = checkReview(*text, path, runHash, trusted);
    const std::string verdict = reviewVerdictId(check.verdict);
    if (choice.signedOnly && check.verdict != ReviewVerdict::Ok) {
      if (!choice.given.empty())
        return makeError(ErrorCode::Value,
                         "the review is " + verdict + " (" + check.message + "): only a signed review that verifies can be sent",
                         {path, 0, 0});
      continue;  // an older one beside the run may be signed
    }
    auto parsed = parseReview(*text, path);
    if (!parsed) return parsed.error();
    if (verdict != "ok" && verdict != "draft")
      warnings.push_back(path + ": warning: the review is " + verdict + " ('mnsim verify' says more); the report says so");
    chosen.review = std::move(*parsed);
    chosen.verdict = verdict;
    return chosen;
  }
  return chosen;
}

}  // namespace

Result<ReportedRun> openRunReport(const std::string& runPath, const std::string& scenarioPath, const AssetSearch& search,
                                  const std::vector<PublicKey>& trusted, const ReviewChoice& choice) {
  auto opened = openRunForReplay(runPath, scenarioPath, search, trusted);
  if (!opened) return opened.error();
  ReportedRun out;
  out.opened = std::move(*opened);
  auto review = chooseReview(runPath, out.opened->evidence.hash, trusted, choice, out.warnings);
  if (!review) return review.error();
  out.report = makeRunReport(*out.opened->replay, out.opened->evidence, review->review ? &*review->review : nullptr,
                             review->verdict);
  return out;
}

}  // namespace mnsim::app
