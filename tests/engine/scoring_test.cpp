// The checks of scoring.md §7 on the practice pad, with exact expectations.
#include <algorithm>
#include <cmath>

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

// pad_a, three crossed passes, 12-needle pen (6 mm head) at 100 Hz, 0.25-0.5 mm.
TreatmentPlan padPlan(const std::string& zoneExtra = "", const std::string& zone = "pad_a") {
  auto plan = parsePlan(R"(format: mnsim-plan/1
title: test
asset: pad
device: {type: pen, cartridge: round-12, rate_hz: 100}
defaults: {passes: 3, min_directions: 3, coverage_min: 0.9, density_per_cm2: [300, 900]}
zones:
  - id: )" + zone + R"(
    depth_mm: [0.25, 0.5]
    setting_mm: 0.5
)" + zoneExtra,
                        "plan.yaml");
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().format());
  TreatmentPlan p = std::move(*plan);
  EXPECT_TRUE(resolvePlan(p, pad().asset()).ok());
  return p;
}

// Three crossed passes (horizontal, vertical, diagonal) over pad_a's interior.
std::vector<PenSample> crossedRaster(float spacingMm, float tiltDeg = 0.0f, float depthMm = 0.5f) {
  RasterDesc d;
  d.minMm = {-60.0f, -40.0f};
  d.maxMm = {-0.05f, 40.0f};  // stamp centres stay in pad_a (x < 0)
  d.spacingMm = spacingMm;
  d.speedMmPerS = 40.0f;  // 500 punctures/cm² per pass with 6 mm lines: inside 300-900
  d.tiltDeg = tiltDeg;
  d.depthMm = depthMm;
  std::vector<PenSample> trace;
  for (float dir : {0.0f, 90.0f, 45.0f}) {
    d.directionDeg = dir;
    appendTrace(trace, rasterTrace(d));
  }
  return trace;
}

ProcedureResult score(const TreatmentPlan& plan, const std::vector<PenSample>& samples, const SkinModel& model = pad()) {
  PenTrace trace;
  trace.samples = samples;
  return scoreTrace(model, plan, trace);
}

const ZoneResult& zone(const ProcedureResult& r, const std::string& id) {
  for (const ZoneResult& z : r.zones)
    if (z.id == id) return z;
  ADD_FAILURE() << "zone " << id << " missing";
  static ZoneResult none;
  return none;
}

TEST(Scoring, PerfectRasterCoversEveryPassWithoutFaults) {
  const TreatmentPlan plan = padPlan();
  const ProcedureResult r = score(plan, crossedRaster(6.0f));
  const ZoneResult& a = zone(r, "pad_a");
  ASSERT_EQ(a.passes.size(), 3u);
  for (const PassResult& p : a.passes) EXPECT_GE(p.coverage, 0.99) << "pass " << p.index;
  EXPECT_EQ(a.passes[0].direction, DirectionClass::Horizontal);
  EXPECT_EQ(a.passes[1].direction, DirectionClass::Vertical);
  EXPECT_EQ(a.passes[2].direction, DirectionClass::Diagonal45);
  EXPECT_EQ(a.directions, 3);
  EXPECT_TRUE(r.faults.empty()) << resultToTable(r);
  EXPECT_TRUE(r.criticalErrors.empty());
  EXPECT_TRUE(a.gaps.empty());
  EXPECT_DOUBLE_EQ(a.depthInRangeShare, 1.0);
  EXPECT_DOUBLE_EQ(a.angleWithinShare, 1.0);
  EXPECT_TRUE(a.proficient);
  EXPECT_TRUE(r.proficient);
  EXPECT_GE(r.score, 99.0);
}

