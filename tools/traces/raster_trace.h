// Scripted pen motion: raster passes over a rectangle of a flat surface, as an instructor's
// drill, the headless demo, the tests and the benchmarks use them.
#pragma once

#include <cmath>
#include <vector>

#include <glm/vec2.hpp>

#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/pen_sample.h"

namespace mnsim {

struct RasterDesc {
  glm::vec2 minMm{-60.0f, -40.0f};  // rectangle in the plane z = 0 (the pad's frame)
  glm::vec2 maxMm{0.0f, 40.0f};
  float directionDeg = 0.0f;        // stroke direction: 0 along +X, 90 along +Y, 45 diagonal
  float spacingMm = 6.0f;           // largest distance between neighbouring lines
  float speedMmPerS = 40.0f;        // hand speed along the lines
  double sampleRateHz = 100.0;      // samples written per second
  double startTimeS = 0.0;          // time of the first sample
  float tiltDeg = 0.0f;             // pen tilt from perpendicular, about the line's normal
  float depthMm = NAN;              // depth dial (NaN: leave the cell empty)
  float pressure = 0.5f;
  bool stretch = false;
  int pass = 0;                     // declared pass number, 0 = leave it to detection
  float liftHeightMm = 5.0f;        // pen height while moving between lines
};

// Samples of a serpentine raster: each line in contact, lifted moves between lines.
// The last sample is out of contact.
std::vector<PenSample> rasterTrace(const RasterDesc& desc);

// Appends b to a with b's times shifted to start gapS after a's last sample.
void appendTrace(std::vector<PenSample>& a, const std::vector<PenSample>& b, double gapS = 0.5);

// A straight stroke from p0 to p1 on the plane z = 0 at the given speed, in contact.
std::vector<PenSample> strokeTrace(glm::vec2 p0, glm::vec2 p1, float speedMmPerS, double sampleRateHz,
                                   double startTimeS = 0.0);

}  // namespace mnsim
