#include "core/skin_tones.h"

#include <algorithm>
#include <cmath>

namespace mnsim::app {

namespace {

float toLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

glm::vec3 toLinear(glm::vec3 c) { return {toLinear(c.x), toLinear(c.y), toLinear(c.z)}; }

}  // namespace

SkinTone skinTone(int type) {
  // Representative sRGB skin colours per type, light to dark: approximate values in the range
  // reported for constitutive (inner-arm) skin colour by Fitzpatrick type; a display aid, not a
  // colorimetric standard.
  static const struct {
    const char* name;
    glm::vec3 srgb;
  } kTypes[] = {
      {"Type I - very fair", {0.957f, 0.847f, 0.792f}},
      {"Type II - fair", {0.914f, 0.773f, 0.686f}},
      {"Type III - light brown", {0.839f, 0.671f, 0.553f}},
      {"Type IV - moderate brown", {0.698f, 0.518f, 0.388f}},
      {"Type V - dark brown", {0.494f, 0.337f, 0.235f}},
      {"Type VI - deeply pigmented", {0.318f, 0.212f, 0.153f}},
  };
  const int t = std::clamp(type, 1, 6);
  SkinTone tone;
  tone.type = t;
  tone.name = kTypes[t - 1].name;
  tone.swatchSrgb = kTypes[t - 1].srgb;
  tone.albedoLinear = toLinear(kTypes[t - 1].srgb);
  // Blood under the epidermis shows through less as melanin rises.
  const float redness = 0.55f - 0.07f * (t - 1);
  tone.scatterLinear = glm::vec3(0.9f, 0.25f, 0.18f) * redness;
  return tone;
}

glm::vec3 zoneColor(int zone) {
  static const glm::vec3 kPalette[] = {
      {0.36f, 0.56f, 0.80f}, {0.86f, 0.58f, 0.28f}, {0.44f, 0.72f, 0.48f}, {0.74f, 0.46f, 0.72f},
      {0.90f, 0.80f, 0.36f}, {0.40f, 0.74f, 0.78f}, {0.84f, 0.48f, 0.50f}, {0.60f, 0.62f, 0.36f},
      {0.56f, 0.48f, 0.80f}, {0.92f, 0.66f, 0.62f}, {0.40f, 0.60f, 0.60f}, {0.76f, 0.64f, 0.48f},
  };
  return kPalette[static_cast<unsigned>(zone) % (sizeof kPalette / sizeof kPalette[0])];
}

}  // namespace mnsim::app
