// The case library (scenarios/): every shipped scenario validates cleanly; every case is played
// end to end twice, along its correct path and along its path with critical mistakes, with the
// scripted answers and pen traces shipped beside it; the recorded run scores again to the same
// result; the shipped traces are what the generator makes from the current assets.
#include <gtest/gtest.h>
#include <mnsim/runs/scripted_answers.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/cases/case_result_json.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/runs/replay.h>
#include <mnsim/runs/scripted_play.h>
#include <mnsim/skin/asset_loader.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "case_traces.h"
#include "library_assets.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(MNSIM_SOURCE_DIR) / "scenarios";
const char* kRegenerate = "regenerate them with: build/tools/mnsim_make_case_traces scenarios";

using library_tests::assets;

std::vector<std::string> scenarioFiles() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kScenarios))
    if (e.path().extension() == ".yaml") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

const ScenarioLoad& loaded(const std::string& file) {
  static std::map<std::string, ScenarioLoad> cache;
  auto it = cache.find(file);
  if (it == cache.end()) {
    ScenarioOptions options;
    options.assets = &assets();
    it = cache.emplace(file, loadScenario((kScenarios / file).string(), options)).first;
  }
  return it->second;
}

bool assetAvailable(const std::string& name) {
  return assets().asset(name).ok();
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The generator's trace for a shipped trace file, made from the current asset (cached).
Result<std::string> generated(const std::string& traceFile) {
  static std::map<std::string, std::string> cache;
  if (auto it = cache.find(traceFile); it != cache.end()) return it->second;
  for (const cases::CaseTraceSpec& spec : cases::caseTraceCatalogue()) {
    if (spec.file != traceFile) continue;
    const ScenarioLoad& load = loaded(spec.scenario);
    if (!load.ok()) return makeError(ErrorCode::Value, spec.scenario + " does not load");
    auto model = assets().model(load.scenario->assetName);
    if (!model) return model.error();
    auto text = cases::makeCaseTrace(spec, *load.scenario, **model);
    if (!text) return text.error();
    cache[traceFile] = *text;
    return *text;
  }
  return makeError(ErrorCode::Reference,
                   traceFile + " is not in the trace catalogue (tools/cases/case_traces.cpp)");
}

TEST(Library, HasAtLeastFourteenCasesAndTheirAnswers) {
  const std::vector<std::string> files = scenarioFiles();
  EXPECT_GE(files.size(), 14u);
  for (const std::string& f : files) {
    const std::string id = f.substr(0, f.size() - 5);
    EXPECT_TRUE(fs::exists(kScenarios / "answers" / (id + ".correct.yaml"))) << id;
    EXPECT_TRUE(fs::exists(kScenarios / "answers" / (id + ".mistakes.yaml"))) << id;
  }
}

TEST(Library, EveryScenarioValidatesWithoutErrorsOrWarnings) {
  for (const std::string& f : scenarioFiles()) {
    const ScenarioLoad& load = loaded(f);
    ASSERT_TRUE(load.scenario.has_value()) << f;
    if (!assetAvailable(load.scenario->assetName)) {
      std::cout << "[  SKIPPED ] " << f << ": asset '" << load.scenario->assetName
                << "' is not available\n";
      continue;
    }
    std::string problems;
    for (const Diagnostic& d : load.diagnostics) problems += d.format() + "\n";
    EXPECT_TRUE(load.diagnostics.empty()) << problems;
    EXPECT_EQ(load.scenario->id + ".yaml", f);
    EXPECT_FALSE(load.scenario->references.empty()) << f << " cites no sources";
  }
}

TEST(Library, CoversEveryIndicationAndContraindication) {
  // product.md §2: the cases the library must hold.
  std::set<std::string> ids;
  for (const std::string& f : scenarioFiles()) ids.insert(f.substr(0, f.size() - 5));
  for (const char* id :
       {"acne_scars", "surgical_scar", "stretch_marks", "fine_lines", "large_pores", "sun_damage",
        "melasma", "reduced_elasticity", "hair_loss", "contra_isotretinoin", "contra_herpes",
        "contra_pregnancy", "contra_keloid", "contra_anticoagulants", "contra_active_acne",
        "pad_drill", "dermaroller", "full_series", "contra_metal_allergy", "contra_recent_filler",
        "contra_sunburn", "contra_bleeding_disorder", "skin_type_vi", "contra_rosacea",
        "contra_suspicious_mole"})
    EXPECT_TRUE(ids.count(id)) << id;
  EXPECT_EQ(loaded("pad_drill.yaml").scenario->assetName, "pad");
  EXPECT_EQ(loaded("stretch_marks.yaml").scenario->assetName, "body");
  EXPECT_EQ(loaded("hair_loss.yaml")
                .scenario->steps[loaded("hair_loss.yaml").scenario->findStep("needling")]
                .procedure.plan.zones[0]
                .zoneId,
            "scalp");
  EXPECT_EQ(loaded("dermaroller.yaml")
                .scenario->steps[loaded("dermaroller.yaml").scenario->findStep("needling")]
                .procedure.plan.deviceId,
            "roller");
  const Scenario& series = *loaded("full_series.yaml").scenario;
  EXPECT_GE(series.visits.size(), 3u);
  // Issue 10, item 8: a suspicious mole is a no-go lesion on the plan's cheek; skin type VI is
  // treated at a conservative depth (at most 1.0 mm on the cheeks) with a pen.
  const Scenario& mole = *loaded("contra_suspicious_mole.yaml").scenario;
  ASSERT_EQ(mole.patient.lesions.size(), 1u);
  EXPECT_TRUE(mole.patient.lesions[0].noGo);
  EXPECT_EQ(mole.patient.lesions[0].zoneId, "cheek_left");
  const Scenario& vi = *loaded("skin_type_vi.yaml").scenario;
  const TreatmentPlan& viPlan = vi.steps[vi.findStep("needling")].procedure.plan;
  EXPECT_EQ(viPlan.deviceId, "pen");
  ASSERT_EQ(viPlan.zones.size(), 2u);
  for (const ZonePlan& z : viPlan.zones) EXPECT_LE(z.depthMaxMm, 1.0f) << z.zoneId;
  // Recovery observations for a granuloma, a contact dermatitis, an HSV flare and PIH, each
  // abnormal; the dermaroller case teaches home rollers against professional needling.
  for (const auto& [file, step] :
       std::vector<std::pair<std::string, std::string>>{{"large_pores.yaml", "week6"},
                                                        {"fine_lines.yaml", "day4"},
                                                        {"contra_herpes.yaml", "day4"},
                                                        {"skin_type_vi.yaml", "day21"}}) {
    const Scenario& sc = *loaded(file).scenario;
    const int k = sc.findStep(step);
    ASSERT_GE(k, 0) << file << " " << step;
    EXPECT_EQ(sc.steps[k].type, StepType::Observation) << file << " " << step;
  }
  EXPECT_GE(loaded("dermaroller.yaml").scenario->findStep("home_roller"), 0);
  // Where sources disagree, the isotretinoin case says which position it teaches.
  const Scenario& iso = *loaded("contra_isotretinoin.yaml").scenario;
  ASSERT_FALSE(iso.positions.empty());
  EXPECT_EQ(iso.positions[0].topic, "isotretinoin");
}

struct PathExpect {
  std::string scenario, path, outcome;
  bool proficient;
  std::vector<std::string> unmet;
  std::set<std::pair<std::string, std::string>> critical;  // (step, kind)
  std::vector<std::pair<std::string, double>> phases;      // every scored phase but the procedure
                                                       // (whose score depends on the asset's mesh),
                                                       // the pad's procedure included
};

// A case that reaches every phase and scores full marks in each (the procedure aside).
const std::vector<std::pair<std::string, double>> kEveryPhaseFull = {
    {"consultation", 100.0}, {"preparation", 100.0}, {"aftercare", 100.0},
    {"recovery", 100.0},     {"results", 100.0},     {"maintenance", 100.0}};

const std::vector<PathExpect> kPaths = {
    {"acne_scars",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"acne_scars",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "phase:aftercare", "phase:maintenance", "procedure:needling"},
     {{"aftercare", "harmful_advice"}, {"needling", "no_go"}},
     {{"consultation", 70.0},
      {"preparation", 100.0},
      {"aftercare", 60.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 66.666667}}},
    {"contra_active_acne", "correct", "deferred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_active_acne",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "procedure:needling"},
     {{"decide", "wrong_choice"}, {"needling", "no_go"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_anticoagulants", "correct", "referred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_anticoagulants",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:consultation"},
     {{"decide", "wrong_choice"}, {"stop_thinner", "wrong_choice"}},
     {{"consultation", 50.0},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_bleeding_disorder", "correct", "excluded", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_bleeding_disorder",
     "mistakes",
     "completed",
     false,
     {"critical_errors"},
     {{"decide", "wrong_choice"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_herpes",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"contra_herpes",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "procedure:v1_needling"},
     {{"decide", "wrong_choice"}, {"v1_needling", "no_go"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_isotretinoin", "correct", "deferred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_isotretinoin",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:consultation"},
     {{"decide", "wrong_choice"}, {"history", "missed_choice"}},
     {{"consultation", 59.615385},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_keloid", "correct", "referred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_keloid",
     "mistakes",
     "completed",
     false,
     {"critical_errors"},
     {{"decide", "wrong_choice"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_metal_allergy", "correct", "excluded", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_metal_allergy",
     "mistakes",
     "completed",
     false,
     {"critical_errors"},
     {{"decide", "wrong_choice"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_pregnancy", "correct", "deferred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_pregnancy",
     "mistakes",
     "completed",
     false,
     {"critical_errors"},
     {{"decide", "wrong_choice"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_recent_filler", "correct", "deferred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_recent_filler",
     "mistakes",
     "completed",
     false,
     {"critical_errors"},
     {{"decide", "wrong_choice"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_rosacea", "correct", "deferred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_rosacea",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "procedure:needling"},
     {{"decide", "wrong_choice"}, {"needling", "no_go"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_sunburn", "correct", "deferred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_sunburn",
     "mistakes",
     "completed",
     false,
     {"critical_errors"},
     {{"decide", "wrong_choice"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"contra_suspicious_mole", "correct", "referred", true, {}, {}, {{"consultation", 100.0}}},
    {"contra_suspicious_mole",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "procedure:needling"},
     {{"decide", "wrong_choice"}, {"needling", "no_go"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"dermaroller",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"dermaroller",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:recovery"},
     {{"day14", "misjudged"},
      {"prep_needle", "checklist_missing"},
      {"prep_needle", "checklist_wrong"}},
     {{"consultation", 66.666667},
      {"preparation", 75.0},
      {"aftercare", 100.0},
      {"recovery", 0.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"fine_lines",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"fine_lines",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "case_score", "phase:preparation", "phase:procedure", "phase:recovery",
      "procedure:needling"},
     {{"depth_choice", "wrong_choice"}, {"needling", "depth_thin_skin"}},
     {{"consultation", 80.0},
      {"preparation", 75.0},
      {"aftercare", 100.0},
      {"recovery", 0.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"full_series",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"full_series",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:preparation", "phase:results", "phase:maintenance"},
     {{"v2_day3", "misjudged"}, {"v2_day3", "wrong_action"}},
     {{"consultation", 81.481481},
      {"preparation", 91.666667},
      {"aftercare", 100.0},
      {"recovery", 66.666667},
      {"results", 0.0},
      {"maintenance", 50.0}}},
    {"hair_loss",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"hair_loss",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:preparation", "phase:results", "phase:maintenance",
      "procedure:needling"},
     {{"prep_needle", "checklist_missing"}, {"prep_needle", "checklist_wrong"}},
     {{"consultation", 80.0},
      {"preparation", 55.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 0.0},
      {"maintenance", 50.0}}},
    {"large_pores",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"large_pores",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "phase:recovery", "phase:results", "procedure:needling"},
     {{"needling", "depth_thin_skin"}, {"week6", "misjudged"}},
     {{"consultation", 87.5},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 50.0},
      {"results", 0.0},
      {"maintenance", 100.0}}},
    {"melasma",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"melasma",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:consultation", "phase:recovery"},
     {{"aftercare", "missed_choice"}, {"pih_risk", "wrong_choice"}},
     {{"consultation", 50.0},
      {"preparation", 100.0},
      {"aftercare", 86.666667},
      {"recovery", 0.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"pad_drill",
     "correct",
     "completed",
     true,
     {},
     {},
     {{"preparation", 100.0}, {"procedure", 100.0}, {"aftercare", 100.0}}},
    {"pad_drill",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "case_score", "phase:preparation", "phase:procedure", "phase:aftercare",
      "procedure:needling"},
     {{"cartridge_after", "wrong_choice"},
      {"needling", "depth_thin_skin"},
      {"needling", "no_go"},
      {"prep", "checklist_missing"},
      {"prep", "checklist_wrong"}},
     {{"preparation", 37.5}, {"procedure", 50.0}, {"aftercare", 0.0}}},
    {"reduced_elasticity",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"reduced_elasticity",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:procedure", "procedure:needling"},
     {{"needling", "depth_thin_skin"}},
     {{"consultation", 70.0},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"skin_type_vi",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"skin_type_vi",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:recovery", "procedure:needling"},
     {{"aftercare", "missed_choice"}, {"day21", "misjudged"}},
     {{"consultation", 62.5},
      {"preparation", 100.0},
      {"aftercare", 86.666667},
      {"recovery", 50.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"stretch_marks",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"stretch_marks",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:maintenance", "procedure:needling"},
     {{"history", "missed_choice"}},
     {{"consultation", 88.811189},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 0.0}}},
    {"sun_damage",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"sun_damage",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "phase:recovery", "procedure:needling"},
     {{"sun_now", "wrong_choice"}},
     {{"consultation", 80.0},
      {"preparation", 100.0},
      {"aftercare", 100.0},
      {"recovery", 0.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
    {"surgical_scar",
     "correct",
     "completed",
     true,
     {},
     {},
     kEveryPhaseFull},
    {"surgical_scar",
     "mistakes",
     "completed",
     false,
     {"critical_errors", "procedure:needling"},
     {{"prep_needle", "checklist_missing"}, {"prep_needle", "checklist_wrong"}},
     {{"consultation", 70.0},
      {"preparation", 80.0},
      {"aftercare", 100.0},
      {"recovery", 100.0},
      {"results", 100.0},
      {"maintenance", 100.0}}},
};

// Names the parameter in test listings (ctest reads them).
void PrintTo(const PathExpect& p, std::ostream* os) {
  *os << p.scenario << "." << p.path;
}

class CasePath : public ::testing::TestWithParam<PathExpect> {};

TEST_P(CasePath, PlaysEndToEndWithTheExpectedResult) {
  const PathExpect& e = GetParam();
  const ScenarioLoad& load = loaded(e.scenario + ".yaml");
  ASSERT_TRUE(load.scenario.has_value());
  const Scenario& sc = *load.scenario;
  if (!assetAvailable(sc.assetName))
    GTEST_SKIP() << "asset '" << sc.assetName << "' is not available";
  ASSERT_TRUE(load.ok());
  const fs::path answersPath = kScenarios / "answers" / (e.scenario + "." + e.path + ".yaml");
  AnswersLoad answers = loadAnswers(answersPath.string(), sc);
  ASSERT_TRUE(answers.ok()) << (answers.diagnostics.empty() ? "" : answers.diagnostics[0].format());
  ScriptedRunDesc desc;
  desc.scenario = &sc;
  auto model = assets().model(sc.assetName);
  ASSERT_TRUE(model.ok());
  desc.model = *model;
  desc.answers = &*answers.answers;
  // The shipped traces the answers name, as a trainee or `mnsim record` plays them; that they
  // are what the generator makes from the current assets is
  // Generators.ShippedTracesAreWhatTheTraceGeneratorMakesFromTheCurrentAssets.
  auto recorded = playScripted(desc);
  ASSERT_TRUE(recorded.ok()) << recorded.error().format();
  const CaseResult& r = recorded->result;
  EXPECT_TRUE(r.finished);
  EXPECT_STREQ(outcomeId(r.outcome), e.outcome.c_str());
  EXPECT_EQ(r.proficient, e.proficient);
  EXPECT_EQ(r.unmet, e.unmet);
  std::set<std::pair<std::string, std::string>> critical;
  for (const CaseFault& f : r.criticalErrors) critical.insert({f.stepId, faultKindId(f.kind)});
  EXPECT_EQ(critical, e.critical);
  std::vector<std::pair<std::string, double>> phases;
  double weighted = 0.0, weights = 0.0;
  for (const PhaseResult& p : r.phases) {
    if (!p.scored) continue;
    weighted += p.weight * p.score;
    weights += p.weight;
    if (p.phase == Phase::Procedure && sc.assetName != "pad") {
      // Correct paths needle perfectly on any asset; mistakes are judged by their critical errors.
      if (e.path == "correct") {
        EXPECT_DOUBLE_EQ(p.score, 100.0);
      }
      continue;
    }
    phases.emplace_back(phaseId(p.phase), p.score);
  }
  ASSERT_EQ(phases.size(), e.phases.size());
  for (size_t k = 0; k < phases.size(); ++k) {
    EXPECT_EQ(phases[k].first, e.phases[k].first);
    EXPECT_NEAR(phases[k].second, e.phases[k].second, 1e-6) << phases[k].first;
  }
  EXPECT_NEAR(r.scoreUncapped, weighted / weights, 1e-9);
  // A critical error or a failed procedure keeps the score under the pass mark.
  const bool procedureFailed =
      std::find_if(e.unmet.begin(), e.unmet.end(), [](const std::string& u) { return u.rfind("procedure:", 0) == 0; }) !=
      e.unmet.end();
  if (!e.critical.empty() || procedureFailed) {
    EXPECT_LT(r.score, r.passThreshold);
    EXPECT_NEAR(r.score, std::min(r.scoreUncapped, r.passThreshold - 1.0), 1e-9);
    EXPECT_EQ(r.scoreCap.empty(), r.scoreUncapped <= r.passThreshold - 1.0);
  } else {
    EXPECT_EQ(r.score, r.scoreUncapped);
    EXPECT_EQ(r.scoreCap, "");
  }
  if (e.path == "correct") {
    EXPECT_DOUBLE_EQ(r.score, 100.0);
  }

  // The run scores again to the same result, bit for bit.
  const std::string json = runToJson(recorded->run, r);
  auto run = parseRun(json, "run.json");
  ASSERT_TRUE(run.ok()) << run.error().format();
  auto again = replayRun(*run, sc, **model);
  ASSERT_TRUE(again.ok()) << again.error().format();
  EXPECT_EQ(caseResultToJson(*again), caseResultToJson(r));
}

INSTANTIATE_TEST_SUITE_P(Cases, CasePath, ::testing::ValuesIn(kPaths),
                         [](const ::testing::TestParamInfo<PathExpect>& info) {
                           return info.param.scenario + "_" + info.param.path;
                         });

TEST(Library, EveryPathIsListed) {
  std::set<std::string> listed, shipped;
  for (const PathExpect& p : kPaths) listed.insert(p.scenario + "." + p.path);
  for (const auto& e : fs::directory_iterator(kScenarios / "answers")) {
    const std::string name = e.path().filename().string();
    shipped.insert(name.substr(0, name.size() - 5));
  }
  EXPECT_EQ(listed, shipped);
}

TEST(Generators, ShippedTracesAreWhatTheTraceGeneratorMakesFromTheCurrentAssets) {
  // Every trace the answers name is in the catalogue; every catalogued trace whose asset is
  // available is on disk, byte for byte as the generator makes it now.
  std::set<std::string> catalogued;
  for (const cases::CaseTraceSpec& spec : cases::caseTraceCatalogue()) catalogued.insert(spec.file);
  for (const auto& e : fs::directory_iterator(kScenarios / "answers")) {
    const std::string text = readFile(e.path());
    for (size_t at = text.find("../traces/"); at != std::string::npos;
         at = text.find("../traces/", at + 1)) {
      const size_t end = text.find_first_of("}\n \"'", at);
      const std::string file = text.substr(at + 10, end - at - 10);
      EXPECT_TRUE(catalogued.count(file)) << e.path().filename() << " names " << file;
    }
  }
  std::vector<std::string> stale;
  for (const cases::CaseTraceSpec& spec : cases::caseTraceCatalogue()) {
    const ScenarioLoad& load = loaded(spec.scenario);
    ASSERT_TRUE(load.scenario.has_value()) << spec.scenario;
    if (!assetAvailable(load.scenario->assetName)) continue;
    auto text = generated(spec.file);
    ASSERT_TRUE(text.ok()) << text.error().format();
    const fs::path shipped = kScenarios / "traces" / spec.file;
    if (!fs::exists(shipped) || readFile(shipped) != *text) stale.push_back(spec.file);
  }
  std::string list;
  for (const std::string& s : stale) list += " " + s;
  EXPECT_TRUE(stale.empty()) << "stale or missing traces:" << list << "; " << kRegenerate;
}

}  // namespace
}  // namespace mnsim
