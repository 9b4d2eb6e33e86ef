// Session behaviours beyond scoring.md §7: passes, clock, roller, technique faults, events.
#include <algorithm>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "mnsim/skin/pad.h"
#include "mnsim/procedure/plan.h"
#include "mnsim/procedure/result_json.h"
#include "mnsim/procedure/session.h"
#include "mnsim/formats/plan_file.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/pen_sample.h"
#include "traces/raster_trace.h"

namespace mnsim {
namespace {

using testing::pad;

TreatmentPlan plan(const std::string& body) {
  auto p = parsePlan("format: mnsim-plan/1\nasset: pad\n" + body, "plan.yaml");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().format());
  TreatmentPlan out = std::move(*p);
  auto status = resolvePlan(out, pad().asset());
  EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().format());
  return out;
}

const char* kPenPadA = "device: {type: pen, cartridge: round-12, rate_hz: 100}\nzones:\n  - id: pad_a\n";

ProcedureResult run(const TreatmentPlan& p, const std::vector<PenSample>& samples) {
  PenTrace t;
  t.samples = samples;
  return scoreTrace(pad(), p, t);
}

int countFaults(const ProcedureResult& r, const std::string& kind) {
  return static_cast<int>(std::count_if(r.faults.begin(), r.faults.end(), [&](const Fault& f) { return faultKindId(f.kind) == kind; }));
}

RasterDesc padA(float dir) {
  RasterDesc d;
  d.minMm = {-60.0f, -40.0f};
  d.maxMm = {-0.05f, 40.0f};
  d.directionDeg = dir;
  return d;
}

TEST(Session, StampsFollowTheDeviceRateNotTheSampleRate) {
  const TreatmentPlan p = plan(kPenPadA);
  // 2 s of contact sampled at 7 Hz: 100 Hz gives 200 stamps, at t = 0, 0.01, ...
  std::vector<PenSample> s;
  for (int k = 0; k <= 14; ++k) {
    PenSample x;
    x.timeS = k / 7.0;
    x.tipMm = {-50.0f + 40.0f * k / 14.0f, 0.0f, 0.0f};
    x.contact = k < 14;
    s.push_back(x);
  }
  ProcedureSession session({&pad(), &p});
  for (const PenSample& x : s) session.addSample(x);
  session.finish();
  ASSERT_EQ(session.stamps().size(), 200u);
  EXPECT_NEAR(session.stamps()[0].timeS, 0.0, 1e-12);
  EXPECT_NEAR(session.stamps()[137].timeS, 1.37, 1e-9);
  // Positions are interpolated between samples: 20 mm/s along x.
  EXPECT_NEAR(session.stamps()[137].pointMm.x, -50.0f + 20.0f * 1.37f, 1e-3f);
  // A rate column changes the clock.
  for (PenSample& x : s) x.rateHz = 50.0f;
  ProcedureSession slower({&pad(), &p});
  for (const PenSample& x : s) slower.addSample(x);
  slower.finish();
  EXPECT_EQ(slower.stamps().size(), 100u);
}

TEST(Session, DeclaredPassesAreKeptAsDeclared) {
  const TreatmentPlan p = plan(kPenPadA);
  std::vector<PenSample> trace;
  for (int pass : {1, 2}) {
    RasterDesc d = padA(0.0f);  // the same direction twice, but declared as two passes
    d.pass = pass;
    appendTrace(trace, rasterTrace(d));
  }
  const ProcedureResult r = run(p, trace);
  ASSERT_EQ(r.zones[0].passes.size(), 2u);
  EXPECT_EQ(r.zones[0].passes[0].declared, 1);
  EXPECT_EQ(r.zones[0].passes[1].declared, 2);
  EXPECT_EQ(r.zones[0].directions, 1);
  EXPECT_EQ(countFaults(r, "directions"), 1);
  EXPECT_EQ(countFaults(r, "passes"), 1);
}

TEST(Session, PassDetectionWorksWithAndWithoutLiftingThePen) {
  const TreatmentPlan p = plan(kPenPadA);
  // Lines joined in contact (a serpentine that never lifts) are still classified by their rows.
  std::vector<PenSample> trace;
  for (float dir : {0.0f, 90.0f}) {
    std::vector<PenSample> raster = rasterTrace(padA(dir));
    for (PenSample& s : raster) {
      s.contact = true;
      s.tipMm.z = 0.0f;
    }
    raster.back().contact = false;
    appendTrace(trace, raster);
  }
  const ProcedureResult r = run(p, trace);
  ASSERT_EQ(r.zones[0].passes.size(), 2u) << resultToTable(r);
  EXPECT_EQ(r.zones[0].passes[0].direction, DirectionClass::Horizontal);
  EXPECT_EQ(r.zones[0].passes[1].direction, DirectionClass::Vertical);
  EXPECT_GT(r.zones[0].passes[0].coverage, 0.99);
}

TEST(Session, ShortDabsJoinTheCurrentPass) {
  const TreatmentPlan p = plan(kPenPadA);
  std::vector<PenSample> trace = rasterTrace(padA(0.0f));
  appendTrace(trace, strokeTrace({-30.0f, 0.0f}, {-30.0f, 2.0f}, 20.0f, 100.0));  // a 2 mm touch-up
  const ProcedureResult r = run(p, trace);
  EXPECT_EQ(r.zones[0].passes.size(), 1u);
}

TEST(Session, DwellingInPlaceIsAFault) {
  const TreatmentPlan p = plan(kPenPadA);
  std::vector<PenSample> s = strokeTrace({-30.0f, 0.0f}, {-28.0f, 0.0f}, 1.0f, 100.0);  // 1 mm/s for 2 s
  const ProcedureResult r = run(p, s);
  ASSERT_EQ(countFaults(r, "dwell"), 1) << resultToTable(r);
  EXPECT_EQ(countFaults(r, "speed_slow"), 1);
}

