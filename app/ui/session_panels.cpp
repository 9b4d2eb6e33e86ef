// The session screen around the 3D view: toolbar, pen panel, live HUD and status bar.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "ui/screens.h"

namespace mnsim::app::ui {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;


// A horizontal gauge: value on [0, max], a green band [lo, hi], a marker.
void gauge(const char* label, float value, float max, float lo, float hi, const char* unit, bool badHigh = true) {
  const float em = ImGui::GetFontSize();
  const bool inBand = value >= lo && value <= hi;
  ImGui::Text("%s", label);
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - em * 5.0f + ImGui::GetCursorPosX() - ImGui::GetStyle().ItemSpacing.x);
  ImGui::TextColored(rgba(inBand ? colors::kGood : (badHigh || value < lo ? colors::kWarn : colors::kGood)), "%.0f %s", value, unit);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, h = em * 0.7f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(225, 229, 234, 255), h * 0.5f);
  auto x = [&](float v) { return p.x + w * std::clamp(v / max, 0.0f, 1.0f); };
  dl->AddRectFilled(ImVec2(x(lo), p.y), ImVec2(x(hi), p.y + h), IM_COL32(120, 190, 120, 160), h * 0.5f);
  const float mx = x(value);
  dl->AddRectFilled(ImVec2(mx - 2, p.y - 3), ImVec2(mx + 2, p.y + h + 3), inBand ? colors::kGood : colors::kWarn, 2.0f);
  ImGui::Dummy(ImVec2(w, h + 4));
}

// A pass's coverage against the required share (the tick). Untouched passes stay grey.
void coverageBar(float share, float required, ImVec2 size) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(225, 229, 234, 255), 2.0f);
  if (share > 0.0f) {
    const ImU32 color = share >= required ? colors::kGood : colors::kWarn;
    dl->AddRectFilled(p, ImVec2(p.x + size.x * std::clamp(share, 0.0f, 1.0f), p.y + size.y), color, 2.0f);
  }
  dl->AddLine(ImVec2(p.x + size.x * required, p.y - 1), ImVec2(p.x + size.x * required, p.y + size.y + 1),
              IM_COL32(90, 90, 90, 140));
  ImGui::Dummy(size);
}

}  // namespace

void drawZoneTooltip(const std::string& name, bool noGo) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(name.c_str());
  if (noGo) ImGui::TextColored(rgba(colors::kBad), "no-go: never needle here");
  ImGui::EndTooltip();
}

