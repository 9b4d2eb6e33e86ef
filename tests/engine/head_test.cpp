// The built-in head and body assets (tools/headgen): proportions, mesh soundness, zones,
// landmarks, skin sample density, the drawing mesh and its atlas, and that the generator is
// deterministic and the committed files are what it makes.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include "mnsim/skin/asset.h"
#include "mnsim/geometry/bvh.h"
#include "mnsim/geometry/mesh_io.h"
#include "mnsim/base/hash.h"
#include "mnsim/skin/skin_model.h"
#include "mnsim/skin/asset_loader.h"
#include "face_measure.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

const std::string kAssetDir = std::string(MNSIM_TEST_DATA) + "/../../assets";
constexpr float kNeckCutY = -190.0f;

const Asset& head() {
  static const Asset asset = [] {
    auto loaded = loadAsset("head", defaultAssetSearch(""));
    if (!loaded) {
      ADD_FAILURE() << loaded.error().format();
      return Asset{};
    }
    return std::move(*loaded);
  }();
  return asset;
}

glm::vec3 landmark(const Asset& a, const std::string& name) {
  const Landmark* l = a.zones.landmark(name);
  EXPECT_NE(l, nullptr) << "missing landmark " << name;
  return l ? l->positionMm : glm::vec3(0.0f);
}

uint64_t edgeKey(uint32_t a, uint32_t b) { return (uint64_t(a) << 32) | b; }

// ---------------------------------------------------------------------------------------------

TEST(HeadAsset, LoadsFromTheAssetFolderWithEveryZoneAndItsFlags) {
  const Asset& a = head();
  ASSERT_GT(a.mesh.triangleCount(), 100000u);
  EXPECT_EQ(a.name, "head");
  struct Expect {
    const char* id;
    bool treatable, noGo, thin, bone, stretch;
  };
  const Expect expected[] = {
      {"forehead", true, false, true, true, false},        {"glabella", true, false, true, false, false},
      {"temple_left", true, false, true, true, false},     {"temple_right", true, false, true, true, false},
      {"periorbital_left", true, false, true, false, true}, {"periorbital_right", true, false, true, false, true},
      {"crows_feet_left", true, false, true, false, true}, {"crows_feet_right", true, false, true, false, true},
      {"eyelid_left", false, true, false, false, false},   {"eyelid_right", false, true, false, false, false},
      {"eye_left", false, true, false, false, false},      {"eye_right", false, true, false, false, false},
      {"nose", true, false, true, true, false},            {"cheek_left", true, false, false, true, true},
      {"cheek_right", true, false, false, true, true},    {"upper_lip", true, false, false, false, true},
      {"lips", false, true, false, false, false},          {"chin", true, false, false, true, false},
      {"jawline_left", true, false, false, true, false},   {"jawline_right", true, false, false, true, false},
      {"neck", true, false, true, false, true},            {"scalp", true, false, false, false, false},
      {"ear_left", false, false, false, false, false},     {"ear_right", false, false, false, false, false},
  };
  ASSERT_EQ(a.zones.zones.size(), std::size(expected));
  for (const Expect& e : expected) {
    const int z = a.zones.find(e.id);
    ASSERT_GE(z, 0) << e.id;
    const ZoneInfo& info = a.zones.zones[z];
    EXPECT_EQ(info.treatable, e.treatable) << e.id;
    EXPECT_EQ(info.noGo, e.noGo) << e.id;
    EXPECT_EQ(info.thinSkin, e.thin) << e.id;
    EXPECT_EQ(info.overBone, e.bone) << e.id;
    EXPECT_EQ(info.needsStretch, e.stretch) << e.id;
    EXPECT_FALSE(info.name.empty()) << e.id;
  }
}

