// Which part of the 3D scene must be drawn again this frame. The scene (backdrop and skin) is
// kept in its own framebuffer between frames: while the camera stands still only the pixels
// round the pen cursor and round newly stamped skin change, so only their screen rectangle is
// drawn again; a camera move, a new view or a new size redraws everything. Pure math: no GL.
#pragma once

#include <optional>

#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace mnsim::app {

// Pixels [x0, x1) x [y0, y1), OpenGL's convention: rows counted from the bottom.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  void unite(const PixelRect& o);
};

// Everything that changes every pixel of the scene when it changes.
struct SceneState {
  glm::mat4 viewProjection{1.0f};
  glm::ivec2 sizePixels{0};
  int styleGeneration = 0;  // bumped when the view's colours are restyled as a whole
  int programKey = 0;       // which shading the skin gets (view, bare skin, tone)
  bool operator==(const SceneState& o) const;
  bool operator!=(const SceneState& o) const { return !(*this == o); }
};

struct SceneUpdate {
  enum class Kind { None, Partial, Full } kind = Kind::Full;
  PixelRect rect;  // Partial: the pixels to draw again
};

class SceneInvalidation {
 public:
  // Everything is drawn again next frame (a new mesh, a lost framebuffer).
  void invalidateAll() { m_all = true; }
  // Something changed within this sphere (stamped skin recoloured).
  void touch(const glm::vec3& centerMm, float radiusMm);
  // The pen cursor as drawn this frame (nullopt: not drawn). Any change touches the old place
  // and the new one.
  struct Cursor {
    glm::vec3 centerMm{0.0f};
    float reachMm = 0.0f;  // every pixel the cursor tints lies within this distance
    glm::vec3 color{0.0f};
    glm::vec3 normal{0.0f};
    bool operator==(const Cursor& o) const;
  };
  void setCursor(const std::optional<Cursor>& cursor);
  // This frame's answer; forgets what was touched. A state unlike the last one means Full.
  SceneUpdate take(const SceneState& state);

 private:
  // Adds a sphere's screen rectangle; false when it crosses the eye plane (draw everything).
  bool addSphere(const glm::vec3& centerMm, float radiusMm, const SceneState& state);

  bool m_all = true;
  std::optional<SceneState> m_last;
  struct Sphere {
    glm::vec3 centerMm;
    float radiusMm;
  };
  static constexpr int kMaxSpheres = 64;  // more than this in one frame: one box round them all
  Sphere m_spheres[kMaxSpheres];
  int m_sphereCount = 0;
  bool m_overflow = false;
  glm::vec3 m_boxMin{0.0f}, m_boxMax{0.0f};  // the box round every touched sphere
  std::optional<Cursor> m_cursor;
  PixelRect m_rect;
};

}  // namespace mnsim::app
