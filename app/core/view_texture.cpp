#include "core/view_texture.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include <glm/geometric.hpp>

#include "core/skin_tones.h"

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

// Smooth value noise over the skin, about `cellMm` across: blotches of bruising and pigment.
float smoothNoise(const glm::vec3& p, float cellMm) {
  const glm::vec3 q = p / cellMm;
  const glm::vec3 f = glm::floor(q), t = q - f;
  auto corner = [&](int dx, int dy, int dz) {
    const uint32_t h = static_cast<uint32_t>(static_cast<int>(f.x) + dx) * 73856093u ^
                       static_cast<uint32_t>(static_cast<int>(f.y) + dy) * 19349663u ^
                       static_cast<uint32_t>(static_cast<int>(f.z) + dz) * 83492791u;
    return texelNoise(h);
  };
  const glm::vec3 s = t * t * (3.0f - 2.0f * t);
  auto lerp = [](float a, float b, float w) { return a + (b - a) * w; };
  const float x00 = lerp(corner(0, 0, 0), corner(1, 0, 0), s.x), x10 = lerp(corner(0, 1, 0), corner(1, 1, 0), s.x);
  const float x01 = lerp(corner(0, 0, 1), corner(1, 0, 1), s.x), x11 = lerp(corner(0, 1, 1), corner(1, 1, 1), s.x);
  return lerp(lerp(x00, x10, s.y), lerp(x01, x11, s.y), s.z);
}

bool kindHas(const std::string& kind, const char* word) { return kind.find(word) != std::string::npos; }

}  // namespace

glm::vec3 ViewTexture::skin(uint32_t texel, uint32_t s) const {
  glm::vec3 c = m_style.skinSrgb;
  if (!m_tint.empty()) {
    const uint8_t* t = &m_tint[static_cast<size_t>(texel) * 3];
    c *= glm::vec3(t[0], t[1], t[2]) * (1.0f / 255.0f);
  }
  const SkinAppearance& a = m_style.appearance;
  if (a.empty() || s == kNoSample) return c;
  const glm::vec3 p = m_samples->position(s);
  const uint16_t zone = m_sampleZone[s];
  const float n = texelNoise(texel), blotch = smoothNoise(p, 6.0f), fine = smoothNoise(p, 1.5f);
  if (zone < a.zoneShows.size() && a.zoneShows[zone]) {
    for (const auto& [id, amount] : a.features) {
      const float v = std::clamp(amount, 0.0f, 1.0f);
      if (v <= 0.0f) continue;
      if (id == "erythema") c = mixColor(c, glm::vec3(0.86f, 0.40f, 0.36f), 0.6f * v * (0.8f + 0.4f * fine));
      else if (id == "swelling") c = mixColor(c, glm::vec3(0.95f, 0.72f, 0.66f), 0.25f * v);
      else if (id == "pinpoint_bleeding" && n < 0.12f * v) c = glm::vec3(0.55f, 0.06f, 0.05f);
      else if (id == "bruising" && blotch > 0.62f) c = mixColor(c, glm::vec3(0.48f, 0.30f, 0.46f), std::min(1.0f, (blotch - 0.62f) * 4.0f) * 0.7f * v);
      else if (id == "peeling" && n < 0.22f * v) c = mixColor(c, glm::vec3(0.95f, 0.91f, 0.86f), 0.8f);
      else if (id == "crusting" && n < 0.10f * v) c = glm::vec3(0.66f, 0.46f, 0.22f);
      else if (id == "pustules" && n < 0.035f * v) c = glm::vec3(0.96f, 0.92f, 0.70f);
      else if ((id == "pustules" || id == "papules" || id == "inflammatory_acne") && n < 0.08f * v) c = mixColor(c, glm::vec3(0.82f, 0.32f, 0.28f), 0.8f);
      else if (id == "vesicles" && n < 0.05f * v) c = glm::vec3(0.96f, 0.86f, 0.82f);
      else if ((id == "hyperpigmentation" || id == "melasma") && blotch > 0.45f)
        c = mixColor(c, c * glm::vec3(0.72f, 0.60f, 0.52f), std::min(1.0f, (blotch - 0.45f) * 3.0f) * v);
      else if (id == "scars" && n < 0.07f * v) c = mixColor(c, glm::vec3(0.62f, 0.47f, 0.42f), 0.7f);
      else if (id == "pores" && n < 0.10f * v) c = mixColor(c, c * 0.82f, 0.8f);
      else if (id == "lines" && std::fabs(std::sin(p.y * 0.9f + 0.6f * std::sin(p.x * 0.35f))) < 0.05f * v) c = c * 0.95f;
      else if (id == "striae" && std::fabs(std::sin(p.x * 0.5f + p.y * 0.15f)) < 0.18f * v) c = mixColor(c, glm::vec3(0.86f, 0.70f, 0.72f), 0.6f);
    }
  }
  for (const SkinAppearance::Spot& spot : a.spots) {
    const glm::vec3 d = p - spot.centerMm;
    const float r2 = glm::dot(d, d), rr = spot.radiusMm * spot.radiusMm;
    if (r2 > rr) continue;
    const float edge = std::sqrt(r2 / rr);  // 0 at the centre, 1 at the rim
    if (kindHas(spot.kind, "mole")) c = mixColor(c, glm::vec3(0.34f, 0.22f, 0.15f), 0.9f * (1.0f - 0.3f * edge));
    else if (kindHas(spot.kind, "cold sore") || kindHas(spot.kind, "herpes") || kindHas(spot.kind, "vesic"))
      c = n < 0.35f ? glm::vec3(0.96f, 0.86f, 0.78f) : mixColor(c, glm::vec3(0.80f, 0.30f, 0.27f), 0.8f);
    else if (kindHas(spot.kind, "scar")) c = mixColor(c, glm::vec3(0.66f, 0.48f, 0.44f), 0.6f * (1.0f - edge * edge));
    else if (kindHas(spot.kind, "papule") || kindHas(spot.kind, "pustule") || kindHas(spot.kind, "acne"))
      c = edge < 0.35f ? glm::vec3(0.95f, 0.88f, 0.62f) : mixColor(c, glm::vec3(0.82f, 0.30f, 0.26f), 0.85f);
    else c = mixColor(c, glm::vec3(0.70f, 0.28f, 0.26f), 0.7f);
  }
  return c;
}

