// Draws the skin: the drawing mesh with its normal map, and every training view from the per-
// sample state (coverage, density, depth, zone) through the texel -> sample atlas.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include <mnsim/geometry/mesh.h>

#include "core/mesh_openings.h"
#include "core/view.h"

namespace mnsim::app::gfx {

class Shader;

struct SkinLook {
  glm::vec3 albedo{0.78f, 0.57f, 0.47f};   // linear base colour (Fitzpatrick type)
  glm::vec3 scatter{0.80f, 0.25f, 0.20f};  // subsurface tint, linear
};

struct PenCursor {
  bool visible = false;
  glm::vec3 centerMm{0.0f};
  glm::vec3 normal{0, 0, 1};
  glm::vec3 along{1, 0, 0};      // roller: rolling direction
  float radiusMm = 3.0f;         // pen: head radius; roller: half the drum width
  float halfLengthMm = 0.0f;     // roller: half the row pitch; 0 for the pen
  glm::vec3 color{0.15f, 0.55f, 0.95f};
};

struct SkinDrawParams {
  glm::mat4 viewProjection{1.0f};
  glm::vec3 eyeMm{0.0f};
  View view = View::Skin;
  bool bareSkin = true;           // plain albedo, no view texture (the cheapest program)
  SkinLook look;
  PenCursor cursor;
};

class SkinRenderer {
 public:
  SkinRenderer();
  ~SkinRenderer();
  SkinRenderer(const SkinRenderer&) = delete;
  SkinRenderer& operator=(const SkinRenderer&) = delete;

  bool init(std::string& error);
  // The drawing mesh needs uvs and vertex normals.
  void setMesh(const TriMesh& drawMesh);
  // RGB8 object-space normal map; empty to draw without one.
  void setNormalMap(int width, int height, const std::vector<unsigned char>& rgb);
  // The view's colour per texel of the atlas: sRGB RGBA8, rows from v = 0.
  void setViewColorSize(int width, int height);
  void updateViewColorRows(int firstRow, int rowCount, const uint8_t* rgba);

  void drawBackground();
  void draw(const SkinDrawParams& params);

 private:
  // Programs per [coloured view][cursor][normal map], built on first use.
  const Shader& program(bool coloured, bool cursor, bool normalMap);
  std::unique_ptr<Shader> m_skin[2][2][2];
  std::string m_buildError;
  std::unique_ptr<Shader> m_background;
  unsigned int m_vao = 0, m_vbo = 0, m_ibo = 0, m_emptyVao = 0;  // GL names
  int m_indexCount = 0;
  MeshOpenings m_openings;  // where the inside can be seen from (the second pass)
  unsigned int m_normalMap = 0, m_viewColor = 0;
  int m_viewColorWidth = 0;
  bool m_hasNormalMap = false;
};

}  // namespace mnsim::app::gfx