TEST(HeadAsset, FarkasProportionsMeasuredFromTheLandmarks) {
  const Asset& a = head();
  auto d = [&](const char* p, const char* q) { return glm::length(landmark(a, p) - landmark(a, q)); };
  // Head height is a projective (vertical) measure in Farkas; the others are direct distances.
  const float headHeight = landmark(a, "vertex").y - landmark(a, "gnathion").y;
  EXPECT_GE(headHeight, 220.0f);
  EXPECT_LE(headHeight, 235.0f);
  const std::tuple<const char*, const char*, float, float> ranges[] = {
      {"zygion_left", "zygion_right", 130, 140},         {"nasion", "gnathion", 115, 125},
      {"exocanthion_left", "exocanthion_right", 88, 94}, {"endocanthion_left", "endocanthion_right", 30, 34},
      {"alare_left", "alare_right", 33, 37},             {"cheilion_left", "cheilion_right", 48, 55},
  };
  for (const auto& [p, q, lo, hi] : ranges) {
    EXPECT_GE(d(p, q), lo) << p << " - " << q;
    EXPECT_LE(d(p, q), hi) << p << " - " << q;
  }
  // Facial thirds: hairline to glabella, glabella to subnasale, subnasale to gnathion (vertical).
  const float upper = landmark(a, "trichion").y - landmark(a, "glabella").y;
  const float middle = landmark(a, "glabella").y - landmark(a, "subnasale").y;
  const float lower = landmark(a, "subnasale").y - landmark(a, "gnathion").y;
  const float mean = (upper + middle + lower) / 3.0f;
  for (float third : {upper, middle, lower}) EXPECT_LT(std::fabs(third - mean), 0.15f * mean) << third;
  // Left and right are the patient's: +X is the patient's left.
  EXPECT_GT(landmark(a, "exocanthion_left").x, 0.0f);
  EXPECT_LT(landmark(a, "exocanthion_right").x, 0.0f);
  // The face looks towards +Z, the head is upright.
  EXPECT_GT(landmark(a, "pronasale").z, landmark(a, "tragion_left").z + 80.0f);
  EXPECT_GT(landmark(a, "vertex").y, landmark(a, "nasion").y + 80.0f);
}

// The face's shape against a published average adult face (MediaPipe's canonical face model,
// tools/face/reference), placed on the head by a similarity fit of 13 landmarks. The sculpt alone
// (mnsim_headgen --sculpt-only) lies at RMS 4.2 mm, 90th percentile 6.9 mm, its sides at RMS 7.9.
TEST(HeadAsset, TheFaceLiesCloseToAnAverageAdultFace) {
  std::string error;
  const auto reference = face::readReference(face::referencePath(MNSIM_SOURCE_DIR), error);
  ASSERT_EQ(reference.size(), 468u) << error;
  const auto m = face::measureAsset(reference, head(), error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->residualMm.size(), face::landmarkPairs().size()) << "every landmark of the fit is on the head";
  // The fit hardly scales the reference: the head is an adult's face, not a stretched one.
  EXPECT_NEAR(m->placed.scale, 1.0, 0.08);
  EXPECT_LE(m->all.rmsMm, 2.0);
  EXPECT_LE(m->all.p90Mm, 3.5);
  // Region by region. The sides are the loosest: the reference's outline in front of the ears and
  // over the jaw's angle is wider than the Farkas widths the head keeps (zy-zy, go-go; above).
  const double limitMm[] = {4.5, 1.0, 1.5, 2.0};  // sides, forehead, middle, below the mouth
  for (int r = 0; r < 4; ++r)
    EXPECT_LE(m->byRegion[static_cast<size_t>(r)].rmsMm, limitMm[r]) << face::regionName(static_cast<face::FaceRegion>(r));
  // The measure tells a different face: the same reference 6 % wider lies much further off.
  std::vector<glm::dvec3> wider = reference;
  for (glm::dvec3& v : wider) v.x *= 1.06;
  const auto w = face::measureAsset(wider, head(), error);
  ASSERT_TRUE(w);
  EXPECT_GT(w->all.rmsMm, m->all.rmsMm + 0.5);
}

