// The app's window-free core: camera, fixed-step pen clock, settings, coverage atlas.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <glm/geometric.hpp>

#include <mnsim/skin/pad.h>
#include <mnsim/procedure/plan.h>
#include <mnsim/procedure/session.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/procedure/pen_sample.h>

#include "core/camera.h"
#include "core/coverage_atlas.h"
#include "core/pen_controller.h"
#include "core/settings.h"
#include "core/view_texture.h"

namespace mnsim::app {
namespace {

namespace fs = std::filesystem;

TEST(Settings, RoundTripAndDamagedFile) {
  const fs::path dir = fs::temp_directory_path() / "mnsim_settings_test";
  fs::remove_all(dir);
  Settings s;
  s.windowWidth = 1600;
  s.windowHeight = 900;
  s.windowX = 40;
  s.windowY = 50;
  s.fitzpatrick = 5;
  s.asset = "pad";
  s.plan = "/plans/pad.yaml";
  s.assessment = true;
  s.hudVisible = false;
  s.addRecent("/a.yaml");
  s.addRecent("/b.yaml");
  s.addRecent("/a.yaml");  // moves to the front, no duplicate
  ASSERT_TRUE(saveSettings(s, dir.string()));
  const Settings back = loadSettings(dir.string());
  EXPECT_EQ(back.windowWidth, 1600);
  EXPECT_EQ(back.windowHeight, 900);
  EXPECT_EQ(back.windowX, 40);
  EXPECT_EQ(back.fitzpatrick, 5);
  EXPECT_EQ(back.asset, "pad");
  EXPECT_EQ(back.plan, "/plans/pad.yaml");
  EXPECT_TRUE(back.assessment);
  EXPECT_FALSE(back.hudVisible);
  EXPECT_EQ(back.recent, (std::vector<std::string>{"/a.yaml", "/b.yaml"}));
  // Garbage and out-of-range values give defaults, never a failure.
  std::ofstream(dir / "settings.ini") << "window_width=huge\nfitzpatrick=42\n\x01\x02 nonsense\n";
  const Settings damaged = loadSettings(dir.string());
  EXPECT_EQ(damaged.windowWidth, 1280);
  EXPECT_EQ(damaged.fitzpatrick, 6);
  fs::remove_all(dir);
  EXPECT_EQ(loadSettings(dir.string()).windowWidth, 1280);  // missing file: defaults
}

TEST(Settings, ConfigFolderFollowsXdg) {
  setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
  EXPECT_EQ(configFolder(), "/tmp/xdg-test/mnsim");
  unsetenv("XDG_CONFIG_HOME");
}

TEST(Camera, LimitsAndRays) {
  OrbitCamera cam;
  cam.frame({0, 0, 0}, 100.0f);
  const float home = cam.distanceMm();
  cam.zoom(0.0001f);
  EXPECT_GE(cam.distanceMm(), cam.limits().minDistanceMm);
  cam.zoom(1e6f);
  EXPECT_LE(cam.distanceMm(), cam.limits().maxDistanceMm);
  cam.orbit(0.0f, 500.0f);
  EXPECT_LE(cam.pitchDeg(), cam.limits().maxPitchDeg);
  cam.reset();
  EXPECT_FLOAT_EQ(cam.distanceMm(), home);
  // From the front, the ray through the centre looks along -Z at the target.
  glm::vec3 origin, dir;
  cam.ray({640, 360}, {1280, 720}, origin, dir);
  EXPECT_NEAR(dir.z, -1.0f, 1e-4f);
  EXPECT_NEAR(origin.z, home, 1e-2f);
  cam.pan({10000, 0}, {1280, 720});
  EXPECT_LE(glm::length(cam.target()), cam.limits().maxPanMm + 1e-3f);
  // Focus turns the camera to look along a normal at a point.
  cam.focusOn({10, 20, 30}, {1, 0, 0}, 150.0f);
  for (int i = 0; i < 100 && cam.update(0.05f);) ++i;
  EXPECT_NEAR(glm::length(cam.target() - glm::vec3(10, 20, 30)), 0.0f, 1e-3f);
  EXPECT_NEAR(cam.yawDeg(), 90.0f, 1e-3f);
  EXPECT_NEAR(cam.distanceMm(), 150.0f, 1e-3f);
}

// The simulation clock is fixed-step: the same input gives the same samples whatever the frame
// rate, and the session stamps at the device rate on that clock, never once per frame.
TEST(PenController, FixedStepClockIndependentOfFrameRate) {
  const SkinModel pad(makePadAsset());
  auto plan = parsePlan("format: mnsim-plan/1\nasset: pad\nzones:\n  - id: pad_a\n", "p.yaml");
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(resolvePlan(*plan, pad.asset()).ok());
  auto runAt = [&](double frameS) {
    PenController pen(&plan->device());
    std::vector<PenSample> samples;
    double t = 0.0;
    while (t < 2.0) {
      const double before = t;
      t += frameS;
      pen.advance(frameS, true, [&](float f) {
        // The cursor glides along x at 30 mm/s across the frame.
        const double at = before + (t - before) * f;
        PenPick pick;
        pick.onSkin = true;
        pick.surface.pointMm = {-50.0f + 30.0f * static_cast<float>(at), 0.0f, 0.0f};
        pick.surface.normal = {0, 0, 1};
        pick.viewDirection = {0, 0, -1};
        return pick;
      }, [&](const PenSample& s) { samples.push_back(s); });
    }
    // The same span of simulated time for every frame rate: 2 s = 240 steps.
    samples.resize(240);
    ProcedureSession session({&pad, &*plan});
    for (const PenSample& s : samples) session.addSample(s);
    session.finish();
    return std::make_pair(samples, session.stamps().size());
  };
  const auto [at60, stamps60] = runAt(1.0 / 60.0);
  const auto [at23, stamps23] = runAt(1.0 / 23.0);
  EXPECT_EQ(stamps60, 200u);  // 100 stamps per second over 2 s, not one per frame
  EXPECT_EQ(stamps23, stamps60);
  // Same step times and positions, frame rate aside.
  const size_t n = std::min(at60.size(), at23.size());
  for (size_t i = 0; i < n; ++i) {
    EXPECT_DOUBLE_EQ(at60[i].timeS, at23[i].timeS);
    EXPECT_NEAR(at60[i].tipMm.x, at23[i].tipMm.x, 1e-3f);
  }
}

TEST(PenController, DialRateTiltAndPass) {
  PenController pen(findDevice("pen"));
  pen.settings().depthMm = 0.5f;
  pen.stepDepth(3);
  EXPECT_FLOAT_EQ(pen.settings().depthMm, 1.25f);
  pen.stepDepth(100);
  EXPECT_FLOAT_EQ(pen.settings().depthMm, 2.5f);
  pen.stepDepth(-100);
  EXPECT_FLOAT_EQ(pen.settings().depthMm, 0.25f);
  pen.stepRate(100);
  EXPECT_FLOAT_EQ(pen.settings().rateHz, 150.0f);
  pen.nextPass();
  EXPECT_EQ(pen.settings().pass, 2);
  PenPick pick;
  pick.onSkin = true;
  pick.surface.normal = {0, 0, 1};
  pick.viewDirection = {0, 0, -1};
  EXPECT_NEAR(pen.angleDeg(pick), 0.0f, 1e-3f);
  pen.tilt(0.0f, 15.0f);
  EXPECT_NEAR(pen.angleDeg(pick), 15.0f, 1e-3f);
  pen.resetTilt();
  EXPECT_NEAR(pen.angleDeg(pick), 0.0f, 1e-3f);
}

TEST(CoverageAtlas, EveryPadTexelShowsANearbySample) {
  const SkinModel pad(makePadAsset());
  TriMesh draw = pad.mesh();
  planarUvs(draw);
  const int size = atlasSizeFor(draw, 0.5f);
  EXPECT_EQ(size, 256);  // 120 mm over 256 texels: 0.47 mm per texel
  const CoverageAtlas atlas = buildCoverageAtlas(draw, pad.samples(), size, 1.5f, 2);
  EXPECT_EQ(atlas, buildCoverageAtlas(draw, pad.samples(), size, 1.5f, 1));  // any thread count
  int used = 0;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const uint32_t s = atlas.sample[y * size + x];
      // Texels below the pad (v > 80/120) hold nothing; all others a sample under them.
      const glm::vec3 p(-60.0f + (x + 0.5f) * 120.0f / size, -40.0f + (y + 0.5f) * 120.0f / size, 0.0f);
      if (p.y > 40.0f + 1.0f) continue;
      if (p.y > 40.0f - 0.5f) continue;  // the rim's texels straddle the edge
      ASSERT_NE(s, kNoSample) << x << "," << y;
      EXPECT_LT(glm::length(pad.samples().position(s) - p), 0.75f);
      ++used;
    }
  }
  EXPECT_GT(used, 256 * 160);
  EXPECT_LE(atlas.texelMm, 1.0f);
}

