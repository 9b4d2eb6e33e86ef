// The bridge between Dear ImGui and the window: the GLFW and OpenGL backends, fonts scaled for
// high-DPI screens, the theme, the layout file in the user's config folder, the clipboard. The
// only file that starts or stops ImGui or touches its backends; the panels draw in between.
#pragma once

#include <string>

struct ImFont;

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
  // Puts text on the system clipboard (through the platform backend).
  void copyToClipboard(const std::string& text) const;
  const Fonts& fonts() const { return m_fonts; }
  float scale() const { return m_scale; }

 private:
  Fonts m_fonts;
  float m_scale = 1.0f;
  std::string m_layoutFile;
  bool m_started = false;
};

}  // namespace mnsim::app::ui
