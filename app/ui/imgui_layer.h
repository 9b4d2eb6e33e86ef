// Dear ImGui set-up for the window: backends, fonts scaled for high-DPI screens, the theme, and
// the layout file in the user's config folder. The only file that starts or stops ImGui.
#pragma once

#include <string>

struct ImFont;
struct ImVec4;

namespace mnsim::app::ui {

struct Fonts {
  ImFont* regular = nullptr;  // body text
  ImFont* bold = nullptr;     // headings
  ImFont* large = nullptr;    // the depth dial, scores
  ImFont* title = nullptr;    // screen titles
};

class ImGuiLayer {
 public:
  // windowHandle: the platform window's native handle; scale: the content scale.
  bool init(void* windowHandle, float scale, const std::string& layoutFile, std::string& error);
  void shutdown();
  // mouseWindow: a pointer position (window coordinates) that replaces the real one, or null.
  void newFrame(const float* mouseWindow = nullptr);
  // Into the currently bound framebuffer; draw = false ends the frame without drawing it.
  void render(bool draw = true);
  bool wantsMouse() const;
  bool wantsKeyboard() const;
  const Fonts& fonts() const { return m_fonts; }
  float scale() const { return m_scale; }

 private:
  Fonts m_fonts;
  float m_scale = 1.0f;
  std::string m_layoutFile;
  bool m_started = false;
};

// Colours shared by every panel.
namespace colors {
constexpr unsigned kAccent = 0xFFB07A1F;   // teal-blue (ABGR)
constexpr unsigned kGood = 0xFF4C9A2E;     // green
constexpr unsigned kWarn = 0xFF1E8FE0;     // amber
constexpr unsigned kBad = 0xFF2B2BC8;      // red
constexpr unsigned kMuted = 0xFF8A8078;    // grey text
}  // namespace colors

// A colors:: constant as ImGui's style colours want it.
ImVec4 rgba(unsigned abgr);

// Opens the bar across the top of a screen (window `id`, the full width, `height` high, with
// `windowFlags` beside NoDecoration): `name` in bold, then `subtitle` greyed. The caller adds the
// rest of the bar and ends the window.
void beginTitleBar(const char* id, float width, float height, int windowFlags, const Fonts& fonts, const char* name,
                   const char* subtitle);

// A list row like ImGui::Selectable whose text wraps to the width available instead of being cut
// off; `id` is unique in the window. True when clicked.
bool wrappedSelectable(const char* id, const char* text, bool selected);

// How to read the coverage heatmap, under every picture of it.
constexpr const char* kHeatmapLegend = "green 3+ passes, amber 1 pass, red outline: untreated skin.";

}  // namespace mnsim::app::ui