TEST(ViewTexture, TintScalesTheSkinColourWhereTheImageSaysSo) {
  const SkinModel pad(makePadAsset());
  TriMesh draw = pad.mesh();
  planarUvs(draw);
  const CoverageAtlas atlas = buildCoverageAtlas(draw, pad.samples(), 64, 1.5f, 1);
  ViewTexture texture;
  texture.init(atlas, pad.samples(), pad.zones());
  ViewStyle style;
  style.view = View::Skin;
  style.skinSrgb = glm::vec3(0.8f, 0.6f, 0.5f);
  texture.restyle(style, nullptr);
  const std::vector<uint8_t> plain(texture.rgba(), texture.rgba() + 64 * 64 * 4);
  // A 2x1 image: the left half of the uv square unchanged, the right half's red halved.
  texture.setTint(2, 1, {255, 255, 255, 128, 255, 255});
  EXPECT_TRUE(texture.hasTint());
  texture.restyle(style, nullptr);
  const uint8_t* tinted = texture.rgba();
  const size_t left = (10 * 64 + 5) * 4, right = (10 * 64 + 58) * 4;  // row 10, near either side
  EXPECT_EQ(tinted[left], plain[left]);
  EXPECT_NEAR(tinted[right], plain[right] * 128 / 255, 1);
  EXPECT_EQ(tinted[right + 1], plain[right + 1]);  // green untouched
  texture.setTint(3, 3, {1, 2, 3});  // the wrong size: ignored, no tint
  EXPECT_FALSE(texture.hasTint());
}

}  // namespace
}  // namespace mnsim::app

