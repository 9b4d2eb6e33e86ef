// Pass detection without declared passes (docs/scoring.md, "Passes"): a tracker records no pass
// numbers, so the scorer must find the passes itself. Every library and example trace, with its
// `pass` column blanked, gives the same passes as with the passes declared: the same count per
// zone, and each pass's coverage within 2 points.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/plan_file.h>
#include <mnsim/formats/trace_file.h>
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

struct Case {
  std::string name;       // the trace file
  std::string planFrom;   // a scenario (its procedure step) or a plan file
  std::string step;       // the procedure step, for a scenario
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const cases::CaseTraceSpec& spec : cases::caseTraceCatalogue())
    out.push_back({"scenarios/traces/" + spec.file, "scenarios/" + spec.scenario, spec.step});
  for (const auto& e : fs::directory_iterator(kSource / "docs/examples"))
    if (e.path().extension() == ".csv")
      out.push_back({"docs/examples/" + e.path().filename().string(), "docs/examples/pad_plan.yaml", ""});
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string describe(const ZoneResult& z) {
  std::string out;
  for (const PassResult& p : z.passes)
    out += "  pass " + std::to_string(p.index) + ": " + directionName(p.direction) + ", " +
           std::to_string(p.coverage * 100.0).substr(0, 5) + " %, " + std::to_string(p.stamps) + " stamps, " +
           std::to_string(p.startS).substr(0, 6) + "-" + std::to_string(p.endS).substr(0, 6) + " s\n";
  return out;
}

class BlankedPasses : public ::testing::TestWithParam<Case> {};

TEST_P(BlankedPasses, AreFoundAsDeclared) {
  const Case& c = GetParam();
  TreatmentPlan plan;
  if (!c.step.empty()) {
    ScenarioOptions options;
    options.assets = &assets();
    const ScenarioLoad load = loadScenario((kSource / c.planFrom).string(), options);
    ASSERT_TRUE(load.ok()) << c.planFrom;
    const int step = load.scenario->findStep(c.step);
    ASSERT_GE(step, 0);
    plan = load.scenario->steps[step].procedure.plan;
  } else {
    auto read = readPlan((kSource / c.planFrom).string());
    ASSERT_TRUE(read.ok()) << read.error().format();
    plan = *read;
  }
  auto model = assets().model(plan.assetName);
  ASSERT_TRUE(model.ok()) << model.error().format();
  ASSERT_TRUE(resolvePlan(plan, (*model)->asset()).ok());
  auto trace = readTrace((kSource / c.name).string(), traceLimits(plan));
  ASSERT_TRUE(trace.ok()) << trace.error().format();
  const ProcedureResult declared = scoreTrace(**model, plan, *trace);
  for (PenSample& s : trace->samples) s.pass = 0;
  const ProcedureResult detected = scoreTrace(**model, plan, *trace);
  ASSERT_EQ(declared.zones.size(), detected.zones.size());
  for (size_t z = 0; z < declared.zones.size(); ++z) {
    const ZoneResult &a = declared.zones[z], &b = detected.zones[z];
    if (!a.planned) continue;
    const std::string both = "declared:\n" + describe(a) + "detected:\n" + describe(b);
    ASSERT_EQ(b.passes.size(), a.passes.size()) << c.name << ", zone " << a.id << "\n" << both;
    for (size_t k = 0; k < a.passes.size(); ++k)
      EXPECT_NEAR(b.passes[k].coverage * 100.0, a.passes[k].coverage * 100.0, 2.0)
          << c.name << ", zone " << a.id << ", pass " << k + 1 << "\n" << both;
  }
}

INSTANTIATE_TEST_SUITE_P(Library, BlankedPasses, ::testing::ValuesIn(cases()), [](const auto& info) {
  std::string name = fs::path(info.param.name).stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

}  // namespace
}  // namespace mnsim
