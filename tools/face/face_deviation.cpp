// How far the built-in head's face lies from a published average adult face (issue 15's measure):
//   mnsim_face_deviation REFERENCE.obj [ASSET]
// REFERENCE is MediaPipe's canonical face model (google/mediapipe,
// mediapipe/modules/face_geometry/data/canonical_face_model.obj; Apache-2.0, © The MediaPipe
// Authors; 468 vertices in centimetres, +Y up, +Z toward the viewer, +X the subject's left — the
// head's own axes). It is not part of mnsim: give its path. ASSET is the head (default "head").
// The reference is placed on the head by a similarity fit (scale, rotation, position: Horn's
// quaternion method) of the landmarks both name; then every reference vertex's distance to the
// head's surface is measured. Printed: the fit, each landmark's residual, and the deviation's RMS,
// 90th percentile and worst, overall and by region.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <mnsim/geometry/bvh.h>
#include <mnsim/skin/asset_loader.h>

namespace {

// The head's landmark names and MediaPipe's vertex for each (0-based, the landmark ids).
const std::pair<const char*, int> kPairs[] = {
    {"pronasale", 4},          {"subnasale", 2},           {"nasion", 168},          {"glabella", 9},
    {"labrale_superius", 0},   {"labrale_inferius", 17},   {"gnathion", 175},        {"endocanthion_left", 362},
    {"endocanthion_right", 133}, {"exocanthion_left", 263}, {"exocanthion_right", 33}, {"cheilion_left", 291},
    {"cheilion_right", 61},
};

bool readObjVertices(const std::string& path, std::vector<glm::dvec3>& out) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("v ", 0) != 0) continue;
    std::istringstream s(line.substr(2));
    glm::dvec3 v;
    if (!(s >> v.x >> v.y >> v.z)) return false;
    out.push_back(v * 10.0);  // cm → mm
  }
  return !out.empty();
}

// The largest eigenvector of a symmetric 4x4 matrix (Jacobi rotations).
std::array<double, 4> largestEigenvector(std::array<std::array<double, 4>, 4> a) {
  std::array<std::array<double, 4>, 4> v{};
  for (int i = 0; i < 4; ++i) v[i][i] = 1.0;
  for (int sweep = 0; sweep < 50; ++sweep)
    for (int p = 0; p < 3; ++p)
      for (int q = p + 1; q < 4; ++q) {
        if (std::abs(a[p][q]) < 1e-15) continue;
        const double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < 4; ++k) {
          const double akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < 4; ++k) {
          const double apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < 4; ++k) {
          const double vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  int best = 0;
  for (int i = 1; i < 4; ++i)
    if (a[i][i] > a[best][best]) best = i;
  return {v[0][best], v[1][best], v[2][best], v[3][best]};
}

struct Similarity {
  double scale = 1.0;
  glm::dmat3 rotation{1.0};
  glm::dvec3 translation{0.0};
  glm::dvec3 apply(const glm::dvec3& p) const { return scale * (rotation * p) + translation; }
};

// The similarity that best takes `from` onto `to` (least squares; Horn 1987).
Similarity fit(const std::vector<glm::dvec3>& from, const std::vector<glm::dvec3>& to) {
  glm::dvec3 cf(0.0), ct(0.0);
  for (size_t i = 0; i < from.size(); ++i) {
    cf += from[i];
    ct += to[i];
  }
  cf /= double(from.size());
  ct /= double(to.size());
  glm::dmat3 m(0.0);  // m[col][row]: sum of (from - cf)_row * (to - ct)_col
  double sf = 0, st = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    const glm::dvec3 a = from[i] - cf, b = to[i] - ct;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) m[c][r] += a[r] * b[c];
    sf += glm::dot(a, a);
    st += glm::dot(b, b);
  }
  const double sxx = m[0][0], sxy = m[1][0], sxz = m[2][0], syx = m[0][1], syy = m[1][1], syz = m[2][1], szx = m[0][2],
               szy = m[1][2], szz = m[2][2];
  const std::array<std::array<double, 4>, 4> n = {{{sxx + syy + szz, syz - szy, szx - sxz, sxy - syx},
                                                   {syz - szy, sxx - syy - szz, sxy + syx, szx + sxz},
                                                   {szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy},
                                                   {sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz}}};
  const auto q = largestEigenvector(n);
  Similarity s;
  s.rotation = glm::mat3_cast(glm::dquat(q[0], q[1], q[2], q[3]));
  s.scale = std::sqrt(st / sf);
  s.translation = ct - s.scale * (s.rotation * cf);
  return s;
}

