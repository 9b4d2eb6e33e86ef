// The needling debrief: the engine's result as a trainee reads it — score per zone, snapshots of
// the heatmap, faults that turn the camera to their spot, hand speed and depth over time.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/result.h>
#include <mnsim/procedure/stamp.h>
#include <mnsim/review/comparison.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct DebriefState {
  const ProcedureResult* result = nullptr;     // what is shown
  const std::vector<Stamp>* stamps = nullptr;  // for the charts; null: no charts
  const TreatmentPlan* plan = nullptr;         // the plan needled, when known
  std::string title;                           // the plan's or the case's title
  bool practice = true;                        // the mode, shown in the title bar
  int selected = -1;                           // index into critical errors then faults
  std::vector<void*> snapshots;                // texture ids for ImGui::Image
  std::vector<std::string> snapshotLabels;     // one per snapshot: where it looks from
  glm::vec2 snapshotSize{320, 240};            // pixels, for the aspect ratio
  bool canReplay = false;                      // the session was recorded: Replay shows it again
  std::string expert;                          // the case's reference run: who recorded it ("" none)
  std::vector<std::pair<std::string, NeedlingComparison>> comparison;  // this needling against the expert's
};

struct DebriefActions {
  int select = -1;         // a fault to focus the camera on
  bool again = false;      // same case again
  bool home = false;       // back to the home screen
  bool saveTrace = false;  // write the pen trace
  bool saveJson = false;   // write the result as JSON
  bool replay = false;     // replay the recorded run
};

// Where the debrief's panels go on a window of this size.
struct DebriefLayout {
  float topH = 0.0f;                  // the title bar
  float leftW = 0.0f, rightW = 0.0f;  // the result and the faults
  float panelsH = 0.0f;               // both of them
  float chartsH = 0.0f;               // the charts along the bottom
};

// The whole debrief: the title bar with its buttons, then the three panels below.
DebriefActions drawDebrief(DebriefState& state, const Fonts& fonts, glm::vec2 viewport);
// Left: the score, the zones table and the snapshots.
void drawDebriefResult(const DebriefState& state, const Fonts& fonts, const DebriefLayout& layout);
// Right: the faults, one row each, and the selected one's detail.
void drawDebriefFaults(DebriefState& state, const Fonts& fonts, glm::vec2 viewport, const DebriefLayout& layout,
                       DebriefActions& actions);
// Bottom: hand speed and depth over time, the selected fault's time marked.
void drawDebriefCharts(const DebriefState& state, glm::vec2 viewport, const DebriefLayout& layout);
// The i-th entry of the combined list (critical errors first).
const Fault* debriefFault(const ProcedureResult& result, int index);

}  // namespace mnsim::app::ui
