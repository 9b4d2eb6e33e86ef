#include "procedure/pass_detector.h"

#include <glm/geometric.hpp>

namespace mnsim {

void PassDetector::Waiting::add(size_t index, const Footprint& fp, const glm::vec3& pointMm) {
  // Path counts between consecutive stamps only (a stroke may leave the zone and come back).
  if (hasLast && index == lastIndex + 1) pathMm += glm::length(pointMm - last);
  hasLast = true;
  lastIndex = index;
  last = pointMm;
  stamps.push_back(index);
  footprints.push_back(fp);
}

void PassDetector::Waiting::append(const Waiting& other) {
  stamps.insert(stamps.end(), other.stamps.begin(), other.stamps.end());
  footprints.insert(footprints.end(), other.footprints.begin(), other.footprints.end());
}

PassDetector::PassDetector(std::vector<PassBook::ZoneGoal> goals, float retreadShare, CoverageMap& coverage,
                           std::vector<Stamp>& stamps, std::vector<Footprint>* changed)
    : m_book(std::move(goals), retreadShare, &coverage),
      m_coverage(coverage),
      m_stamps(stamps),
      m_changed(changed) {}

PassBook::LazyOverlap PassDetector::overlap(std::span<const Footprint> footprints, int zone) const {
  return PassBook::LazyOverlap(m_coverage, footprints, zone);
}

bool PassDetector::assign(Stamp& stamp) {
  if (!m_classified) return false;
  const int zone = stamp.zone;
  if (const auto it = m_strokePass.find(zone); it != m_strokePass.end()) {
    m_book.usePass(zone, it->second);
    stamp.pass = it->second;
    return true;
  }
  if (m_held.count(zone) || m_book.turnsFrom(zone, m_direction)) return false;
  stamp.pass = decide(zone, PassBook::LazyOverlap());
  return true;
}

void PassDetector::hold(size_t stampIndex, const Footprint& footprint) {
  const Stamp& st = m_stamps[stampIndex];
  if (!m_classified) {
    m_unclassified.add(stampIndex, footprint, st.pointMm);
    return;
  }
  Waiting& w = m_held[st.zone];
  w.add(stampIndex, footprint, st.pointMm);
  if (w.pathMm >= m_book.goal(st.zone).newPassPathMm) settleHold(st.zone, false);
}

void PassDetector::classify(DirectionClass direction) {
  m_classified = true;
  m_direction = direction;
  // The stroke's stamps so far, zone by zone in the order they were laid.
  std::map<int, Waiting> byZone;
  std::vector<int> order;
  for (size_t k = 0; k < m_unclassified.stamps.size(); ++k) {
    const size_t index = m_unclassified.stamps[k];
    const int zone = m_stamps[index].zone;
    if (!byZone.count(zone)) order.push_back(zone);
    byZone[zone].add(index, m_unclassified.footprints[k], m_stamps[index].pointMm);
  }
  m_unclassified = Waiting();
  for (int zone : order) {
    Waiting& w = byZone[zone];
    const PassBook::LazyOverlap o = overlap(w.footprints, zone);
    if (direction == DirectionClass::None && m_book.retreadsCurrent(zone, o)) {
      m_deferred[zone].append(w);  // a dab on skin the pass in progress hit waits for the next stroke
    } else if (m_book.turnsFrom(zone, direction)) {
      m_held[zone] = std::move(w);
      if (m_held[zone].pathMm >= m_book.goal(zone).newPassPathMm) settleHold(zone, false);
    } else {
      place(zone, decide(zone, o), w);
    }
  }
}

void PassDetector::endStroke() {
  while (!m_held.empty()) settleHold(m_held.begin()->first, true);
  m_classified = false;
  m_direction = DirectionClass::None;
  m_strokePass.clear();
}

void PassDetector::finish() {
  endStroke();
  for (const auto& [zone, waiting] : m_deferred) place(zone, m_book.currentPass(zone), waiting);
  m_deferred.clear();
}

int PassDetector::decide(int zone, const PassBook::LazyOverlap& o, bool turnedFar) {
  const int pass = m_book.choose(zone, m_direction, o, turnedFar);
  m_strokePass[zone] = pass;
  if (m_direction != DirectionClass::None) {
    if (const auto it = m_deferred.find(zone); it != m_deferred.end()) {
      const Waiting waiting = std::move(it->second);
      m_deferred.erase(it);
      place(zone, pass, waiting);
    }
  }
  return pass;
}

void PassDetector::settleHold(int zone, bool strokeEnded) {
  Waiting held = std::move(m_held[zone]);
  m_held.erase(zone);
  if (!strokeEnded) {  // it ran the new-pass path
    place(zone, decide(zone, overlap(held.footprints, zone), true), held);
    return;
  }
  // A short turned stroke: a touch-up of the pass in progress, unless more in its direction follow.
  Waiting& d = m_deferred[zone];
  if (d.turnedTo != m_direction) d.turnedPathMm = 0.0;
  d.turnedTo = m_direction;
  d.turnedPathMm += held.pathMm;
  d.append(held);
  if (d.turnedPathMm < m_book.goal(zone).newPassPathMm) return;
  const Waiting waiting = std::move(d);
  m_deferred.erase(zone);
  const int pass = m_book.choose(zone, m_direction, overlap(waiting.footprints, zone), true);
  place(zone, pass, waiting);
}

void PassDetector::place(int zone, int pass, const Waiting& waiting) {
  if (waiting.stamps.empty()) return;
  std::vector<uint32_t> bits(m_book.zoneBits(), m_book.zoneBits() + m_coverage.samples().zoneCount());
  for (const auto& [z, p] : m_strokePass) bits[z] = 1u << p;
  if (pass >= 0) bits[zone] = 1u << pass;
  for (size_t index : waiting.stamps) m_stamps[index].pass = pass;
  for (const Footprint& fp : waiting.footprints) {
    m_coverage.resolvePending(fp, bits.data());
    if (m_changed) m_changed->push_back(fp);
  }
}

}  // namespace mnsim
