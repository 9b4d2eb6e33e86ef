#include "core/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "mnsim/base/angles.h"

namespace mnsim::app {

void OrbitCamera::frame(const glm::vec3& center, float radiusMm) {
  m_home = center;
  m_homeDistanceMm = radiusMm / std::tan(0.5f * m_fovDeg * kDegToRad) * 1.1f;
  m_limits.minDistanceMm = std::max(30.0f, radiusMm * 0.35f);
  m_limits.maxDistanceMm = m_homeDistanceMm * 2.5f;
  m_limits.maxPanMm = radiusMm * 1.2f;
  m_hasSessionView = false;
  reset();
}

void OrbitCamera::reset() {
  if (!m_hasSessionView) {
    resetToWhole();
    return;
  }
  m_target = m_sessionTarget;
  m_yawDeg = m_sessionYawDeg;
  m_pitchDeg = m_sessionPitchDeg;
  m_distanceMm = m_sessionDistanceMm;
  m_animating = false;
  clamp();
}

void OrbitCamera::setSessionView(const glm::vec3& target, const glm::vec3& normal, float distanceMm) {
  m_hasSessionView = true;
  m_sessionTarget = target;
  anglesFacing(normal, m_sessionYawDeg, m_sessionPitchDeg);
  m_sessionDistanceMm = distanceMm;
  reset();
}

void OrbitCamera::anglesFacing(const glm::vec3& normal, float& yawDeg, float& pitchDeg) {
  const glm::vec3 n = glm::length(normal) > 0.0f ? glm::normalize(normal) : glm::vec3(0, 0, 1);
  yawDeg = std::atan2(n.x, n.z) / kDegToRad;
  pitchDeg = std::asin(std::clamp(n.y, -1.0f, 1.0f)) / kDegToRad;
}

void OrbitCamera::resetToWhole() {
  m_target = m_home;
  m_yawDeg = 0.0f;
  m_pitchDeg = 0.0f;
  m_distanceMm = m_homeDistanceMm;
  m_animating = false;
  clamp();
}

void OrbitCamera::setAngles(float yawDeg, float pitchDeg) {
  m_yawDeg = yawDeg;
  m_pitchDeg = pitchDeg;
  m_animating = false;
  clamp();
}

void OrbitCamera::orbit(float dYawDeg, float dPitchDeg) {
  m_yawDeg += dYawDeg;
  m_pitchDeg += dPitchDeg;
  m_animating = false;
  clamp();
}

void OrbitCamera::zoom(float factor) {
  m_distanceMm *= factor;
  m_animating = false;
  clamp();
}

void OrbitCamera::pan(const glm::vec2& deltaPixels, const glm::vec2& viewportPixels) {
  // One pixel at the target's depth covers this many millimetres.
  const float mmPerPixel = 2.0f * m_distanceMm * std::tan(0.5f * m_fovDeg * kDegToRad) / std::max(1.0f, viewportPixels.y);
  const glm::mat4 v = view();
  const glm::vec3 right(v[0][0], v[1][0], v[2][0]);
  const glm::vec3 up(v[0][1], v[1][1], v[2][1]);
  m_target += (-deltaPixels.x * right + deltaPixels.y * up) * mmPerPixel;
  m_animating = false;
  clamp();
}

void OrbitCamera::focusOn(const glm::vec3& pointMm, const glm::vec3& normal, float distanceMm) {
  m_fromTarget = m_target;
  m_fromYaw = m_yawDeg;
  m_fromPitch = m_pitchDeg;
  m_fromDist = m_distanceMm;
  m_toTarget = pointMm;
  anglesFacing(normal, m_toYaw, m_toPitch);
  // Take the short way round.
  while (m_toYaw - m_fromYaw > 180.0f) m_toYaw -= 360.0f;
  while (m_toYaw - m_fromYaw < -180.0f) m_toYaw += 360.0f;
  m_toDist = distanceMm;
  m_animT = 0.0f;
  m_animating = true;
}

bool OrbitCamera::update(float dtS) {
  if (!m_animating) return false;
  m_animT = std::min(1.0f, m_animT + dtS / 0.6f);
  const float s = m_animT * m_animT * (3.0f - 2.0f * m_animT);  // smoothstep
  m_target = m_fromTarget + (m_toTarget - m_fromTarget) * s;
  m_yawDeg = m_fromYaw + (m_toYaw - m_fromYaw) * s;
  m_pitchDeg = m_fromPitch + (m_toPitch - m_fromPitch) * s;
  m_distanceMm = m_fromDist + (m_toDist - m_fromDist) * s;
  if (m_animT >= 1.0f) m_animating = false;
  // Focus targets may lie off the home area (a fault on the ear): allow them while animating.
  m_pitchDeg = std::clamp(m_pitchDeg, -m_limits.maxPitchDeg, m_limits.maxPitchDeg);
  return true;
}

void OrbitCamera::clamp() {
  m_pitchDeg = std::clamp(m_pitchDeg, -m_limits.maxPitchDeg, m_limits.maxPitchDeg);
  m_yawDeg = std::fmod(m_yawDeg, 360.0f);
  m_distanceMm = std::clamp(m_distanceMm, m_limits.minDistanceMm, m_limits.maxDistanceMm);
  const glm::vec3 offset = m_target - m_home;
  const float length = glm::length(offset);
  if (length > m_limits.maxPanMm) m_target = m_home + offset * (m_limits.maxPanMm / length);
}

glm::vec3 OrbitCamera::eye() const {
  const float yaw = m_yawDeg * kDegToRad, pitch = m_pitchDeg * kDegToRad;
  const glm::vec3 dir(std::cos(pitch) * std::sin(yaw), std::sin(pitch), std::cos(pitch) * std::cos(yaw));
  return m_target + dir * m_distanceMm;
}

glm::mat4 OrbitCamera::view() const { return glm::lookAt(eye(), m_target, glm::vec3(0.0f, 1.0f, 0.0f)); }

glm::mat4 OrbitCamera::projection(float aspect) const {
  // Near and far planes follow the distance so depth precision stays good when zoomed in.
  const float nearMm = std::max(5.0f, m_distanceMm * 0.1f);
  const float farMm = m_distanceMm * 4.0f + 500.0f;
  return glm::perspective(m_fovDeg * kDegToRad, aspect, nearMm, farMm);
}

void OrbitCamera::ray(const glm::vec2& pixel, const glm::vec2& viewportPixels, glm::vec3& origin,
                      glm::vec3& direction) const {
  const float aspect = viewportPixels.x / std::max(1.0f, viewportPixels.y);
  const glm::mat4 inverse = glm::inverse(projection(aspect) * view());
  const float x = 2.0f * pixel.x / viewportPixels.x - 1.0f;
  const float y = 1.0f - 2.0f * pixel.y / viewportPixels.y;
  glm::vec4 nearPoint = inverse * glm::vec4(x, y, -1.0f, 1.0f);
  glm::vec4 farPoint = inverse * glm::vec4(x, y, 1.0f, 1.0f);
  nearPoint /= nearPoint.w;
  farPoint /= farPoint.w;
  origin = eye();
  direction = glm::normalize(glm::vec3(farPoint) - glm::vec3(nearPoint));
}

}  // namespace mnsim::app
