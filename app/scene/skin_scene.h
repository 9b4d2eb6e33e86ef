// The 3D layer under the panels: the skin being shown (a practice model or a case's), its colours
// in the current training view, the orbit camera, the pen cursor, and the framebuffers that keep
// the drawn scene between frames so that only what changed is drawn again. Screens say what is
// shown; the shell draws it once per frame. OpenGL only through gfx/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include <mnsim/cases/case_session.h>
#include <mnsim/geometry/mesh.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/session.h>
#include <mnsim/skin/skin_model.h>

#include "core/camera.h"
#include "core/pen_controller.h"
#include "core/scene_cache.h"
#include "core/skin_tones.h"
#include "core/view.h"
#include "core/view_texture.h"
#include "platform/window.h"

namespace mnsim::app {

namespace gfx {
class RenderTarget;
class SkinRenderer;
struct SkinDrawParams;
}  // namespace gfx

// How the scene layer is drawn this frame.
struct SceneLayer {
  bool skin = false;         // the skin (else the backdrop alone)
  bool cursor = false;       // the pen cursor where the pointer is, when it is on the skin
  float penAngleDeg = 0.0f;  // the pen's angle to the skin there, which colours the cursor
};

// Pictures of the skin for a debrief, drawn once when it opens.
struct SceneSnapshots {
  std::vector<void*> textures;      // colour texture ids, for the panels
  std::vector<std::string> labels;  // where each one looks from
  glm::vec2 sizePixels{0.0f};       // each picture's size
};

class SkinScene {
 public:
  SkinScene();
  ~SkinScene();
  SkinScene(const SkinScene&) = delete;
  SkinScene& operator=(const SkinScene&) = delete;

  // Creates the renderer and the framebuffers (the GL context must be current); release() frees
  // them while the context still exists.
  bool init(std::string& error);
  void release();

  // ---- what is shown
  // Shows `model` (kept alive by the caller): loads its drawing data unless it is already shown,
  // and frames the camera on it. Nothing changes when it fails.
  bool show(const SkinModel* model, std::string& error);
  const SkinModel* model() const { return m_model; }
  void setTones(SkinTones tones) { m_tones = std::move(tones); }
  const SkinTones& tones() const { return m_tones; }
  void setSkinType(int fitzpatrick) { m_skinType = fitzpatrick; }
  // The plan whose zones are outlined where untreated, whose density sets the endpoint view's
  // reddest, and whose device shapes the cursor; null: none.
  void setPlan(const TreatmentPlan* plan) { m_plan = plan; }
  const TreatmentPlan& plan() const;
  // The needling under way: its coverage is shown and its changes drawn each frame; null: none.
  void setNeedling(ProcedureSession* session) { m_needling = session; }
  // A finished needling shown when none is under way (the debriefs); null: none.
  void setShownProcedure(const ProcedureSession* session) { m_shownCoverage = session ? &session->coverage() : nullptr; }
  // Coverage shown when no needling is under way (a replay's, at the moment sought); null: none.
  void setShownCoverage(const CoverageMap* coverage) { m_shownCoverage = coverage; }
  // Recolours what these footprints touched in the shown coverage (a replay stepping forward).
  void recolour(const std::vector<Footprint>& changed);
  // The case whose conditions and lesions show on the skin; null: plain skin.
  void setCase(const CaseSession* session) { m_case = session; }

  View view() const { return m_view; }
  int pass() const { return m_pass; }
  void setView(View view);                   // recolours when it changes
  void setPass(int pass);                    // coverage: -1 all passes, else 0-based; recolours when it changes
  void setViewAndPass(View view, int pass);  // recolours always
  // Recolours every texel (a new view, pass, skin type, visit or needling).
  void restyle();
  // Recolours what the needling under way changed since the last call; only those rows upload.
  void syncCoverage();

  // ---- camera and cursor
  OrbitCamera& camera() { return m_camera; }
  // front (the default), left, right, three-quarter or top.
  void applyCameraPreset(const std::string& name);
  // Turns the camera to look at one zone close up (core/zone_focus.h), smoothly or at once; false
  // when the zone has nothing to look at.
  bool lookAtZone(int zone, bool atOnce = false);
  // A needling session opens looking at its plan's zones together (core/zone_focus.h); the
  // camera's reset returns there until endSessionView(). The whole asset where the plan has none.
  void frameOnPlan();
  void endSessionView() { m_camera.clearSessionView(); }
  // Right drag turns, middle drag pans, the wheel zooms (with Ctrl, or always unless
  // wheelSetsDepth). Returns the wheel's dial steps when they are the pen's (+1 or -1), else 0.
  int handleCameraInput(const InputEvents& events, const InputState& input, glm::vec2 viewport, bool panelsHaveMouse,
                        bool wheelSetsDepth);
  // Turns the camera smoothly to a point on the skin (a fault's spot).
  void focusOn(const glm::vec3& pointMm);
  // Where the ray through a pixel meets the skin, as the pen controller wants it.
  PenPick pickAt(glm::vec2 px, glm::vec2 viewport) const;
  const PenPick& cursor() const { return m_cursor; }
  void setCursor(const PenPick& cursor) { m_cursor = cursor; }

  // ---- drawing
  // Brings the scene layer up to date (only what changed) and copies it into `frame`.
  void drawLayer(gfx::RenderTarget& frame, glm::ivec2 framebuffer, const SceneLayer& layer);
  // The front and both three-quarter views (one front view when `flat`), without a cursor; they
  // stay valid until the next call.
  SceneSnapshots renderSnapshots(bool flat);

 private:
  gfx::SkinDrawParams drawParams(glm::vec2 viewport, bool cursor, float penAngleDeg) const;
  void uploadDirtyRows();
  // Recolours the samples under m_changed from `coverage` and clears the list.
  void recolourChanged(const CoverageMap& coverage);

  SkinTones m_tones;
  int m_skinType = 3;
  const SkinModel* m_model = nullptr;
  std::string m_preparedAsset;  // the content hash the drawing data below belongs to
  TriMesh m_drawMesh;
  const TreatmentPlan* m_plan = nullptr;
  ProcedureSession* m_needling = nullptr;
  const CoverageMap* m_shownCoverage = nullptr;
  const CaseSession* m_case = nullptr;
  View m_view = View::Skin;
  int m_pass = -1;
  ViewTexture m_viewTexture;  // the current view's colours per texel
  std::vector<Footprint> m_changed;
  std::vector<uint32_t> m_changedSamples;
  int m_styleGeneration = 0;
  float m_viewAspect = 16.0f / 9.0f;  // the last frame's width over height

  OrbitCamera m_camera;
  PenPick m_cursor;
  glm::vec2 m_dragFromPx{0.0f};
  bool m_dragging = false;

  std::unique_ptr<gfx::SkinRenderer> m_renderer;
  std::unique_ptr<gfx::RenderTarget> m_sceneTarget;  // backdrop and skin, kept between frames
  std::unique_ptr<gfx::RenderTarget> m_backdrop;     // the backdrop alone, drawn once per size
  std::unique_ptr<gfx::RenderTarget> m_motionTarget;  // a smaller frame while the camera moves
  glm::mat4 m_lastViewProjection{0.0f};              // the previous frame's camera
  bool m_motionShown = false;                        // the scene target holds a scaled-up frame
  SceneInvalidation m_dirty;
  std::vector<std::unique_ptr<gfx::RenderTarget>> m_snapshots;
};

}  // namespace mnsim::app
