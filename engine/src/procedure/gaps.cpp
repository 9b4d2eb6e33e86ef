#include <algorithm>
#include <map>
#include <numeric>

#include <glm/geometric.hpp>

#include "procedure/result_parts.h"

namespace mnsim {

namespace {

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

struct Region {
  uint64_t areaMicro = 0;
  glm::dvec3 weighted{0.0};
  std::vector<uint32_t> members;
};

// The member nearest the region's area-weighted mean stands for it on the skin.
Gap gapOf(const SkinSamples& samples, const Region& region) {
  const glm::vec3 mean(region.weighted / static_cast<double>(region.areaMicro));
  uint32_t best = region.members.front();
  float bestD = 1e30f;
  for (uint32_t i : region.members) {
    const float d = glm::length(samples.position(i) - mean);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  Gap g;
  g.areaMm2 = region.areaMicro / kMicroAreaPerMm2;
  g.centerMm = samples.position(best);
  for (uint32_t i : region.members) g.extentMm = std::max(g.extentMm, glm::length(samples.position(i) - g.centerMm));
  return g;
}

}  // namespace

std::vector<Gap> findGaps(const SkinSamples& samples, const CoverageMap& coverage, int zone, float minAreaMm2) {
  const std::vector<uint32_t>& mask = coverage.passMask();
  std::vector<uint32_t> unhit;
  for (uint32_t i = 0; i < samples.size(); ++i)
    if (samples.zone(i) == zone && mask[i] == 0) unhit.push_back(i);
  if (unhit.empty()) return {};
  std::vector<int32_t> local(samples.size(), -1);  // sample -> index in unhit
  for (size_t k = 0; k < unhit.size(); ++k) local[unhit[k]] = static_cast<int32_t>(k);
  UnionFind uf(unhit.size());
  const float link = samples.spacingMm() * 1.5f;
  for (size_t k = 0; k < unhit.size(); ++k) {
    samples.forEachWithin(samples.position(unhit[k]), link, [&](uint32_t j) {
      if (local[j] > static_cast<int32_t>(k)) uf.unite(static_cast<uint32_t>(k), static_cast<uint32_t>(local[j]));
    });
  }
  std::map<uint32_t, Region> regions;
  for (size_t k = 0; k < unhit.size(); ++k) {
    Region& region = regions[uf.find(static_cast<uint32_t>(k))];
    const uint32_t i = unhit[k];
    region.areaMicro += samples.areaMicro(i);
    region.weighted += glm::dvec3(samples.position(i)) * static_cast<double>(samples.areaMicro(i));
    region.members.push_back(i);
  }
  std::vector<Gap> gaps;
  for (const auto& [root, region] : regions)
    if (region.areaMicro / kMicroAreaPerMm2 > minAreaMm2) gaps.push_back(gapOf(samples, region));
  std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) { return a.areaMm2 > b.areaMm2; });
  return gaps;
}

}  // namespace mnsim
