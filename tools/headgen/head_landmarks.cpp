#include "head_landmarks.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <glm/geometric.hpp>

namespace headgen {

namespace {

using glm::vec3;

// Points where the mesh crosses the midsagittal plane x = 0 (segment ends), the profile.
std::vector<vec3> midlineProfile(const mnsim::TriMesh& mesh) {
  std::vector<vec3> out;
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    for (int k = 0; k < 3; ++k) {
      const vec3 a = mesh.corner(t, k), b = mesh.corner(t, (k + 1) % 3);
      if ((a.x < 0.0f) == (b.x < 0.0f)) continue;
      const float s = a.x / (a.x - b.x);
      vec3 p = a + (b - a) * s;
      p.x = 0.0f;
      out.push_back(p);
    }
  }
  return out;
}

vec3 snap(const mnsim::Bvh& bvh, const vec3& p) {
  const auto c = bvh.closestPoint(p, 50.0f);
  if (!c) throw std::runtime_error("landmark construction point is far from the surface");
  return c->point;
}

// The point of `pts` within the y range (and in front of zMin) that lies deepest behind the line
// from a to b (in the y-z plane): the bottom of a concavity such as the nasion.
vec3 deepest(const std::vector<vec3>& pts, const vec3& a, const vec3& b, float zMin) {
  const float y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
  const glm::vec2 d = glm::normalize(glm::vec2(b.y - a.y, b.z - a.z));
  float best = -1e9f;
  vec3 out = a;
  for (const vec3& p : pts) {
    if (p.y <= y0 || p.y >= y1 || p.z < zMin) continue;
    const glm::vec2 r(p.y - a.y, p.z - a.z);
    const float dist = std::fabs(r.x * d.y - r.y * d.x);
    // Points behind the line (smaller z than the line at that height).
    const float lineZ = a.z + (b.z - a.z) * (p.y - a.y) / (b.y - a.y);
    if (p.z < lineZ && dist > best) {
      best = dist;
      out = p;
    }
  }
  return out;
}

template <class Pred>
vec3 extreme(const std::vector<vec3>& pts, Pred better, const char* what) {
  if (pts.empty()) throw std::runtime_error(std::string("no surface points for landmark ") + what);
  vec3 out = pts.front();
  for (const vec3& p : pts)
    if (better(p, out)) out = p;
  return out;
}

std::vector<vec3> filter(const std::vector<vec3>& pts, float y0, float y1, float z0, float z1) {
  std::vector<vec3> out;
  for (const vec3& p : pts)
    if (p.y >= y0 && p.y <= y1 && p.z >= z0 && p.z <= z1) out.push_back(p);
  return out;
}

}  // namespace

