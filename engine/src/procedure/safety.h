// Private: the critical errors of needling (scoring.md §4–5): footprints touching a no-go zone or
// lesion, and the dial too deep for thin skin. Each is an episode: stamps in a row with the same
// problem (the same no-go area, or the same zone too deep), across pen lifts, are one critical
// error with its count, first and last time and place; a stamp without the problem ends it.
#pragma once

#include <map>
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

  // Checks stamp number stampIndex, whose footprint reaches reachMm from its centre; sets
  // stamp.noGo and stamp.tooDeep.
  void check(Stamp& stamp, int stampIndex, float reachMm);

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
  // A critical error for this stamp: extends the episode of the same problem (`key`) when the
  // stamp before had it too, else starts a new episode.
  void raise(const std::string& key, Fault fault, int stampIndex);

  const SkinModel& m_model;
  std::vector<NoGoTarget> m_noGo;
  std::vector<char> m_zoneThin;           // per zone
  std::vector<float> m_zoneDepthLimitMm;  // per zone: deepest allowed dial depth
  std::vector<Fault> m_critical;
  struct Episode {
    size_t fault = 0;   // index into m_critical
    int lastStamp = -2;  // the last stamp that had the problem
  };
  std::map<std::string, Episode> m_episodes;  // by problem: "no_go:<target>", "depth:<zone>"
};

}  // namespace mnsim
