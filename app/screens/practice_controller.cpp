#include "screens/practice_controller.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include <mnsim/base/files.h>
#include <mnsim/runs/run_recorder.h>
#include <mnsim/base/version.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/procedure/result_json.h>
#include <mnsim/skin/asset_loader.h>

#include "core/run_store.h"
#include "core/file_names.h"
#include "core/settings.h"
#include "core/station.h"

namespace mnsim::app {

namespace fs = std::filesystem;

bool PracticeController::start(const StartPractice& s) {
  Overlays& overlays = m_ctx.overlays;
  auto planText = readFile(s.planPath, "plan file");
  auto plan = readPlan(s.planPath);
  if (!plan) {
    overlays.error = plan.error().format();
    return false;
  }
  const std::string asset = s.asset.empty() ? plan->assetName : s.asset;
  auto loaded = loadAsset(asset, m_ctx.search);
  if (!loaded) {
    overlays.error = loaded.error().format();
    return false;
  }
  if (auto status = resolvePlan(*plan, *loaded); !status) {
    overlays.error = status.error().format();
    return false;
  }
  auto model = std::make_unique<SkinModel>(std::move(*loaded));
  std::string error;
  if (!m_ctx.scene.show(model.get(), error)) {
    overlays.error = error;
    return false;
  }

  // Everything loaded: switch over.
  sealJournal(RunStatus::Stopped);  // a needling left for another
  m_needling.stop();
  m_session.reset();
  m_model = std::move(model);
  m_plan = std::move(*plan);
  m_started = s;
  m_started.asset = asset;
  m_started.fitzpatrick = std::clamp(s.fitzpatrick, 1, 6);
  m_title = m_plan.title.empty() ? fs::path(s.planPath).filename().string() : m_plan.title;
  newSession();
  openJournal(planText ? *planText : std::string());
  Needling::Desc desc;
  desc.session = m_session.get();
  desc.title = m_title;
  desc.practice = !s.assessment;
  desc.journal = m_journal.get();
  m_needling.begin(desc);
  SkinScene& scene = m_ctx.scene;
  scene.setCase(nullptr);
  scene.setShownProcedure(nullptr);
  scene.setSkinType(m_started.fitzpatrick);
  scene.camera().reset();
  scene.setViewAndPass(View::Skin, -1);

  Settings& settings = m_ctx.settings;
  settings.asset = asset;
  settings.plan = s.planPath;
  settings.assessment = s.assessment;
  settings.fitzpatrick = m_started.fitzpatrick;
  settings.addRecent(fs::absolute(s.planPath).lexically_normal().string());
  m_ctx.window.setTitle("mnsim — " + m_title);
  return true;
}

void PracticeController::newSession() {
  m_session = std::make_unique<ProcedureSession>(SessionDesc{m_model.get(), &m_plan, true});
  m_session->setInputNames(m_started.planPath, "");
}

void PracticeController::nameTrace(const std::string& tracePath) {
  m_session->setInputNames(m_started.planPath, tracePath);
  m_traceName = tracePath;
}

PracticeController::~PracticeController() { sealJournal(RunStatus::Stopped); }

void PracticeController::openJournal(const std::string& planText) {
  m_journal.reset();
  m_recorder = NeedlingRecorder(nullptr);
  m_traceName.clear();
  RunIdentity who;
  who.trainee = m_ctx.settings.trainee();
  who.mode = m_started.assessment ? "assessment" : "practice";
  who.stationId = stationId();
  who.createdBy = std::string("mnsim ") + mnsimVersion();
  const RunHeader header = needlingRunHeader(who, m_started.planPath, planText, m_started.asset,
                                             m_model->asset().contentHash, m_plan.cartridgeId);
  const std::string stem = fs::path(m_started.planPath).stem().string();
  auto journal = RunJournal::create(newRunInRunsFolder("needling-" + stem), header);
  if (!journal) {
    m_ctx.overlays.say("This session is not recorded: " + journal.error().format());
    return;
  }
  m_journal = std::move(*journal);
  m_recorder = NeedlingRecorder(m_journal.get());
  m_recorder.begin(m_plan.cartridgeId);
}

double PracticeController::lastSampleS() const {
  return m_session->samples().empty() ? 0.0 : m_session->samples().back().timeS;
}

void PracticeController::sealJournal(RunStatus status) {
  if (!m_journal || m_journal->sealed()) return;
  std::string result;
  if (status == RunStatus::Finished) result = nlohmann::ordered_json::parse(resultToJson(m_session->result())).dump();
  auto key = stationKey();
  const Status sealed = key ? m_recorder.seal(status, lastSampleS(), m_traceName, result, *key) : Status(key.error());
  if (!sealed) {
    m_ctx.overlays.error = "The session's run could not be sealed: " + sealed.error().format();
    return;
  }
  if (auto kept = keepInStore(m_journal->path()); !kept)
    m_ctx.overlays.say("The run is saved as a file; the store could not take it: " + kept.error().message);
}

void PracticeController::changeCartridge(const std::string& cartridgeId) {
  m_recorder.changeCartridge(cartridgeId, lastSampleS(), m_traceName);
  m_traceName.clear();
  m_plan.cartridgeId = cartridgeId;
  newSession();
  m_needling.restart(m_session.get());
  m_ctx.scene.restyle();
  m_ctx.overlays.say("New cartridge: the session starts again with a fresh cartridge.");
}

OpenNeedlingDebrief PracticeController::end() {
  m_session->finish();
  sealJournal(RunStatus::Finished);
  m_ctx.scene.syncCoverage();
  m_needling.stop();
  OpenNeedlingDebrief debrief;
  debrief.result = m_session->result();
  debrief.stamps = &m_session->stamps();
  debrief.plan = &m_plan;
  debrief.session = m_session.get();
  debrief.title = m_title;
  debrief.practice = !m_started.assessment;
  debrief.flatSkin = m_started.asset != "head";
  debrief.again = m_started;
  if (m_journal && m_journal->sealed()) debrief.runPath = m_journal->path();
  return debrief;
}

ScreenRequest PracticeController::frame(const FrameInput& in) {
  const Needling::Outcome out = m_needling.frame(in);
  if (!out.cartridge.empty()) changeCartridge(out.cartridge);
  if (out.end) return end();
  return {};
}

}  // namespace mnsim::app
