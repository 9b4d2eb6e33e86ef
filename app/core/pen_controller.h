// The trainee's pen in the app: dial, rate, tilt, stretch and declared pass, turned into engine
// pen samples on a fixed-step simulation clock (product.md §3: stamps come from the device rate
// on that clock, never one per frame). No GL, no window: the caller supplies picked points.
#pragma once

#include <functional>
#include <optional>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <mnsim/procedure/device.h>
#include <mnsim/skin/skin_model.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/procedure/pen_sample.h>

namespace mnsim::app {

struct PenSettings {
  float depthMm = 0.5f;      // dial, 0.25 mm steps
  float rateHz = 100.0f;     // pen only
  float tiltXDeg = 0.0f;     // tilt about the view's horizontal axis (Up/Down keys)
  float tiltYDeg = 0.0f;     // tilt about the view's vertical axis (Left/Right keys)
  bool stretch = false;      // Shift held
  int pass = 1;              // declared pass (N starts the next)
  float pressure = 0.5f;
};

// What one simulation step needs from the window: where the pen would touch the skin.
struct PenPick {
  bool onSkin = false;            // the ray through the cursor hit the skin
  SurfacePoint surface;           // where
  glm::vec3 viewDirection{0, 0, -1};  // from the eye through the cursor (unit)
  glm::vec3 viewRight{1, 0, 0};   // the camera's right axis, for tilting
  glm::vec3 viewUp{0, 1, 0};      // the camera's up axis
};

class OrbitCamera;

// The pick through a pixel of the view: the ray from the eye, the skin it meets first (only its
// outside counts), and the view's axes for tilting.
PenPick pickThrough(const OrbitCamera& camera, const SkinModel& model, glm::vec2 pixel, glm::vec2 viewport);

class PenController {
 public:
  static constexpr double kStepS = 1.0 / 120.0;  // simulation clock step

  explicit PenController(const DeviceSpec* device = nullptr);
  void setDevice(const DeviceSpec* device);

  PenSettings& settings() { return m_settings; }
  const PenSettings& settings() const { return m_settings; }
  void stepDepth(int steps);   // +-0.25 mm per step, kept on the dial
  void stepRate(int steps);    // +-10 Hz per step, kept in the device's range
  void tilt(float dxDeg, float dyDeg);
  void resetTilt();
  void nextPass() { ++m_settings.pass; }

  // The pen axis (tip toward the hand) for a pick. A mouse cannot tilt a pen: the pen stands on
  // the skin under the tip (the smoothed normal, interpolated from the mesh's vertex normals),
  // and only the tilt keys lean it, about the view's horizontal and vertical axes laid in the
  // skin's plane, so the angle rules judge the trainee's deliberate tilt, not the camera.
  glm::vec3 axis(const PenPick& pick) const;
  // Angle between that axis and the skin normal, degrees.
  float angleDeg(const PenPick& pick) const;

  // Advances the clock by a frame of real time. For every fixed step due, calls pickAt(f) with
  // f in [0, 1] (when in the frame the step falls, to interpolate the cursor) and emits one
  // sample through emit(). Returns the number of steps taken.
  int advance(double frameS, bool buttonDown, const std::function<PenPick(float)>& pickAt,
              const std::function<void(const PenSample&)>& emit);

  double timeS() const { return m_timeS; }
  // The clock from startS (0: a new needling; a resumed one goes on from its last sample).
  void resetClock(double startS = 0.0);

 private:
  const DeviceSpec* m_device;
  PenSettings m_settings;
  double m_timeS = 0.0;
  double m_accumulatorS = 0.0;
  bool m_haveLast = false;
  glm::vec3 m_lastTip{0.0f};
  glm::vec3 m_lastAxis{0, 0, 1};
};

}  // namespace mnsim::app
