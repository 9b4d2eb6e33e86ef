// Everything scoring needs to know about one asset's surface: the asset, a BVH for projecting
// the pen onto the skin, and the skin samples coverage is measured on. Built once per asset,
// shared read-only by sessions, the app and the CLI.
#pragma once

#include <optional>
#include <vector>

#include "mnsim/skin/asset.h"
#include "mnsim/geometry/bvh.h"
#include "mnsim/skin/skin_samples.h"

namespace mnsim {

// A point on the skin with its frame.
struct SurfacePoint {
  glm::vec3 pointMm{0.0f};  // on the surface
  glm::vec3 normal{0, 0, 1};  // smooth (interpolated) unit normal
  uint32_t triangle = 0;    // mesh triangle
  uint16_t zone = 0;        // zone index
  float distanceMm = 0.0f;  // from the query point to the surface point
};

class SkinModel {
 public:
  SkinModel() = default;
  SkinModel(Asset asset, const SkinSampleDesc& sampleDesc = {});
  SkinModel(SkinModel&&) = default;
  SkinModel& operator=(SkinModel&&) = default;

  const Asset& asset() const { return m_asset; }
  const TriMesh& mesh() const { return m_asset.mesh; }
  const ZoneMap& zones() const { return m_asset.zones; }
  const Bvh& bvh() const { return m_bvh; }
  const SkinSamples& samples() const { return m_samples; }

  // Smooth normal at a point of a triangle.
  glm::vec3 normalAt(uint32_t triangle, const glm::vec3& point) const;

  // Projects a pen tip onto the skin (product.md §4.4): along the pen axis when it is known,
  // else to the nearest surface point. Fails when the skin is more than maxDistanceMm away.
  std::optional<SurfacePoint> project(const glm::vec3& tipMm, const glm::vec3* axis,
                                      float maxDistanceMm) const;
  // The first skin surface hit by a ray (for picking with the mouse).
  std::optional<SurfacePoint> pick(const glm::vec3& origin, const glm::vec3& direction) const;
  // Nearest surface point within maxDistanceMm.
  std::optional<SurfacePoint> nearest(const glm::vec3& p, float maxDistanceMm) const;

  // Tangent frame at a point: u follows the patient's horizontal (+X), v = normal x u. It turns
  // a quarter turn where the skin faces sideways (see zoneFrame for reading directions).
  static void tangentFrame(const glm::vec3& normal, glm::vec3& u, glm::vec3& v);

  struct Frame {
    glm::vec3 normal{0.0f, 0.0f, 1.0f}, u{1.0f, 0.0f, 0.0f}, v{0.0f, 1.0f, 0.0f};
  };
  // The frame a stroke's direction is read in where the skin has this normal (docs/scoring.md,
  // "Passes"): u is the patient's horizontal along the skin (a circle of latitude around the
  // head: left-right on the face, front-back on the sides), v = normal x u runs up the skin. It
  // turns with the skin, so a horizontal stroke stays horizontal all the way round a curved zone
  // (the forehead into the temples, the jawline, the nose). Only on the crown, where every
  // direction is horizontal, does u fall back to left-right.
  static Frame readingFrame(const glm::vec3& normal);
  // A zone's mean-normal frame (readingFrame of its mean normal), for laying out rasters.
  const Frame& zoneFrame(int zone) const;

 private:
  SurfacePoint makePoint(uint32_t triangle, const glm::vec3& point, float distance) const;

  Asset m_asset;
  Bvh m_bvh;
  SkinSamples m_samples;
  std::vector<Frame> m_zoneFrames;  // per zone
};

}  // namespace mnsim
