// Private: the passes of a session's stamps, decided stroke by stroke (docs/scoring.md "Passes").
// Declared pass numbers are kept. Without them a stroke's stamps in a zone join the pass in
// progress unless the stroke turns away from that pass's direction; a turned stroke is held until
// it has run the zone's new-pass path (ScoringRules::newPassWidths), then starts a pass (or returns
// to an earlier one in its direction that is short of coverage; PassBook). A turned stroke that
// ends shorter waits with the zone's dabs: a next stroke in the direction of the pass in progress
// makes them its touch-ups, and turned strokes in a row that together run the new-pass path start
// a pass together. Whatever still waits at the end joins the pass in progress. Stamps whose pass is not decided are laid on the coverage map as pending and
// resolved once it is.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/procedure/coverage.h"
#include "mnsim/procedure/stamp.h"
#include "procedure/direction.h"
#include "procedure/pass_book.h"

namespace mnsim {

class PassDetector {
 public:
  PassDetector(std::vector<PassBook::ZoneGoal> goals, float retreadShare, CoverageMap& coverage, std::vector<Stamp>& stamps,
               std::vector<Footprint>* changed);

  const PassBook& book() const { return m_book; }

  // A stamp with a declared pass number.
  int declaredPass(int zone, int declared) { return m_book.declaredPass(zone, declared); }
  // Decides the pass of the open stroke's next stamp when it can (sets stamp.pass, true); false:
  // lay it as pending and call hold() once it is in the stamp list.
  bool assign(Stamp& stamp);
  void hold(size_t stampIndex, const Footprint& footprint);
  // The open stroke's direction is known; its stamps so far are decided or held.
  void classify(DirectionClass direction);
  // The stroke ended (classify() first if it was not classified).
  void endStroke();
  // No more strokes: whatever waits joins its zone's pass in progress.
  void finish();

  // Per zone, the coverage bits of stamps decided now and of pending ones.
  const uint32_t* zoneBits() const { return m_book.zoneBits(); }
  const uint32_t* pendingBits() const { return m_book.pendingBits(); }

 private:
  // Stamps of one zone waiting for their pass, with the path they ran there.
  struct Waiting {
    std::vector<size_t> stamps;
    std::vector<Footprint> footprints;
    double pathMm = 0.0;
    bool hasLast = false;
    size_t lastIndex = 0;
    glm::vec3 last{0.0f};
    DirectionClass turnedTo = DirectionClass::None;  // deferred: the direction of the turned strokes
    double turnedPathMm = 0.0;                       // deferred: their path in a row
    void add(size_t index, const Footprint& fp, const glm::vec3& pointMm);
    void append(const Waiting& other);
  };

  PassBook::LazyOverlap overlap(std::span<const Footprint> footprints, int zone) const;
  // The stroke's pass in a zone (PassBook::choosePass with the footprints it has there); a stroke
  // with a direction also settles the zone's deferred stamps.
  int decide(int zone, const PassBook::LazyOverlap& overlap, bool turnedFar = false);
  // A held stroke ran far enough, or ended.
  void settleHold(int zone, bool strokeEnded);
  void place(int zone, int pass, const Waiting& waiting);

  PassBook m_book;
  CoverageMap& m_coverage;
  std::vector<Stamp>& m_stamps;
  std::vector<Footprint>* m_changed;

  // The open stroke.
  bool m_classified = false;
  DirectionClass m_direction = DirectionClass::None;
  std::map<int, int> m_strokePass;   // zone -> decided pass
  Waiting m_unclassified;            // all zones, before the direction is known
  std::map<int, Waiting> m_held;     // zone -> turned stamps not yet decided
  std::map<int, Waiting> m_deferred; // zone -> dabs and short turned strokes between strokes
};

}  // namespace mnsim
