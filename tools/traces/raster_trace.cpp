#include "traces/raster_trace.h"

#include <algorithm>

#include <glm/geometric.hpp>

#include "mnsim/base/angles.h"

namespace mnsim {

namespace {

// Clips the infinite line {o + t d} to the rectangle; false when it misses.
bool clipLine(glm::vec2 o, glm::vec2 d, glm::vec2 lo, glm::vec2 hi, glm::vec2& p0, glm::vec2& p1) {
  float t0 = -1e9f, t1 = 1e9f;
  for (int k = 0; k < 2; ++k) {
    if (std::fabs(d[k]) < 1e-9f) {
      if (o[k] < lo[k] || o[k] > hi[k]) return false;
      continue;
    }
    float a = (lo[k] - o[k]) / d[k], b = (hi[k] - o[k]) / d[k];
    if (a > b) std::swap(a, b);
    t0 = std::max(t0, a);
    t1 = std::min(t1, b);
  }
  if (t1 - t0 < 1e-4f) return false;
  p0 = o + t0 * d;
  p1 = o + t1 * d;
  return true;
}

}  // namespace

std::vector<PenSample> rasterTrace(const RasterDesc& desc) {
  const glm::vec2 d(std::cos(desc.directionDeg * kDegToRad), std::sin(desc.directionDeg * kDegToRad));
  const glm::vec2 n(-d.y, d.x);
  // Range of the rectangle's corners across the lines.
  float lo = 1e9f, hi = -1e9f;
  for (glm::vec2 c : {desc.minMm, desc.maxMm, glm::vec2(desc.minMm.x, desc.maxMm.y), glm::vec2(desc.maxMm.x, desc.minMm.y)}) {
    lo = std::min(lo, glm::dot(c, n));
    hi = std::max(hi, glm::dot(c, n));
  }
  const int lines = std::max(1, static_cast<int>(std::ceil((hi - lo) / desc.spacingMm - 1e-4f)));
  const float spacing = (hi - lo) / lines;
  // Tilt about the line's normal: the axis leans along the stroke direction.
  const float tilt = desc.tiltDeg * kDegToRad;
  const glm::vec3 axis(d.x * std::sin(tilt), d.y * std::sin(tilt), std::cos(tilt));

  std::vector<PenSample> out;
  double t = desc.startTimeS;
  const double dt = 1.0 / desc.sampleRateHz;
  auto push = [&](glm::vec2 p, float z, bool contact) {
    PenSample s;
    s.timeS = t;
    s.tipMm = {p.x, p.y, z};
    s.hasAxis = desc.tiltDeg != 0.0f;
    s.axis = s.hasAxis ? axis : glm::vec3(0, 0, 1);
    s.contact = contact;
    s.pressure = desc.pressure;
    s.depthMm = desc.depthMm;
    s.stretch = desc.stretch;
    s.pass = desc.pass;
    out.push_back(s);
  };
  // Moves from a to b at speed, sampling every dt; the first point is not repeated.
  auto move = [&](glm::vec2 a, glm::vec2 b, float z, bool contact, float speed) {
    const float length = glm::length(b - a);
    const int steps = std::max(1, static_cast<int>(std::ceil(length / speed / dt)));
    for (int k = 1; k <= steps; ++k) {
      t += length / speed / steps;
      push(a + (b - a) * (static_cast<float>(k) / steps), z, contact);
    }
  };

  bool forward = true;
  bool first = true;
  glm::vec2 last(0.0f);
  for (int k = 0; k < lines; ++k) {
    const float offset = lo + (k + 0.5f) * spacing;
    glm::vec2 p0, p1;
    if (!clipLine(n * offset, d, desc.minMm, desc.maxMm, p0, p1)) continue;
    if (!forward) std::swap(p0, p1);
    forward = !forward;
    if (first) {
      push(p0, desc.liftHeightMm, false);
      first = false;
    } else {
      move(last, p0, desc.liftHeightMm, false, desc.speedMmPerS * 2.0f);  // lifted: quicker
    }
    // Land, glide, lift. The contact flag holds from one sample to the next.
    push(p0, 0.0f, true);
    move(p0, p1, 0.0f, true, desc.speedMmPerS);
    out.back().contact = false;
    last = p1;
  }
  return out;
}

void appendTrace(std::vector<PenSample>& a, const std::vector<PenSample>& b, double gapS) {
  if (b.empty()) return;
  const double shift = (a.empty() ? 0.0 : a.back().timeS + gapS) - b.front().timeS;
  for (PenSample s : b) {
    s.timeS += shift;
    a.push_back(s);
  }
}

std::vector<PenSample> strokeTrace(glm::vec2 p0, glm::vec2 p1, float speedMmPerS, double sampleRateHz,
                                   double startTimeS) {
  std::vector<PenSample> out;
  const float length = glm::length(p1 - p0);
  const int steps = std::max(1, static_cast<int>(std::ceil(length / speedMmPerS * sampleRateHz)));
  for (int k = 0; k <= steps; ++k) {
    PenSample s;
    s.timeS = startTimeS + static_cast<double>(length / speedMmPerS) * k / steps;
    const glm::vec2 p = p0 + (p1 - p0) * (static_cast<float>(k) / steps);
    s.tipMm = {p.x, p.y, 0.0f};
    s.contact = k < steps;
    out.push_back(s);
  }
  return out;
}

}  // namespace mnsim
