#include "face_measure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include <mnsim/geometry/bvh.h>
#include <mnsim/skin/asset.h>

namespace mnsim::face {

namespace {

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

}  // namespace

std::string referencePath(const std::string& sourceDir) {
  return sourceDir + "/tools/face/reference/canonical_face_model.obj";
}

std::vector<glm::dvec3> readReference(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot be read";
    return {};
  }
  std::vector<glm::dvec3> out;
  std::string line;
  for (int lineNo = 1; std::getline(in, line); ++lineNo) {
    if (line.rfind("v ", 0) != 0) continue;
    std::istringstream s(line.substr(2));
    glm::dvec3 v;
    if (!(s >> v.x >> v.y >> v.z)) {
      error = path + ":" + std::to_string(lineNo) + ": a vertex line without three numbers";
      return {};
    }
    out.push_back(v * 10.0);  // cm → mm
  }
  if (out.size() != 468) {
    error = path + ": not the 468-vertex canonical face model (" + std::to_string(out.size()) + " vertices)";
    return {};
  }
  return out;
}

const std::vector<LandmarkPair>& landmarkPairs() {
  static const std::vector<LandmarkPair> pairs = {
      {"pronasale", 4},           {"subnasale", 2},          {"nasion", 168},           {"glabella", 9},
      {"labrale_superius", 0},    {"labrale_inferius", 17},  {"gnathion", 175},         {"endocanthion_left", 362},
      {"endocanthion_right", 133}, {"exocanthion_left", 263}, {"exocanthion_right", 33}, {"cheilion_left", 291},
      {"cheilion_right", 61},
  };
  return pairs;
}

