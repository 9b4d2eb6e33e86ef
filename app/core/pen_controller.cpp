#include "core/pen_controller.h"

#include "core/camera.h"
#include "mnsim/base/angles.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

namespace mnsim::app {

namespace {
constexpr float kLiftMm = 5.0f;  // where the tip goes when it leaves the skin
}

PenController::PenController(const DeviceSpec* device) : m_device(device ? device : findDevice("pen")) {}

void PenController::setDevice(const DeviceSpec* device) {
  m_device = device ? device : findDevice("pen");
  stepDepth(0);
  stepRate(0);
}

void PenController::stepDepth(int steps) {
  const float step = m_device->depthStepMm;
  float d = std::round(m_settings.depthMm / step + steps) * step;
  m_settings.depthMm = std::clamp(d, m_device->depthMinMm, m_device->depthMaxMm);
}

void PenController::stepRate(int steps) {
  if (m_device->kind != DeviceKind::Pen) return;
  m_settings.rateHz = std::clamp(m_settings.rateHz + 10.0f * steps, m_device->rateMinHz, m_device->rateMaxHz);
}

void PenController::tilt(float dxDeg, float dyDeg) {
  m_settings.tiltXDeg = std::clamp(m_settings.tiltXDeg + dxDeg, -45.0f, 45.0f);
  m_settings.tiltYDeg = std::clamp(m_settings.tiltYDeg + dyDeg, -45.0f, 45.0f);
}

void PenController::resetTilt() {
  m_settings.tiltXDeg = 0.0f;
  m_settings.tiltYDeg = 0.0f;
}

PenPick pickThrough(const OrbitCamera& camera, const SkinModel& model, glm::vec2 pixel, glm::vec2 viewport) {
  PenPick pick;
  glm::vec3 origin, dir;
  camera.ray(pixel, viewport, origin, dir);
  pick.viewDirection = dir;
  const glm::mat4 v = camera.view();
  pick.viewRight = glm::vec3(v[0][0], v[1][0], v[2][0]);
  pick.viewUp = glm::vec3(v[0][1], v[1][1], v[2][1]);
  if (auto hit = model.pick(origin, dir)) {
    pick.onSkin = glm::dot(hit->normal, dir) < 0.0f;  // the outside of the skin, facing the eye
    pick.surface = *hit;
  }
  return pick;
}

glm::vec3 PenController::axis(const PenPick& pick) const {
  // Off the skin there is no normal: the pen points back at the eye.
  if (!pick.onSkin) return -pick.viewDirection;
  const glm::vec3 n = glm::normalize(pick.surface.normal);
  // The tilt axes: the view's right laid into the skin's plane (its up where the view looks
  // along the skin's right), and the axis across it.
  glm::vec3 right = pick.viewRight - glm::dot(pick.viewRight, n) * n;
  if (glm::dot(right, right) < 1e-6f) right = glm::cross(pick.viewUp, n);
  right = glm::normalize(right);
  const glm::vec3 up = glm::cross(n, right);
  const glm::mat4 rx = glm::rotate(glm::mat4(1.0f), m_settings.tiltXDeg * kDegToRad, right);
  const glm::mat4 ry = glm::rotate(glm::mat4(1.0f), m_settings.tiltYDeg * kDegToRad, up);
  return glm::normalize(glm::vec3(ry * rx * glm::vec4(n, 0.0f)));
}

float PenController::angleDeg(const PenPick& pick) const {
  const float c = std::clamp(glm::dot(axis(pick), pick.surface.normal), -1.0f, 1.0f);
  return std::acos(c) / kDegToRad;
}

void PenController::resetClock(double startS) {
  m_timeS = startS;
  m_accumulatorS = 0.0;
  m_haveLast = false;
}

int PenController::advance(double frameS, bool buttonDown, const std::function<PenPick(float)>& pickAt,
                           const std::function<void(const PenSample&)>& emit) {
  // A long stall (a dialog, a breakpoint) must not flood the session with steps.
  frameS = std::min(frameS, 0.25);
  const double leftover = m_accumulatorS;  // time owed from the previous frame
  m_accumulatorS += frameS;
  const int steps = static_cast<int>(m_accumulatorS / kStepS);
  for (int k = 1; k <= steps; ++k) {
    m_timeS += kStepS;
    // Where in this frame the step falls, to interpolate the cursor at that moment.
    const double into = k * kStepS - leftover;
    const float f = frameS > 0.0 ? static_cast<float>(std::clamp(into / frameS, 0.0, 1.0)) : 1.0f;
    const PenPick pick = pickAt(f);
    PenSample s;
    s.timeS = m_timeS;
    s.hasAxis = true;
    s.pressure = m_settings.pressure;
    s.depthMm = m_settings.depthMm;
    s.rateHz = m_device->kind == DeviceKind::Pen ? m_settings.rateHz : NAN;
    s.stretch = m_settings.stretch;
    s.pass = m_settings.pass;
    if (pick.onSkin) {
      s.axis = axis(pick);
      s.tipMm = pick.surface.pointMm;
      s.contact = buttonDown;
      m_lastTip = s.tipMm;
      m_lastAxis = s.axis;
      m_haveLast = true;
    } else {
      // Off the skin: the pen lifts where it was.
      s.axis = m_lastAxis;
      s.tipMm = m_haveLast ? m_lastTip + m_lastAxis * kLiftMm : glm::vec3(0.0f);
      s.contact = false;
    }
    emit(s);
  }
  m_accumulatorS -= steps * kStepS;
  return steps;
}

}  // namespace mnsim::app
