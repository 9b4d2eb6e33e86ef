// Pieces every panel shares: the colours, the bar across the top of a screen, headings, wrapped
// text and rows, the primary button, fault lines. Private to app/ui: the panels include it, the
// controllers never do.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <imgui.h>

#include <mnsim/cases/case_result.h>
#include <mnsim/procedure/fault_kinds.h>
#include <mnsim/skin/zone_map.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

// Colours shared by every panel.
namespace colors {
constexpr unsigned kAccent = 0xFFB07A1F;  // teal-blue (ABGR)
constexpr unsigned kGood = 0xFF4C9A2E;    // green
constexpr unsigned kWarn = 0xFF1E8FE0;    // amber
constexpr unsigned kBad = 0xFF2B2BC8;     // red
constexpr unsigned kMuted = 0xFF8A8078;   // grey text
}  // namespace colors

// A colors:: constant as ImGui's style colours want it.
ImVec4 rgba(unsigned abgr);

// Panels the screens place themselves: they neither move, resize, collapse nor remember a layout.
constexpr ImGuiWindowFlags kFixedPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// The needling screen's panels: no title either, and they never take the focus or the keyboard
// from the view (no keyboard navigation: their keys are the view's shortcuts, and without NoNav
// a panel ImGui focuses by itself would swallow the arrow keys that tilt the pen).
constexpr ImGuiWindowFlags kSessionPanel = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                           ImGuiWindowFlags_NoNav;

// The height of the bar across the top of every screen but home.
inline float toolbarHeight() {
  return ImGui::GetFontSize() * 2.9f;
}

// How to read the coverage heatmap, under every picture of it.
constexpr const char* kHeatmapLegend = "green 3+ passes, amber 1 pass, red outline: untreated skin.";

// Opens the bar across the top of a screen (window `id`, the full width, `height` high, with
// `windowFlags` beside NoDecoration): `name` in bold, then `subtitle` greyed. The caller adds the
// rest of the bar and ends the window.
void beginTitleBar(const char* id, float width, float height, int windowFlags, const Fonts& fonts, const char* name,
                   const char* subtitle);

// Buttons at the right end of a title bar of `width`, side by side; the index of the one
// clicked, or -1.
int rightAlignedButtons(std::initializer_list<const char*> labels, float width);

// A result's score in the large font, "out of" text beside it and PROFICIENT / NOT PROFICIENT
// under that.
void scoreAndVerdict(const Fonts& fonts, double score, const char* outOf, bool proficient);

// A list row like ImGui::Selectable whose text wraps to the width available instead of being cut
// off; `id` is unique in the window. True when clicked.
bool wrappedSelectable(const char* id, const char* text, bool selected);

// Text in the bold font.
void heading(const Fonts& fonts, const char* text);
// The next window centred in the viewport, `widthEm` x `heightEm` font sizes (less on a small
// screen, with a margin of one); its size.
ImVec2 centreNextWindow(glm::vec2 viewport, float widthEm, float heightEm);
// Text wrapped at the window's edge.
void wrapped(const std::string& text);
// The button that moves the trainee on (white on the accent colour); `font` null: the current one.
bool primaryButton(const char* label, ImVec2 size, ImFont* font = nullptr);
// What the patient said, one line per reply.
void patientReplies(const std::vector<std::string>& replies);
// A case fault: what went wrong, what was expected and what was done.
void faultLine(const CaseFault& fault);

// A zone's name for people; its id when the asset does not know it.
std::string zoneLabel(const ZoneMap* zones, const std::string& id);
// What a trainee reads for a fault kind (docs/scoring.md and docs/formats/case-json.md list them).
const char* faultTitle(FaultKind kind);

// The i-th entry of the list the debriefs show: critical errors first, then faults.
template <class FaultType>
const FaultType* nthFault(const std::vector<FaultType>& criticalErrors, const std::vector<FaultType>& faults,
                          int index) {
  if (index < 0) return nullptr;
  if (index < static_cast<int>(criticalErrors.size())) return &criticalErrors[index];
  index -= static_cast<int>(criticalErrors.size());
  return index < static_cast<int>(faults.size()) ? &faults[index] : nullptr;
}

}  // namespace mnsim::app::ui
