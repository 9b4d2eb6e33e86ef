// A mouse cannot tilt a pen (issue 10, item 9): a stroke dragged across the curved forehead
// from the front camera, picked through the camera's pixels as the app picks the cursor, stands
// the pen on the skin, so the angle rules find nothing; the tilt keys still lean it, and that is
// judged.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>
#include <glm/mat4x4.hpp>

#include <mnsim/formats/plan_file.h>
#include <mnsim/procedure/fault_kinds.h>
#include <mnsim/procedure/session.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/skin/asset_loader.h>

#include "core/camera.h"
#include "core/pen_controller.h"

namespace mnsim::app {
namespace {

struct Stroke {
  ProcedureResult result;
  const ZoneResult* forehead = nullptr;
  size_t samples = 0;
};

// Drags the mouse across the forehead, 60 mm wide at mid-height, from the front camera in a
// 1280 x 720 view over 3 s at 60 frames per second, leaning the pen tiltYDeg with the tilt keys.
Stroke dragAcrossTheForehead(float tiltYDeg) {
  static AssetLibrary library(defaultAssetSearch(""));
  auto model = library.model("head");
  EXPECT_TRUE(model.ok());
  const SkinModel& skin = **model;
  auto plan = parsePlan("format: mnsim-plan/1\nasset: head\nzones:\n  - id: forehead\n    depth_mm: [0.25, 0.5]\n",
                        "forehead.yaml");
  EXPECT_TRUE(plan.ok());
  EXPECT_TRUE(resolvePlan(*plan, skin.asset()).ok());

  OrbitCamera camera;
  const Aabb box = meshBounds(skin.mesh());
  camera.frame(box.center(), 0.5f * glm::length(box.hi - box.lo));  // the front view
  const glm::vec2 viewport(1280.0f, 720.0f);
  const int forehead = skin.zones().find("forehead");
  const ZoneSummary zone = summarizeZones(skin.asset())[forehead];
  auto toPixel = [&](const glm::vec3& p) {
    const glm::vec4 clip = camera.projection(viewport.x / viewport.y) * camera.view() * glm::vec4(p, 1.0f);
    const glm::vec2 ndc(clip.x / clip.w, clip.y / clip.w);
    return glm::vec2((ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y);
  };
  const glm::vec2 from = toPixel(zone.centroid + glm::vec3(-30.0f, 0.0f, 0.0f));
  const glm::vec2 to = toPixel(zone.centroid + glm::vec3(30.0f, 0.0f, 0.0f));

  PenController pen(&plan->device());
  pen.settings().depthMm = 0.5f;
  pen.tilt(0.0f, tiltYDeg);
  Stroke out;
  ProcedureSession session({&skin, &*plan});
  const double frameS = 1.0 / 60.0, lengthS = 3.0;
  for (double t = 0.0; t < lengthS; t += frameS) {
    pen.advance(frameS, true, [&](float f) {
      const float at = static_cast<float>(std::min(1.0, (t + f * frameS) / lengthS));
      return pickThrough(camera, skin, from + (to - from) * at, viewport);
    }, [&](const PenSample& s) {
      session.addSample(s);
      ++out.samples;
    });
  }
  session.finish();
  out.result = session.result();
  return out;
}

const ZoneResult* zone(const ProcedureResult& r, const std::string& id) {
  for (const ZoneResult& z : r.zones)
    if (z.id == id) return &z;
  return nullptr;
}

bool hasAngleFault(const ProcedureResult& r) {
  for (const Fault& f : r.faults)
    if (f.kind == FaultKind::Angle) return true;
  return false;
}

TEST(PenOnCurvedSkin, AMouseStrokeAcrossTheForeheadStandsThePenOnTheSkin) {
  const Stroke s = dragAcrossTheForehead(0.0f);
  ASSERT_GT(s.samples, 300u);
  const ZoneResult* f = zone(s.result, "forehead");
  ASSERT_NE(f, nullptr);
  ASSERT_GT(f->stamps, 200);
  EXPECT_DOUBLE_EQ(f->angleWithinShare, 1.0);
  EXPECT_LT(f->angleMaxDeg, 1.0);
  EXPECT_FALSE(hasAngleFault(s.result));
  EXPECT_EQ(std::count(f->unmet.begin(), f->unmet.end(), "angle"), 0);
}

TEST(PenOnCurvedSkin, TheTiltKeysLeanItAndTheAngleRulesJudgeThat) {
  const Stroke s = dragAcrossTheForehead(25.0f);  // beyond the 20° fault line
  const ZoneResult* f = zone(s.result, "forehead");
  ASSERT_NE(f, nullptr);
  EXPECT_NEAR(f->angleMeanDeg, 25.0, 0.5);
  EXPECT_DOUBLE_EQ(f->angleWithinShare, 0.0);
  EXPECT_TRUE(hasAngleFault(s.result));
  EXPECT_EQ(std::count(f->unmet.begin(), f->unmet.end(), "angle"), 1);
}

}  // namespace
}  // namespace mnsim::app