void ViewTexture::init(const CoverageAtlas& atlas, const SkinSamples& samples, const ZoneMap&) {
  m_samples = &samples;
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

void ViewTexture::setTint(int width, int height, const std::vector<uint8_t>& rgb) {
  m_tint.clear();
  if (width <= 0 || height <= 0 || rgb.size() != static_cast<size_t>(width) * height * 3 || m_width <= 0) return;
  // Resampled to the atlas's texels (bilinear), once.
  m_tint.resize(static_cast<size_t>(m_width) * m_height * 3);
  for (int y = 0; y < m_height; ++y) {
    const float fy = std::clamp((y + 0.5f) * height / m_height - 0.5f, 0.0f, height - 1.0f);
    const int y0 = static_cast<int>(fy), y1 = std::min(y0 + 1, height - 1);
    const float wy = fy - y0;
    for (int x = 0; x < m_width; ++x) {
      const float fx = std::clamp((x + 0.5f) * width / m_width - 0.5f, 0.0f, width - 1.0f);
      const int x0 = static_cast<int>(fx), x1 = std::min(x0 + 1, width - 1);
      const float wx = fx - x0;
      for (int c = 0; c < 3; ++c) {
        auto at = [&](int px, int py) { return static_cast<float>(rgb[(static_cast<size_t>(py) * width + px) * 3 + c]); };
        const float v = (at(x0, y0) * (1 - wx) + at(x1, y0) * wx) * (1 - wy) + (at(x0, y1) * (1 - wx) + at(x1, y1) * wx) * wy;
        m_tint[(static_cast<size_t>(y) * m_width + x) * 3 + c] = static_cast<uint8_t>(std::lround(v));
      }
    }
  }
}

bool ViewTexture::hit(uint32_t sample, const CoverageMap& coverage) const {
  const uint32_t mask = coverage.passMask()[sample];
  return m_style.pass < 0 ? mask != 0 : ((mask >> m_style.pass) & 1u) != 0 || (mask & kPendingPassBit) != 0;
}

void ViewTexture::colour(uint32_t texel, const CoverageMap* covered) {
  const uint32_t s = m_texelSample[texel];
  glm::vec3 c = skin(texel, s);
  const bool needled = covered && s != kNoSample;
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
        if (needled && hit(s, *covered)) {
          const uint32_t mask = covered->passMask()[s];
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
            edge = needled && ns != kNoSample && hit(ns, *covered);
          }
          c = edge ? glm::vec3(0.86f, 0.12f, 0.10f) : mixColor(c, glm::vec3(0.52f, 0.58f, 0.70f), 0.35f);
        }
        break;
      }
      case View::Endpoint: {
        if (!needled || covered->passMask()[s] == 0) break;
        // Erythema deepens with density and depth; pinpoint bleeding from 0.5 mm.
        const float density = covered->densityPerCm2()[s], depth = covered->maxEffectiveDepthMm()[s];
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

void ViewTexture::restyle(const ViewStyle& style, const CoverageMap* coverage) {
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
        colour(static_cast<uint32_t>(ny * m_width + nx), &coverage);
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

ViewStyle viewStyleFor(View view, int pass, const SkinModel& model, const TreatmentPlan& plan, glm::vec3 skinSrgb) {
  ViewStyle style;
  style.view = view;
  style.pass = pass;
  style.skinSrgb = skinSrgb;
  style.densityFullPerCm2 = plan.zones.empty() ? 1500.0f : 1.5f * plan.zones.front().densityMaxPerCm2;
  const ZoneMap& zones = model.zones();
  for (size_t z = 0; z < zones.zones.size(); ++z) {
    style.zoneFlags.push_back(
        static_cast<char>((plan.zonePlan(static_cast<int>(z)) ? 1 : 0) | (zones.zones[z].noGo ? 2 : 0)));
    style.zoneSrgb.push_back(zoneColor(static_cast<int>(z)));
  }
  return style;
}

}  // namespace mnsim::app
