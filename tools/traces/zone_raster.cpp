#include "traces/zone_raster.h"

#include <algorithm>
#include <glm/geometric.hpp>
#include <glm/vector_relational.hpp>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "mnsim/base/angles.h"
#include "mnsim/procedure/plan.h"

namespace mnsim {

namespace {

constexpr float kStepMm = 1.0f;  // strokes follow the skin's direction field in steps this long
// The fewest steps of a stroke: as long as the scorer's shortest stroke with a direction
// (min_stroke_length_mm, 3 mm). A shorter one is a dab, which a blank pass column gives to
// whichever pass is in progress.
const size_t kMinStrokeSteps = static_cast<size_t>(std::lround(ScoringRules{}.minStrokeLengthMm / kStepMm)) + 1;

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

  // The zone's samples.
  for (uint32_t i = 0; i < samples.size(); ++i)
    if (samples.zone(i) == zone) r.m_ids.push_back(i);
  if (r.m_ids.empty())
    return makeError(ErrorCode::Value, "zone '" + desc.zoneId + "' has no skin samples");

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

  r.m_slot = std::move(slot);
  return r;
}

namespace {

// The direction a stroke at angle theta reads at a point of the skin (the scorer's reading frame).
glm::vec3 directionAt(const glm::vec3& normal, float theta) {
  const SkinModel::Frame f = SkinModel::readingFrame(normal);
  return std::cos(theta) * f.u + std::sin(theta) * f.v;
}

// The point a distance along a path of kStepMm steps (between its points), if the path is that long.
std::optional<glm::vec3> pointAlong(const std::vector<ZoneRaster::PathPoint>& path, float distanceMm) {
  const float at = distanceMm / kStepMm;
  const auto below = static_cast<size_t>(at);
  if (below + 1 >= path.size()) {
    if (below < path.size() && at == static_cast<float>(below)) return path[below].p;
    return std::nullopt;
  }
  return glm::mix(path[below].p, path[below + 1].p, at - static_cast<float>(below));
}

}  // namespace

// The sample index (into m_ids) under a point, if it lies on the zone's clear skin.
int ZoneRaster::clearSlotAt(const glm::vec3& p) const {
  const SkinSamples& samples = m_model->samples();
  float best = 1e30f;
  int slot = -1;
  samples.forEachWithin(p, 0.8f, [&](uint32_t i) {
    const float d = glm::length(samples.position(i) - p);
    if (d < best) {
      best = d;
      slot = m_slot[i];
    }
  });
  return slot >= 0 && m_clear[slot] ? slot : -1;
}

// Follows the direction field from a point of the skin, one millimetre at a time, while it stays on
// the zone's clear skin; `sign` chooses which way.
// With `seen` (a skin sample's slot -> its step along the streamline, negative behind the start),
// it also stops where the streamline comes back to skin it has already passed over: on a zone that
// wraps round the head (the scalp) the direction field runs in circles.
std::vector<ZoneRaster::PathPoint> ZoneRaster::follow(const glm::vec3& start, float theta, float sign, float lengthMaxMm,
                                                      std::unordered_map<int, int>* seen) const {
  std::vector<PathPoint> out;
  auto at = m_model->nearest(start, 3.0f);
  if (!at) return out;
  glm::vec3 p = at->pointMm, n = at->normal;
  glm::vec3 heading = sign * directionAt(n, theta);
  int stepIndex = 0;
  for (float travelled = 0.0f; travelled < lengthMaxMm; travelled += kStepMm, ++stepIndex) {
    const int slot = clearSlotAt(p);
    if (slot < 0) break;
    if (seen) {
      const int at = static_cast<int>(sign) * stepIndex;
      const auto [it, added] = seen->try_emplace(slot, at);
      if (!added && std::abs(it->second - at) > 3) break;
    }
    out.push_back({p, n});
    // Keep the heading's sense: the frame's u may flip sign on the crown.
    glm::vec3 d = directionAt(n, theta);
    if (glm::dot(d, heading) < 0.0f) d = -d;
    heading = d;
    auto next = m_model->nearest(p + d * kStepMm, 3.0f);
    // Stop at the mesh's border, where the nearest skin slides along the edge instead of ahead.
    if (!next || glm::dot(next->pointMm - p, d) < 0.7f * kStepMm) break;
    p = next->pointMm;
    n = next->normal;
  }
  return out;
}

// The stroke through a point: the field followed both ways, as one path.
std::vector<ZoneRaster::PathPoint> ZoneRaster::streamline(const glm::vec3& through, float theta) const {
  std::unordered_map<int, int> seen;
  std::vector<PathPoint> back = follow(through, theta, -1.0f, 400.0f, &seen);
  std::vector<PathPoint> ahead = follow(through, theta, 1.0f, 400.0f, &seen);
  std::reverse(back.begin(), back.end());
  if (!back.empty() && !ahead.empty()) back.pop_back();  // the seed is in both
  back.insert(back.end(), ahead.begin(), ahead.end());
  return back;
}

// The stretches of a path over skin that `done` (per m_ids) does not mark yet, each widened by
// `marginSteps` points at both ends; stretches of fewer than three points are left out.
std::vector<std::vector<ZoneRaster::PathPoint>> ZoneRaster::neededRuns(const std::vector<PathPoint>& path,
                                                                       const std::vector<char>& done,
                                                                       size_t marginSteps) const {
  const size_t n = path.size();
  std::vector<char> needed(n, 0);
  for (size_t q = 0; q < n; ++q) {
    const int slot = clearSlotAt(path[q].p);
    if (slot < 0 || done[slot]) continue;
    const size_t from = q > marginSteps ? q - marginSteps : 0, to = std::min(n, q + marginSteps + 1);
    std::fill(needed.begin() + from, needed.begin() + to, 1);
  }
  std::vector<std::vector<PathPoint>> runs;
  for (size_t q = 0; q < n;) {
    if (!needed[q]) {
      ++q;
      continue;
    }
    size_t end = q;
    while (end < n && needed[end]) ++end;
    if (end - q >= kMinStrokeSteps) runs.emplace_back(path.begin() + q, path.begin() + end);
    q = end;
  }
  return runs;
}

std::vector<std::vector<ZoneRaster::PathPoint>> ZoneRaster::strokes(float directionDeg) const {
  const SkinSamples& samples = m_model->samples();
  const float theta = directionDeg * kDegToRad;
  const float across = theta + 0.5f * 3.14159265f;
  // Seeds: from the clear sample nearest the zone's middle, a spacing apart across the strokes.
  glm::dvec3 sum(0.0);
  for (uint32_t i : m_ids) sum += glm::dvec3(samples.position(i));
  const glm::vec3 middle(sum / static_cast<double>(m_ids.size()));
  int seedSlot = -1;
  float best = 1e30f;
  for (size_t k = 0; k < m_ids.size(); ++k) {
    const float d = glm::length(samples.position(m_ids[k]) - middle);
    if (m_clear[k] && d < best) {
      best = d;
      seedSlot = static_cast<int>(k);
    }
  }
  std::vector<std::pair<float, std::vector<PathPoint>>> lines;  // (position across, path)
  if (seedSlot < 0) return {};
  const glm::vec3 seed = samples.position(m_ids[seedSlot]);
  // Lines every spacing along the spine.
  std::vector<glm::vec3> spinePoints;
  std::unordered_map<int, int> spineSeen;
  for (float sign : {1.0f, -1.0f}) {
    const std::vector<PathPoint> spine = follow(seed, across, sign, 1000.0f, &spineSeen);
    for (long k = sign < 0.0f ? 1 : 0;; ++k) {
      const std::optional<glm::vec3> p = pointAlong(spine, k * m_desc.spacingMm);
      if (!p) break;
      spinePoints.push_back(*p);
    }
  }
  // Then skin no stroke passes near enough (lines drift apart on curved skin, and parts of a zone
  // the spine does not reach): first more lines a spacing across from the ones there are, wherever no
  // line runs within 0.8 spacings (they keep the spacing even into the corners); then one more
  // stroke through any skin still farther than 0.65 spacings from every stroke (a stroke's
  // footprint reaches 0.67 spacings: the head is 1.33 spacings wide at the expected spacing of
  // 0.75 head widths, so slivers at a zone's border that the head still covers get no stroke).
  // Both kinds keep only the stretches of their streamline that the skin needs (with a margin),
  // so that they do not run over lines already there and needle the skin twice in one pass.
  const float reach = 0.65f * m_desc.spacingMm;
  const size_t every = static_cast<size_t>(std::max(1L, std::lround(m_desc.spacingMm / kStepMm)));
  std::vector<char> near(m_ids.size(), 0), taken(m_ids.size(), 0);
  auto markNear = [&](const std::vector<PathPoint>& path) {
    for (size_t q = 0; q < path.size(); ++q) {
      samples.forEachWithin(path[q].p, reach, [&](uint32_t i) {
        if (m_slot[i] >= 0) near[m_slot[i]] = 1;
      });
      samples.forEachWithin(path[q].p, 0.8f * m_desc.spacingMm, [&](uint32_t i) {
        if (m_slot[i] >= 0) taken[m_slot[i]] = 1;
      });
    }
  };
  const glm::vec3 acrossAtSeed = directionAt(samples.normal(m_ids[seedSlot]), across);
  auto addNeeded = [&](const std::vector<PathPoint>& path, const std::vector<char>& done) {
    for (std::vector<PathPoint>& run : neededRuns(path, done, every / 2)) {
      markNear(run);
      lines.push_back({glm::dot(run.front().p - seed, acrossAtSeed), std::move(run)});
    }
  };
  // Where lines converge (meridians towards the crown), a line stops where it comes within 0.8
  // spacings of one already laid.
  for (const glm::vec3& p : spinePoints) addNeeded(streamline(p, theta), taken);
  for (size_t li = 0; li < lines.size(); ++li) {
    const std::vector<PathPoint> path = lines[li].second;
    for (size_t q = 0; q < path.size(); q += std::max<size_t>(1, every / 2)) {
      for (float sign : {-1.0f, 1.0f}) {
        const std::vector<PathPoint> side = follow(path[q].p, across, sign, m_desc.spacingMm + 2.0f * kStepMm);
        const std::optional<glm::vec3> there = pointAlong(side, m_desc.spacingMm);
        const int slot = there ? clearSlotAt(*there) : -1;
        if (slot < 0 || taken[slot]) continue;
        taken[slot] = 1;
        addNeeded(streamline(*there, theta), taken);
      }
    }
  }
  for (size_t k = 0; k < m_ids.size(); ++k) {
    if (!m_clear[k] || near[k]) continue;
    near[k] = 1;
    addNeeded(streamline(samples.position(m_ids[k]), theta), near);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<PathPoint>> out;
  for (auto& [at, path] : lines)
    if (path.size() >= kMinStrokeSteps) out.push_back(std::move(path));
  return out;
}

std::vector<PenSample> ZoneRaster::trace(float directionDeg, int pass, double startTimeS) const {
  const ZoneRasterDesc& desc = m_desc;
  std::vector<PenSample> out;
  double t = startTimeS;
  const double step = desc.speedMmPerS / desc.sampleRateHz;  // mm between samples while gliding
  const float tilt = desc.tiltDeg * kDegToRad;
  auto push = [&](const glm::vec3& p, const glm::vec3& normalAt, const glm::vec3& along, bool contact) {
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
  bool haveLast = false, forward = true;
  glm::vec3 lastLifted(0.0f);
  for (std::vector<PathPoint> seg : strokes(directionDeg)) {
    if (!forward) std::reverse(seg.begin(), seg.end());
    forward = !forward;
    // Resample the path at `step` mm.
    std::vector<float> cum{0.0f};
    for (size_t k = 1; k < seg.size(); ++k) cum.push_back(cum.back() + glm::length(seg[k].p - seg[k - 1].p));
    const float length = cum.back();
    if (length < 2.0f) continue;
    const int count = std::max(1, static_cast<int>(std::ceil(length / step)));
    std::vector<PathPoint> pts{seg.front()};
    size_t j = 1;
    for (int k = 1; k <= count; ++k) {
      const float sl = length * k / count;
      while (j + 1 < seg.size() && cum[j] < sl) ++j;
      const float span = std::max(1e-6f, cum[j] - cum[j - 1]);
      const float w = std::clamp((sl - cum[j - 1]) / span, 0.0f, 1.0f);
      pts.push_back({glm::mix(seg[j - 1].p, seg[j].p, w), glm::normalize(glm::mix(seg[j - 1].n, seg[j].n, w))});
    }
    const glm::vec3 along = glm::normalize(pts.back().p - pts.front().p);
    // Move there lifted, land, glide, lift.
    const glm::vec3 above = pts.front().p + pts.front().n * desc.liftMm;
    if (haveLast) t += std::max(0.1, glm::length(above - lastLifted) / (2.0 * desc.speedMmPerS));
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
