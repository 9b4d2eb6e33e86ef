// The screens and panels of the simulator. Each function draws with Dear ImGui from the state
// it is given and returns what the trainee asked for; none touches OpenGL or the window.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/result.h>
#include <mnsim/procedure/session.h>

#include "core/pen_controller.h"
#include "core/view.h"
#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

// ---------------------------------------------------------------- home
struct PlanChoice {
  std::string path;                  // file
  std::string title;                 // from the plan
  std::string asset;                 // the plan's asset
  std::vector<std::string> summary;  // a line per zone, and the device
};

struct CaseChoice {
  std::string path;        // scenario file
  std::string title;
  std::string difficulty;  // beginner, intermediate, advanced
  int minutes = 0;         // estimated time
  std::string summary;
  std::string asset;
};

struct HomeState {
  int tab = 0;                          // 0 cases, 1 free practice
  int requestTab = -1;                  // switch to this tab on the next frame
  std::vector<CaseChoice> cases;        // the case library
  std::string casePath;                 // the chosen case
  int assetChoice = 0;                  // 0 head, 1 pad, 2 body, 3 another file
  std::string otherAsset;               // path for choice 3
  std::vector<PlanChoice> plans;        // plans found in the built-in folders and recent files
  std::string planPath;                 // the chosen plan
  bool assessment = false;
  int fitzpatrick = 3;                  // I..VI
  std::vector<glm::vec3> skinSwatches;  // sRGB, six entries
  std::vector<std::string> recent;
  std::string configFolder;
  std::string version;
};

enum class HomeAction { None, Start, StartCase, BrowsePlan, BrowseAsset, BrowseCase, Quit };
HomeAction drawHome(HomeState& state, const Fonts& fonts, glm::vec2 viewport);
const char* assetChoiceName(int choice);  // "head", "pad", "body"

// ---------------------------------------------------------------- session
struct SessionState {
  const TreatmentPlan* plan = nullptr;
  const ProcedureSession* session = nullptr;
  const ZoneMap* zones = nullptr;
  PenSettings* pen = nullptr;
  const DeviceSpec* device = nullptr;
  std::string cartridgeId;
  bool practice = true;        // live feedback
  bool hudVisible = true;
  View view = View::Skin;
  int passShown = -1;          // coverage view: -1 all passes
  double timeS = 0.0;          // simulation clock
  bool cursorOnSkin = false;
  float angleDeg = 0.0f;       // pen axis to skin normal under the cursor
  int zoneUnderCursor = -1;
  std::string title;
  bool inCase = false;         // the procedure step of a case: "Finish needling"
};

struct SessionActions {
  bool endSession = false;
  bool nextPass = false;
  bool resetCamera = false;
  bool screenshot = false;
  bool saveTrace = false;
  bool toggleHelp = false;
  bool resetTilt = false;
  int setView = -1;     // View, or -1
  int setPass = -2;     // pass shown, or -2 for no change
  int depthSteps = 0;
  int rateSteps = 0;
  std::string cartridge;  // a new cartridge id, or ""
};

// Toolbar, pen panel, live HUD (practice only) and status bar around the 3D view.
SessionActions drawSession(const SessionState& state, const Fonts& fonts, glm::vec2 viewport);
// Tooltip naming the zone under the cursor (zones view).
void drawZoneTooltip(const std::string& name, bool noGo);

// ---------------------------------------------------------------- debrief
struct DebriefState {
  const ProcedureResult* result = nullptr;
  const std::vector<Stamp>* stamps = nullptr;
  const TreatmentPlan* plan = nullptr;
  std::string title;
  bool practice = true;
  int selected = -1;                 // index into critical errors then faults
  std::vector<void*> snapshots;      // texture ids for ImGui::Image
  std::vector<std::string> snapshotLabels;
  glm::vec2 snapshotSize{320, 240};
};

struct DebriefActions {
  int select = -1;      // a fault to focus the camera on
  bool again = false;   // same case again
  bool home = false;
  bool saveTrace = false;
  bool saveJson = false;
};

DebriefActions drawDebrief(DebriefState& state, const Fonts& fonts, glm::vec2 viewport);
// The i-th entry of the combined list (critical errors first).
const Fault* debriefFault(const ProcedureResult& result, int index);
// What a trainee reads for a fault kind (docs/scoring.md and docs/formats/case-json.md list them).
const char* faultTitle(FaultKind kind);

// ---------------------------------------------------------------- help
void drawHelp(bool& open, const Fonts& fonts);

}  // namespace mnsim::app::ui
