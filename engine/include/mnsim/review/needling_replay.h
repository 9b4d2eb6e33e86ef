// One needling replayed so that any moment of it can be shown at once: the engine runs once over
// the recorded samples (recorded state is never trusted over inputs) and keeps every change it
// made to the coverage, with copies of the coverage (keyframes) every so many changes. Seeking
// to a moment restores the keyframe before it and applies the changes up to it: fixed recorded
// data plus a small cursor, never a re-run from the start.
//
// The coverage at time t is the coverage the live session had with every sample at or before t
// fed (and, at or after the needling's end, once it was finished), bit for bit.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "mnsim/procedure/coverage.h"
#include "mnsim/procedure/pen_sample.h"
#include "mnsim/procedure/plan.h"
#include "mnsim/procedure/result.h"
#include "mnsim/procedure/session.h"
#include "mnsim/procedure/stamp.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

struct NeedlingReplayDesc {
  const SkinModel* model = nullptr;     // the recorded asset's model
  const TreatmentPlan* plan = nullptr;  // resolved; kept alive by the caller
  std::span<const PenSample> samples;   // exactly as fed while recording
  size_t keyframeEvery = 0;             // changes between keyframes; 0: chosen from the run's length
};

// A step forward of more changes than this is reported as Reset rather than listed.
constexpr size_t kMaxListedChanges = 512;

// What a seek did to the coverage, for whoever draws it.
enum class SeekChange {
  None,     // nothing changed
  Forward,  // only the footprints listed changed (a small step forward)
  Reset,    // anything may have changed: draw it all again
};

class NeedlingReplay {
 public:
  explicit NeedlingReplay(const NeedlingReplayDesc& desc);
  ~NeedlingReplay();
  NeedlingReplay(const NeedlingReplay&) = delete;
  NeedlingReplay& operator=(const NeedlingReplay&) = delete;

  // The last sample's time on the pen clock (0 without samples).
  double durationS() const;
  // Moves to time t on the pen clock. `finished`: the needling has ended by then (the open
  // stroke closed and its passes decided). `changed` gets the footprints laid or resolved when
  // the move is a short step forward (SeekChange::Forward).
  SeekChange seek(double timeS, bool finished, std::vector<Footprint>* changed = nullptr);
  // The coverage at the moment sought.
  const CoverageMap& coverage() const { return m_cursor; }
  double timeS() const { return m_timeS; }

  // ---- what the whole needling was (the engine's run over the samples)
  const ProcedureResult& result() const { return m_result; }
  const std::vector<Stamp>& stamps() const { return m_session->stamps(); }
  const std::vector<PenSample>& samples() const { return m_session->samples(); }
  const TreatmentPlan& plan() const { return m_session->plan(); }
  const ProcedureSession& session() const { return *m_session; }
  size_t keyframes() const { return m_keyframes.size(); }
  size_t bytes() const;  // the log and the keyframes

  // ---- the moment: pen, stamp, stroke
  // Index of the last sample at or before t, or -1.
  long sampleAt(double timeS) const;
  // Index of the last stamp at or before t, or -1.
  long stampAt(double timeS) const;
  // Stamp times before and after t (t itself when there is none), for stepping.
  double previousStampS(double timeS) const;
  double nextStampS(double timeS) const;
  // Stroke starts (first stamp of each contact run) before and after t.
  double previousStrokeS(double timeS) const;
  double nextStrokeS(double timeS) const;

 private:
  // Number of coverage changes made by the moment t.
  size_t changesAt(double timeS, bool finished) const;

  std::unique_ptr<CoverageLog> m_log;
  std::unique_ptr<ProcedureSession> m_session;
  ProcedureResult m_result;
  std::vector<size_t> m_changesAfterSample;  // changes made once sample i was fed
  size_t m_changesBeforeFinish = 0;
  size_t m_keyframeEvery = 1;
  std::vector<CoverageMap> m_keyframes;  // [k]: after k * m_keyframeEvery changes
  std::vector<double> m_strokeStartsS;
  CoverageMap m_cursor;
  size_t m_cursorChanges = 0;
  double m_timeS = 0.0;
};

}  // namespace mnsim
