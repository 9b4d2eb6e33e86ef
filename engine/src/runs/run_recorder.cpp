#include "mnsim/runs/run_recorder.h"

#include <filesystem>

#include "cases/case_json_internal.h"
#include "mnsim/base/hash.h"
#include "mnsim/base/version.h"

namespace mnsim {

using Json = OrderedJson;

namespace {

// What every run's header says of who, where and when, started now.
RunHeader startedHeader(const char* kind, const RunIdentity& who) {
  RunHeader h;
  h.kind = kind;
  h.createdBy = who.createdBy;
  h.trainee = who.trainee;
  h.mode = who.mode;
  h.stationId = who.stationId;
  h.mnsimVersion = mnsimVersion();
  h.startedUnixMs = nowUnixMs();
  return h;
}

}  // namespace

RunHeader caseRunHeader(const CaseSession& session, const RunIdentity& who) {
  const Scenario& sc = session.scenario();
  RunHeader h = startedHeader("case", who);
  h.scenarioPath = sc.path;
  h.scenarioId = sc.id;
  h.scenarioSha256 = sc.sha256;
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(sc.path, ec);
  h.scenarioFile = ec ? sc.path : absolute.lexically_normal().string();
  h.seed = session.seed();
  h.draws = session.draws();
  h.assetName = sc.assetName;
  h.assetHash = session.result().assetHash;
  return h;
}

RunHeader needlingRunHeader(const RunIdentity& who, const std::string& planPath, const std::string& planText,
                            const std::string& assetName, const std::string& assetHash,
                            const std::string& cartridgeId) {
  RunHeader h = startedHeader("needling", who);
  h.assetName = assetName;
  h.assetHash = assetHash;
  h.planPath = planPath;
  h.planText = planText;
  h.planSha256 = sha256Hex(planText);
  h.cartridgeId = cartridgeId;
  return h;
}

void NeedlingRecorder::begin(const std::string& cartridgeId) {
  if (!m_journal) return;
  Json j;
  j["cartridge"] = cartridgeId;
  m_journal->event(RunEventKind::NeedlingBegin, j.dump());
}

void NeedlingRecorder::end(double lastSampleS, const std::string& traceName) {
  if (!m_journal) return;
  Json j;
  j["time_s"] = lastSampleS;
  j["trace"] = traceName;
  m_journal->event(RunEventKind::NeedlingEnd, j.dump());
}

void NeedlingRecorder::changeCartridge(const std::string& cartridgeId, double lastSampleS,
                                       const std::string& traceName) {
  if (!m_journal) return;
  end(lastSampleS, traceName);
  Json j;
  j["what"] = "cartridge";
  j["cartridge"] = cartridgeId;
  m_journal->event(RunEventKind::Control, j.dump());
  begin(cartridgeId);
}

Status NeedlingRecorder::seal(RunStatus status, double lastSampleS, const std::string& traceName,
                              const std::string& resultJson, const SigningKey& key) {
  if (!m_journal || m_journal->sealed()) return Ok{};
  end(lastSampleS, traceName);
  return m_journal->seal(status, status == RunStatus::Finished ? resultJson : std::string(), key);
}

void CaseRecorder::stepEntered() {
  if (!m_journal) return;
  const Step* step = m_session.currentStep();
  const Visit* visit = m_session.currentVisit();
  Json j;
  j["step"] = step ? step->id : "";
  j["visit"] = visit ? visit->id : "";
  j["time_s"] = m_session.timeS();
  if (!step) j["ended"] = true;
  m_journal->event(RunEventKind::Step, j.dump());
}

Result<const StepResult*> CaseRecorder::answer(const Answer& answer, double timeS) {
  const Step* step = m_session.currentStep();
  const Visit* visit = m_session.currentVisit();
  if (!step) return makeError(ErrorCode::Value, "the case has ended");
  Json j;
  j["step"] = step->id;
  j["visit"] = visit ? visit->id : "";
  j["type"] = stepTypeId(step->type);
  j["time_s"] = timeS;  // unrounded: the replay must see the same clock
  j["answer"] = answerToJson(step->type, answer);
  auto done = m_session.answer(answer, timeS);
  if (!done) return done;  // a malformed answer changes nothing, and is not recorded
  if (m_journal) m_journal->event(RunEventKind::Answer, j.dump());
  stepEntered();
  return done;
}

ProcedureSession* CaseRecorder::beginNeedling() {
  ProcedureSession* p = m_session.procedure();
  if (p && !m_needlingOpen) {
    m_needlingOpen = true;
    if (m_journal) {
      const Visit* visit = m_session.currentVisit();
      Json j;
      j["step"] = m_session.currentStep()->id;
      j["visit"] = visit ? visit->id : "";
      m_journal->event(RunEventKind::NeedlingBegin, j.dump());
    }
  }
  return p;
}

void CaseRecorder::sample(const PenSample& s) {
  ProcedureSession* p = beginNeedling();
  if (!p) return;
  p->addSample(s);
  if (m_journal) m_journal->sample(s);
}

Result<const StepResult*> CaseRecorder::finishNeedling(double timeS, const std::string& traceName) {
  const Step* step = m_session.currentStep();
  beginNeedling();
  auto done = m_session.finishProcedure(timeS, traceName);
  if (!done) return done;
  m_needlingOpen = false;
  if (m_journal) {
    Json j;
    j["step"] = step->id;
    j["time_s"] = timeS;
    j["trace"] = traceName;
    m_journal->event(RunEventKind::NeedlingEnd, j.dump());
  }
  stepEntered();
  return done;
}

void CaseRecorder::control(const std::string& what, const std::string& detailKey, const std::string& detail) {
  if (!m_journal) return;
  Json j;
  j["what"] = what;
  if (!detailKey.empty()) j[detailKey] = detail;
  const Step* step = m_session.currentStep();
  if (step) j["step"] = step->id;
  m_journal->event(RunEventKind::Control, j.dump());
}

Status CaseRecorder::seal(const SigningKey& key) {
  if (!m_journal) return Ok{};
  return m_journal->seal(m_session.finished() ? RunStatus::Finished : RunStatus::Stopped,
                         caseResultJson(m_session.result()).dump(), key);
}

}  // namespace mnsim
