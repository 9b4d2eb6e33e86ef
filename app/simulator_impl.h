// The simulator's composition root, shared by its source files: simulator.cpp (the frame loop,
// free practice, drawing) and simulator_case.cpp (cases and author mode). Private to the app.
#pragma once

#include "simulator.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include <mnsim/runs/scripted_answers.h>
#include <mnsim/base/version.h>
#include <mnsim/skin/asset.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/cases/case_session.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/geometry/mesh_io.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/result_json.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/procedure/session.h>
#include <mnsim/skin/asset_loader.h>
#include <mnsim/procedure/pen_sample.h>

#include "core/camera.h"
#include "core/coverage_atlas.h"
#include "core/lesion_writer.h"
#include "core/pen_controller.h"
#include "core/scene_cache.h"
#include "core/settings.h"
#include "core/skin_tones.h"
#include "core/view_texture.h"
#include "gfx/render_target.h"
#include "gfx/skin_renderer.h"
#include "platform/window.h"
#include "ui/case_screens.h"
#include "ui/dialogs.h"
#include "ui/imgui_layer.h"
#include "ui/screens.h"

namespace mnsim::app {

namespace fs = std::filesystem;

enum class Screen { Home, Session, Debrief, Case, CaseDebrief };

// Local time as 20261121-093000, for file names.
std::string timestamp();

class Simulator {
 public:
  Simulator(const SimulatorOptions& options, const std::string& exe)
      : m_options(options), m_search(defaultAssetSearch(exe)) {}

  int run();

 private:
  bool startSession(const std::string& asset, const std::string& planPath, bool assessment, int fitzpatrick);
  void endSession();
  void frameSession(const InputEvents& events, const InputState& input, double dt, glm::vec2 viewport);
  void handleSessionKeys(const InputEvents& events, const InputState& input);
  void handleCamera(const InputEvents& events, const InputState& input, glm::vec2 viewport, bool allowWheelDepth);
  PenPick pickAt(glm::vec2 px, glm::vec2 viewport) const;
  void syncCoverage(bool all);
  void restyle();
  gfx::SkinDrawParams sceneParams(glm::vec2 viewport, bool cursor);
  void renderScene(glm::vec2 viewport, bool cursor);
  // Brings the scene layer up to date (only what changed) and copies it under the panels.
  void drawSceneLayer(glm::ivec2 framebuffer);
  void renderSnapshots();
  void applyCameraPreset(const std::string& name);
  void setView(View v);
  void saveTrace();
  void saveResult();
  void takeScreenshot(const std::string& path);
  void note(const std::string& message);

  SimulatorOptions m_options;
  AssetSearch m_search;
  Settings m_settings;
  std::string m_configFolder;
  std::unique_ptr<Window> m_window;
  ui::ImGuiLayer m_imgui;
  std::unique_ptr<gfx::RenderTarget> m_target;       // what the window shows: scene and panels
  std::unique_ptr<gfx::RenderTarget> m_sceneTarget;  // backdrop and skin, kept between frames
  std::unique_ptr<gfx::RenderTarget> m_backdrop;     // the backdrop alone, drawn once per size
  SceneInvalidation m_sceneDirty;
  int m_styleGeneration = 0;
  std::unique_ptr<gfx::SkinRenderer> m_renderer;
  std::vector<std::unique_ptr<gfx::RenderTarget>> m_snapshots;

  Screen m_screen = Screen::Home;
  ui::HomeState m_home;
  ui::FileBrowser m_browser;
  bool m_browsingAsset = false;
  bool m_browsingCase = false;
  std::string m_error;
  std::string m_note;
  double m_noteUntil = 0.0;
  bool m_help = false;
  // A session to start on the next frame, after one frame has shown that it is loading.
  struct PendingStart {
    std::string asset, plan;
    bool assessment = false;
    int fitzpatrick = 3;
    int framesShown = 0;
  };
  std::optional<PendingStart> m_pendingStart;

  // The session.
  std::string m_assetName, m_planPath, m_title;
  const SkinModel* m_model = nullptr;               // the skin being needled
  std::unique_ptr<SkinModel> m_ownedModel;          // free practice owns its model
  std::string m_preparedAsset;                      // the asset the drawing data below belongs to
  TriMesh m_drawMesh;
  TreatmentPlan m_ownedPlan;                        // free practice's plan
  const TreatmentPlan* m_planUsed = &m_ownedPlan;   // the plan being needled (a case's step's)
  ProcedureSession* m_session = nullptr;            // the needling session
  const ProcedureSession* m_shownProcedure = nullptr;  // a case's finished needling, in its debriefs
  std::unique_ptr<ProcedureSession> m_ownedSession; // free practice owns its session
  bool m_inCase = false;                            // needling a case's procedure step

  // A case (scenario).
  std::unique_ptr<AssetLibrary> m_library;
  std::optional<Scenario> m_scenario;
  std::vector<Diagnostic> m_diagnostics;
  std::string m_scenarioPath;
  uint64_t m_seed = 1;
  std::unique_ptr<CaseSession> m_case;
  ui::StepDraft m_draft;
  int m_shownResult = -1;           // index into m_case->steps() shown as feedback
  double m_caseClockS = 0.0;        // the run clock
  CaseResult m_caseResult;
  ui::CaseDebriefState m_caseDebrief;
  bool m_debriefFromCase = false;   // the needling debrief was opened from the case debrief
  std::map<std::string, std::vector<Stamp>> m_procedureStamps;  // per procedure step, for charts
  std::string m_runPath;            // where this attempt's run is saved (runsFolder())
  std::string m_runError;           // why it could not be
  // Author mode.
  bool m_author = false;
  fs::file_time_type m_scenarioTime{};
  double m_reloadedAt = 0.0, m_nextPoll = 0.0;
  bool m_showDiagnostics = false;
  bool m_placingLesion = false;
  PenController m_pen;
  OrbitCamera m_camera;
  View m_view = View::Skin;
  int m_passShown = -1;
  bool m_practice = true;
  int m_fitzpatrick = 3;
  ViewTexture m_viewTexture;      // the current view's colours per texel
  std::vector<Footprint> m_changed;
  std::vector<uint32_t> m_changedSamples;
  int m_styledPass = -2;          // the pass the view texture was coloured for
  glm::vec2 m_lastMouse{0.0f};
  bool m_haveLastMouse = false;
  PenPick m_cursor;
  bool m_playback = false;
  // --live: the trace fed on the session clock, the cursor following the pen.
  std::vector<PenSample> m_liveTrace;
  size_t m_liveNext = 0;
  double m_liveClockS = 0.0;
  bool livePlaying() const { return m_liveNext < m_liveTrace.size(); }
  void feedLive(double dtS, glm::vec2 viewport);

  const TreatmentPlan& plan() const { return *m_planUsed; }
  bool prepareSkin(const SkinModel* model, std::string& error);
  bool startCase(const std::string& path, bool assessment, uint64_t seed);
  void frameCase(const InputEvents& events, const InputState& input, double dt, glm::vec2 viewport);
  void submitStep();
  void afterStep();
  // Writes the run so far (every step is saved: a crash loses nothing).
  void saveRun();
  void openCaseDebrief();
  bool showProcedure(const std::string& stepId);  // a finished needling of the case, on the face
  void finishNeedling();
  void playAnswers(const std::string& answersPath, const std::string& until);
  void pollScenarioFile();
  void placeLesion(const SurfacePoint& at);
  SkinAppearance caseAppearance() const;

  // The debrief.
  ProcedureResult m_result;
  ui::DebriefState m_debrief;
};

}  // namespace mnsim::app