TEST(Scoring, DoubleSpacingCoversAboutHalfAndListsGaps) {
  const TreatmentPlan plan = padPlan();
  const ProcedureResult r = score(plan, crossedRaster(12.0f));
  const ZoneResult& a = zone(r, "pad_a");
  ASSERT_EQ(a.passes.size(), 3u);
  for (const PassResult& p : a.passes) EXPECT_NEAR(p.coverage, 0.50, 0.05) << "pass " << p.index;
  EXPECT_FALSE(a.gaps.empty());
  for (const Gap& g : a.gaps) {
    EXPECT_GT(g.areaMm2, 4.0);
    EXPECT_LT(g.centerMm.x, 0.5f);  // on pad_a
  }
  EXPECT_TRUE(std::any_of(r.faults.begin(), r.faults.end(), [](const Fault& f) { return f.kind == FaultKind::Coverage; }));
  EXPECT_TRUE(std::any_of(r.faults.begin(), r.faults.end(), [](const Fault& f) { return f.kind == FaultKind::Gaps; }));
  EXPECT_FALSE(r.proficient);
}

TEST(Scoring, StrokeAcrossTheMoleIsACriticalErrorAtTheRightTimeAndPlace) {
  const TreatmentPlan plan = padPlan("", "pad_b");
  // Along y = 20 from x = 5 to x = 55 at 40 mm/s: the 6 mm head first reaches the mole's rim
  // (x = 26) when its centre passes x = 23, i.e. at t = (23 - 5) / 40 = 0.45 s; stamps fall on
  // the 100 Hz clock, so the first touching stamp is the first at or after 0.45 s.
  const std::vector<PenSample> stroke = strokeTrace({5.0f, 20.0f}, {55.0f, 20.0f}, 40.0f, 100.0);
  const ProcedureResult r = score(plan, stroke);
  ASSERT_EQ(r.criticalErrors.size(), 1u) << resultToTable(r);
  const Fault& f = r.criticalErrors[0];
  EXPECT_EQ(f.kind, FaultKind::NoGo);
  EXPECT_EQ(f.zoneId, "mole");
  EXPECT_NEAR(f.timeS, 0.45, 0.0100001);
  EXPECT_GE(f.timeS, 0.45 - 1e-9);
  EXPECT_NEAR(f.pointMm.x, 26.0f, 0.05f);  // the mole's rim nearest the approaching head
  EXPECT_NEAR(f.pointMm.y, 20.0f, 0.05f);
  // Leaves when the centre passes x = 37: t = 0.8 s.
  EXPECT_NEAR(f.endTimeS, 0.8, 0.0100001);
  EXPECT_FALSE(r.proficient);
}

TEST(Scoring, StrokeBesideTheMoleIsNotCritical) {
  const TreatmentPlan plan = padPlan("", "pad_b");
  // 3 mm head radius + 4 mm mole radius: a line 7.5 mm from the mole centre never touches it.
  const ProcedureResult r = score(plan, strokeTrace({5.0f, 27.5f}, {55.0f, 27.5f}, 40.0f, 100.0));
  EXPECT_TRUE(r.criticalErrors.empty());
}

TEST(Scoring, ThirtyDegreeTiltFaultsEveryStampFiveDegreesNone) {
  const TreatmentPlan plan = padPlan();
  const ProcedureResult tilted = score(plan, crossedRaster(6.0f, 30.0f));
  int angleStamps = 0;
  for (const Fault& f : tilted.faults)
    if (f.kind == FaultKind::Angle) angleStamps += f.stampCount;
  EXPECT_GT(tilted.stamps, 5000);
  EXPECT_EQ(angleStamps, tilted.stamps);
  EXPECT_DOUBLE_EQ(zone(tilted, "pad_a").angleWithinShare, 0.0);
  EXPECT_NEAR(zone(tilted, "pad_a").angleMeanDeg, 30.0, 0.01);

  const ProcedureResult slight = score(plan, crossedRaster(6.0f, 5.0f));
  for (const Fault& f : slight.faults) EXPECT_NE(f.kind, FaultKind::Angle);
  EXPECT_DOUBLE_EQ(zone(slight, "pad_a").angleWithinShare, 1.0);
  EXPECT_TRUE(slight.faults.empty()) << resultToTable(slight);
}

