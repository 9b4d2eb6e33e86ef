#include "render.h"

#include <algorithm>
#include <cmath>

#include "detmath.h"
#include "parallel.h"

namespace headgen {

namespace {

using glm::vec3;

vec3 srgbToLinear(vec3 c) {
  for (int k = 0; k < 3; ++k)
    c[k] = c[k] <= 0.04045f ? c[k] / 12.92f : static_cast<float>(dm::pow((c[k] + 0.055) / 1.055, 2.4));
  return c;
}

float linearToSrgb(float x) {
  x = std::clamp(x, 0.0f, 1.0f);
  return x <= 0.0031308f ? 12.92f * x : static_cast<float>(1.055 * dm::pow(x, 1.0 / 2.4) - 0.055);
}

// Filmic curve (Narkowicz's fit of ACES), keeps highlights on skin soft.
float tonemap(float x) {
  x *= 0.8f;
  return std::clamp((x * (2.51f * x + 0.03f)) / (x * (2.43f * x + 0.59f) + 0.14f), 0.0f, 1.0f);
}

uint32_t hash32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

void basis(const vec3& n, vec3& t, vec3& b) {
  const vec3 a = std::fabs(n.x) < 0.9f ? vec3(1, 0, 0) : vec3(0, 1, 0);
  t = glm::normalize(glm::cross(a, n));
  b = glm::cross(n, t);
}

struct Hit {
  bool ok = false;
  uint32_t triangle = 0;
  float u = 0, v = 0;
  vec3 point{0.0f};
};

}  // namespace

std::vector<float> vertexAmbientOcclusion(const mnsim::TriMesh& mesh, const mnsim::Bvh& bvh, int rays,
                                          float maxDistanceMm) {
  std::vector<float> ao(mesh.positions.size(), 1.0f);
  const double golden = 0.6180339887498949;
  parallelFor(mesh.positions.size(), [&](size_t i) {
    const vec3 n = mesh.vertexNormals[i];
    vec3 t, b;
    basis(n, t, b);
    const vec3 origin = mesh.positions[i] + n * 0.05f;
    const double offset = (hash32(static_cast<uint32_t>(i)) & 0xffff) / 65536.0;
    double occluded = 0.0;
    for (int k = 0; k < rays; ++k) {
      const double u1 = (k + 0.5) / rays;
      double u2 = k * golden + offset;
      u2 -= std::floor(u2);
      double s, c;
      dm::sincos(dm::kTwoPi * u2, s, c);
      const double r = std::sqrt(u1);
      const vec3 d = glm::normalize(t * static_cast<float>(r * c) + b * static_cast<float>(r * s) +
                                    n * static_cast<float>(std::sqrt(1.0 - u1)));
      if (auto hit = bvh.raycast(origin, d, 0.0f, maxDistanceMm)) occluded += 1.0 - hit->distanceMm / maxDistanceMm;
    }
    ao[i] = static_cast<float>(1.0 - occluded / rays);
  }, 64);
  return ao;
}

std::vector<float> smoothVertexField(const mnsim::TriMesh& mesh, std::vector<float> field, int passes) {
  // Jacobi passes of the umbrella average over edge neighbours (each edge once per triangle
  // side, which weights neighbours by the triangles they share: smooth enough for shading).
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<float> sum(field.size(), 0.0f), weight(field.size(), 0.0f);
    for (const glm::uvec3& t : mesh.triangles)
      for (int k = 0; k < 3; ++k) {
        const uint32_t a = t[k], b = t[(k + 1) % 3];
        sum[a] += field[b];
        weight[a] += 1.0f;
        sum[b] += field[a];
        weight[b] += 1.0f;
      }
    for (size_t i = 0; i < field.size(); ++i)
      if (weight[i] > 0.0f) field[i] = 0.5f * field[i] + 0.5f * sum[i] / weight[i];
  }
  return field;
}

