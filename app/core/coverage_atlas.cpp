#include "core/coverage_atlas.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <mnsim/base/hash.h>

#include <glm/geometric.hpp>

namespace mnsim::app {

void planarUvs(TriMesh& mesh) {
  const Aabb box = meshBounds(mesh);
  const glm::vec3 e = glm::max(box.extent(), glm::vec3(1e-3f));
  const float scale = std::max(e.x, e.y);  // one scale for both axes: texels stay square
  mesh.uvs.resize(mesh.positions.size());
  for (size_t i = 0; i < mesh.positions.size(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    mesh.uvs[i] = {(p.x - box.lo.x) / scale, (p.y - box.lo.y) / scale};
  }
}

int atlasSizeFor(const TriMesh& mesh, float texelMm) {
  // Ratio of surface area to UV area says how many mm² one unit of UV area covers.
  double surface = 0.0, uvArea = 0.0;
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    surface += mesh.triangleAreaMm2(t);
    const glm::vec2 a = mesh.uvs[mesh.triangles[t].x], b = mesh.uvs[mesh.triangles[t].y], c = mesh.uvs[mesh.triangles[t].z];
    uvArea += 0.5 * std::fabs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y));
  }
  if (uvArea <= 0.0) return 256;
  const double mmPerUv = std::sqrt(surface / uvArea);  // mm per unit of u (or v)
  int size = 256;
  while (size < 2048 && mmPerUv / size > texelMm) size *= 2;
  return size;
}

CoverageAtlas buildCoverageAtlas(const TriMesh& mesh, const SkinSamples& samples, int size, float maxDistanceMm,
                                 int threads) {
  CoverageAtlas atlas;
  atlas.width = atlas.height = size;
  atlas.sample.assign(static_cast<size_t>(size) * size, kNoSample);
  const bool smooth = mesh.vertexNormals.size() == mesh.positions.size();

  // Each thread owns a band of rows, so results do not depend on the thread count.
  auto work = [&](int rowBegin, int rowEnd) {
    for (size_t t = 0; t < mesh.triangles.size(); ++t) {
      const glm::uvec3 tri = mesh.triangles[t];
      const glm::vec2 ta = mesh.uvs[tri.x] * static_cast<float>(size), tb = mesh.uvs[tri.y] * static_cast<float>(size),
                      tc = mesh.uvs[tri.z] * static_cast<float>(size);
      const float area = (tb.x - ta.x) * (tc.y - ta.y) - (tc.x - ta.x) * (tb.y - ta.y);
      if (std::fabs(area) < 1e-12f) continue;
      const int y0 = std::max(rowBegin, static_cast<int>(std::floor(std::min({ta.y, tb.y, tc.y}))));
      const int y1 = std::min(rowEnd - 1, static_cast<int>(std::ceil(std::max({ta.y, tb.y, tc.y}))));
      const int x0 = std::max(0, static_cast<int>(std::floor(std::min({ta.x, tb.x, tc.x}))));
      const int x1 = std::min(size - 1, static_cast<int>(std::ceil(std::max({ta.x, tb.x, tc.x}))));
      const glm::vec3 faceN = mesh.faceNormal(t);
      for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
          const glm::vec2 p(x + 0.5f, y + 0.5f);
          const float wb = ((p.x - ta.x) * (tc.y - ta.y) - (tc.x - ta.x) * (p.y - ta.y)) / area;
          const float wc = ((tb.x - ta.x) * (p.y - ta.y) - (p.x - ta.x) * (tb.y - ta.y)) / area;
          const float wa = 1.0f - wb - wc;
          const float eps = -1e-4f;
          if (wa < eps || wb < eps || wc < eps) continue;
          const glm::vec3 point = wa * mesh.positions[tri.x] + wb * mesh.positions[tri.y] + wc * mesh.positions[tri.z];
          glm::vec3 n = smooth ? wa * mesh.vertexNormals[tri.x] + wb * mesh.vertexNormals[tri.y] + wc * mesh.vertexNormals[tri.z]
                               : faceN;
          n = glm::length(n) > 0.0f ? glm::normalize(n) : faceN;
          // Samples are at most 0.5 mm apart: a small search nearly always finds one; the
          // wider one covers where the drawing mesh strays from the scoring surface.
          uint32_t best = kNoSample;
          for (float radius : {std::min(0.8f, maxDistanceMm), maxDistanceMm}) {
            float bestD2 = radius * radius;
            samples.forEachWithin(point, radius, [&](uint32_t i) {
              if (glm::dot(samples.normal(i), n) < 0.3f) return;
              const glm::vec3 d = samples.position(i) - point;
              const float d2 = glm::dot(d, d);
              if (d2 < bestD2 || (d2 == bestD2 && i < best)) {
                bestD2 = d2;
                best = i;
              }
            });
            if (best != kNoSample) break;
          }
          if (best != kNoSample) atlas.sample[static_cast<size_t>(y) * size + x] = best;
        }
      }
    }
  };
  threads = std::max(1, threads);
  std::vector<std::thread> pool;
  const int band = (size + threads - 1) / threads;
  for (int k = 0; k < threads; ++k) pool.emplace_back(work, k * band, std::min(size, (k + 1) * band));
  for (std::thread& th : pool) th.join();

  // Gutters: a few rounds of taking a neighbour's sample, so filtering never shows gaps at seams.
  std::vector<uint32_t> next = atlas.sample;
  for (int round = 0; round < 3; ++round) {
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) {
        const size_t i = static_cast<size_t>(y) * size + x;
        if (atlas.sample[i] != kNoSample) continue;
        const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
        for (int k = 0; k < 4; ++k) {
          const int nx = x + dx[k], ny = y + dy[k];
          if (nx < 0 || ny < 0 || nx >= size || ny >= size) continue;
          const uint32_t s = atlas.sample[static_cast<size_t>(ny) * size + nx];
          if (s != kNoSample) {
            next[i] = s;
            break;
          }
        }
      }
    }
    atlas.sample = next;
  }

  double surface = 0.0;
  for (size_t t = 0; t < mesh.triangles.size(); ++t) surface += mesh.triangleAreaMm2(t);
  size_t used = 0;
  for (uint32_t s : atlas.sample) used += s != kNoSample;
  atlas.texelMm = used ? static_cast<float>(std::sqrt(surface / used)) : 0.0f;
  return atlas;
}

