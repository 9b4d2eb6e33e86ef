// Per-sample treatment state: puncture density, which passes hit each sample, deepest effective
// depth; plus running covered areas per zone and pass, kept exact in square micrometres.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/skin/skin_samples.h"

namespace mnsim {

// Bits of CoverageMap::passMask(): bit k (0-based) = hit in the zone's pass k+1.
constexpr int kMaxTrackedPasses = 31;
// A hit whose pass is not yet known (a stroke still being classified); resolved later.
constexpr uint32_t kPendingPassBit = 1u << 31;

// A footprint laid on the skin (scoring.md §1).
struct Footprint {
  glm::vec3 centerMm{0.0f};     // stamp point on the surface
  glm::vec3 normal{0, 0, 1};    // surface normal there (unit)
  bool rectangle = false;       // false: disk of radiusMm; true: a roller row
  float radiusMm = 0.0f;        // disk radius
  glm::vec3 alongDir{1, 0, 0};  // rectangle: rolling direction in the tangent plane (unit)
  float halfLengthMm = 0.0f;    // rectangle: half extent along the rolling direction
  glm::vec3 acrossDir{0, 1, 0}; // rectangle: drum axis in the tangent plane (unit)
  float halfWidthMm = 0.0f;     // rectangle: half extent along the drum axis
};

// Samples facing away by more than this from the stamp normal are not hit: keeps a footprint
// from reaching through thin structures (ears, lips) to the skin on their far side.
constexpr float kFacingCosine = 0.5f;  // 60 degrees
// Rectangle footprints accept samples within this distance of the tangent plane.
constexpr float kRectPlaneToleranceMm = 2.0f;

class CoverageMap;

// Every change made to a coverage map, in order, so that a replay can bring a copy of the map
// to any moment exactly (fixed recorded data plus a cursor; review/needling_replay.h).
class CoverageLog {
 public:
  explicit CoverageLog(size_t zoneCount = 0) : m_zoneCount(zoneCount) {}
  size_t size() const { return m_ops.size(); }
  size_t zoneCount() const { return m_zoneCount; }
  // Applies the changes [from, to) to `map` (a map without a log); each footprint laid or
  // resolved is appended to `changed` when it is not null.
  void replay(CoverageMap& map, size_t from, size_t to, std::vector<Footprint>* changed = nullptr) const;
  // Bytes held (for the benchmarks' reports).
  size_t bytes() const;

 private:
  friend class CoverageMap;
  struct Op {
    Footprint footprint;
    float densityPerCm2 = 0.0f;    // apply: what the stamp adds
    float effectiveDepthMm = 0.0f; // apply: its depth
    uint32_t bitsOffset = 0;       // into m_bits: zoneCount pass bits
    bool resolve = false;          // resolvePending rather than apply
  };
  void add(const Op& op, const uint32_t* zonePassBits);
  size_t m_zoneCount = 0;
  std::vector<Op> m_ops;
  std::vector<uint32_t> m_bits;
};

class CoverageMap {
 public:
  CoverageMap() = default;
  explicit CoverageMap(const SkinSamples* samples);
  // A copy holds the same state and does not log.
  CoverageMap(const CoverageMap& other);
  CoverageMap& operator=(const CoverageMap& other);
  CoverageMap(CoverageMap&&) = default;
  CoverageMap& operator=(CoverageMap&&) = default;

  void reset();

  // Applies one stamp. zonePassBits[z] is the pass bit given to samples of zone z (one bit,
  // or kPendingPassBit). Adds densityPerCm2 to every hit sample and raises its deepest
  // effective depth. Returns the number of samples hit.
  uint32_t apply(const Footprint& footprint, float densityPerCm2, float effectiveDepthMm,
                 const uint32_t* zonePassBits);

  // Lays the footprint of a stamp that was applied with kPendingPassBit again, now that its
  // pass is known: its samples' pending bit becomes zonePassBits[zone] (zones whose entry is
  // kPendingPassBit stay pending). Density and depth are untouched.
  void resolvePending(const Footprint& footprint, const uint32_t* zonePassBits);

  // Where the footprint would land in one zone: `area` gets the area of the zone's samples under
  // it, and perPassArea[k] (k < kMaxTrackedPasses) the part of it already hit in pass k. Adds to
  // what is there, so that a stroke's footprints can be summed.
  void overlap(const Footprint& footprint, int zone, uint64_t& area, uint64_t* perPassArea) const;

  // Every later apply and resolvePending is also appended to `log` (null: none). Copies of the
  // map do not log.
  void setLog(CoverageLog* log) { m_log = log; }

  const SkinSamples& samples() const { return *m_samples; }
  const std::vector<float>& densityPerCm2() const { return m_density; }
  const std::vector<uint32_t>& passMask() const { return m_mask; }
  const std::vector<float>& maxEffectiveDepthMm() const { return m_maxDepth; }

  // Area of zone z hit in the pass with bit index `bit` (0..30), square micrometres.
  uint64_t passAreaMicro(size_t zone, int bit) const { return m_passArea[zone * 32 + bit]; }
  // Area of zone z hit by anything.
  uint64_t anyAreaMicro(size_t zone) const { return m_anyArea[zone]; }
  double passCoverage(size_t zone, int bit) const;
  double anyCoverage(size_t zone) const;

 private:
  const SkinSamples* m_samples = nullptr;
  std::vector<float> m_density;
  std::vector<uint32_t> m_mask;
  std::vector<float> m_maxDepth;
  std::vector<uint64_t> m_passArea;  // zone * 32 + bit
  std::vector<uint64_t> m_anyArea;   // per zone
  CoverageLog* m_log = nullptr;
};

}  // namespace mnsim
