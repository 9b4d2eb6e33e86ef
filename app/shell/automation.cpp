#include "shell/automation.h"

#include <algorithm>
#include <cstdio>

#include <fstream>

#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/procedure/result_json.h>

#include "gfx/context.h"
#include "gfx/render_target.h"
#include "shell/shell.h"

namespace mnsim::app {

bool Automation::automated() const {
  return !m_options.screenshot.empty() || m_options.benchFrames > 0 || m_options.exitAfter;
}

std::optional<int> Automation::prepare(Shell& shell) {
  if (const std::optional<int> exitCode = openSession(shell)) return exitCode;
  openCase(shell);
  if (const std::optional<int> exitCode = openReplay(shell)) return exitCode;
  if (m_options.reviewRuns) shell.m_screens->home.showRuns();
  if (m_options.myProgress) shell.m_screens->home.showProgress();
  if (automated() && !shell.m_overlays.error.empty()) {
    std::fprintf(stderr, "mnsim: %s\n", shell.m_overlays.error.c_str());
    return 1;
  }
  if (const std::optional<int> exitCode = playIntoSession(shell)) return exitCode;
  showView(shell);
  if (automated() && !shell.m_overlays.error.empty()) {  // e.g. --look-at a zone the asset lacks
    std::fprintf(stderr, "mnsim: %s\n", shell.m_overlays.error.c_str());
    return 1;
  }
  return std::nullopt;
}

// mnsim train: straight into a session (unless --home).
std::optional<int> Automation::openSession(Shell& shell) {
  if (!m_options.train || m_options.home) return std::nullopt;
  const std::string plan =
      m_options.plan.empty() ? defaultPlanFor(m_options.asset, shell.m_screens->home.plans()) : m_options.plan;
  if (plan.empty()) {
    shell.m_overlays.error =
        "No treatment plan was given for asset '" + m_options.asset + "' and none is built in. Choose one with --plan.";
    return std::nullopt;
  }
  const int fitzpatrick = m_options.fitzpatrick > 0 ? m_options.fitzpatrick : shell.m_settings.fitzpatrick;
  if (!shell.apply(StartPractice{m_options.asset, plan, m_options.assessment, fitzpatrick}) && automated()) {
    std::fprintf(stderr, "%s\n", shell.m_overlays.error.c_str());
    return 1;
  }
  return std::nullopt;
}

// mnsim case / author: the case, its scripted answers, a procedure step reached that way needled
// from the trace, and the case debrief.
void Automation::openCase(Shell& shell) {
  if (m_options.scenario.empty()) return;
  Screens& s = *shell.m_screens;
  if (!shell.apply(StartCase{m_options.scenario, m_options.assessment, m_options.seed, m_options.author, {}})) return;
  if (!m_options.answers.empty()) s.caseRun.playAnswers(m_options.answers, m_options.until);
  const CaseSession& session = *s.caseRun.session();
  const Step* step = session.currentStep();
  if (!session.finished() && !m_options.playTrace.empty() && step && step->type == StepType::Procedure &&
      s.caseScreen.startNeedling())
    playTrace(shell);  // needling this step from a trace, as the trainee would live
  if (m_options.debrief) shell.apply(OpenCaseDebrief{});
}

std::optional<int> Automation::openReplay(Shell& shell) {
  if (m_options.replay.empty()) return std::nullopt;
  ReplayController& replay = shell.m_screens->replay;
  if (!shell.apply(OpenReplay{m_options.replay, !m_options.traineeView, ScreenId::Home, m_options.replayScenario})) {
    if (!automated()) return std::nullopt;  // the error dialog says why
    std::fprintf(stderr, "mnsim: %s\n", shell.m_overlays.error.c_str());
    return 1;
  }
  showView(shell);  // the camera first: a comment is pinned through it
  if (m_options.seek) replay.seek(*m_options.seek);
  if (!m_options.comment.empty() && m_options.mouse)
    replay.addComment(*m_options.mouse, glm::vec2(shell.m_window->framebufferSize()), m_options.comment);
  if (m_options.newReview && !replay.supersede()) {
    std::fprintf(stderr, "mnsim: no new review: the latest review of this run is not signed (it is the draft)\n");
    m_signOffRefused = true;
  }
  for (const std::string& change : m_options.rate) {
    std::string error;
    if (!replay.rate(change, error)) {
      std::fprintf(stderr, "mnsim: not changed: %s\n", error.c_str());
      m_signOffRefused = true;
    }
  }
  if (!m_options.signOff.empty()) {
    std::string error;
    if (replay.signOff(m_options.signOff, error)) {
      std::printf("signed off: %s\n", m_options.signOff.c_str());
    } else {
      std::fprintf(stderr, "mnsim: not signed off: %s\n", error.c_str());
      m_signOffRefused = true;
    }
  }
  if (m_options.openSignOff) replay.openSignOffDialog();
  if (!m_options.tab.empty()) replay.showTab(m_options.tab == "rubric" ? 0 : m_options.tab == "comments" ? 1 : 2);
  if (m_options.playSpeed >= 0) replay.play(m_options.playSpeed);
  return std::nullopt;
}

// mnsim train --play-trace: the trace into the free practice session, then perhaps the debrief.
std::optional<int> Automation::playIntoSession(Shell& shell) {
  if (shell.m_current != ScreenId::Practice || m_options.playTrace.empty()) return std::nullopt;
  Screens& s = *shell.m_screens;
  if (!playTrace(shell)) {
    if (!automated()) return std::nullopt;
    std::fprintf(stderr, "%s\n", shell.m_overlays.error.c_str());
    return 1;
  }
  s.practice.nameTrace(m_options.playTrace);
  if (m_options.debrief) {
    if (m_options.live)
      s.needling.endWhenLiveDone();
    else
      shell.apply(s.practice.end());
  }
  return std::nullopt;
}

bool Automation::playTrace(Shell& shell) {
  Needling& needling = shell.m_screens->needling;
  auto trace = readTrace(m_options.playTrace, traceLimits(needling.plan()));
  if (!trace) {
    shell.m_overlays.error = trace.error().format();
    return false;
  }
  if (m_options.live)
    needling.playLive(std::move(trace->samples), m_options.playTrace);
  else
    needling.feed(trace->samples, m_options.playTrace);
  return true;
}

// --view, --pass, --camera and --look-at, once the screen is set.
void Automation::showView(Shell& shell) {
  Screens& s = *shell.m_screens;
  if (!m_options.view.empty()) {
    const std::string& v = m_options.view;
    const View view = v == "zones"      ? View::Zones
                      : v == "coverage" ? View::Coverage
                      : v == "endpoint" ? View::Endpoint
                                        : View::Skin;
    if (s.needling.active())
      s.needling.setView(view);  // the heatmap is hidden while needling in assessment
    else
      shell.m_scene.setView(view);
  }
  shell.m_scene.setPass(m_options.pass);
  if (!m_options.camera.empty()) shell.m_scene.applyCameraPreset(m_options.camera);
  if (!m_options.lookAt.empty()) {
    const SkinModel* model = shell.m_scene.model();
    const int zone = model ? model->zones().find(m_options.lookAt) : -1;
    if (zone < 0 || !shell.m_scene.lookAtZone(zone, true))
      shell.m_overlays.error = "--look-at: no zone '" + m_options.lookAt + "' to look at here ('mnsim zones' lists an asset's zones)";
  }
}

void Automation::movePointer(InputState& input) const {
  if (m_options.mouse) input.mousePx = *m_options.mouse;
}

void Automation::exerciseWindow(Window& window, int frameIndex) const {
  if (!m_options.windowTest) return;
  // Resize, minimise and restore on the way, as a user would.
  if (frameIndex == 4) window.setSize(1024, 640);
  if (frameIndex == 8) window.iconify();
  if (frameIndex == 12) window.restore();
  if (frameIndex == 16) window.setSize(1280, 720);
}

std::chrono::milliseconds Automation::idleWait() const {
  return std::chrono::milliseconds(m_options.windowTest ? 5 : 50);
}

void Automation::beforeFrame(SkinScene& scene) const {
  if (m_options.orbit) scene.camera().orbit(0.5f, 0.0f);
}

void Automation::beforeReplayFrame(Shell& shell) {
  if (!m_options.scrub || shell.m_current != ScreenId::Replay) return;
  m_scrubState = m_scrubState * 6364136223846793005ull + 1442695040888963407ull;  // a fixed LCG
  const double share = static_cast<double>(m_scrubState >> 11) / static_cast<double>(1ull << 53);
  shell.m_screens->replay.seek(share * shell.m_screens->replay.durationS());
}

std::optional<glm::vec2> Automation::pointerInWindow(const Window& window, glm::ivec2 framebuffer) const {
  if (!m_options.mouse) return std::nullopt;
  // The panels see the pointer where the pen cursor is, in window coordinates.
  const glm::ivec2 ws = window.windowSize();
  return glm::vec2(m_options.mouse->x * ws.x / framebuffer.x, m_options.mouse->y * ws.y / framebuffer.y);
}

bool Automation::afterDrawing(const gfx::RenderTarget& frame, Window& window, int frameIndex, bool playing) {
  if (playing) m_screenshotFrame = frameIndex + 2;  // the picture and the exit wait for the trace's or replay's end
  if (m_options.screenshot.empty() || frameIndex != m_screenshotFrame + (m_options.windowTest ? 20 : 0)) return true;
  std::string error;
  const bool written = frame.writePng(m_options.screenshot, error);
  if (!written) std::fprintf(stderr, "mnsim: %s\n", error.c_str());
  if (m_options.benchFrames == 0 && m_options.exitAfter) window.requestClose();
  return written;
}

void Automation::afterPresent(Window& window, std::chrono::steady_clock::time_point frameStart) {
  if (m_options.benchFrames <= 0) return;
  gfx::finishCommands();  // the frame is only done when the rasteriser is, and shown when swapped
  m_frameMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
  if (static_cast<int>(m_frameMs.size()) >= m_options.benchFrames + 5) window.requestClose();
}

bool Automation::sessionEnded(const ProcedureResult& result) {
  if (m_options.result.empty() || m_resultDone) return true;
  m_resultDone = true;  // written or not, --exit-after may close now
  std::ofstream out(m_options.result, std::ios::binary);
  out << resultToJson(result);
  out.close();
  if (!out) {
    std::fprintf(stderr, "mnsim: %s: cannot write the result\n", m_options.result.c_str());
    m_resultFailed = true;
    return false;
  }
  return true;
}

void Automation::afterFrame(Window& window, int frameIndex) const {
  if (m_options.exitAfter && m_options.screenshot.empty() && m_options.benchFrames == 0 &&
      frameIndex > m_screenshotFrame && (m_options.result.empty() || m_resultDone))
    window.requestClose();
}

int Automation::finish(const Window& window) const {
  if (m_options.benchFrames > 0 && m_frameMs.size() > 5) {
    std::vector<double> timed(m_frameMs.begin() + 5, m_frameMs.end());  // the first frames warm caches up
    std::sort(timed.begin(), timed.end());
    const double median = timed[timed.size() / 2];
    const double p95 = timed[std::min(timed.size() - 1, static_cast<size_t>(timed.size() * 0.95))];
    const glm::ivec2 fb = window.framebufferSize();
    std::printf("frames=%zu size=%dx%d median_ms=%.2f p95_ms=%.2f max_ms=%.2f\n", timed.size(), fb.x, fb.y, median, p95,
                timed.back());
  }
  if (m_resultFailed || m_signOffRefused) return 1;
  if (!m_options.glDebug) return 0;
  const int errors = gfx::debugErrorCount();
  std::printf("gl_errors=%d\n", errors);
  return errors > 0 ? 1 : 0;
}

}  // namespace mnsim::app
