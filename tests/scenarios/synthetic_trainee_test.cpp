// Synthetic trainees (issue 10's acceptance): scripted pen motion on the curved head and on the
// practice pad, each with one mistake an assessor would name, scored as `mnsim score` does, with
// the trace's declared passes and again with the pass column blank (as trackers record). The
// expert is proficient; every other one is not, and the right fault is raised in the right zone
// at a time when the trainee was there.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/procedure/fault_kinds.h>
#include <mnsim/procedure/session.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/skin/asset_loader.h>

#include "case_traces.h"
#include "library_assets.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

using library_tests::assets;
using library_tests::kSource;

struct Trainee {
  std::string name;
  std::string scenario;  // the case whose procedure step ("needling") is needled
  std::string zone;      // where the mistake is made ("" for the expert)
  std::vector<std::string> unmet;  // requirements the zone must fail (at least these)
  std::vector<std::string> faults;  // fault kinds of which at least one must be raised in the zone
  bool critical = false;            // the fault is a critical error
  void (*mistake)(cases::CaseTraceSpec&) = nullptr;
};

// The mistakes made the same way on any asset, in one zone of the plan.
void addCommonMistakes(std::vector<Trainee>& out, const std::string& prefix, const std::string& scenario,
                       const std::string& zone) {
  out.push_back({prefix + "_missed_pass", scenario, zone, {"passes"}, {"passes"}, false,
                 [](cases::CaseTraceSpec& s) { s.passes = 2; }});
  out.push_back({prefix + "_too_fast", scenario, zone, {"speed", "density"}, {"speed_fast", "density_low"}, false,
                 [](cases::CaseTraceSpec& s) { s.speedScale = 2.5f; }});
  out.push_back({prefix + "_too_slow_over_treating", scenario, zone, {"speed", "density", "over_treatment"},
                 {"speed_slow", "density_high", "over_treatment"}, false,
                 [](cases::CaseTraceSpec& s) { s.speedScale = 0.35f; }});
  out.push_back({prefix + "_tilted", scenario, zone, {"angle"}, {"angle"}, false,
                 [](cases::CaseTraceSpec& s) { s.tiltDeg = 25.0f; }});
  out.push_back({prefix + "_lines_too_far_apart", scenario, zone, {"coverage"}, {"coverage"}, false,
                 [](cases::CaseTraceSpec& s) { s.spacingScale = 2.0f; }});
}

std::vector<Trainee> trainees() {
  std::vector<Trainee> out;
  // The head: fine lines of the forehead and crow's feet (thin skin beside the eye).
  const std::string head = "fine_lines.yaml";
  out.push_back({"head_expert", head, "", {}, {}, false, nullptr});
  out.push_back({"head_too_deep_near_the_eye", head, "crows_feet_left", {"depth"}, {"depth_thin_skin"}, true,
                 [](cases::CaseTraceSpec& s) { s.depthMm = {{"crows_feet_left", 1.0f}}; }});
  out.push_back({"head_into_the_eyelid", head, "eyelid_left", {}, {"no_go"}, true,
                 [](cases::CaseTraceSpec& s) { s.crossings = {"eyelid_left"}; }});
  addCommonMistakes(out, "head", head, "forehead");
  // Melasma in skin of colour: the plan requires light pressure over the cheekbones.
  out.push_back({"head_heavy_pressure_over_the_cheekbone", "melasma.yaml", "cheek_left", {"pressure"}, {"pressure"},
                 false, [](cases::CaseTraceSpec& s) { s.pressure = 0.9f; }});
  // The practice pad: zone A (thin skin in this drill), the mole in zone B.
  const std::string pad = "pad_drill.yaml";
  out.push_back({"pad_expert", pad, "", {}, {}, false, nullptr});
  out.push_back({"pad_too_deep", pad, "pad_a", {"depth"}, {"depth_thin_skin"}, true,
                 [](cases::CaseTraceSpec& s) { s.depthMm = {{"pad_a", 1.0f}}; }});
  out.push_back({"pad_across_the_mole", pad, "mole", {}, {"no_go"}, true,
                 [](cases::CaseTraceSpec& s) { s.crossings = {"mole"}; }});
  addCommonMistakes(out, "pad", pad, "pad_a");
  return out;
}

void PrintTo(const Trainee& t, std::ostream* os) { *os << t.name; }