#include "core/lesion_writer.h"

namespace mnsim::app {
namespace {

NewLesion mole() {
  NewLesion l;
  l.name = "spot_1";
  l.zoneId = "cheek_left";
  l.landmark = "alare_left";
  l.offsetMm = {12.25f, -3.0f, -8.5f};
  return l;
}

TEST(LesionWriter, AppendsToAnExistingListAndTouchesNothingElse) {
  const std::string text =
      "schema: mnsim-scenario/1   # keep me\n"
      "patient:\n"
      "  name: Ms. A\n"
      "  # lesions the instructor placed\n"
      "  lesions:\n"
      "    - name: old\n"
      "      kind: raised mole   # a comment in the item\n"
      "      zone: chin\n"
      "\n"
      "  goals: [calm skin]\n"
      "visits: []\n";
  auto out = insertLesion(text, mole(), "c.yaml");
  ASSERT_TRUE(out.ok()) << out.error().format();
  EXPECT_EQ(*out,
            "schema: mnsim-scenario/1   # keep me\n"
            "patient:\n"
            "  name: Ms. A\n"
            "  # lesions the instructor placed\n"
            "  lesions:\n"
            "    - name: old\n"
            "      kind: raised mole   # a comment in the item\n"
            "      zone: chin\n"
            "    - {name: spot_1, kind: raised mole, zone: cheek_left, landmark: alare_left, offset_mm: [12.2, -3.0, -8.5], "
            "radius_mm: 3.0, no_go: true}\n"
            "\n"
            "  goals: [calm skin]\n"
            "visits: []\n");
}

TEST(LesionWriter, AddsTheListWhenThereIsNone) {
  const std::string text = "patient:\n    name: B\n    goals: [x]\n# trailing comment\nvisits: []\n";
  auto out = insertLesion(text, mole(), "c.yaml");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out,
            "patient:\n    name: B\n    goals: [x]\n    lesions:\n"
            "      - {name: spot_1, kind: raised mole, zone: cheek_left, landmark: alare_left, offset_mm: [12.2, -3.0, -8.5], "
            "radius_mm: 3.0, no_go: true}\n"
            "# trailing comment\nvisits: []\n");
}

TEST(LesionWriter, RefusesWhatItCannotEditSafely) {
  auto noPatient = insertLesion("schema: x\n", mole(), "c.yaml");
  ASSERT_FALSE(noPatient.ok());
  EXPECT_EQ(noPatient.error().format(), "c.yaml: error: the scenario has no top-level 'patient:' to add a lesion to");
  auto flow = insertLesion("patient:\n  lesions: []\n", mole(), "c.yaml");
  ASSERT_FALSE(flow.ok());
  EXPECT_EQ(flow.error().format(), "c.yaml:2:11: error: 'lesions:' is written as a flow list; write it as a block list to add to it");
}

TEST(LesionWriter, APlacedLesionIsMeasuredFromTheNearestLandmarkAndGetsAFreeName) {
  const Asset pad = makePadAsset();
  SurfacePoint at;
  at.pointMm = {26.0f, 17.0f, 0.0f};  // on pad B, 5 mm from the mole's centre (30, 20)
  at.zone = static_cast<uint16_t>(pad.zones.find("pad_b"));
  NewLesion lesion = lesionAt(at, pad, nullptr);
  EXPECT_EQ(lesion.zoneId, "pad_b");
  EXPECT_EQ(lesion.landmark, "mole_center");
  EXPECT_EQ(lesion.offsetMm, glm::vec3(-4.0f, -3.0f, 0.0f));
  EXPECT_EQ(lesion.name, "spot_1");
  Scenario scenario;
  scenario.patient.lesions.resize(2);
  scenario.patient.lesions[0].name = "spot_1";
  scenario.patient.lesions[1].name = "spot_2";
  EXPECT_EQ(lesionAt(at, pad, &scenario).name, "spot_3");
}

TEST(LesionWriter, WritesTheFileAndKeepsTheOriginal) {
  const fs::path dir = fs::temp_directory_path() / "mnsim_lesion_writer";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "case.yaml";
  std::ofstream(file) << "patient:\n  name: C\n";
  ASSERT_TRUE(addLesionToFile(file.string(), mole()).ok());
  ASSERT_TRUE(fs::exists(dir / "case.yaml.orig"));
  std::ifstream orig(dir / "case.yaml.orig");
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(orig)), {}), "patient:\n  name: C\n");
  std::ifstream now(file);
  const std::string text((std::istreambuf_iterator<char>(now)), {});
  EXPECT_NE(text.find("  lesions:\n    - {name: spot_1"), std::string::npos) << text;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::app

