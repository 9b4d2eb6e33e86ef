// Skin appearance per Fitzpatrick type, read from the one table mnsim has:
// assets/skin/fitzpatrick.yaml (written by tools/headgen, see assets/ASSETS.md). Also a calm
// palette for the zones view.
#pragma once

#include <array>
#include <string>

#include <glm/vec3.hpp>

#include <mnsim/base/error.h>
#include <mnsim/skin/asset_loader.h>

namespace mnsim::app {

struct SkinTone {
  int type = 3;                   // Fitzpatrick I-VI
  std::string tone;               // e.g. "medium"
  glm::vec3 swatchSrgb{0.8f};     // as shown on the home screen, and untreated skin in the views
  glm::vec3 albedoLinear{0.6f};   // base colour for lighting: the swatch in linear RGB
  glm::vec3 scatterLinear{0.5f};  // subsurface tint
};

class SkinTones {
 public:
  // The table's type (clamped to I-VI); a neutral grey when no table could be read.
  const SkinTone& tone(int type) const;

 private:
  friend Result<SkinTones> readSkinTones(const std::string& path);
  std::array<SkinTone, 6> m_types;
};

// Reads a skin table (format mnsim-skin/1): six types, I to VI in order, each with albedo_srgb
// and scatter_tint. Errors name the file, line and column.
Result<SkinTones> readSkinTones(const std::string& path);
// The table where the built-in assets are: skin/fitzpatrick.yaml in the first search folder that
// has one.
Result<SkinTones> loadSkinTones(const AssetSearch& search);

// sRGB (0..1) to linear RGB, as the app's shading expects its albedo.
glm::vec3 srgbToLinear(glm::vec3 srgb);
// A distinct, muted colour per zone index.
glm::vec3 zoneColor(int zone);

}  // namespace mnsim::app