// The profile against published soft-tissue norms (mean +/- 2 SD; face_measure.h names the
// sources): nasolabial angle, facial convexity, the lips against the esthetic line, the lower
// face's proportion and the gonial angle.
TEST(HeadAsset, TheProfileMeetsPublishedSoftTissueNorms) {
  std::string error;
  const auto measures = face::profileMeasures(head(), error);
  ASSERT_EQ(measures.size(), 6u) << error;
  for (const face::ProfileMeasure& p : measures)
    EXPECT_TRUE(p.within()) << p.name << " " << p.value << " " << p.unit << ", norm " << p.low << " to " << p.high;
}

TEST(HeadAsset, LandmarksLieOnTheSkin) {
  const Asset& a = head();
  const Bvh bvh = Bvh::build(a.mesh);
  const char* required[] = {"vertex", "trichion", "glabella", "nasion", "pronasale", "subnasale", "stomion",
                            "gnathion", "exocanthion_left", "exocanthion_right", "endocanthion_left",
                            "endocanthion_right", "zygion_left", "zygion_right", "tragion_left", "tragion_right",
                            "alare_left", "alare_right", "cheilion_left", "cheilion_right", "gonion_left",
                            "gonion_right"};
  for (const char* name : required) {
    const glm::vec3 p = landmark(a, name);
    const auto c = bvh.closestPoint(p, 10.0f);
    ASSERT_TRUE(c.has_value()) << name;
    EXPECT_LT(c->distanceMm, 0.05f) << name;
  }
}

TEST(HeadAsset, TrianglesAreWellShapedAndFaceOutwards) {
  const TriMesh& m = head().mesh;
  size_t degenerate = 0, sliver = 0;
  for (size_t t = 0; t < m.triangleCount(); ++t) {
    if (m.triangleAreaMm2(t) < 1e-6) ++degenerate;
    for (int k = 0; k < 3; ++k) {
      const glm::vec3 e1 = m.corner(t, (k + 1) % 3) - m.corner(t, k), e2 = m.corner(t, (k + 2) % 3) - m.corner(t, k);
      const float c = glm::dot(e1, e2) / (glm::length(e1) * glm::length(e2));
      if (c > std::cos(15.0f * 3.14159265f / 180.0f)) ++sliver;
    }
  }
  EXPECT_EQ(degenerate, 0u);
  EXPECT_EQ(sliver, 0u) << "triangles with an angle below 15 degrees";
  // Consistent orientation: no directed edge appears twice, and neighbours never fold over.
  std::map<uint64_t, uint32_t> directed;
  for (uint32_t t = 0; t < m.triangleCount(); ++t)
    for (int k = 0; k < 3; ++k) {
      const auto [it, inserted] = directed.emplace(edgeKey(m.triangles[t][k], m.triangles[t][(k + 1) % 3]), t);
      EXPECT_TRUE(inserted) << "edge used twice in the same direction at triangle " << t;
    }
  size_t folds = 0;
  for (const auto& [key, t] : directed) {
    const auto it = directed.find(edgeKey(uint32_t(key & 0xffffffffu), uint32_t(key >> 32)));
    if (it != directed.end() && glm::dot(m.faceNormal(t), m.faceNormal(it->second)) < -0.2f) ++folds;
  }
  EXPECT_EQ(folds, 0u);
  // Outward: the enclosed volume (the neck's cut closed by a fan) is positive and head-sized.
  double volume = 0.0;
  for (size_t t = 0; t < m.triangleCount(); ++t)
    volume += glm::dot(glm::dvec3(m.corner(t, 0)), glm::cross(glm::dvec3(m.corner(t, 1)), glm::dvec3(m.corner(t, 2)))) / 6.0;
  const glm::dvec3 capCenter(0.0, kNeckCutY, 0.0);
  for (const auto& [key, t] : directed) {
    const uint32_t a = uint32_t(key >> 32), b = uint32_t(key & 0xffffffffu);
    if (directed.count(edgeKey(b, a))) continue;
    // Boundary edge a->b: the cap triangle (b, a, centre) closes the surface.
    volume += glm::dot(glm::dvec3(m.positions[b]), glm::cross(glm::dvec3(m.positions[a]), capCenter)) / 6.0;
  }
  EXPECT_GT(volume, 3.0e6) << "mm^3";  // a head with neck is some 4-5 litres
  EXPECT_LT(volume, 8.0e6) << "mm^3";
}

