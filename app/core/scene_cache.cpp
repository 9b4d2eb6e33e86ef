#include "core/scene_cache.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <glm/vec4.hpp>

namespace mnsim::app {

void PixelRect::unite(const PixelRect& o) {
  if (o.empty()) return;
  if (empty()) {
    *this = o;
    return;
  }
  x0 = std::min(x0, o.x0);
  y0 = std::min(y0, o.y0);
  x1 = std::max(x1, o.x1);
  y1 = std::max(y1, o.y1);
}

bool SceneState::operator==(const SceneState& o) const {
  return std::memcmp(&viewProjection, &o.viewProjection, sizeof(viewProjection)) == 0 && sizePixels == o.sizePixels &&
         styleGeneration == o.styleGeneration && programKey == o.programKey;
}

void SceneInvalidation::touch(const glm::vec3& centerMm, float radiusMm) {
  const glm::vec3 r(radiusMm);
  if (m_sphereCount == 0 && !m_overflow) {
    m_boxMin = centerMm - r;
    m_boxMax = centerMm + r;
  } else {
    m_boxMin = glm::min(m_boxMin, centerMm - r);
    m_boxMax = glm::max(m_boxMax, centerMm + r);
  }
  if (m_sphereCount < kMaxSpheres) m_spheres[m_sphereCount++] = {centerMm, radiusMm};
  else m_overflow = true;
}

bool SceneInvalidation::Cursor::operator==(const Cursor& o) const {
  return centerMm == o.centerMm && reachMm == o.reachMm && color == o.color && normal == o.normal;
}

void SceneInvalidation::setCursor(const std::optional<Cursor>& cursor) {
  if (cursor == m_cursor) return;
  if (m_cursor) touch(m_cursor->centerMm, m_cursor->reachMm);
  if (cursor) touch(cursor->centerMm, cursor->reachMm);
  m_cursor = cursor;
}

bool SceneInvalidation::addSphere(const glm::vec3& centerMm, float radiusMm, const SceneState& state) {
  // The screen rectangle of the sphere's box: conservative and cheap.
  float xMin = 1e30f, yMin = 1e30f, xMax = -1e30f, yMax = -1e30f;
  for (int corner = 0; corner < 8; ++corner) {
    const glm::vec3 p = centerMm + glm::vec3(corner & 1 ? radiusMm : -radiusMm, corner & 2 ? radiusMm : -radiusMm,
                                             corner & 4 ? radiusMm : -radiusMm);
    const glm::vec4 clip = state.viewProjection * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-3f) return false;
    const float x = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(state.sizePixels.x);
    const float y = (clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(state.sizePixels.y);
    xMin = std::min(xMin, x);
    yMin = std::min(yMin, y);
    xMax = std::max(xMax, x);
    yMax = std::max(yMax, y);
  }
  // Two pixels of margin for filtering and rasterisation rounding; clipped to the screen.
  PixelRect r;
  r.x0 = std::clamp(static_cast<int>(std::floor(xMin)) - 2, 0, state.sizePixels.x);
  r.y0 = std::clamp(static_cast<int>(std::floor(yMin)) - 2, 0, state.sizePixels.y);
  r.x1 = std::clamp(static_cast<int>(std::ceil(xMax)) + 2, 0, state.sizePixels.x);
  r.y1 = std::clamp(static_cast<int>(std::ceil(yMax)) + 2, 0, state.sizePixels.y);
  m_rect.unite(r);
  return true;
}

SceneUpdate SceneInvalidation::take(const SceneState& state) {
  SceneUpdate update;
  m_rect = PixelRect();
  bool full = m_all || !m_last || *m_last != state;
  if (!full) {
    if (m_overflow) {
      const glm::vec3 center = (m_boxMin + m_boxMax) * 0.5f;
      full = !addSphere(center, glm::length(m_boxMax - m_boxMin) * 0.5f, state);
    } else {
      for (int i = 0; i < m_sphereCount && !full; ++i) full = !addSphere(m_spheres[i].centerMm, m_spheres[i].radiusMm, state);
    }
  }
  if (full) update.kind = SceneUpdate::Kind::Full;
  else if (m_rect.empty()) update.kind = SceneUpdate::Kind::None;
  else {
    update.kind = SceneUpdate::Kind::Partial;
    update.rect = m_rect;
  }
  m_all = false;
  m_last = state;
  m_sphereCount = 0;
  m_overflow = false;
  return update;
}

}  // namespace mnsim::app
