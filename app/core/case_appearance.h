// What a case shows on the skin at its current visit: the scenario's skin features (conditions,
// healing) in the zones it names, and the patient's lesions present at this visit as spots.
// Window-free.
#pragma once

#include <mnsim/cases/case_session.h>
#include <mnsim/skin/zone_map.h>

#include "core/view_texture.h"

namespace mnsim::app {

SkinAppearance caseAppearance(const CaseSession& session, const ZoneMap& zones);

}  // namespace mnsim::app
