#include "screens/home_controller.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include <mnsim/base/version.h>
#include <mnsim/formats/plan_file.h>

#include "core/run_store.h"
#include "core/settings.h"
#include "core/station.h"
#include "ui/overlays.h"

#ifndef MNSIM_SOURCE_DIR
#define MNSIM_SOURCE_DIR ""
#endif

namespace mnsim::app {

namespace fs = std::filesystem;

namespace {

// The source tree's examples and case library, when the program runs from a build of it.
std::vector<std::string> sourceFolders(const char* sub) {
  if (std::string(MNSIM_SOURCE_DIR).empty()) return {};
  return {(fs::path(MNSIM_SOURCE_DIR) / sub).string()};
}

std::vector<PlanChoice> plansFound(const AssetSearch& search, const std::vector<std::string>& recent) {
  return findPlans(search, sourceFolders("docs/examples"), recent);
}

}  // namespace

void HomeController::init(const std::string& configFolder, int fitzpatrick) {
  const Settings& settings = m_ctx.settings;
  m_home.recent = settings.recent;
  m_home.plans = plansFound(m_ctx.search, settings.recent);
  m_home.fitzpatrick = fitzpatrick > 0 ? fitzpatrick : settings.fitzpatrick;
  m_home.assessment = settings.assessment;
  m_home.assetChoice = settings.asset == "pad" ? 1 : settings.asset == "body" ? 2 : settings.asset == "head" ? 0 : 3;
  if (m_home.assetChoice == 3) m_home.otherAsset = settings.asset;
  m_home.planPath = settings.plan.empty() ? defaultPlanFor(settings.asset, m_home.plans) : settings.plan;
  m_home.configFolder = configFolder;
  m_home.cases = findCases(m_ctx.search, sourceFolders("scenarios"));
  if (!m_home.cases.empty()) m_home.casePath = m_home.cases.front().path;
  m_home.version = mnsimVersion();
  for (int t = 1; t <= 6; ++t) m_home.skinSwatches.push_back(m_ctx.scene.tones().tone(t).swatchSrgb);
}

void HomeController::openBrowser(ui::HomeAction action) {
  m_browsing = action;
  if (action == ui::HomeAction::BrowseCase) {
    m_browser.open("Open a case (scenario)", ".", {".yaml", ".yml"});
  } else if (action == ui::HomeAction::BrowsePlan) {
    m_browser.open("Open a treatment plan",
                   m_home.planPath.empty() ? "." : fs::path(m_home.planPath).parent_path().string(), {".yaml", ".yml"});
  } else {
    m_browser.open("Open a mesh or zone map", ".", {".zones.yaml", ".obj", ".ply", ".stl", ".glb", ".gltf", ".fbx"});
  }
}

ScreenRequest HomeController::chosen(const std::string& path) {
  if (m_browsing == ui::HomeAction::BrowseCase) {
    m_home.casePath = path;
    return StartCase{path, m_home.assessment, 1, std::nullopt, {}};
  }
  if (m_browsing == ui::HomeAction::BrowseAsset) {
    m_home.otherAsset = path;
    return {};
  }
  m_home.planPath = path;
  m_home.plans = plansFound(m_ctx.search, m_ctx.settings.recent);
  const bool known = std::any_of(m_home.plans.begin(), m_home.plans.end(),
                                 [&](const PlanChoice& p) { return p.path == m_home.planPath; });
  if (known) return {};
  // A plan from elsewhere joins the list, if it reads.
  auto plan = readPlan(m_home.planPath);
  if (!plan) {
    m_ctx.overlays.error = plan.error().format();
    return {};
  }
  std::vector<std::string> withIt = m_ctx.settings.recent;
  withIt.push_back(m_home.planPath);
  m_home.plans = plansFound(m_ctx.search, withIt);
  return {};
}

void HomeController::showRuns() {
  m_runs.open = true;
  m_runs.rows.clear();
  auto store = openStationStore(m_ctx.settings.reviewStore);
  if (!store) {
    m_ctx.overlays.error = "The store cannot be opened: " + store.error().format();
    m_runs.folder = storePath();
  } else if (auto rows = listStoredRuns(**store, {}); !rows) {
    m_ctx.overlays.error = "The store's runs cannot be listed: " + rows.error().format();
  } else {
    m_runs.folder = (*store)->location();
    m_runs.rows = std::move(*rows);
  }
  const BacklogState backlog = backlogState();
  m_runs.backlog = backlog.summary();
  m_runs.backlogWhy = backlog.why;
  m_runs.selected = m_runs.rows.empty() ? -1 : 0;
}

void HomeController::showProgress() {
  const Settings& st = m_ctx.settings;
  m_progress = {};
  m_progress.open = true;
  if (st.traineeId.empty()) return;
  m_progress.trainee = st.traineeName + " (" + st.traineeId + ")";
  auto store = openStationStore(st.reviewStore);
  auto rows = store ? listStoredRuns(**store, {st.traineeId, "", 0}) : Result<std::vector<RunRow>>(store.error());
  if (!rows) {
    m_ctx.overlays.error = "Your runs cannot be read from the store: " + rows.error().format();
    return;
  }
  m_progress.where = (*store)->location();
  // Newest first from the store: a case's first row is its latest attempt, so cases come in the
  // order they were last attempted; scores are gathered oldest first.
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    auto c = std::find_if(m_progress.cases.begin(), m_progress.cases.end(), [&](const ui::CaseProgress& p) { return p.what == it->what; });
    if (c == m_progress.cases.end()) c = m_progress.cases.insert(m_progress.cases.end(), ui::CaseProgress{it->what, {}, 0, 0, ""});
    ++c->attempts;
    c->lastStarted = it->started;
    if (it->hasScore) c->scores.push_back(static_cast<float>(it->score));
    if (it->hasScore && it->proficient) ++c->proficient;
  }
  std::stable_sort(m_progress.cases.begin(), m_progress.cases.end(),
                   [](const ui::CaseProgress& a, const ui::CaseProgress& b) { return a.lastStarted > b.lastStarted; });
}

