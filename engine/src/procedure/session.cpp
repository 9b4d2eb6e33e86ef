#include "mnsim/procedure/session.h"
#include "mnsim/procedure/pen_sample.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <span>
#include <sstream>

#include <glm/geometric.hpp>

#include "mnsim/base/angles.h"
#include "procedure/session_impl.h"

namespace mnsim {

ProcedureSession::ProcedureSession(const SessionDesc& desc)
    : m_model(desc.model),
      m_plan(desc.plan),
      m_coverage(&desc.model->samples()),
      m_trackChanges(desc.trackChanges),
      m_impl((assert(desc.model && desc.plan && "ProcedureSession: model and plan are required"),
              std::make_unique<Impl>(*desc.model, *desc.plan, m_coverage, m_stamps,
                                    desc.trackChanges ? &m_changed : nullptr))) {
  m_impl->geometry = stampGeometry(m_plan->device(), m_plan->cartridge());
  m_impl->roller = m_plan->device().kind == DeviceKind::Roller;
  m_coverage.setLog(desc.coverageLog);
}

ProcedureSession::~ProcedureSession() = default;

std::vector<PassBook::ZoneGoal> ProcedureSession::Impl::passGoals(const SkinModel& model, const TreatmentPlan& plan) {
  std::vector<PassBook::ZoneGoal> out;
  for (size_t z = 0; z < model.zones().zones.size(); ++z) {
    const ZonePlan* zp = plan.zonePlan(static_cast<int>(z));
    const ZonePlan& p = zp ? *zp : plan.defaults;
    PassBook::ZoneGoal goal;
    goal.coverageMin = p.coverageMin;
    goal.newPassPathMm = plan.rules.newPassWidths * 2.0f *
                         static_cast<float>(std::sqrt(model.samples().zoneAreaMm2(z) / 3.14159265358979));
    out.push_back(goal);
  }
  return out;
}

void ProcedureSession::setInputNames(std::string planPath, std::string tracePath) {
  m_impl->planPath = std::move(planPath);
  m_impl->tracePath = std::move(tracePath);
}

int ProcedureSession::passCount(int zone) const { return m_impl->passes.book().passCount(zone); }

std::pair<float, float> ProcedureSession::speedBand(int zone) const {
  const Impl& im = *m_impl;
  if (im.roller) return {0.0f, 0.0f};
  const ZonePlan* zp = m_plan->zonePlan(zone);
  const ZonePlan& band = zp ? *zp : m_plan->defaults;
  // A raster with lines `spacing` apart lays, per pass, needles * rate / (speed * spacing) punctures
  // per area; the speed band is what keeps that inside the density band, at the line spacing the
  // plan expects (a fraction of the head's width: overlapping lines give even coverage).
  const float widthCm = m_plan->rules.lineSpacingHeads * im.geometry.radiusMm * 2.0f / 10.0f;
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
  if (!sample.contact && im.stroke.open) closeStroke();
}

void ProcedureSession::finish() {
  Impl& im = *m_impl;
  if (im.finished) return;
  if (im.stroke.open) closeStroke();
  im.passes.finish();
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
  if (a.hasAxis) {
    axis = b.hasAxis ? a.axis + (b.axis - a.axis) * wf : a.axis;
    const float len = glm::length(axis);
    axis = len > 1e-6f ? axis / len : a.axis;
  }
  const auto surface = m_model->project(tip, a.hasAxis ? &axis : nullptr, m_plan->rules.offSkinMm);
  if (!surface) {
    missStrike(timeS);
    return;
  }
  im.lastStrikeOffSkin = false;
  glm::vec3 tangential;
  Stamp st = measureStamp(timeS, a, b, wf, *surface, a.hasAxis ? axis : surface->normal, tangential);
  followStroke(st);
  const Footprint fp = footprint(st, tangential);
  // Pass of this stamp (scoring.md §3); it may wait for the stroke's direction and path.
  bool pending = false;
  if (a.pass > 0) {
    st.pass = im.passes.declaredPass(st.zone, a.pass);
  } else {
    pending = !im.passes.assign(st);
  }
  // Safety: no-go areas and depth in thin skin are critical errors (scoring.md §4-5).
  const float reach = im.geometry.rectangle ? 0.5f * std::sqrt(im.geometry.lengthMm * im.geometry.lengthMm +
                                                               im.geometry.widthMm * im.geometry.widthMm)
                                            : im.geometry.radiusMm;
  im.safety.check(st, static_cast<int>(m_stamps.size()), reach);

  st.hits = m_coverage.apply(fp, im.geometry.densityPerCm2(), st.effectiveDepthMm,
                             pending ? im.passes.pendingBits() : im.passes.zoneBits());
  if (m_trackChanges) m_changed.push_back(fp);
  m_stamps.push_back(st);
  if (pending) im.passes.hold(m_stamps.size() - 1, fp);
  updateLive(st);
}

void ProcedureSession::missStrike(double timeS) {
  Impl& im = *m_impl;
  // Off-skin contact is reported as one event per run of missed strikes.
  if (im.lastStrikeOffSkin && !im.events.empty()) {
    im.events.back().endTimeS = timeS;
    im.events.back().count++;
  } else {
    std::ostringstream detail;
    detail << "pen in contact but more than " << m_plan->rules.offSkinMm << " mm from the skin: no stamps";
    im.events.push_back({"off_skin", timeS, timeS, 1, detail.str()});
  }
  im.lastStrikeOffSkin = true;
  m_live.onSkin = false;
  if (im.stroke.open) closeStroke();
}

Stamp ProcedureSession::measureStamp(double timeS, const PenSample& a, const PenSample& b, float wf,
                                     const SurfacePoint& sp, const glm::vec3& axis, glm::vec3& tangential) const {
  const Impl& im = *m_impl;
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
  tangential = velocity - glm::dot(velocity, sp.normal) * sp.normal;
  st.speedMmPerS = glm::length(tangential);
  st.stretch = a.stretch;
  st.needles = im.geometry.needles;
  if (im.roller) {
    st.rateHz = 0.0f;
    // A roller's row stands for the time since the row before it, within one stroke.
    st.intervalS = im.stroke.open && im.stroke.hasLastPoint ? static_cast<float>(timeS - im.stroke.lastStampTimeS)
                                                            : 0.0f;
  } else {
    st.rateHz = std::isnan(a.rateHz) ? m_plan->defaultRateHz() : a.rateHz;
    st.intervalS = 1.0f / st.rateHz;
  }
  return st;
}

void ProcedureSession::followStroke(Stamp& st) {
  Impl& im = *m_impl;
  Stroke& stroke = im.stroke;
  if (!stroke.open) {
    const uint32_t id = stroke.id + 1;
    stroke = Stroke();
    stroke.open = true;
    stroke.id = id;
    stroke.zone = st.zone;
  }
  st.stroke = stroke.id;
  if (stroke.hasLastPoint) {
    const glm::vec3 d = st.pointMm - stroke.lastPoint;
    const float len = glm::length(d);
    if (len > 0.0f) {
      const SkinModel::Frame frame = SkinModel::readingFrame(st.normal);
      stroke.tensor.add(glm::dot(d, frame.u), glm::dot(d, frame.v));
      stroke.pathMm += len;
    }
  }
  stroke.hasLastPoint = true;
  stroke.lastPoint = st.pointMm;
  stroke.lastStampTimeS = st.timeS;
  if (!stroke.classified && stroke.pathMm >= m_plan->rules.classifyLengthMm) {
    stroke.direction = classifyDirection(stroke.tensor, stroke.pathMm, m_plan->rules.minStrokeLengthMm);
    stroke.classified = true;
    im.passes.classify(stroke.direction);
  }
}

Footprint ProcedureSession::footprint(const Stamp& st, const glm::vec3& tangential) const {
  const StampGeometry& g = m_impl->geometry;
  Footprint fp;
  fp.centerMm = st.pointMm;
  fp.normal = st.normal;
  if (!g.rectangle) {
    fp.radiusMm = g.radiusMm;
    return fp;
  }
  // A roller's row lies across its rolling direction (the screen's vertical until it moves).
  fp.rectangle = true;
  glm::vec3 along = st.speedMmPerS > 1e-3f ? tangential / st.speedMmPerS : glm::vec3(0.0f);
  if (glm::length(along) < 0.5f) {
    glm::vec3 u, v;
    SkinModel::tangentFrame(st.normal, u, v);
    along = u;
  }
  fp.alongDir = along;
  fp.acrossDir = glm::normalize(glm::cross(st.normal, along));
  fp.halfLengthMm = g.lengthMm * 0.5f;
  fp.halfWidthMm = g.widthMm * 0.5f;
  return fp;
}

void ProcedureSession::updateLive(const Stamp& st) {
  m_live.onSkin = true;
  m_live.zone = st.zone;
  m_live.pass = st.pass;
  m_live.speedMmPerS = st.speedMmPerS;
  m_live.angleDeg = st.angleDeg;
  m_live.dialDepthMm = st.dialDepthMm;
  m_live.noGoWarning = st.noGo;
  const ZonePlan* zp = m_plan->zonePlan(st.zone);
  m_live.tooDeepWarning = zp ? st.dialDepthMm > zp->depthMaxMm + 1e-4f : st.tooDeep;
}

void ProcedureSession::closeStroke() {
  Impl& im = *m_impl;
  if (!im.stroke.open) return;
  if (!im.stroke.classified) {
    // A stroke too short to be classified on the way: decide with the path it has.
    im.stroke.direction = classifyDirection(im.stroke.tensor, im.stroke.pathMm, m_plan->rules.minStrokeLengthMm);
    im.stroke.classified = true;
    im.passes.classify(im.stroke.direction);
  }
  im.passes.endStroke();
  im.stroke.open = false;
  im.stroke.hasLastPoint = false;
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
