// The tooltip that names the zone under the cursor.
#include <imgui.h>

#include "ui/session_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawZoneTooltip(const std::string& name, bool noGo) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(name.c_str());
  if (noGo) ImGui::TextColored(rgba(colors::kBad), "no-go: never needle here");
  ImGui::EndTooltip();
}

}  // namespace mnsim::app::ui
