// Private: the critical errors of needling (scoring.md §4–5): footprints touching a no-go zone or
// lesion, and the dial too deep for thin skin. Stamps in a row with the same problem are one
// critical error, extended as they come.
#pragma once

#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/geometry/bvh.h"
#include "mnsim/procedure/plan.h"
#include "mnsim/procedure/result.h"
#include "mnsim/procedure/stamp.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

class SafetyMonitor {
 public:
  SafetyMonitor(const SkinModel& model, const TreatmentPlan& plan);

  // Checks a stamp whose footprint reaches reachMm from its centre; sets stamp.noGo and
  // stamp.tooDeep. `continuesStroke`: the previous stamp (index stampIndex - 1) was in the same stroke.
  void check(Stamp& stamp, int stampIndex, bool continuesStroke, float reachMm);

  const std::vector<Fault>& criticalErrors() const { return m_critical; }
  // Thin skin after the plan's overrides.
  bool thinSkin(int zone) const { return m_zoneThin[zone] != 0; }

 private:
  struct NoGoTarget {
    std::string name;          // zone id or lesion name
    int zone = -1;             // zone index, -1 for a lesion
    Bvh bvh;                   // the zone's triangles
    glm::vec3 centerMm{0.0f};  // lesion centre
    float radiusMm = 0.0f;     // lesion radius
  };
  // A critical error for this stamp: extends the last one when it is the same problem (`key`)
  // on the stamp before, in the same stroke, else starts a new one.
  void raise(const std::string& key, Fault fault, int stampIndex, bool continuesStroke);

  const SkinModel& m_model;
  std::vector<NoGoTarget> m_noGo;
  std::vector<char> m_zoneThin;           // per zone
  std::vector<float> m_zoneDepthLimitMm;  // per zone: deepest allowed dial depth
  std::vector<Fault> m_critical;
  int m_lastStamp = -2;   // stamp index that last extended a critical error
  std::string m_lastKey;  // which problem it was
};

}  // namespace mnsim
