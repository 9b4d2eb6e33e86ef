#include "procedure/pass_book.h"

#include "mnsim/procedure/coverage.h"

namespace mnsim {

PassBook::PassBook(size_t zoneCount)
    : m_zones(zoneCount), m_zoneBits(zoneCount, 1u), m_pendingBits(zoneCount, kPendingPassBit) {}

int PassBook::openPass(int zone, int declared, DirectionClass cls) {
  ZoneState& zs = m_zones[zone];
  if (zs.passCount >= kMaxTrackedPasses) return kMaxTrackedPasses - 1;
  zs.passDeclared.push_back(declared);
  zs.passClass.push_back(cls);
  return zs.passCount++;
}

int PassBook::detectedPass(int zone, DirectionClass strokeClass, std::map<int, int>& strokePasses) {
  int index;
  auto it = strokePasses.find(zone);
  if (it != strokePasses.end()) {
    index = it->second;
  } else {
    ZoneState& zs = m_zones[zone];
    const bool canJoin = zs.currentPass >= 0 && zs.passDeclared[zs.currentPass] == 0;
    if (canJoin && (strokeClass == DirectionClass::None || zs.passClass[zs.currentPass] == strokeClass)) {
      index = zs.currentPass;
    } else if (canJoin && zs.passClass[zs.currentPass] == DirectionClass::None) {
      index = zs.currentPass;  // a first dab takes the direction of the stroke that follows
      zs.passClass[index] = strokeClass;
    } else {
      index = openPass(zone, 0, strokeClass);
    }
    strokePasses[zone] = index;
  }
  usePass(zone, index);
  return index;
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