std::vector<float> vertexLightVisibility(const mnsim::TriMesh& mesh, const mnsim::Bvh& bvh, const glm::vec3& lightDir,
                                         float radius, int rays) {
  std::vector<float> vis(mesh.positions.size(), 1.0f);
  vec3 lt, lb;
  basis(lightDir, lt, lb);
  const double golden = 0.6180339887498949;
  parallelFor(mesh.positions.size(), [&](size_t i) {
    const vec3 n = mesh.vertexNormals[i];
    const vec3 origin = mesh.positions[i] + n * 0.15f;
    const double offset = (hash32(static_cast<uint32_t>(i) * 2654435761U) & 0xffff) / 65536.0;
    int open = 0;
    for (int k = 0; k < rays; ++k) {
      // Stratified points on the light's disk (a sunflower spiral, turned per vertex).
      const double r = radius * std::sqrt((k + 0.5) / rays);
      double a = k * golden + offset;
      a -= std::floor(a);
      double s, c;
      dm::sincos(dm::kTwoPi * a, s, c);
      const vec3 d = glm::normalize(lightDir + lt * static_cast<float>(r * c) + lb * static_cast<float>(r * s));
      if (glm::dot(d, n) <= 0.0f) continue;  // below the surface: in its own shade
      if (!bvh.raycast(origin, d, 0.05f, 600.0f)) ++open;
    }
    vis[i] = static_cast<float>(open) / rays;
  }, 64);
  return vis;
}

