// Private: which pass of its zone each stamp belongs to (scoring.md §3, docs/scoring.md
// "Passes"). Declared passes are kept by their number. Detected ones follow what a crossed pass
// is, a sweep over the zone in a new direction: a stroke belongs to the pass in progress unless it
// runs in another direction and lays at least retreadShare of its footprints on skin that pass
// already hit (the first strokes of the next, crossed pass). Such a stroke returns to an earlier
// pass in its direction that is still short of its coverage (filling what it missed), or opens
// the zone's next pass. Strokes without a dominant direction, short ones at the edges, strokes
// that read differently where the skin curves, and touch-ups filling gaps all stay in the pass in
// progress, because they mostly land on skin it has not hit. Two passes in a row in the same
// direction read as one (cross your passes).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "mnsim/procedure/coverage.h"
#include "mnsim/procedure/result.h"

namespace mnsim {

class PassBook {
 public:
  // Per zone: the coverage a pass should reach; `coverage` tells how far each pass has come.
  struct ZoneGoal {
    float coverageMin = 0.9f;
    float newPassPathMm = 20.0f;  // how far turned strokes run in the zone before they open a pass
  };
  PassBook(std::vector<ZoneGoal> goals, float retreadShare, const CoverageMap* coverage);

  // What a stroke's footprints in one zone lay on: the zone's area under them and, per pass, the
  // part of it that pass already hit (CoverageMap::overlap).
  struct Overlap {
    uint64_t area = 0;
    uint64_t perPass[kMaxTrackedPasses] = {};
  };
  // An Overlap measured the first time a rule needs it: measuring visits every footprint's skin
  // again, and most strokes (those that carry on in the direction of the pass in progress) are
  // decided without it.
  class LazyOverlap {
   public:
    LazyOverlap() = default;  // nothing laid on the skin yet: an empty overlap
    // The footprints must outlive it (it is used while their stroke is decided).
    LazyOverlap(const CoverageMap& coverage, std::span<const Footprint> footprints, int zone)
        : m_coverage(&coverage), m_footprints(footprints), m_zone(zone) {}
    const Overlap& get() const {
      if (m_coverage) {
        for (const Footprint& fp : m_footprints) m_coverage->overlap(fp, m_zone, m_value.area, m_value.perPass);
        m_coverage = nullptr;
      }
      return m_value;
    }

   private:
    mutable const CoverageMap* m_coverage = nullptr;  // null once measured
    std::span<const Footprint> m_footprints;
    int m_zone = -1;
    mutable Overlap m_value;
  };

  int passCount(int zone) const { return m_zones[zone].passCount; }
  // The pass a zone's samples are credited to now, -1 before the first.
  int currentPass(int zone) const { return m_zones[zone].currentPass; }
  float retreadShare() const { return m_retreadShare; }
  const ZoneGoal& goal(int zone) const { return m_goals[zone]; }
  // The declared pass number of a pass, 0 when it was detected.
  int declaredNumber(int zone, int pass) const { return m_zones[zone].passDeclared[pass]; }

  // The pass of a stamp with a declared pass number.
  int declaredPass(int zone, int declared);
  // Whether a stroke in this direction turns away from the direction of the zone's pass in progress.
  bool turnsFrom(int zone, DirectionClass strokeClass) const;
  // Whether footprints lay at least retreadShare of their area on skin the pass in progress hit.
  bool retreadsCurrent(int zone, const LazyOverlap& overlap) const;
  // The pass of a detected stroke's stamps in a zone (the rules above), from the stroke's direction
  // and what its footprints there lay on; it becomes the zone's pass in progress. A turn that has
  // run the zone's new-pass path (turnedFar) never joins the pass in progress.
  int choose(int zone, DirectionClass strokeClass, const LazyOverlap& overlap, bool turnedFar = false);
  // Marks a pass as the one the zone's samples are currently credited to.
  void usePass(int zone, int index);

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
  // Whether a stroke turns away from pass k and lays retreadShare of its footprints on its skin.
  bool retreads(int zone, int k, DirectionClass strokeClass, const LazyOverlap& overlap) const;

  std::vector<ZoneState> m_zones;
  std::vector<ZoneGoal> m_goals;
  float m_retreadShare;
  const CoverageMap* m_coverage;
  std::vector<uint32_t> m_zoneBits;
  std::vector<uint32_t> m_pendingBits;
};

}  // namespace mnsim
