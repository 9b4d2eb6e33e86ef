#include "core/case_appearance.h"

#include <algorithm>

namespace mnsim::app {

SkinAppearance caseAppearance(const CaseSession& session, const ZoneMap& zones) {
  SkinAppearance a;
  const SkinView view = session.skin();
  for (const auto& [id, amount] : view.features) a.features.emplace_back(id, static_cast<float>(amount));
  a.zoneShows.assign(zones.zones.size(), view.zones.empty() ? 1 : 0);
  for (const std::string& id : view.zones)
    if (const int z = zones.find(id); z >= 0) a.zoneShows[z] = 1;
  const Visit* visit = session.currentVisit();
  for (const PatientLesion& l : session.scenario().patient.lesions) {
    if (!l.resolved) continue;
    const bool present =
        l.visits.empty() || !visit || std::find(l.visits.begin(), l.visits.end(), visit->id) != l.visits.end();
    if (present) a.spots.push_back({l.centerMm, l.radiusMm, l.kind});
  }
  return a;
}

}  // namespace mnsim::app
