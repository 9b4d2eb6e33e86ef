// An attempt at a case, shared by the case screen, author mode and the case debrief: the
// scenario and the engine's CaseSession, the run clock, the answer being built, the run's journal
// (every input on disk within 0.1 s, sealed and signed when the case ends or is left), and the
// stamps of each needling kept for the debrief's charts. Author mode records nothing.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <mnsim/base/diagnostic.h>
#include <mnsim/cases/case_session.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_recorder.h>
#include <mnsim/skin/asset_library.h>

#include "screens/app_context.h"
#include "screens/screen.h"
#include "ui/case_panels.h"

namespace mnsim::app {

class CaseRun {
 public:
  explicit CaseRun(AppContext& ctx) : m_ctx(ctx) {}
  // A run still open is sealed as stopped (the window closed during the case).
  ~CaseRun();

  // Loads the scenario, shows its skin and starts an attempt on a new run file. False when it
  // cannot: the reason is in the error dialog, or (author mode, a scenario that reads but has
  // errors) in its problems, which stay listed. A failed start leaves the attempt before it as
  // it was.
  bool start(const StartCase& start);
  // The attempt is over (back home).
  void end();
  // Goes on with a run a crash left unfinished (runs/run_journal.h): the case played again from
  // its journal, the journal continued after a gap event. False (the reason in the error
  // dialog) when its scenario is gone or changed; the run is left as it was.
  bool resume(const std::string& runPath);
  // After resume(): the run stopped during a needling, which goes on from its last sample.
  const std::optional<PenSample>& resumedNeedling() const { return m_resumedNeedling; }
  // Author mode: the scenario changed on disk since it was read; read it again and restart.
  void reloadIfChanged();

  CaseSession* session() const { return m_case.get(); }
  bool authorMode() const { return m_author; }
  bool practice() const { return m_practice; }
  uint64_t seed() const { return m_seed; }
  const std::string& path() const { return m_path; }
  const std::string& title() const { return m_case->scenario().title; }
  const std::string& assetName() const { return m_case->scenario().assetName; }
  // The skin the case is needled on.
  const SkinModel* model() const;
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
  double reloadedAtS() const { return m_reloadedAtS; }
  bool& showDiagnostics() { return m_showDiagnostics; }

  // ---- the steps
  double clockS() const { return m_clockS; }
  void advanceClock(double dtS) { m_clockS += dtS; }
  ui::StepDraft& draft() { return m_draft; }
  // The step whose feedback is shown (practice, after answering), or null.
  const StepResult* shownResult() const;
  // Answers the current step with the draft.
  void submitStep();
  // Leaves the feedback shown.
  void proceed();
  // Answers the steps from a scripted-answers file (docs/formats/answers.md), needling each
  // procedure step from its trace, until the step `until` (or the end, or a step the script
  // does not answer).
  void playAnswers(const std::string& answersPath, const std::string& until);

  // ---- the procedure step
  // The current step's needling, to be needled now; null when the step is not a procedure.
  ProcedureSession* beginNeedling();
  bool needling() const { return m_needling; }
  // Ends the needling: the step is scored with the session's stamps kept for the charts.
  void finishNeedling(const ProcedureSession& session, const std::string& traceName);

  // ---- the run's journal and the debrief
  // Seals the run when the case has ended (finished) or when `leaving` (stopped); signed with
  // the station's key.
  void sealRun(bool leaving);
  RunJournal* journal() const { return m_journal.get(); }
  CaseRecorder* recorder() const { return m_recorder.get(); }
  // Times this run's recording stopped (a crash) and went on.
  uint64_t gaps() const { return m_journal ? m_journal->gaps() : 0; }
  const std::string& runPath() const { return m_runPath; }
  const std::string& runError() const { return m_runError; }
  // The stamps of a procedure step's needling, or null.
  const std::vector<Stamp>* stamps(const std::string& stepId) const;

 private:
  void afterStep();
  bool fail(const std::string& error);

  AppContext& m_ctx;
  std::unique_ptr<AssetLibrary> m_library;
  std::unique_ptr<Scenario> m_scenario;
  std::unique_ptr<CaseSession> m_case;
  std::vector<Diagnostic> m_diagnostics;
  std::string m_path;
  std::filesystem::file_time_type m_scenarioTime{};
  double m_reloadedAtS = 0.0;
  bool m_showDiagnostics = false;
  bool m_author = false;
  bool m_practice = true;
  uint64_t m_seed = 1;
  double m_clockS = 0.0;
  ui::StepDraft m_draft;
  int m_shownResult = -1;  // index into m_case->steps(), or -1
  bool m_needling = false;
  std::map<std::string, std::vector<Stamp>> m_stamps;  // per procedure step
  std::string m_runPath;                               // where this attempt's run is journaled (runsFolder())
  std::string m_runError;                              // why it could not be
  std::unique_ptr<RunJournal> m_journal;
  std::unique_ptr<CaseRecorder> m_recorder;
  std::optional<PenSample> m_resumedNeedling;
};

}  // namespace mnsim::app