SessionActions drawSession(const SessionState& s, const Fonts& fonts, glm::vec2 viewport) {
  SessionActions a;
  const float em = ImGui::GetFontSize();
  const float toolbarH = em * 2.9f, statusH = em * 1.9f;
  const float panelW = em * 17.0f;

  // --- toolbar
  beginTitleBar("Toolbar", viewport.x, toolbarH, kPanelFlags, fonts, "mnsim", s.title.c_str());
  const View views[] = {View::Skin, View::Zones, View::Coverage, View::Endpoint};
  const float viewsWidth = em * 23.0f;
  ImGui::SameLine(std::max(em * 16.0f, (viewport.x - viewsWidth) * 0.5f));
  for (int i = 0; i < 4; ++i) {
    const bool disabled = !s.practice && views[i] == View::Coverage;  // no heatmap in assessment
    const bool active = s.view == views[i];
    char label[32];
    std::snprintf(label, sizeof label, "%s  %d", viewName(views[i]), i + 1);
    if (disabled) ImGui::BeginDisabled();
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.62f, 0.78f, 0.90f, 1.0f));
    if (ImGui::Button(label)) a.setView = static_cast<int>(views[i]);
    if (active) ImGui::PopStyleColor();
    if (disabled) ImGui::EndDisabled();
    if (disabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("The heatmap is hidden in assessment mode");
    ImGui::SameLine();
  }
  if (s.view == View::Coverage && s.practice) {
    int passes = 0;
    for (const ZonePlan& z : s.plan->zones) passes = std::max({passes, z.passes, s.session->passCount(z.zone)});
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    if (ImGui::RadioButton("All", s.passShown < 0)) a.setPass = -1;
    for (int k = 0; k < std::min(passes, 6); ++k) {
      ImGui::SameLine();
      char label[16];
      std::snprintf(label, sizeof label, "%d", k + 1);
      if (ImGui::RadioButton(label, s.passShown == k)) a.setPass = k;
    }
    ImGui::SameLine();
  }
  // Right-aligned: measure what follows so nothing is cut off at any window width.
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* badge = s.practice ? "PRACTICE" : "ASSESSMENT";
  const char* endLabel = s.inCase ? "Finish needling" : "End session";
  const float rightW = ImGui::CalcTextSize(badge).x + ImGui::CalcTextSize("00:00").x + ImGui::CalcTextSize("Help").x +
                       ImGui::CalcTextSize(endLabel).x + style.FramePadding.x * 6 + style.ItemSpacing.x * 4 +
                       style.WindowPadding.x;
  ImGui::SameLine(viewport.x - rightW);
  ImGui::PushStyleColor(ImGuiCol_Button, s.practice ? ImVec4(0.80f, 0.90f, 0.82f, 1) : ImVec4(0.98f, 0.86f, 0.70f, 1));
  ImGui::SmallButton(badge);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  const int minutes = static_cast<int>(s.timeS) / 60, seconds = static_cast<int>(s.timeS) % 60;
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%02d:%02d", minutes, seconds);
  ImGui::SameLine();
  if (ImGui::Button("Help")) a.toggleHelp = true;
  ImGui::SameLine();
  if (ImGui::Button(endLabel)) a.endSession = true;
  ImGui::End();

  // --- pen panel
  ImGui::SetNextWindowPos(ImVec2(em * 0.6f, toolbarH + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(panelW, 0));
  ImGui::Begin("Pen", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(s.device->kind == DeviceKind::Pen ? "Pen" : "Dermaroller");
  ImGui::PopFont();
  if (s.device->kind == DeviceKind::Pen) {
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
  } else {
    ImGui::TextDisabled("192 needles, 8 rows, 20 mm drum");
  }
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
    const ImU32 c = s.angleDeg <= s.plan->rules.angleWarnDeg ? colors::kGood
                   : s.angleDeg <= s.plan->rules.angleFaultDeg ? colors::kWarn : colors::kBad;
    ImGui::Text("To skin");
    ImGui::SameLine(em * 5);
    ImGui::TextColored(rgba(c), "%.0f° from perpendicular", s.angleDeg);
  }
  ImGui::Text("Stretch");
  ImGui::SameLine(em * 5);
  if (s.pen->stretch) ImGui::TextColored(rgba(colors::kAccent), "held (Shift)");
  else ImGui::TextDisabled("hold Shift");
  ImGui::Separator();
  ImGui::PushFont(fonts.bold);
  ImGui::Text("Pass %d", s.pen->pass);
  ImGui::PopFont();
  ImGui::SameLine(panelW - em * 7.6f);
  if (ImGui::Button("Next pass  N")) a.nextPass = true;
  ImGui::End();

  // --- live HUD (practice only)
  if (s.practice && s.hudVisible) {
    ImGui::SetNextWindowPos(ImVec2(viewport.x - em * 19.6f, toolbarH + em * 0.6f));
    ImGui::SetNextWindowSize(ImVec2(em * 19.0f, 0));
    ImGui::Begin("Live", nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize);
    const LiveStatus& live = s.session->live();
    ImGui::PushFont(fonts.bold);
    if (s.zoneUnderCursor >= 0) ImGui::TextUnformatted(s.zones->zones[s.zoneUnderCursor].name.c_str());
    else ImGui::TextDisabled("Off the skin");
    ImGui::PopFont();
    // Warnings first: they matter most.
    if (live.inContact && live.noGoWarning) ImGui::TextColored(rgba(colors::kBad), "NO-GO AREA: lift the pen");
    if (zp && s.pen->depthMm > zp->depthMaxMm + 1e-4f)
      ImGui::TextColored(rgba(colors::kBad), "Too deep for this zone");
    if (s.zoneUnderCursor >= 0 && !zp && s.zones->zones[s.zoneUnderCursor].treatable)
      ImGui::TextColored(rgba(colors::kWarn), "Not in the plan");
    if (s.zoneUnderCursor >= 0 && s.zones->zones[s.zoneUnderCursor].noGo)
      ImGui::TextColored(rgba(colors::kBad), "No-go zone");
    const int zone = s.zoneUnderCursor >= 0 ? s.zoneUnderCursor : (s.plan->zones.empty() ? -1 : s.plan->zones[0].zone);
    if (zone >= 0 && s.device->kind == DeviceKind::Pen) {
      const auto band = s.session->speedBand(zone);
      gauge("Hand speed", live.inContact ? live.speedMmPerS : 0.0f, band.second * 1.6f, band.first, band.second, "mm/s");
    }
    gauge("Angle", s.cursorOnSkin ? s.angleDeg : 0.0f, 40.0f, 0.0f, s.plan->rules.angleWarnDeg, "°");
    ImGui::Separator();
    ImGui::TextDisabled("Coverage per pass (line: %.0f %% needed)", s.plan->zones.empty() ? 90.0 : s.plan->zones[0].coverageMin * 100.0);
    const CoverageMap& cov = s.session->coverage();
    // One row per planned zone; the list scrolls rather than running off the screen.
    const float rowH = ImGui::GetTextLineHeightWithSpacing();
    const float listH = std::min(rowH * (static_cast<float>(s.plan->zones.size()) + 0.5f),
                                 viewport.y - ImGui::GetCursorScreenPos().y - em * 3.5f);
    if (ImGui::BeginTable("coverage", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg, ImVec2(0, std::max(listH, rowH * 3)))) {
      ImGui::TableSetupColumn("zone", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("passes", ImGuiTableColumnFlags_WidthFixed, em * 5.5f);
      ImGui::TableSetupColumn("total", ImGuiTableColumnFlags_WidthFixed, em * 2.6f);
      for (const ZonePlan& z : s.plan->zones) {
        const ZoneInfo& info = s.zones->zones[z.zone];
        const int done = s.session->passCount(z.zone);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool here = z.zone == s.zoneUnderCursor;
        if (here) ImGui::PushFont(fonts.bold);
        ImGui::TextUnformatted(info.name.c_str());
        if (here) {
          ImGui::PopFont();
          ImGui::SetScrollHereY();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %d of %d passes", info.name.c_str(), done, z.passes);
        ImGui::TableNextColumn();
        const int shown = std::max(done, z.passes);
        const float w = (em * 5.5f - (shown - 1) * 3.0f) / std::max(1, shown);
        ImGui::Dummy(ImVec2(0, rowH * 0.22f));
        for (int k = 0; k < shown; ++k) {
          if (k > 0) ImGui::SameLine(0, 3.0f);
          coverageBar(k < done ? static_cast<float>(cov.passCoverage(z.zone, k)) : 0.0f, z.coverageMin, ImVec2(w, em * 0.45f));
        }
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%.0f%%", cov.anyCoverage(z.zone) * 100.0);
      }
      ImGui::EndTable();
    }
    ImGui::End();
  }

  // --- status bar
  ImGui::SetNextWindowPos(ImVec2(0, viewport.y - statusH));
  ImGui::SetNextWindowSize(ImVec2(viewport.x, statusH));
  ImGui::Begin("Status", nullptr, kPanelFlags);
  ImGui::TextDisabled(
      "Left button: needle    Right drag: turn    Middle drag: pan    Wheel: depth    Ctrl+wheel: zoom    "
      "Arrows: tilt    Shift: stretch    N: next pass    F1: all keys");
  ImGui::End();
  return a;
}

}  // namespace mnsim::app::ui
