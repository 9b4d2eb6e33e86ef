#include "mnsim/procedure/coverage.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include <glm/geometric.hpp>

namespace mnsim {

namespace {

struct RunTotals {
  uint64_t newPassArea = 0;  // area whose pass bit was newly set
  uint64_t newAnyArea = 0;   // area hit for the first time at all
  uint32_t hits = 0;
};

struct DiskQuery {
  float cx, cy, cz, nx, ny, nz, r2;
};

// The hot loop of stamping: one run of samples of one zone against a disk footprint.
// Branch-free so that it vectorises; cloned for AVX2 where the processor has it.
__attribute__((target_clones("avx2", "default"))) void stampDiskRun(
    const float* __restrict xs, const float* __restrict ys, const float* __restrict zs,
    const float* __restrict nxs, const float* __restrict nys, const float* __restrict nzs,
    const uint32_t* __restrict area, float* __restrict density, uint32_t* __restrict mask,
    float* __restrict maxDepth, uint32_t begin, uint32_t end, DiskQuery q, float add, float depth,
    uint32_t bit, RunTotals& totals) {
  uint32_t newPass = 0, newAny = 0, hits = 0;  // per run: at most a few thousand samples
  for (uint32_t i = begin; i < end; ++i) {
    const float dx = xs[i] - q.cx, dy = ys[i] - q.cy, dz = zs[i] - q.cz;
    const float d2 = dx * dx + dy * dy + dz * dz;
    const float facing = nxs[i] * q.nx + nys[i] * q.ny + nzs[i] * q.nz;
    // Plain arithmetic instead of branches or && so that the loop vectorises.
    const uint32_t hit = static_cast<uint32_t>(d2 <= q.r2) & static_cast<uint32_t>(facing >= kFacingCosine);
    const uint32_t hitMask = 0u - hit;
    const uint32_t old = mask[i];
    const uint32_t now = old | (bit & hitMask);
    mask[i] = now;
    const float hitF = static_cast<float>(static_cast<int32_t>(hit));  // signed: vectorisable
    density[i] += add * hitF;
    maxDepth[i] = std::max(maxDepth[i], depth * hitF);  // depths are >= 0
    newPass += area[i] & (0u - static_cast<uint32_t>(now != old));
    newAny += area[i] & (0u - (static_cast<uint32_t>(old == 0u) & hit));
    hits += hit;
  }
  totals.newPassArea += newPass;
  totals.newAnyArea += newAny;
  totals.hits += hits;
}

// Resolution of pending hits: inside the disk, a set pending bit becomes the pass bit.
__attribute__((target_clones("avx2", "default"))) void resolveDiskRun(
    const float* __restrict xs, const float* __restrict ys, const float* __restrict zs,
    const float* __restrict nxs, const float* __restrict nys, const float* __restrict nzs,
    const uint32_t* __restrict area, uint32_t* __restrict mask, uint32_t begin, uint32_t end, DiskQuery q,
    uint32_t bit, uint64_t& newPassArea) {
  uint32_t newPass = 0;
  for (uint32_t i = begin; i < end; ++i) {
    const float dx = xs[i] - q.cx, dy = ys[i] - q.cy, dz = zs[i] - q.cz;
    const float d2 = dx * dx + dy * dy + dz * dz;
    const float facing = nxs[i] * q.nx + nys[i] * q.ny + nzs[i] * q.nz;
    const uint32_t hit = static_cast<uint32_t>(d2 <= q.r2) & static_cast<uint32_t>(facing >= kFacingCosine);
    const uint32_t old = mask[i];
    const uint32_t pending = (old >> 31) & hit;  // 1 where this footprint left a pending hit
    const uint32_t pendingMask = 0u - pending;
    const uint32_t now = (old & ~(kPendingPassBit & pendingMask)) | (bit & pendingMask);
    mask[i] = now;
    newPass += area[i] & (0u - static_cast<uint32_t>((now & ~kPendingPassBit) != (old & ~kPendingPassBit)));
  }
  newPassArea += newPass;
}

// Visits the samples of a rectangle footprint (roller rows): scalar, rows are rare.
template <class F>
void forEachInRectangle(const SkinSamples& s, const Footprint& fp, F&& f) {
  const float reach = std::sqrt(fp.halfLengthMm * fp.halfLengthMm + fp.halfWidthMm * fp.halfWidthMm);
  s.forEachRunNear(fp.centerMm, reach, [&](const SkinSamples::Run& run) {
    for (uint32_t i = run.begin; i < run.end; ++i) {
      const glm::vec3 d = s.position(i) - fp.centerMm;
      const glm::vec3 n = s.normal(i);
      if (std::fabs(d.x * fp.alongDir.x + d.y * fp.alongDir.y + d.z * fp.alongDir.z) > fp.halfLengthMm ||
          std::fabs(d.x * fp.acrossDir.x + d.y * fp.acrossDir.y + d.z * fp.acrossDir.z) > fp.halfWidthMm ||
          std::fabs(d.x * fp.normal.x + d.y * fp.normal.y + d.z * fp.normal.z) > kRectPlaneToleranceMm ||
          n.x * fp.normal.x + n.y * fp.normal.y + n.z * fp.normal.z < kFacingCosine)
        continue;
      f(run, i);
    }
  });
}

}  // namespace

CoverageMap::CoverageMap(const SkinSamples* samples) : m_samples(samples) { reset(); }

CoverageMap::CoverageMap(const CoverageMap& o)
    : m_samples(o.m_samples),
      m_density(o.m_density),
      m_mask(o.m_mask),
      m_maxDepth(o.m_maxDepth),
      m_passArea(o.m_passArea),
      m_anyArea(o.m_anyArea) {}

CoverageMap& CoverageMap::operator=(const CoverageMap& o) {
  m_samples = o.m_samples;
  m_density = o.m_density;  // same sizes after the first copy: no allocation
  m_mask = o.m_mask;
  m_maxDepth = o.m_maxDepth;
  m_passArea = o.m_passArea;
  m_anyArea = o.m_anyArea;
  m_log = nullptr;
  return *this;
}

void CoverageLog::add(const Op& op, const uint32_t* zonePassBits) {
  m_ops.push_back(op);
  m_ops.back().bitsOffset = static_cast<uint32_t>(m_bits.size());
  m_bits.insert(m_bits.end(), zonePassBits, zonePassBits + m_zoneCount);
}

void CoverageLog::replay(CoverageMap& map, size_t from, size_t to, std::vector<Footprint>* changed) const {
  for (size_t i = from; i < to && i < m_ops.size(); ++i) {
    const Op& op = m_ops[i];
    const uint32_t* bits = m_bits.data() + op.bitsOffset;
    if (op.resolve)
      map.resolvePending(op.footprint, bits);
    else
      map.apply(op.footprint, op.densityPerCm2, op.effectiveDepthMm, bits);
    if (changed) changed->push_back(op.footprint);
  }
}

size_t CoverageLog::bytes() const { return m_ops.capacity() * sizeof(Op) + m_bits.capacity() * sizeof(uint32_t); }

void CoverageMap::reset() {
  const size_t n = m_samples ? m_samples->size() : 0;
  const size_t zones = m_samples ? m_samples->zoneCount() : 0;
  m_density.assign(n, 0.0f);
  m_mask.assign(n, 0u);
  m_maxDepth.assign(n, 0.0f);
  m_passArea.assign(zones * 32, 0);
  m_anyArea.assign(zones, 0);
}

uint32_t CoverageMap::apply(const Footprint& fp, float densityPerCm2, float effectiveDepthMm,
                            const uint32_t* zonePassBits) {
  if (m_log) m_log->add({fp, densityPerCm2, effectiveDepthMm, 0, false}, zonePassBits);
  const SkinSamples& s = *m_samples;
  const float* xs = s.xs();
  const float* ys = s.ys();
  const float* zs = s.zs();
  const float* nxs = s.nxs();
  const float* nys = s.nys();
  const float* nzs = s.nzs();
  const uint32_t* area = s.areasMicro();
  uint32_t totalHits = 0;

  if (!fp.rectangle) {
    const DiskQuery q{fp.centerMm.x, fp.centerMm.y, fp.centerMm.z, fp.normal.x, fp.normal.y,
                      fp.normal.z, fp.radiusMm * fp.radiusMm};
    // A row of cells is one stretch of samples; where it holds a single zone, one kernel call
    // covers it all (most rows), else one call per run.
    auto stamp = [&](uint32_t begin, uint32_t end, uint16_t zone) {
      const uint32_t bit = zonePassBits[zone];
      RunTotals totals;
      stampDiskRun(xs, ys, zs, nxs, nys, nzs, area, m_density.data(), m_mask.data(), m_maxDepth.data(), begin, end, q,
                   densityPerCm2, effectiveDepthMm, bit, totals);
      if (totals.hits == 0) return;
      totalHits += totals.hits;
      if (bit != kPendingPassBit) m_passArea[zone * 32 + std::countr_zero(bit)] += totals.newPassArea;
      m_anyArea[zone] += totals.newAnyArea;
    };
    s.forEachRowNear(fp.centerMm, fp.radiusMm, [&](const SkinSamples::Run* first, const SkinSamples::Run* last) {
      bool oneZone = true;
      for (const SkinSamples::Run* r = first + 1; r != last; ++r) oneZone = oneZone && r->zone == first->zone;
      if (oneZone) {
        stamp(first->begin, (last - 1)->end, first->zone);
      } else {
        for (const SkinSamples::Run* r = first; r != last; ++r) stamp(r->begin, r->end, r->zone);
      }
    });
    return totalHits;
  }

  // Roller row: a rectangle in the tangent plane.
  forEachInRectangle(s, fp, [&](const SkinSamples::Run& run, uint32_t i) {
    const uint32_t bit = zonePassBits[run.zone];
    const uint32_t old = m_mask[i];
    const uint32_t now = old | bit;
    m_mask[i] = now;
    m_density[i] += densityPerCm2;
    m_maxDepth[i] = std::max(m_maxDepth[i], effectiveDepthMm);
    if (now != old && bit != kPendingPassBit) m_passArea[run.zone * 32 + std::countr_zero(bit)] += area[i];
    if (old == 0) m_anyArea[run.zone] += area[i];
    ++totalHits;
  });
  return totalHits;
}

void CoverageMap::resolvePending(const Footprint& fp, const uint32_t* zonePassBits) {
  if (m_log) m_log->add({fp, 0.0f, 0.0f, 0, true}, zonePassBits);
  const SkinSamples& s = *m_samples;
  if (fp.rectangle) {
    forEachInRectangle(s, fp, [&](const SkinSamples::Run& run, uint32_t i) {
      const uint32_t old = m_mask[i];
      const uint32_t bit = zonePassBits[run.zone];
      if (!(old & kPendingPassBit) || bit == kPendingPassBit) return;
      m_mask[i] = (old & ~kPendingPassBit) | bit;
      if ((old & bit) == 0) m_passArea[run.zone * 32 + std::countr_zero(bit)] += s.areaMicro(i);
    });
    return;
  }
  const DiskQuery q{fp.centerMm.x, fp.centerMm.y, fp.centerMm.z, fp.normal.x, fp.normal.y, fp.normal.z,
                    fp.radiusMm * fp.radiusMm};
  auto resolve = [&](uint32_t begin, uint32_t end, uint16_t zone) {
    const uint32_t bit = zonePassBits[zone];
    if (bit == kPendingPassBit) return;  // this zone's samples stay pending
    uint64_t added = 0;
    resolveDiskRun(s.xs(), s.ys(), s.zs(), s.nxs(), s.nys(), s.nzs(), s.areasMicro(), m_mask.data(), begin, end, q,
                   bit, added);
    m_passArea[zone * 32 + std::countr_zero(bit)] += added;
  };
  s.forEachRowNear(fp.centerMm, fp.radiusMm, [&](const SkinSamples::Run* first, const SkinSamples::Run* last) {
    bool oneZone = true;
    for (const SkinSamples::Run* r = first + 1; r != last; ++r) oneZone = oneZone && r->zone == first->zone;
    if (oneZone) {
      resolve(first->begin, (last - 1)->end, first->zone);
    } else {
      for (const SkinSamples::Run* r = first; r != last; ++r) resolve(r->begin, r->end, r->zone);
    }
  });
}

void CoverageMap::overlap(const Footprint& fp, int zone, uint64_t& area, uint64_t* perPassArea) const {
  const SkinSamples& s = *m_samples;
  auto count = [&](uint32_t i) {
    if (s.zone(i) != zone) return;
    area += s.areaMicro(i);
    for (uint32_t bits = m_mask[i] & ~kPendingPassBit; bits != 0; bits &= bits - 1)
      perPassArea[std::countr_zero(bits)] += s.areaMicro(i);
  };
  if (fp.rectangle) {
    forEachInRectangle(s, fp, [&](const SkinSamples::Run&, uint32_t i) { count(i); });
    return;
  }
  s.forEachWithin(fp.centerMm, fp.radiusMm, [&](uint32_t i) {
    if (glm::dot(s.normal(i), fp.normal) >= kFacingCosine) count(i);
  });
}

double CoverageMap::passCoverage(size_t zone, int bit) const {
  const uint64_t total = m_samples->zoneAreaMicro(zone);
  return total ? static_cast<double>(m_passArea[zone * 32 + bit]) / static_cast<double>(total) : 0.0;
}

double CoverageMap::anyCoverage(size_t zone) const {
  const uint64_t total = m_samples->zoneAreaMicro(zone);
  return total ? static_cast<double>(m_anyArea[zone]) / static_cast<double>(total) : 0.0;
}

}  // namespace mnsim
