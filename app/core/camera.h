// An orbit camera around the skin: yaw and pitch about a target, a distance, a vertical field of
// view. Pure math: no GL, no window.
#pragma once

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace mnsim::app {

struct CameraLimits {
  float minDistanceMm = 80.0f;   // closest the eye may come to the target
  float maxDistanceMm = 900.0f;  // farthest
  float maxPanMm = 120.0f;       // how far the target may move from its home
  float maxPitchDeg = 80.0f;     // looking from above or below, not over the pole
};

class OrbitCamera {
 public:
  // Frames a box: target at its centre, distance so it fills the view, looking at the face (+Z).
  // Forgets any session view.
  void frame(const glm::vec3& center, float radiusMm);
  // Back to the session view where one is set (a needling session's planned zones), else to the
  // whole box from the front.
  void reset();
  // The whole box from the front, whatever the session view.
  void resetToWhole();
  // The view reset() returns to while a needling session is open: looking back along `normal` at
  // `target` from `distanceMm`. Goes there at once.
  void setSessionView(const glm::vec3& target, const glm::vec3& normal, float distanceMm);
  void clearSessionView() { m_hasSessionView = false; }

  void orbit(float dYawDeg, float dPitchDeg);
  void zoom(float factor);                         // < 1 moves closer
  void pan(const glm::vec2& deltaPixels, const glm::vec2& viewportPixels);
  // Turns smoothly to look at a point along its normal (debrief: a fault's spot).
  void focusOn(const glm::vec3& pointMm, const glm::vec3& normal, float distanceMm);
  void setAngles(float yawDeg, float pitchDeg);
  // Advances any focus animation; returns true while it moves.
  bool update(float dtS);

  glm::vec3 eye() const;
  glm::vec3 target() const { return m_target; }
  glm::mat4 view() const;
  glm::mat4 projection(float aspect) const;
  // World-space ray through a pixel (origin at the eye, unit direction).
  void ray(const glm::vec2& pixel, const glm::vec2& viewportPixels, glm::vec3& origin, glm::vec3& direction) const;

  float yawDeg() const { return m_yawDeg; }
  float pitchDeg() const { return m_pitchDeg; }
  float distanceMm() const { return m_distanceMm; }
  float fovDeg() const { return m_fovDeg; }
  CameraLimits& limits() { return m_limits; }

 private:
  void clamp();
  // Yaw and pitch that put the eye on `normal`'s side of a target.
  static void anglesFacing(const glm::vec3& normal, float& yawDeg, float& pitchDeg);

  glm::vec3 m_home{0.0f};
  float m_homeDistanceMm = 400.0f;
  glm::vec3 m_target{0.0f};
  float m_yawDeg = 0.0f;    // 0: looking at the face from the front (eye on +Z)
  float m_pitchDeg = 0.0f;  // positive: eye above
  float m_distanceMm = 400.0f;
  float m_fovDeg = 30.0f;
  CameraLimits m_limits;
  bool m_hasSessionView = false;
  glm::vec3 m_sessionTarget{0.0f};
  float m_sessionYawDeg = 0, m_sessionPitchDeg = 0, m_sessionDistanceMm = 0;
  // Focus animation.
  bool m_animating = false;
  float m_animT = 0.0f;
  glm::vec3 m_fromTarget{0.0f}, m_toTarget{0.0f};
  float m_fromYaw = 0, m_toYaw = 0, m_fromPitch = 0, m_toPitch = 0, m_fromDist = 0, m_toDist = 0;
};

}  // namespace mnsim::app
