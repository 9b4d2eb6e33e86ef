#include "face_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>

#include <glm/geometric.hpp>

#include <mnsim/geometry/bvh.h>

#include "face_measure.h"
#include "head_landmarks.h"
#include "parallel.h"

namespace headgen {

namespace {

// Wendland's C2 function of r / support: (1 - q)^4 (4q + 1), zero from q = 1.
double wendland(double distanceMm, double supportMm) {
  const double q = distanceMm / supportMm;
  if (q >= 1.0) return 0.0;
  const double a = 1.0 - q, a2 = a * a;
  return a2 * a2 * (4.0 * q + 1.0);
}

// Rounds of the fit: the first moves the face as a whole, the later ones its detail. `smoothing`
// is added to the system's diagonal: the offset passes near its targets rather than through them.
struct Round {
  double supportMm, smoothing;
};
constexpr Round kRounds[] = {{70.0, 0.05}, {50.0, 0.05}, {35.0, 0.08}};

// The reference's outline at the sides (|x| beyond this, in front of the ears and over the angle
// of the jaw) is wider than the Farkas norms the head keeps (zy-zy, go-go): measured, not followed.
constexpr double kOutlineXMm = 64.0;
// Above the zygomatic arch (the temples) the outline does not bear on those widths: it pulls, loosely.
constexpr double kTempleYMm = 15.0;

// Landmarks held where they are (the offset is zero there): the widths the Farkas norms bound
// that the surface itself decides. The eye and mouth corners are placed by the sculpt's own
// constructions at their distance from the midline, whatever the surface's depth.
struct Pin {
  const char* landmark;
  double clearMm;  // reference vertices this close give way to it
};
const Pin kPins[] = {{"zygion_left", 15.0}, {"zygion_right", 15.0}, {"gonion_left", 5.0}, {"gonion_right", 5.0},
                     {"tragion_left", 5.0}, {"tragion_right", 5.0}, {"alare_left", 3.0}, {"alare_right", 3.0}};
// The reference's inner lip contour: its lips are parted a little, the head's are closed, so these
// are measured but do not pull. Its outer contour pulls loosely.
const int kInnerLips[] = {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415};
const int kOuterLips[] = {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409};
// The reference's face outline (the silhouette seen from the front, whose depth a front-view
// average fixes least well) and the lower face's sides pull loosely: as a trend.
const int kOutline[] = {10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
                        152, 148, 176, 149, 150, 136, 172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109};
constexpr double kLooseSmoothing = 0.6;
// The lower face's sides (below y = -40 mm, beyond 35 mm of the midline): where the reference lies
// outside the head (up to 12 mm, its broad lower face) they do not pull, which would make jowls of
// the jaw's border; where it lies inside they pull loosely. Below the mouth the pull fades out
// from y = -58 to -74 mm: the chin and the jaw are the sculpt's.
constexpr double kLowerSideYMm = -40.0, kLowerSideXMm = 35.0, kChinFromYMm = -74.0, kChinToYMm = -58.0;
bool listed(const int* list, size_t n, int v) { return std::find(list, list + n, v) != list + n; }

// Solves A x = b (A symmetric positive definite; Cholesky, in a fixed order).
std::vector<double> solveSpd(std::vector<double> a, size_t n, const std::vector<double>& b) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    d = std::sqrt(std::max(d, 1e-12));
    a[j * n + j] = d;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  std::vector<double> y(n), x(n);
  for (size_t i = 0; i < n; ++i) {
    double s = b[i];
    for (size_t k = 0; k < i; ++k) s -= a[i * n + k] * y[k];
    y[i] = s / a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    double s = y[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

// The grid the offset lives on: the face and a support's width around it, x from just below 0
// (the interpolation reaches across the midline) to beyond the ears.
SurfaceOffset emptyGrid() {
  SurfaceOffset g;
  g.stepMm = 3.0;
  g.originMm = V3(-2.0 * g.stepMm, -190.0, -80.0);
  g.nx = static_cast<int>((150.0 - g.originMm.x) / g.stepMm) + 1;
  g.ny = static_cast<int>((190.0 - g.originMm.y) / g.stepMm) + 1;
  g.nz = static_cast<int>((200.0 - g.originMm.z) / g.stepMm) + 1;
  g.valuesMm.assign(size_t(g.nx) * g.ny * g.nz, 0.0);
  return g;
}

}  // namespace

SurfaceOffset fitFace(const HeadProportions& proportions, const std::vector<glm::dvec3>& reference,
                      const std::function<mnsim::TriMesh(const HeadModel&)>& surfaceOf, std::vector<std::string>& report) {
  SurfaceOffset offset = emptyGrid();
  const bool debug = std::getenv("HEADGEN_FIT_DEBUG") != nullptr;
  size_t subnasale = 0;
  for (const mnsim::face::LandmarkPair& pair : mnsim::face::landmarkPairs())
    if (std::string(pair.name) == "subnasale") subnasale = static_cast<size_t>(pair.vertex);
  for (size_t round = 0; round <= std::size(kRounds); ++round) {
    const HeadModel model(proportions, round == 0 ? SurfaceOffset{} : offset);
    const mnsim::TriMesh mesh = surfaceOf(model);
    const mnsim::Bvh bvh = mnsim::Bvh::build(mesh);
    const std::vector<mnsim::Landmark> landmarks = findHeadLandmarks(model, mesh, bvh);
    auto landmarkAt = [&](const std::string& name) -> std::optional<glm::dvec3> {
      for (const mnsim::Landmark& l : landmarks)
        if (l.name == name) return glm::dvec3(l.positionMm);
      return std::nullopt;
    };
    const auto placed = mnsim::face::placeReference(reference, landmarkAt);
    if (!placed) throw std::runtime_error("the head names too few landmarks to place the reference face");
    std::vector<glm::dvec3> centres;
    std::vector<double> values, looseness, distances;
    for (const Pin& pin : kPins)
      if (const auto at = landmarkAt(pin.landmark)) {
        centres.push_back(*at);
        values.push_back(0.0);
        looseness.push_back(0.0);
      }
    const size_t pinCount = centres.size();
    const glm::dvec3 sn = placed->apply(reference[subnasale]);
    for (size_t v = 0; v < reference.size(); ++v) {
      const glm::dvec3 target = placed->apply(reference[v]);
      const auto c = bvh.closestPoint(glm::vec3(target));
      if (!c) continue;
      const glm::dvec3 on(c->point);
      const double gap = glm::length(target - on);
      distances.push_back(gap);
      if (debug && round == std::size(kRounds))
        std::fprintf(stderr, "gap %zu %.1f %.1f %.1f -> %.1f %.1f %.1f  %.2f\n", v, target.x, target.y, target.z, on.x, on.y, on.z, gap);
      if ((std::abs(target.x) > kOutlineXMm && target.y < kTempleYMm) || listed(kInnerLips, std::size(kInnerLips), int(v)))
        continue;
      // The reference's columella and nostril sill, 6 mm apart, make its nasolabial angle 128
      // degrees, outside the published norm (face_measure.h); the sculpt's are kept.
      if (target.y > sn.y - 1.0 && target.y < sn.y + 9.0 && std::abs(target.x) < 12.0 && target.z > sn.z - 4.0) continue;
      bool nearPin = false;
      for (size_t p = 0; p < pinCount; ++p) nearPin = nearPin || glm::length(centres[p] - on) < kPins[p].clearMm;
      if (nearPin) continue;
      const bool outside = glm::dot(target - on, glm::dvec3(mesh.faceNormal(c->triangle))) > 0.0;
      const bool lowerSide = target.y < kLowerSideYMm && std::abs(target.x) > kLowerSideXMm;
      if (lowerSide && outside) continue;
      // Below the mouth the pull fades out: the chin and the jaw's border are the sculpt's.
      const double pull = smoothstep(kChinFromYMm, kChinToYMm, target.y);
      centres.push_back(on);
      values.push_back(pull * (outside ? gap : -gap));
      const bool loose = lowerSide || target.y < kChinToYMm || listed(kOutline, std::size(kOutline), int(v)) || listed(kOuterLips, std::size(kOuterLips), int(v));
      looseness.push_back(loose ? kLooseSmoothing : 0.0);
    }
    const auto st = mnsim::face::deviationStats(distances);
    char line[200];
    std::snprintf(line, sizeof line, "face against the reference%s: RMS %.2f mm, 90th percentile %.2f, worst %.2f (scale %.3f)",
                  round == 0 ? " (the sculpt)" : (" after round " + std::to_string(round)).c_str(), st.rmsMm, st.p90Mm,
                  st.worstMm, placed->scale);
    report.push_back(line);
    if (round == std::size(kRounds)) break;
    // The radial functions' weights: the offset takes the values at the centres, smoothed a little.
    const Round r = kRounds[round];
    const size_t n = centres.size();
    std::vector<double> a(n * n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        a[i * n + j] = wendland(glm::length(centres[i] - centres[j]), r.supportMm) + (i == j ? r.smoothing + looseness[i] : 0.0);
    const std::vector<double> w = solveSpd(std::move(a), n, values);
    // Added to the grid: half the round's field at a node and half at its mirror image.
    glm::dvec3 lo(1e9), hi(-1e9);
    for (const glm::dvec3& c : centres) {
      lo = glm::min(lo, c - r.supportMm);
      hi = glm::max(hi, c + r.supportMm);
    }
    parallelFor(size_t(offset.nz) * offset.ny, [&](size_t row) {
      const int j = int(row % size_t(offset.ny)), k = int(row / size_t(offset.ny));
      for (int i = 0; i < offset.nx; ++i) {
          const glm::dvec3 p = offset.nodePosition(i, j, k);
          const glm::dvec3 q(-p.x, p.y, p.z);
          if (p.y < lo.y || p.y > hi.y || p.z < lo.z || p.z > hi.z) continue;
          double sum = 0.0;
          for (size_t c = 0; c < n; ++c)
            sum += w[c] * (wendland(glm::length(p - centres[c]), r.supportMm) + wendland(glm::length(q - centres[c]), r.supportMm));
          offset.node(i, j, k) += 0.5 * sum;
      }
    }, 4);
  }
  return offset;
}

}  // namespace headgen