struct Stats {
  double rms = 0, p90 = 0, worst = 0;
  size_t n = 0;
};
Stats stats(std::vector<double> d) {
  Stats s;
  s.n = d.size();
  if (d.empty()) return s;
  double sum = 0;
  for (double x : d) sum += x * x;
  s.rms = std::sqrt(sum / double(d.size()));
  std::sort(d.begin(), d.end());
  s.p90 = d[std::min(d.size() - 1, size_t(std::ceil(0.9 * double(d.size()))) - 1)];
  s.worst = d.back();
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || std::string(argv[1]) == "--help") {
    std::fprintf(stderr, "usage: mnsim_face_deviation REFERENCE.obj [ASSET]\n"
                         "  REFERENCE: MediaPipe's canonical_face_model.obj (see the comment at the top of this tool)\n");
    return 2;
  }
  std::vector<glm::dvec3> reference;
  if (!readObjVertices(argv[1], reference) || reference.size() != 468) {
    std::fprintf(stderr, "%s: error: not the 468-vertex canonical face model (read %zu vertices)\n", argv[1], reference.size());
    return 1;
  }
  auto asset = mnsim::loadAsset(argc == 3 ? argv[2] : "head", mnsim::defaultAssetSearch(argv[0]));
  if (!asset) {
    std::fprintf(stderr, "%s\n", asset.error().format().c_str());
    return 1;
  }
  std::vector<glm::dvec3> from, to;
  std::vector<const char*> names;
  for (const auto& [name, index] : kPairs)
    if (const mnsim::Landmark* l = asset->zones.landmark(name)) {
      from.push_back(reference[size_t(index)]);
      to.push_back(glm::dvec3(l->positionMm));
      names.push_back(name);
    }
  if (from.size() < 4) {
    std::fprintf(stderr, "error: the asset names too few of the landmarks (%zu)\n", from.size());
    return 1;
  }
  const Similarity s = fit(from, to);
  std::printf("fit on %zu landmarks: scale %.4f, translation (%.1f, %.1f, %.1f) mm\n", from.size(), s.scale, s.translation.x,
              s.translation.y, s.translation.z);
  for (size_t i = 0; i < from.size(); ++i)
    std::printf("  %-20s residual %5.2f mm\n", names[i], glm::length(s.apply(from[i]) - to[i]));
  const mnsim::Bvh bvh = mnsim::Bvh::build(asset->mesh);
  std::vector<double> all, lateral, midface, lower, upper;
  for (const glm::dvec3& r : reference) {
    const glm::dvec3 p = s.apply(r);
    const auto c = bvh.closestPoint(glm::vec3(p));
    if (!c) continue;
    const double d = glm::length(glm::dvec3(c->point) - p);
    all.push_back(d);
    // Regions in the head's frame: the sides (|x| > 45 mm), above the brows, below the mouth, the middle.
    if (std::abs(p.x) > 45) lateral.push_back(d);
    else if (p.y > 30) upper.push_back(d);
    else if (p.y < -55) lower.push_back(d);
    else midface.push_back(d);
  }
  const std::pair<const char*, std::vector<double>*> regions[] = {
      {"all", &all}, {"sides (|x| > 45 mm)", &lateral}, {"forehead (y > 30 mm)", &upper}, {"middle", &midface},
      {"below the mouth (y < -55 mm)", &lower}};
  std::printf("surface deviation of the reference's vertices from the head, mm:\n");
  for (const auto& [name, d] : regions) {
    const Stats st = stats(*d);
    std::printf("  %-30s n %3zu  RMS %5.2f  90th %5.2f  worst %5.2f\n", name, st.n, st.rms, st.p90, st.worst);
  }
  return 0;
}
