#include "core/skin_picture.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/geometric.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

#include <stb_image_write.h>

namespace mnsim::app {

namespace {

struct Projected {
  glm::vec3 screen{0.0f};  // x, y in pixels, z in 0..1 (smaller: nearer)
  bool front = false;      // in front of the eye
};

Projected project(const glm::mat4& viewProjection, const glm::vec3& p, int w, int h) {
  const glm::vec4 clip = viewProjection * glm::vec4(p, 1.0f);
  Projected out;
  if (clip.w <= 1e-6f) return out;
  const glm::vec3 ndc = glm::vec3(clip) / clip.w;
  out.screen = {(ndc.x * 0.5f + 0.5f) * static_cast<float>(w), (0.5f - ndc.y * 0.5f) * static_cast<float>(h),
                ndc.z * 0.5f + 0.5f};
  out.front = true;
  return out;
}

uint8_t toByte(float v) { return static_cast<uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); }

}  // namespace

OrbitCamera pictureCamera(const SkinModel& model, const PictureDesc& desc) {
  OrbitCamera camera;
  const Aabb box = meshBounds(model.mesh());
  camera.frame(box.center(), glm::length(box.extent()) * 0.5f);
  camera.setAngles(desc.yawDeg, desc.pitchDeg);
  if (desc.zoom != 1.0f) camera.zoom(desc.zoom);
  return camera;
}

Picture drawSkinPicture(const SkinModel& model, const SkinDrawing& drawing, const ViewTexture& colours,
                        const PictureDesc& desc) {
  Picture pic;
  pic.width = desc.width;
  pic.height = desc.height;
  pic.rgb.resize(static_cast<size_t>(desc.width) * desc.height * 3);
  for (size_t i = 0; i < pic.rgb.size(); i += 3) {
    pic.rgb[i] = toByte(desc.backgroundSrgb.x);
    pic.rgb[i + 1] = toByte(desc.backgroundSrgb.y);
    pic.rgb[i + 2] = toByte(desc.backgroundSrgb.z);
  }
  const OrbitCamera camera = pictureCamera(model, desc);
  const glm::mat4 vp = camera.projection(static_cast<float>(desc.width) / desc.height) * camera.view();
  const glm::vec3 eye = camera.eye();
  const TriMesh& mesh = drawing.mesh;
  std::vector<float> depth(static_cast<size_t>(desc.width) * desc.height, std::numeric_limits<float>::max());
  const int texW = colours.width(), texH = colours.height();
  const uint8_t* tex = colours.rgba();
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    const glm::uvec3 tri = mesh.triangles[t];
    Projected p[3];
    for (int k = 0; k < 3; ++k) p[k] = project(vp, mesh.positions[tri[k]], desc.width, desc.height);
    if (!p[0].front || !p[1].front || !p[2].front) continue;
    const glm::vec3 a = p[0].screen, b = p[1].screen, c = p[2].screen;
    const float area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (area >= 0.0f) continue;  // facing away (counter-clockwise from outside, y down on screen)
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min({a.x, b.x, c.x}))));
    const int x1 = std::min(desc.width - 1, static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}))));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min({a.y, b.y, c.y}))));
    const int y1 = std::min(desc.height - 1, static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}))));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
        const float w0 = ((b.x - px) * (c.y - py) - (b.y - py) * (c.x - px)) / area;
        const float w1 = ((c.x - px) * (a.y - py) - (c.y - py) * (a.x - px)) / area;
        const float w2 = 1.0f - w0 - w1;
        if (w0 < 0.0f || w1 < 0.0f || w2 < 0.0f) continue;
        const float z = w0 * a.z + w1 * b.z + w2 * c.z;
        const size_t at = static_cast<size_t>(y) * desc.width + x;
        if (z >= depth[at]) continue;
        depth[at] = z;
        glm::vec3 colour(0.84f, 0.67f, 0.55f);
        if (!mesh.uvs.empty() && texW > 0) {
          const glm::vec2 uv = w0 * mesh.uvs[tri[0]] + w1 * mesh.uvs[tri[1]] + w2 * mesh.uvs[tri[2]];
          const int tx = std::clamp(static_cast<int>(uv.x * texW), 0, texW - 1);
          const int ty = std::clamp(static_cast<int>(uv.y * texH), 0, texH - 1);
          const uint8_t* texel = tex + (static_cast<size_t>(ty) * texW + tx) * 4;
          colour = glm::vec3(texel[0], texel[1], texel[2]) / 255.0f;
        }
        glm::vec3 normal = mesh.faceNormal(t);
        if (!mesh.vertexNormals.empty())
          normal = glm::normalize(w0 * mesh.vertexNormals[tri[0]] + w1 * mesh.vertexNormals[tri[1]] +
                                  w2 * mesh.vertexNormals[tri[2]]);
        const glm::vec3 point = w0 * mesh.positions[tri[0]] + w1 * mesh.positions[tri[1]] + w2 * mesh.positions[tri[2]];
        const float light = 0.35f + 0.65f * std::max(0.0f, glm::dot(normal, glm::normalize(eye - point)));
        pic.rgb[at * 3] = toByte(colour.x * light);
        pic.rgb[at * 3 + 1] = toByte(colour.y * light);
        pic.rgb[at * 3 + 2] = toByte(colour.z * light);
      }
  }
  return pic;
}

void markPoint(Picture& pic, const OrbitCamera& camera, const glm::vec3& pointMm, const glm::vec3& colourSrgb,
               float radiusPx) {
  const glm::mat4 vp = camera.projection(static_cast<float>(pic.width) / pic.height) * camera.view();
  const Projected p = project(vp, pointMm, pic.width, pic.height);
  if (!p.front) return;
  const float ring = radiusPx + 2.0f;
  for (int y = static_cast<int>(p.screen.y - ring); y <= static_cast<int>(p.screen.y + ring); ++y)
    for (int x = static_cast<int>(p.screen.x - ring); x <= static_cast<int>(p.screen.x + ring); ++x) {
      if (x < 0 || y < 0 || x >= pic.width || y >= pic.height) continue;
      const float d = std::hypot(static_cast<float>(x) + 0.5f - p.screen.x, static_cast<float>(y) + 0.5f - p.screen.y);
      if (d > ring) continue;
      const glm::vec3 c = d <= radiusPx ? colourSrgb : glm::vec3(1.0f);
      const size_t at = (static_cast<size_t>(y) * pic.width + x) * 3;
      pic.rgb[at] = toByte(c.x);
      pic.rgb[at + 1] = toByte(c.y);
      pic.rgb[at + 2] = toByte(c.z);
    }
}

std::string encodePng(const Picture& pic) {
  std::string out;
  stbi_write_png_to_func(
      [](void* context, void* data, int size) { static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size)); },
      &out, pic.width, pic.height, 3, pic.rgb.data(), pic.width * 3);
  return out;
}

}  // namespace mnsim::app
