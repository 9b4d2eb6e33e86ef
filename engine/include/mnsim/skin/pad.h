// The practice pad (product.md §4.2): a flat 120 x 80 mm rectangle in z = 0 centred on the
// origin, normal +Z; zone pad_a is x < 0, zone pad_b is x >= 0, and the no-go disk "mole"
// (radius 4 mm, centre (30, 20, 0)) is cut out of pad_b.
#pragma once

#include "mnsim/skin/asset.h"

namespace mnsim {

constexpr float kPadWidthMm = 120.0f;
constexpr float kPadHeightMm = 80.0f;
constexpr float kMoleRadiusMm = 4.0f;
constexpr float kMoleCenterXMm = 30.0f;
constexpr float kMoleCenterYMm = 20.0f;

struct PadDesc {
  float gridMm = 2.0f;              // grid step, rounded to 2/k mm (2, 1, 0.667, 0.5...)
  int moleSegments = 128;           // polygon segments of the mole's rim
  bool alternateDiagonals = false;  // checkerboard diagonals instead of all one way
};

// The pad as an asset. Different descs triangulate the same surface differently, which the
// tests use to check that scoring does not depend on the triangulation.
Asset makePadAsset(const PadDesc& desc = {});

}  // namespace mnsim
