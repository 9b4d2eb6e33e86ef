#include "gfx/render_target.h"

#include <stb_image_write.h>

namespace mnsim::app::gfx {

RenderTarget::~RenderTarget() {
  if (m_fbo) glDeleteFramebuffers(1, &m_fbo);
  if (m_color) glDeleteTextures(1, &m_color);
  if (m_depth) glDeleteRenderbuffers(1, &m_depth);
}

void RenderTarget::resize(int width, int height) {
  if (width <= 0 || height <= 0 || (width == m_width && height == m_height)) return;
  m_width = width;
  m_height = height;
  if (!m_fbo) {
    glGenFramebuffers(1, &m_fbo);
    glGenTextures(1, &m_color);
    glGenRenderbuffers(1, &m_depth);
  }
  glBindTexture(GL_TEXTURE_2D, m_color);
  // sRGB storage: the 3D pass writes linear colours with GL_FRAMEBUFFER_SRGB on and the panels
  // write display colours with it off; readback and blits copy the stored values unchanged.
  glTexImage2D(GL_TEXTURE_2D, 0, GL_SRGB8_ALPHA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
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
}

void RenderTarget::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, m_fbo);
  glViewport(0, 0, m_width, m_height);
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
