// What the home screen offers: the treatment plans (built in beside the assets, the examples,
// recent files) and the case library, read from disk. Window-free.
#pragma once

#include <string>
#include <vector>

#include <mnsim/skin/asset_loader.h>

namespace mnsim::app {

struct PlanChoice {
  std::string path;                  // file
  std::string title;                 // from the plan
  std::string asset;                 // the plan's asset
  std::vector<std::string> summary;  // a line per zone, and the device
};

struct CaseChoice {
  std::string path;        // scenario file
  std::string title;       // from the scenario
  std::string difficulty;  // beginner, intermediate, advanced
  int minutes = 0;         // estimated time
  std::string summary;     // a paragraph about the patient and the task
  std::string asset;       // the skin the case is needled on
};

// Plans in <folder>/plans for each asset folder, then in `extraFolders` (each sorted by path),
// then the `recent` files that still exist. Files that are not plans are left out.
std::vector<PlanChoice> findPlans(const AssetSearch& search, const std::vector<std::string>& extraFolders,
                                  const std::vector<std::string>& recent);
// Scenarios in scenarios/ beside each asset folder and in `extraFolders`: beginners first, then
// by title. Files that do not load are left out.
std::vector<CaseChoice> findCases(const AssetSearch& search, const std::vector<std::string>& extraFolders);
// The first plan for `asset`, or "" when there is none.
std::string defaultPlanFor(const std::string& asset, const std::vector<PlanChoice>& plans);

}  // namespace mnsim::app
