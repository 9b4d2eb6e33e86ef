#include "core/catalog.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/plan_file.h>

namespace mnsim::app {

namespace fs = std::filesystem;

namespace {

// The *.yaml files of a folder, by canonical path, sorted; none when it cannot be read.
std::vector<std::string> yamlFiles(const fs::path& folder) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.path().extension() == ".yaml") found.push_back(fs::canonical(e.path(), ec).string());
  std::sort(found.begin(), found.end());
  return found;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The device, then up to four zones, as the home screen lists them under the plan.
std::vector<std::string> planSummary(const TreatmentPlan& plan) {
  std::vector<std::string> summary;
  const DeviceSpec& device = plan.device();
  summary.push_back(device.kind == DeviceKind::Pen && plan.cartridge() ? "Pen, " + plan.cartridge()->name + " cartridge"
                                                                       : device.name);
  const size_t shown = std::min<size_t>(plan.zones.size(), 4);
  for (size_t z = 0; z < shown; ++z) {
    const ZonePlan& zp = plan.zones[z];
    char line[160];
    std::snprintf(line, sizeof line, "%s: %.2f-%.2f mm, %d passes", zp.zoneId.c_str(), zp.depthMinMm, zp.depthMaxMm,
                  zp.passes);
    summary.push_back(line);
  }
  if (plan.zones.size() > shown) summary.push_back("and " + std::to_string(plan.zones.size() - shown) + " more zones");
  return summary;
}

}  // namespace

std::vector<PlanChoice> findPlans(const AssetSearch& search, const std::vector<std::string>& extraFolders,
                                  const std::vector<std::string>& recent) {
  std::vector<fs::path> folders;
  for (const std::string& f : search.folders) folders.push_back(fs::path(f) / "plans");
  for (const std::string& f : extraFolders) folders.push_back(f);
  std::vector<std::string> paths;
  for (const fs::path& folder : folders)
    for (const std::string& p : yamlFiles(folder))
      if (!contains(paths, p)) paths.push_back(p);
  std::error_code ec;
  for (const std::string& r : recent)
    if (!contains(paths, r) && fs::exists(r, ec)) paths.push_back(r);
  std::vector<PlanChoice> plans;
  for (const std::string& p : paths) {
    auto plan = readPlan(p);
    if (!plan) continue;  // scenario files and broken plans are not offered here
    plans.push_back({p, plan->title, plan->assetName, planSummary(*plan)});
  }
  return plans;
}

std::vector<CaseChoice> findCases(const AssetSearch& search, const std::vector<std::string>& extraFolders) {
  std::vector<fs::path> folders;
  for (const std::string& f : search.folders) folders.push_back(fs::path(f).parent_path() / "scenarios");
  for (const std::string& f : extraFolders) folders.push_back(f);
  std::vector<CaseChoice> cases;
  std::vector<std::string> seen;
  for (const fs::path& folder : folders) {
    for (const std::string& file : yamlFiles(folder)) {
      if (contains(seen, file)) continue;
      seen.push_back(file);
      ScenarioLoad load = loadScenario(file);
      if (!load.scenario) continue;
      const Scenario& sc = *load.scenario;
      cases.push_back({file, sc.title, sc.difficulty, sc.estimatedMinutes, sc.summary, sc.assetName});
    }
  }
  // Beginners first, then by title.
  auto rank = [](const std::string& d) { return d == "beginner" ? 0 : d == "intermediate" ? 1 : 2; };
  std::stable_sort(cases.begin(), cases.end(), [&](const CaseChoice& a, const CaseChoice& b) {
    return rank(a.difficulty) != rank(b.difficulty) ? rank(a.difficulty) < rank(b.difficulty) : a.title < b.title;
  });
  return cases;
}

std::string defaultPlanFor(const std::string& asset, const std::vector<PlanChoice>& plans) {
  for (const PlanChoice& p : plans)
    if (p.asset == asset) return p.path;
  return {};
}

}  // namespace mnsim::app
