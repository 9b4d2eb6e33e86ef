#include "shell/shell.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <type_traits>

#include "core/run_store.h"
#include "core/file_names.h"
#include "core/station.h"
#include "core/skin_tones.h"
#include "gfx/context.h"
#include "gfx/render_target.h"
#include "ui/overlays.h"

namespace mnsim::app {

namespace fs = std::filesystem;

Screens::Screens(const AppContext& context)
    : ctx(context),
      needling(ctx),
      caseRun(ctx),
      home(ctx),
      practice(ctx, needling),
      practiceDebrief(ctx),
      caseScreen(ctx, caseRun, needling),
      caseDebrief(ctx, caseRun),
      author(ctx, caseRun, needling),
      replay(ctx) {}

ScreenController& Screens::get(ScreenId id) {
  ScreenController* const byId[] = {&home, &practice, &practiceDebrief, &caseScreen, &caseDebrief, &author, &replay};
  static_assert(static_cast<int>(ScreenId::Replay) == 6, "one controller per ScreenId, in its order");
  return *byId[static_cast<int>(id)];
}

Shell::Shell(const SimulatorOptions& options, const std::string& executablePath)
    : m_options(options), m_search(defaultAssetSearch(executablePath)), m_automation(m_options) {}

Shell::~Shell() = default;

bool Shell::open(std::string& error) {
  const bool automated = m_automation.automated();
  WindowDesc desc;
  desc.width = m_options.width > 0 ? m_options.width : (automated ? 1280 : m_settings.windowWidth);
  desc.height = m_options.height > 0 ? m_options.height : (automated ? 720 : m_settings.windowHeight);
  desc.x = automated ? -1 : m_settings.windowX;
  desc.y = automated ? -1 : m_settings.windowY;
  desc.maximized = !automated && m_settings.windowMaximized;
  desc.visible = !m_options.hidden;
  desc.debugContext = m_options.glDebug;
  desc.title = "mnsim";
  m_window = Window::create(desc, error);
  if (!m_window || !gfx::loadGl(reinterpret_cast<gfx::ProcLoader>(Window::procLoader()), error)) return false;
  if (m_options.glDebug) gfx::enableDebugOutput();
  // Automated runs leave the user's layout and settings alone.
  const std::string layout = automated ? "" : (fs::path(m_configFolder) / "layout.ini").string();
  std::error_code ignored;
  if (!automated) fs::create_directories(m_configFolder, ignored);
  if (!m_imgui.init(m_window->nativeHandle(), m_window->contentScale(), layout, error)) return false;
  m_frame = std::make_unique<gfx::RenderTarget>();
  if (!m_scene.init(error)) {
    close();
    return false;
  }
  return true;
}

void Shell::close() {
  m_scene.release();
  m_frame.reset();
  m_imgui.shutdown();
}

int Shell::run() {
  m_configFolder = configFolder();
  m_settings = loadSettings(m_configFolder);
  std::string error;
  if (!open(error)) {
    std::fprintf(stderr, "mnsim: %s\n", error.c_str());
    return 1;
  }
  if (auto tones = loadSkinTones(m_search))
    m_scene.setTones(std::move(*tones));
  else
    m_overlays.error = tones.error().format();
  m_screens = std::make_unique<Screens>(AppContext{*m_window, m_imgui, m_settings, m_search, m_scene, m_overlays});
  m_screens->home.init(m_configFolder, m_options.fitzpatrick);
  setUpRecording();
  sendBacklogSoon();  // runs of earlier sessions the academy's server has not had yet
  // Nothing is recorded before we know who is training: what the command line asks for opens
  // once the who-is-training dialog is answered.
  m_prepareAfterIdentity = m_overlays.askTrainee;
  if (!m_prepareAfterIdentity)
    if (const std::optional<int> exitCode = m_automation.prepare(*this)) {
      close();
      return *exitCode;
    }
  int exitCode = loop();
  // A case or a needling still under way when the window closes is sealed as stopped.
  m_screens->caseRun.end();
  m_screens.reset();
  if (m_automation.finish(*m_window) != 0) exitCode = 1;
  if (!m_automation.automated()) saveWindowPlacement();
  close();
  stopSendingBacklog();
  return exitCode;
}

int Shell::loop() {
  int exitCode = 0;
  int frameIndex = 0;
  double lastS = Window::timeS();
  while (!m_window->shouldClose()) {
    const InputEvents events = m_window->pollEvents();
    InputState input = m_window->input();
    m_automation.movePointer(input);
    const glm::ivec2 framebuffer = m_window->framebufferSize();
    const double nowS = Window::timeS();
    const double dtS = nowS - lastS;
    lastS = nowS;
    m_automation.exerciseWindow(*m_window, frameIndex);
    if (framebuffer.x <= 0 || framebuffer.y <= 0 || m_window->iconified()) {
      // Minimised: nothing to draw; keep polling so that the clock does not jump when restored.
      std::this_thread::sleep_for(m_automation.idleWait());
      ++frameIndex;
      continue;
    }
    const auto frameStart = std::chrono::steady_clock::now();
    m_automation.beforeFrame(m_scene);
    m_automation.beforeReplayFrame(*this);
    drawFrame(events, input, dtS, framebuffer, nowS);
    // A picture of a trace or a replay being played waits for its end.
    const bool playing =
        m_screens->needling.playingLive() || (m_current == ScreenId::Replay && m_screens->replay.playing());
    if (!m_automation.afterDrawing(*m_frame, *m_window, frameIndex, playing)) exitCode = 1;
    m_frame->presentToWindow(framebuffer.x, framebuffer.y);
    m_window->swapBuffers();
    m_automation.afterPresent(*m_window, frameStart);
    ++frameIndex;
    m_automation.afterFrame(*m_window, frameIndex);
  }
  return exitCode;
}

void Shell::drawFrame(const InputEvents& events, const InputState& input, double dtS, glm::ivec2 framebuffer,
                      double nowS) {
  m_frame->resize(framebuffer.x, framebuffer.y);
  const glm::vec2 viewport(framebuffer);
  if (const std::optional<glm::vec2> at = m_automation.pointerInWindow(*m_window, framebuffer)) {
    const float pointer[2] = {at->x, at->y};
    m_imgui.newFrame(pointer);
  } else {
    m_imgui.newFrame();
  }
  apply(m_screens->get(m_current).frame(FrameInput{events, input, dtS, viewport}));
  for (Key k : events.pressed)
    if (k == Key::F1) m_overlays.help = !m_overlays.help;
  drawOverlays(viewport, nowS);

  m_scene.drawLayer(*m_frame, framebuffer, m_screens->get(m_current).sceneLayer());
  m_frame->bind();
  m_imgui.render(!m_options.noPanels);
  for (Key k : events.pressed)
    if (k == Key::F12 && !m_imgui.wantsKeyboard()) takeScreenshot("mnsim-" + timestamp() + ".png");
}

bool Shell::apply(ScreenRequest request) {
  Screens& s = *m_screens;
  return std::visit(
      [&](auto&& r) -> bool {
        using R = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<R, GoTo>) {
          // Back from a replay: the debrief's skin as it was.
          if (m_current == ScreenId::Replay && r.screen == ScreenId::CaseDebrief) s.caseDebrief.restoreScene();
          if (m_current == ScreenId::Replay && r.screen == ScreenId::PracticeDebrief) s.practiceDebrief.restoreScene();
          m_current = r.screen;
        } else if constexpr (std::is_same_v<R, StartPractice>) {
          if (!s.practice.start(r)) return false;
          m_current = ScreenId::Practice;
        } else if constexpr (std::is_same_v<R, StartCase>) {
          const bool started = s.caseRun.start(r);
          // Author mode shows a scenario's problems even when it cannot start.
          if (started || (s.caseRun.authorMode() && m_overlays.error.empty()))
            m_current = s.caseRun.authorMode() ? ScreenId::Author : ScreenId::Case;
          return started;
        } else if constexpr (std::is_same_v<R, OpenNeedlingDebrief>) {
          s.practiceDebrief.open(std::move(r));
          m_current = ScreenId::PracticeDebrief;
          if (!m_automation.sessionEnded(s.practiceDebrief.result())) m_overlays.error = "Cannot write " + m_options.result;
        } else if constexpr (std::is_same_v<R, OpenCaseDebrief>) {
          s.caseDebrief.open();
          m_current = ScreenId::CaseDebrief;
        } else if constexpr (std::is_same_v<R, OpenReplay>) {
          if (!s.replay.open(r)) return false;
          m_current = ScreenId::Replay;
        }
        return true;
      },
      request);
}

