// The simulator window as a small shell. It opens the window, OpenGL and Dear ImGui, then runs
// the frame loop: poll the platform's input, run the current screen's controller, draw the scene
// layer and the panels over it, present. The screens (app/screens) do the work; the automation
// (automation.h) drives the same loop for tests and pictures.
#pragma once

#include <memory>
#include <string>

#include <mnsim/runs/run_journal.h>
#include <mnsim/skin/asset_loader.h>

#include "core/settings.h"
#include "platform/window.h"
#include "scene/skin_scene.h"
#include "screens/app_context.h"
#include "screens/author_controller.h"
#include "screens/case_controller.h"
#include "screens/case_debrief_controller.h"
#include "screens/case_run.h"
#include "screens/home_controller.h"
#include "screens/needling.h"
#include "screens/practice_controller.h"
#include "screens/practice_debrief_controller.h"
#include "screens/replay_controller.h"
#include "screens/screen.h"
#include "shell/automation.h"
#include "shell/simulator_options.h"
#include "ui/imgui_layer.h"
#include "ui/run_dialogs.h"

namespace mnsim::app {

namespace gfx {
class RenderTarget;
}

// Runs the window until it is closed (or the automation is done). Returns the exit code.
int runSimulator(const SimulatorOptions& options, const std::string& executablePath);

// The screen controllers and what they share, made once the window is open.
struct Screens {
  explicit Screens(const AppContext& context);
  ScreenController& get(ScreenId id);

  AppContext ctx;
  Needling needling;  // the procedure being needled: free practice or a case's step
  CaseRun caseRun;    // the case under way: the case screens and author mode
  HomeController home;
  PracticeController practice;
  PracticeDebriefController practiceDebrief;
  CaseController caseScreen;
  CaseDebriefController caseDebrief;
  AuthorController author;
  ReplayController replay;
};

class Shell {
 public:
  Shell(const SimulatorOptions& options, const std::string& executablePath);
  ~Shell();
  int run();

 private:
  friend class Automation;

  // The window, OpenGL, Dear ImGui, the frame's target and the scene; false with the reason.
  bool open(std::string& error);
  int loop();
  // One frame, from the screen's controller to the panels, into m_frame.
  void drawFrame(const InputEvents& events, const InputState& input, double dtS, glm::ivec2 framebuffer, double nowS);
  // Carries out what a screen asked for; false when a start failed (the reason is in the dialog).
  bool apply(ScreenRequest request);
  void drawOverlays(glm::vec2 viewport, double nowS);
  void takeScreenshot(const std::string& path);
  void saveWindowPlacement();
  // Who is training (asked on first start) and the runs a crash left unfinished (offered for
  // recovery), before the first frame.
  void setUpRecording();
  void drawRecordingDialogs();
  void showNextUnfinished();
  void recover(ui::RecoverAction action);
  void close();

  SimulatorOptions m_options;
  AssetSearch m_search;
  Settings m_settings;
  std::string m_configFolder;
  std::unique_ptr<Window> m_window;
  ui::ImGuiLayer m_imgui;
  std::unique_ptr<gfx::RenderTarget> m_frame;  // what the window shows: the scene and the panels
  SkinScene m_scene;
  Overlays m_overlays;
  std::unique_ptr<Screens> m_screens;
  ScreenId m_current = ScreenId::Home;
  Automation m_automation;
  ui::IdentityDraft m_identity;
  bool m_prepareAfterIdentity = false;  // the automation waits for the who-is-training dialog
  ui::RecoverPrompt m_recoverPrompt;
  std::vector<UnfinishedRun> m_unfinished;  // still to offer, the one shown first
};

}  // namespace mnsim::app
