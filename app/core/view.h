// The training views of the skin, shared by the renderer and the panels.
#pragma once

namespace mnsim::app {

enum class View {
  Skin = 0,      // the skin as it looks
  Zones = 1,     // facial zones, names on hover
  Coverage = 2,  // heatmap per pass or in total, untreated areas outlined
  Endpoint = 3,  // the clinical endpoint: erythema and pinpoint bleeding
};

inline const char* viewName(View v) {
  switch (v) {
    case View::Skin: return "Skin";
    case View::Zones: return "Zones";
    case View::Coverage: return "Coverage";
    case View::Endpoint: return "Endpoint";
  }
  return "Skin";
}

}  // namespace mnsim::app
