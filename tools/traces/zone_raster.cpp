#include "traces/zone_raster.h"

#include <algorithm>
#include <cstdio>
#include <glm/geometric.hpp>
#include <glm/vector_relational.hpp>
#include <map>
#include <set>

namespace mnsim {

namespace {

constexpr float kDegToRad = 0.017453292519943295f;
constexpr float kStripMm = 0.35f;  // half-width of the strip of samples a stroke follows
constexpr float kBinMm = 1.0f;     // the stroke's path: one point per bin along it

struct PathPoint {
  glm::vec3 p;
  glm::vec3 n;
};

// Marks (in `clear`, indexed through `slot`) every sample within `radius` of a sample that
// `marks` selects, looking only near the zone's bounds.
template <class Marks>
void clearAround(const SkinSamples& samples, const std::vector<uint32_t>& ids,
                 const std::vector<int32_t>& slot, float radius, Marks marks,
                 std::vector<char>& clear) {
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (uint32_t i : ids) {
    lo = glm::min(lo, samples.position(i));
    hi = glm::max(hi, samples.position(i));
  }
  lo -= glm::vec3(radius);
  hi += glm::vec3(radius);
  for (uint32_t j = 0; j < samples.size(); ++j) {
    if (!marks(samples.zone(j))) continue;
    const glm::vec3 p = samples.position(j);
    if (glm::any(glm::lessThan(p, lo)) || glm::any(glm::greaterThan(p, hi))) continue;
    samples.forEachWithin(p, radius, [&](uint32_t i) {
      if (slot[i] >= 0) clear[slot[i]] = 0;
    });
  }
}

}  // namespace

Result<ZoneRaster> ZoneRaster::prepare(const SkinModel& model, const ZoneRasterDesc& desc) {
  const int zone = model.zones().find(desc.zoneId);
  if (zone < 0)
    return makeError(ErrorCode::Reference, "zone '" + desc.zoneId + "' does not exist on asset '" +
                                               model.asset().name + "'");
  if (!(desc.spacingMm > 0.1f) || !(desc.speedMmPerS > 0.1f) || !(desc.sampleRateHz > 0.1))
    return makeError(ErrorCode::Value,
                     "zoneRasterTrace: spacing, speed and sample rate must be positive");
  const SkinSamples& samples = model.samples();
  const std::vector<ZoneInfo>& zones = model.zones().zones;
  ZoneRaster r;
  r.m_model = &model;
  r.m_desc = desc;

  // The zone's samples and their mean normal.
  glm::dvec3 normal(0.0);
  for (uint32_t i = 0; i < samples.size(); ++i) {
    if (samples.zone(i) != zone) continue;
    r.m_ids.push_back(i);
    normal += glm::dvec3(samples.normal(i)) * samples.areaMm2(i);
  }
  if (r.m_ids.empty())
    return makeError(ErrorCode::Value, "zone '" + desc.zoneId + "' has no skin samples");
  const glm::vec3 meanNormal =
      glm::length(normal) > 1e-9 ? glm::vec3(glm::normalize(normal)) : glm::vec3(0, 0, 1);

  // Samples strokes may pass over: clear of lesions, of no-go and untreatable zones by the
  // clearance, and of zones outside the plan by the edge margin (a stamp centred there counts
  // in that zone). Marking around the forbidden samples (few) beats searching around each of
  // the zone's.
  std::vector<int32_t> slot(samples.size(), -1);
  for (size_t k = 0; k < r.m_ids.size(); ++k) slot[r.m_ids[k]] = static_cast<int32_t>(k);
  r.m_clear.assign(r.m_ids.size(), 1);
  for (size_t k = 0; k < r.m_ids.size(); ++k)
    for (const Lesion& l : desc.avoid)
      if (glm::length(samples.position(r.m_ids[k]) - l.centerMm) < l.radiusMm + desc.clearanceMm)
        r.m_clear[k] = 0;
  std::vector<char> forbidden(zones.size(), 0), foreign(zones.size(), 0);
  for (size_t z = 0; z < zones.size(); ++z) {
    forbidden[z] = zones[z].noGo || !zones[z].treatable;
    foreign[z] = static_cast<int>(z) != zone && !forbidden[z] &&
                 std::find(desc.neighbours.begin(), desc.neighbours.end(), zones[z].id) ==
                     desc.neighbours.end();
  }
  if (desc.edgeMarginMm > 0.0f)
    clearAround(
        samples, r.m_ids, slot, desc.edgeMarginMm, [&](uint16_t z) { return foreign[z] != 0; },
        r.m_clear);
  clearAround(
      samples, r.m_ids, slot, desc.clearanceMm, [&](uint16_t z) { return forbidden[z] != 0; },
      r.m_clear);
  if (std::none_of(r.m_clear.begin(), r.m_clear.end(), [](char c) { return c != 0; }))
    return makeError(ErrorCode::Value,
                     "zone '" + desc.zoneId + "' has no skin clear of no-go areas");

  // Patches that can each be laid flat along one direction: the whole zone when its normals stay
  // within 65 degrees of their mean; else the parts facing each of the six axis directions
  // (a neck or a scalp wraps around and would fold onto itself).
  bool simple = true;
  for (size_t k = 0; k < r.m_ids.size() && simple; ++k)
    simple = glm::dot(samples.normal(r.m_ids[k]), meanNormal) > 0.42f;
  if (simple) {
    Patch p;
    p.normal = meanNormal;
    p.members.resize(r.m_ids.size());
    for (size_t k = 0; k < r.m_ids.size(); ++k) p.members[k] = static_cast<uint32_t>(k);
    r.m_patches.push_back(std::move(p));
  } else {
    const glm::vec3 axes[6] = {{0, 0, 1}, {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, -1}};
    Patch parts[6];
    for (size_t k = 0; k < r.m_ids.size(); ++k) {
      const glm::vec3 n = samples.normal(r.m_ids[k]);
      int best = 0;
      for (int a = 1; a < 6; ++a)
        if (glm::dot(n, axes[a]) > glm::dot(n, axes[best])) best = a;
      parts[best].members.push_back(static_cast<uint32_t>(k));
    }
    for (int a = 0; a < 6; ++a) {
      double patchArea = 0.0;
      for (uint32_t k : parts[a].members) patchArea += samples.areaMm2(r.m_ids[k]);
      if (patchArea < 20.0) continue;
      parts[a].normal = axes[a];
      r.m_patches.push_back(std::move(parts[a]));
    }
  }
  return r;
}

std::vector<PenSample> ZoneRaster::trace(float directionDeg, int pass, double startTimeS) const {
  const ZoneRasterDesc& desc = m_desc;
  const SkinSamples& samples = m_model->samples();
  std::vector<PenSample> out;
  double t = startTimeS;
  const double step = desc.speedMmPerS / desc.sampleRateHz;  // mm between samples while gliding
  const float tilt = desc.tiltDeg * kDegToRad;
  auto push = [&](const glm::vec3& p, const glm::vec3& normalAt, const glm::vec3& along,
                  bool contact) {
    PenSample s;
    s.timeS = t;
    s.tipMm = p;
    s.hasAxis = desc.tiltDeg != 0.0f;
    if (s.hasAxis) s.axis = glm::normalize(std::cos(tilt) * normalAt + std::sin(tilt) * along);
    s.contact = contact;
    s.pressure = desc.pressure;
    s.depthMm = desc.depthMm;
    s.stretch = desc.stretch;
    s.pass = pass;
    out.push_back(s);
  };
  bool haveLast = false;
  glm::vec3 lastLifted(0.0f);
  for (const Patch& patch : m_patches) {
    const glm::vec3 n = patch.normal;
    glm::vec3 u, v;
    SkinModel::tangentFrame(n, u, v);
    const float th = directionDeg * kDegToRad;
    const glm::vec3 d = std::cos(th) * u + std::sin(th) * v;   // along the strokes
    const glm::vec3 e = -std::sin(th) * u + std::cos(th) * v;  // across them
    glm::dvec3 sum(0.0);
    for (uint32_t k : patch.members) sum += glm::dvec3(samples.position(m_ids[k]));
    const glm::vec3 c(sum / static_cast<double>(patch.members.size()));

    // Project onto the patch's plane: a along the strokes, b across.
    float bLo = 1e30f, bHi = -1e30f;
    std::vector<glm::vec2> ab(patch.members.size());
    for (size_t m = 0; m < patch.members.size(); ++m) {
      const uint32_t k = patch.members[m];
      const glm::vec3 q = samples.position(m_ids[k]) - c;
      ab[m] = {glm::dot(q, d), glm::dot(q, e)};
      if (!m_clear[k]) continue;
      bLo = std::min(bLo, ab[m].y);
      bHi = std::max(bHi, ab[m].y);
    }
    if (bLo > bHi) continue;
    const int lines =
        std::max(1, static_cast<int>(std::ceil((bHi - bLo) / desc.spacingMm - 1e-4f)));
    const float spacing = lines > 1 ? (bHi - bLo) / lines : desc.spacingMm;
    auto lineOffset = [&](int line) {
      return lines > 1 ? bLo + (line + 0.5f) * spacing : 0.5f * (bLo + bHi);
    };
    // The samples in each line's strip, clear or not.
    std::vector<std::vector<uint32_t>> strips(lines);
    for (size_t m = 0; m < patch.members.size(); ++m) {
      const int line =
          lines > 1 ? static_cast<int>(std::lround((ab[m].y - bLo) / spacing - 0.5f)) : 0;
      if (line < 0 || line >= lines || std::fabs(ab[m].y - lineOffset(line)) > kStripMm) continue;
      strips[line].push_back(static_cast<uint32_t>(m));
    }

    // Per line: 1 mm bins along the stroke, each the mean of the clear samples in the strip. A
    // bin holding a sample that is not clear breaks the stroke; one or two empty bins (sparse
    // samples on a slope) do not.
    bool forward = true;
    for (int line = 0; line < lines; ++line) {
      std::map<int, std::pair<glm::dvec3, glm::dvec3>> bins;  // bin -> (sum p, sum n)
      std::map<int, int> counts;
      std::set<int> blocked;
      for (uint32_t m : strips[line]) {
        const uint32_t k = patch.members[m];
        const int bin = static_cast<int>(std::floor(ab[m].x / kBinMm));
        if (!m_clear[k]) {
          blocked.insert(bin);
          continue;
        }
        auto& acc = bins[bin];
        acc.first += glm::dvec3(samples.position(m_ids[k]));
        acc.second += glm::dvec3(samples.normal(m_ids[k]));
        ++counts[bin];
      }
      std::vector<std::vector<PathPoint>> segs;
      std::vector<PathPoint> current;
      int lastBin = 0;
      for (const auto& [bin, acc] : bins) {
        if (blocked.count(bin)) continue;
        const bool gap = !current.empty() && (bin - lastBin > 3 || blocked.lower_bound(lastBin) !=
                                                                       blocked.lower_bound(bin));
        if (gap) {
          segs.push_back(std::move(current));
          current.clear();
        }
        const double count = counts[bin];
        glm::vec3 nn(acc.second / count);
        nn = glm::length(nn) > 1e-6f ? glm::normalize(nn) : n;
        current.push_back({glm::vec3(acc.first / count), nn});
        lastBin = bin;
      }
      if (!current.empty()) segs.push_back(std::move(current));
      if (segs.empty()) continue;
      if (!forward) {
        std::reverse(segs.begin(), segs.end());
        for (auto& sg : segs) std::reverse(sg.begin(), sg.end());
      }
      forward = !forward;
      for (const std::vector<PathPoint>& seg : segs) {
        if (seg.size() < 2) continue;
        // Resample the polyline at `step` mm.
        std::vector<PathPoint> pts{seg.front()};
        std::vector<float> cum{0.0f};
        for (size_t k = 1; k < seg.size(); ++k)
          cum.push_back(cum.back() + glm::length(seg[k].p - seg[k - 1].p));
        const float length = cum.back();
        if (length < 2.0f) continue;
        const int count = std::max(1, static_cast<int>(std::ceil(length / step)));
        size_t j = 1;
        for (int k = 1; k <= count; ++k) {
          const float sl = length * k / count;
          while (j + 1 < seg.size() && cum[j] < sl) ++j;
          const float span = std::max(1e-6f, cum[j] - cum[j - 1]);
          const float w = std::clamp((sl - cum[j - 1]) / span, 0.0f, 1.0f);
          const glm::vec3 nn = glm::normalize(glm::mix(seg[j - 1].n, seg[j].n, w));
          pts.push_back({glm::mix(seg[j - 1].p, seg[j].p, w), nn});
        }
        const glm::vec3 along = glm::normalize(pts.back().p - pts.front().p);
        // Move there lifted, land, glide, lift.
        const glm::vec3 above = pts.front().p + pts.front().n * desc.liftMm;
        if (haveLast)
          t += std::max(0.1, glm::length(above - lastLifted) / (2.0 * desc.speedMmPerS));
        push(above, pts.front().n, along, false);
        t += 0.05;
        push(pts.front().p, pts.front().n, along, true);
        const double dt = static_cast<double>(length / count) / desc.speedMmPerS;
        for (size_t k = 1; k < pts.size(); ++k) {
          t += dt;
          push(pts[k].p, pts[k].n, along, true);
        }
        out.back().contact = false;
        lastLifted = pts.back().p + pts.back().n * desc.liftMm;
        t += 0.05;
        push(lastLifted, pts.back().n, along, false);
        haveLast = true;
      }
    }
  }
  return out;
}

Result<std::vector<PenSample>> zoneRasterTrace(const SkinModel& model, const ZoneRasterDesc& desc) {
  auto raster = ZoneRaster::prepare(model, desc);
  if (!raster) return raster.error();
  std::vector<PenSample> out = raster->trace(desc.directionDeg, desc.pass, desc.startTimeS);
  if (out.empty())
    return makeError(ErrorCode::Value, "zone '" + desc.zoneId + "' is too small to raster");
  return out;
}

std::string formatCompactTrace(const std::vector<PenSample>& samples, const std::string& comment) {
  bool axis = false, pressure = false, depth = false, stretch = false, pass = false, rate = false;
  for (const PenSample& s : samples) {
    axis |= s.hasAxis;
    pressure |= s.pressure != 0.5f;
    depth |= !std::isnan(s.depthMm);
    stretch |= s.stretch;
    pass |= s.pass > 0;
    rate |= !std::isnan(s.rateHz);
  }
  std::string out = "# mnsim-trace 1\n";
  if (!comment.empty()) {
    size_t start = 0;
    while (start <= comment.size()) {
      const size_t end = comment.find('\n', start);
      out += "# " +
             comment.substr(start, end == std::string::npos ? std::string::npos : end - start) +
             "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  out += "t_s,x_mm,y_mm,z_mm";
  if (axis) out += ",ax,ay,az";
  out += ",contact";
  if (pressure) out += ",pressure";
  if (depth) out += ",depth_mm";
  if (rate) out += ",rate_hz";
  if (stretch) out += ",stretch";
  if (pass) out += ",pass";
  out += "\n";
  char buf[256];
  for (const PenSample& s : samples) {
    int n = std::snprintf(buf, sizeof buf, "%.2f,%.1f,%.1f,%.1f", s.timeS, s.tipMm.x, s.tipMm.y,
                          s.tipMm.z);
    out.append(buf, n);
    if (axis) {
      const glm::vec3 a = s.hasAxis ? s.axis : glm::vec3(0.0f);
      n = s.hasAxis ? std::snprintf(buf, sizeof buf, ",%.3f,%.3f,%.3f", a.x, a.y, a.z)
                    : std::snprintf(buf, sizeof buf, ",,,");
      out.append(buf, n);
    }
    out += s.contact ? ",1" : ",0";
    if (pressure) {
      n = std::snprintf(buf, sizeof buf, ",%.2f", s.pressure);
      out.append(buf, n);
    }
    if (depth) {
      out += ',';
      if (!std::isnan(s.depthMm)) {
        n = std::snprintf(buf, sizeof buf, "%g", s.depthMm);
        out.append(buf, n);
      }
    }
    if (rate) {
      out += ',';
      if (!std::isnan(s.rateHz)) {
        n = std::snprintf(buf, sizeof buf, "%.0f", s.rateHz);
        out.append(buf, n);
      }
    }
    if (stretch) out += s.stretch ? ",1" : ",0";
    if (pass) {
      out += ',';
      if (s.pass > 0) out += std::to_string(s.pass);
    }
    out += '\n';
  }
  return out;
}

}  // namespace mnsim
