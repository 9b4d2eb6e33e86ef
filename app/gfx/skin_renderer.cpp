#include "gfx/skin_renderer.h"

#include <algorithm>

#include <glm/gtc/type_ptr.hpp>

namespace mnsim::app::gfx {

SkinRenderer::~SkinRenderer() {
  GLuint buffers[] = {m_vbo, m_ibo, m_stateBuffer};
  glDeleteBuffers(3, buffers);
  GLuint textures[] = {m_normalMap, m_sampleIndex, m_stateTexture};
  glDeleteTextures(3, textures);
  GLuint arrays[] = {m_vao, m_emptyVao};
  glDeleteVertexArrays(2, arrays);
}

bool SkinRenderer::init(std::string& error) {
  // Build the commonest program now, so that a broken shader is reported at start-up.
  program(0, false, false);
  if (!m_buildError.empty()) {
    error = m_buildError;
    return false;
  }
  if (!m_background.build("background", error)) return false;
  glGenVertexArrays(1, &m_vao);
  glGenVertexArrays(1, &m_emptyVao);
  glGenBuffers(1, &m_vbo);
  glGenBuffers(1, &m_ibo);
  glGenBuffers(1, &m_stateBuffer);
  glGenTextures(1, &m_stateTexture);
  glGenTextures(1, &m_sampleIndex);
  glGenTextures(1, &m_normalMap);
  // Something valid is bound to every sampler from the start.
  setSampleIndex(1, 1, {0xffffffffu});
  setSampleCount(1);
  setNormalMap(1, 1, {128, 128, 255});
  m_hasNormalMap = false;
  return true;
}

void SkinRenderer::setMesh(const TriMesh& mesh) {
  std::vector<float> vertices;
  vertices.reserve(mesh.positions.size() * 8);
  for (size_t i = 0; i < mesh.positions.size(); ++i) {
    const glm::vec3 p = mesh.positions[i];
    const glm::vec3 n = i < mesh.vertexNormals.size() ? mesh.vertexNormals[i] : glm::vec3(0, 0, 1);
    const glm::vec2 uv = i < mesh.uvs.size() ? mesh.uvs[i] : glm::vec2(0.0f);
    vertices.insert(vertices.end(), {p.x, p.y, p.z, n.x, n.y, n.z, uv.x, uv.y});
  }
  glBindVertexArray(m_vao);
  glBindBuffer(GL_ARRAY_BUFFER, m_vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(float)), vertices.data(), GL_STATIC_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_ibo);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.triangles.size() * sizeof(glm::uvec3)),
               mesh.triangles.data(), GL_STATIC_DRAW);
  const GLsizei stride = 8 * sizeof(float);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(0));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(3 * sizeof(float)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(6 * sizeof(float)));
  glBindVertexArray(0);
  m_indexCount = static_cast<GLsizei>(mesh.triangles.size() * 3);
}

void SkinRenderer::setNormalMap(int width, int height, const std::vector<unsigned char>& rgb) {
  m_hasNormalMap = width > 0 && height > 0 && rgb.size() == static_cast<size_t>(width) * height * 3;
  if (!m_hasNormalMap) return;
  glBindTexture(GL_TEXTURE_2D, m_normalMap);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, width, height, 0, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  glGenerateMipmap(GL_TEXTURE_2D);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_NEAREST);  // bilinear: cheap on CPUs
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

