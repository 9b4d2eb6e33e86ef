// Skin appearance per Fitzpatrick phototype (I-VI): a base albedo, a scatter tint and a tone
// name, for the app's skin shading and the documentation renders. Written to
// assets/skin/fitzpatrick.yaml.
#pragma once

#include <array>
#include <string>

#include <glm/vec3.hpp>

namespace headgen {

struct SkinTone {
  const char* type;         // "I" .. "VI"
  const char* tone;         // plain-language tone name
  const char* description;  // how the type reacts to sun (Fitzpatrick 1988)
  glm::vec3 srgb;           // approximate display colour of the skin, sRGB 0..1
  glm::vec3 scatterTint;    // colour of light scattered under the skin (linear), for wrap lighting
};

const std::array<SkinTone, 6>& fitzpatrickTones();

// sRGB (0..1) to linear RGB.
glm::vec3 srgbToLinearRgb(const glm::vec3& c);
// Individual typology angle ITA = atan((L* - 50) / b*) in degrees (CIELAB, D65), the
// colorimetric measure of skin lightness used to check the swatches against their category.
double individualTypologyAngle(const glm::vec3& srgb);

std::string fitzpatrickYaml();

}  // namespace headgen
