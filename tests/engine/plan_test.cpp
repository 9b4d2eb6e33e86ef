#include "mnsim/procedure/plan.h"

#include <gtest/gtest.h>

#include "mnsim/skin/pad.h"
#include "mnsim/formats/plan_file.h"

namespace mnsim {
namespace {

std::string planErrorOf(const std::string& yaml) {
  auto r = parsePlan(yaml, "p.yaml");
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().format();
}

TEST(Plan, ReadsEveryField) {
  auto r = parsePlan(R"(format: mnsim-plan/1
title: Full
asset: pad
device: {type: pen, cartridge: round-16, rate_hz: 120}
defaults: {passes: 4, density_per_cm2: [200, 800]}
zones:
  - id: pad_a
    depth_mm: [0.5, 1.0]
    setting_mm: 0.75
    thin_skin: true
    over_bone: true
    stretch: true
  - id: pad_b
no_go:
  - zone: pad_b
  - {name: cold_sore, center: [10, 10, 0], radius_mm: 3}
order: [pad_a, pad_b]
rules: {angle_warn_deg: 8, heavy_pressure: 0.6}
)",
                     "p.yaml");
  ASSERT_TRUE(r.ok()) << r.error().format();
  EXPECT_EQ(r->title, "Full");
  EXPECT_EQ(r->assetName, "pad");
  EXPECT_EQ(r->cartridge()->needles, 16);
  EXPECT_FLOAT_EQ(r->defaultRateHz(), 120.0f);
  ASSERT_EQ(r->zones.size(), 2u);
  EXPECT_FLOAT_EQ(r->zones[0].depthMinMm, 0.5f);
  EXPECT_FLOAT_EQ(r->zones[0].settingMm, 0.75f);
  EXPECT_EQ(r->zones[0].passes, 4);
  EXPECT_TRUE(*r->zones[0].thinSkin);
  EXPECT_TRUE(*r->zones[0].needsStretch);
  EXPECT_FLOAT_EQ(r->zones[1].densityMinPerCm2, 200.0f);
  EXPECT_FALSE(r->zones[1].thinSkin.has_value());
  EXPECT_EQ(r->noGoZones, std::vector<std::string>{"pad_b"});
  ASSERT_EQ(r->lesions.size(), 1u);
  EXPECT_FLOAT_EQ(r->lesions[0].radiusMm, 3.0f);
  EXPECT_EQ(r->order.size(), 2u);
  EXPECT_FLOAT_EQ(r->rules.angleWarnDeg, 8.0f);
  EXPECT_FLOAT_EQ(r->rules.heavyPressure, 0.6f);
  Asset pad = makePadAsset();
  EXPECT_TRUE(resolvePlan(*r, pad).ok());
  EXPECT_EQ(r->zones[1].zone, 1);
}

TEST(Plan, ErrorsNameLineAndColumn) {
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones: [{id: a}]\ndevise: {type: pen}\n"),
            "p.yaml:3:1: error: unknown key 'devise' in the plan (did you mean 'device'?)");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/2\nzones: [{id: a}]\n"),
            "p.yaml:1:9: error: 'mnsim-plan/2' is newer than this mnsim reads (mnsim-plan/1); update mnsim");
  EXPECT_EQ(planErrorOf("zones: [{id: a}]\n"), "p.yaml:1:1: error: missing 'format: mnsim-plan/1' at the top of the file");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\ndevice: {type: pencil}\nzones: [{id: a}]\n"),
            "p.yaml:2:16: error: unknown device 'pencil' (devices: pen, roller)");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\ndevice: {type: rollr}\nzones: [{id: a}]\n"),
            "p.yaml:2:16: error: unknown device 'rollr' (did you mean 'roller'?)");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\ndevice: {type: pen, cartridge: round-13}\nzones: [{id: a}]\n"),
            "p.yaml:2:32: error: unknown cartridge 'round-13' (did you mean 'round-12'?)");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones:\n  - id: a\n    depth_mm: [0.25, 0.6]\n"),
            "p.yaml:4:22: error: depth 0.6 mm is not a setting of the pen's dial (0.25 to 2.5 mm in 0.25 mm steps)");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones:\n  - id: a\n    depth_mm: [0.25, 3.0]\n"),
            "p.yaml:4:15: error: 'depth_mm' must lie within [0.25, 2.5], found [0.25, 3]");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones:\n  - id: a\n    passes: three\n"),
            "p.yaml:4:13: error: 'passes' must be a whole number, found 'three'");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones:\n  - id: a\n  - id: a\n"), "p.yaml:4:9: error: zone 'a' is listed twice");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones:\n  - id: a\n    depth: [0.25, 0.5]\n"),
            "p.yaml:4:5: error: unknown key 'depth' in a zone entry (did you mean 'depth_mm'?)");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\nzones: [\n"), "p.yaml:3:1: error: YAML syntax: end of sequence flow not found");
  EXPECT_EQ(planErrorOf("format: mnsim-plan/1\n"), "p.yaml:1:1: error: missing required key 'zones' (the zones to treat)");
}

TEST(Plan, UnknownZoneIsReportedAtItsLine) {
  auto r = parsePlan("format: mnsim-plan/1\nasset: pad\nzones:\n  - id: pad_c\n", "p.yaml");
  ASSERT_TRUE(r.ok());
  Asset pad = makePadAsset();
  auto status = resolvePlan(*r, pad);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().format(), "p.yaml:4:9: error: zone 'pad_c' does not exist on asset 'pad' (did you mean 'pad_a'?)");
  EXPECT_EQ(status.error().code, ErrorCode::Reference);
}

TEST(Plan, NoGoZoneCannotBePlanned) {
  auto r = parsePlan("format: mnsim-plan/1\nasset: pad\nzones:\n  - id: mole\n", "p.yaml");
  ASSERT_TRUE(r.ok());
  Asset pad = makePadAsset();
  auto status = resolvePlan(*r, pad);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().format(), "p.yaml:4:9: error: zone 'mole' is a no-go zone and cannot be in the plan");
}

TEST(Plan, MissingFile) {
  auto r = readPlan("/nonexistent/plan.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().format(), "/nonexistent/plan.yaml: error: cannot open the file");
}

}  // namespace
}  // namespace mnsim