std::string HomeController::runFileFor(const std::string& chosen) {
  if (!isStoredRunKey(chosen)) return chosen;
  auto path = storedRunFile(chosen.substr(std::string(kStoredRunPrefix).size()), m_ctx.settings.reviewStore);
  if (!path) {
    m_ctx.overlays.error = "The run cannot be read from the store: " + path.error().format();
    return "";
  }
  return *path;
}

ScreenRequest HomeController::frame(const FrameInput& in) {
  ScreenRequest next;
  m_home.recent = m_ctx.settings.recent;
  const Settings& st = m_ctx.settings;
  m_home.trainee = st.traineeId.empty() ? "" : st.traineeName + " (" + st.traineeId + ")";
  const BacklogState backlog = backlogState();
  m_home.backlog = backlog.summary();
  m_home.backlogWhy = backlog.why;
  if (m_home.switchTrainee) {
    m_home.switchTrainee = false;
    m_ctx.overlays.askTrainee = true;
  }
  if (m_home.reviewRuns || m_refreshRuns) {
    m_home.reviewRuns = m_refreshRuns = false;
    showRuns();
  }
  if (m_home.myProgress) {
    m_home.myProgress = false;
    showProgress();
  }
  if (m_progress.open) {
    m_progress.open = ui::drawProgress(m_progress, m_ctx.imgui.fonts(), in.viewport);
    return next;
  }
  if (m_runs.open) {
    const ui::RunListActions r = ui::drawRunList(m_runs, m_ctx.imgui.fonts(), in.viewport);
    if (r.refresh) showRuns();
    if (r.close) m_runs.open = false;
    if (const std::string path = r.openRun.empty() ? "" : runFileFor(r.openRun); !path.empty()) {
      m_refreshRuns = true;
      return OpenReplay{path, true, ScreenId::Home, ""};
    }
    return next;
  }
  const ui::HomeAction a = ui::drawHome(m_home, m_ctx.imgui.fonts(), in.viewport);
  if (a == ui::HomeAction::Start && !m_pending) {
    const std::string asset = m_home.assetChoice < 3 ? ui::assetChoiceName(m_home.assetChoice) : m_home.otherAsset;
    m_pending = StartPractice{asset, m_home.planPath, m_home.assessment, m_home.fitzpatrick};
    m_pendingFramesShown = 0;
  } else if (a == ui::HomeAction::StartCase && !m_home.casePath.empty()) {
    const uint64_t seed = static_cast<uint64_t>(std::time(nullptr)) % 100000 + 1;
    next = StartCase{m_home.casePath, m_home.assessment, seed, false, {}};
  } else if (a == ui::HomeAction::BrowseCase || a == ui::HomeAction::BrowsePlan || a == ui::HomeAction::BrowseAsset) {
    openBrowser(a);
  }
  if (m_browser.draw()) next = chosen(m_browser.path());
  if (m_pending) {
    // Loading a head takes a moment: say so before the work starts.
    ui::drawLoadingOverlay(m_pending->asset, m_ctx.imgui.fonts(), in.viewport);
    if (++m_pendingFramesShown > 2) {
      next = *m_pending;
      m_pending.reset();
    }
  }
  return next;
}

}  // namespace mnsim::app
