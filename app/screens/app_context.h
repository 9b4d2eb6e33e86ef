// What the shell lends every screen: the window, the panels' bridge, the settings, where assets
// are, the scene, and the overlays any screen may show (error dialog, note, help).
#pragma once

#include <string>

#include <mnsim/skin/asset_loader.h>

#include "core/settings.h"
#include "platform/window.h"
#include "scene/skin_scene.h"
#include "ui/imgui_layer.h"

namespace mnsim::app {

// Shown over whichever screen is current; the shell draws them after the screen's panels.
struct Overlays {
  std::string error;        // in a dialog until dismissed ("" = none)
  std::string note;         // a line near the bottom, until noteUntilS
  double noteUntilS = 0.0;  // Window::timeS() when the note goes
  bool help = false;        // the keyboard and mouse help (F1)
  bool askTrainee = false;  // open the who-is-training dialog

  // Shows a note for three seconds.
  void say(const std::string& message);
};

struct AppContext {
  Window& window;             // the title; the clock
  ui::ImGuiLayer& imgui;      // fonts; whether the panels hold the pointer or the keys
  Settings& settings;         // saved when the window closes
  const AssetSearch& search;  // where the built-in assets are
  SkinScene& scene;           // the skin under the panels
  Overlays& overlays;         // error dialog, note, help
};

}  // namespace mnsim::app