#include "core/scene_cache.h"

namespace {

// A camera 400 mm in front of the origin, looking at it, on a 1280x720 screen.
mnsim::app::SceneState frontState() {
  mnsim::app::OrbitCamera camera;
  camera.frame(glm::vec3(0.0f), 120.0f);
  mnsim::app::SceneState s;
  s.sizePixels = {1280, 720};
  s.viewProjection = camera.projection(1280.0f / 720.0f) * camera.view();
  return s;
}

}  // namespace

TEST(SceneInvalidation, FirstFrameAndAnyStateChangeRedrawEverything) {
  mnsim::app::SceneInvalidation dirty;
  mnsim::app::SceneState s = frontState();
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Full);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::None);
  s.styleGeneration = 1;
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Full);
  s.sizePixels = {1024, 640};
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Full);
  s.viewProjection[3][0] += 0.001f;  // the camera moved a hair
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Full);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::None);
  dirty.invalidateAll();
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Full);
}

TEST(SceneInvalidation, TouchedSkinRedrawsASmallRectangleRoundIt) {
  mnsim::app::SceneInvalidation dirty;
  const mnsim::app::SceneState s = frontState();
  dirty.take(s);
  dirty.touch(glm::vec3(0.0f), 5.0f);
  const mnsim::app::SceneUpdate u = dirty.take(s);
  ASSERT_EQ(u.kind, mnsim::app::SceneUpdate::Kind::Partial);
  // The origin projects to the middle of the screen; 10 mm at 400 mm is a few dozen pixels.
  EXPECT_LT(u.rect.x0, 640);
  EXPECT_GT(u.rect.x1, 640);
  EXPECT_LT(u.rect.y0, 360);
  EXPECT_GT(u.rect.y1, 360);
  EXPECT_LT(u.rect.width(), 120);
  EXPECT_GT(u.rect.width(), 10);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::None);  // forgotten once drawn

  // Two places: one rectangle round both; a touch half off the screen is clipped to it.
  dirty.touch(glm::vec3(-50.0f, 0.0f, 0.0f), 2.0f);
  dirty.touch(glm::vec3(50.0f, 0.0f, 0.0f), 2.0f);
  const mnsim::app::SceneUpdate both = dirty.take(s);
  ASSERT_EQ(both.kind, mnsim::app::SceneUpdate::Kind::Partial);
  EXPECT_LT(both.rect.x0, 640 - 100);
  EXPECT_GT(both.rect.x1, 640 + 100);
  dirty.touch(glm::vec3(0.0f, 5000.0f, 0.0f), 10.0f);  // far above the screen
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::None);
  // Something behind the eye cannot be bounded on screen: everything is drawn.
  dirty.touch(glm::vec3(0.0f, 0.0f, 2000.0f), 10.0f);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Full);
}

