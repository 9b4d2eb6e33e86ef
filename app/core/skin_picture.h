// Pictures of the skin drawn without a window or a GPU, for reports made on machines with no
// display: the drawing mesh rasterised on the CPU with a depth buffer, each pixel coloured from
// the view texture (the same colours the app shows: coverage, endpoint, zones) and lit from the
// eye, framed as the app's orbit camera frames the model. Deterministic: the same inputs give the
// same pixels on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include <mnsim/skin/skin_model.h>

#include "core/camera.h"
#include "core/skin_drawing.h"
#include "core/view_texture.h"

namespace mnsim::app {

struct Picture {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // rows from the top
};

struct PictureDesc {
  int width = 480, height = 360;
  float yawDeg = 0.0f, pitchDeg = 0.0f;  // as OrbitCamera::setAngles (0, 0: the face from the front)
  float zoom = 1.0f;                      // < 1 moves closer (OrbitCamera::zoom)
  glm::vec3 backgroundSrgb{0.92f, 0.93f, 0.95f};
};

// The camera the app would use for `model` from these angles.
OrbitCamera pictureCamera(const SkinModel& model, const PictureDesc& desc);
// Draws the skin: `drawing` from loadSkinDrawing, `colours` restyled for the view wanted.
Picture drawSkinPicture(const SkinModel& model, const SkinDrawing& drawing, const ViewTexture& colours,
                        const PictureDesc& desc);
// A filled dot with a white ring at a point of the skin (a fault's place), when it faces the camera.
void markPoint(Picture& picture, const OrbitCamera& camera, const glm::vec3& pointMm, const glm::vec3& colourSrgb,
               float radiusPx);
// PNG bytes of the picture.
std::string encodePng(const Picture& picture);

}  // namespace mnsim::app
