// The needling shared by free practice and a case's procedure step: the pen that turns the
// pointer into engine pen samples on the fixed-step clock, the session those samples go to, a pen
// trace fed in instead (automation), the keys, and the panels around the view.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <mnsim/procedure/pen_sample.h>
#include <mnsim/procedure/session.h>
#include <mnsim/runs/run_journal.h>

#include "core/pen_controller.h"
#include "screens/app_context.h"
#include "screens/screen.h"

namespace mnsim::app {

class Needling {
 public:
  explicit Needling(AppContext& ctx) : m_ctx(ctx) {}

  struct Desc {
    ProcedureSession* session = nullptr;  // what is needled; the caller keeps it alive
    std::string title;                    // the plan's or the case's, in the toolbar
    bool practice = true;                 // live feedback and the heatmap
    bool inCase = false;                  // a case's step: "Finish needling", its plan's cartridge
    RunJournal* journal = nullptr;        // every sample fed is journaled here too (null: none)
    // A resumed needling goes on from its last sample: the pen clock and dial where they were.
    std::optional<PenSample> resumeFrom;
  };
  // Starts needling: the pen takes the plan's device, its dial the plan's first zone depth and
  // default rate, its clock from zero; the scene shows the session's coverage.
  void begin(const Desc& desc);
  // Goes on with a new session of the same plan (another cartridge): the pen keeps its dial.
  void restart(ProcedureSession* session);
  // No needling any more; the scene stops following the session.
  void stop();
  bool active() const { return m_desc.session != nullptr; }
  ProcedureSession& session() const { return *m_desc.session; }
  const TreatmentPlan& plan() const { return m_desc.session->plan(); }

  // ---- a pen trace instead of the pointer (automation)
  // All samples at once; the coverage is drawn anew.
  void feed(const std::vector<PenSample>& samples, const std::string& traceName);
  // On the session's clock, frame by frame, the cursor following the pen.
  void playLive(std::vector<PenSample> samples, const std::string& traceName);
  bool playingLive() const { return m_liveNext < m_liveTrace.size(); }
  // The needling ends by itself once a live trace has been played to its end.
  void endWhenLiveDone() { m_endWhenLiveDone = true; }
  // What the run records as the needling's input: the trace's path, or "live" by hand.
  const std::string& traceName() const { return m_traceName; }

  // A view the trainee picked: the heatmap only in practice.
  void setView(View view);

  struct Outcome {
    bool end = false;       // End session / Finish needling / Esc, or the live trace is over
    std::string cartridge;  // free practice: the trainee chose this cartridge
  };
  // One frame: keys, camera, pointer -> pen samples -> session -> colours, then the panels.
  Outcome frame(const FrameInput& in);
  SceneLayer sceneLayer() const;

 private:
  // Returns true on Esc (the keys after it in the frame are not read).
  bool handleKeys(const FrameInput& in);
  // F: the camera turns to the zone under the cursor, close up (core/zone_focus.h).
  void focusZoneUnderCursor(const FrameInput& in);
  void feedLive(double dtS, glm::vec2 viewport);
  // One sample into the session and the journal.
  void feedOne(const PenSample& sample);
  void drawPanels(const FrameInput& in, Outcome& out);

  AppContext& m_ctx;
  Desc m_desc;
  PenController m_pen;
  glm::vec2 m_lastMouse{0.0f};
  bool m_haveLastMouse = false;
  bool m_fromTrace = false;  // the samples come from a trace, not the pointer
  std::string m_traceName = "live";
  std::vector<PenSample> m_liveTrace;
  size_t m_liveNext = 0;
  double m_liveClockS = 0.0;
  bool m_endWhenLiveDone = false;
};

}  // namespace mnsim::app
