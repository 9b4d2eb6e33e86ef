// The colour of the skin in the current training view, per texel of the coverage atlas, kept on
// the CPU and updated only where stamps land. The shader then samples one texture whatever the
// view: a CPU rasteriser draws coverage, endpoint and zones as cheaply as bare skin.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

#include <mnsim/procedure/coverage.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/skin/skin_model.h>
#include <mnsim/skin/skin_samples.h>
#include <mnsim/skin/zone_map.h>

#include "core/coverage_atlas.h"
#include "core/view.h"

namespace mnsim::app {

// What a case shows on the skin: conditions and healing (scenario skin features, each 0..1, in
// some zones) and the patient's lesions as spots.
struct SkinAppearance {
  std::vector<std::pair<std::string, float>> features;  // feature id (skinFeatureIds) -> 0..1
  std::vector<char> zoneShows;                          // per zone: the features show there
  struct Spot {
    glm::vec3 centerMm{0.0f};
    float radiusMm = 2.0f;
    std::string kind;  // "raised mole", "active cold sore", "ice-pick scars", ...
  };
  std::vector<Spot> spots;
  bool empty() const { return features.empty() && spots.empty(); }
};

struct ViewStyle {
  View view = View::Coverage;
  int pass = -1;                       // coverage: -1 all passes, else a 0-based pass
  glm::vec3 skinSrgb{0.84f, 0.67f, 0.55f};  // untreated skin
  float densityFullPerCm2 = 1500.0f;   // endpoint: erythema at its deepest
  std::vector<char> zoneFlags;         // per zone: bit 0 planned (gaps outlined there), bit 1 no-go
  std::vector<glm::vec3> zoneSrgb;     // per zone: colour in the zones view
  SkinAppearance appearance;           // under every view
};

// A view's style for a model and a plan: planned zones outlined where untreated, no-go zones,
// each zone's colour, the reddest endpoint at 1.5 times the plan's first density maximum. The
// scene and the report's pictures colour the skin alike.
ViewStyle viewStyleFor(View view, int pass, const SkinModel& model, const TreatmentPlan& plan, glm::vec3 skinSrgb);

class ViewTexture {
 public:
  // Takes the atlas (texel -> sample) and builds the reverse map (sample -> texels).
  void init(const CoverageAtlas& atlas, const SkinSamples& samples, const ZoneMap& zones);
  // The asset's colour detail (lips, brows, hair, ...): an RGB image over the same uv square,
  // rows from v = 0, each channel a factor on the skin's sRGB colour (255: unchanged). Empty:
  // none. Call after init; takes effect at the next restyle.
  void setTint(int width, int height, const std::vector<uint8_t>& rgb);
  bool hasTint() const { return !m_tint.empty(); }
  int width() const { return m_width; }
  int height() const { return m_height; }
  const uint8_t* rgba() const { return m_rgba.data(); }  // sRGB, rows from v = 0

  // Recolours every texel (a new view, pass or skin type). No coverage: nothing needled.
  void restyle(const ViewStyle& style, const CoverageMap* coverage);
  // Recolours the texels of these samples and their outline neighbours after stamps.
  void update(const std::vector<uint32_t>& samples, const CoverageMap& coverage);
  // Rows changed since the last call, as [first, last) ranges; clears them.
  std::vector<std::pair<int, int>> takeDirtyRows();

 private:
  void colour(uint32_t texel, const CoverageMap* coverage);
  glm::vec3 skin(uint32_t texel, uint32_t sample) const;
  bool hit(uint32_t sample, const CoverageMap& coverage) const;

  int m_width = 0, m_height = 0;
  std::vector<uint32_t> m_texelSample;   // per texel
  std::vector<uint32_t> m_sampleStart;   // CSR: per sample (+1), into m_sampleTexels
  std::vector<uint32_t> m_sampleTexels;
  std::vector<uint16_t> m_sampleZone;    // copied for speed
  std::vector<uint8_t> m_tint;           // per texel, RGB factors (255 = 1); empty: none
  const SkinSamples* m_samples = nullptr;
  std::vector<uint8_t> m_rgba;
  std::vector<char> m_dirtyRow;
  ViewStyle m_style;
};

}  // namespace mnsim::app
