#include "mnsim/procedure/session.h"
#include "mnsim/procedure/pen_sample.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <sstream>

#include <glm/geometric.hpp>

#include "procedure/session_impl.h"

namespace mnsim {

namespace {

constexpr float kRadToDeg = 57.29577951308232f;

std::string formatMm(float v) {
  std::ostringstream s;
  s.precision(3);
  s << v << " mm";
  return s.str();
}

}  // namespace

const char* directionName(DirectionClass direction) {
  switch (direction) {
    case DirectionClass::None: return "none";
    case DirectionClass::Horizontal: return "horizontal";
    case DirectionClass::Vertical: return "vertical";
    case DirectionClass::Diagonal45: return "diagonal_45";
    case DirectionClass::Diagonal135: return "diagonal_135";
  }
  return "none";
}

DirectionClass classifyDirection(double txx, double txy, double tyy, double pathMm, double minPathMm) {
  if (pathMm < minPathMm) return DirectionClass::None;
  const double mean = 0.5 * (txx + tyy);
  const double spread = std::sqrt(0.25 * (txx - tyy) * (txx - tyy) + txy * txy);
  const double l1 = mean + spread, l2 = mean - spread;
  if (l1 <= 0.0 || l2 > 0.5 * l1) return DirectionClass::None;  // no dominant direction
  double theta = 0.5 * std::atan2(2.0 * txy, txx - tyy) * 57.29577951308232;
  if (theta < 0.0) theta += 180.0;
  if (theta < 22.5 || theta >= 157.5) return DirectionClass::Horizontal;
  if (theta < 67.5) return DirectionClass::Diagonal45;
  if (theta < 112.5) return DirectionClass::Vertical;
  return DirectionClass::Diagonal135;
}

ProcedureSession::ProcedureSession(const SessionDesc& desc)
    : m_model(desc.model),
      m_plan(desc.plan),
      m_coverage(&desc.model->samples()),
      m_trackChanges(desc.trackChanges),
      m_impl(std::make_unique<Impl>()) {
  assert(m_model && m_plan && "ProcedureSession: model and plan are required");
  Impl& im = *m_impl;
  const ZoneMap& zoneMap = m_model->zones();
  const size_t zoneCount = zoneMap.zones.size();
  im.zones.resize(zoneCount);
  im.zoneBits.assign(zoneCount, 1u);
  im.pendingBits.assign(zoneCount, kPendingPassBit);
  im.geometry = stampGeometry(m_plan->device(), m_plan->cartridge());
  im.roller = m_plan->device().kind == DeviceKind::Roller;

  im.zoneThin.resize(zoneCount);
  im.zoneDepthLimitMm.resize(zoneCount);
  for (size_t z = 0; z < zoneCount; ++z) {
    const ZoneInfo& info = zoneMap.zones[z];
    const ZonePlan* zp = m_plan->zonePlan(static_cast<int>(z));
    im.zoneThin[z] = zp && zp->thinSkin ? *zp->thinSkin : info.thinSkin;
    // Unplanned thin skin still has a safe ceiling: the clinical reference's 0.5 mm.
    im.zoneDepthLimitMm[z] = zp ? zp->depthMaxMm : 0.5f;
  }

  // No-go targets: the asset's no-go zones, the plan's extra zones, and lesions.
  const TriMesh& mesh = m_model->mesh();
  std::vector<int> noGoZones;
  for (size_t z = 0; z < zoneCount; ++z)
    if (zoneMap.zones[z].noGo) noGoZones.push_back(static_cast<int>(z));
  for (const std::string& id : m_plan->noGoZones) {
    const int z = zoneMap.find(id);
    if (z >= 0 && std::find(noGoZones.begin(), noGoZones.end(), z) == noGoZones.end()) noGoZones.push_back(z);
  }
  for (int z : noGoZones) {
    std::vector<uint32_t> tris;
    for (size_t t = 0; t < mesh.triangles.size(); ++t)
      if (zoneMap.triangleZone[t] == z) tris.push_back(static_cast<uint32_t>(t));
    Impl::NoGoTarget target;
    target.name = zoneMap.zones[z].id;
    target.zone = z;
    target.bvh = Bvh::build(mesh, tris);
    im.noGo.push_back(std::move(target));
  }
  for (const Lesion& lesion : m_plan->lesions) {
    Impl::NoGoTarget target;
    target.name = lesion.name;
    target.centerMm = lesion.centerMm;
    target.radiusMm = lesion.radiusMm;
    im.noGo.push_back(std::move(target));
  }
}

ProcedureSession::~ProcedureSession() = default;

void ProcedureSession::setInputNames(std::string planPath, std::string tracePath) {
  m_impl->planPath = std::move(planPath);
  m_impl->tracePath = std::move(tracePath);
}

int ProcedureSession::passCount(int zone) const { return m_impl->zones[zone].passCount; }

std::pair<float, float> ProcedureSession::speedBand(int zone) const {
  const Impl& im = *m_impl;
  if (im.roller) return {0.0f, 0.0f};
  const ZonePlan* zp = m_plan->zonePlan(zone);
  const ZonePlan& band = zp ? *zp : m_plan->defaults;
  // density per pass = needles * rate / (speed * head width)  =>  speed = needles * rate / (density * width)
  const float widthCm = im.geometry.radiusMm * 2.0f / 10.0f;
  const float perSecond = static_cast<float>(im.geometry.needles) * m_plan->defaultRateHz();
  const float lo = band.densityMaxPerCm2 > 0 ? perSecond / (band.densityMaxPerCm2 * widthCm) * 10.0f : 0.0f;
  const float hi = band.densityMinPerCm2 > 0 ? perSecond / (band.densityMinPerCm2 * widthCm) * 10.0f : 1e9f;
  return {lo, hi};
}

void ProcedureSession::addSample(const PenSample& sample) {
  Impl& im = *m_impl;
  assert(!im.finished && "ProcedureSession::addSample after finish");
  if (!m_samples.empty()) {
    const PenSample& previous = m_samples.back();
    assert(sample.timeS >= previous.timeS && "ProcedureSession::addSample: time went backwards");
    processSegment(previous, sample);
  }
  m_samples.push_back(sample);
  m_live.inContact = sample.contact;
  if (!sample.contact && im.strokeOpen) closeStroke();
}

void ProcedureSession::finish() {
  Impl& im = *m_impl;
  if (im.finished) return;
  if (im.strokeOpen) closeStroke();
  im.finished = true;
}

void ProcedureSession::processSegment(const PenSample& a, const PenSample& b) {
  Impl& im = *m_impl;
  const double dt = b.timeS - a.timeS;
  if (dt <= 0.0) return;

  if (im.roller) {
    if (!a.contact) {
      im.rollerInContact = false;
      return;
    }
    const double pitch = m_plan->device().rollerRowPitchMm();
    const double length = glm::length(b.tipMm - a.tipMm);
    if (!im.rollerInContact) {
      im.rollerInContact = true;
      im.rollerTravelMm = 0.0;
      makeStamp(a.timeS, a, b, 0.0);  // the drum lands: one row presses in
    }
    double travelled = 0.0;
    while (length > 0.0 && im.rollerTravelMm + (length - travelled) >= pitch) {
      travelled += pitch - im.rollerTravelMm;
      im.rollerTravelMm = 0.0;
      const double w = travelled / length;
      makeStamp(a.timeS + w * dt, a, b, w);
    }
    im.rollerTravelMm += length - travelled;
    return;
  }

  const double rate = std::isnan(a.rateHz) ? m_plan->defaultRateHz() : a.rateHz;
  if (!im.started) {
    im.started = true;
    im.phase = 0.0;
    im.nextStrike = 0.0;
  }
  const double phaseEnd = im.phase + rate * dt;
  while (im.nextStrike < phaseEnd) {
    const double t = a.timeS + (im.nextStrike - im.phase) / rate;
    if (a.contact) makeStamp(t, a, b, (t - a.timeS) / dt);
    im.nextStrike += 1.0;
  }
  im.phase = phaseEnd;
}

void ProcedureSession::makeStamp(double timeS, const PenSample& a, const PenSample& b, double w) {
  Impl& im = *m_impl;
  const float wf = static_cast<float>(w);
  const glm::vec3 tip = a.tipMm + (b.tipMm - a.tipMm) * wf;
  glm::vec3 axis(0.0f);
  const bool hasAxis = a.hasAxis;
  if (hasAxis) {
    axis = b.hasAxis ? a.axis + (b.axis - a.axis) * wf : a.axis;
    const float len = glm::length(axis);
    axis = len > 1e-6f ? axis / len : a.axis;
  }
  const ScoringRules& rules = m_plan->rules;
  const auto surface = m_model->project(tip, hasAxis ? &axis : nullptr, rules.offSkinMm);
  if (!surface) {
    // Report off-skin contact as one event per run of missed strikes.
    if (im.lastStrikeOffSkin && !im.events.empty()) {
      im.events.back().endTimeS = timeS;
      im.events.back().count++;
    } else {
      std::ostringstream detail;
      detail << "pen in contact but more than " << rules.offSkinMm << " mm from the skin: no stamps";
      im.events.push_back({"off_skin", timeS, timeS, 1, detail.str()});
    }
    im.lastStrikeOffSkin = true;
    m_live.onSkin = false;
    if (im.strokeOpen) closeStroke();
    return;
  }
  im.lastStrikeOffSkin = false;
  const SurfacePoint& sp = *surface;
  if (!hasAxis) axis = sp.normal;

  Stamp st;
  st.timeS = timeS;
  st.pointMm = sp.pointMm;
  st.normal = sp.normal;
  st.axis = axis;
  st.zone = sp.zone;
  const ZonePlan* zp = m_plan->zonePlan(sp.zone);
  st.dialDepthMm = !std::isnan(a.depthMm) ? a.depthMm : (zp ? zp->settingMm : m_plan->defaults.settingMm);
  const float cosAngle = std::clamp(glm::dot(axis, sp.normal), -1.0f, 1.0f);
  st.angleDeg = std::acos(cosAngle) * kRadToDeg;
  st.pressure = a.pressure + (b.pressure - a.pressure) * wf;
  st.effectiveDepthMm = st.dialDepthMm * std::max(0.0f, cosAngle) * std::min(1.0f, 0.5f + st.pressure);
  const double dt = b.timeS - a.timeS;
  const glm::vec3 velocity = dt > 0.0 ? (b.tipMm - a.tipMm) / static_cast<float>(dt) : glm::vec3(0.0f);
  const glm::vec3 tangential = velocity - glm::dot(velocity, sp.normal) * sp.normal;
  st.speedMmPerS = glm::length(tangential);
  st.stretch = a.stretch;
  st.needles = im.geometry.needles;
  if (im.roller) {
    st.rateHz = 0.0f;
    st.intervalS = im.strokeOpen && im.hasLastPoint ? static_cast<float>(timeS - im.lastStampTimeS) : 0.0f;
  } else {
    st.rateHz = std::isnan(a.rateHz) ? m_plan->defaultRateHz() : a.rateHz;
    st.intervalS = 1.0f / st.rateHz;
  }

  // Stroke bookkeeping and direction.
  if (!im.strokeOpen) {
    im.strokeOpen = true;
    ++im.strokeId;
    im.strokePathMm = 0.0;
    im.txx = im.txy = im.tyy = 0.0;
    im.strokeZone = sp.zone;
    im.strokeClassified = false;
    im.strokeClass = DirectionClass::None;
    im.pendingFootprints.clear();
    im.pendingStamps.clear();
    im.strokeZonePass.clear();
    im.hasLastPoint = false;
  }
  st.stroke = im.strokeId;
  if (im.hasLastPoint) {
    const glm::vec3 d = sp.pointMm - im.lastPoint;
    const float len = glm::length(d);
    if (len > 0.0f) {
      const SkinModel::Frame& frame = m_model->zoneFrame(im.strokeZone);
      const double du = glm::dot(d, frame.u), dv = glm::dot(d, frame.v);
      const double l = std::sqrt(du * du + dv * dv);
      if (l > 0.0) {
        im.txx += du * du / l;
        im.txy += du * dv / l;
        im.tyy += dv * dv / l;
      }
      im.strokePathMm += len;
    }
  }
  im.hasLastPoint = true;
  im.lastPoint = sp.pointMm;
  im.lastStampTimeS = timeS;
  if (!im.strokeClassified && im.strokePathMm >= rules.classifyLengthMm) {
    im.strokeClass = classifyDirection(im.txx, im.txy, im.tyy, im.strokePathMm, rules.minStrokeLengthMm);
    im.strokeClassified = true;
    resolvePendingStamps();
  }

  // Pass of this stamp (scoring.md §3); undecided until the stroke's direction is known.
  bool pending = false;
  if (a.pass > 0) {
    st.pass = im.declaredPass(st.zone, a.pass);
  } else if (im.strokeClassified) {
    st.pass = im.detectedPass(st.zone);
  } else {
    st.pass = -1;
    pending = true;
  }

  // Safety: no-go areas and depth in thin skin are critical errors (scoring.md §4-5).
  const float reach = im.geometry.rectangle
                          ? 0.5f * std::sqrt(im.geometry.lengthMm * im.geometry.lengthMm +
                                             im.geometry.widthMm * im.geometry.widthMm)
                          : im.geometry.radiusMm;
  const int stampIndex = static_cast<int>(m_stamps.size());
  auto critical = [&](const std::string& key, FaultKind kind, const std::string& zoneId, const glm::vec3& point,
                      std::string expected, std::string done, std::string why) {
    if (im.lastCriticalStamp == stampIndex - 1 && im.lastCriticalKey == key && !im.critical.empty() &&
        m_stamps.back().stroke == st.stroke) {
      im.critical.back().endTimeS = timeS;
      im.critical.back().stampCount++;
    } else {
      Fault f;
      f.kind = kind;
      f.critical = true;
      f.zoneId = zoneId;
      f.timeS = f.endTimeS = timeS;
      f.pointMm = point;
      f.stampCount = 1;
      f.expected = std::move(expected);
      f.done = std::move(done);
      f.explanation = std::move(why);
      im.critical.push_back(std::move(f));
    }
    im.lastCriticalStamp = stampIndex;
    im.lastCriticalKey = key;
  };
  for (const Impl::NoGoTarget& target : im.noGo) {
    std::optional<glm::vec3> touch;
    if (target.zone >= 0) {
      if (auto cp = target.bvh.closestPoint(sp.pointMm, reach)) touch = cp->point;
    } else {
      const glm::vec3 d = target.centerMm - sp.pointMm;
      const float dist = glm::length(d);
      if (dist <= reach + target.radiusMm)
        touch = dist > 0.0f ? sp.pointMm + d / dist * std::max(0.0f, dist - target.radiusMm) : sp.pointMm;
    }
    if (!touch) continue;
    st.noGo = true;
    const std::string zoneId = target.zone >= 0 ? target.name : m_model->zones().zones[st.zone].id;
    critical("no_go:" + target.name, FaultKind::NoGo, zoneId, *touch, "no footprint touches '" + target.name + "'",
             "the needles touched '" + target.name + "'", faultAdvice(FaultKind::NoGo));
  }
  if (im.zoneThin[st.zone] && st.dialDepthMm >= im.zoneDepthLimitMm[st.zone] + 0.25f - 1e-4f) {
    st.tooDeep = true;
    const ZoneInfo& info = m_model->zones().zones[st.zone];
    critical("depth:" + info.id, FaultKind::DepthThinSkin, info.id, st.pointMm,
             "at most " + formatMm(im.zoneDepthLimitMm[st.zone]) + " in " + info.name,
             "needled at " + formatMm(st.dialDepthMm), faultAdvice(FaultKind::DepthThinSkin, info.name));
  }

  // Lay the footprint.
  Footprint fp;
  fp.centerMm = sp.pointMm;
  fp.normal = sp.normal;
  if (im.geometry.rectangle) {
    fp.rectangle = true;
    glm::vec3 along = st.speedMmPerS > 1e-3f ? tangential / st.speedMmPerS : glm::vec3(0.0f);
    if (glm::length(along) < 0.5f) {
      glm::vec3 u, v;
      SkinModel::tangentFrame(sp.normal, u, v);
      along = u;
    }
    fp.alongDir = along;
    fp.acrossDir = glm::normalize(glm::cross(sp.normal, along));
    fp.halfLengthMm = im.geometry.lengthMm * 0.5f;
    fp.halfWidthMm = im.geometry.widthMm * 0.5f;
  } else {
    fp.radiusMm = im.geometry.radiusMm;
  }
  st.hits = m_coverage.apply(fp, im.geometry.densityPerCm2(), st.effectiveDepthMm,
                             pending ? im.pendingBits.data() : im.zoneBits.data());
  if (pending) {
    im.pendingStamps.push_back(m_stamps.size());
    im.pendingFootprints.push_back(fp);
  }
  if (m_trackChanges) m_changed.push_back(fp);
  m_stamps.push_back(st);

  m_live.onSkin = true;
  m_live.zone = st.zone;
  m_live.pass = st.pass;
  m_live.speedMmPerS = st.speedMmPerS;
  m_live.angleDeg = st.angleDeg;
  m_live.dialDepthMm = st.dialDepthMm;
  m_live.noGoWarning = st.noGo;
  m_live.tooDeepWarning = zp ? st.dialDepthMm > zp->depthMaxMm + 1e-4f : st.tooDeep;
}

void ProcedureSession::closeStroke() {
  Impl& im = *m_impl;
  if (!im.strokeOpen) return;
  if (!im.pendingStamps.empty()) {
    // A stroke too short to be classified on the way: decide with the path it has.
    im.strokeClass = classifyDirection(im.txx, im.txy, im.tyy, im.strokePathMm, m_plan->rules.minStrokeLengthMm);
    im.strokeClassified = true;
    resolvePendingStamps();
  }
  im.strokeOpen = false;
  im.hasLastPoint = false;
}

void ProcedureSession::resolvePendingStamps() {
  Impl& im = *m_impl;
  for (size_t index : im.pendingStamps) {
    Stamp& st = m_stamps[index];
    st.pass = im.detectedPass(st.zone);
  }
  for (const Footprint& fp : im.pendingFootprints) {
    m_coverage.resolvePending(fp, im.zoneBits.data());
    if (m_trackChanges) m_changed.push_back(fp);
  }
  im.pendingStamps.clear();
  im.pendingFootprints.clear();
}

int ProcedureSession::Impl::openPass(int zone, int declared, DirectionClass cls) {
  ZoneState& zs = zones[zone];
  if (zs.passCount >= kMaxTrackedPasses) return kMaxTrackedPasses - 1;
  zs.passDeclared.push_back(declared);
  zs.passClass.push_back(cls);
  return zs.passCount++;
}

int ProcedureSession::Impl::detectedPass(int zone) {
  int index;
  auto it = strokeZonePass.find(zone);
  if (it != strokeZonePass.end()) {
    index = it->second;
  } else {
    ZoneState& zs = zones[zone];
    const bool canJoin = zs.currentPass >= 0 && zs.passDeclared[zs.currentPass] == 0;
    if (canJoin && (strokeClass == DirectionClass::None || zs.passClass[zs.currentPass] == strokeClass)) {
      index = zs.currentPass;
    } else if (canJoin && zs.passClass[zs.currentPass] == DirectionClass::None) {
      index = zs.currentPass;  // a first dab takes the direction of the stroke that follows
      zs.passClass[index] = strokeClass;
    } else {
      index = openPass(zone, 0, strokeClass);
    }
    strokeZonePass[zone] = index;
  }
  usePass(zone, index);
  return index;
}

int ProcedureSession::Impl::declaredPass(int zone, int declared) {
  ZoneState& zs = zones[zone];
  auto it = zs.declared.find(declared);
  const int index = it != zs.declared.end() ? it->second : openPass(zone, declared, DirectionClass::None);
  zs.declared[declared] = index;
  usePass(zone, index);
  return index;
}

void ProcedureSession::Impl::usePass(int zone, int index) {
  zones[zone].currentPass = index;
  zoneBits[zone] = 1u << index;
}

void ProcedureSession::takeChangedFootprints(std::vector<Footprint>& out) {
  out.swap(m_changed);
  m_changed.clear();
}

void ProcedureSession::reserve(double durationS) {
  const double rate = m_impl->roller ? 20.0 : std::max<double>(m_plan->defaultRateHz(), m_plan->device().rateMaxHz);
  m_stamps.reserve(static_cast<size_t>(std::min(durationS * rate, 5e7)) + 16);
}

}  // namespace mnsim
