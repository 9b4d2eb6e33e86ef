// An offscreen framebuffer (colour + depth) that the scene and the panels are drawn into, then
// shown in the window. Drawing offscreen makes screenshots reliable, with or without a visible
// window, and lets the debrief render snapshots.
#pragma once

#include <string>
#include <vector>

#include <glm/vec4.hpp>

#include "core/scene_cache.h"

namespace mnsim::app::gfx {

class RenderTarget {
 public:
  RenderTarget() = default;
  ~RenderTarget();
  RenderTarget(const RenderTarget&) = delete;
  RenderTarget& operator=(const RenderTarget&) = delete;

  // (Re)creates the buffers when the size changes. Zero sizes (a minimised window) are ignored.
  // Returns true when the buffers were made anew (their contents are undefined).
  bool resize(int width, int height);
  void bind() const;
  int width() const { return m_width; }
  int height() const { return m_height; }
  unsigned int colorTexture() const { return m_color; }
  // Clears colour and depth (inside the scissor rectangle, when one is set).
  void clear(const glm::vec4& color) const;
  void clearDepth() const;
  // Copies the colour to another target of the same size: all of it, or one rectangle.
  void copyTo(const RenderTarget& target, const PixelRect* rect = nullptr) const;
  // Copies all of the colour onto all of another target of any size, filtered (a smaller frame
  // drawn while the camera moves, scaled up).
  void scaledCopyTo(const RenderTarget& target) const;
  // Limits drawing and clearing to a rectangle of the bound framebuffer; nullptr: no limit.
  static void scissor(const PixelRect* rect);
  // Copies the colour to the window's framebuffer (bound as 0) at the same size.
  void presentToWindow(int windowWidth, int windowHeight) const;
  // RGB rows, top row first.
  std::vector<unsigned char> readRgb() const;
  bool writePng(const std::string& path, std::string& error) const;

 private:
  unsigned int m_fbo = 0, m_color = 0, m_depth = 0;  // GL names
  int m_width = 0, m_height = 0;
};

}  // namespace mnsim::app::gfx