std::vector<uint8_t> renderImage(const RenderScene& scene, const Camera& camera, const RenderDesc& desc) {
  const mnsim::TriMesh& mesh = *scene.mesh;
  const int w = desc.width, h = desc.height, ss = std::max(1, desc.samplesPerAxis);
  const vec3 eye(camera.eye), forward = glm::normalize(vec3(camera.target - camera.eye));
  const vec3 right = glm::normalize(glm::cross(forward, vec3(camera.up)));
  const vec3 up = glm::cross(right, forward);
  const double tanHalf = dm::sin(camera.fovYDeg * dm::kPi / 360.0) / dm::cos(camera.fovYDeg * dm::kPi / 360.0);
  const float aspect = static_cast<float>(w) / h;

  // Lights fixed to the camera, so every view is lit the same way (a soft portrait set-up: a
  // large key light a little above and to one side, a fill from the other side, a rim behind).
  const vec3 toCam = -forward;
  const vec3 keyDir = glm::normalize(-0.34f * right + 0.42f * up + 0.84f * toCam);
  const vec3 fillDir = glm::normalize(0.75f * right + 0.05f * up + 0.65f * toCam);
  const vec3 rimDir = glm::normalize(0.45f * right + 0.55f * up - 0.70f * toCam);
  const vec3 keyColor(1.95f, 1.84f, 1.68f), fillColor(0.36f, 0.40f, 0.48f), rimColor(0.55f, 0.56f, 0.62f);
  // The key light's shadow, per vertex: the visible fraction of a disk light seen from each
  // vertex, many rays each, interpolated across the triangles. A soft, noise-free penumbra
  // (the former one ray per subsample drew bands and grain in every cast shadow).
  const std::vector<float> keyVisibility = vertexLightVisibility(mesh, *scene.bvh, keyDir, 0.22f, 48);
  std::vector<vec3> zoneLinear;
  for (const vec3& c : scene.zoneColors) zoneLinear.push_back(srgbToLinear(c));

  std::vector<float> rgb(size_t(w) * h * 3, 0.0f);
  std::vector<int32_t> zoneId(size_t(w) * h, -1);
  std::vector<float> depth(size_t(w) * h, 1e30f);

  parallelFor(static_cast<size_t>(h), [&](size_t row) {
    const int y = static_cast<int>(row);
    for (int x = 0; x < w; ++x) {
      vec3 sum(0.0f);
      int centerZone = -1;
      float centerDepth = 1e30f;
      for (int sy = 0; sy < ss; ++sy)
        for (int sx = 0; sx < ss; ++sx) {
          const float px = (x + (sx + 0.5f) / ss) / w * 2.0f - 1.0f;
          const float py = 1.0f - (y + (sy + 0.5f) / ss) / h * 2.0f;
          const vec3 dir = glm::normalize(forward + right * (px * static_cast<float>(tanHalf) * aspect) +
                                          up * (py * static_cast<float>(tanHalf)));
          auto hit = scene.bvh->raycast(eye, dir);
          // A ray that slips between two triangles (a rounding gap in the BVH's triangle test)
          // meets the far side of the head from inside: a back face. The surface is closed
          // towards every camera here, so such a hit is cast again a hair's breadth aside.
          for (int retry = 1; retry <= 3 && hit && glm::dot(mesh.faceNormal(hit->triangle), dir) > 0.0f; ++retry) {
            const vec3 nudge = (right * float(retry % 2 ? 1 : -1) + up * float(retry > 1 ? 1 : 0)) * 2e-5f;
            hit = scene.bvh->raycast(eye, glm::normalize(dir + nudge));
          }
          if (!hit) {
            // Calm studio background: a soft vertical gradient with a slight vignette.
            const float gy = 0.5f + 0.5f * py;
            const float vig = 1.0f - 0.10f * (px * px * 0.6f + py * py);
            const vec3 top(0.80f, 0.82f, 0.84f), bottom(0.56f, 0.59f, 0.62f);
            sum += srgbToLinear((bottom + (top - bottom) * gy) * vig);
            continue;
          }
          const glm::uvec3 tri = mesh.triangles[hit->triangle];
          const float w1 = hit->u, w2 = hit->v, w0 = 1.0f - w1 - w2;
          vec3 n = scene.normalAt ? scene.normalAt(hit->triangle, w1, w2)
                                  : glm::normalize(mesh.vertexNormals[tri.x] * w0 + mesh.vertexNormals[tri.y] * w1 +
                                                   mesh.vertexNormals[tri.z] * w2);
          if (glm::dot(n, dir) > 0.0f) n = -n;
          const float ao = scene.vertexAo.empty()
                               ? 1.0f
                               : scene.vertexAo[tri.x] * w0 + scene.vertexAo[tri.y] * w1 + scene.vertexAo[tri.z] * w2;
          vec3 albedo = scene.vertexAlbedo.empty() ? scene.skinAlbedo
                                                   : scene.vertexAlbedo[tri.x] * w0 + scene.vertexAlbedo[tri.y] * w1 +
                                                         scene.vertexAlbedo[tri.z] * w2;
          if (desc.zones && !scene.triangleZone.empty()) {
            const uint16_t z = scene.triangleZone[hit->triangle];
            albedo = z < zoneLinear.size() ? zoneLinear[z] : vec3(0.5f);
            if (sy == ss / 2 && sx == ss / 2) centerZone = z;
          }
          if (sy == ss / 2 && sx == ss / 2) centerDepth = hit->distanceMm;
          const vec3 v = -dir;
          const float shadow = keyVisibility[tri.x] * w0 + keyVisibility[tri.y] * w1 + keyVisibility[tri.z] * w2;

          vec3 c(0.0f);
          auto skinLight = [&](const vec3& l, const vec3& color, float sh, float wrapAmount) {
            const float ndl = glm::dot(n, l);
            const float lambert = std::max(0.0f, ndl);
            const float wrap = std::max(0.0f, (ndl + wrapAmount) / (1.0f + wrapAmount));
            const vec3 diffuse = albedo * (lambert * sh + scene.scatterTint * (wrap - lambert) * (0.35f + 0.65f * sh));
            const vec3 hv = glm::normalize(l + v);
            const float ndh = std::max(0.0f, glm::dot(n, hv));
            const float vdh = std::max(0.0f, glm::dot(v, hv));
            const float fres = 0.028f + 0.972f * static_cast<float>(dm::pow(1.0 - vdh, 5.0));
            const float spec = desc.zones ? 0.0f : 0.9f * fres * static_cast<float>(dm::pow(ndh, 22.0)) * lambert * sh;
            return (diffuse + vec3(spec)) * color;
          };
          c += skinLight(keyDir, keyColor, shadow, 0.45f);
          c += skinLight(fillDir, fillColor, 1.0f, 0.6f) * (0.55f + 0.45f * ao);
          c += skinLight(rimDir, rimColor, 1.0f, 0.2f) * ao;
          const vec3 sky(0.26f, 0.28f, 0.32f), ground(0.12f, 0.10f, 0.09f);
          const float hemi = 0.5f + 0.5f * glm::dot(n, up);
          c += albedo * (ground + (sky - ground) * hemi) * (ao * ao);
          sum += vec3(tonemap(c.x), tonemap(c.y), tonemap(c.z));
        }
      sum /= static_cast<float>(ss * ss);
      const size_t idx = size_t(y) * w + x;
      rgb[idx * 3 + 0] = sum.x;
      rgb[idx * 3 + 1] = sum.y;
      rgb[idx * 3 + 2] = sum.z;
      zoneId[idx] = centerZone;
      depth[idx] = centerDepth;
    }
  }, 4);

  std::vector<uint8_t> out(size_t(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t idx = size_t(y) * w + x;
      float darken = 1.0f;
      if (desc.zones && zoneId[idx] >= 0) {
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
            const size_t j = size_t(ny) * w + nx;
            if (zoneId[j] >= 0 && zoneId[j] != zoneId[idx] && std::fabs(depth[j] - depth[idx]) < 6.0f)
              darken = 0.25f;
          }
      }
      for (int k = 0; k < 3; ++k) {
        out[idx * 3 + k] = static_cast<uint8_t>(std::lround(255.0f * linearToSrgb(rgb[idx * 3 + k] * darken)));
      }
    }
  return out;
}

}  // namespace headgen
