#include "gfx/render_target.h"

#include <algorithm>

#include <stb_image_write.h>

#include "gfx/gl.h"

namespace mnsim::app::gfx {

RenderTarget::~RenderTarget() {
  if (m_fbo) glDeleteFramebuffers(1, &m_fbo);
  if (m_color) glDeleteTextures(1, &m_color);
  if (m_depth) glDeleteRenderbuffers(1, &m_depth);
}

bool RenderTarget::resize(int width, int height) {
  if (width <= 0 || height <= 0 || (width == m_width && height == m_height)) return false;
  m_width = width;
  m_height = height;
  if (!m_fbo) {
    glGenFramebuffers(1, &m_fbo);
    glGenTextures(1, &m_color);
    glGenRenderbuffers(1, &m_depth);
  }
  glBindTexture(GL_TEXTURE_2D, m_color);
  // Display (sRGB-encoded) values in plain RGBA8: the 3D shaders encode what they write, the
  // panels write display colours as they are. Plain storage keeps copies between targets a
  // straight memory copy on a CPU rasteriser, and readback gives the PNG's bytes unchanged.
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindRenderbuffer(GL_RENDERBUFFER, m_depth);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_color, 0);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, m_depth);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  return true;
}

void RenderTarget::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glViewport(0, 0, m_width, m_height);
}

void RenderTarget::clear(const glm::vec4& color) const {
  glClearColor(color.r, color.g, color.b, color.a);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void RenderTarget::clearDepth() const { glClear(GL_DEPTH_BUFFER_BIT); }

void RenderTarget::copyTo(const RenderTarget& target, const PixelRect* rect) const {
  // Same format, same size, no scaling: a plain memory copy on a CPU rasteriser.
  const PixelRect all{0, 0, std::min(m_width, target.m_width), std::min(m_height, target.m_height)};
  const PixelRect& r = rect ? *rect : all;
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target.m_fbo);
  glBlitFramebuffer(r.x0, r.y0, r.x1, r.y1, r.x0, r.y0, r.x1, r.y1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void RenderTarget::scaledCopyTo(const RenderTarget& target) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target.m_fbo);
  glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, target.m_width, target.m_height, GL_COLOR_BUFFER_BIT, GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void RenderTarget::scissor(const PixelRect* rect) {
  if (!rect) {
    glDisable(GL_SCISSOR_TEST);
    return;
  }
  glEnable(GL_SCISSOR_TEST);
  glScissor(rect->x0, rect->y0, rect->width(), rect->height());
}

void RenderTarget::presentToWindow(int windowWidth, int windowHeight) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, windowWidth, windowHeight, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::vector<unsigned char> RenderTarget::readRgb() const {
  std::vector<unsigned char> pixels(static_cast<size_t>(m_width) * m_height * 3);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, m_width, m_height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  // OpenGL's rows start at the bottom; images start at the top.
  const size_t row = static_cast<size_t>(m_width) * 3;
  for (int y = 0; y < m_height / 2; ++y)
    std::swap_ranges(pixels.begin() + y * row, pixels.begin() + (y + 1) * row, pixels.begin() + (m_height - 1 - y) * row);
  return pixels;
}

bool RenderTarget::writePng(const std::string& path, std::string& error) const {
  const std::vector<unsigned char> pixels = readRgb();
  if (!stbi_write_png(path.c_str(), m_width, m_height, 3, pixels.data(), m_width * 3)) {
    error = path + ": cannot write the screenshot";
    return false;
  }
  return true;
}

}  // namespace mnsim::app::gfx
