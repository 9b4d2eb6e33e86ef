#include "scene/skin_scene.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/case_appearance.h"
#include "core/skin_drawing.h"
#include "core/zone_focus.h"
#include "gfx/render_target.h"
#include "gfx/skin_renderer.h"

namespace mnsim::app {

SkinScene::SkinScene() = default;
SkinScene::~SkinScene() = default;

bool SkinScene::init(std::string& error) {
  m_sceneTarget = std::make_unique<gfx::RenderTarget>();
  m_backdrop = std::make_unique<gfx::RenderTarget>();
  m_motionTarget = std::make_unique<gfx::RenderTarget>();
  m_renderer = std::make_unique<gfx::SkinRenderer>();
  return m_renderer->init(error);
}

void SkinScene::release() {
  m_snapshots.clear();
  m_renderer.reset();
  m_sceneTarget.reset();
  m_backdrop.reset();
  m_motionTarget.reset();
}

const TreatmentPlan& SkinScene::plan() const {
  static const TreatmentPlan kNone;
  return m_plan ? *m_plan : kNone;
}

bool SkinScene::show(const SkinModel* model, std::string& error) {
  const Asset& asset = model->asset();
  if (m_preparedAsset == asset.contentHash && m_model == model) return true;
  SkinDrawing drawing;
  if (!loadSkinDrawing(*model, drawing, error)) return false;
  m_drawMesh = std::move(drawing.mesh);
  m_renderer->setMesh(m_drawMesh);
  m_dirty.invalidateAll();
  m_renderer->setNormalMap(drawing.normalMap.width, drawing.normalMap.height, drawing.normalMap.rgb);
  m_renderer->setViewColorSize(drawing.atlas.width, drawing.atlas.height);
  m_viewTexture.init(drawing.atlas, model->samples(), model->zones());
  m_viewTexture.setTint(drawing.tint.width, drawing.tint.height, drawing.tint.rgb);
  m_model = model;
  m_preparedAsset = asset.contentHash;
  const Aabb box = meshBounds(model->mesh());
  m_camera.frame(box.center(), glm::length(box.extent()) * 0.5f);
  return true;
}

void SkinScene::setView(View view) {
  if (view == m_view) return;
  m_view = view;
  restyle();
}

void SkinScene::setPass(int pass) {
  if (pass == m_pass) return;
  m_pass = pass;
  restyle();
}

void SkinScene::setViewAndPass(View view, int pass) {
  m_view = view;
  m_pass = pass;
  restyle();
}

void SkinScene::restyle() {
  if (!m_model) return;
  ViewStyle style = viewStyleFor(m_view, m_pass, *m_model, plan(), m_tones.tone(m_skinType).swatchSrgb);
  if (m_case) style.appearance = caseAppearance(*m_case, m_model->zones());
  // The needling under way, else a finished one (debriefs, replay), else nothing needled.
  const CoverageMap* shown = m_needling ? &m_needling->coverage() : m_shownCoverage;
  m_viewTexture.restyle(style, shown);
  ++m_styleGeneration;                                           // every texel may have changed
  if (m_needling) m_needling->takeChangedFootprints(m_changed);  // already in the new colours
  m_changed.clear();
  uploadDirtyRows();
}

void SkinScene::syncCoverage() {
  m_needling->takeChangedFootprints(m_changed);
  recolourChanged(m_needling->coverage());
}

void SkinScene::recolour(const std::vector<Footprint>& changed) {
  if (!m_shownCoverage || m_needling) return;
  m_changed = changed;
  recolourChanged(*m_shownCoverage);
}

void SkinScene::recolourChanged(const CoverageMap& coverage) {
  if (m_changed.empty()) return;
  // The samples under the changed footprints, recoloured; only their rows are uploaded.
  const SkinSamples& samples = m_model->samples();
  m_changedSamples.clear();
  for (const Footprint& fp : m_changed) {
    const float reach = fp.rectangle ? std::hypot(fp.halfLengthMm, fp.halfWidthMm) : fp.radiusMm;
    samples.forEachWithin(fp.centerMm, reach, [&](uint32_t i) { m_changedSamples.push_back(i); });
    m_dirty.touch(fp.centerMm, reach + 1.5f);  // texels reach a little past their samples
  }
  m_changed.clear();
  m_viewTexture.update(m_changedSamples, coverage);
  uploadDirtyRows();
}

void SkinScene::uploadDirtyRows() {
  for (const auto& [first, last] : m_viewTexture.takeDirtyRows())
    m_renderer->updateViewColorRows(first, last - first, m_viewTexture.rgba());
}

void SkinScene::applyCameraPreset(const std::string& name) {
  m_camera.resetToWhole();
  if (name == "left")
    m_camera.setAngles(90.0f, 0.0f);  // the patient's left side (+X)
  else if (name == "right")
    m_camera.setAngles(-90.0f, 0.0f);
  else if (name == "three-quarter")
    m_camera.setAngles(35.0f, 8.0f);
  else if (name == "top")
    m_camera.setAngles(0.0f, 70.0f);
}

bool SkinScene::lookAtZone(int zone, bool atOnce) {
  if (!m_model) return false;
  auto aim = aimAtZone(m_model->mesh(), m_model->zones(), zone, m_camera.fovDeg());
  if (!aim) return false;
  m_camera.focusOn(aim->targetMm, aim->normal, aim->distanceMm);
  if (atOnce) m_camera.update(1.0f);
  return true;
}

void SkinScene::frameOnPlan() {
  std::vector<int> planned;
  for (const ZonePlan& z : plan().zones) planned.push_back(z.zone);
  ViewFill fill;
  fill.aspect = m_viewAspect;
  const auto aim = m_model ? aimAtZones(m_model->mesh(), m_model->zones(), planned, m_camera.fovDeg(), fill) : std::nullopt;
  if (aim)
    m_camera.setSessionView(aim->targetMm, aim->normal, aim->distanceMm);
  else
    m_camera.clearSessionView();
  m_camera.reset();
}

int SkinScene::handleCameraInput(const InputEvents& events, const InputState& input, glm::vec2 viewport,
                                 bool panelsHaveMouse, bool wheelSetsDepth) {
  if (panelsHaveMouse && !m_dragging) return 0;
  int depthSteps = 0;
  if (events.scrollY != 0.0f) {
    if (input.ctrl || !wheelSetsDepth)
      m_camera.zoom(std::pow(0.9f, events.scrollY));
    else
      depthSteps = events.scrollY > 0 ? 1 : -1;
  }
  if (input.right || input.middle) {
    if (m_dragging) {
      const glm::vec2 d = input.mousePx - m_dragFromPx;
      if (input.right)
        m_camera.orbit(-d.x * 0.3f, d.y * 0.3f);
      else
        m_camera.pan(d, viewport);
    }
    m_dragFromPx = input.mousePx;
    m_dragging = true;
  } else {
    m_dragging = false;
  }
  return depthSteps;
}

void SkinScene::focusOn(const glm::vec3& pointMm) {
  const auto near = m_model->nearest(pointMm, 5.0f);
  m_camera.focusOn(pointMm, near ? near->normal : glm::vec3(0, 0, 1), 160.0f);
}

PenPick SkinScene::pickAt(glm::vec2 px, glm::vec2 viewport) const {
  return pickThrough(m_camera, *m_model, px, viewport);
}

gfx::SkinDrawParams SkinScene::drawParams(glm::vec2 viewport, bool cursor, float penAngleDeg) const {
  const float aspect = viewport.x / std::max(1.0f, viewport.y);
  gfx::SkinDrawParams p;
  p.viewProjection = m_camera.projection(aspect) * m_camera.view();
  p.eyeMm = m_camera.eye();
  p.view = m_view;
  // Plain skin needs no texture, unless the asset has colour detail or a case shows conditions.
  p.bareSkin = m_view == View::Skin && !m_case && !m_viewTexture.hasTint();
  const SkinTone& tone = m_tones.tone(m_skinType);
  p.look.albedo = tone.albedoLinear;
  p.look.scatter = tone.scatterLinear;
  if (cursor && m_cursor.onSkin) {
    const TreatmentPlan& plan = this->plan();
    const StampGeometry g = stampGeometry(plan.device(), plan.cartridge());
    p.cursor.visible = true;
    p.cursor.centerMm = m_cursor.surface.pointMm;
    p.cursor.normal = m_cursor.surface.normal;
    glm::vec3 u, v;
    SkinModel::tangentFrame(m_cursor.surface.normal, u, v);
    p.cursor.along = v;  // the roller rolls up and down the screen until it moves
    p.cursor.radiusMm = g.rectangle ? g.widthMm * 0.5f : g.radiusMm;
    p.cursor.halfLengthMm = g.rectangle ? g.lengthMm * 0.5f : 0.0f;
    const bool noGo = m_model->zones().zones[m_cursor.surface.zone].noGo;
    p.cursor.color = noGo || penAngleDeg > plan.rules.angleFaultDeg ? glm::vec3(0.85f, 0.12f, 0.10f)
                     : penAngleDeg > plan.rules.angleWarnDeg        ? glm::vec3(0.95f, 0.60f, 0.10f)
                                                                    : glm::vec3(0.10f, 0.50f, 0.90f);
  }
  return p;
}

void SkinScene::drawLayer(gfx::RenderTarget& frame, glm::ivec2 framebuffer, const SceneLayer& layer) {
  if (m_sceneTarget->resize(framebuffer.x, framebuffer.y)) m_dirty.invalidateAll();
  if (framebuffer.y > 0) m_viewAspect = static_cast<float>(framebuffer.x) / static_cast<float>(framebuffer.y);
  if (m_backdrop->resize(framebuffer.x, framebuffer.y)) {
    // The backdrop is the same every frame: shaded once, then copied, which costs far less.
    m_backdrop->bind();
    m_renderer->drawBackground();
  }
  const bool scene = layer.skin && m_model;
  const gfx::SkinDrawParams p =
      scene ? drawParams(glm::vec2(framebuffer), layer.cursor, layer.penAngleDeg) : gfx::SkinDrawParams();
  SceneState state;
  state.sizePixels = framebuffer;
  state.styleGeneration = m_styleGeneration;
  state.viewProjection = scene ? p.viewProjection : glm::mat4(0.0f);
  state.programKey = scene ? (static_cast<int>(p.view) * 2 + (p.bareSkin ? 1 : 0)) * 8 + m_skinType : -1;
  if (p.cursor.visible) {
    // The ring, its fill and the 3 mm slab the shader tints; the colour follows the angle.
    const float reach = std::hypot(p.cursor.radiusMm + 0.5f, p.cursor.halfLengthMm + 0.5f) + 3.0f;
    m_dirty.setCursor(SceneInvalidation::Cursor{p.cursor.centerMm, reach, p.cursor.color, p.cursor.normal});
  } else {
    m_dirty.setCursor(std::nullopt);
  }
  // While the camera moves (a drag, a zoom, a focus turn) every frame is drawn whole: at half
  // the size and scaled up, a CPU rasteriser shades a quarter of the pixels (with the planned
  // zones filling the view, that keeps an orbit as fast as the whole head's was). The first frame
  // after the camera stops is drawn at full size again.
  const bool moving = scene && p.viewProjection != m_lastViewProjection && m_lastViewProjection != glm::mat4(0.0f);
  m_lastViewProjection = scene ? p.viewProjection : glm::mat4(0.0f);
  if (m_motionShown && !moving) m_dirty.invalidateAll();
  const SceneUpdate update = m_dirty.take(state);
  m_motionShown = moving && update.kind != SceneUpdate::Kind::None;
  if (m_motionShown) {
    m_motionTarget->resize(std::max(1, framebuffer.x / 2), std::max(1, framebuffer.y / 2));
    m_motionTarget->bind();
    m_renderer->drawBackground();
    m_motionTarget->clearDepth();
    m_renderer->draw(p);
    m_motionTarget->scaledCopyTo(frame);  // the scene target is drawn again when the camera stops
    return;
  } else if (update.kind != SceneUpdate::Kind::None) {
    const PixelRect* rect = update.kind == SceneUpdate::Kind::Partial ? &update.rect : nullptr;
    m_backdrop->copyTo(*m_sceneTarget, rect);
    m_sceneTarget->bind();
    gfx::RenderTarget::scissor(rect);
    m_sceneTarget->clearDepth();
    if (scene) m_renderer->draw(p);
    gfx::RenderTarget::scissor(nullptr);
  }
  m_sceneTarget->copyTo(frame);
}

SceneSnapshots SkinScene::renderSnapshots(bool flat) {
  // Front and both three-quarter views of the heatmap, for the debrief.
  const int w = 480, h = 360;
  const float yaws[] = {-40.0f, 0.0f, 40.0f};
  const char* labels[] = {"right side", "front", "left side"};
  SceneSnapshots out;
  out.sizePixels = {w, h};
  m_snapshots.clear();
  const OrbitCamera saved = m_camera;
  for (int i = 0; i < (flat ? 1 : 3); ++i) {
    auto target = std::make_unique<gfx::RenderTarget>();
    target->resize(w, h);
    target->bind();
    target->clear(glm::vec4(0.92f, 0.93f, 0.95f, 1.0f));
    m_camera.resetToWhole();
    m_camera.setAngles(flat ? 0.0f : yaws[i], 0.0f);
    if (!flat) m_camera.zoom(0.8f);
    m_renderer->draw(drawParams(glm::vec2(w, h), false, 0.0f));
    out.textures.push_back(reinterpret_cast<void*>(static_cast<intptr_t>(target->colorTexture())));
    out.labels.push_back(flat ? "from the front" : labels[i]);
    m_snapshots.push_back(std::move(target));
  }
  m_camera = saved;
  return out;
}

}  // namespace mnsim::app
