// The composition root of the window: platform (GLFW) -> pen samples -> engine session ->
// read-only state -> gfx and ui, once per frame. Cases live in simulator_case.cpp.
#include "simulator_impl.h"

#include <imgui.h>
#include <stb_image.h>

#include "gfx/gl.h"

#ifndef MNSIM_SOURCE_DIR
#define MNSIM_SOURCE_DIR ""
#endif

namespace mnsim::app {

std::string timestamp() {
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&now));
  return buf;
}

namespace {

// Plans the home screen offers: the built-in ones beside the assets, the examples, recent files.
std::vector<ui::PlanChoice> findPlans(const AssetSearch& search, const std::vector<std::string>& recent) {
  std::vector<std::string> paths;
  std::vector<fs::path> folders;
  for (const std::string& f : search.folders) folders.push_back(fs::path(f) / "plans");
  if (std::string(MNSIM_SOURCE_DIR).size() > 0) folders.push_back(fs::path(MNSIM_SOURCE_DIR) / "docs" / "examples");
  std::error_code ec;
  for (const fs::path& folder : folders) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(folder, ec))
      if (e.path().extension() == ".yaml") found.push_back(fs::canonical(e.path(), ec).string());
    std::sort(found.begin(), found.end());
    for (const std::string& p : found)
      if (std::find(paths.begin(), paths.end(), p) == paths.end()) paths.push_back(p);
  }
  for (const std::string& r : recent)
    if (std::find(paths.begin(), paths.end(), r) == paths.end() && fs::exists(r, ec)) paths.push_back(r);
  std::vector<ui::PlanChoice> plans;
  for (const std::string& p : paths) {
    auto plan = readPlan(p);
    if (!plan) continue;  // scenario files and broken plans are not offered here
    ui::PlanChoice choice{p, plan->title, plan->assetName, {}};
    const DeviceSpec& device = plan->device();
    choice.summary.push_back(device.kind == DeviceKind::Pen && plan->cartridge()
                                 ? "Pen, " + plan->cartridge()->name + " cartridge"
                                 : device.name);
    const size_t shown = std::min<size_t>(plan->zones.size(), 4);
    for (size_t z = 0; z < shown; ++z) {
      const ZonePlan& zp = plan->zones[z];
      char line[160];
      std::snprintf(line, sizeof line, "%s: %.2f-%.2f mm, %d passes", zp.zoneId.c_str(), zp.depthMinMm, zp.depthMaxMm, zp.passes);
      choice.summary.push_back(line);
    }
    if (plan->zones.size() > shown) choice.summary.push_back("and " + std::to_string(plan->zones.size() - shown) + " more zones");
    plans.push_back(std::move(choice));
  }
  return plans;
}

// The case library: scenarios/ beside the assets or in the source tree.
std::vector<ui::CaseChoice> findCases(const AssetSearch& search) {
  std::vector<fs::path> folders;
  for (const std::string& f : search.folders) folders.push_back(fs::path(f).parent_path() / "scenarios");
  if (std::string(MNSIM_SOURCE_DIR).size() > 0) folders.push_back(fs::path(MNSIM_SOURCE_DIR) / "scenarios");
  std::vector<ui::CaseChoice> cases;
  std::vector<std::string> seen;
  std::error_code ec;
  for (const fs::path& folder : folders) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(folder, ec))
      if (e.path().extension() == ".yaml") files.push_back(fs::canonical(e.path(), ec).string());
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      if (std::find(seen.begin(), seen.end(), file) != seen.end()) continue;
      seen.push_back(file);
      ScenarioLoad load = loadScenario(file);
      if (!load.scenario) continue;
      const Scenario& sc = *load.scenario;
      cases.push_back({file, sc.title, sc.difficulty, sc.estimatedMinutes, sc.summary, sc.assetName});
    }
  }
  // Beginners first, then by title.
  auto rank = [](const std::string& d) { return d == "beginner" ? 0 : d == "intermediate" ? 1 : 2; };
  std::stable_sort(cases.begin(), cases.end(), [&](const ui::CaseChoice& a, const ui::CaseChoice& b) {
    return rank(a.difficulty) != rank(b.difficulty) ? rank(a.difficulty) < rank(b.difficulty) : a.title < b.title;
  });
  return cases;
}

std::string defaultPlanFor(const std::string& asset, const std::vector<ui::PlanChoice>& plans) {
  for (const ui::PlanChoice& p : plans)
    if (p.asset == asset) return p.path;
  return {};
}

}  // namespace

