#include "procedure/safety.h"

#include <algorithm>
#include <sstream>

#include <glm/geometric.hpp>

namespace mnsim {

namespace {

std::string formatMm(float v) {
  std::ostringstream s;
  s.precision(3);
  s << v << " mm";
  return s.str();
}

}  // namespace

SafetyMonitor::SafetyMonitor(const SkinModel& model, const TreatmentPlan& plan) : m_model(model) {
  const ZoneMap& zoneMap = model.zones();
  const size_t zoneCount = zoneMap.zones.size();
  m_zoneThin.resize(zoneCount);
  m_zoneDepthLimitMm.resize(zoneCount);
  for (size_t z = 0; z < zoneCount; ++z) {
    const ZonePlan* zp = plan.zonePlan(static_cast<int>(z));
    m_zoneThin[z] = zp && zp->thinSkin ? *zp->thinSkin : zoneMap.zones[z].thinSkin;
    // Unplanned thin skin still has a safe ceiling: the zone map's (clinical reference §1b),
    // else 0.5 mm.
    const float ceiling = zoneMap.zones[z].depthCeilingMm;
    m_zoneDepthLimitMm[z] = zp ? zp->depthMaxMm : (ceiling > 0.0f ? ceiling : 0.5f);
  }

  // No-go targets: the asset's no-go zones, the plan's extra zones, and lesions.
  const TriMesh& mesh = model.mesh();
  std::vector<int> noGoZones;
  for (size_t z = 0; z < zoneCount; ++z)
    if (zoneMap.zones[z].noGo) noGoZones.push_back(static_cast<int>(z));
  for (const std::string& id : plan.noGoZones) {
    const int z = zoneMap.find(id);
    if (z >= 0 && std::find(noGoZones.begin(), noGoZones.end(), z) == noGoZones.end()) noGoZones.push_back(z);
  }
  for (int z : noGoZones) {
    std::vector<uint32_t> tris;
    for (size_t t = 0; t < mesh.triangles.size(); ++t)
      if (zoneMap.triangleZone[t] == z) tris.push_back(static_cast<uint32_t>(t));
    NoGoTarget target;
    target.name = zoneMap.zones[z].id;
    target.zone = z;
    target.bvh = Bvh::build(mesh, tris);
    m_noGo.push_back(std::move(target));
  }
  for (const Lesion& lesion : plan.lesions) {
    NoGoTarget target;
    target.name = lesion.name;
    target.centerMm = lesion.centerMm;
    target.radiusMm = lesion.radiusMm;
    m_noGo.push_back(std::move(target));
  }
}

void SafetyMonitor::raise(const std::string& key, Fault fault, int stampIndex) {
  Episode& episode = m_episodes[key];
  if (episode.lastStamp == stampIndex - 1) {
    Fault& f = m_critical[episode.fault];
    f.endTimeS = fault.timeS;
    f.endPointMm = fault.pointMm;
    f.stampCount++;
  } else {
    fault.critical = true;
    fault.endTimeS = fault.timeS;
    fault.endPointMm = fault.pointMm;
    fault.stampCount = 1;
    episode.fault = m_critical.size();
    m_critical.push_back(std::move(fault));
  }
  episode.lastStamp = stampIndex;
}

void SafetyMonitor::check(Stamp& st, int stampIndex, float reach) {
  const ZoneMap& zones = m_model.zones();
  for (const NoGoTarget& target : m_noGo) {
    std::optional<glm::vec3> touch;
    if (target.zone >= 0) {
      if (auto cp = target.bvh.closestPoint(st.pointMm, reach)) touch = cp->point;
    } else {
      const glm::vec3 d = target.centerMm - st.pointMm;
      const float dist = glm::length(d);
      if (dist <= reach + target.radiusMm)
        touch = dist > 0.0f ? st.pointMm + d / dist * std::max(0.0f, dist - target.radiusMm) : st.pointMm;
    }
    if (!touch) continue;
    st.noGo = true;
    Fault f;
    f.kind = FaultKind::NoGo;
    f.zoneId = target.zone >= 0 ? target.name : zones.zones[st.zone].id;
    f.timeS = st.timeS;
    f.pointMm = *touch;
    f.expected = "no footprint touches '" + target.name + "'";
    f.done = "the needles touched '" + target.name + "'";
    f.explanation = faultAdvice(FaultKind::NoGo);
    raise("no_go:" + target.name, std::move(f), stampIndex);
  }
  if (m_zoneThin[st.zone] && st.dialDepthMm >= m_zoneDepthLimitMm[st.zone] + 0.25f - 1e-4f) {
    st.tooDeep = true;
    const ZoneInfo& info = zones.zones[st.zone];
    Fault f;
    f.kind = FaultKind::DepthThinSkin;
    f.zoneId = info.id;
    f.timeS = st.timeS;
    f.pointMm = st.pointMm;
    f.expected = "at most " + formatMm(m_zoneDepthLimitMm[st.zone]) + " in " + info.name;
    f.done = "needled at " + formatMm(st.dialDepthMm);
    f.explanation = faultAdvice(FaultKind::DepthThinSkin, info.name);
    raise("depth:" + info.id, std::move(f), stampIndex);
  }
}

}  // namespace mnsim