TEST(HeadAsset, ClosedExceptForOneFlatCutAcrossTheNeck) {
  const TriMesh& m = head().mesh;
  std::map<std::pair<uint32_t, uint32_t>, int> edges;
  for (const glm::uvec3& t : m.triangles)
    for (int k = 0; k < 3; ++k) {
      const uint32_t a = t[k], b = t[(k + 1) % 3];
      edges[{std::min(a, b), std::max(a, b)}]++;
    }
  size_t boundary = 0, overused = 0;
  std::map<uint32_t, int> boundaryDegree;
  for (const auto& [e, n] : edges) {
    if (n > 2) ++overused;
    if (n == 1) {
      ++boundary;
      boundaryDegree[e.first]++;
      boundaryDegree[e.second]++;
      EXPECT_NEAR(m.positions[e.first].y, kNeckCutY, 1e-3f);
      EXPECT_NEAR(m.positions[e.second].y, kNeckCutY, 1e-3f);
    }
  }
  EXPECT_EQ(overused, 0u);
  EXPECT_GT(boundary, 100u);
  for (const auto& [v, n] : boundaryDegree) EXPECT_EQ(n, 2) << "boundary vertex " << v;
  // One boundary loop and no handles: the surface is a disk, V - E + F = 1.
  std::set<uint32_t> used;
  for (const glm::uvec3& t : m.triangles) used.insert({t.x, t.y, t.z});
  const long euler = long(used.size()) - long(edges.size()) + long(m.triangleCount());
  EXPECT_EQ(euler, 1);
}

TEST(HeadAsset, EveryTriangleHasAZoneAndZoneAreasAddUp) {
  const Asset& a = head();
  ASSERT_EQ(a.zones.triangleZone.size(), a.mesh.triangleCount());
  std::vector<size_t> count(a.zones.zones.size(), 0);
  for (uint16_t z : a.zones.triangleZone) {
    ASSERT_LT(z, a.zones.zones.size());
    count[z]++;
  }
  for (size_t z = 0; z < count.size(); ++z) EXPECT_GT(count[z], 20u) << a.zones.zones[z].id;
  const std::vector<double> areas = a.zoneAreasMm2();
  double treatable = 0.0, all = 0.0, treatableByTriangle = 0.0;
  for (size_t z = 0; z < areas.size(); ++z) {
    all += areas[z];
    if (a.zones.zones[z].treatable) treatable += areas[z];
  }
  for (size_t t = 0; t < a.mesh.triangleCount(); ++t)
    if (a.zones.zones[a.zones.triangleZone[t]].treatable) treatableByTriangle += a.mesh.triangleAreaMm2(t);
  EXPECT_NEAR(all, a.mesh.totalAreaMm2(), 1e-6 * all);
  EXPECT_NEAR(treatable, treatableByTriangle, 1e-6 * treatable);
  // Zones sit where they belong.
  const auto summary = summarizeZones(a);
  auto centroid = [&](const char* id) { return summary[a.zones.find(id)].centroid; };
  EXPECT_GT(centroid("cheek_left").x, 20.0f);
  EXPECT_LT(centroid("cheek_right").x, -20.0f);
  EXPECT_GT(centroid("forehead").y, centroid("glabella").y);
  EXPECT_GT(centroid("upper_lip").y, centroid("lips").y);
  EXPECT_GT(centroid("lips").y, centroid("chin").y);
  EXPECT_GT(centroid("scalp").y, centroid("forehead").y - 20.0f);
  EXPECT_LT(centroid("neck").y, centroid("chin").y);
  EXPECT_GT(centroid("ear_left").x, 60.0f);
  // The vermilion is small and no-go; the eyes sit inside the eyelids.
  EXPECT_GT(areas[a.zones.find("lips")], 500.0);
  EXPECT_LT(areas[a.zones.find("lips")], 2000.0);
  EXPECT_LT(glm::length(centroid("eye_left") - centroid("eyelid_left")), 8.0f);
}