void Shell::drawOverlays(glm::vec2 viewport, double nowS) {
  ui::drawHelp(m_overlays.help, m_imgui.fonts());
  drawRecordingDialogs();
  ui::drawErrorDialog(m_overlays.error);
  if (!m_overlays.note.empty() && nowS < m_overlays.noteUntilS) ui::drawNote(m_overlays.note, viewport);
}

void Shell::setUpRecording() {
  const bool automated = m_automation.automated();
  if (!m_options.traineeId.empty()) {
    m_settings.setTrainee(m_options.traineeId, m_options.traineeName, m_options.cohort);
  } else if (automated && m_settings.traineeId.empty() && !m_options.askTrainee) {
    // Tests and pictures on a station nobody has trained at: their runs say so.
    m_settings.setTrainee("automation", "Automated run", "");
  }
  // Replaying and reviewing records nothing: no trainee asked for, no runs to recover.
  if (!m_options.replay.empty()) return;
  if (m_settings.traineeId.empty() || m_options.askTrainee) {
    m_overlays.askTrainee = true;
    m_identity.firstStart = m_settings.traineeId.empty();
  }
  // Runs a crash left unfinished: offered one by one (automated runs only when asked).
  if (!automated || !m_options.recover.empty()) {
    m_unfinished = findUnfinishedRuns(runsFolder());
    if (m_options.recover == "close" || m_options.recover == "resume") {
      if (!m_unfinished.empty()) {
        showNextUnfinished();
        recover(m_options.recover == "close" ? ui::RecoverAction::Close : ui::RecoverAction::Resume);
      }
    } else {
      showNextUnfinished();
    }
  }
}

