// Opening a recorded run for replay and review, the same way for the window (`mnsim replay`,
// Review runs, a debrief's Replay) and the command line: the run read and checked (an altered
// run is still opened, to be shown with its warning), its scenario found and loaded with its
// asset, and the run replayed from its inputs (review/run_replay.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <mnsim/base/error.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/report/run_report.h>
#include <mnsim/review/review.h>
#include <mnsim/review/run_replay.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/skin/asset_loader.h>

namespace mnsim::app {

// Where a case run's scenario is: `given` when not empty, else the path recorded (as typed, then
// beside the run), else the absolute path recorded. "" when none exists.
std::string findRunScenario(const std::string& runPath, const RunFile& run, const std::string& given = "");

struct OpenedRun {
  RunForReview evidence;               // the inputs, the verify verdict, the run's hash
  std::unique_ptr<AssetLibrary> ownAssets;  // when no library was lent
  AssetLibrary* assets = nullptr;           // where its model came from
  std::unique_ptr<Scenario> scenario;  // cases only
  std::string scenarioPath;            // where it was found (cases only)
  std::unique_ptr<RunReplay> replay;
};

// Errors name the run file, or the scenario's problems (file:line:col). `assets`: a library to
// share (its models are built once); null: one of its own.
Result<std::unique_ptr<OpenedRun>> openRunForReplay(const std::string& runPath, const std::string& scenarioPath,
                                                    const AssetSearch& search, const std::vector<PublicKey>& trusted,
                                                    AssetLibrary* assets = nullptr);

// A run opened for its report (`mnsim report`, `mnsim xapi`): the run replayed and its report made,
// with a review when one is chosen.
struct ReviewChoice {
  std::string given;        // this review file ("": one beside the run)
  bool none = false;        // no review at all
  bool signedOnly = false;  // only a signed review that verifies (beside the run: the newest such)
};
struct ReportedRun {
  std::unique_ptr<OpenedRun> opened;
  RunReport report;
  std::vector<std::string> warnings;  // "REVIEW: warning: ..." lines for standard error
};
Result<ReportedRun> openRunReport(const std::string& runPath, const std::string& scenarioPath, const AssetSearch& search,
                                  const std::vector<PublicKey>& trusted, const ReviewChoice& review);

// Expert reference runs of a case live beside its scenario: references/<scenario id>-<time>.mnrun
// (recorded in author mode, or with `mnsim record --out`). The folder, and the newest reference
// of the case ("" when it has none).
std::string referencesFolder(const std::string& scenarioFile);
std::string findReferenceRun(const std::string& scenarioFile, const std::string& scenarioId);

}  // namespace mnsim::app
