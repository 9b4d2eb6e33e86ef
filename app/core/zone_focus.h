// Looking at one zone (the F key while needling): the camera turns to look along the zone's mean
// normal at its centre, from a distance at which the zone fills most of the view's height.
// Pure math on the scoring mesh: no GL, no window.
#pragma once

#include <optional>
#include <vector>

#include <glm/vec3.hpp>

#include <mnsim/geometry/mesh.h>
#include <mnsim/skin/zone_map.h>

namespace mnsim::app {

struct CameraAim {
  glm::vec3 targetMm{0.0f};  // the zone's centre (area-weighted), what the view turns about
  glm::vec3 normal{0, 0, 1};  // the zone's mean normal (unit): the eye looks back along it
  float distanceMm = 0.0f;    // eye to target, so that the zone spans `fill` of the view's height
};

// None for a zone with no area, or one whose normals cancel out (a ring round the head).
std::optional<CameraAim> aimAtZone(const TriMesh& mesh, const ZoneMap& zones, int zone, float fovDeg, float fill = 0.8f);

// How much of the view a set of zones should fill: shares of its height and of its width (the
// width share leaves room for the panels at the sides), and the view's width over its height.
struct ViewFill {
  float heightShare = 0.8f;
  float widthShare = 0.5f;
  float aspect = 16.0f / 9.0f;
};

// A set of zones (a session's planned zones) looked at together: along their joint mean normal
// (+Z where it cancels out, as for both cheeks and a chin), centred on their extent across the
// view, from where that extent fills `fill`. None when the zones have no area.
std::optional<CameraAim> aimAtZones(const TriMesh& mesh, const ZoneMap& zones, const std::vector<int>& zoneSet,
                                    float fovDeg, const ViewFill& fill);

}  // namespace mnsim::app
