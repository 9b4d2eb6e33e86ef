// The home screen: the case library and free practice, the file browser for other plans,
// meshes and cases, and the loading overlay while a skin is prepared.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "screens/app_context.h"
#include "screens/screen.h"
#include "ui/file_browser.h"
#include "ui/home_screen.h"
#include "ui/progress_window.h"
#include "ui/run_list.h"

namespace mnsim::app {

class HomeController : public ScreenController {
 public:
  explicit HomeController(AppContext& ctx) : m_ctx(ctx) {}

  // The choices start from the saved settings and what is on disk; `fitzpatrick` (1-6) replaces
  // the saved skin type, 0 keeps it.
  void init(const std::string& configFolder, int fitzpatrick);
  // The plans found: the built-in ones beside the assets, the examples, recent files.
  const std::vector<PlanChoice>& plans() const { return m_home.plans; }

  ScreenRequest frame(const FrameInput& in) override;
  SceneLayer sceneLayer() const override { return {}; }
  // Review runs and My progress (of the current trainee), read from the station's store now.
  void showRuns();
  void showProgress();
  // The file to replay for a row the list chose: its path, or a stored run written out ("" when it cannot be).
  std::string runFileFor(const std::string& chosen);

 private:
  void openBrowser(ui::HomeAction action);
  // A file was chosen in the browser: a case starts; a mesh or a plan becomes the choice.
  ScreenRequest chosen(const std::string& path);

  AppContext& m_ctx;
  ui::HomeState m_home;
  ui::FileBrowser m_browser;
  ui::HomeAction m_browsing = ui::HomeAction::None;  // what the browser was opened for
  // A session to start once the loading overlay has been shown for a few frames.
  std::optional<StartPractice> m_pending;
  int m_pendingFramesShown = 0;
  ui::RunListState m_runs;
  ui::ProgressState m_progress;
  bool m_refreshRuns = false;  // back from a review: its row may have changed
};

}  // namespace mnsim::app