Similarity fitSimilarity(const std::vector<glm::dvec3>& from, const std::vector<glm::dvec3>& to) {
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

std::optional<Similarity> placeReference(const std::vector<glm::dvec3>& reference,
                                         const std::function<std::optional<glm::dvec3>(const std::string&)>& landmarkAt,
                                         std::vector<std::pair<std::string, double>>* residualMm) {
  std::vector<glm::dvec3> from, to;
  std::vector<std::string> names;
  for (const LandmarkPair& pair : landmarkPairs()) {
    if (pair.vertex < 0 || static_cast<size_t>(pair.vertex) >= reference.size()) continue;
    if (const auto at = landmarkAt(pair.name)) {
      from.push_back(reference[static_cast<size_t>(pair.vertex)]);
      to.push_back(*at);
      names.push_back(pair.name);
    }
  }
  if (from.size() < 4) return std::nullopt;
  const Similarity s = fitSimilarity(from, to);
  if (residualMm) {
    residualMm->clear();
    for (size_t i = 0; i < from.size(); ++i) residualMm->push_back({names[i], glm::length(s.apply(from[i]) - to[i])});
  }
  return s;
}

DeviationStats deviationStats(std::vector<double> d) {
  DeviationStats s;
  s.count = d.size();
  if (d.empty()) return s;
  double sum = 0;
  for (double x : d) sum += x * x;
  s.rmsMm = std::sqrt(sum / double(d.size()));
  std::sort(d.begin(), d.end());
  s.p90Mm = d[std::min(d.size() - 1, size_t(std::ceil(0.9 * double(d.size()))) - 1)];
  s.worstMm = d.back();
  return s;
}

FaceRegion regionOf(const glm::dvec3& p) {
  if (std::abs(p.x) > 45) return FaceRegion::Sides;
  if (p.y > 30) return FaceRegion::Forehead;
  if (p.y < -55) return FaceRegion::BelowMouth;
  return FaceRegion::Middle;
}

const char* regionName(FaceRegion region) {
  switch (region) {
    case FaceRegion::Sides: return "sides (|x| > 45 mm)";
    case FaceRegion::Forehead: return "forehead (y > 30 mm)";
    case FaceRegion::Middle: return "middle";
    case FaceRegion::BelowMouth: return "below the mouth (y < -55 mm)";
  }
  return "?";
}

std::optional<FaceDeviation> measureAsset(const std::vector<glm::dvec3>& reference, const Asset& asset, std::string& error) {
  FaceDeviation out;
  const auto placed = placeReference(
      reference,
      [&](const std::string& name) -> std::optional<glm::dvec3> {
        const Landmark* l = asset.zones.landmark(name);
        return l ? std::optional<glm::dvec3>(glm::dvec3(l->positionMm)) : std::nullopt;
      },
      &out.residualMm);
  if (!placed) {
    error = "the asset names fewer than four of the face's landmarks";
    return std::nullopt;
  }
  out.placed = *placed;
  const Bvh bvh = Bvh::build(asset.mesh);
  std::array<std::vector<double>, 4> regions;
  for (const glm::dvec3& r : reference) {
    const glm::dvec3 p = out.placed.apply(r);
    const auto c = bvh.closestPoint(glm::vec3(p));
    const double d = c ? glm::length(glm::dvec3(c->point) - p) : 1e9;
    out.distanceMm.push_back(d);
    regions[static_cast<size_t>(regionOf(p))].push_back(d);
  }
  out.all = deviationStats(out.distanceMm);
  for (size_t i = 0; i < regions.size(); ++i) out.byRegion[i] = deviationStats(regions[i]);
  return out;
}

namespace {

glm::dvec2 sagittal(const glm::vec3& p) { return glm::dvec2(p.y, p.z); }

double angleDeg(glm::dvec2 u, glm::dvec2 v) {
  return std::acos(std::clamp(glm::dot(glm::normalize(u), glm::normalize(v)), -1.0, 1.0)) * 57.29577951308232;
}

// Where the mesh's edges cross x = 0, on the face's side (z > 30 mm), as (y, z).
std::vector<glm::dvec2> midlineSection(const TriMesh& m) {
  std::vector<glm::dvec2> out;
  for (const glm::uvec3& t : m.triangles)
    for (int k = 0; k < 3; ++k) {
      const uint32_t a = t[k], b = t[(k + 1) % 3];
      if (a > b) continue;  // each edge once (from the side where it runs upwards in index)
      const glm::vec3 pa = m.positions[a], pb = m.positions[b];
      if ((pa.x < 0.0f) == (pb.x < 0.0f)) continue;
      const glm::vec3 p = pa + (pb - pa) * (-pa.x / (pb.x - pa.x));
      if (p.z > 30.0f) out.push_back(sagittal(p));
    }
  return out;
}

}  // namespace

std::vector<ProfileMeasure> profileMeasures(const Asset& asset, std::string& error) {
  const char* names[] = {"glabella", "subnasale", "pronasale", "labrale_superius", "labrale_inferius",
                         "stomion", "gnathion", "tragion_left", "gonion_left"};
  std::vector<glm::dvec3> at;
  for (const char* name : names) {
    const Landmark* l = asset.zones.landmark(name);
    if (!l) {
      error = std::string("the asset has no landmark ") + name;
      return {};
    }
    at.push_back(glm::dvec3(l->positionMm));
  }
  auto yz = [&](int i) { return glm::dvec2(at[size_t(i)].y, at[size_t(i)].z); };
  const glm::dvec2 g = yz(0), sn = yz(1), prn = yz(2), ls = yz(3), li = yz(4), st = yz(5), gn = yz(6);
  const std::vector<glm::dvec2> profile = midlineSection(asset.mesh);
  // Soft-tissue pogonion: the chin's most forward point below the lower lip; soft-tissue menton:
  // the chin's lowest point, within 15 mm behind the pogonion.
  glm::dvec2 pg(0.0, -1e9), me(1e9, 0.0);
  for (const glm::dvec2& p : profile)
    if (p.x < li.x - 10.0 && p.x > gn.x - 5.0 && p.y > pg.y) pg = p;
  for (const glm::dvec2& p : profile)
    if (p.y > pg.y - 15.0 && p.x < me.x) me = p;
  // Tangents at subnasale: to the columella from below, to the upper lip from the front.
  glm::dvec2 columella(0.0, 1.0), lip(-1.0, 0.0);
  double lowest = 1e9, foremost = -1e9;
  for (const glm::dvec2& p : profile) {
    const glm::dvec2 d = p - sn;
    if (p.x > sn.x && p.x < prn.x && d.y > 1.0 && d.x / d.y < lowest) {
      lowest = d.x / d.y;
      columella = d;
    }
    if (p.x < sn.x - 1.0 && p.x >= ls.x && d.y / -d.x > foremost) {
      foremost = d.y / -d.x;
      lip = d;
    }
  }
  // Signed distance from the esthetic line, positive in front of it (+z).
  const glm::dvec2 along = glm::normalize(pg - prn);
  glm::dvec2 normal(-along.y, along.x);
  if (normal.y < 0.0) normal = -normal;
  const glm::dvec2 t = yz(7), go = yz(8);
  return {
      {"nasolabial angle", angleDeg(columella, lip), 86, 118, "deg"},
      {"facial convexity", 180.0 - angleDeg(g - sn, pg - sn), 4, 20, "deg"},
      {"upper lip to E-line", glm::dot(ls - prn, normal), -8, 0, "mm"},
      {"lower lip to E-line", glm::dot(li - prn, normal), -6, 2, "mm"},
      {"Sn-St : St-Me'", (sn.x - st.x) / (st.x - me.x), 0.4, 0.6, ""},
      {"gonial angle", angleDeg(t - go, gn - go), 116, 144, "deg"},
  };
}

}  // namespace mnsim::face
