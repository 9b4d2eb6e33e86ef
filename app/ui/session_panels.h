// The needling screen around the 3D view: the toolbar, the pen panel, the live HUD (practice
// only) and the status bar; the tooltip naming the zone under the cursor. Each panel draws from
// the state it is given and adds what the trainee asked for to SessionActions.
#pragma once

#include <string>

#include <glm/vec2.hpp>

#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/session.h>

#include "core/pen_controller.h"
#include "core/view.h"
#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct SessionState {
  const TreatmentPlan* plan = nullptr;        // the plan being needled
  const ProcedureSession* session = nullptr;  // its coverage, passes and live status
  const ZoneMap* zones = nullptr;             // the asset's zones, for their names
  PenSettings* pen = nullptr;                 // dial, rate, tilt, stretch, pass
  const DeviceSpec* device = nullptr;         // pen or roller, and its cartridges
  std::string cartridgeId;                    // the cartridge in the pen
  bool practice = true;                       // live feedback
  bool hudVisible = true;                     // the live HUD (practice only)
  View view = View::Skin;                     // the training view shown
  int passShown = -1;                         // coverage view: -1 all passes
  double timeS = 0.0;                         // simulation clock
  bool cursorOnSkin = false;                  // the pointer is over the skin, not a panel
  float angleDeg = 0.0f;                      // pen axis to skin normal under the cursor
  int zoneUnderCursor = -1;                   // a zone index, or -1
  std::string title;                          // the plan's or the case's title
  bool inCase = false;                        // the procedure step of a case: "Finish needling"
};

struct SessionActions {
  bool endSession = false;  // End session / Finish needling
  bool nextPass = false;    // declare the next pass
  bool toggleHelp = false;  // the Help button
  bool resetTilt = false;   // the pen perpendicular to the skin again
  int setView = -1;         // View, or -1
  int setPass = -2;         // pass shown, or -2 for no change
  int lookAtZone = -1;      // a planned zone to look at close up (its index), or -1
  int depthSteps = 0;       // dial steps, +-0.25 mm each
  int rateSteps = 0;        // rate steps, +-10 stamps/s each
  std::string cartridge;    // a new cartridge id, or ""
};

// Every panel of the needling screen, in the order they stack.
SessionActions drawSession(const SessionState& state, const Fonts& fonts, glm::vec2 viewport);
// The bar across the top: title, views, passes, mode, clock, Help and End.
void drawSessionToolbar(const SessionState& state, const Fonts& fonts, glm::vec2 viewport, SessionActions& actions);
// Left: the device, the depth dial, rate, tilt, angle, stretch and pass.
void drawPenPanel(const SessionState& state, const Fonts& fonts, SessionActions& actions);
// Right (practice): warnings, hand speed, angle and coverage per zone and pass.
void drawLiveHud(const SessionState& state, const Fonts& fonts, glm::vec2 viewport);
// Bottom: the mouse and keys in one line.
void drawStatusBar(glm::vec2 viewport);
// Tooltip naming the zone under the cursor (zones view).
void drawZoneTooltip(const std::string& name, bool noGo);

}  // namespace mnsim::app::ui