TEST(HeadAsset, TheForeheadEndsAtTheTemporalCrestAndTheHairline) {
  // Issue 10: the forehead once wrapped about 89 degrees round to above the ears. It ends at the
  // temporal crest (58 mm from the midline at most, near the hairline; docs/head.md) and below
  // the hairline; beyond the crest the temples take over, above the hairline the scalp.
  const Asset& a = head();
  const int forehead = a.zones.find("forehead"), templeLeft = a.zones.find("temple_left");
  const int templeRight = a.zones.find("temple_right"), scalp = a.zones.find("scalp");
  ASSERT_GE(forehead, 0);
  float widestMm = 0.0f, widestDeg = 0.0f, templeInnerMm = 1e9f;
  std::set<int> foreheadNeighbours;
  std::map<uint64_t, uint32_t> edgeTriangle;
  for (uint32_t t = 0; t < a.mesh.triangles.size(); ++t)
    for (int k = 0; k < 3; ++k)
      edgeTriangle[edgeKey(a.mesh.triangles[t][k], a.mesh.triangles[t][(k + 1) % 3])] = t;
  for (uint32_t t = 0; t < a.mesh.triangles.size(); ++t) {
    const int z = a.zones.triangleZone[t];
    const glm::vec3 c = a.mesh.centroid(t);
    if (z == forehead) {
      widestMm = std::max(widestMm, std::fabs(c.x));
      widestDeg = std::max(widestDeg, std::fabs(std::atan2(c.x, c.z + 10.0f)) * 57.2958f);
      for (int k = 0; k < 3; ++k) {
        auto it = edgeTriangle.find(edgeKey(a.mesh.triangles[t][(k + 1) % 3], a.mesh.triangles[t][k]));
        if (it != edgeTriangle.end()) foreheadNeighbours.insert(a.zones.triangleZone[it->second]);
      }
    }
    if ((z == templeLeft || z == templeRight) && c.y > 40.0f)
      templeInnerMm = std::min(templeInnerMm, std::fabs(c.x));
  }
  EXPECT_LE(widestMm, 60.0f) << "the forehead reaches past the temporal crest";
  EXPECT_LE(widestDeg, 45.0f) << "the forehead wraps round the head";
  EXPECT_GE(templeInnerMm, 53.0f) << "a temple reaches onto the forehead";
  // Its neighbours: the scalp above, the temples at the sides.
  EXPECT_TRUE(foreheadNeighbours.count(scalp));
  EXPECT_TRUE(foreheadNeighbours.count(templeLeft));
  EXPECT_TRUE(foreheadNeighbours.count(templeRight));
  // A forehead of this head's size: about 12 cm round its curve between the crests, 6-7 cm from
  // the brows to the hairline (it was 106 cm^2 when it wrapped round to the ears).
  const std::vector<double> areas = a.zoneAreasMm2();
  EXPECT_GT(areas[forehead], 6500.0);
  EXPECT_LT(areas[forehead], 9500.0);
}

TEST(HeadAsset, ZoneFramesReadTheJawlineAsOneSurface) {
  // Strokes are read in their zone's frame (docs/scoring.md, "Passes"): on the face u must be
  // the patient's horizontal, and the jawline's frame lie in the plane of the lower face.
  const SkinModel model(head());
  const ZoneMap& zones = model.zones();
  for (const char* id : {"forehead", "cheek_left", "cheek_right", "jawline_left", "jawline_right", "chin", "nose"}) {
    const int z = zones.find(id);
    ASSERT_GE(z, 0) << id;
    const SkinModel::Frame& f = model.zoneFrame(z);
    EXPECT_NEAR(glm::length(f.u), 1.0f, 1e-4f) << id;
    EXPECT_NEAR(glm::dot(f.u, f.normal), 0.0f, 1e-4f) << id;
    EXPECT_NEAR(f.u.y, 0.0f, 1e-3f) << id << ": u is horizontal (within 0.06 degrees: the crown hint fades)";
    EXPECT_GT(f.v.y, 0.5f) << id << ": v points up the skin";
    // The jawline turns furthest to the side (its mean normal about 78 degrees from straight
    // ahead, the lower face being as full as an average adult's); the others face forward more.
    const bool jawline = std::string(id).rfind("jawline", 0) == 0;
    EXPECT_GT(f.normal.z, jawline ? 0.15f : 0.3f) << id << ": the zone faces forward";
  }
  // The two jawlines mirror each other.
  const SkinModel::Frame& l = model.zoneFrame(zones.find("jawline_left"));
  const SkinModel::Frame& r = model.zoneFrame(zones.find("jawline_right"));
  EXPECT_NEAR(l.normal.x, -r.normal.x, 0.05f);
  EXPECT_GT(l.normal.x, 0.2f);  // the patient's left faces +X
}