std::vector<mnsim::Landmark> findHeadLandmarks(const HeadModel& model, const mnsim::TriMesh& mesh,
                                               const mnsim::Bvh& bvh) {
  const HeadProportions& pr = model.proportions();
  const std::vector<vec3> profile = midlineProfile(mesh);
  auto higher = [](const vec3& a, const vec3& b) { return a.y > b.y; };
  auto front = [](const vec3& a, const vec3& b) { return a.z > b.z; };

  const vec3 vertex = extreme(profile, higher, "vertex");
  const vec3 glabella = extreme(filter(profile, 22, 42, 50, 200), front, "glabella");
  const vec3 pronasale = extreme(filter(profile, -40, 10, 50, 200), front, "pronasale");
  const vec3 nasion = deepest(profile, glabella, pronasale, 60.0f);
  const vec3 labraleSup = extreme(filter(profile, pr.stomionY + 3, pr.stomionY + 14, 60, 200), front, "labrale");
  const vec3 subnasale = deepest(profile, pronasale, labraleSup, 80.0f);
  const vec3 labraleInf = extreme(filter(profile, pr.stomionY - 13, pr.stomionY - 3, 60, 200), front, "labrale");
  const vec3 stomion = deepest(profile, labraleSup, labraleInf, 80.0f);
  // Gnathion: the lowest point of the chin's outline, where it turns from the front of the chin
  // to its underside (the point furthest towards anterior-inferior).
  const vec3 chinDir = glm::normalize(vec3(0.0f, -1.0f, 0.8f));
  const vec3 gnathion = extreme(filter(profile, -130, -70, 60, 200),
                                [&](const vec3& a, const vec3& b) { return glm::dot(a, chinDir) > glm::dot(b, chinDir); },
                                "gnathion");
  // Hairline on the forehead's midline.
  // Its point nearest the hairline's height (within 3 mm: wide enough for the coarse meshes the
  // face's fit measures on).
  const vec3 trichion = extreme(filter(profile, pr.trichionY - 3.0f, pr.trichionY + 3.0f, 0, 200),
                                [&](const vec3& a, const vec3& b) {
                                  return std::fabs(a.y - float(pr.trichionY)) < std::fabs(b.y - float(pr.trichionY));
                                },
                                "trichion");

  std::vector<mnsim::Landmark> out;
  auto add = [&](const std::string& name, const vec3& p) { out.push_back({name, p}); };
  add("vertex", vertex);
  add("trichion", trichion);
  add("glabella", glabella);
  add("nasion", nasion);
  add("pronasale", pronasale);
  add("subnasale", subnasale);
  add("labrale_superius", labraleSup);
  add("stomion", stomion);
  add("labrale_inferius", labraleInf);
  add("gnathion", gnathion);

  for (int side = 1; side >= -1; side -= 2) {
    const std::string suffix = side > 0 ? "_left" : "_right";
    const std::vector<V3> fissure = model.fissure(side);
    add("endocanthion" + suffix, snap(bvh, vec3(fissure.front())));
    add("exocanthion" + suffix, snap(bvh, vec3(fissure.back())));
    // Zygion: most lateral point of the zygomatic arch, in front of the ear.
    std::vector<vec3> arch, ala, angle;
    for (const vec3& p : mesh.positions) {
      const float sx = p.x * side;
      if (sx <= 0.0f) continue;
      if (p.y > -10 && p.y < 12 && p.z > 16 && p.z < 40) arch.push_back(p);
      if (p.y > -32 && p.y < -18 && p.z > 80 && sx < 30) {
        const HeadFeatures f = model.features(V3(p));
        if (f.nose < f.face - 0.2) ala.push_back(p);  // on the nose, not the cheek
      }
      // On the mandible (at or above its lower border), not on the neck below it.
      if (p.y > -80 && p.y < -56 && p.z > 8 && p.z < 32 && p.y > model.jawBorderY(sx, p.z) - 3.0) angle.push_back(p);
    }
    auto lateral = [side](const vec3& a, const vec3& b) { return a.x * side > b.x * side; };
    add("zygion" + suffix, extreme(arch, lateral, "zygion"));
    add("alare" + suffix, extreme(ala, lateral, "alare"));
    // Gonion: the most lateral point at the angle of the mandible, found as the corner that
    // sticks out furthest towards lateral-inferior-posterior.
    const vec3 dir = glm::normalize(vec3(0.8f * side, -0.45f, -0.4f));
    add("gonion" + suffix,
        extreme(angle, [&](const vec3& a, const vec3& b) { return glm::dot(a, dir) > glm::dot(b, dir); }, "gonion"));
    add("tragion" + suffix, snap(bvh, vec3(model.tragionConstruction(side))));
    const double cx = pr.cheilionX * side;
    const auto hit = bvh.raycast(vec3(cx, model.stomionLineY(cx), 200.0f), vec3(0, 0, -1));
    if (!hit) throw std::runtime_error("no surface at the corner of the mouth");
    add("cheilion" + suffix, hit->point);
  }
  return out;
}

std::vector<FarkasMeasure> measureFarkas(const std::vector<mnsim::Landmark>& lm) {
  auto at = [&](const std::string& name) {
    for (const mnsim::Landmark& l : lm)
      if (l.name == name) return l.positionMm;
    throw std::runtime_error("missing landmark " + name);
  };
  auto dist = [&](const char* a, const char* b) { return static_cast<double>(glm::length(at(a) - at(b))); };
  std::vector<FarkasMeasure> m;
  // Head height is projective in Farkas (vertical, head in the Frankfort horizontal).
  m.push_back({"v-gn", "head height, vertex to gnathion (vertical)", at("vertex").y - at("gnathion").y, 220, 235});
  m.push_back({"zy-zy", "face width, bizygomatic", dist("zygion_left", "zygion_right"), 130, 140});
  m.push_back({"n-gn", "face height, nasion to gnathion", dist("nasion", "gnathion"), 115, 125});
  m.push_back({"ex-ex", "biocular width", dist("exocanthion_left", "exocanthion_right"), 88, 94});
  m.push_back({"en-en", "intercanthal width", dist("endocanthion_left", "endocanthion_right"), 30, 34});
  m.push_back({"al-al", "nose width", dist("alare_left", "alare_right"), 33, 37});
  m.push_back({"ch-ch", "mouth width", dist("cheilion_left", "cheilion_right"), 48, 55});
  m.push_back({"go-go", "mandible width, bigonial", dist("gonion_left", "gonion_right"), 90, 110});
  m.push_back({"t-t", "tragion to tragion", dist("tragion_left", "tragion_right"), 135, 155});
  m.push_back({"n-sn", "nose height", dist("nasion", "subnasale"), 48, 58});
  m.push_back({"sn-gn", "lower face height", dist("subnasale", "gnathion"), 60, 75});
  // Facial thirds along the vertical: hairline to glabella, glabella to subnasale, subnasale to gnathion.
  m.push_back({"tr-g", "upper third (vertical)", at("trichion").y - at("glabella").y, 55, 70});
  m.push_back({"g-sn", "middle third (vertical)", at("glabella").y - at("subnasale").y, 55, 70});
  m.push_back({"sn-gn(y)", "lower third (vertical)", at("subnasale").y - at("gnathion").y, 55, 75});
  return m;
}

}  // namespace headgen