std::string describe(const ProcedureResult& r) {
  std::string out = "score " + std::to_string(r.score) + (r.proficient ? " proficient\n" : " not proficient\n");
  for (const ZoneResult& z : r.zones) {
    out += "  " + z.id + ":";
    for (const std::string& u : z.unmet) out += " " + u;
    out += "\n";
  }
  for (const std::vector<Fault>* list : {&r.criticalErrors, &r.faults})
    for (const Fault& f : *list)
      out += "  " + std::string(faultKindId(f.kind)) + " in '" + f.zoneId + "' at " + std::to_string(f.timeS) + " s\n";
  return out;
}

class SyntheticTrainee : public ::testing::TestWithParam<Trainee> {};

TEST_P(SyntheticTrainee, IsJudgedAsAnAssessorWould) {
  const Trainee& t = GetParam();
  ScenarioOptions options;
  options.assets = &assets();
  const ScenarioLoad load = loadScenario((kSource / "scenarios" / t.scenario).string(), options);
  ASSERT_TRUE(load.ok()) << t.scenario;
  const int step = load.scenario->findStep("needling");
  ASSERT_GE(step, 0);
  TreatmentPlan plan = load.scenario->steps[step].procedure.plan;
  auto model = assets().model(plan.assetName);
  ASSERT_TRUE(model.ok()) << model.error().format();
  ASSERT_TRUE(resolvePlan(plan, (*model)->asset()).ok());

  cases::CaseTraceSpec spec;
  spec.file = t.name + ".csv";
  spec.scenario = t.scenario;
  spec.step = "needling";
  spec.description = t.name;
  if (t.mistake) t.mistake(spec);
  auto text = cases::makeCaseTrace(spec, *load.scenario, **model);
  ASSERT_TRUE(text.ok()) << text.error().format();
  auto trace = parseTrace(*text, spec.file, traceLimits(plan));
  ASSERT_TRUE(trace.ok()) << trace.error().format();
  const double endS = trace->samples.back().timeS;

  for (const bool declared : {true, false}) {
    if (!declared)
      for (PenSample& s : trace->samples) s.pass = 0;
    const ProcedureResult r = scoreTrace(**model, plan, *trace);
    const std::string how = std::string(declared ? "declared passes" : "passes detected") + "\n" + describe(r);
    if (t.zone.empty()) {
      EXPECT_TRUE(r.proficient) << how;
      EXPECT_TRUE(r.criticalErrors.empty()) << how;
      EXPECT_EQ(r.scoreCap, "") << how;
      continue;
    }
    EXPECT_FALSE(r.proficient) << how;
    EXPECT_LT(r.score, plan.rules.passScore) << how;
    for (const std::string& requirement : t.unmet) {
      const auto z = std::find_if(r.zones.begin(), r.zones.end(), [&](const ZoneResult& zr) { return zr.id == t.zone; });
      ASSERT_NE(z, r.zones.end()) << how;
      EXPECT_NE(std::find(z->unmet.begin(), z->unmet.end(), requirement), z->unmet.end())
          << requirement << " unmet in " << t.zone << "\n" << how;
    }
    // The named fault, in the named zone (a lesion is named by the fault's zone id), while the
    // trainee was needling.
    const std::vector<Fault>& list = t.critical ? r.criticalErrors : r.faults;
    const auto f = std::find_if(list.begin(), list.end(), [&](const Fault& fault) {
      return fault.zoneId == t.zone &&
             std::find(t.faults.begin(), t.faults.end(), faultKindId(fault.kind)) != t.faults.end();
    });
    ASSERT_NE(f, list.end()) << "no " << t.faults.front() << " in " << t.zone << "\n" << how;
    const auto z = std::find_if(r.zones.begin(), r.zones.end(),
                                [&](const ZoneResult& zr) { return zr.id == t.zone && zr.planned; });
    if (z != r.zones.end()) {
      // In a planned zone: while the trainee was needling it.
      EXPECT_GE(f->timeS, z->firstStampS - 1e-9) << how;
      EXPECT_LE(f->timeS, z->lastStampS + 1e-9) << how;
    } else {
      // A stroke across a no-go area comes after the planned zones are done.
      double plannedEndS = 0.0;
      for (const ZoneResult& zr : r.zones)
        if (zr.planned) plannedEndS = std::max(plannedEndS, zr.lastStampS);
      EXPECT_GT(f->timeS, plannedEndS) << how;
      EXPECT_LE(f->timeS, endS) << how;
    }
    if (t.critical) {
      EXPECT_EQ(r.scoreCap, "critical_errors") << how;
      EXPECT_GE(f->stampCount, 1) << how;
      EXPECT_LE(f->timeS, f->endTimeS) << how;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Trainees, SyntheticTrainee, ::testing::ValuesIn(trainees()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace mnsim
