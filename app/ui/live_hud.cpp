// The live HUD (practice only): warnings first, then hand speed, angle, and coverage per pass.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/session_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

// A horizontal gauge: value on [0, max], a green band [lo, hi], a marker.
void gauge(const char* label, float value, float max, float lo, float hi, const char* unit, bool badHigh = true) {
  const float em = ImGui::GetFontSize();
  const bool inBand = value >= lo && value <= hi;
  ImGui::Text("%s", label);
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - em * 5.0f + ImGui::GetCursorPosX() -
                  ImGui::GetStyle().ItemSpacing.x);
  ImGui::TextColored(rgba(inBand ? colors::kGood : (badHigh || value < lo ? colors::kWarn : colors::kGood)), "%.0f %s",
                     value, unit);
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

// One row per planned zone; the list scrolls rather than running off the screen.
void coverageTable(const SessionState& s, const Fonts& fonts, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  const CoverageMap& cov = s.session->coverage();
  const float rowH = ImGui::GetTextLineHeightWithSpacing();
  const float listH = std::min(rowH * (static_cast<float>(s.plan->zones.size()) + 0.5f),
                               viewport.y - ImGui::GetCursorScreenPos().y - em * 3.5f);
  if (!ImGui::BeginTable("coverage", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg,
                         ImVec2(0, std::max(listH, rowH * 3))))
    return;
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
      coverageBar(k < done ? static_cast<float>(cov.passCoverage(z.zone, k)) : 0.0f, z.coverageMin,
                  ImVec2(w, em * 0.45f));
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%.0f%%", cov.anyCoverage(z.zone) * 100.0);
  }
  ImGui::EndTable();
}

}  // namespace

void drawLiveHud(const SessionState& s, const Fonts& fonts, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport.x - em * 19.6f, toolbarHeight() + em * 0.6f));
  ImGui::SetNextWindowSize(ImVec2(em * 19.0f, 0));
  ImGui::Begin("Live", nullptr, kSessionPanel | ImGuiWindowFlags_AlwaysAutoResize);
  const LiveStatus& live = s.session->live();
  const ZonePlan* zp = s.zoneUnderCursor >= 0 ? s.plan->zonePlan(s.zoneUnderCursor) : nullptr;
  ImGui::PushFont(fonts.bold);
  if (s.zoneUnderCursor >= 0)
    ImGui::TextUnformatted(s.zones->zones[s.zoneUnderCursor].name.c_str());
  else
    ImGui::TextDisabled("Off the skin");
  ImGui::PopFont();
  // Warnings first: they matter most.
  if (live.inContact && live.noGoWarning) ImGui::TextColored(rgba(colors::kBad), "NO-GO AREA: lift the pen");
  if (zp && s.pen->depthMm > zp->depthMaxMm + 1e-4f) ImGui::TextColored(rgba(colors::kBad), "Too deep for this zone");
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
  ImGui::TextDisabled("Coverage per pass (line: %.0f %% needed)",
                      s.plan->zones.empty() ? 90.0 : s.plan->zones[0].coverageMin * 100.0);
  coverageTable(s, fonts, viewport);
  ImGui::End();
}

}  // namespace mnsim::app::ui