TEST(SceneInvalidation, ManyTouchesInOneFrameStillCoverEveryOne) {
  mnsim::app::SceneInvalidation dirty;
  const mnsim::app::SceneState s = frontState();
  dirty.take(s);
  for (int i = 0; i < 200; ++i) dirty.touch(glm::vec3(-60.0f + 0.6f * i, 0.3f * i - 30.0f, 0.0f), 1.0f);
  const mnsim::app::SceneUpdate u = dirty.take(s);
  ASSERT_EQ(u.kind, mnsim::app::SceneUpdate::Kind::Partial);
  mnsim::app::SceneInvalidation one;  // the first and last touch alone, for comparison
  one.take(s);
  one.touch(glm::vec3(-60.0f, -30.0f, 0.0f), 1.0f);
  one.touch(glm::vec3(-60.0f + 0.6f * 199, 0.3f * 199 - 30.0f, 0.0f), 1.0f);
  const mnsim::app::SceneUpdate ends = one.take(s);
  EXPECT_LE(u.rect.x0, ends.rect.x0);
  EXPECT_LE(u.rect.y0, ends.rect.y0);
  EXPECT_GE(u.rect.x1, ends.rect.x1);
  EXPECT_GE(u.rect.y1, ends.rect.y1);
}

TEST(SceneInvalidation, TheCursorRedrawsWhereItWasAndWhereItIs) {
  mnsim::app::SceneInvalidation dirty;
  const mnsim::app::SceneState s = frontState();
  dirty.take(s);
  mnsim::app::SceneInvalidation::Cursor c{glm::vec3(-40.0f, 0.0f, 0.0f), 6.0f, glm::vec3(0, 0, 1), glm::vec3(0, 0, 1)};
  dirty.setCursor(c);
  const mnsim::app::SceneUpdate first = dirty.take(s);
  ASSERT_EQ(first.kind, mnsim::app::SceneUpdate::Kind::Partial);
  EXPECT_LT(first.rect.x1, 640);  // left of the middle only
  dirty.setCursor(c);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::None);  // still: nothing to draw
  c.centerMm.x = 40.0f;
  dirty.setCursor(c);
  const mnsim::app::SceneUpdate moved = dirty.take(s);
  ASSERT_EQ(moved.kind, mnsim::app::SceneUpdate::Kind::Partial);
  EXPECT_LT(moved.rect.x0, 640);  // the old place is cleaned up...
  EXPECT_GT(moved.rect.x1, 640);  // ... and the new one drawn
  c.color = glm::vec3(1, 0, 0);  // the angle turned it red: same place, drawn again
  dirty.setCursor(c);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Partial);
  dirty.setCursor(std::nullopt);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::Partial);
  dirty.setCursor(std::nullopt);
  EXPECT_EQ(dirty.take(s).kind, mnsim::app::SceneUpdate::Kind::None);
}
