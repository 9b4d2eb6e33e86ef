#include "head_model.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "detmath.h"

namespace headgen {

namespace {

double ell(const V3& p, const V3& c, const V3& r) { return sdEllipsoid(p - c, r); }

// Ellipse in 2D (bound, exact on the curve).
double sdEllipse2(double x, double y, double rx, double ry) {
  const double k0 = std::sqrt(sq(x / rx) + sq(y / ry));
  const double k1 = std::sqrt(sq(x / (rx * rx)) + sq(y / (ry * ry)));
  if (k1 < 1e-12) return -std::min(rx, ry);
  return k0 * (k0 - 1.0) / k1;
}

// Rotation of (a, b) by an angle given as cosine and sine.
inline void rot(double& a, double& b, double c, double s) {
  const double na = c * a - s * b, nb = s * a + c * b;
  a = na;
  b = nb;
}

double deg(double d) { return d * dm::kPi / 180.0; }

// Smooth interpolation through tabulated points (x ascending): cubic Hermite with
// Catmull-Rom tangents; constant beyond the ends. Returns the value and its slope.
struct Curve {
  const double* xs;
  const double* ys;
  int n;
  double operator()(double x, double* slope = nullptr) const {
    if (x <= xs[0]) {
      if (slope) *slope = 0.0;
      return ys[0];
    }
    if (x >= xs[n - 1]) {
      if (slope) *slope = 0.0;
      return ys[n - 1];
    }
    int i = 0;
    while (x > xs[i + 1]) ++i;
    auto tangent = [&](int k) {
      if (k == 0) return (ys[1] - ys[0]) / (xs[1] - xs[0]);
      if (k == n - 1) return (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]);
      return (ys[k + 1] - ys[k - 1]) / (xs[k + 1] - xs[k - 1]);
    };
    const double h = xs[i + 1] - xs[i];
    const double t = (x - xs[i]) / h;
    const double m0 = tangent(i) * h, m1 = tangent(i + 1) * h;
    const double t2 = t * t, t3 = t2 * t;
    const double v = (2 * t3 - 3 * t2 + 1) * ys[i] + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * ys[i + 1] +
                     (t3 - t2) * m1;
    if (slope)
      *slope = ((6 * t2 - 6 * t) * ys[i] + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * ys[i + 1] +
                (3 * t2 - 2 * t) * m1) / h;
    return v;
  }
};

// A table by height y, listed from the top down; interpolated smoothly.
template <int N>
struct HeightTable {
  double negY[N], v[N];
  HeightTable(const double (&ys)[N], const double (&vs)[N]) {
    for (int i = 0; i < N; ++i) {
      negY[i] = -ys[i];
      v[i] = vs[i];
    }
  }
  double operator()(double y, double* dvdy = nullptr) const {
    double s = 0.0;
    const double r = Curve{negY, v, N}(-y, &s);
    if (dvdy) *dvdy = -s;
    return r;
  }
};

// ---------------------------------------------------------------------------------------------
// The front of the face and forehead as a height field over the frontal plane:
//   z = z0(y) - k(y) x^2 - m x^4 + sculpting bumps + lips.
// z0 is the midline profile of the skin under the nose and lips, k its horizontal curvature.
constexpr double kProfileY[] = {112, 105, 95,  80,  60,  45,  31,  20,  13,  0,   -10, -20, -33,
                                -40, -46, -55, -64, -70, -75, -82, -88, -94, -99, -106};
constexpr double kProfileZ[] = {60,   71,   80.5, 89.0, 94.5, 96.0, 97.0, 91.5, 88.5, 91.0, 95.0, 97.0,
                                98.0, 98.8, 99.0, 97.0, 96.0, 92.7, 90.6, 89.0, 88.6, 88.0, 85.8, 80.6};
constexpr double kCurvature[] = {0.016, 0.014, 0.011, 0.0095, 0.0085, 0.009, 0.0095, 0.011,
                                 0.0120, 0.0122, 0.0120, 0.0117, 0.0121, 0.0128, 0.0132, 0.0135,
                                 0.0152, 0.0160, 0.0160, 0.0155, 0.0155, 0.0175, 0.022, 0.028};
// Half-width of the face seen from the front (its silhouette), by height.
constexpr double kWidthY[] = {105, 80, 60, 40, 20, 0, -20, -40, -55, -66, -80, -92, -102};
constexpr double kWidthX[] = {62, 67, 70, 71, 69.5, 66.5, 64.5, 61.5, 57, 52.5, 51, 46.5, 32};

const HeightTable<24>& profileZ() {
  static const HeightTable<24> t(kProfileY, kProfileZ);
  return t;
}
const HeightTable<24>& curvature() {
  static const HeightTable<24> t(kProfileY, kCurvature);
  return t;
}
const HeightTable<13>& halfWidth() {
  static const HeightTable<13> t(kWidthY, kWidthX);
  return t;
}

// A smooth bump of compact support: amp * (1 - r^2)^3, r^2 = (dx/sx)^2 + (dy/sy)^2.
struct Bump {
  double x, y, amp, sx, sy;
};
// Sculpting strokes on the patient's left half (mirrored).
constexpr Bump kBumps[] = {
    {26, 31, 2.5, 22, 7},      // brow ridge (superciliary arch)
    {0, 31, 1.0, 10, 8},       // glabella
    {31, 22, -2.6, 13, 6},     // upper lid sulcus under the brow
    {16, 13, -2.6, 6, 8},      // medial canthal recess
    {43, 3, 2.5, 11, 7},       // lower lateral orbital rim (no hollow below the outer canthus)
    {35, -16, 4.6, 18, 19},    // malar fat pad (cheek fullness)
    {49, -4, 4.2, 15, 14},     // cheekbone: the body of the zygoma (zygomatic prominence)
    {30, 0, -1.0, 15, 6},      // lid-cheek junction
    {56, 30, -1.0, 11, 13},    // temple hollow
    {47, -44, 2.2, 13, 16},    // buccal fullness below the cheekbone
    {0, -89, 1.2, 17, 10},     // chin pad
    {13, -90, 0.8, 10, 9},     // mental tubercle (the chin's corner)
    {31, -38, 0.7, 12, 14},    // cheek above the nasolabial fold
    {5.5, -39, 0.5, 2.6, 7},   // philtral column
    {27.5, -57.0, -1.2, 4, 4}, // commissure (corner of the mouth)
    {25, -57, -5.5, 17, 15},   // the mouth wrapping back around the dental arch to its corners
};

// A groove along a segment, compact profile across it, fading in and out at the ends.
struct Groove {
  double x0, y0, x1, y1, amp, width;
};
constexpr Groove kGrooves[] = {
    {19.5, -28, 30, -55, -0.95, 7.0},  // nasolabial fold
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Lips: borders as curves in the frontal plane, protrusion added to the height field.
double HeadModel::upperBorderY(double x) const {
  x = std::fabs(x);
  const double c = m_p.cheilionX;
  if (x <= 5.5) return m_p.stomionY + 8.7 + 0.8 * smoothstep(0.0, 5.5, x);  // philtral dip to bow peak
  const double t = std::min(1.0, (x - 5.5) / (c - 5.5));
  return m_p.stomionY + 9.5 - 9.2 * t * std::sqrt(t) - 0.2 * t;
}
double HeadModel::stomionLineY(double x) const {
  const double t = std::min(1.0, std::fabs(x) / m_p.cheilionX);
  return m_p.stomionY + 0.5 * t * t;
}
double HeadModel::lowerBorderY(double x) const {
  const double t = std::min(1.0, std::fabs(x) / m_p.cheilionX);
  return m_p.stomionY - 11.5 + 11.6 * t * t * (0.6 + 0.4 * t);
}

namespace {
// How far the lips stand out where they meet (the stomion lies this far in front of the skin
// around the mouth, before the crease between the lips), fading over each lip's height `s` (0 where
// the lips meet, 1 at the vermilion border) and quickly towards the corners of the mouth, where
// the lips are thin.
double lipBody(double taper, double s) {
  constexpr double kLipBodyMm = 3.0;
  return kLipBodyMm * taper * taper * taper * sq(std::max(0.0, 1.0 - s));
}
}  // namespace

double HeadModel::lipHeight(double x, double y) const {
  const double ax = std::fabs(x) / m_p.cheilionX;
  if (ax >= 1.15) return 0.0;
  // (1 - ax^3)^(3/4): the lips thin out towards the corners of the mouth.
  const double u = std::max(0.0, 1.0 - ax * ax * ax), taper = std::sqrt(u) * std::sqrt(std::sqrt(u));
  const double ys = stomionLineY(x);
  double h = 0.0;
  if (y >= ys) {
    const double hu = std::max(0.6, upperBorderY(x) - ys);
    const double s = (y - ys) / hu;
    double prof;
    if (s <= 1.0) prof = 4.0 * s * (1.0 - s) * 0.62 + 0.5 * s;
    else prof = 0.5 * sq(std::max(0.0, 1.0 - (s - 1.0) * hu / 3.5));
    h += 4.0 * taper * prof + lipBody(taper, (y - ys) / std::max(3.0, hu));
  } else {
    const double hl = std::max(0.6, ys - lowerBorderY(x));
    const double s = (ys - y) / hl;
    double prof;
    if (s <= 1.0) prof = 4.0 * s * (1.0 - s) * 0.75 + 0.25 * s;
    else prof = 0.25 * sq(std::max(0.0, 1.0 - (s - 1.0) * hl / 2.5));
    h += 4.8 * taper * prof + lipBody(taper, (ys - y) / std::max(3.0, hl));
  }
  return h;
}

double HeadModel::faceHeight(double x, double y, double& hx, double& hy) const {
  double dz0 = 0.0, dk = 0.0, dw = 0.0;
  const double z0 = profileZ()(y, &dz0), k = curvature()(y, &dk), w = halfWidth()(y, &dw);
  const double x2 = x * x;
  // The sides wrap back steeply as x approaches the silhouette half-width w(y).
  const double r = x / w, r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  // A gentle fourth-power term starts the turn early, so that the front of the face rounds into
  // its sides instead of folding at a corner.
  const double fall = 24.0, fall4 = 7.0;
  double h = z0 - k * x2 - fall * r8 - fall4 * r4;
  hx = -2.0 * k * x - (fall * 8.0 * r8 + fall4 * 4.0 * r4) / std::max(1e-9, x);
  hy = dz0 - dk * x2 + (fall * 8.0 * r8 + fall4 * 4.0 * r4) * dw / w;
  for (const Bump& b : kBumps) {
    const double u = (x - b.x) / b.sx, v = (y - b.y) / b.sy;
    const double r2 = u * u + v * v;
    if (r2 >= 1.0) continue;
    const double t = 1.0 - r2;
    h += b.amp * t * t * t;
    const double dr = -6.0 * b.amp * t * t;  // d/d(r2) times 2
    hx += dr * u / b.sx;
    hy += dr * v / b.sy;
  }
  for (const Groove& g : kGrooves) {
    const double ex = g.x1 - g.x0, ey = g.y1 - g.y0;
    const double len2 = ex * ex + ey * ey;
    const double s = clamp01(((x - g.x0) * ex + (y - g.y0) * ey) / len2);
    const double dx = x - (g.x0 + s * ex), dy = y - (g.y0 + s * ey);
    const double r2 = (dx * dx + dy * dy) / (g.width * g.width);
    if (r2 >= 1.0) continue;
    const double endFade = smoothstep(0.0, 0.3, s) * (1.0 - smoothstep(0.7, 1.0, s));
    const double t = 1.0 - r2;
    h += g.amp * endFade * t * t * t;
    const double dr = -6.0 * g.amp * endFade * t * t / (g.width * g.width);
    hx += dr * dx;
    hy += dr * dy;
  }
  // The lips' slope is left out of (hx, hy), which scale the height into a distance (faceFront):
  // it changes abruptly at the vermilion border, and the scale would jump there, so that a surface
  // moved along its normal by the face's fit (SurfaceOffset) would step at the border.
  if (std::fabs(x) < m_p.cheilionX * 1.2 && y < m_p.stomionY + 16.0 && y > m_p.stomionY - 17.0) h += lipHeight(x, y);
  return h;
}

double HeadModel::faceFront(const V3& p) const {
  double hx, hy;
  const double h = faceHeight(p.x, p.y, hx, hy);
  return (p.z - h) / std::sqrt(1.0 + hx * hx + hy * hy);
}

// ---------------------------------------------------------------------------------------------
double SurfaceOffset::at(const V3& p) const {
  if (valuesMm.empty()) return 0.0;
  const V3 g = (p - originMm) / stepMm;
  if (g.x < 1.0 || g.y < 1.0 || g.z < 1.0 || g.x >= nx - 2.0 || g.y >= ny - 2.0 || g.z >= nz - 2.0) return 0.0;
  const int i = static_cast<int>(g.x), j = static_cast<int>(g.y), k = static_cast<int>(g.z);
  // Catmull-Rom weights of the four nodes around t.
  auto weights = [](double t, double w[4]) {
    const double t2 = t * t, t3 = t2 * t;
    w[0] = 0.5 * (-t3 + 2.0 * t2 - t);
    w[1] = 0.5 * (3.0 * t3 - 5.0 * t2 + 2.0);
    w[2] = 0.5 * (-3.0 * t3 + 4.0 * t2 + t);
    w[3] = 0.5 * (t3 - t2);
  };
  double wx[4], wy[4], wz[4];
  weights(g.x - i, wx);
  weights(g.y - j, wy);
  weights(g.z - k, wz);
  double sum = 0.0;
  for (int c = 0; c < 4; ++c) {
    double plane = 0.0;
    for (int b = 0; b < 4; ++b) {
      const double* row = &valuesMm[(size_t(k - 1 + c) * ny + (j - 1 + b)) * nx + (i - 1)];
      plane += wy[b] * (wx[0] * row[0] + wx[1] * row[1] + wx[2] * row[2] + wx[3] * row[3]);
    }
    sum += wz[c] * plane;
  }
  return sum;
}

HeadModel::HeadModel(const HeadProportions& p, SurfaceOffset offset) : m_p(p), m_offset(std::move(offset)) {
  m_globe = V3(m_p.eyeX, 13.0, 66.5);
  // The closed lid margin, from the inner to the outer corner, on the surface without the groove.
  const int n = 13;
  for (int i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / (n - 1);
    const double x = mix(m_p.endocanthionX, m_p.exocanthionX, t);
    const double y = 12.2 + 1.2 * t - 2.4 * dm::sin(dm::kPi * dm::pow(t, 0.85));
    double lo = 40.0, hi = 120.0;
    for (int it = 0; it < 40; ++it) {
      const double mid = 0.5 * (lo + hi);
      if (sdfWithoutDetail(V3(x, y, mid)) < 0.0) lo = mid;
      else hi = mid;
    }
    m_fissure.push_back(V3(x, y, 0.5 * (lo + hi)));
  }
  // The line where the lips meet, from the midline to the corner of the mouth.
  for (int i = 0; i <= 12; ++i) {
    const double x = (m_p.cheilionX - 1.0) * i / 12.0;
    const double y = stomionLineY(x);
    double lo = 40.0, hi = 130.0;
    for (int it = 0; it < 40; ++it) {
      const double mid = 0.5 * (lo + hi);
      if (sdfWithoutDetail(V3(x, y, mid)) < 0.0) lo = mid;
      else hi = mid;
    }
    m_mouthLine.push_back(V3(x, y, 0.5 * (lo + hi)));
  }
  // The crease along it, a tube whose radius shrinks towards the corners of the mouth, where it
  // also rides up out of the skin: the crease grows shallower but stays wider than the triangles,
  // which would fold in a narrower slot where the lips wrap back steeply.
  for (const V3& q : m_mouthLine)
    m_crease.push_back({q + V3(0.0, 0.0, 0.35 * smoothstep(0.6, 1.0, q.x / m_p.cheilionX)),
                        1.0 - 0.4 * sq(q.x / m_p.cheilionX)});
}

std::vector<V3> HeadModel::fissure(int side) const {
  std::vector<V3> out = m_fissure;
  for (V3& v : out) v.x *= side;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cranium: parietal/occipital vault, top, occiput, temporal flattening.
double HeadModel::cranium(const V3& p) const {
  double d = ell(p, {0, 48, -2}, {75, 81, 94});           // vault
  d = smin(d, ell(p, {0, 14, -20}, {70, 50, 75}), 12);    // parietal and temporal walls
  d = smin(d, ell(p, {0, 22, -38}, {60, 60, 54}), 14);    // occiput
  d = ssub(d, ell(p, {80, 18, 28}, {15, 17, 26}), 12);    // temporal fossa
  d = smin(d, ell(p, {50, -16, -36}, {13, 22, 20}), 10);  // mastoid, behind the ear
  return d;
}

// Under the jaw: a height field looking up, y = m(z) + c(z) x^2 for x >= 0: in each coronal
// section a parabola from the midline of the submental region, m(z) (the line from the menton
// back to the throat), up to the jaw line at a half-width b(z) a little inside the mandible's
// lower border, which therefore overhangs it. Capped just above the jaw line.
namespace {
constexpr double kUnderZ[] = {0, 20, 42, 60, 75, 85, 95};
constexpr double kUnderMidY[] = {-150, -138, -121, -110.5, -105.5, -104.5, -104};
constexpr double kUnderHalfX[] = {47, 47, 45, 38, 31, 25, 18};
}  // namespace

double HeadModel::underJaw(const V3& p) const {
  if (p.z < -20.0 || p.z > 110.0 || p.y > -50.0) return 1e9;
  auto height = [&](double x, double z) {
    const double m = Curve{kUnderZ, kUnderMidY, 7}(z), b = Curve{kUnderZ, kUnderHalfX, 7}(z);
    const double c = std::max(0.002, (jawBorderY(b, z) - m) / (b * b));
    return m + c * x * x;
  };
  const double e = 0.05;
  const double h = height(p.x, p.z);
  const double hx = (height(p.x + e, p.z) - h) / e, hz = (height(p.x, p.z + e) - h) / e;
  double g = (h - p.y) / std::sqrt(1.0 + hx * hx + hz * hz);
  g = smax(g, p.y - (jawBorderY(p.x, p.z) + 3.0), 4.0);
  g = smax(g, 10.0 - p.z, 8.0);
  g = smax(g, p.z - 89.0, 6.0);
  return g;
}

// The face and forehead: the height field in front, bounded by the frontal silhouette at the
// sides, the jaw line below (from the angle of the jaw, gonion, down to the chin) and the
// front of the ear behind.
double HeadModel::face(const V3& p) const {
  double f = faceFront(p);
  // Sides: a vertical tube whose elliptic section follows the frontal silhouette.
  const double w = halfWidth()(p.y);
  const double zc = 0.0, depth = 140.0;
  // Above the zygomatic arch the sides stay inside the cranium, which forms the temples and the
  // side of the head behind them without a step.
  const double sideWidth = w * (1.12 - 0.12 * smoothstep(8.0, 35.0, p.y));
  f = smax(f, sdEllipse2(p.x, p.z - zc, sideWidth, depth), 10.0);
  f = smax(f, p.y - 108.0, 14.0);
  // Behind: the posterior border of the mandible's ramus below the ear, the front of the ear above.
  const double backZ = 6.0 - 28.0 * smoothstep(-30.0, -8.0, p.y);
  f = smax(f, backZ - p.z, 12.0);
  f = smax(f, jawBorderY(p.x, p.z) - p.y, 7.0);
  f = smin(f, sdRoundCone(p, {58, 1.5, 32}, {63, 1, 14}, 3.4, 3.4), 10);  // zygomatic arch
  // Under the jaw and the chin: the submandibular and submental surface, from the mandible's
  // lower border down and in to the midline, and back to the throat.
  f = smin(f, underJaw(p), 8.0);
  return f;
}

// ---------------------------------------------------------------------------------------------
// Closed eye: lids over the globe, blended into the orbit.
double HeadModel::eyeLids(const V3& p) const {
  double lids = ell(p, m_globe, {14.2, 11.6, 13.8});
  lids = smin(lids, ell(p, m_globe + V3(0.5, 0.3, 6.5), {7.0, 6.0, 7.8}), 2.5);  // cornea under the lid
  return lids;
}

double HeadModel::fissureDistance(const V3& p) const {
  double g = 1e9;
  for (size_t i = 0; i + 1 < m_fissure.size(); ++i) g = std::min(g, sdCapsule(p, m_fissure[i], m_fissure[i + 1], 0.0));
  return g;
}

// ---------------------------------------------------------------------------------------------
double HeadModel::nostrilPocket(const V3& pw) const {
  double nx = std::fabs(pw.x) - 6.7, ny = pw.y + 28.5, nz = pw.z - 103.5;
  rot(nz, nx, dm::cos(deg(28)), dm::sin(deg(28)));
  rot(ny, nz, dm::cos(deg(-15)), dm::sin(deg(-15)));
  return ell(V3(nx, ny, nz), V3(0.0), {2.5, 4.6, 5.6});
}

double HeadModel::nose(const V3& p) const {
  // Dorsum from the radix into the tip.
  double n = sdRoundCone(p, {0, 22, 86.2}, {0, -15, 105.0}, 5.0, 6.0);
  // Side walls sloping to the cheeks, broadening towards the base.
  n = smin(n, ell(p, {0, -12, 90}, {14, 22, 12}), 6);
  // Tip lobule and the two domes of the lower lateral cartilages.
  n = smin(n, ell(p, {0, -21.5, 107.0}, {10.0, 7.0, 9.0}), 5);
  n = smin(n, ell(p, {4.4, -19.5, 109.5}, {5.0, 5.0, 5.0}), 3);
  // Alae: flat wings hugging the lower side wall, pointing towards the tip.
  double ax = p.x - 11.4, ay = p.y + 26.5, az = p.z - 98.0;
  rot(az, ax, dm::cos(deg(35)), dm::sin(deg(35)));
  n = smin(n, ell(V3(ax, ay, az), V3(0.0), {3.8, 5.4, 9.5}), 3.0);
  // Columella.
  n = smin(n, sdCapsule(p, {0, -25.0, 107.5}, {0, -30.6, 100.3}, 2.9), 2.5);
  // Nostrils: pockets opening downwards, their long axes pointing to the tip, deep enough to
  // read as openings (dark) from the front and from below.
  n = smax(n, -nostrilPocket(p), 1.4);
  return n;
}

// ---------------------------------------------------------------------------------------------
namespace {

// The ear's frame: origin on the side of the head at the concha, u up along the ear (tilted
// back 15 degrees), v forward in the ear's plane, w out of it (the plane turned 25 degrees from
// the side of the head, so that the back of the ear stands off the skull).
struct EarFrame {
  V3 origin{72.5, 3.0, -9.0};
  V3 u, v, w;
  EarFrame() {
    const double flare = deg(30.0), tilt = deg(15.0);
    w = V3(dm::cos(flare), 0.0, dm::sin(flare));
    const V3 fwd(-dm::sin(flare), 0.0, dm::cos(flare));
    u = V3(0, 1, 0) * dm::cos(tilt) - fwd * dm::sin(tilt);
    v = fwd * dm::cos(tilt) + V3(0, 1, 0) * dm::sin(tilt);
  }
};
const EarFrame& earFrame() {
  static const EarFrame f;
  return f;
}

// Outline of the pinna in (u, v), mm: from the root of the helix over the top, down the back to
// the lobule and up the front past the tragus.
constexpr double kEarOutline[][2] = {{14, 9},   {24, 5},    {31, -3},  {31, -11}, {25, -19}, {13, -24},
                                     {0, -24},  {-12, -20}, {-22, -14}, {-29, -7}, {-29, 0},  {-23, 5},
                                     {-13, 8},  {-3, 11},   {6, 10}};
constexpr int kEarOutlineN = sizeof(kEarOutline) / sizeof(kEarOutline[0]);

// Signed distance to the outline polygon (negative inside).
double earOutline(double u, double v) {
  double d = 1e9;
  bool inside = false;
  for (int i = 0, j = kEarOutlineN - 1; i < kEarOutlineN; j = i++) {
    const double ax = kEarOutline[j][0], ay = kEarOutline[j][1], bx = kEarOutline[i][0], by = kEarOutline[i][1];
    const double ex = bx - ax, ey = by - ay;
    const double t = clamp01(((u - ax) * ex + (v - ay) * ey) / (ex * ex + ey * ey));
    d = std::min(d, sq(u - ax - t * ex) + sq(v - ay - t * ey));
    if ((ay > v) != (by > v) && u < ax + (v - ay) * ex / ey) inside = !inside;
  }
  return inside ? -std::sqrt(d) : std::sqrt(d);
}

double bump2(double u, double v, double cu, double cv, double ru, double rv) {
  const double r2 = sq((u - cu) / ru) + sq((v - cv) / rv);
  return r2 < 1.0 ? sq(1.0 - r2) : 0.0;
}

// Height of the ear's outer (lateral) surface above its back plane, mm; negative = no ear there.
double earRelief(double u, double v) {
  const double outline = earOutline(u, v);
  const double e = -outline;  // depth inside the outline
  if (e < 0.0) return -1.0;
  // The helix (the rolled rim) is a separate tube; inside it lies the scapha.
  double h = 2.4;  // floor of the scapha (the pinna is 3 mm thick or more)
  // Antihelix: a ridge about 10 mm inside the rim, forking at the top into two crura.
  const double anti = -smin(-smin(-bump2(u, v, 2.0, -11.0, 16.0, 4.5), -0.9 * bump2(u, v, 19.0, -8.0, 5.0, 7.0), 0.3),
                            -0.8 * bump2(u, v, 14.0, 0.0, 3.5, 8.0), 0.3);
  h += 5.0 * anti * smoothstep(5.0, 8.0, e);
  // Lobule: soft and thick.
  h += 2.8 * smoothstep(-15.0, -24.0, u) * smoothstep(0.0, 5.0, e);
  // Concha: the deep bowl in front of the antihelix, open down to the side of the head; the
  // crus of the helix divides it into the cymba above and the cavum below.
  const double concha = -smin(-bump2(u, v, -3.0, 2.0, 10.5, 8.5), -0.85 * bump2(u, v, 8.0, 1.0, 4.5, 6.5), 0.3);
  h -= 10.0 * concha;
  h += 2.5 * bump2(u, v, 3.2, 6.0, 2.2, 6.0);  // crus of the helix
  // Tragus and antitragus, the two small flaps guarding the concha.
  h += 6.0 * bump2(u, v, -5.0, 10.5, 5.5, 3.2);
  h += 4.5 * bump2(u, v, -12.5, -4.5, 4.0, 4.5);
  return h;
}

// Centre line of the helix: the outline from the root of the helix over the top and down the
// back to the lobule, set 3 mm inside it, at mid-thickness.
struct HelixLine {
  std::vector<V3> pts;  // in ear coordinates (u, v, w)
  HelixLine() {
    const int last = 10;
    for (int i = 0; i <= last; ++i) {
      const int a = (i + kEarOutlineN - 1) % kEarOutlineN, b = (i + 1) % kEarOutlineN;
      // Outward normal from the neighbouring edges (the outline runs clockwise in u-v).
      const double tu = kEarOutline[b][0] - kEarOutline[a][0], tv = kEarOutline[b][1] - kEarOutline[a][1];
      const double len = std::sqrt(tu * tu + tv * tv);
      double nu = tv / len, nv = -tu / len;
      // Make sure it points away from the middle of the ear.
      if (nu * (kEarOutline[i][0] - 0.0) + nv * (kEarOutline[i][1] + 7.0) < 0) {
        nu = -nu;
        nv = -nv;
      }
      const double inset = i == 0 ? 4.0 : 3.0;
      pts.push_back(V3(kEarOutline[i][0] - nu * inset, kEarOutline[i][1] - nv * inset, 2.6));
    }
  }
};

double helixTube(double u, double v, double w) {
  static const HelixLine line;
  const V3 q(u, v, w);
  double d = 1e9;
  for (size_t i = 0; i + 1 < line.pts.size(); ++i) {
    // Thinner where it runs into the face at the root, fuller at the back.
    const double r0 = i == 0 ? 2.2 : 3.0, r1 = 3.0;
    d = std::min(d, sdRoundCone(q, line.pts[i], line.pts[i + 1], r0, r1));
  }
  return d;
}

}  // namespace

double HeadModel::ear(const V3& p) const {
  const EarFrame& f = earFrame();
  const V3 q = p - f.origin;
  const double u = glm::dot(q, f.u), v = glm::dot(q, f.v), w = glm::dot(q, f.w);
  const double outline = earOutline(u, v);
  if (outline > 12.0) return outline;
  // A slab between the back plane (w = 0, slightly cupped) and the relief, rounded at the rim.
  const double e = 0.05;
  const double h = earRelief(u, v);
  const double hu = (earRelief(u + e, v) - h) / e, hv = (earRelief(u, v + e) - h) / e;
  // The back surface, slightly cupped; behind the concha it reaches into the head, so that the
  // concha is a closed bowl and no window opens through the ear.
  const double backing = -smin(-bump2(u, v, -2.0, 3.0, 14.0, 11.0), -bump2(u, v, 8.0, 2.0, 9.0, 9.0), 0.2);
  const double back = -0.004 * (sq(u) + sq(v + 8.0)) - 16.0 * backing;
  const double top = (w - h) / std::sqrt(1.0 + std::min(hu * hu + hv * hv, 9.0));
  double d = smax(outline + 1.5, smax(top, back - w, 2.5), 2.0);
  d = smin(d, helixTube(u, v, w), 1.5);
  // The front edge is attached to the head along its whole length (helix root, tragus, lobule):
  // a solid web behind it, so that no tunnel opens between the ear and the side of the head.
  d = smin(d, sdRoundCone(V3(u, v, w), V3(14.0, 7.5, -3.0), V3(-24.0, 3.5, -3.0), 5.0, 5.0), 3.0);
  return d;
}

// ---------------------------------------------------------------------------------------------
double HeadModel::neck(const V3& p) const {
  // Elliptic column, its axis leaning forward towards the head; it widens into the shoulders
  // (trapezius) at the base.
  // Narrower under the jaw than the angles of the mandible, so that they stand out.
  const double cz = -16.0 + 0.14 * (p.y + 120.0);
  const double flare = sq(std::max(0.0, -160.0 - p.y)) * 0.004;
  const double widen = smoothstep(-95.0, -175.0, p.y);
  double n = sdEllipse2(p.x, p.z - cz, 52.5 + 4.5 * widen + flare, 55.0 + 2.0 * widen + flare * 0.25);
  n = smax(n, p.y + 30.0, 20.0);
  // Sternocleidomastoid: from behind the ear down and forward to the top of the breastbone.
  n = smin(n, sdRoundCone(p, {50, -30, -30}, {12, -215, 40}, 8.0, 6.5), 14.0);
  return n;
}

// ---------------------------------------------------------------------------------------------
namespace {
// Distance from p to an axis-aligned box (0 inside): a lower bound for the SDF of anything
// inside the box, used to skip parts that cannot change a smooth union.
double boxDistance(const V3& p, const V3& lo, const V3& hi) {
  const V3 d = glm::max(lo - p, p - hi);
  return glm::length(glm::max(d, V3(0.0)));
}
}  // namespace

double HeadModel::sdfWithoutDetail(const V3& pw) const {
  V3 p = pw;
  p.x = std::fabs(p.x);
  double d = cranium(p);
  d = smin(d, face(p), 12);
  if (boxDistance(p, m_globe - V3(15.5, 13, 14.5), m_globe + V3(15.5, 13, 15)) < d + 5.0) d = smin(d, eyeLids(p), 5.0);
  if (boxDistance(p, {0, -40, 75}, {25, 30, 120}) < d + 3.5) d = smin(d, nose(p), 3.5);
  // The neck joins the head with a broad fillet at the nape and a tighter one under the jaw,
  // which keeps the lower border and the angle of the mandible defined.
  d = smin(d, neck(p), 16.0 - 5.0 * smoothstep(-30.0, 5.0, p.z));
  if (boxDistance(p, {55, -45, -50}, {105, 50, 20}) < d + 3.0) {
    const EarFrame& f = earFrame();
    d = smin(d, ear(p), 1.5);
    // The opening of the ear canal, a short blind pit at the front of the concha.
    d = ssub(d, sdCapsule(p, f.origin + f.v * 4.0 + f.u * -2.0 - f.w * 3.0, f.origin + f.v * 5.0 + f.u * -2.0 - f.w * 9.0, 2.6), 2.0);
  }
  return d - m_offset.at(p);
}

double HeadModel::sdf(const V3& pw) const {
  double d = sdfWithoutDetail(pw);
  V3 p = pw;
  p.x = std::fabs(p.x);
  // Lid margin: a soft crease along the closed fissure.
  if (p.x > 10 && p.x < 52 && p.y > 2 && p.y < 22 && p.z > 55) {
    const double g = fissureDistance(p) - 0.9;
    d = smax(d, -g, 1.0);
  }
  // The line where the lips meet: a crease that fades out at the corners of the mouth.
  if (p.x < m_p.cheilionX + 4.0 && std::fabs(p.y - m_p.stomionY) < 8.0 && p.z > 70) {
    double g = 1e9;
    for (size_t i = 0; i + 1 < m_crease.size(); ++i)
      g = std::min(g, sdRoundCone(p, m_crease[i].centre, m_crease[i + 1].centre, m_crease[i].radiusMm, m_crease[i + 1].radiusMm));
    d = smax(d, -g, 1.2);
  }
  return d;
}

double HeadModel::aboveHairline(const V3& p) const {
  // Hairline height by angle around the vertical axis through (0, *, -10): 0 = front, 180 = back.
  static const double kTheta[] = {0, 20, 35, 45, 55, 62, 67, 73, 79, 86, 100, 106, 112, 125, 150, 180};
  static const double kY[] = {93, 91, 86, 80, 72, 58, 6, 4, 31, 32, 29, 8, -14, -28, -40, -45};
  const double theta = std::fabs(dm::atan2(p.x, p.z + 10.0)) * 180.0 / dm::kPi;
  int i = 0;
  while (i + 2 < static_cast<int>(sizeof(kTheta) / sizeof(kTheta[0])) && theta > kTheta[i + 1]) ++i;
  const double t = clamp01((theta - kTheta[i]) / (kTheta[i + 1] - kTheta[i]));
  return p.y - mix(kY[i], kY[i + 1], t);
}

double HeadModel::eyebrow(const V3& pw) const {
  const double x = std::fabs(pw.x), y = pw.y;
  if (x < 11.0 || x > 56.0 || pw.z < 40.0) return 0.0;
  const double t = clamp01((x - 14.0) / 39.0);
  const double center = 27.0 + 4.0 * dm::sin(dm::kPi * std::min(1.0, t * 1.25) * 0.9) - 2.0 * t;
  const double half = 4.6 - 2.9 * t;
  const double across = 1.0 - smoothstep(half - 1.2, half + 0.8, std::fabs(y - center));
  const double along = smoothstep(12.5, 16.0, x) * (1.0 - smoothstep(50.0, 55.0, x));
  return across * along;
}

double HeadModel::insideVermilion(const V3& p) const {
  const double x = std::fabs(p.x);
  if (p.z < 60.0) return -1e9;
  const double up = upperBorderY(x) - p.y, lo = p.y - lowerBorderY(x);
  return std::min({up, lo, m_p.cheilionX - x});
}

double HeadModel::jawLineY(double z) const {
  const double zj = std::clamp(z, 8.0, 92.0);
  return -62.0 - 41.0 * (zj - 10.0) / 82.0;
}

double HeadModel::jawBorderY(double x, double z) const {
  // Round at the chin: seen from the front the border rises to either side of the menton.
  return jawLineY(z) + 0.009 * x * x * smoothstep(55.0, 90.0, z);
}

double HeadModel::fissureY(double x) const {
  x = std::fabs(x);
  for (size_t i = 0; i + 1 < m_fissure.size(); ++i)
    if (x <= m_fissure[i + 1].x || i + 2 == m_fissure.size()) {
      const double t = clamp01((x - m_fissure[i].x) / (m_fissure[i + 1].x - m_fissure[i].x));
      return mix(m_fissure[i].y, m_fissure[i + 1].y, t);
    }
  return m_fissure.front().y;
}

double HeadModel::lidMarginDistance(const V3& pw) const {
  V3 p = pw;
  p.x = std::fabs(p.x);
  return fissureDistance(p);
}

bool HeadModel::onEar(const V3& pw) const {
  V3 p = pw;
  p.x = std::fabs(p.x);
  if (p.x < 58.0) return false;
  const EarFrame& f = earFrame();
  const V3 q = p - f.origin;
  const double u = glm::dot(q, f.u), v = glm::dot(q, f.v), w = glm::dot(q, f.w);
  return earOutline(u, v) < 0.8 && w > -10.0;
}

V3 HeadModel::tragionConstruction(int side) const {
  // Tragion: the notch just above the tragus.
  const EarFrame& f = earFrame();
  V3 p = f.origin + f.u * 1.0 + f.v * 10.5 + f.w * 3.0;
  p.x *= side;
  return p;
}

double HeadModel::edgeLength(const V3& pw, double base, double fine) const {
  V3 p = pw;
  p.x = std::fabs(p.x);
  // Distance-like measures to the regions with fine detail; the edge length grows with it.
  auto boxDistance = [&](const V3& lo, const V3& hi) {
    const V3 d = glm::max(lo - p, p - hi);
    return glm::length(glm::max(d, V3(0.0)));
  };
  double t = 1e9;
  t = std::min(t, std::max(0.0, fissureDistance(p) - 3.0));
  t = std::min(t, boxDistance({0, -70, 84}, {30, -42, 120}));   // lips
  t = std::min(t, boxDistance({0, -36, 88}, {22, -14, 125}));   // nose tip, alae, nostrils
  t = std::min(t, boxDistance({60, -34, -40}, {95, 40, 12}));   // ear
  const double length = fine + (base - fine) * smoothstep(0.0, 12.0, t);
  // Finer still in the nostrils, narrow pockets that coarse triangles would spike across, and at
  // the corners of the mouth, where the line between the lips ends in a narrow groove.
  const double corner = glm::length(V2(p.x - m_mouthLine.back().x, p.y - m_mouthLine.back().y));
  return length * (1.0 - 0.3 * (1.0 - smoothstep(0.5, 3.0, std::fabs(nostrilPocket(p))))) *
         (1.0 - 0.3 * (1.0 - smoothstep(2.0, 6.0, corner)) * (p.z > 70.0 ? 1.0 : 0.0));
}

HeadFeatures HeadModel::features(const V3& pw) const {
  V3 p = pw;
  p.x = std::fabs(p.x);
  HeadFeatures f;
  const double moved = m_offset.at(p);
  f.nose = nose(p) - moved;
  f.face = face(p) - moved;
  f.ear = ear(p) - moved;
  return f;
}


}  // namespace headgen
