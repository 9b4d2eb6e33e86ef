// The built-in head's face against a published average adult face: MediaPipe's canonical face
// model (tools/face/reference/README.md says where it comes from and under which licence). The
// reference is placed on a head by a similarity fit (scale, rotation, position) of the landmarks
// both name, then each of its 468 vertices' distance to the head's surface is measured. Used by
// the shape test (tests/engine/head_test.cpp), by mnsim_face_deviation and by the head generator.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>

namespace mnsim {
struct Asset;
}

namespace mnsim::face {

// The reference's path in the source tree (for tools and tests run from the build).
std::string referencePath(const std::string& sourceDir);

// The reference's 468 vertices in millimetres (the file is in centimetres), in the head's axes
// (+Y up, +Z toward the viewer, +X the subject's left). Empty with `error` set when the file is
// missing or is not the 468-vertex model.
std::vector<glm::dvec3> readReference(const std::string& path, std::string& error);

// The head's landmark names and the reference's vertex (0-based) for each.
struct LandmarkPair {
  const char* name;
  int vertex;
};
const std::vector<LandmarkPair>& landmarkPairs();

struct Similarity {
  double scale = 1.0;
  glm::dmat3 rotation{1.0};
  glm::dvec3 translation{0.0};
  glm::dvec3 apply(const glm::dvec3& p) const { return scale * (rotation * p) + translation; }
};

// The similarity that best takes `from` onto `to` (least squares; Horn 1987, quaternions).
Similarity fitSimilarity(const std::vector<glm::dvec3>& from, const std::vector<glm::dvec3>& to);

// The reference placed on a head whose landmarks `landmarkAt` gives (none for a name it lacks);
// none when fewer than four pairs are found. `residualMm` gets each pair's distance after the fit.
std::optional<Similarity> placeReference(const std::vector<glm::dvec3>& reference,
                                         const std::function<std::optional<glm::dvec3>(const std::string&)>& landmarkAt,
                                         std::vector<std::pair<std::string, double>>* residualMm = nullptr);

struct DeviationStats {
  double rmsMm = 0, p90Mm = 0, worstMm = 0;
  size_t count = 0;
};
DeviationStats deviationStats(std::vector<double> distancesMm);

// The regions the deviation is reported by, in the head's frame: the sides (|x| > 45 mm), the
// forehead (y > 30 mm), below the mouth (y < -55 mm) and the middle.
enum class FaceRegion { Sides, Forehead, Middle, BelowMouth };
FaceRegion regionOf(const glm::dvec3& pointMm);
const char* regionName(FaceRegion region);

// The whole measure on an asset with the landmarks of landmarkPairs(): the fit, each pair's
// residual, and every reference vertex's distance to the asset's surface.
struct FaceDeviation {
  Similarity placed;
  std::vector<std::pair<std::string, double>> residualMm;
  std::vector<double> distanceMm;  // per reference vertex
  DeviationStats all;
  std::array<DeviationStats, 4> byRegion;  // indexed by FaceRegion
};
std::optional<FaceDeviation> measureAsset(const std::vector<glm::dvec3>& reference, const Asset& asset, std::string& error);

// The profile's soft-tissue measures on the head's midline section (where its triangles cross
// x = 0), with the published norms (mean +/- 2 SD) beside each:
// - nasolabial angle (columella tangent to upper-lip tangent at subnasale): 102 +/- 8 degrees,
//   Legan & Burstone, "Soft tissue cephalometric analysis for orthognathic surgery", J Oral Surg
//   38:744 (1980);
// - facial convexity, 180 - angle glabella-subnasale-soft-tissue pogonion: 12 +/- 4 degrees (same);
// - the lips against the esthetic line (pronasale to soft-tissue pogonion): upper lip 4 +/- 2 mm
//   and lower lip 2 +/- 2 mm behind it, Ricketts, Angle Orthod 27:14 (1957);
// - lower face: subnasale-stomion over stomion-soft-tissue menton, 1:2 (Legan & Burstone), held
//   to 0.4-0.6;
// - gonial angle (tragion-gonion-gnathion seen from the side, tragion for articulare):
//   130 +/- 7 degrees (Jarabak's Ar-Go-Me).
struct ProfileMeasure {
  const char* name;
  double value, low, high;
  const char* unit;
  bool within() const { return value >= low && value <= high; }
};
// Empty with `error` set when the asset lacks a landmark the measures need.
std::vector<ProfileMeasure> profileMeasures(const Asset& asset, std::string& error);

}  // namespace mnsim::face
