// The debrief's faults panel, "What to work on": every fault with its time and zone; clicking one
// turns the camera to its spot and explains it.
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/debrief_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

void drawDebriefFaults(DebriefState& s, const Fonts& fonts, glm::vec2 viewport, const DebriefLayout& layout,
                       DebriefActions& a) {
  const ProcedureResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport.x - layout.rightW - em * 0.6f, layout.topH + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(layout.rightW, layout.panelsH));
  ImGui::Begin("What to work on", nullptr, kFixedPanel);
  const int total = static_cast<int>(r.criticalErrors.size() + r.faults.size());
  if (total == 0) ImGui::TextColored(rgba(colors::kGood), "No faults. Well done.");
  ImGui::BeginChild("list", ImVec2(0, -em * 9.5f));
  for (int i = 0; i < total; ++i) {
    const Fault* f = debriefFault(r, i);
    // The time, what, and where (the zone's name).
    std::string where = f->zoneId;
    for (const ZoneResult& z : r.zones)
      if (z.id == f->zoneId) where = z.name;
    char label[200], id[16];
    std::snprintf(label, sizeof label, "%6.1f s   %s%s%s", f->timeS, faultTitle(f->kind), where.empty() ? "" : " · ",
                  where.c_str());
    std::snprintf(id, sizeof id, "##%d", i);
    if (f->critical) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (wrappedSelectable(id, label, s.selected == i)) {
      s.selected = i;
      a.select = i;
    }
    if (f->critical) ImGui::PopStyleColor();
  }
  ImGui::EndChild();
  ImGui::Separator();
  if (const Fault* f = debriefFault(r, s.selected)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(fonts.bold);
    ImGui::TextColored(rgba(f->critical ? colors::kBad : colors::kAccent), "%s%s", f->critical ? "Critical: " : "",
                       faultTitle(f->kind));
    ImGui::PopFont();
    ImGui::TextUnformatted(f->explanation.c_str());
    ImGui::TextDisabled("Expected: %s", f->expected.c_str());
    ImGui::TextDisabled("Done: %s", f->done.c_str());
    ImGui::PopTextWrapPos();
  } else if (total > 0) {
    ImGui::TextDisabled("Click a fault to see it on the skin.");
  }
  ImGui::End();
}

}  // namespace mnsim::app::ui
