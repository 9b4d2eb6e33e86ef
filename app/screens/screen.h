// What every screen controller is to the shell: one object per screen that, once per frame,
// turns the platform's input into engine calls, draws its panels through ui::, and says which
// screen comes next. The shell owns the controllers and asks the current one for each frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include <glm/vec2.hpp>

#include <mnsim/procedure/result.h>
#include <mnsim/procedure/session.h>
#include <mnsim/review/comparison.h>

#include "platform/window.h"
#include "scene/skin_scene.h"

namespace mnsim::app {

enum class ScreenId { Home, Practice, PracticeDebrief, Case, CaseDebrief, Author, Replay };

// One frame's input, as the platform delivered it (automation may have moved the pointer).
struct FrameInput {
  const InputEvents& events;  // keys pressed and the wheel since the last frame
  const InputState& input;    // the pointer and the buttons and modifiers held
  double dtS = 0.0;           // real time since the last frame
  glm::vec2 viewport{0.0f};   // the framebuffer's size in pixels
};

// ---- what a screen can ask the shell for at the end of its frame

// Start a free practice session: load the plan and the asset, then needle.
struct StartPractice {
  std::string asset;        // head, pad, body or a file; "" = the plan's asset
  std::string planPath;     // the treatment plan
  bool assessment = false;  // no feedback until the debrief
  int fitzpatrick = 3;      // skin type I-VI
};

// Start an attempt at a case.
struct StartCase {
  std::string path;                // the scenario file
  bool assessment = false;         // feedback only in the debrief
  uint64_t seed = 1;               // draws the patient's values from the case's ranges
  std::optional<bool> authorMode;  // author mode on or off; nullopt: as it was
  std::string pathAsRecorded;      // a resumed run: results name the scenario as its run does,
                                   // and the attempt goes on in that run's journal (no new one)
  bool reference = false;          // an instructor's expert reference run: recorded beside the
                                   // scenario (references/), not in the runs folder
};

// Open the needling debrief of a finished session.
struct OpenNeedlingDebrief {
  ProcedureResult result;                      // what is shown
  const std::vector<Stamp>* stamps = nullptr;  // for the charts
  const TreatmentPlan* plan = nullptr;         // the plan needled, when known
  const ProcedureSession* session = nullptr;   // what Save trace writes
  std::string title;                           // shown in the title bar
  bool practice = true;                        // the mode
  bool flatSkin = false;                       // one snapshot from the front rather than three views
  std::optional<StartPractice> again;          // Try again starts this; nullopt: back to the case debrief
  std::string runPath;                         // the run recorded (Replay opens it); "" none
  std::string expert;                          // a case's reference run: who recorded it ("" none)
  std::optional<NeedlingComparison> comparison;  // this needling against the expert's
};

// Open the debrief of the case under way (it is saved first).
struct OpenCaseDebrief {};

// Replay a recorded run (review/run_replay.h): for an assessor with the review panels, or a
// trainee's own run from a debrief.
struct OpenReplay {
  std::string runPath;
  bool assessor = true;          // comments, rubric, sign-off
  ScreenId back = ScreenId::Home;  // where Back leads
  std::string scenarioPath;      // "" = found from the run (as `mnsim score` finds it)
};

// Switch to a screen whose state is ready.
struct GoTo {
  ScreenId screen = ScreenId::Home;
};

using ScreenRequest =
    std::variant<std::monostate, GoTo, StartPractice, StartCase, OpenNeedlingDebrief, OpenCaseDebrief, OpenReplay>;

class ScreenController {
 public:
  virtual ~ScreenController() = default;
  // Handles the frame's input and draws the screen's panels; returns what should come next
  // (std::monostate: stay).
  virtual ScreenRequest frame(const FrameInput& in) = 0;
  // What the scene layer shows under the panels this frame.
  virtual SceneLayer sceneLayer() const = 0;
};

}  // namespace mnsim::app
