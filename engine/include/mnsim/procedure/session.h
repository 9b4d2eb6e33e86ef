// A procedure session: pen samples in, stamps on the simulation clock out, coverage and
// metrics kept up to date, a ProcedureResult on demand. The same class serves the live app
// (samples from the mouse on a fixed-step clock) and `mnsim score` (samples from a trace), so
// live and replayed results are identical bit for bit.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <vector>

#include "mnsim/procedure/coverage.h"
#include "mnsim/procedure/plan.h"
#include "mnsim/procedure/stamp.h"
#include "mnsim/procedure/result.h"
#include "mnsim/skin/skin_model.h"
#include "mnsim/procedure/pen_sample.h"

namespace mnsim {

struct SessionDesc {
  const SkinModel* model = nullptr;     // the skin (asset, BVH, samples)
  const TreatmentPlan* plan = nullptr;  // resolved against model's asset
  bool trackChanges = false;            // keep changed footprints for takeChangedFootprints()
  CoverageLog* coverageLog = nullptr;   // every change to the coverage is logged here too (replay)
};

// What the live HUD shows for the latest moment.
struct LiveStatus {
  bool inContact = false;
  bool onSkin = false;
  int zone = -1;               // zone under the tip, -1 off the skin
  int pass = -1;               // 0-based pass of that zone, -1 unknown yet
  float speedMmPerS = 0.0f;
  float angleDeg = 0.0f;
  float dialDepthMm = 0.0f;
  bool noGoWarning = false;    // the last stamp touched a no-go area
  bool tooDeepWarning = false; // the dial is deeper than this zone allows
};

class ProcedureSession {
 public:
  explicit ProcedureSession(const SessionDesc& desc);
  ~ProcedureSession();
  ProcedureSession(const ProcedureSession&) = delete;
  ProcedureSession& operator=(const ProcedureSession&) = delete;

  // Feeds the next input sample (times must not decrease). Stamps due between the previous
  // sample and this one are made now.
  void addSample(const PenSample& sample);
  // Makes room for the stamps of a run this long (an optimisation; optional).
  void reserve(double durationS);
  // Ends the run: closes the open stroke. No samples may follow.
  void finish();

  const CoverageMap& coverage() const { return m_coverage; }
  const std::vector<Stamp>& stamps() const { return m_stamps; }
  const std::vector<PenSample>& samples() const { return m_samples; }
  const LiveStatus& live() const { return m_live; }
  const SkinModel& model() const { return *m_model; }
  const TreatmentPlan& plan() const { return *m_plan; }
  // Passes opened so far in a zone.
  int passCount(int zone) const;
  // The hand-speed band that gives the plan's density for a zone at the line spacing the plan
  // expects, mm/s (0, 0 for the roller).
  std::pair<float, float> speedBand(int zone) const;
  // Names of the inputs, copied into results.
  void setInputNames(std::string planPath, std::string tracePath);

  // Footprints whose samples changed since the last call (new stamps, and earlier stamps whose
  // pass was just decided), for drawing only what changed. Clears the list. Only kept when
  // tracking is on (SessionDesc::trackChanges or setTrackChanges).
  void takeChangedFootprints(std::vector<Footprint>& out);
  void setTrackChanges(bool on) { m_trackChanges = on; }

  // The full result (computes gaps and metrics: call once at the end, or rarely).
  ProcedureResult result() const;

 private:
  struct Impl;
  void processSegment(const PenSample& a, const PenSample& b);
  void makeStamp(double timeS, const PenSample& a, const PenSample& b, double w);
  // A strike that found no skin within reach: recorded as an event, the stroke closed.
  void missStrike(double timeS);
  // The stamp's measurements at a surface point; `tangential` gets the tip velocity along the skin.
  Stamp measureStamp(double timeS, const PenSample& a, const PenSample& b, float wf, const SurfacePoint& surface,
                     const glm::vec3& axis, glm::vec3& tangential) const;
  // Opens or continues the stroke the stamp belongs to and reads its direction once it is long enough.
  void followStroke(Stamp& stamp);
  Footprint footprint(const Stamp& stamp, const glm::vec3& tangential) const;
  void updateLive(const Stamp& stamp);
  void closeStroke();

  const SkinModel* m_model;
  const TreatmentPlan* m_plan;
  CoverageMap m_coverage;
  std::vector<Stamp> m_stamps;
  std::vector<PenSample> m_samples;
  std::vector<Footprint> m_changed;
  bool m_trackChanges = false;
  LiveStatus m_live;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace mnsim
