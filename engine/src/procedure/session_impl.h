// Private state of ProcedureSession, shared by session.cpp (the pen clock and stamping) and
// session_result.cpp (the result): the passes, the open stroke, the safety monitor, the events.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mnsim/procedure/coverage.h"
#include "mnsim/procedure/device.h"
#include "mnsim/procedure/result.h"
#include "mnsim/procedure/session.h"
#include "procedure/direction.h"
#include "procedure/pass_detector.h"
#include "procedure/safety.h"

namespace mnsim {

// The open stroke: one run of contact. Its direction is read in the frame of the zone it began
// in, once its path is long enough; until then its stamps wait for their pass.
struct Stroke {
  bool open = false;
  uint32_t id = 0;
  double pathMm = 0.0;
  DirectionTensor tensor;
  int zone = -1;
  bool classified = false;
  DirectionClass direction = DirectionClass::None;
  bool hasLastPoint = false;
  glm::vec3 lastPoint{0.0f};
  double lastStampTimeS = 0.0;
};

struct ProcedureSession::Impl {
  Impl(const SkinModel& model, const TreatmentPlan& plan, CoverageMap& coverage, std::vector<Stamp>& stamps,
       std::vector<Footprint>* changed)
      : passes(passGoals(model, plan), plan.rules.passRetreadShare, coverage, stamps, changed),
        safety(model, plan) {}

  // Per zone: the coverage a pass should reach (the plan's, or its defaults').
  static std::vector<PassBook::ZoneGoal> passGoals(const SkinModel& model, const TreatmentPlan& plan);

  PassDetector passes;
  SafetyMonitor safety;
  Stroke stroke;
  StampGeometry geometry;
  bool roller = false;

  // Pen clock: strikes happen where the motor's phase crosses a whole number.
  bool started = false;
  double phase = 0.0;
  double nextStrike = 0.0;
  // Roller: distance rolled since the last row.
  bool rollerInContact = false;
  double rollerTravelMm = 0.0;

  std::vector<RunEvent> events;
  bool lastStrikeOffSkin = false;
  bool finished = false;
  std::string planPath, tracePath;
};

}  // namespace mnsim