TEST(Scoring, TooDeepInThinSkinIsCritical) {
  const TreatmentPlan plan = padPlan("    thin_skin: true\n");
  const ProcedureResult r = score(plan, crossedRaster(6.0f, 0.0f, 1.5f));
  ASSERT_FALSE(r.criticalErrors.empty());
  for (const Fault& f : r.criticalErrors) {
    EXPECT_EQ(f.kind, FaultKind::DepthThinSkin);
    EXPECT_EQ(f.zoneId, "pad_a");
  }
  int stamps = 0;
  for (const Fault& f : r.criticalErrors) stamps += f.stampCount;
  EXPECT_EQ(stamps, r.stamps);
  EXPECT_DOUBLE_EQ(zone(r, "pad_a").depthInRangeShare, 0.0);
  EXPECT_FALSE(r.proficient);
}

TEST(Scoring, TooShallowCostsComplianceButIsNotCritical) {
  auto plan = parsePlan(R"(format: mnsim-plan/1
asset: pad
device: {type: pen, cartridge: round-12, rate_hz: 100}
zones:
  - id: pad_a
    depth_mm: [1.0, 1.5]
    density_per_cm2: [300, 900]
)",
                        "plan.yaml");
  ASSERT_TRUE(plan.ok()) << plan.error().format();
  ASSERT_TRUE(resolvePlan(*plan, pad().asset()).ok());
  const ProcedureResult r = score(*plan, crossedRaster(6.0f, 0.0f, 0.75f));
  EXPECT_TRUE(r.criticalErrors.empty());
  const ZoneResult& a = zone(r, "pad_a");
  EXPECT_DOUBLE_EQ(a.depthInRangeShare, 0.0);
  EXPECT_FLOAT_EQ(a.depthShallowestMm, 0.75f);
  EXPECT_TRUE(std::find(a.unmet.begin(), a.unmet.end(), "depth") != a.unmet.end());
  EXPECT_TRUE(std::any_of(r.faults.begin(), r.faults.end(), [](const Fault& f) { return f.kind == FaultKind::DepthShallow; }));
}

TEST(Scoring, SameInputsGiveTheSameResultBitForBit) {
  const TreatmentPlan plan = padPlan();
  const std::vector<PenSample> samples = crossedRaster(9.0f, 7.0f);
  const std::string first = resultToJson(score(plan, samples));
  const std::string second = resultToJson(score(plan, samples));
  EXPECT_EQ(first, second);
  // Through the file format and back: the recorded trace replays to the same result.
  auto reread = parseTrace(formatTrace(samples), "x.csv");
  ASSERT_TRUE(reread.ok()) << reread.error().format();
  EXPECT_EQ(resultToJson(score(plan, reread->samples)), first);
  // And a fresh model of the same asset.
  const SkinModel other(makePadAsset());
  EXPECT_EQ(resultToJson(score(plan, samples, other)), first);
}

TEST(Scoring, RetriangulatingThePadMovesCoverageByLessThanOnePoint) {
  PadDesc desc;
  desc.gridMm = 1.0f;
  desc.alternateDiagonals = true;
  desc.moleSegments = 96;
  const SkinModel other(makePadAsset(desc));
  ASSERT_NE(other.asset().contentHash, pad().asset().contentHash);
  ASSERT_NE(other.mesh().triangleCount(), pad().mesh().triangleCount());
  TreatmentPlan planA = padPlan();
  TreatmentPlan planB = padPlan();
  ASSERT_TRUE(resolvePlan(planB, other.asset()).ok());
  for (float spacing : {6.0f, 12.0f, 8.5f}) {
    const std::vector<PenSample> samples = crossedRaster(spacing);
    const ZoneResult a = zone(score(planA, samples), "pad_a");
    const ZoneResult b = zone(score(planB, samples, other), "pad_a");
    ASSERT_EQ(a.passes.size(), b.passes.size());
    for (size_t k = 0; k < a.passes.size(); ++k)
      EXPECT_LT(std::fabs(a.passes[k].coverage - b.passes[k].coverage), 0.01) << "spacing " << spacing << " pass " << k;
    EXPECT_LT(std::fabs(a.coverageTotal - b.coverageTotal), 0.01);
  }
}

}  // namespace
}  // namespace mnsim