void Shell::showNextUnfinished() {
  m_recoverPrompt = ui::RecoverPrompt();
  if (m_unfinished.empty()) return;
  const UnfinishedRun& run = m_unfinished.front();
  const RunHeader& h = run.header;
  ui::RecoverPrompt& p = m_recoverPrompt;
  p.open = true;
  p.what = h.kind == "case" ? "Case: " + h.scenarioId : "Free needling: " + fs::path(h.planPath).filename().string();
  p.trainee = h.trainee.name + " (" + h.trainee.id + ")" + (h.trainee.cohort.empty() ? "" : ", " + h.trainee.cohort);
  p.mode = h.mode;
  p.started = utcText(h.startedUnixMs);
  p.lastInput = utcText(run.lastInputUnixMs);
  p.events = std::to_string(run.events) + " events";
  p.path = run.path;
  if (h.kind != "case") {
    p.canResume = false;
    p.cannotResume = "a free needling session is closed, not resumed; start a new one.";
  } else if (!run.damage.empty()) {
    p.canResume = false;
    p.cannotResume = "it is damaged (" + run.damage + ").";
  }
}

void Shell::recover(ui::RecoverAction action) {
  if (m_unfinished.empty() || action == ui::RecoverAction::None) return;
  const UnfinishedRun run = m_unfinished.front();
  m_unfinished.erase(m_unfinished.begin());
  m_recoverPrompt.open = false;
  if (action == ui::RecoverAction::Close) {
    auto key = stationKey();
    const Status closed = key ? closeInterrupted(run.path, *key) : Status(key.error());
    if (closed && !keepInStore(run.path))
      m_overlays.say("Closed as interrupted: " + fs::path(run.path).filename().string() + " (the store could not take it)");
    else if (closed)
      m_overlays.say("Closed as interrupted: " + fs::path(run.path).filename().string());
    else
      m_overlays.error = "The run could not be closed: " + closed.error().format();
  } else if (action == ui::RecoverAction::Resume) {
    Screens& s = *m_screens;
    if (s.caseRun.resume(run.path)) {
      m_current = ScreenId::Case;
      if (s.caseRun.resumedNeedling()) s.caseScreen.startNeedling();
    }
  }
  if (action != ui::RecoverAction::Resume) showNextUnfinished();
  else m_unfinished.clear();  // one at a time: the others are offered on the next start
}

void Shell::drawRecordingDialogs() {
  if (m_overlays.askTrainee && !m_identity.open) {
    m_overlays.askTrainee = false;
    const bool first = m_identity.firstStart;
    m_identity = ui::IdentityDraft();
    m_identity.open = true;
    m_identity.firstStart = first;
    m_identity.known = knownTrainees(m_settings);
    std::snprintf(m_identity.id, sizeof m_identity.id, "%s", m_settings.traineeId.c_str());
    std::snprintf(m_identity.name, sizeof m_identity.name, "%s", m_settings.traineeName.c_str());
    std::snprintf(m_identity.cohort, sizeof m_identity.cohort, "%s", m_settings.cohort.c_str());
  }
  if (m_identity.open) {
    if (ui::drawIdentityDialog(m_identity, m_imgui.fonts()) == ui::IdentityAction::Save) {
      m_settings.setTrainee(m_identity.id, m_identity.name, m_identity.cohort);
      if (!m_automation.automated()) saveSettings(m_settings, m_configFolder);
      m_identity.firstStart = false;
      m_overlays.say("Training now: " + m_settings.traineeName + " (" + m_settings.traineeId + ")");
      if (m_prepareAfterIdentity) {
        m_prepareAfterIdentity = false;
        if (m_automation.prepare(*this)) m_window->requestClose();
      }
    }
    return;  // one dialog at a time
  }
  if (m_recoverPrompt.open) recover(ui::drawRecoverPrompt(m_recoverPrompt, m_imgui.fonts()));
}

void Shell::takeScreenshot(const std::string& path) {
  std::string error;
  if (!m_frame->writePng(path, error))
    m_overlays.error = error;
  else
    m_overlays.say("Screenshot saved to " + fs::absolute(path).string());
}

void Shell::saveWindowPlacement() {
  const glm::ivec2 size = m_window->windowSize(), pos = m_window->position();
  m_settings.windowMaximized = m_window->maximized();
  if (!m_settings.windowMaximized && size.x > 0) {
    m_settings.windowWidth = size.x;
    m_settings.windowHeight = size.y;
    m_settings.windowX = pos.x;
    m_settings.windowY = pos.y;
  }
  saveSettings(m_settings, m_configFolder);
}

int runSimulator(const SimulatorOptions& options, const std::string& executablePath) {
  Shell shell(options, executablePath);
  return shell.run();
}

}  // namespace mnsim::app
