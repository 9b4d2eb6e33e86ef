#include "procedure/pass_book.h"

#include "mnsim/procedure/coverage.h"

namespace mnsim {

PassBook::PassBook(std::vector<ZoneGoal> goals, float retreadShare, const CoverageMap* coverage)
    : m_zones(goals.size()),
      m_goals(std::move(goals)),
      m_retreadShare(retreadShare),
      m_coverage(coverage),
      m_zoneBits(m_zones.size(), 1u),
      m_pendingBits(m_zones.size(), kPendingPassBit) {}

int PassBook::openPass(int zone, int declared, DirectionClass cls) {
  ZoneState& zs = m_zones[zone];
  if (zs.passCount >= kMaxTrackedPasses) return kMaxTrackedPasses - 1;
  zs.passDeclared.push_back(declared);
  zs.passClass.push_back(cls);
  return zs.passCount++;
}

bool PassBook::retreads(int zone, int k, DirectionClass strokeClass, const LazyOverlap& lazy) const {
  const ZoneState& zs = m_zones[zone];
  const bool turned =
      strokeClass != DirectionClass::None && zs.passClass[k] != DirectionClass::None && strokeClass != zs.passClass[k];
  if (!turned) return false;
  const Overlap& overlap = lazy.get();
  const double share = overlap.area ? static_cast<double>(overlap.perPass[k]) / static_cast<double>(overlap.area) : 0.0;
  return share >= m_retreadShare;
}

bool PassBook::turnsFrom(int zone, DirectionClass strokeClass) const {
  const ZoneState& zs = m_zones[zone];
  if (zs.currentPass < 0) return false;
  const DirectionClass current = zs.passClass[zs.currentPass];
  return strokeClass != DirectionClass::None && current != DirectionClass::None && strokeClass != current;
}

bool PassBook::retreadsCurrent(int zone, const LazyOverlap& lazy) const {
  const int current = m_zones[zone].currentPass;
  if (current < 0) return false;
  const Overlap& overlap = lazy.get();
  return overlap.area > 0 &&
         static_cast<double>(overlap.perPass[current]) >= m_retreadShare * static_cast<double>(overlap.area);
}

int PassBook::choose(int zone, DirectionClass strokeClass, const LazyOverlap& overlap, bool turnedFar) {
  ZoneState& zs = m_zones[zone];
  int chosen = -1;
  const int current = zs.currentPass;
  if (zs.passCount == 0) {
    chosen = openPass(zone, 0, strokeClass);
  } else if (current >= 0 && !turnedFar && !retreads(zone, current, strokeClass, overlap)) {
    if (zs.passClass[current] == DirectionClass::None && zs.passDeclared[current] == 0)
      zs.passClass[current] = strokeClass;  // a pass begun with dabs takes the direction of its first stroke
    chosen = current;
  } else {
    // A return to an earlier pass in this direction that is still short of its coverage.
    // (Such a pass runs in the stroke's direction, so the stroke never retreads it.)
    for (int k = 0; k < zs.passCount; ++k) {
      if (k == current || zs.passDeclared[k] != 0) continue;
      if (strokeClass == DirectionClass::None || zs.passClass[k] != strokeClass) continue;
      if (m_coverage->passCoverage(zone, k) >= m_goals[zone].coverageMin) continue;
      if (chosen < 0 || overlap.get().perPass[k] < overlap.get().perPass[chosen]) chosen = k;
    }
    if (chosen < 0) chosen = openPass(zone, 0, strokeClass);
  }
  usePass(zone, chosen);
  return chosen;
}

int PassBook::declaredPass(int zone, int declared) {
  ZoneState& zs = m_zones[zone];
  auto it = zs.declared.find(declared);
  const int index = it != zs.declared.end() ? it->second : openPass(zone, declared, DirectionClass::None);
  zs.declared[declared] = index;
  usePass(zone, index);
  return index;
}

void PassBook::usePass(int zone, int index) {
  m_zones[zone].currentPass = index;
  m_zoneBits[zone] = 1u << index;
}

}  // namespace mnsim
