// Signed-distance primitives and blends for sculpting (negative inside, millimetres).
// Most are bounds rather than exact distances away from the surface; near it they are close
// enough for surface extraction and Newton projection.
#pragma once

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace headgen {

using V3 = glm::dvec3;
using V2 = glm::dvec2;

inline double clamp01(double x) { return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x); }
inline double sq(double x) { return x * x; }
inline double mix(double a, double b, double t) { return a + (b - a) * t; }
// Hermite step from 0 at e0 to 1 at e1.
inline double smoothstep(double e0, double e1, double x) {
  const double t = clamp01((x - e0) / (e1 - e0));
  return t * t * (3.0 - 2.0 * t);
}

// Polynomial smooth minimum (blend radius k): unions that grow a fillet.
inline double smin(double a, double b, double k) {
  if (k <= 0.0) return std::min(a, b);
  const double h = std::max(k - std::fabs(a - b), 0.0) / k;
  return std::min(a, b) - h * h * k * 0.25;
}
// Smooth maximum: intersections and subtractions with a rounded edge.
inline double smax(double a, double b, double k) { return -smin(-a, -b, k); }
// Smooth subtraction of b from a.
inline double ssub(double a, double b, double k) { return smax(a, -b, k); }

inline double sdSphere(const V3& p, const V3& c, double r) { return glm::length(p - c) - r; }

// Ellipsoid (bound; exact on the surface, good near it).
inline double sdEllipsoid(const V3& p, const V3& r) {
  const double k0 = glm::length(p / r);
  const double k1 = glm::length(p / (r * r));
  if (k1 < 1e-12) return -std::min({r.x, r.y, r.z});
  return k0 * (k0 - 1.0) / k1;
}
inline double sdEllipsoid(const V3& p, const V3& c, const V3& r) { return sdEllipsoid(p - c, r); }

inline double sdCapsule(const V3& p, const V3& a, const V3& b, double r) {
  const V3 pa = p - a, ba = b - a;
  const double h = clamp01(glm::dot(pa, ba) / glm::dot(ba, ba));
  return glm::length(pa - ba * h) - r;
}

// Cone with rounded ends: sphere r1 at a, sphere r2 at b (exact).
inline double sdRoundCone(const V3& p, const V3& a, const V3& b, double r1, double r2) {
  const V3 ba = b - a;
  const double l2 = glm::dot(ba, ba);
  const double rr = r1 - r2;
  const double a2 = l2 - rr * rr;
  const double il2 = 1.0 / l2;
  const V3 pa = p - a;
  const double y = glm::dot(pa, ba);
  const double z = y - l2;
  const V3 xv = pa * l2 - ba * y;
  const double x2 = glm::dot(xv, xv);
  const double y2 = y * y * l2;
  const double z2 = z * z * l2;
  const double k = (rr > 0 ? 1.0 : -1.0) * rr * rr * x2;
  if ((z > 0 ? 1.0 : -1.0) * a2 * z2 > k) return std::sqrt(x2 + z2) * il2 - r2;
  if ((y > 0 ? 1.0 : -1.0) * a2 * y2 < k) return std::sqrt(x2 + y2) * il2 - r1;
  return (std::sqrt(x2 * a2 * il2) + y * rr) * il2 - r1;
}

// A local orthonormal frame: world -> local coordinates.
struct Frame {
  V3 origin{0.0};
  V3 ax{1, 0, 0}, ay{0, 1, 0}, az{0, 0, 1};
  V3 toLocal(const V3& p) const {
    const V3 d = p - origin;
    return {glm::dot(d, ax), glm::dot(d, ay), glm::dot(d, az)};
  }
  V3 toWorld(const V3& l) const { return origin + ax * l.x + ay * l.y + az * l.z; }
};

// Frame from a forward (z) direction and an approximate up (y).
inline Frame makeFrame(const V3& origin, const V3& forward, const V3& upHint) {
  Frame f;
  f.origin = origin;
  f.az = glm::normalize(forward);
  f.ax = glm::normalize(glm::cross(upHint, f.az));
  f.ay = glm::cross(f.az, f.ax);
  return f;
}

}  // namespace headgen
