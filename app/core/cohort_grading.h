// Grading a cohort (`mnsim grade`): run files found in folders, each read, checked and scored again
// from its inputs on all cores (review/ and runs/ in the engine), gathered into one cohort
// (report/cohort.h). A run that cannot be graded is listed with why, never dropped.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <mnsim/base/signing.h>
#include <mnsim/report/cohort.h>
#include <mnsim/store/store.h>
#include <mnsim/skin/asset_loader.h>

namespace mnsim::app {

// The run files among `inputs`: a file as given, a folder's *.mnrun files (its subfolders too), in
// name order. An input that does not exist is put in `missing`.
std::vector<std::string> findRunFiles(const std::vector<std::string>& inputs, std::vector<std::string>& missing);

struct GradeOptions {
  AssetSearch search;
  std::vector<PublicKey> trusted;
  std::string scenarioPath;  // for case runs whose scenario is not where they say ("" none)
  unsigned threads = 0;      // 0: every core
  LcCusumRule rule;
  // Called from the grading threads, one at a time, after each run: runs done, of all.
  std::function<void(size_t done, size_t total)> progress;
};

Cohort gradeRuns(const std::vector<std::string>& files, const GradeOptions& options);
// The same for the runs a store holds (those `query` lists); each row is named
// "store:<storedRunName>".
Result<Cohort> gradeStoredRuns(Store& store, const RunQuery& query, const GradeOptions& options);

}  // namespace mnsim::app
