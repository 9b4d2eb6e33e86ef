// Pictures of the skin without a window: the pad drawn from the front, coloured by the view
// texture, deterministic, with a fault's mark, as PNG.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include <mnsim/procedure/coverage.h>
#include <mnsim/skin/pad.h>

#include "core/skin_picture.h"

namespace mnsim::app {
namespace {

struct PadPicture {
  SkinModel model{makePadAsset()};
  SkinDrawing drawing;
  ViewTexture colours;
  PadPicture() {
    std::string error;
    EXPECT_TRUE(loadSkinDrawing(model, drawing, error)) << error;
    colours.init(drawing.atlas, model.samples(), model.zones());
  }
};

std::array<int, 3> pixel(const Picture& p, int x, int y) {
  const size_t i = (static_cast<size_t>(y) * p.width + x) * 3;
  return {p.rgb[i], p.rgb[i + 1], p.rgb[i + 2]};
}

TEST(SkinPicture, ThePadFromTheFrontInTheViewsColours) {
  PadPicture pad;
  ViewStyle style;
  style.view = View::Zones;
  style.zoneFlags = {1, 0, 2};
  style.zoneSrgb = {glm::vec3(0.9f, 0.1f, 0.1f), glm::vec3(0.1f, 0.1f, 0.9f), glm::vec3(0.1f, 0.9f, 0.1f)};
  pad.colours.restyle(style, nullptr);
  PictureDesc desc;
  const Picture a = drawSkinPicture(pad.model, pad.drawing, pad.colours, desc);
  if (const char* out = std::getenv("MNSIM_PICTURE_OUT")) std::ofstream(out, std::ios::binary) << encodePng(a);
  ASSERT_EQ(a.rgb.size(), 480u * 360u * 3u);
  // Zone A (x < 0) on the left of the picture, zone B on the right, the backdrop in the corner.
  const auto left = pixel(a, 160, 180), right = pixel(a, 320, 240), corner = pixel(a, 2, 2);
  EXPECT_GT(left[0], left[2] + 60) << "zone A's red";
  EXPECT_GT(right[2], right[0] + 60) << "zone B's blue";
  EXPECT_EQ(corner, (std::array<int, 3>{235, 237, 242}));
  // The same inputs, the same pixels.
  EXPECT_EQ(drawSkinPicture(pad.model, pad.drawing, pad.colours, desc).rgb, a.rgb);
  // From behind, the pad faces away: only the backdrop.
  desc.yawDeg = 180.0f;
  const Picture behind = drawSkinPicture(pad.model, pad.drawing, pad.colours, desc);
  EXPECT_EQ(pixel(behind, 240, 180), corner);
}

TEST(SkinPicture, AMarkWhereAFaultWasAndPngBytes) {
  PadPicture pad;
  ViewStyle style;
  pad.colours.restyle(style, nullptr);
  PictureDesc desc;
  Picture p = drawSkinPicture(pad.model, pad.drawing, pad.colours, desc);
  const OrbitCamera camera = pictureCamera(pad.model, desc);
  markPoint(p, camera, {0.0f, 0.0f, 0.0f}, {0.8f, 0.1f, 0.1f}, 6.0f);
  const auto centre = pixel(p, 240, 180);
  EXPECT_EQ(centre, (std::array<int, 3>{204, 26, 26}));
  const std::string png = encodePng(p);
  ASSERT_GT(png.size(), 100u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

}  // namespace
}  // namespace mnsim::app