std::string atlasCacheKey(const std::string& assetHash, const TriMesh& drawMesh, int size) {
  Sha256 h;
  h.update("mnsim-coverage-atlas/1");
  h.update(assetHash);
  h.updateU32(static_cast<uint32_t>(size));
  h.updateFloats(&drawMesh.positions.data()->x, 3 * drawMesh.positions.size());
  h.updateFloats(&drawMesh.uvs.data()->x, 2 * drawMesh.uvs.size());
  h.updateU32s(&drawMesh.triangles.data()->x, 3 * drawMesh.triangles.size());
  return h.hexDigest().substr(0, 32);
}

bool loadCoverageAtlas(const std::string& path, int size, size_t sampleCount, CoverageAtlas& atlas) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char magic[8] = {};
  int32_t w = 0, h = 0;
  float texel = 0.0f;
  in.read(magic, 8);
  in.read(reinterpret_cast<char*>(&w), 4);
  in.read(reinterpret_cast<char*>(&h), 4);
  in.read(reinterpret_cast<char*>(&texel), 4);
  if (!in || std::string(magic, 8) != "MNATLAS1" || w != size || h != size) return false;
  CoverageAtlas loaded;
  loaded.width = w;
  loaded.height = h;
  loaded.texelMm = texel;
  loaded.sample.resize(static_cast<size_t>(w) * h);
  in.read(reinterpret_cast<char*>(loaded.sample.data()), static_cast<std::streamsize>(loaded.sample.size() * 4));
  if (!in) return false;
  // A cache from another sampling must not point past the samples.
  for (uint32_t s : loaded.sample)
    if (s != kNoSample && s >= sampleCount) return false;
  atlas = std::move(loaded);
  return true;
}

void saveCoverageAtlas(const std::string& path, const CoverageAtlas& atlas) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) return;
    const int32_t w = atlas.width, h = atlas.height;
    out.write("MNATLAS1", 8);
    out.write(reinterpret_cast<const char*>(&w), 4);
    out.write(reinterpret_cast<const char*>(&h), 4);
    out.write(reinterpret_cast<const char*>(&atlas.texelMm), 4);
    out.write(reinterpret_cast<const char*>(atlas.sample.data()), static_cast<std::streamsize>(atlas.sample.size() * 4));
    if (!out) return;
  }
  std::filesystem::rename(temp, path, ec);  // whole files only
}

}  // namespace mnsim::app
