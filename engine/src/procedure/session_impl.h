// Private state of ProcedureSession shared by session.cpp (stamping) and
// session_result.cpp (metrics and faults).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mnsim/geometry/bvh.h"
#include "mnsim/procedure/result.h"
#include "mnsim/procedure/session.h"

namespace mnsim {

// Direction of a path from its orientation tensor (sum of len * d d^T in the tangent frame).
DirectionClass classifyDirection(double txx, double txy, double tyy, double pathMm, double minPathMm);

struct ProcedureSession::Impl {
  struct ZoneState {
    int passCount = 0;                       // passes opened
    int currentPass = -1;                    // pass most recently stamped in
    std::map<int, int> declared;             // declared pass number -> pass index
    std::vector<int> passDeclared;           // per pass: declared number, 0 if detected
    std::vector<DirectionClass> passClass;   // per pass: class it was opened with
  };
  struct NoGoTarget {
    std::string name;          // zone id or lesion name
    int zone = -1;             // zone index, -1 for a lesion
    Bvh bvh;                   // the zone's triangles
    glm::vec3 centerMm{0.0f};  // lesion centre
    float radiusMm = 0.0f;     // lesion radius
  };

  std::vector<ZoneState> zones;
  std::vector<uint32_t> zoneBits;     // per zone: pass bit for samples of that zone
  std::vector<uint32_t> pendingBits;  // every zone: kPendingPassBit
  std::vector<NoGoTarget> noGo;
  std::vector<char> zoneThin;         // per zone: thin skin after plan overrides
  std::vector<float> zoneDepthLimitMm;  // per zone: deepest allowed dial depth
  StampGeometry geometry;
  bool roller = false;

  // Clock: strikes happen where the motor's phase crosses a whole number.
  bool started = false;
  double phase = 0.0;
  double nextStrike = 0.0;
  // Roller: distance rolled since the last row.
  bool rollerInContact = false;
  double rollerTravelMm = 0.0;

  // The open stroke (contact run).
  bool strokeOpen = false;
  uint32_t strokeId = 0;
  double strokePathMm = 0.0;
  double txx = 0.0, txy = 0.0, tyy = 0.0;
  int strokeZone = -1;  // the zone the stroke began in: its direction is read in that zone's frame
  bool strokeClassified = false;
  DirectionClass strokeClass = DirectionClass::None;
  std::vector<Footprint> pendingFootprints;  // of the stamps still waiting for their pass
  std::vector<size_t> pendingStamps;
  std::map<int, int> strokeZonePass;
  bool hasLastPoint = false;
  glm::vec3 lastPoint{0.0f};
  double lastStampTimeS = 0.0;

  // Live groupings.
  std::vector<Fault> critical;
  int lastCriticalStamp = -2;   // stamp index that last extended a critical error
  std::string lastCriticalKey;  // which target it was
  std::vector<RunEvent> events;
  bool lastStrikeOffSkin = false;

  bool finished = false;
  std::string planPath, tracePath;

  // Opens the next pass of a zone (the last tracked one is reused beyond kMaxTrackedPasses).
  int openPass(int zone, int declared, DirectionClass cls);
  // Pass of the open, classified stroke in a zone (scoring.md §3): it joins the zone's current
  // detected pass when the direction matches (or is undecided), else opens a new one.
  int detectedPass(int zone);
  // Pass of a stamp with a declared pass number.
  int declaredPass(int zone, int declared);
  // Marks a pass as the one the zone's samples are currently credited to.
  void usePass(int zone, int index);
};

}  // namespace mnsim
