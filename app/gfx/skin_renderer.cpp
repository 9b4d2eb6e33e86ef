#include "gfx/skin_renderer.h"

#include <algorithm>

#include <glm/gtc/type_ptr.hpp>

#include "gfx/gl.h"
#include "gfx/shader.h"

namespace mnsim::app::gfx {

SkinRenderer::SkinRenderer() = default;

SkinRenderer::~SkinRenderer() {
  GLuint buffers[] = {m_vbo, m_ibo};
  glDeleteBuffers(2, buffers);
  GLuint textures[] = {m_normalMap, m_viewColor};
  glDeleteTextures(2, textures);
  GLuint arrays[] = {m_vao, m_emptyVao};
  glDeleteVertexArrays(2, arrays);
}

bool SkinRenderer::init(std::string& error) {
  // Build the commonest program now, so that a broken shader is reported at start-up.
  program(false, false, false);
  if (!m_buildError.empty()) {
    error = m_buildError;
    return false;
  }
  m_background = std::make_unique<Shader>();
  if (!m_background->build("background", error)) return false;
  glGenVertexArrays(1, &m_vao);
  glGenVertexArrays(1, &m_emptyVao);
  glGenBuffers(1, &m_vbo);
  glGenBuffers(1, &m_ibo);
  glGenTextures(1, &m_viewColor);
  glGenTextures(1, &m_normalMap);
  // Something valid is bound to every sampler from the start.
  setViewColorSize(1, 1);
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
  m_openings = findOpenings(mesh);
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

void SkinRenderer::setViewColorSize(int width, int height) {
  m_viewColorWidth = width;
  const std::vector<uint8_t> white(static_cast<size_t>(width) * height * 4, 255);
  glBindTexture(GL_TEXTURE_2D, m_viewColor);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_SRGB8_ALPHA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, white.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

void SkinRenderer::updateViewColorRows(int firstRow, int rowCount, const uint8_t* rgba) {
  if (rowCount <= 0) return;
  glBindTexture(GL_TEXTURE_2D, m_viewColor);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, firstRow, m_viewColorWidth, rowCount, GL_RGBA, GL_UNSIGNED_BYTE,
                  rgba + static_cast<size_t>(firstRow) * m_viewColorWidth * 4);
}

const Shader& SkinRenderer::program(bool coloured, bool cursor, bool normalMap) {
  std::unique_ptr<Shader>& slot = m_skin[coloured ? 1 : 0][cursor ? 1 : 0][normalMap ? 1 : 0];
  if (!slot) {
    slot = std::make_unique<Shader>();
    const std::string defines = std::string("#define VIEW ") + (coloured ? "1" : "0") + "\n#define CURSOR " + (cursor ? "1" : "0") +
                                "\n#define NORMAL_MAP " + (normalMap ? "1" : "0") + "\n";
    std::string error;
    if (!slot->build("skin", error, defines)) m_buildError = error;
  }
  return *slot;
}

void SkinRenderer::drawBackground() {
  glDisable(GL_DEPTH_TEST);
  m_background->use();
  glBindVertexArray(m_emptyVao);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
}

void SkinRenderer::draw(const SkinDrawParams& p) {
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  const Shader& skin = program(!(p.bareSkin && p.view == View::Skin), p.cursor.visible, m_hasNormalMap);
  skin.use();
  skin.set("uViewProjection", p.viewProjection);
  skin.set("uEye", p.eyeMm);
  skin.set("uAlbedo", p.look.albedo);
  skin.set("uScatter", p.look.scatter);
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
  glBindTexture(GL_TEXTURE_2D, m_viewColor);
  skin.set("uViewColor", 1);
  glActiveTexture(GL_TEXTURE0);

  glBindVertexArray(m_vao);
  // Outside first, then the inside (the neck opening): hidden inner faces then fail the depth
  // test before any shading, which halves the fragments a CPU rasteriser shades. The inside only
  // where the eye can see it through an opening (core/mesh_openings.h): from below the neck's cut,
  // from behind the pad.
  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  glDrawElements(GL_TRIANGLES, m_indexCount, GL_UNSIGNED_INT, nullptr);
  if (insideMayShow(m_openings, p.eyeMm)) {
    glCullFace(GL_FRONT);
    glDrawElements(GL_TRIANGLES, m_indexCount, GL_UNSIGNED_INT, nullptr);
  }
  glDisable(GL_CULL_FACE);
  glBindVertexArray(0);
}

}  // namespace mnsim::app::gfx