TEST(HeadAsset, SkinSamplesAreAtMostHalfAMillimetreApart) {
  SkinModel model(head());
  const SkinSamples& s = model.samples();
  ASSERT_GT(s.size(), 400000u);
  std::mt19937 rng(20240601u);
  std::uniform_int_distribution<size_t> pick(0, s.size() - 1);
  std::vector<uint32_t> near;
  size_t lonely = 0;
  for (int i = 0; i < 3000; ++i) {
    const size_t k = pick(rng);
    s.query(s.position(k), 0.5f, near);
    float nearest = 1e9f;
    for (uint32_t j : near)
      if (j != k) nearest = std::min(nearest, glm::length(s.position(j) - s.position(k)));
    if (nearest > 0.5f) ++lonely;
  }
  EXPECT_EQ(lonely, 0u);
}

// A minimal OBJ reader for the drawing mesh (positions, uvs, normals, groups).
struct ObjMesh {
  std::vector<glm::vec3> v, vn;
  std::vector<glm::vec2> vt;
  std::vector<std::array<glm::ivec3, 3>> faces;  // (v, vt, vn) per corner, 0-based
  std::vector<std::string> faceGroup;
};

ObjMesh readObj(const std::string& path) {
  ObjMesh o;
  std::ifstream in(path);
  std::string line, group;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string tag;
    ss >> tag;
    if (tag == "v") {
      glm::vec3 p;
      ss >> p.x >> p.y >> p.z;
      o.v.push_back(p);
    } else if (tag == "vt") {
      glm::vec2 t;
      ss >> t.x >> t.y;
      o.vt.push_back(t);
    } else if (tag == "vn") {
      glm::vec3 n;
      ss >> n.x >> n.y >> n.z;
      o.vn.push_back(n);
    } else if (tag == "usemtl") {
      ss >> group;
    } else if (tag == "f") {
      std::array<glm::ivec3, 3> f;
      for (int k = 0; k < 3; ++k) {
        std::string c;
        ss >> c;
        int a = 0, b = 0, n = 0;
        std::sscanf(c.c_str(), "%d/%d/%d", &a, &b, &n);
        f[k] = {a - 1, b - 1, n - 1};
      }
      o.faces.push_back(f);
      o.faceGroup.push_back(group);
    }
  }
  return o;
}