TEST(Session, OffSkinContactIsReportedNotStamped) {
  const TreatmentPlan p = plan(kPenPadA);
  std::vector<PenSample> s = strokeTrace({-50.0f, 0.0f}, {-10.0f, 0.0f}, 40.0f, 100.0);
  for (size_t k = 30; k < 60; ++k) s[k].tipMm.z = 8.0f;  // lifted 8 mm but "in contact"
  const ProcedureResult r = run(p, s);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "off_skin");
  EXPECT_GT(r.offSkinStamps, 20);
  EXPECT_EQ(r.stamps + r.offSkinStamps, 100);
}

TEST(Session, StretchPressureAndOrderFaults) {
  const TreatmentPlan p = plan(
      "device: {type: pen, cartridge: round-12, rate_hz: 100}\n"
      "zones:\n  - {id: pad_a, stretch: true, over_bone: true}\n  - {id: pad_b}\norder: [pad_a, pad_b]\n");
  std::vector<PenSample> trace = strokeTrace({10.0f, -30.0f}, {50.0f, -30.0f}, 40.0f, 100.0);  // pad_b first
  std::vector<PenSample> a = strokeTrace({-50.0f, 0.0f}, {-10.0f, 0.0f}, 40.0f, 100.0);
  for (PenSample& s : a) s.pressure = 0.9f;
  appendTrace(trace, a);
  const ProcedureResult r = run(p, trace);
  EXPECT_EQ(countFaults(r, "stretch"), 1);
  EXPECT_EQ(countFaults(r, "pressure"), 1);
  EXPECT_EQ(countFaults(r, "order"), 1);
  const auto unmet = r.zones[0].unmet;
  EXPECT_NE(std::find(unmet.begin(), unmet.end(), "stretch"), unmet.end());
}

TEST(Session, NeedlingOutsideThePlanIsAFaultAfterTwoSeconds) {
  const TreatmentPlan p = plan(kPenPadA);
  const ProcedureResult brief = run(p, strokeTrace({10.0f, -30.0f}, {50.0f, -30.0f}, 40.0f, 100.0));  // 1 s
  EXPECT_EQ(countFaults(brief, "off_plan"), 0);
  EXPECT_EQ(brief.offPlanStamps, 100);
  const ProcedureResult longer = run(p, strokeTrace({10.0f, -30.0f}, {50.0f, -30.0f}, 10.0f, 100.0));  // 4 s
  EXPECT_EQ(countFaults(longer, "off_plan"), 1);
}

TEST(Session, LesionsFromThePlanAreNoGo) {
  const TreatmentPlan p = plan(std::string(kPenPadA) + "no_go:\n  - {name: cold_sore, center: [-30, 0, 0], radius_mm: 2}\n");
  const ProcedureResult r = run(p, strokeTrace({-50.0f, 0.0f}, {-10.0f, 0.0f}, 40.0f, 100.0));
  ASSERT_EQ(r.criticalErrors.size(), 1u);
  EXPECT_EQ(r.criticalErrors[0].kind, FaultKind::NoGo);
  EXPECT_NEAR(r.criticalErrors[0].pointMm.x, -32.0f, 0.5f);
  // Touches when the centre is within 3 + 2 mm of the lesion: x = -35, t = 0.375 s.
  EXPECT_NEAR(r.criticalErrors[0].timeS, 0.38, 0.0051);
}

TEST(Session, RollerStampsARowEveryPitch) {
  const TreatmentPlan p = plan("device: {type: roller}\nzones:\n  - {id: pad_a, depth_mm: [0.5, 1.0], density_per_cm2: [10, 40]}\n");
  const DeviceSpec& roller = *findDevice("roller");
  const float pitch = roller.rollerRowPitchMm();
  const ProcedureResult r = run(p, strokeTrace({-55.0f, 0.0f}, {-5.0f, 0.0f}, 30.0f, 100.0));  // 50 mm
  EXPECT_EQ(r.stamps, 1 + static_cast<int>(50.0f / pitch));
  const ZoneResult& a = r.zones[0];
  // Each row covers the 20 mm drum width times one pitch of skin.
  EXPECT_NEAR(a.coverageTotal, 20.0 * pitch * r.stamps / 4800.0, 0.005);
  EXPECT_NEAR(a.passes[0].densityPerCm2, 24.0 / (20.0 * pitch) * 100.0, 1.0);
  EXPECT_DOUBLE_EQ(a.speedInBandShare, 1.0);  // the roller has no speed band
}

TEST(Session, LiveStatusFollowsThePen) {
  const TreatmentPlan p = plan(kPenPadA);
  ProcedureSession session({&pad(), &p});
  const std::vector<PenSample> s = strokeTrace({-50.0f, 0.0f}, {-10.0f, 0.0f}, 40.0f, 100.0);
  for (size_t k = 0; k < 50; ++k) session.addSample(s[k]);
  EXPECT_TRUE(session.live().inContact);
  EXPECT_TRUE(session.live().onSkin);
  EXPECT_EQ(session.live().zone, 0);
  EXPECT_NEAR(session.live().speedMmPerS, 40.0f, 0.01f);
  EXPECT_GT(session.coverage().anyCoverage(0), 0.0);
  // The result can be taken mid-run (the debrief of a run stopped early).
  EXPECT_EQ(session.result().stamps, static_cast<int>(session.stamps().size()));
}

}  // namespace
}  // namespace mnsim
