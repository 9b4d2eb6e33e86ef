// Deterministic elementary functions for the asset generators.
//
// The committed assets must equal a fresh generation on any x86-64 or ARM machine. glibc picks
// different implementations of sin, exp or pow at run time (FMA or not), which may differ in the
// last bit and then change a remeshing decision. These use only + - * / and sqrt, which IEEE 754
// rounds exactly the same everywhere, so every machine computes the same bits.
#pragma once

#include <cmath>
#include <cstdint>

namespace headgen::dm {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 6.28318530717958647692;
constexpr double kHalfPi = 1.57079632679489661923;

// Round to nearest integer (ties away from zero), as a double; exact.
inline double roundHalfAway(double x) { return x >= 0.0 ? std::floor(x + 0.5) : -std::floor(-x + 0.5); }

namespace detail {
// sin and cos on [-pi/4, pi/4] by Taylor series (error below 1e-16).
inline double sinSmall(double x) {
  const double x2 = x * x;
  double t = 1.0 / 6227020800.0;  // 1/13!
  t = t * x2 - 1.0 / 39916800.0;
  t = t * x2 + 1.0 / 362880.0;
  t = t * x2 - 1.0 / 5040.0;
  t = t * x2 + 1.0 / 120.0;
  t = t * x2 - 1.0 / 6.0;
  return x + x * x2 * t;
}
inline double cosSmall(double x) {
  const double x2 = x * x;
  double t = 1.0 / 87178291200.0;  // 1/14!
  t = t * x2 - 1.0 / 479001600.0;
  t = t * x2 + 1.0 / 3628800.0;
  t = t * x2 - 1.0 / 40320.0;
  t = t * x2 + 1.0 / 720.0;
  t = t * x2 - 1.0 / 24.0;
  t = t * x2 + 0.5;
  return 1.0 - x2 * t;
}
}  // namespace detail

inline void sincos(double x, double& s, double& c) {
  // Reduce to [-pi/4, pi/4] and a quadrant. Arguments here are small (angles of a model).
  const double q = roundHalfAway(x / kHalfPi);
  const double r = (x - q * 1.57079632679489655800) - q * 6.12323399573676603587e-17;
  const int quadrant = static_cast<int>(static_cast<int64_t>(q) & 3);
  const double sr = detail::sinSmall(r), cr = detail::cosSmall(r);
  switch (quadrant) {
    case 0: s = sr; c = cr; break;
    case 1: s = cr; c = -sr; break;
    case 2: s = -sr; c = -cr; break;
    default: s = -cr; c = sr; break;
  }
}
inline double sin(double x) { double s, c; sincos(x, s, c); return s; }
inline double cos(double x) { double s, c; sincos(x, s, c); return c; }

inline double exp(double x) {
  if (x < -700.0) return 0.0;
  if (x > 700.0) x = 700.0;
  constexpr double kLn2 = 0.693147180559945309417;
  const double k = roundHalfAway(x / kLn2);
  const double r = x - k * kLn2;  // |r| <= ln2/2
  double t = 1.0;
  for (int i = 17; i >= 1; --i) t = 1.0 + t * r / i;
  return std::ldexp(t, static_cast<int>(k));
}

inline double log(double x) {
  if (!(x > 0.0)) return -1e300;
  int e = 0;
  double m = std::frexp(x, &e);  // m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double t = 0.0;
  for (int n = 12; n >= 0; --n) t = t * s2 + 1.0 / (2 * n + 1);
  return 2.0 * s * t + e * 0.693147180559945309417;
}

inline double pow(double a, double b) { return a <= 0.0 ? 0.0 : dm::exp(b * dm::log(a)); }

inline double atan(double x) {
  const bool neg = x < 0.0;
  if (neg) x = -x;
  const bool inv = x > 1.0;
  if (inv) x = 1.0 / x;
  // Halve the angle twice: atan(x) = 2 atan(x / (1 + sqrt(1 + x^2))).
  x = x / (1.0 + std::sqrt(1.0 + x * x));
  x = x / (1.0 + std::sqrt(1.0 + x * x));
  const double x2 = x * x;
  double t = 0.0;
  for (int n = 11; n >= 0; --n) t = t * -x2 + 1.0 / (2 * n + 1);  // alternating series
  double r = 4.0 * x * t;
  if (inv) r = kHalfPi - r;
  return neg ? -r : r;
}

inline double atan2(double y, double x) {
  if (x == 0.0 && y == 0.0) return 0.0;
  if (std::fabs(x) >= std::fabs(y)) {
    const double a = dm::atan(y / x);
    if (x > 0.0) return a;
    return y >= 0.0 ? a + kPi : a - kPi;
  }
  const double a = dm::atan(x / y);
  return y > 0.0 ? kHalfPi - a : -kHalfPi - a;
}

inline double acos(double x) {
  if (x >= 1.0) return 0.0;
  if (x <= -1.0) return kPi;
  return dm::atan2(std::sqrt((1.0 - x) * (1.0 + x)), x);
}

}  // namespace headgen::dm