void SkinRenderer::setSampleIndex(int width, int height, const std::vector<uint32_t>& indices) {
  glBindTexture(GL_TEXTURE_2D, m_sampleIndex);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32UI, width, height, 0, GL_RED_INTEGER, GL_UNSIGNED_INT, indices.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

void SkinRenderer::setSampleCount(size_t count) {
  const std::vector<uint32_t> zeros(std::max<size_t>(count, 1) * 4, 0u);
  glBindBuffer(GL_TEXTURE_BUFFER, m_stateBuffer);
  glBufferData(GL_TEXTURE_BUFFER, static_cast<GLsizeiptr>(zeros.size() * sizeof(uint32_t)), zeros.data(), GL_DYNAMIC_DRAW);
  glBindTexture(GL_TEXTURE_BUFFER, m_stateTexture);
  glTexBuffer(GL_TEXTURE_BUFFER, GL_RGBA32UI, m_stateBuffer);
  glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

void SkinRenderer::updateSampleState(size_t first, size_t count, const uint32_t* state) {
  if (count == 0) return;
  glBindBuffer(GL_TEXTURE_BUFFER, m_stateBuffer);
  glBufferSubData(GL_TEXTURE_BUFFER, static_cast<GLintptr>(first * 16), static_cast<GLsizeiptr>(count * 16), state);
  glBindBuffer(GL_TEXTURE_BUFFER, 0);
}

void SkinRenderer::setZones(const std::vector<glm::vec3>& colors, const std::vector<int>& flags) {
  for (size_t z = 0; z < m_zoneColors.size(); ++z) {
    m_zoneColors[z] = z < colors.size() ? colors[z] : glm::vec3(0.5f);
    m_zoneFlags[z] = z < flags.size() ? flags[z] : 0;
  }
}

const Shader& SkinRenderer::program(int view, bool cursor, bool normalMap) {
  std::unique_ptr<Shader>& slot = m_skin[view][cursor ? 1 : 0][normalMap ? 1 : 0];
  if (!slot) {
    slot = std::make_unique<Shader>();
    const std::string defines = "#define VIEW " + std::to_string(view) + "\n#define CURSOR " + (cursor ? "1" : "0") +
                                "\n#define NORMAL_MAP " + (normalMap ? "1" : "0") + "\n";
    std::string error;
    if (!slot->build("skin", error, defines)) m_buildError = error;
  }
  return *slot;
}

void SkinRenderer::drawBackground() {
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_FRAMEBUFFER_SRGB);
  m_background.use();
  glBindVertexArray(m_emptyVao);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glDisable(GL_FRAMEBUFFER_SRGB);
}

void SkinRenderer::draw(const SkinDrawParams& p) {
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDisable(GL_CULL_FACE);  // the neck opening shows the inside
  const Shader& skin = program(static_cast<int>(p.view), p.cursor.visible, m_hasNormalMap);
  skin.use();
  skin.set("uViewProjection", p.viewProjection);
  skin.set("uEye", p.eyeMm);
  skin.set("uAlbedo", p.look.albedo);
  skin.set("uScatter", p.look.scatter);
  skin.set("uPass", p.pass);
  skin.set("uDensityFull", p.densityFullPerCm2);
  glUniform3fv(skin.location("uZoneColor"), 64, glm::value_ptr(m_zoneColors[0]));
  glUniform1iv(skin.location("uZoneFlags"), 64, m_zoneFlags.data());
  skin.set("uCursorCenter", p.cursor.centerMm);
  skin.set("uCursorNormal", p.cursor.normal);
  skin.set("uCursorAlong", p.cursor.along);
  skin.set("uCursorRadius", p.cursor.radiusMm);
  skin.set("uCursorHalfLength", p.cursor.halfLengthMm);
  skin.set("uCursorColor", p.cursor.color);

  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, m_normalMap);
  skin.set("uNormalMap", 0);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, m_sampleIndex);
  skin.set("uSampleIndex", 1);
  glActiveTexture(GL_TEXTURE2);
  glBindTexture(GL_TEXTURE_BUFFER, m_stateTexture);
  skin.set("uSampleState", 2);
  glActiveTexture(GL_TEXTURE0);

  glEnable(GL_FRAMEBUFFER_SRGB);
  glBindVertexArray(m_vao);
  glDrawElements(GL_TRIANGLES, m_indexCount, GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
  glDisable(GL_FRAMEBUFFER_SRGB);
}

}  // namespace mnsim::app::gfx
