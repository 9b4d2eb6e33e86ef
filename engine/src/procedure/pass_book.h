// Private: which pass of its zone each stamp belongs to (scoring.md §3). Declared passes are
// kept by their number; detected ones follow the direction of the stroke that made them.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "mnsim/procedure/result.h"

namespace mnsim {

class PassBook {
 public:
  explicit PassBook(size_t zoneCount);

  int passCount(int zone) const { return m_zones[zone].passCount; }
  // The declared pass number of a pass, 0 when it was detected.
  int declaredNumber(int zone, int pass) const { return m_zones[zone].passDeclared[pass]; }

  // The pass of a stamp with a declared pass number.
  int declaredPass(int zone, int declared);
  // The pass of a classified stroke's stamp: it joins the zone's current detected pass when the
  // direction matches (or is undecided), else opens a new one. `strokePasses` keeps the choice
  // per zone for the rest of the stroke.
  int detectedPass(int zone, DirectionClass strokeClass, std::map<int, int>& strokePasses);

  // Per zone, the pass bit that samples of that zone are credited to now (CoverageMap::apply).
  const uint32_t* zoneBits() const { return m_zoneBits.data(); }
  // Per zone, the bit of a stamp whose pass is not decided yet.
  const uint32_t* pendingBits() const { return m_pendingBits.data(); }

 private:
  struct ZoneState {
    int passCount = 0;                      // passes opened
    int currentPass = -1;                   // pass most recently stamped in
    std::map<int, int> declared;            // declared pass number -> pass index
    std::vector<int> passDeclared;          // per pass: declared number, 0 if detected
    std::vector<DirectionClass> passClass;  // per pass: class it was opened with
  };
  // Opens the next pass of a zone (the last tracked one is reused beyond kMaxTrackedPasses).
  int openPass(int zone, int declared, DirectionClass cls);
  // Marks a pass as the one the zone's samples are currently credited to.
  void usePass(int zone, int index);

  std::vector<ZoneState> m_zones;
  std::vector<uint32_t> m_zoneBits;
  std::vector<uint32_t> m_pendingBits;
};

}  // namespace mnsim
