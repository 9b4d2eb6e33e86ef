// The pen panel: what the trainee holds and how it is set.
#include <cstdio>

#include <imgui.h>

#include "ui/session_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

// The cartridge in a pen (a case's plan sets it), or the roller's drum.
void deviceChoice(const SessionState& s, SessionActions& a) {
  if (s.device->kind != DeviceKind::Pen) {
    ImGui::TextDisabled("192 needles, 8 rows, 20 mm drum");
    return;
  }
  const Cartridge* current = s.device->cartridge(s.cartridgeId);
  ImGui::SetNextItemWidth(-1);
  if (s.inCase) ImGui::BeginDisabled();  // the case's plan sets the cartridge
  const bool open = ImGui::BeginCombo("##cartridge", current ? current->name.c_str() : "cartridge");
  if (s.inCase) ImGui::EndDisabled();
  if (open) {
    for (const Cartridge& c : s.device->cartridges) {
      char label[96];
      std::snprintf(label, sizeof label, "%s (%.0f mm head)", c.name.c_str(), c.headDiameterMm);
      if (ImGui::Selectable(label, current && c.id == current->id)) a.cartridge = c.id;
    }
    ImGui::EndCombo();
  }
}

}  // namespace

void drawPenPanel(const SessionState& s, const Fonts& fonts, SessionActions& a) {
  const float em = ImGui::GetFontSize();
  const float panelW = em * 17.0f;
  ImGui::SetNextWindowPos(ImVec2(em * 0.6f, toolbarHeight() + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(panelW, 0));
  ImGui::Begin("Pen", nullptr, kSessionPanel | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(s.device->kind == DeviceKind::Pen ? "Pen" : "Dermaroller");
  ImGui::PopFont();
  deviceChoice(s, a);
  ImGui::Separator();
  ImGui::TextDisabled("DEPTH");
  ImGui::PushFont(fonts.large);
  ImGui::Text("%.2f mm", s.pen->depthMm);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (ImGui::Button("+", ImVec2(em * 1.8f, 0))) a.depthSteps = 1;
  if (ImGui::Button("-", ImVec2(em * 1.8f, 0))) a.depthSteps = -1;
  ImGui::EndGroup();
  const ZonePlan* zp = s.zoneUnderCursor >= 0 ? s.plan->zonePlan(s.zoneUnderCursor) : nullptr;
  if (s.practice && zp) {
    const bool ok = s.pen->depthMm >= zp->depthMinMm - 1e-4f && s.pen->depthMm <= zp->depthMaxMm + 1e-4f;
    ImGui::TextColored(rgba(ok ? colors::kGood : colors::kBad), "%s: %.2f-%.2f mm",
                       s.zones->zones[s.zoneUnderCursor].name.c_str(), zp->depthMinMm, zp->depthMaxMm);
  } else {
    ImGui::TextDisabled("wheel or [ ] changes the dial");
  }
  if (s.device->kind == DeviceKind::Pen) {
    ImGui::Text("Rate");
    ImGui::SameLine(em * 5);
    ImGui::Text("%.0f stamps/s", s.pen->rateHz);
    ImGui::SameLine(panelW - em * 4.4f);
    if (ImGui::SmallButton("-##rate")) a.rateSteps = -1;
    ImGui::SameLine();
    if (ImGui::SmallButton("+##rate")) a.rateSteps = 1;
  }
  ImGui::Text("Tilt");
  ImGui::SameLine(em * 5);
  ImGui::Text("%+.0f° / %+.0f°", s.pen->tiltXDeg, s.pen->tiltYDeg);
  ImGui::SameLine(panelW - em * 4.4f);
  if (ImGui::SmallButton("reset")) a.resetTilt = true;
  if (s.practice && s.cursorOnSkin) {
    const ImU32 c = s.angleDeg <= s.plan->rules.angleWarnDeg    ? colors::kGood
                    : s.angleDeg <= s.plan->rules.angleFaultDeg ? colors::kWarn
                                                                : colors::kBad;
    ImGui::Text("To skin");
    ImGui::SameLine(em * 5);
    ImGui::TextColored(rgba(c), "%.0f° from perpendicular", s.angleDeg);
  }
  ImGui::Text("Stretch");
  ImGui::SameLine(em * 5);
  if (s.pen->stretch)
    ImGui::TextColored(rgba(colors::kAccent), "held (Shift)");
  else
    ImGui::TextDisabled("hold Shift");
  ImGui::Separator();
  ImGui::PushFont(fonts.bold);
  ImGui::Text("Pass %d", s.pen->pass);
  ImGui::PopFont();
  ImGui::SameLine(panelW - em * 7.6f);
  if (ImGui::Button("Next pass  N")) a.nextPass = true;
  // Camera presets: each planned zone close up (as F does for the zone under the cursor).
  if (s.plan && !s.plan->zones.empty()) {
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::Text("View");
    ImGui::SameLine(em * 5);
    ImGui::SetNextItemWidth(panelW - em * 5.8f);
    if (ImGui::BeginCombo("##lookat", "look at a zone", ImGuiComboFlags_HeightLarge)) {
      for (const ZonePlan& z : s.plan->zones)
        if (ImGui::Selectable(zoneLabel(s.zones, z.zoneId).c_str())) a.lookAtZone = z.zone;
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A planned zone close up (F: the zone under the cursor; Home: all the planned zones, as the session opened)");
  }
  ImGui::End();
}

}  // namespace mnsim::app::ui