int Simulator::run() {
  m_configFolder = configFolder();
  m_settings = loadSettings(m_configFolder);
  const bool automated = !m_options.screenshot.empty() || m_options.benchFrames > 0 || m_options.exitAfter;

  WindowDesc desc;
  desc.width = m_options.width > 0 ? m_options.width : (automated ? 1280 : m_settings.windowWidth);
  desc.height = m_options.height > 0 ? m_options.height : (automated ? 720 : m_settings.windowHeight);
  desc.x = automated ? -1 : m_settings.windowX;
  desc.y = automated ? -1 : m_settings.windowY;
  desc.maximized = !automated && m_settings.windowMaximized;
  desc.visible = !m_options.hidden;
  desc.debugContext = m_options.glDebug;
  desc.title = "mnsim";
  std::string error;
  m_window = Window::create(desc, error);
  if (!m_window) {
    std::fprintf(stderr, "mnsim: %s\n", error.c_str());
    return 1;
  }
  if (!gfx::loadGl(reinterpret_cast<gfx::ProcLoader>(Window::procLoader()), error)) {
    std::fprintf(stderr, "mnsim: %s\n", error.c_str());
    return 1;
  }
  if (m_options.glDebug) gfx::enableDebugOutput();
  const std::string layout = automated ? "" : (fs::path(m_configFolder) / "layout.ini").string();
  std::error_code ignored;
  if (!automated) fs::create_directories(m_configFolder, ignored);
  if (!m_imgui.init(m_window->nativeHandle(), m_window->contentScale(), layout, error)) {
    std::fprintf(stderr, "mnsim: %s\n", error.c_str());
    return 1;
  }
  m_target = std::make_unique<gfx::RenderTarget>();
  m_sceneTarget = std::make_unique<gfx::RenderTarget>();
  m_backdrop = std::make_unique<gfx::RenderTarget>();
  m_renderer = std::make_unique<gfx::SkinRenderer>();
  if (!m_renderer->init(error)) {
    std::fprintf(stderr, "mnsim: %s\n", error.c_str());
    m_imgui.shutdown();
    return 1;
  }

  // The home screen's choices start from the saved settings.
  m_home.recent = m_settings.recent;
  m_home.plans = findPlans(m_search, m_settings.recent);
  m_home.fitzpatrick = m_options.fitzpatrick > 0 ? m_options.fitzpatrick : m_settings.fitzpatrick;
  m_home.assessment = m_settings.assessment;
  m_home.assetChoice = m_settings.asset == "pad" ? 1 : m_settings.asset == "body" ? 2 : m_settings.asset == "head" ? 0 : 3;
  if (m_home.assetChoice == 3) m_home.otherAsset = m_settings.asset;
  m_home.planPath = m_settings.plan.empty() ? defaultPlanFor(m_settings.asset, m_home.plans) : m_settings.plan;
  m_home.configFolder = m_configFolder;
  m_home.cases = findCases(m_search);
  if (!m_home.cases.empty()) m_home.casePath = m_home.cases.front().path;
  m_home.version = mnsimVersion();
  for (int t = 1; t <= 6; ++t) m_home.skinSwatches.push_back(skinTone(t).swatchSrgb);

  int exitCode = 0;
  if (m_options.train && !m_options.home) {
    std::string plan = m_options.plan.empty() ? defaultPlanFor(m_options.asset, m_home.plans) : m_options.plan;
    if (plan.empty()) {
      m_error = "No treatment plan was given for asset '" + m_options.asset + "' and none is built in. Choose one with --plan.";
    } else if (!startSession(m_options.asset, plan, m_options.assessment,
                             m_options.fitzpatrick > 0 ? m_options.fitzpatrick : m_settings.fitzpatrick)) {
      if (automated) {
        std::fprintf(stderr, "%s\n", m_error.c_str());
        m_imgui.shutdown();
        return 1;
      }
    }
  }
  if (!m_options.scenario.empty()) {
    m_author = m_options.author;
    const bool started = startCase(m_options.scenario, m_options.assessment, m_options.seed);
    if (!started && m_author && m_error.empty()) m_screen = Screen::Case;  // shows the problems
    if (started && !m_options.answers.empty()) playAnswers(m_options.answers, m_options.until);
    if (started && m_case && !m_case->finished() && !m_options.playTrace.empty() && m_case->currentStep() &&
        m_case->currentStep()->type == StepType::Procedure) {
      // Needling this step from a trace, as the trainee would live.
      ui::CaseActions start;
      m_session = m_case->procedure();
      m_session->setTrackChanges(true);
      m_planUsed = &m_session->plan();
      m_inCase = true;
      m_pen = PenController(&plan().device());
      m_screen = Screen::Session;
      auto trace = readTrace(m_options.playTrace, traceLimits(plan()));
      if (!trace) {
        m_error = trace.error().format();
      } else {
        for (const PenSample& sample : trace->samples) m_session->addSample(sample);
        m_playback = true;
      }
      restyle();
    }
    if (started && m_case && m_options.debrief) openCaseDebrief();
  }
  if (automated && !m_error.empty()) {
    std::fprintf(stderr, "mnsim: %s\n", m_error.c_str());
    m_imgui.shutdown();
    return 1;
  }

  if (m_screen == Screen::Session && !m_options.playTrace.empty() && !m_inCase) {
    auto trace = readTrace(m_options.playTrace, traceLimits(plan()));
    if (!trace) {
      m_error = trace.error().format();
      if (automated) {
        std::fprintf(stderr, "%s\n", m_error.c_str());
        m_imgui.shutdown();
        return 1;
      }
    } else {
      m_session->setInputNames(m_planPath, m_options.playTrace);
      m_playback = true;
      if (m_options.live) {
        m_liveTrace = std::move(trace->samples);  // fed frame by frame on the session clock
        m_liveNext = 0;
        m_liveClockS = 0.0;
      } else {
        for (const PenSample& s : trace->samples) m_session->addSample(s);
        syncCoverage(true);
        if (m_options.debrief) endSession();
      }
    }
  }
  if (!m_options.view.empty()) {
    const std::string v = m_options.view;
    setView(v == "zones" ? View::Zones : v == "coverage" ? View::Coverage : v == "endpoint" ? View::Endpoint : View::Skin);
  }
  if (m_options.pass != m_passShown) {
    m_passShown = m_options.pass;
    restyle();
  }
  if (!m_options.camera.empty()) applyCameraPreset(m_options.camera);

  std::vector<double> frameMs;
  int frame = 0;
  double last = Window::timeS();
  int screenshotFrame = 3;
  while (!m_window->shouldClose()) {
    const InputEvents events = m_window->pollEvents();
    InputState input = m_window->input();
    if (m_options.mouse) input.mousePx = *m_options.mouse;
    const glm::ivec2 fb = m_window->framebufferSize();
    const double now = Window::timeS();
    const double dt = now - last;
    last = now;
    if (m_options.windowTest) {
      // Resize, minimise and restore on the way, as a user would.
      if (frame == 4) m_window->setSize(1024, 640);
      if (frame == 8) m_window->iconify();
      if (frame == 12) m_window->restore();
      if (frame == 16) m_window->setSize(1280, 720);
    }
    if (fb.x <= 0 || fb.y <= 0 || m_window->iconified()) {
      // Minimised: nothing to draw; keep the clock from jumping when restored.
      std::this_thread::sleep_for(std::chrono::milliseconds(m_options.windowTest ? 5 : 50));
      ++frame;
      continue;
    }
    const auto frameStart = std::chrono::steady_clock::now();
    if (m_options.orbit) m_camera.orbit(0.5f, 0.0f);
    m_target->resize(fb.x, fb.y);
    const glm::vec2 viewport(fb);

    if (m_options.mouse) {
      // Automation: the panels see the pointer where the pen cursor is (window coordinates).
      const glm::ivec2 ws = m_window->windowSize();
      const float at[2] = {m_options.mouse->x * ws.x / fb.x, m_options.mouse->y * ws.y / fb.y};
      m_imgui.newFrame(at);
    } else {
      m_imgui.newFrame();
    }
    if (m_screen == Screen::Session) {
      frameSession(events, input, dt, viewport);
    } else if (m_screen == Screen::Case) {
      frameCase(events, input, dt, viewport);
    } else if (m_screen == Screen::CaseDebrief) {
      handleCamera(events, input, viewport, false);
      m_camera.update(static_cast<float>(dt));
      for (Key k : events.pressed)
        if (k == Key::F1) m_help = !m_help;
      const ui::CaseDebriefActions a = ui::drawCaseDebrief(m_caseDebrief, m_imgui.fonts(), viewport);
      if (a.focusFault >= 0)
        if (const CaseFault* f = ui::caseDebriefFault(m_caseResult, a.focusFault); f && f->hasPoint) {
          const auto near = m_model->nearest(f->pointMm, 5.0f);
          m_camera.focusOn(f->pointMm, near ? near->normal : glm::vec3(0, 0, 1), 160.0f);
        }
      if (a.openProcedure >= 0) {
        const StepResult& st = m_caseResult.steps[a.openProcedure];
        if (st.procedure) {
          m_result = *st.procedure;
          m_debrief = ui::DebriefState();
          m_debrief.result = &m_result;
          auto stamps = m_procedureStamps.find(st.stepId);
          m_debrief.stamps = stamps != m_procedureStamps.end() ? &stamps->second : nullptr;
          m_debrief.title = m_title + " · needling";
          m_debrief.practice = m_practice;
          m_debriefFromCase = true;
          m_screen = Screen::Debrief;
          showProcedure(st.stepId);
          renderSnapshots();
          m_camera.reset();
        }
      }
      if (a.copyRunPath) {
        ImGui::SetClipboardText(m_caseDebrief.runPath.c_str());
        note("Copied. 'mnsim score RUN' scores the run again.");
      }
      if (a.again) startCase(m_scenarioPath, !m_practice, m_seed + 1);
      if (a.home) {
        m_shownProcedure = nullptr;
        m_case.reset();
        m_screen = Screen::Home;
      }
    } else if (m_screen == Screen::Debrief) {
      handleCamera(events, input, viewport, false);
      m_camera.update(static_cast<float>(dt));
      for (Key k : events.pressed)
        if (k == Key::F1) m_help = !m_help;
      const ui::DebriefActions a = ui::drawDebrief(m_debrief, m_imgui.fonts(), viewport);
      if (a.select >= 0)
        if (const Fault* f = ui::debriefFault(m_result, a.select)) {
          const auto near = m_model->nearest(f->pointMm, 5.0f);
          m_camera.focusOn(f->pointMm, near ? near->normal : glm::vec3(0, 0, 1), 160.0f);
        }
      if (a.saveTrace) saveTrace();
      if (a.saveJson) saveResult();
      if (m_debriefFromCase) {
        if (a.again || a.home) {
          m_debriefFromCase = false;
          m_screen = Screen::CaseDebrief;
        }
      } else {
        if (a.again) startSession(m_assetName, m_planPath, !m_practice, m_fitzpatrick);
        if (a.home) m_screen = Screen::Home;
      }
    } else {
      const ui::HomeAction a = ui::drawHome(m_home, m_imgui.fonts(), viewport);
      if (a == ui::HomeAction::Start && !m_pendingStart) {
        const std::string asset = m_home.assetChoice < 3 ? ui::assetChoiceName(m_home.assetChoice) : m_home.otherAsset;
        m_pendingStart = PendingStart{asset, m_home.planPath, m_home.assessment, m_home.fitzpatrick, 0};
      } else if (a == ui::HomeAction::StartCase && !m_home.casePath.empty()) {
        m_author = false;
        startCase(m_home.casePath, m_home.assessment, static_cast<uint64_t>(std::time(nullptr)) % 100000 + 1);
      } else if (a == ui::HomeAction::BrowseCase) {
        m_browsingAsset = false;
        m_browsingCase = true;
        m_browser.open("Open a case (scenario)", ".", {".yaml", ".yml"});
      } else if (a == ui::HomeAction::BrowsePlan) {
        m_browsingAsset = false;
        m_browser.open("Open a treatment plan", m_home.planPath.empty() ? "." : fs::path(m_home.planPath).parent_path().string(),
                       {".yaml", ".yml"});
      } else if (a == ui::HomeAction::BrowseAsset) {
        m_browsingAsset = true;
        m_browser.open("Open a mesh or zone map", ".", {".zones.yaml", ".obj", ".ply", ".stl", ".glb", ".gltf", ".fbx"});
      }
      for (Key k : events.pressed)
        if (k == Key::F1) m_help = !m_help;
    }
    if (m_browser.draw()) {
      if (m_browsingCase) {
        m_browsingCase = false;
        m_home.casePath = m_browser.path();
        startCase(m_home.casePath, m_home.assessment, 1);
      } else if (m_browsingAsset) {
        m_home.otherAsset = m_browser.path();
      } else {
        m_home.planPath = m_browser.path();
        m_home.plans = findPlans(m_search, m_settings.recent);
        if (std::none_of(m_home.plans.begin(), m_home.plans.end(), [&](const ui::PlanChoice& p) { return p.path == m_home.planPath; })) {
          auto plan = readPlan(m_home.planPath);
          if (!plan) m_error = plan.error().format();
          else {
            std::vector<std::string> known = m_settings.recent;
            known.push_back(m_home.planPath);
            m_home.plans = findPlans(m_search, known);
          }
        }
      }
    }
    if (m_pendingStart) {
      // Loading a head takes a moment: say so before the work starts.
      ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, viewport.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
      ImGui::Begin("loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs);
      ImGui::PushFont(m_imgui.fonts().bold);
      ImGui::Text("Preparing the %s...", m_pendingStart->asset.c_str());
      ImGui::PopFont();
      ImGui::TextDisabled("skin samples, coverage map and zones");
      ImGui::End();
      if (++m_pendingStart->framesShown > 2) {
        const PendingStart p = *m_pendingStart;
        m_pendingStart.reset();
        startSession(p.asset, p.plan, p.assessment, p.fitzpatrick);
      }
    }
    ui::drawHelp(m_help, m_imgui.fonts());
    ui::drawErrorDialog(m_error);
    if (!m_note.empty() && now < m_noteUntil) {
      ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, viewport.y - ImGui::GetFontSize() * 4.0f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
      ImGui::Begin("note", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoInputs);
      ImGui::TextUnformatted(m_note.c_str());
      ImGui::End();
    }

    drawSceneLayer(fb);
    m_target->bind();
    m_imgui.render(!m_options.noPanels);
    for (Key k : events.pressed)
      if (k == Key::F12 && !m_imgui.wantsKeyboard()) takeScreenshot("mnsim-" + timestamp() + ".png");

    if (livePlaying()) screenshotFrame = frame + 2;  // the picture and the exit wait for the trace's end
    if (!m_options.screenshot.empty() && frame == screenshotFrame + (m_options.windowTest ? 20 : 0)) {
      std::string e;
      if (!m_target->writePng(m_options.screenshot, e)) {
        std::fprintf(stderr, "mnsim: %s\n", e.c_str());
        exitCode = 1;
      }
      if (m_options.benchFrames == 0 && m_options.exitAfter) m_window->requestClose();
    }
    m_target->presentToWindow(fb.x, fb.y);
    m_window->swapBuffers();
    if (m_options.benchFrames > 0) {
      glFinish();  // the frame is only done when the rasteriser is, and shown when swapped
      frameMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());
      if (static_cast<int>(frameMs.size()) >= m_options.benchFrames + 5) m_window->requestClose();
    }
    ++frame;
    if (m_options.exitAfter && m_options.screenshot.empty() && m_options.benchFrames == 0 && frame > screenshotFrame)
      m_window->requestClose();
  }

  if (m_options.benchFrames > 0 && frameMs.size() > 5) {
    std::vector<double> timed(frameMs.begin() + 5, frameMs.end());  // the first frames warm caches up
    std::sort(timed.begin(), timed.end());
    const double median = timed[timed.size() / 2];
    const double p95 = timed[std::min(timed.size() - 1, static_cast<size_t>(timed.size() * 0.95))];
    const glm::ivec2 fb = m_window->framebufferSize();
    std::printf("frames=%zu size=%dx%d median_ms=%.2f p95_ms=%.2f\n", timed.size(), fb.x, fb.y, median, p95);
  }
  if (m_options.glDebug) {
    const int errors = gfx::debugErrorCount();
    std::printf("gl_errors=%d\n", errors);
    if (errors > 0) exitCode = 1;
  }
  if (!automated) {
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
  m_snapshots.clear();
  m_renderer.reset();
  m_target.reset();
  m_sceneTarget.reset();
  m_backdrop.reset();
  m_imgui.shutdown();
  return exitCode;
}

// Everything the renderer needs for a skin: the drawing mesh (<asset>_draw.obj and its normal
// map beside a built-in asset's files, else the scoring mesh with planar texture coordinates)
// and the coverage atlas (cached on disk by content).
bool Simulator::prepareSkin(const SkinModel* model, std::string& error) {
  const Asset& asset = model->asset();
  if (m_preparedAsset == asset.contentHash && m_model == model) return true;
  TriMesh draw;
  std::vector<unsigned char> normalMap, tint;
  int nmW = 0, nmH = 0, tintW = 0, tintH = 0;
  if (asset.source != "built-in") {
    const fs::path dir = fs::path(asset.source).parent_path();
    const fs::path drawPath = dir / (asset.name + "_draw.obj"), mapPath = dir / (asset.name + "_normal.png");
    std::error_code ec;
    if (fs::exists(drawPath, ec)) {
      auto d = loadMeshFile(drawPath.string(), {1.0f, true});
      if (d && d->uvs.size() == d->positions.size()) draw = std::move(*d);
      if (!draw.triangles.empty() && fs::exists(mapPath, ec)) {
        int channels = 0;
        stbi_set_flip_vertically_on_load(1);
        if (unsigned char* pixels = stbi_load(mapPath.string().c_str(), &nmW, &nmH, &channels, 3)) {
          normalMap.assign(pixels, pixels + static_cast<size_t>(nmW) * nmH * 3);
          stbi_image_free(pixels);
        }
        // Colour detail (lips, brows, hair), when the asset has it.
        const fs::path tintPath = dir / (asset.name + "_tint.png");
        if (fs::exists(tintPath, ec))
          if (unsigned char* pixels = stbi_load(tintPath.string().c_str(), &tintW, &tintH, &channels, 3)) {
            tint.assign(pixels, pixels + static_cast<size_t>(tintW) * tintH * 3);
            stbi_image_free(pixels);
          }
      }
    }
  }
  if (draw.triangles.empty()) {
    if (model->mesh().triangleCount() > 400000) {
      error = asset.source + ": the mesh has " + std::to_string(model->mesh().triangleCount()) +
              " triangles and no lighter drawing mesh beside it (" + asset.name + "_draw.obj)";
      return false;
    }
    draw = model->mesh();
    draw.computeVertexNormals();
    planarUvs(draw);
  }
  // Coverage is drawn at about half a millimetre per texel (the issue asks for 1 mm or finer).
  const int size = atlasSizeFor(draw, 0.6f);
  const std::string cachePath =
      (fs::path(cacheFolder()) / ("atlas-" + atlasCacheKey(asset.contentHash, draw, size) + ".bin")).string();
  CoverageAtlas atlas;
  if (!loadCoverageAtlas(cachePath, size, model->samples().size(), atlas)) {
    atlas = buildCoverageAtlas(draw, model->samples(), size, 1.5f, std::max(2u, std::thread::hardware_concurrency()));
    saveCoverageAtlas(cachePath, atlas);
  }
  m_drawMesh = std::move(draw);
  m_renderer->setMesh(m_drawMesh);
  m_sceneDirty.invalidateAll();
  m_renderer->setNormalMap(nmW, nmH, normalMap);
  m_renderer->setViewColorSize(atlas.width, atlas.height);
  m_viewTexture.init(atlas, model->samples(), model->zones());
  m_viewTexture.setTint(tintW, tintH, tint);
  m_model = model;
  m_preparedAsset = asset.contentHash;
  const Aabb box = meshBounds(model->mesh());
  m_camera.frame(box.center(), glm::length(box.extent()) * 0.5f);
  return true;
}

bool Simulator::startSession(const std::string& assetName, const std::string& planPath, bool assessment, int fitzpatrick) {
  auto loadedPlan = readPlan(planPath);
  if (!loadedPlan) {
    m_error = loadedPlan.error().format();
    return false;
  }
  const std::string asset = assetName.empty() ? loadedPlan->assetName : assetName;
  auto loaded = loadAsset(asset, m_search);
  if (!loaded) {
    m_error = loaded.error().format();
    return false;
  }
  if (auto status = resolvePlan(*loadedPlan, *loaded); !status) {
    m_error = status.error().format();
    return false;
  }
  auto model = std::make_unique<SkinModel>(std::move(*loaded));
  std::string error;
  m_ownedSession.reset();
  m_session = nullptr;
  m_shownProcedure = nullptr;
  m_case.reset();
  m_preparedAsset.clear();
  if (!prepareSkin(model.get(), error)) {
    m_error = error;
    m_model = nullptr;
    return false;
  }

  // Everything loaded: switch over.
  m_ownedModel = std::move(model);
  m_ownedPlan = std::move(*loadedPlan);
  m_planUsed = &m_ownedPlan;
  m_inCase = false;
  m_assetName = asset;
  m_planPath = planPath;
  m_title = m_ownedPlan.title.empty() ? fs::path(planPath).filename().string() : m_ownedPlan.title;
  m_practice = !assessment;
  m_fitzpatrick = std::clamp(fitzpatrick, 1, 6);
  m_ownedSession = std::make_unique<ProcedureSession>(SessionDesc{m_model, &m_ownedPlan, true});
  m_session = m_ownedSession.get();
  m_session->setInputNames(planPath, "");
  m_pen = PenController(&plan().device());
  m_pen.settings().rateHz = plan().defaultRateHz();
  m_pen.settings().depthMm = plan().zones.empty() ? plan().defaults.settingMm : plan().zones.front().settingMm;
  m_pen.resetClock();
  m_camera.reset();
  m_view = View::Skin;
  m_passShown = -1;
  m_playback = false;
  m_liveTrace.clear();
  m_liveNext = 0;
  m_haveLastMouse = false;
  m_screen = Screen::Session;
  restyle();

  m_settings.asset = asset;
  m_settings.plan = planPath;
  m_settings.assessment = assessment;
  m_settings.fitzpatrick = m_fitzpatrick;
  m_settings.addRecent(fs::absolute(planPath).lexically_normal().string());
  m_home.recent = m_settings.recent;
  m_window->setTitle("mnsim — " + m_title);
  return true;
}

void Simulator::endSession() {
  if (!m_session) return;
  if (m_inCase) {
    finishNeedling();
    return;
  }
  m_session->finish();
  syncCoverage(false);
  m_result = m_session->result();
  m_debrief = ui::DebriefState();
  m_debrief.result = &m_result;
  m_debrief.stamps = &m_session->stamps();
  m_debrief.plan = &plan();
  m_debrief.title = m_title;
  m_debrief.practice = m_practice;
  m_screen = Screen::Debrief;
  m_view = View::Coverage;
  m_passShown = -1;
  restyle();
  renderSnapshots();
  m_camera.reset();
}

void Simulator::feedLive(double dtS, glm::vec2 viewport) {
  m_liveClockS += dtS;
  const double startS = m_liveTrace.front().timeS;
  const PenSample* lastFed = nullptr;
  while (m_liveNext < m_liveTrace.size() && m_liveTrace[m_liveNext].timeS - startS <= m_liveClockS) {
    lastFed = &m_liveTrace[m_liveNext++];
    m_session->addSample(*lastFed);
  }
  if (lastFed) {
    // The cursor where the pen is: picked through its pixel, as the mouse would be.
    const glm::vec4 clip = m_camera.projection(viewport.x / std::max(1.0f, viewport.y)) * m_camera.view() *
                           glm::vec4(lastFed->tipMm, 1.0f);
    if (clip.w > 0.0f) {
      const glm::vec2 ndc = glm::vec2(clip) / clip.w;
      m_cursor = pickAt(glm::vec2((ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y), viewport);
      m_cursor.onSkin = m_cursor.onSkin && lastFed->contact;
    }
  }
}

PenPick Simulator::pickAt(glm::vec2 px, glm::vec2 viewport) const {
  PenPick pick;
  glm::vec3 origin, dir;
  m_camera.ray(px, viewport, origin, dir);
  pick.viewDirection = dir;
  const glm::mat4 v = m_camera.view();
  pick.viewRight = glm::vec3(v[0][0], v[1][0], v[2][0]);
  pick.viewUp = glm::vec3(v[0][1], v[1][1], v[2][1]);
  if (auto hit = m_model->pick(origin, dir)) {
    pick.onSkin = glm::dot(hit->normal, dir) < 0.0f;  // the outside of the skin, facing the eye
    pick.surface = *hit;
  }
  return pick;
}

void Simulator::frameSession(const InputEvents& events, const InputState& input, double dt, glm::vec2 viewport) {
  const bool mouseFree = !m_imgui.wantsMouse();
  handleSessionKeys(events, input);
  handleCamera(events, input, viewport, true);
  m_camera.update(static_cast<float>(dt));
  m_pen.settings().stretch = input.shift;

  // Fixed-step clock: the cursor is interpolated across the frame for each step.
  const glm::vec2 from = m_haveLastMouse ? m_lastMouse : input.mousePx;
  if (livePlaying()) feedLive(dt, viewport);
  if (!m_playback) {
    m_pen.advance(dt, input.left && mouseFree && !input.right && !input.middle,
                  [&](float f) { return pickAt(from + (input.mousePx - from) * f, viewport); },
                  [&](const PenSample& s) { m_session->addSample(s); });
  }
  m_lastMouse = input.mousePx;
  m_haveLastMouse = true;
  if (m_liveTrace.empty()) m_cursor = pickAt(input.mousePx, viewport);
  syncCoverage(false);

  ui::SessionState s;
  s.plan = &plan();
  s.session = m_session;
  s.zones = &m_model->zones();
  s.pen = &m_pen.settings();
  s.device = &plan().device();
  s.cartridgeId = plan().cartridge() ? plan().cartridge()->id : "";
  s.practice = m_practice;
  s.hudVisible = m_settings.hudVisible;
  s.view = m_view;
  s.passShown = m_passShown;
  s.timeS = m_playback && !m_session->samples().empty() ? m_session->samples().back().timeS : m_pen.timeS();
  s.cursorOnSkin = m_cursor.onSkin && mouseFree;
  s.angleDeg = m_pen.angleDeg(m_cursor);
  s.zoneUnderCursor = s.cursorOnSkin ? m_cursor.surface.zone : -1;
  s.title = m_title;
  s.inCase = m_inCase;
  const ui::SessionActions a = ui::drawSession(s, m_imgui.fonts(), viewport);
  if (m_view == View::Zones && s.cursorOnSkin) {
    const ZoneInfo& z = m_model->zones().zones[m_cursor.surface.zone];
    ui::drawZoneTooltip(z.name, z.noGo);
  }
  if (a.setView >= 0) setView(static_cast<View>(a.setView));
  if (a.setPass != -2 && a.setPass != m_passShown) {
    m_passShown = a.setPass;
    restyle();
  }
  if (a.depthSteps) m_pen.stepDepth(a.depthSteps);
  if (a.rateSteps) m_pen.stepRate(a.rateSteps);
  if (a.nextPass) m_pen.nextPass();
  if (a.resetTilt) m_pen.resetTilt();
  if (a.toggleHelp) m_help = !m_help;
  if (!a.cartridge.empty() && !m_inCase) {
    m_ownedPlan.cartridgeId = a.cartridge;
    // A new cartridge changes the footprint: the session restarts with it.
    m_ownedSession = std::make_unique<ProcedureSession>(SessionDesc{m_model, &m_ownedPlan, true});
    m_session = m_ownedSession.get();
    m_pen.resetClock();
    restyle();
    note("New cartridge: the session starts again with a fresh cartridge.");
  }
  const bool liveDone = !m_liveTrace.empty() && !livePlaying();
  if (a.endSession || (liveDone && m_options.debrief)) endSession();
}

void Simulator::handleSessionKeys(const InputEvents& events, const InputState& input) {
  if (m_imgui.wantsKeyboard()) return;
  for (Key k : events.pressed) {
    switch (k) {
      case Key::Escape: endSession(); return;
      case Key::F1: m_help = !m_help; break;
      case Key::Digit1: setView(View::Skin); break;
      case Key::Digit2: setView(View::Zones); break;
      case Key::Digit3: setView(View::Coverage); break;
      case Key::Digit4: setView(View::Endpoint); break;
      case Key::P:
        m_passShown = m_passShown + 1 >= 6 ? -1 : m_passShown + 1;
        restyle();
        break;
      case Key::H: m_settings.hudVisible = !m_settings.hudVisible; break;
      case Key::Home: case Key::R: m_camera.reset(); break;
      case Key::LeftBracket: m_pen.stepDepth(-1); break;
      case Key::RightBracket: m_pen.stepDepth(1); break;
      case Key::Comma: m_pen.stepRate(-1); break;
      case Key::Period: m_pen.stepRate(1); break;
      case Key::N: m_pen.nextPass(); note("Pass " + std::to_string(m_pen.settings().pass)); break;
      case Key::Left: m_pen.tilt(0.0f, -5.0f); break;
      case Key::Right: m_pen.tilt(0.0f, 5.0f); break;
      case Key::Up: m_pen.tilt(-5.0f, 0.0f); break;
      case Key::Down: m_pen.tilt(5.0f, 0.0f); break;
      case Key::Digit0: m_pen.resetTilt(); break;
      case Key::Minus: m_camera.zoom(1.15f); break;
      case Key::Equal: m_camera.zoom(1.0f / 1.15f); break;
      case Key::S: if (input.ctrl) saveTrace(); break;
      default: break;
    }
  }
}

void Simulator::handleCamera(const InputEvents& events, const InputState& input, glm::vec2 viewport, bool allowWheelDepth) {
  static glm::vec2 dragFrom{0.0f};
  static bool dragging = false;
  if (m_imgui.wantsMouse() && !dragging) return;
  if (events.scrollY != 0.0f) {
    if (input.ctrl || !allowWheelDepth) m_camera.zoom(std::pow(0.9f, events.scrollY));
    else m_pen.stepDepth(events.scrollY > 0 ? 1 : -1);
  }
  if (input.right || input.middle) {
    if (dragging) {
      const glm::vec2 d = input.mousePx - dragFrom;
      if (input.right) m_camera.orbit(-d.x * 0.3f, d.y * 0.3f);
      else m_camera.pan(d, viewport);
    }
    dragFrom = input.mousePx;
    dragging = true;
  } else {
    dragging = false;
  }
}

void Simulator::restyle() {
  if (!m_model) return;
  ViewStyle style;
  style.view = m_view;
  style.pass = m_passShown;
  style.skinSrgb = skinTone(m_fitzpatrick).swatchSrgb;
  style.densityFullPerCm2 = plan().zones.empty() ? 1500.0f : 1.5f * plan().zones.front().densityMaxPerCm2;
  const ZoneMap& zones = m_model->zones();
  for (size_t z = 0; z < zones.zones.size(); ++z) {
    style.zoneFlags.push_back(static_cast<char>((plan().zonePlan(static_cast<int>(z)) ? 1 : 0) | (zones.zones[z].noGo ? 2 : 0)));
    style.zoneSrgb.push_back(zoneColor(static_cast<int>(z)));
  }
  style.appearance = caseAppearance();
  // The needling under way, else a case's finished one in its debriefs, else nothing needled.
  const ProcedureSession* shown = m_session ? m_session : m_shownProcedure;
  m_viewTexture.restyle(style, shown ? &shown->coverage() : nullptr);
  m_styledPass = m_passShown;
  ++m_styleGeneration;  // every texel may have changed
  if (m_session) m_session->takeChangedFootprints(m_changed);  // already in the new colours
  m_changed.clear();
  for (const auto& [first, last] : m_viewTexture.takeDirtyRows())
    m_renderer->updateViewColorRows(first, last - first, m_viewTexture.rgba());
}

void Simulator::syncCoverage(bool all) {
  if (all) {
    restyle();
    return;
  }
  m_session->takeChangedFootprints(m_changed);
  if (m_changed.empty()) return;
  // The samples under the changed footprints, recoloured; only their rows are uploaded.
  const SkinSamples& samples = m_model->samples();
  m_changedSamples.clear();
  for (const Footprint& fp : m_changed) {
    const float reach = fp.rectangle ? std::hypot(fp.halfLengthMm, fp.halfWidthMm) : fp.radiusMm;
    samples.forEachWithin(fp.centerMm, reach, [&](uint32_t i) { m_changedSamples.push_back(i); });
    m_sceneDirty.touch(fp.centerMm, reach + 1.5f);  // texels reach a little past their samples
  }
  m_changed.clear();
  m_viewTexture.update(m_changedSamples, m_session->coverage());
  for (const auto& [first, last] : m_viewTexture.takeDirtyRows())
    m_renderer->updateViewColorRows(first, last - first, m_viewTexture.rgba());
}

gfx::SkinDrawParams Simulator::sceneParams(glm::vec2 viewport, bool cursor) {
  const float aspect = viewport.x / std::max(1.0f, viewport.y);
  gfx::SkinDrawParams p;
  p.viewProjection = m_camera.projection(aspect) * m_camera.view();
  p.eyeMm = m_camera.eye();
  p.view = m_view;
  // Plain skin needs no texture, unless the asset has colour detail or a case shows conditions.
  p.bareSkin = m_view == View::Skin && !m_case && !m_viewTexture.hasTint();
  const SkinTone tone = skinTone(m_fitzpatrick);
  p.look.albedo = tone.albedoLinear;
  p.look.scatter = tone.scatterLinear;
  if (cursor && m_cursor.onSkin && !m_imgui.wantsMouse()) {
    const StampGeometry g = stampGeometry(plan().device(), plan().cartridge());
    p.cursor.visible = true;
    p.cursor.centerMm = m_cursor.surface.pointMm;
    p.cursor.normal = m_cursor.surface.normal;
    glm::vec3 u, v;
    SkinModel::tangentFrame(m_cursor.surface.normal, u, v);
    p.cursor.along = v;  // the roller rolls up and down the screen until it moves
    p.cursor.radiusMm = g.rectangle ? g.widthMm * 0.5f : g.radiusMm;
    p.cursor.halfLengthMm = g.rectangle ? g.lengthMm * 0.5f : 0.0f;
    const float angle = m_pen.angleDeg(m_cursor);
    const bool noGo = m_model->zones().zones[m_cursor.surface.zone].noGo;
    p.cursor.color = noGo || angle > plan().rules.angleFaultDeg ? glm::vec3(0.85f, 0.12f, 0.10f)
                     : angle > plan().rules.angleWarnDeg      ? glm::vec3(0.95f, 0.60f, 0.10f)
                                                              : glm::vec3(0.10f, 0.50f, 0.90f);
  }
  return p;
}

void Simulator::renderScene(glm::vec2 viewport, bool cursor) { m_renderer->draw(sceneParams(viewport, cursor)); }

void Simulator::drawSceneLayer(glm::ivec2 framebuffer) {
  if (m_sceneTarget->resize(framebuffer.x, framebuffer.y)) m_sceneDirty.invalidateAll();
  if (m_backdrop->resize(framebuffer.x, framebuffer.y)) {
    // The backdrop is the same every frame: shaded once, then copied, which costs far less.
    m_backdrop->bind();
    m_renderer->drawBackground();
  }
  const bool scene = m_screen != Screen::Home && m_model;
  const gfx::SkinDrawParams p = scene ? sceneParams(glm::vec2(framebuffer), m_screen == Screen::Session) : gfx::SkinDrawParams();
  SceneState state;
  state.sizePixels = framebuffer;
  state.styleGeneration = m_styleGeneration;
  state.viewProjection = scene ? p.viewProjection : glm::mat4(0.0f);
  state.programKey = scene ? (static_cast<int>(p.view) * 2 + (p.bareSkin ? 1 : 0)) * 8 + m_fitzpatrick : -1;
  if (p.cursor.visible) {
    // The ring, its fill and the 3 mm slab the shader tints; the colour follows the angle.
    const float reach = std::hypot(p.cursor.radiusMm + 0.5f, p.cursor.halfLengthMm + 0.5f) + 3.0f;
    m_sceneDirty.setCursor(SceneInvalidation::Cursor{p.cursor.centerMm, reach, p.cursor.color, p.cursor.normal});
  } else {
    m_sceneDirty.setCursor(std::nullopt);
  }
  const SceneUpdate update = m_sceneDirty.take(state);
  if (update.kind != SceneUpdate::Kind::None) {
    const PixelRect* rect = update.kind == SceneUpdate::Kind::Partial ? &update.rect : nullptr;
    m_backdrop->copyTo(*m_sceneTarget, rect);
    m_sceneTarget->bind();
    gfx::RenderTarget::scissor(rect);
    m_sceneTarget->clearDepth();
    if (scene) m_renderer->draw(p);
    gfx::RenderTarget::scissor(nullptr);
  }
  m_sceneTarget->copyTo(*m_target);
}

void Simulator::renderSnapshots() {
  // Front and both three-quarter views of the heatmap, for the debrief.
  const int w = 480, h = 360;
  const float yaws[] = {-40.0f, 0.0f, 40.0f};
  const char* labels[] = {"right side", "front", "left side"};
  m_snapshots.clear();
  m_debrief.snapshots.clear();
  m_debrief.snapshotLabels.clear();
  m_debrief.snapshotSize = {w, h};
  const OrbitCamera saved = m_camera;
  const bool flat = m_assetName != "head";
  for (int i = 0; i < (flat ? 1 : 3); ++i) {
    auto target = std::make_unique<gfx::RenderTarget>();
    target->resize(w, h);
    target->bind();
    target->clear(glm::vec4(0.92f, 0.93f, 0.95f, 1.0f));
    m_camera.reset();
    m_camera.setAngles(flat ? 0.0f : yaws[i], 0.0f);
    if (!flat) m_camera.zoom(0.8f);
    renderScene(glm::vec2(w, h), false);
    m_debrief.snapshots.push_back(reinterpret_cast<void*>(static_cast<intptr_t>(target->colorTexture())));
    m_debrief.snapshotLabels.push_back(flat ? "from the front" : labels[i]);
    m_snapshots.push_back(std::move(target));
  }
  m_camera = saved;
}

void Simulator::applyCameraPreset(const std::string& name) {
  m_camera.reset();
  if (name == "left") m_camera.setAngles(90.0f, 0.0f);        // the patient's left side (+X)
  else if (name == "right") m_camera.setAngles(-90.0f, 0.0f);
  else if (name == "three-quarter") m_camera.setAngles(35.0f, 8.0f);
  else if (name == "top") m_camera.setAngles(0.0f, 70.0f);
}

void Simulator::setView(View v) {
  if (v == View::Coverage && !m_practice && m_screen == Screen::Session) return;  // no heatmap in assessment
  if (v == m_view) return;
  m_view = v;
  restyle();
}

void Simulator::saveTrace() {
  const ProcedureSession* shown = m_session ? m_session : m_shownProcedure;
  if (!shown) return;
  const std::string path = "mnsim-trace-" + timestamp() + ".csv";
  auto status = writeTrace(shown->samples(), path);
  if (!status) m_error = status.error().format();
  else note("Saved the pen trace to " + fs::absolute(path).string());
}

void Simulator::saveResult() {
  const std::string path = "mnsim-result-" + timestamp() + ".json";
  std::ofstream out(path);
  out << resultToJson(m_result);
  if (!out) m_error = path + ": cannot write the result";
  else note("Saved the result to " + fs::absolute(path).string());
}

void Simulator::takeScreenshot(const std::string& path) {
  std::string e;
  if (!m_target->writePng(path, e)) m_error = e;
  else note("Screenshot saved to " + fs::absolute(path).string());
}

void Simulator::note(const std::string& message) {
  m_note = message;
  m_noteUntil = Window::timeS() + 3.0;
}

int runSimulator(const SimulatorOptions& options, const std::string& executablePath) {
  Simulator simulator(options, executablePath);
  return simulator.run();
}

}  // namespace mnsim::app
