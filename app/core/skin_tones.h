// Skin appearance per Fitzpatrick type, and a calm palette for the zones view.
#pragma once

#include <glm/vec3.hpp>

namespace mnsim::app {

struct SkinTone {
  int type = 3;                   // Fitzpatrick I-VI
  const char* name = "";          // e.g. "Type III - light brown"
  glm::vec3 swatchSrgb{0.8f};     // as shown on the home screen
  glm::vec3 albedoLinear{0.6f};   // base colour for lighting
  glm::vec3 scatterLinear{0.5f};  // subsurface tint
};

// Approximate constitutive skin colours (see assets/skin/fitzpatrick.yaml when present).
SkinTone skinTone(int type);
// A distinct, muted colour per zone index.
glm::vec3 zoneColor(int zone);

}  // namespace mnsim::app