TEST(HeadAsset, DrawingMeshHasANonOverlappingAtlasNormalsAndZones) {
  const ObjMesh o = readObj(kAssetDir + "/head/head_draw.obj");
  ASSERT_GT(o.faces.size(), 15000u);
  EXPECT_LT(o.faces.size(), 25000u);
  ASSERT_FALSE(o.vt.empty());
  ASSERT_FALSE(o.vn.empty());
  std::set<std::string> zoneIds;
  for (const ZoneInfo& z : head().zones.zones) zoneIds.insert(z.id);
  for (const std::string& g : o.faceGroup) ASSERT_TRUE(zoneIds.count(g)) << g;
  for (const glm::vec2& t : o.vt) {
    EXPECT_GE(t.x, 0.0f);
    EXPECT_LE(t.x, 1.0f);
    EXPECT_GE(t.y, 0.0f);
    EXPECT_LE(t.y, 1.0f);
  }
  for (const glm::vec3& n : o.vn) EXPECT_NEAR(glm::length(n), 1.0f, 2e-3f);
  // No texel centre of the 2048 x 2048 atlas is inside two triangles, and charts keep a gutter:
  // texels within two texels of a triangle belong to that triangle's chart alone.
  const int size = 2048;
  std::vector<int32_t> owner(size_t(size) * size, -1);
  // Charts: triangles connected through shared texture coordinates.
  std::vector<int32_t> chartOfVt(o.vt.size(), -1);
  {
    std::vector<int32_t> parent(o.vt.size());
    for (size_t i = 0; i < parent.size(); ++i) parent[i] = int32_t(i);
    std::function<int32_t(int32_t)> find = [&](int32_t x) { return parent[x] == x ? x : parent[x] = find(parent[x]); };
    for (const auto& f : o.faces) {
      parent[find(f[1].y)] = find(f[0].y);
      parent[find(f[2].y)] = find(f[0].y);
    }
    for (size_t i = 0; i < parent.size(); ++i) chartOfVt[i] = find(int32_t(i));
  }
  size_t overlaps = 0, crowded = 0;
  double uvArea = 0.0, area3d = 0.0;
  for (size_t fi = 0; fi < o.faces.size(); ++fi) {
    const auto& f = o.faces[fi];
    glm::dvec2 p[3];
    for (int k = 0; k < 3; ++k) p[k] = glm::dvec2(o.vt[f[k].y].x * size, (1.0 - o.vt[f[k].y].y) * size);
    const double a2 = (p[1].x - p[0].x) * (p[2].y - p[0].y) - (p[2].x - p[0].x) * (p[1].y - p[0].y);
    uvArea += std::fabs(a2) / 2.0;
    area3d += glm::length(glm::cross(o.v[f[1].x] - o.v[f[0].x], o.v[f[2].x] - o.v[f[0].x])) / 2.0;
    const int chart = chartOfVt[f[0].y];
    const int x0 = std::max(0, int(std::floor(std::min({p[0].x, p[1].x, p[2].x}))) - 2);
    const int x1 = std::min(size - 1, int(std::ceil(std::max({p[0].x, p[1].x, p[2].x}))) + 2);
    const int y0 = std::max(0, int(std::floor(std::min({p[0].y, p[1].y, p[2].y}))) - 2);
    const int y1 = std::min(size - 1, int(std::ceil(std::max({p[0].y, p[1].y, p[2].y}))) + 2);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const glm::dvec2 c(x + 0.5, y + 0.5);
        double w[3];
        for (int k = 0; k < 3; ++k) {
          const glm::dvec2 a = p[(k + 1) % 3], b = p[(k + 2) % 3];
          w[k] = ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / a2;
        }
        const bool inside = w[0] > 0 && w[1] > 0 && w[2] > 0;
        int32_t& own = owner[size_t(y) * size + x];
        if (inside) {
          if (own >= 0 && own != int32_t(fi)) ++overlaps;
          own = int32_t(fi);
        }
        // Distance in texels to the triangle's edges (approximate, through barycentrics).
        (void)chart;
      }
  }
  EXPECT_EQ(overlaps, 0u);
  // Gutters: texels inside one chart's triangles have no texel of another chart within two texels.
  {
    std::vector<int32_t> chartOf(size_t(size) * size, -1);
    for (size_t i = 0; i < owner.size(); ++i)
      if (owner[i] >= 0) chartOf[i] = chartOfVt[o.faces[owner[i]][0].y];
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        const int32_t c = chartOf[size_t(y) * size + x];
        if (c < 0) continue;
        for (int dy = -2; dy <= 2; ++dy)
          for (int dx = -2; dx <= 2; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= size || ny >= size) continue;
            const int32_t o2 = chartOf[size_t(ny) * size + nx];
            if (o2 >= 0 && o2 != c) ++crowded;
          }
      }
  }
  EXPECT_EQ(crowded, 0u);
  // Texel density: at most half a millimetre per texel on average over the surface.
  const double mmPerTexel = std::sqrt(area3d / uvArea);
  EXPECT_LT(mmPerTexel, 0.5);
  // The normal map is a 2048 x 2048 PNG.
  std::ifstream png(kAssetDir + "/head/head_normal.png", std::ios::binary);
  unsigned char header[24] = {};
  png.read(reinterpret_cast<char*>(header), 24);
  ASSERT_TRUE(png.good());
  EXPECT_EQ(header[1], 'P');
  const uint32_t w = (header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19];
  const uint32_t h = (header[20] << 24) | (header[21] << 16) | (header[22] << 8) | header[23];
  EXPECT_EQ(w, 2048u);
  EXPECT_EQ(h, 2048u);
}

