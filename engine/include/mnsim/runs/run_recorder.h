// Recording a case as it is played: every input goes to the case session and, in the same order,
// to the run's journal. The app (live) and `mnsim record` (scripted) record through this one
// class, so a run from either holds the same events for the same inputs and scores the same.
#pragma once

#include <string>

#include "mnsim/base/error.h"
#include "mnsim/base/signing.h"
#include "mnsim/cases/case_session.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim {

// Who records, and how: what a run's header says beyond the case itself.
struct RunIdentity {
  Trainee trainee;
  std::string mode = "practice";  // "practice" or "assessment"
  std::string stationId;
  std::string createdBy;  // "mnsim 0.1.0", "mnsim record 0.1.0"
};

// The header of a run of this case session (before its first step is answered).
RunHeader caseRunHeader(const CaseSession& session, const RunIdentity& who);

class CaseRecorder {
 public:
  // `journal` may be null: the session is played and nothing is recorded.
  CaseRecorder(CaseSession& session, RunJournal* journal) : m_session(session), m_journal(journal) {}

  CaseSession& session() const { return m_session; }
  RunJournal* journal() const { return m_journal; }
  void setJournal(RunJournal* journal) { m_journal = journal; }

  Result<const StepResult*> answer(const Answer& answer, double timeS);
  // The current procedure step's needling (null when the step is not a procedure); the first
  // call for a needling journals its beginning.
  ProcedureSession* beginNeedling();
  void sample(const PenSample& sample);
  // A run resumed during a needling: its beginning is in the journal already.
  void continueNeedling() { m_needlingOpen = true; }
  Result<const StepResult*> finishNeedling(double timeS, const std::string& traceName);
  // An action that scores nothing but belongs in the record ("timer", {"action": "start"}).
  void control(const std::string& what, const std::string& detailKey = "", const std::string& detail = "");

  // Seals the journal: finished when the case has ended, else stopped; the result attached.
  Status seal(const SigningKey& key);

 private:
  void stepEntered();

  CaseSession& m_session;
  RunJournal* m_journal = nullptr;
  bool m_needlingOpen = false;
};

// The header of a free-needling run: the plan as read (its text, so the run scores without the
// file), the asset needled and its content hash, the first cartridge.
RunHeader needlingRunHeader(const RunIdentity& who, const std::string& planPath, const std::string& planText,
                            const std::string& assetName, const std::string& assetHash,
                            const std::string& cartridgeId);

// The events of a free-needling run (the samples go to the journal directly): what
// runFromLog and replayNeedling read back. Null journal: nothing is recorded.
class NeedlingRecorder {
 public:
  explicit NeedlingRecorder(RunJournal* journal) : m_journal(journal) {}

  void begin(const std::string& cartridgeId);
  // The needling so far ends (`lastSampleS` on its clock, its samples from `traceName`, "" by
  // hand) and starts again with a fresh cartridge.
  void changeCartridge(const std::string& cartridgeId, double lastSampleS, const std::string& traceName);
  // Ends the needling and seals the run; the result only when `status` is Finished.
  Status seal(RunStatus status, double lastSampleS, const std::string& traceName, const std::string& resultJson,
              const SigningKey& key);

 private:
  void end(double lastSampleS, const std::string& traceName);

  RunJournal* m_journal = nullptr;
};

}  // namespace mnsim
