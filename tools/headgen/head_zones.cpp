#include "head_zones.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "detmath.h"
#include "hash_map.h"

namespace headgen {

namespace {

enum Zone : uint16_t {
  kForehead,
  kGlabella,
  kTempleL,
  kTempleR,
  kPeriorbitalL,
  kPeriorbitalR,
  kCrowsFeetL,
  kCrowsFeetR,
  kEyelidL,
  kEyelidR,
  kEyeL,
  kEyeR,
  kNose,
  kCheekL,
  kCheekR,
  kUpperLip,
  kLips,
  kChin,
  kJawlineL,
  kJawlineR,
  kNeck,
  kScalp,
  kEarL,
  kEarR,
  kZoneCount
};

}  // namespace

const std::vector<mnsim::ZoneInfo>& headZoneInfos() {
  // id, name, treatable, no_go, thin_skin, over_bone, needs_stretch, depth ceiling (mm).
  // thin_skin: scoring.md's thin-skin zones (periorbital, forehead, temples, nose, neck), with the
  // glabella and crow's feet that sit on the same thin facial skin; over_bone: skin directly on
  // the frontal bone, temples, zygoma and cheekbones, nasal bones, mandible; needs_stretch: loose
  // or mobile skin. The ceilings of thin skin are the proposed defaults of the clinical reference
  // (microneedling.md §1b): the deepest dial that is safe there when a plan does not say.
  static const std::vector<mnsim::ZoneInfo> zones = {
      {"forehead", "Forehead", true, false, true, true, false, 0.75f},
      {"glabella", "Glabella", true, false, true, false, false, 0.5f},
      {"temple_left", "Left temple", true, false, true, true, false, 0.5f},
      {"temple_right", "Right temple", true, false, true, true, false, 0.5f},
      {"periorbital_left", "Left periorbital (below and beside the eye)", true, false, true, false, true, 0.5f},
      {"periorbital_right", "Right periorbital (below and beside the eye)", true, false, true, false, true, 0.5f},
      {"crows_feet_left", "Left crow's feet", true, false, true, false, true, 0.5f},
      {"crows_feet_right", "Right crow's feet", true, false, true, false, true, 0.5f},
      {"eyelid_left", "Left eyelid", false, true, false, false, false},
      {"eyelid_right", "Right eyelid", false, true, false, false, false},
      {"eye_left", "Left eye", false, true, false, false, false},
      {"eye_right", "Right eye", false, true, false, false, false},
      {"nose", "Nose", true, false, true, true, false, 0.5f},
      {"cheek_left", "Left cheek", true, false, false, true, true},
      {"cheek_right", "Right cheek", true, false, false, true, true},
      {"upper_lip", "Upper lip (skin above the vermilion)", true, false, false, false, true},
      {"lips", "Lips (vermilion)", false, true, false, false, false},
      {"chin", "Chin", true, false, false, true, false},
      {"jawline_left", "Left jawline", true, false, false, true, false},
      {"jawline_right", "Right jawline", true, false, false, true, false},
      {"neck", "Neck", true, false, true, false, true, 1.0f},
      {"scalp", "Scalp", true, false, false, false, false},
      {"ear_left", "Left ear", false, false, false, false, false},
      {"ear_right", "Right ear", false, false, false, false, false},
  };
  return zones;
}

uint16_t classifyHeadPoint(const HeadModel& model, const glm::dvec3& pw) {
  const bool left = pw.x >= 0.0;
  auto sided = [left](Zone l, Zone r) { return static_cast<uint16_t>(left ? l : r); };
  const double x = std::fabs(pw.x), y = pw.y, z = pw.z;
  const V3 p(x, y, z);
  const HeadProportions& pr = model.proportions();
  const HeadFeatures f = model.features(p);

  if (model.onEar(p)) return sided(kEarL, kEarR);
  if (model.insideVermilion(p) > 0.0) return kLips;

  // Orbital rim: an ellipse in the frontal plane around the eye, wider laterally.
  const V3 globe = model.globeCenter();
  const double dx = x - globe.x, dy = y - (globe.y + 0.5);
  const double rx = dx < 0 ? 17.5 : 19.5, ry = dy > 0 ? 12.0 : 11.0;
  const double orbit = std::sqrt(sq(dx / rx) + sq(dy / ry));
  if (orbit < 1.0 && z > 55.0) {
    // The eye itself: the almond of the palpebral fissure over the cornea, around the lid line.
    const double t = (x - pr.endocanthionX) / (pr.exocanthionX - pr.endocanthionX);
    if (t > 0.0 && t < 1.0) {
      const double fy = model.fissureY(x);
      const double s = dm::sin(dm::kPi * t);
      if (y < fy + 3.2 * s && y > fy - 1.6 * s) return sided(kEyeL, kEyeR);
    }
    return sided(kEyelidL, kEyelidR);
  }

  const double hair = model.aboveHairline(p);
  const double jawY = model.jawBorderY(x, z);
  const bool front = z > -6.0;

  // Nose: where the nose's own surface stands out of the face.
  if (y < 19.0 && f.nose < 0.6 && f.face > 0.3 && x < 24.0) return kNose;
  // Glabella: the smooth area between the eyebrows, above the root of the nose.
  if (sq(x / 13.0) + sq((y - 27.0) / 10.0) < 1.0 && y >= 17.0 && z > 80.0) return kGlabella;

  if (hair > 0.0) return kScalp;

  // Crow's feet: the fan lateral to the outer corner of the eye.
  const double exDist = std::sqrt(sq(x - pr.exocanthionX) + sq(y - 13.5));
  if (x > pr.exocanthionX + 2.0 && exDist < 22.0 && y > 1.0 && y < 25.0 && z > 15.0) return sided(kCrowsFeetL, kCrowsFeetR);
  // Temples: lateral to the forehead, above the zygomatic arch, in front of the hair.
  // The temple seen from the side: an oval behind the lateral orbital rim, above the arch.
  // The forehead ends at the temporal crest and the hairline; beyond the crest, in front of the
  // hair, lies the temple.
  if (x > 44.0 && y > 10.0 && sq((z - 40.0) / 26.0) + sq((y - 33.0) / 25.0) < 1.0) return sided(kTempleL, kTempleR);
  const double crestX = pr.frontotemporaleX + (pr.crestTopX - pr.frontotemporaleX) * smoothstep(30.0, 75.0, y);
  const uint16_t foreheadOrTemple = x > crestX ? sided(kTempleL, kTempleR) : static_cast<uint16_t>(kForehead);
  if (y > 30.0 && front) return foreheadOrTemple;
  // Periorbital: a band below and beside the orbital rim.
  if (orbit < 1.7 && dy < 6.0 && z > 50.0 && y > -9.0) return sided(kPeriorbitalL, kPeriorbitalR);
  if (y > 14.0 && front) return foreheadOrTemple;

  // Lower face. The nasolabial fold bounds the upper lip; the marionette line the chin.
  const double foldX = 19.5 + std::max(0.0, -28.0 - y) * (10.5 / 27.0);
  if (y < -26.0 && y > model.upperBorderY(x) - 0.5 && x < foldX + 1.0 && y > pr.stomionY - 1.0 && z > 70.0)
    return kUpperLip;
  const double chinX = 24.0 - std::max(0.0, pr.stomionY - y) * 0.12;
  if (y < pr.stomionY && x < chinX && y > jawY - 7.0 && z > 60.0) return kChin;
  if (front && y < jawY + 12.0 && y > jawY - 9.0 && y < -40.0) return sided(kJawlineL, kJawlineR);
  if (y < jawY - 9.0 || (!front && y < -10.0)) return kNeck;
  if (front) return sided(kCheekL, kCheekR);
  return y < 0.0 ? kNeck : kScalp;
}

std::vector<uint16_t> classifyHeadTriangles(const HeadModel& model, const mnsim::TriMesh& mesh) {
  const size_t nt = mesh.triangles.size();
  std::vector<uint16_t> label(nt);
  for (size_t t = 0; t < nt; ++t) label[t] = classifyHeadPoint(model, glm::dvec3(mesh.centroid(t)));

  // Edge neighbours.
  std::vector<std::array<uint32_t, 3>> nb(nt, {UINT32_MAX, UINT32_MAX, UINT32_MAX});
  {
    HashMap<uint32_t> edges;
    for (uint32_t t = 0; t < nt; ++t)
      for (int k = 0; k < 3; ++k) {
        const uint32_t a = mesh.triangles[t][k], b = mesh.triangles[t][(k + 1) % 3];
        edges.insert((uint64_t(a) << 32) | b, t * 3 + k);
      }
    for (uint32_t t = 0; t < nt; ++t)
      for (int k = 0; k < 3; ++k) {
        const uint32_t a = mesh.triangles[t][k], b = mesh.triangles[t][(k + 1) % 3];
        if (const uint32_t* o = edges.find((uint64_t(b) << 32) | a)) nb[t][k] = *o / 3;
      }
  }
  // Majority smoothing: a triangle whose neighbours mostly agree on another zone joins it.
  for (int pass = 0; pass < 4; ++pass) {
    std::vector<uint16_t> next = label;
    for (size_t t = 0; t < nt; ++t) {
      uint16_t l[3];
      int n = 0;
      for (uint32_t o : nb[t])
        if (o != UINT32_MAX) l[n++] = label[o];
      if (n == 3 && l[0] == l[1] && l[0] != label[t]) next[t] = l[0];
      else if (n == 3 && l[1] == l[2] && l[1] != label[t]) next[t] = l[1];
      else if (n == 3 && l[0] == l[2] && l[0] != label[t]) next[t] = l[0];
    }
    label.swap(next);
  }
  // Islands: keep the largest connected piece of each zone; others join their surroundings.
  for (int round = 0; round < 8; ++round) {
    std::vector<uint32_t> comp(nt, UINT32_MAX);
    std::vector<size_t> compSize;
    std::vector<uint16_t> compZone;
    for (uint32_t s = 0; s < nt; ++s) {
      if (comp[s] != UINT32_MAX) continue;
      const auto id = static_cast<uint32_t>(compSize.size());
      std::vector<uint32_t> stack{s};
      comp[s] = id;
      size_t size = 0;
      while (!stack.empty()) {
        const uint32_t t = stack.back();
        stack.pop_back();
        ++size;
        for (uint32_t o : nb[t])
          if (o != UINT32_MAX && comp[o] == UINT32_MAX && label[o] == label[s]) {
            comp[o] = id;
            stack.push_back(o);
          }
      }
      compSize.push_back(size);
      compZone.push_back(label[s]);
    }
    std::vector<uint32_t> biggest(kZoneCount, UINT32_MAX);
    for (uint32_t c = 0; c < compSize.size(); ++c) {
      uint32_t& b = biggest[compZone[c]];
      if (b == UINT32_MAX || compSize[c] > compSize[b]) b = c;
    }
    bool changed = false;
    std::vector<uint16_t> next = label;
    for (size_t t = 0; t < nt; ++t) {
      if (biggest[label[t]] == comp[t]) continue;
      // Adopt the most common neighbouring zone that is not this island's.
      int best = -1, bestCount = 0;
      for (uint32_t o : nb[t]) {
        if (o == UINT32_MAX || label[o] == label[t]) continue;
        int count = 0;
        for (uint32_t o2 : nb[t])
          if (o2 != UINT32_MAX && label[o2] == label[o]) ++count;
        if (count > bestCount || (count == bestCount && label[o] < best)) {
          best = label[o];
          bestCount = count;
        }
      }
      if (best >= 0) {
        next[t] = static_cast<uint16_t>(best);
        changed = true;
      }
    }
    label.swap(next);
    if (!changed) break;
  }
  return label;
}

}  // namespace headgen
