#include "screens/needling.h"

#include <algorithm>
#include <cmath>

#include "screens/save_files.h"
#include "ui/session_panels.h"

namespace mnsim::app {

void Needling::begin(const Desc& desc) {
  m_desc = desc;
  ProcedureSession& session = *desc.session;
  session.setTrackChanges(true);
  const TreatmentPlan& plan = session.plan();
  m_pen = PenController(&plan.device());
  m_pen.settings().rateHz = plan.defaultRateHz();
  m_pen.settings().depthMm = plan.zones.empty() ? plan.defaults.settingMm : plan.zones.front().settingMm;
  m_pen.resetClock(desc.resumeFrom ? desc.resumeFrom->timeS : 0.0);
  if (desc.resumeFrom) {
    const PenSample& last = *desc.resumeFrom;
    if (!std::isnan(last.depthMm)) m_pen.settings().depthMm = last.depthMm;
    if (!std::isnan(last.rateHz)) m_pen.settings().rateHz = last.rateHz;
    m_pen.settings().pass = last.pass;
  }
  m_haveLastMouse = false;
  m_fromTrace = false;
  m_traceName = "live";
  m_liveTrace.clear();
  m_liveNext = 0;
  m_endWhenLiveDone = false;
  m_ctx.scene.setNeedling(&session);
  m_ctx.scene.setPlan(&plan);
  m_ctx.scene.frameOnPlan();  // the planned zones in front of the trainee
}

void Needling::restart(ProcedureSession* session) {
  m_desc.session = session;
  session->setTrackChanges(true);
  m_ctx.scene.setNeedling(session);
  m_pen.resetClock();
}

void Needling::stop() {
  m_desc.session = nullptr;
  m_liveTrace.clear();
  m_liveNext = 0;
  m_ctx.scene.setNeedling(nullptr);
  m_ctx.scene.endSessionView();
}

void Needling::feed(const std::vector<PenSample>& samples, const std::string& traceName) {
  for (const PenSample& sample : samples) feedOne(sample);
  m_fromTrace = true;
  m_traceName = traceName;
  m_ctx.scene.restyle();
}

void Needling::playLive(std::vector<PenSample> samples, const std::string& traceName) {
  m_fromTrace = true;
  m_traceName = traceName;
  m_liveTrace = std::move(samples);
  m_liveNext = 0;
  m_liveClockS = 0.0;
}

void Needling::feedOne(const PenSample& sample) {
  m_desc.session->addSample(sample);
  if (m_desc.journal) m_desc.journal->sample(sample);
}

void Needling::setView(View view) {
  if (view == View::Coverage && !m_desc.practice) return;  // no heatmap in assessment
  m_ctx.scene.setView(view);
}

void Needling::feedLive(double dtS, glm::vec2 viewport) {
  m_liveClockS += dtS;
  const double startS = m_liveTrace.front().timeS;
  const PenSample* lastFed = nullptr;
  while (m_liveNext < m_liveTrace.size() && m_liveTrace[m_liveNext].timeS - startS <= m_liveClockS) {
    lastFed = &m_liveTrace[m_liveNext++];
    feedOne(*lastFed);
  }
  if (!lastFed) return;
  // The cursor where the pen is: picked through its pixel, as the mouse would be.
  const OrbitCamera& camera = m_ctx.scene.camera();
  const glm::vec4 clip =
      camera.projection(viewport.x / std::max(1.0f, viewport.y)) * camera.view() * glm::vec4(lastFed->tipMm, 1.0f);
  if (clip.w <= 0.0f) return;
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  PenPick cursor =
      m_ctx.scene.pickAt(glm::vec2((ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y), viewport);
  cursor.onSkin = cursor.onSkin && lastFed->contact;
  m_ctx.scene.setCursor(cursor);
}

void Needling::focusZoneUnderCursor(const FrameInput& in) {
  SkinScene& scene = m_ctx.scene;
  const PenPick pick = scene.pickAt(in.input.mousePx, in.viewport);
  const SkinModel* model = scene.model();
  if (!pick.onSkin || !model) {
    m_ctx.overlays.say("Point at a zone of the skin, then press F to look at it close up");
    return;
  }
  const int zone = pick.surface.zone;
  if (scene.lookAtZone(zone) && zone < static_cast<int>(model->zones().zones.size()))
    m_ctx.overlays.say(model->zones().zones[zone].name);
}

bool Needling::handleKeys(const FrameInput& in) {
  if (m_ctx.imgui.wantsKeyboard()) return false;
  SkinScene& scene = m_ctx.scene;
  for (Key k : in.events.pressed) {
    switch (k) {
      case Key::Escape:
        return true;
      case Key::Digit1:
        setView(View::Skin);
        break;
      case Key::Digit2:
        setView(View::Zones);
        break;
      case Key::Digit3:
        setView(View::Coverage);
        break;
      case Key::Digit4:
        setView(View::Endpoint);
        break;
      case Key::P:
        scene.setPass(scene.pass() + 1 >= 6 ? -1 : scene.pass() + 1);
        break;
      case Key::H:
        m_ctx.settings.hudVisible = !m_ctx.settings.hudVisible;
        break;
      case Key::Home:
      case Key::R:
        scene.camera().reset();
        break;
      case Key::F:
        focusZoneUnderCursor(in);
        break;
      case Key::LeftBracket:
        m_pen.stepDepth(-1);
        break;
      case Key::RightBracket:
        m_pen.stepDepth(1);
        break;
      case Key::Comma:
        m_pen.stepRate(-1);
        break;
      case Key::Period:
        m_pen.stepRate(1);
        break;
      case Key::N:
        m_pen.nextPass();
        m_ctx.overlays.say("Pass " + std::to_string(m_pen.settings().pass));
        break;
      case Key::Left:
        m_pen.tilt(0.0f, -5.0f);
        break;
      case Key::Right:
        m_pen.tilt(0.0f, 5.0f);
        break;
      case Key::Up:
        m_pen.tilt(-5.0f, 0.0f);
        break;
      case Key::Down:
        m_pen.tilt(5.0f, 0.0f);
        break;
      case Key::Digit0:
        m_pen.resetTilt();
        break;
      case Key::Minus:
        scene.camera().zoom(1.15f);
        break;
      case Key::Equal:
        scene.camera().zoom(1.0f / 1.15f);
        break;
      case Key::S:
        if (in.input.ctrl) saveTrace(*m_desc.session, m_ctx.overlays);
        break;
      default:
        break;
    }
  }
  return false;
}

Needling::Outcome Needling::frame(const FrameInput& in) {
  Outcome out;
  SkinScene& scene = m_ctx.scene;
  const bool mouseFree = !m_ctx.imgui.wantsMouse();
  out.end = handleKeys(in);  // Esc: the needling ends once this frame is done
  if (const int steps = scene.handleCameraInput(in.events, in.input, in.viewport, !mouseFree, true))
    m_pen.stepDepth(steps);
  scene.camera().update(static_cast<float>(in.dtS));
  m_pen.settings().stretch = in.input.shift;

  // Fixed-step clock: the cursor is interpolated across the frame for each step.
  const glm::vec2 from = m_haveLastMouse ? m_lastMouse : in.input.mousePx;
  if (playingLive()) feedLive(in.dtS, in.viewport);
  if (!m_fromTrace) {
    m_pen.advance(
        in.dtS, in.input.left && mouseFree && !in.input.right && !in.input.middle,
        [&](float f) { return scene.pickAt(from + (in.input.mousePx - from) * f, in.viewport); },
        [&](const PenSample& s) { feedOne(s); });
  }
  m_lastMouse = in.input.mousePx;
  m_haveLastMouse = true;
  if (m_liveTrace.empty()) scene.setCursor(scene.pickAt(in.input.mousePx, in.viewport));
  scene.syncCoverage();
  drawPanels(in, out);
  if (m_endWhenLiveDone && !m_liveTrace.empty() && !playingLive()) out.end = true;
  return out;
}

void Needling::drawPanels(const FrameInput& in, Outcome& out) {
  SkinScene& scene = m_ctx.scene;
  const ProcedureSession& session = *m_desc.session;
  const TreatmentPlan& plan = session.plan();
  const PenPick& cursor = scene.cursor();
  ui::SessionState s;
  s.plan = &plan;
  s.session = &session;
  s.zones = &scene.model()->zones();
  s.pen = &m_pen.settings();
  s.device = &plan.device();
  s.cartridgeId = plan.cartridge() ? plan.cartridge()->id : "";
  s.practice = m_desc.practice;
  s.hudVisible = m_ctx.settings.hudVisible;
  s.view = scene.view();
  s.passShown = scene.pass();
  s.timeS = m_fromTrace && !session.samples().empty() ? session.samples().back().timeS : m_pen.timeS();
  s.cursorOnSkin = cursor.onSkin && !m_ctx.imgui.wantsMouse();
  s.angleDeg = m_pen.angleDeg(cursor);
  s.zoneUnderCursor = s.cursorOnSkin ? cursor.surface.zone : -1;
  s.title = m_desc.title;
  s.inCase = m_desc.inCase;
  const ui::SessionActions a = ui::drawSession(s, m_ctx.imgui.fonts(), in.viewport);
  if (scene.view() == View::Zones && s.cursorOnSkin) {
    const ZoneInfo& z = scene.model()->zones().zones[cursor.surface.zone];
    ui::drawZoneTooltip(z.name, z.noGo);
  }
  if (a.setView >= 0) setView(static_cast<View>(a.setView));
  if (a.setPass != -2) scene.setPass(a.setPass);
  if (a.lookAtZone >= 0) scene.lookAtZone(a.lookAtZone);
  if (a.depthSteps) m_pen.stepDepth(a.depthSteps);
  if (a.rateSteps) m_pen.stepRate(a.rateSteps);
  if (a.nextPass) m_pen.nextPass();
  if (a.resetTilt) m_pen.resetTilt();
  if (a.toggleHelp) m_ctx.overlays.help = !m_ctx.overlays.help;
  if (!a.cartridge.empty() && !m_desc.inCase) out.cartridge = a.cartridge;
  if (a.endSession) out.end = true;
}

SceneLayer Needling::sceneLayer() const {
  return {true, !m_ctx.imgui.wantsMouse(), m_pen.angleDeg(m_ctx.scene.cursor())};
}

}  // namespace mnsim::app
