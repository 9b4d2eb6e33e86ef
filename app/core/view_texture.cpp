#include "core/view_texture.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace mnsim::app {

namespace {

uint8_t byte(float v) { return static_cast<uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); }

glm::vec3 mixColor(const glm::vec3& a, const glm::vec3& b, float t) { return a + (b - a) * t; }

// A stable pseudo-random value per texel: where pinpoint bleeding shows.
float texelNoise(uint32_t texel) {
  uint32_t h = texel * 2654435761u;
  h ^= h >> 15;
  h *= 2246822519u;
  h ^= h >> 13;
  return static_cast<float>(h & 0xffffff) / static_cast<float>(0x1000000);
}

}  // namespace

void ViewTexture::init(const CoverageAtlas& atlas, const SkinSamples& samples, const ZoneMap&) {
  m_width = atlas.width;
  m_height = atlas.height;
  m_texelSample = atlas.sample;
  const size_t n = samples.size();
  m_sampleZone.resize(n);
  for (size_t i = 0; i < n; ++i) m_sampleZone[i] = samples.zone(i);
  m_sampleStart.assign(n + 1, 0);
  for (uint32_t s : m_texelSample)
    if (s != kNoSample) m_sampleStart[s + 1]++;
  for (size_t i = 0; i < n; ++i) m_sampleStart[i + 1] += m_sampleStart[i];
  m_sampleTexels.resize(m_sampleStart[n]);
  std::vector<uint32_t> fill(m_sampleStart.begin(), m_sampleStart.end() - 1);
  for (uint32_t t = 0; t < m_texelSample.size(); ++t)
    if (m_texelSample[t] != kNoSample) m_sampleTexels[fill[m_texelSample[t]]++] = t;
  m_rgba.assign(m_texelSample.size() * 4, 255);
  m_dirtyRow.assign(m_height, 1);
}

bool ViewTexture::hit(uint32_t sample, const CoverageMap& coverage) const {
  const uint32_t mask = coverage.passMask()[sample];
  return m_style.pass < 0 ? mask != 0 : ((mask >> m_style.pass) & 1u) != 0 || (mask & kPendingPassBit) != 0;
}

void ViewTexture::colour(uint32_t texel, const CoverageMap& coverage) {
  const uint32_t s = m_texelSample[texel];
  glm::vec3 c = m_style.skinSrgb;
  if (s != kNoSample) {
    const uint16_t zone = m_sampleZone[s];
    const int x = static_cast<int>(texel % m_width), y = static_cast<int>(texel / m_width);
    switch (m_style.view) {
      case View::Skin:
        break;
      case View::Zones: {
        if (zone < m_style.zoneSrgb.size()) c = mixColor(c, m_style.zoneSrgb[zone], 0.7f);
        const bool noGo = zone < m_style.zoneFlags.size() && (m_style.zoneFlags[zone] & 2);
        if (noGo && ((x + y) / 3) % 2 == 0) c = mixColor(c, glm::vec3(0.62f, 0.08f, 0.08f), 0.6f);  // hatched
        break;
      }
      case View::Coverage: {
        if (hit(s, coverage)) {
          const uint32_t mask = coverage.passMask()[s];
          const int passes = std::popcount(mask & 0x7fffffffu) + ((mask & kPendingPassBit) ? 1 : 0);
          const glm::vec3 ramp = m_style.pass >= 0 ? glm::vec3(0.16f, 0.62f, 0.66f)
                                 : passes <= 1     ? glm::vec3(0.96f, 0.74f, 0.24f)
                                 : passes == 2     ? glm::vec3(0.60f, 0.80f, 0.34f)
                                                   : glm::vec3(0.20f, 0.62f, 0.36f);
          c = mixColor(c, ramp, 0.85f);
        } else if (zone < m_style.zoneFlags.size() && (m_style.zoneFlags[zone] & 1)) {
          // Untreated skin of a planned zone: outlined where it meets treated skin.
          bool edge = false;
          const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
          for (int k = 0; k < 4 && !edge; ++k) {
            const int nx = x + dx[k], ny = y + dy[k];
            if (nx < 0 || ny < 0 || nx >= m_width || ny >= m_height) continue;
            const uint32_t ns = m_texelSample[static_cast<size_t>(ny) * m_width + nx];
            edge = ns != kNoSample && hit(ns, coverage);
          }
          c = edge ? glm::vec3(0.86f, 0.12f, 0.10f) : mixColor(c, glm::vec3(0.52f, 0.58f, 0.70f), 0.35f);
        }
        break;
      }
      case View::Endpoint: {
        if (coverage.passMask()[s] == 0) break;
        // Erythema deepens with density and depth; pinpoint bleeding from 0.5 mm.
        const float density = coverage.densityPerCm2()[s], depth = coverage.maxEffectiveDepthMm()[s];
        const float redness = std::clamp(density / m_style.densityFullPerCm2, 0.0f, 1.0f) * std::clamp(0.45f + depth, 0.5f, 1.2f);
        c = mixColor(c, glm::vec3(0.82f, 0.30f, 0.27f), std::clamp(redness, 0.0f, 0.85f));
        if (depth >= 0.5f) {
          const float chance = std::clamp(density / (2.5f * m_style.densityFullPerCm2), 0.0f, 0.35f) * std::clamp(depth, 0.5f, 1.5f);
          if (texelNoise(texel) < chance) c = glm::vec3(0.52f, 0.05f, 0.05f);
        }
        break;
      }
    }
  }
  uint8_t* p = &m_rgba[static_cast<size_t>(texel) * 4];
  p[0] = byte(c.x);
  p[1] = byte(c.y);
  p[2] = byte(c.z);
  p[3] = 255;
}

void ViewTexture::restyle(const ViewStyle& style, const CoverageMap& coverage) {
  m_style = style;
  for (uint32_t t = 0; t < m_texelSample.size(); ++t) colour(t, coverage);
  std::fill(m_dirtyRow.begin(), m_dirtyRow.end(), 1);
}

void ViewTexture::update(const std::vector<uint32_t>& samples, const CoverageMap& coverage) {
  if (m_style.view == View::Skin || m_style.view == View::Zones) return;  // stamps do not show there
  for (uint32_t s : samples) {
    for (uint32_t k = m_sampleStart[s]; k < m_sampleStart[s + 1]; ++k) {
      const uint32_t t = m_sampleTexels[k];
      const int x = static_cast<int>(t % m_width), y = static_cast<int>(t / m_width);
      // The texel and its four neighbours (their outline may change with it).
      const int dx[5] = {0, 1, -1, 0, 0}, dy[5] = {0, 0, 0, 1, -1};
      for (int n = 0; n < 5; ++n) {
        const int nx = x + dx[n], ny = y + dy[n];
        if (nx < 0 || ny < 0 || nx >= m_width || ny >= m_height) continue;
        colour(static_cast<uint32_t>(ny * m_width + nx), coverage);
        m_dirtyRow[ny] = 1;
      }
    }
  }
}

std::vector<std::pair<int, int>> ViewTexture::takeDirtyRows() {
  std::vector<std::pair<int, int>> ranges;
  for (int y = 0; y < m_height; ++y) {
    if (!m_dirtyRow[y]) continue;
    if (!ranges.empty() && ranges.back().second == y) ranges.back().second = y + 1;
    else ranges.push_back({y, y + 1});
    m_dirtyRow[y] = 0;
  }
  return ranges;
}

}  // namespace mnsim::app
