#include "face_warp.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>

#include <mnsim/geometry/bvh.h>

#include "face_measure.h"
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

glm::dvec3 mirrored(const glm::dvec3& v) { return glm::dvec3(-v.x, v.y, v.z); }

constexpr double kOutlineXMm = 64.0;

// A landmark held at its sculpted distance from the midline; `vertex`: the reference's vertex
// whose height and depth it takes (-1: it keeps its own).
struct Pin {
  const char* landmark;
  int vertex;
  bool whole = false;     // held where the sculpt put it
  double clearMm = 5.0;   // reference vertices this close give way to it
};
const Pin kPins[] = {
    {"exocanthion_left", 263}, {"exocanthion_right", 33}, {"endocanthion_left", 362}, {"endocanthion_right", 133},
    {"cheilion_left", 291},    {"cheilion_right", 61},    {"alare_left", -1},         {"alare_right", -1},
    {"zygion_left", -1, false, 15.0}, {"zygion_right", -1, false, 15.0}, {"gonion_left", -1},
    {"gonion_right", -1},       {"tragion_left", -1, true}, {"tragion_right", -1, true},
};
// The reference's inner lip contour: its lips are parted a little, the head's are closed, so these
// would pull the closed lips apart. Measured, but they do not pull.
const int kInnerLips[] = {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415,
                          61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409};
// The reference's face outline (the silhouette seen from the front, whose depth a front-view
// average fixes least well): it pulls loosely, as a trend rather than a point to go through.
const int kOutline[] = {10,  338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
                        152, 148, 176, 149, 150, 136, 172, 58,  132, 93,  234, 127, 162, 21,  54,  103, 67,  109};
constexpr double kOutlineSmoothing = 0.6;
constexpr double kLowerSideYMm = -40.0, kLowerSideXMm = 35.0;
constexpr double kJawOutlineYMm = -45.0;
bool listed(const int* list, size_t n, int v) { return std::find(list, list + n, v) != list + n; }

