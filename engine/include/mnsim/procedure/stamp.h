// A stamp: one actuation of the pen's cartridge (or one row of a roller) on the skin, as the
// procedure session makes it on the simulation clock (scoring.md §1).
#pragma once

#include <cstdint>

#include <glm/vec3.hpp>

namespace mnsim {

struct Stamp {
  double timeS = 0.0;           // simulation clock
  glm::vec3 pointMm{0.0f};      // footprint centre on the skin
  glm::vec3 normal{0, 0, 1};    // skin normal there
  glm::vec3 axis{0, 0, 1};      // pen axis (tip toward hand)
  uint16_t zone = 0;            // zone of the footprint centre
  int pass = -1;                // 0-based pass within the zone; -1 while the stroke is classified
  uint32_t stroke = 0;          // contact run it belongs to
  float dialDepthMm = 0.0f;     // depth dial setting
  float effectiveDepthMm = 0.0f;// dial reduced by tilt and light pressure
  float pressure = 0.5f;
  float angleDeg = 0.0f;        // between pen axis and skin normal
  float speedMmPerS = 0.0f;     // tip speed along the skin
  float rateHz = 0.0f;          // stamps per second (pen); 0 for the roller
  float intervalS = 0.0f;       // contact time this stamp stands for
  int needles = 0;
  bool stretch = false;
  bool noGo = false;            // footprint touched a no-go zone or lesion
  bool tooDeep = false;         // critical depth in thin skin
  uint32_t hits = 0;            // skin samples hit
};

}  // namespace mnsim