TEST(BodyAsset, IsACurvedAbdominalPatchWithTheUmbilicusOffLimits) {
  auto loaded = loadAsset("body", defaultAssetSearch(""));
  ASSERT_TRUE(loaded) << loaded.error().format();
  const Asset& a = *loaded;
  const Aabb box = meshBounds(a.mesh);
  EXPECT_NEAR(box.extent().x, 200.0f, 0.5f);
  EXPECT_NEAR(box.extent().y, 150.0f, 0.5f);
  EXPECT_GT(box.extent().z, 10.0f);  // curved, not flat
  const int umb = a.zones.find("umbilicus");
  ASSERT_GE(umb, 0);
  EXPECT_TRUE(a.zones.zones[umb].noGo);
  EXPECT_FALSE(a.zones.zones[umb].treatable);
  for (const char* id : {"abdomen_upper", "abdomen_lower_left", "abdomen_lower_right"}) {
    ASSERT_GE(a.zones.find(id), 0) << id;
    EXPECT_TRUE(a.zones.zones[a.zones.find(id)].treatable) << id;
  }
  const auto summary = summarizeZones(a);
  EXPECT_GT(summary[a.zones.find("abdomen_lower_left")].centroid.x, 0.0f);
  EXPECT_GT(summary[a.zones.find("abdomen_upper")].normal.z, 0.95f);
  SkinModel model(*loaded);
  EXPECT_NEAR(model.samples().zoneAreaMm2(umb), a.zoneAreasMm2()[umb], 1.0);
}

// ---------------------------------------------------------------------------------------------

std::string fileHash(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return sha256Hex(ss.str());
}

std::map<std::string, std::string> hashes(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const char* sub : {"head", "body", "skin"})
    for (const auto& e : fs::directory_iterator(root / sub))
      if (e.is_regular_file()) out[std::string(sub) + "/" + e.path().filename().string()] = fileHash(e.path());
  return out;
}

TEST(Generators, HeadIsDeterministicAndTheCommittedAssetsAreWhatItMakes) {
#ifndef MNSIM_HEADGEN_EXE
  GTEST_SKIP() << "the generator is not part of this build";
#else
  const fs::path tmp = fs::temp_directory_path() / ("mnsim_headgen_test_" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  const fs::path a = tmp / "a", b = tmp / "b";
  fs::create_directories(a);
  fs::create_directories(b);
  // Two runs at once, one thread each: same bytes regardless of scheduling.
  int rcA = -1, rcB = -1;
  std::thread ta([&] {
    rcA = std::system((std::string("\"") + MNSIM_HEADGEN_EXE + "\" --threads 1 --out \"" + a.string() + "\" 2>/dev/null").c_str());
  });
  std::thread tb([&] {
    rcB = std::system((std::string("\"") + MNSIM_HEADGEN_EXE + "\" --threads 2 --out \"" + b.string() + "\" 2>/dev/null").c_str());
  });
  ta.join();
  tb.join();
  ASSERT_EQ(rcA, 0);
  ASSERT_EQ(rcB, 0);
  const auto ha = hashes(a), hb = hashes(b), committed = hashes(kAssetDir);
  EXPECT_EQ(ha, hb);
  for (const auto& [file, hash] : ha) {
    ASSERT_TRUE(committed.count(file)) << "assets/" << file << " is not committed";
    EXPECT_EQ(committed.at(file), hash) << "assets/" << file << " differs from a fresh generation; regenerate it";
  }
  EXPECT_GE(ha.size(), 9u);  // head/ 6 (with head_tint.png), body/ 2, skin/ 1
  fs::remove_all(tmp);
#endif
}

}  // namespace
}  // namespace mnsim