// Solves (A + lambda I) x = b for each of the three columns of b (A symmetric positive definite;
// Cholesky, in a fixed order).
std::vector<glm::dvec3> solveSpd(std::vector<double> a, size_t n, const std::vector<glm::dvec3>& b) {
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
  std::vector<glm::dvec3> y(n), x(n);
  for (size_t i = 0; i < n; ++i) {
    glm::dvec3 s = b[i];
    for (size_t k = 0; k < i; ++k) s -= a[i * n + k] * y[k];
    y[i] = s / a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    glm::dvec3 s = y[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

}  // namespace

glm::dvec3 WarpRound::displacement(const glm::dvec3& p) const {
  // Half the field at p and half its mirror image at p's mirror point: exactly symmetric.
  const glm::dvec3 q = mirrored(p);
  glm::dvec3 at(0.0), atMirror(0.0);
  for (size_t i = 0; i < centres.size(); ++i) {
    at += wendland(glm::length(p - centres[i]), supportMm) * weights[i];
    atMirror += wendland(glm::length(q - centres[i]), supportMm) * weights[i];
  }
  return 0.5 * (at + mirrored(atMirror));
}

glm::vec3 FaceWarp::apply(const glm::vec3& p) const {
  glm::dvec3 x(p);
  for (const WarpRound& r : m_rounds) x += r.displacement(x);
  return glm::vec3(x);
}

mnsim::TriMesh FaceWarp::applied(const mnsim::TriMesh& mesh) const {
  mnsim::TriMesh out = mesh;
  parallelFor(out.positions.size(), [&](size_t i) { out.positions[i] = apply(mesh.positions[i]); });
  out.computeVertexNormals();
  return out;
}

glm::vec3 samePlaceOn(const mnsim::TriMesh& from, const mnsim::TriMesh& to, uint32_t triangle, const glm::vec3& p) {
  const glm::uvec3 t = from.triangles[triangle];
  const glm::dvec3 a(from.positions[t.x]), b(from.positions[t.y]), c(from.positions[t.z]);
  // Barycentric coordinates of p in (a, b, c).
  const glm::dvec3 v0 = b - a, v1 = c - a, v2 = glm::dvec3(p) - a;
  const double d00 = glm::dot(v0, v0), d01 = glm::dot(v0, v1), d11 = glm::dot(v1, v1);
  const double d20 = glm::dot(v2, v0), d21 = glm::dot(v2, v1), den = d00 * d11 - d01 * d01;
  const double v = den != 0.0 ? (d11 * d20 - d01 * d21) / den : 0.0, w = den != 0.0 ? (d00 * d21 - d01 * d20) / den : 0.0;
  const double u = 1.0 - v - w;
  return glm::vec3(u * glm::dvec3(to.positions[t.x]) + v * glm::dvec3(to.positions[t.y]) + w * glm::dvec3(to.positions[t.z]));
}

std::vector<mnsim::Landmark> FaceWarp::carried(const std::vector<mnsim::Landmark>& landmarks, const mnsim::TriMesh& sculpt,
                                               const mnsim::Bvh& sculptBvh, const mnsim::TriMesh& warped) {
  std::vector<mnsim::Landmark> out = landmarks;
  for (mnsim::Landmark& l : out)
    if (const auto c = sculptBvh.closestPoint(l.positionMm)) l.positionMm = samePlaceOn(sculpt, warped, c->triangle, c->point);
  return out;
}

FaceWarp FaceWarp::fit(const mnsim::TriMesh& sculpt, const std::vector<mnsim::Landmark>& landmarks,
                       const std::vector<glm::dvec3>& reference, std::vector<std::string>& report) {
  FaceWarp warp;
  // Rounds with a shrinking support: the first moves the face as a whole, the last the detail.
  const double supports[] = {70.0, 50.0};
  const double smoothing[] = {0.05, 0.05};
  mnsim::TriMesh mesh = sculpt;
  const mnsim::Bvh sculptBvh = mnsim::Bvh::build(sculpt);
  for (size_t round = 0; round <= std::size(supports); ++round) {
    // Where the landmarks are now: carried from the sculpt onto the current surface, once a round.
    const mnsim::Bvh bvh = mnsim::Bvh::build(mesh);
    const std::vector<mnsim::Landmark> now = carried(landmarks, sculpt, sculptBvh, mesh);
    auto landmarkAt = [&](const std::string& name) -> std::optional<glm::dvec3> {
      for (const mnsim::Landmark& l : now)
        if (l.name == name) return glm::dvec3(l.positionMm);
      return std::nullopt;
    };
    // The held landmarks' places this round, for the reference vertices that give way to them.
    std::vector<std::pair<glm::dvec3, double>> pinsNow;
    for (const Pin& pin : kPins)
      if (const auto at = landmarkAt(pin.landmark)) pinsNow.push_back({*at, pin.clearMm});
    const auto placed = mnsim::face::placeReference(reference, landmarkAt);
    if (!placed) {
      report.push_back("the head names too few landmarks to place the reference face: not warped");
      return FaceWarp{};
    }
    // Each reference vertex's nearest point on the surface, and how far it must move. The
    // reference's outline at the sides (|x| beyond kOutlineXMm: in front of the ears and over the
    // angle of the jaw) is wider than the Farkas norms the head keeps (zy-zy, go-go), so it is
    // measured but does not pull.
    std::vector<glm::dvec3> centres, offsets;
    std::vector<double> distances, looseness;
    for (size_t v = 0; v < reference.size(); ++v) {
      const glm::dvec3 target = placed->apply(reference[v]);
      const auto c = bvh.closestPoint(glm::vec3(target));
      if (!c) continue;
      distances.push_back(glm::length(target - glm::dvec3(c->point)));
      if (std::abs(target.x) > kOutlineXMm || listed(kInnerLips, std::size(kInnerLips), int(v))) continue;
      const bool nearPin = std::any_of(pinsNow.begin(), pinsNow.end(), [&](const auto& pin) {
        return glm::length(pin.first - glm::dvec3(c->point)) < pin.second;
      });
      if (nearPin) continue;
      centres.push_back(glm::dvec3(c->point));
      offsets.push_back(target - glm::dvec3(c->point));
      // The lower face's sides pull loosely too: followed fully, they flare the jaw's border,
      // which the reference does not reach (it has no surface under the jaw).
      const bool lowerSide = target.y < kLowerSideYMm && std::abs(target.x) > kLowerSideXMm;
      const bool outline = listed(kOutline, std::size(kOutline), int(v));
      looseness.push_back(outline || lowerSide ? kOutlineSmoothing : 0.0);
      // Under the jaw's outline the reference has no surface: the skin below the border follows
      // the border, so that the border moves as a whole instead of folding into a ridge.
      if (outline && target.y < kJawOutlineYMm) {
        const glm::dvec3 below = glm::dvec3(c->point) + glm::dvec3(-0.25 * c->point.x, -12.0, -8.0);
        if (const auto u = bvh.closestPoint(glm::vec3(below))) {
          centres.push_back(glm::dvec3(u->point));
          offsets.push_back(target - glm::dvec3(c->point));
          looseness.push_back(kOutlineSmoothing);
        }
      }
    }
    // The Farkas landmarks keep their distance from the midline (their widths stay in range);
    // those the reference names take its height and depth.
    for (const Pin& pin : kPins) {
      const auto at = landmarkAt(pin.landmark);
      const mnsim::Landmark* before = nullptr;
      for (const mnsim::Landmark& l : landmarks)
        if (l.name == pin.landmark) before = &l;
      if (!at || !before) continue;
      glm::dvec3 want = pin.whole ? glm::dvec3(before->positionMm) : *at;
      want.x = before->positionMm.x;
      if (pin.vertex >= 0) {
        const glm::dvec3 r = placed->apply(reference[static_cast<size_t>(pin.vertex)]);
        want.y = r.y;
        want.z = r.z;
      }
      centres.push_back(*at);
      offsets.push_back(want - *at);
      looseness.push_back(0.0);
    }
    const auto st = mnsim::face::deviationStats(distances);
    char line[200];
    std::snprintf(line, sizeof line, "face against the reference%s: RMS %.2f mm, 90th percentile %.2f, worst %.2f (scale %.3f)",
                  round == 0 ? " (the sculpt)" : (" after round " + std::to_string(round)).c_str(), st.rmsMm, st.p90Mm,
                  st.worstMm, placed->scale);
    report.push_back(line);
    if (round == std::size(supports)) break;
    // The radial functions' weights: the field equals the offsets at the centres, smoothed a little.
    WarpRound r;
    r.centres = centres;
    r.supportMm = supports[round];
    const size_t n = centres.size();
    std::vector<double> a(n * n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) a[i * n + j] = wendland(glm::length(centres[i] - centres[j]), r.supportMm) + (i == j ? smoothing[round] + looseness[i] : 0.0);
    r.weights = solveSpd(std::move(a), n, offsets);
    warp.m_rounds.push_back(r);
    FaceWarp step;
    step.m_rounds.push_back(r);
    mesh = step.applied(mesh);
  }
  return warp;
}

}  // namespace headgen
