// Scenario loading and validation: every broken file in tests/data/scenarios/broken gives exactly
// the listed diagnostics, at their line and column (issue 5, acceptance).
#include "mnsim/cases/scenario.h"
#include "mnsim/cases/scenario_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fixtures.h"
#include "mnsim/skin/asset_library.h"

namespace mnsim {
namespace {

const std::string kDir = std::string(MNSIM_TEST_DATA) + "/scenarios/";

using testing::assets;

ScenarioLoad load(const std::string& path) {
  ScenarioOptions options;
  options.assets = &assets();
  return loadScenario(path, options);
}

// Diagnostics without the file name: "line:col: severity: message".
std::vector<std::string> lines(const ScenarioLoad& load, const std::string& file) {
  std::vector<std::string> out;
  for (const Diagnostic& d : load.diagnostics) {
    std::string text = d.format();
    EXPECT_EQ(text.rfind(file + ":", 0), 0u) << text;
    out.push_back(text.substr(file.size() + 1));
  }
  return out;
}

struct BrokenCase {
  std::string file;
  std::vector<std::string> expected;
};

const std::vector<BrokenCase> kBroken = {
    {"bad_references.yaml",
     {"14:17: error: step 'decide' cites 'farber2021', which is not in 'references' (did you mean "
      "'farber2020'?)",
      "19:63: error: 'next' names step 'needlign', which does not exist (did you mean 'needling'?)",
      "20:54: error: 'next_visit' names visit 'v3', which does not exist (did you mean 'v1'?)",
      "23:17: warning: step 'needling' can never be reached: no step or decision leads to it"}},
    {"bad_values.yaml",
     {"2:5: error: scenario id 'Bad-Id' must be snake_case: a letter, then letters, digits or _ "
      "(a-z, 0-9, _)",
      "4:7: error: 'kind' must be case or drill, found 'drll'",
      "5:13: error: 'difficulty' must be beginner, intermediate or advanced, found 'beginer' (did "
      "you mean 'beginner'?)",
      "7:24: error: 'range' minimum 40 is larger than its maximum 30",
      "7:62: error: 'fitzpatrick' must be one of I II III IV V VI, found 'VII' (did you mean "
      "'II'?)",
      "7:74: error: 'sex' must be female, male or other, found 'robot'",
      "9:12: error: the phase weights add up to 0; give at least one phase a weight",
      "13:16: error: unknown phase 'consultaton' (did you mean 'consultation'?)"}},
    {"bad_zones.yaml",
     {"10:7: error: zone 'pad_c' does not exist on asset 'pad' (did you mean 'pad_a'?)",
      "11:7: error: landmark 'mole_centre' does not exist on asset 'pad' (did you mean "
      "'mole_center'?)",
      "21:24: error: zone 'pad_aa' does not exist on asset 'pad' (did you mean 'pad_a'?)",
      "22:24: error: zone 'mole' is a no-go zone and cannot be in the plan"}},
    {"content.yaml",
     {"12:17: error: step 'ask' has no option marked 'correct: true'",
      "24:17: error: order rule names item 'glove', which step 'prep' does not have (did you mean "
      "'gloves'?)",
      "25:17: error: procedure step 'needling' is in the consultation phase; needling belongs in "
      "the procedure phase",
      "30:16: error: the procedure phase of visit 'v1' has no procedure step"}},
    {"depth_beyond_device.yaml",
     {"17:41: error: 'depth_mm' must lie within [0.25, 2.5], found [0.5, 3]",
      "18:48: error: depth 0.6 mm is not a setting of the pen's dial (0.25 to 2.5 mm in 0.25 mm "
      "steps)"}},
    {"duplicates.yaml",
     {"4:1: error: key 'title' appears twice in the scenario",
      "18:22: error: option 'a' appears twice in step 'ask'",
      "21:17: error: step 'ask' appears twice; step ids must be unique in the scenario"}},
    {"endless.yaml",
     {"12:17: error: the case never ends after step 'decide': every path from it loops (decide -> "
      "again -> again_2); add a way out: 'next', 'next_visit' or 'end'",
      "22:17: warning: step 'needling' can never be reached: no step or decision leads to it"}},
    {"keys_and_references.yaml",
     {"16:57: error: unknown key 'feedbak' in an option (did you mean 'feedback'?)",
      "16:79: error: 'next' names step 'needlign', which does not exist (did you mean 'needling'?)",
      "20:17: warning: step 'needling' can never be reached: no step or decision leads to it"}},
    {"lesion_off_skin.yaml",
     {"10:7: error: lesion 'floating' at (-30, 0, 40) mm is more than 15 mm from the skin; check "
      "'offset_mm'",
      "11:7: warning: lesion 'elsewhere' lands in zone 'pad_b', not in 'pad_a'; check 'offset_mm'",
      "20:22: error: the plan's asset 'head' differs from the scenario's asset 'pad'; remove it (a "
      "plan uses the scenario's asset)"}},
    {"missing_fields.yaml",
     {"1:1: error: missing required key 'title'", "1:1: error: missing required key 'patient'",
      "10:13: error: missing required key 'id'",
      "12:13: error: missing required key 'type' (narrative, question, checklist, decision, timer, "
      "procedure, instructions, observation, schedule)"}},
    {"missing_phases.yaml",
     {"9:3: error: missing phase 'preparation': a case walks through every phase of a clinic "
      "session (consultation, preparation, procedure, aftercare, recovery, results, maintenance); "
      "add it to a visit, or set 'kind: drill'",
      "9:3: error: missing phase 'aftercare': a case walks through every phase of a clinic session "
      "(consultation, preparation, procedure, aftercare, recovery, results, maintenance); add it "
      "to a visit, or set 'kind: drill'",
      "9:3: error: missing phase 'recovery': a case walks through every phase of a clinic session "
      "(consultation, preparation, procedure, aftercare, recovery, results, maintenance); add it "
      "to a visit, or set 'kind: drill'",
      "9:3: error: missing phase 'results': a case walks through every phase of a clinic session "
      "(consultation, preparation, procedure, aftercare, recovery, results, maintenance); add it "
      "to a visit, or set 'kind: drill'",
      "9:3: error: missing phase 'maintenance': a case walks through every phase of a clinic "
      "session (consultation, preparation, procedure, aftercare, recovery, results, maintenance); "
      "add it to a visit, or set 'kind: drill'",
      "18:16: error: phase 'consultation' comes after 'procedure' in visit 'v1'; phases follow the "
      "order consultation, preparation, procedure, aftercare, recovery, results, maintenance"}},
    {"newer_version.yaml",
     {"1:9: error: 'mnsim-scenario/2' is newer than this mnsim reads (mnsim-scenario/1); update mnsim"}},
    {"no_schema.yaml",
     {"1:1: error: missing 'schema: mnsim-scenario/1' at the top of the file (scenarios name their "
      "format with 'schema:', not 'format:')"}},
    {"syntax.yaml", {"4:6: error: YAML syntax: end of sequence flow not found"}},
    {"unknown_asset.yaml",
     {"5:8: error: asset 'haed': no built-in asset or file named 'haed' (did you mean 'head'?)"}},
    {"unknown_keys.yaml",
     {"7:1: error: unknown key 'visit' in the scenario (did you mean 'visits'?)",
      "15:13: error: unknown key 'pionts' in a procedure step (did you mean 'points'?)",
      "16:13: error: 'options' does not apply to a procedure step",
      "19:31: error: unknown key 'depth' in a zone entry (did you mean 'depth_mm'?)"}},
    {"unknown_type.yaml",
     {"12:29: error: unknown step type 'questoin' (did you mean 'question'?)",
      "13:56: error: 'end' must be one of completed, deferred, referred, excluded, found 'defered' "
      "(did you mean 'deferred'?)"}},
    {"unreachable.yaml",
     {"18:18: warning: step 'orphan' can never be reached: no step or decision leads to it"}},
    {"wrong_schema.yaml", {"1:9: error: this is a 'mnsim-plan' file, expected 'mnsim-scenario/1'"}},
    {"wrong_types.yaml",
     {"6:16: error: 'age' must be a whole number, found 'thirty'",
      "6:37: error: 'fitzpatrick' must be one of I II III IV V VI, found 'VII' (did you mean "
      "'II'?)",
      "14:21: error: 'points' must be a number, found 'many'",
      "15:23: error: 'multiple' must be true or false, found 'sometimes'",
      "16:22: error: 'options' must be a non-empty list",
      "17:56: error: 'max_s' must not be smaller than 'min_s'",
      "17:72: error: 'too_short' must be a map of keys, found a value"}},
};

// Names the parameter in test listings (ctest reads them).
void PrintTo(const BrokenCase& c, std::ostream* os) {
  *os << c.file;
}

class BrokenScenario : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenScenario, ReportsExactlyTheseProblems) {
  const BrokenCase& c = GetParam();
  const std::string path = kDir + "broken/" + c.file;
  const ScenarioLoad result = load(path);
  EXPECT_EQ(lines(result, path), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Files, BrokenScenario, ::testing::ValuesIn(kBroken),
                         [](const ::testing::TestParamInfo<BrokenCase>& info) {
                           std::string name = info.param.file.substr(0, info.param.file.find('.'));
                           return name;
                         });

TEST(Scenario, EveryBrokenFileIsInTheTable) {
  // A new file in broken/ must come with its expected diagnostics.
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kDir + "broken"))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> listed;
  for (const BrokenCase& c : kBroken) listed.push_back(c.file);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(files, listed);
}

TEST(Scenario, TheMinimalCaseLoadsCleanly) {
  const ScenarioLoad result = load(kDir + "minimal.yaml");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.diagnostics.empty());
  const Scenario& s = *result.scenario;
  EXPECT_EQ(s.id, "minimal");
  EXPECT_EQ(s.kind, "drill");
  EXPECT_EQ(s.assetName, "pad");
  ASSERT_EQ(s.visits.size(), 1u);
  ASSERT_EQ(s.steps.size(), 2u);
  EXPECT_EQ(s.steps[0].type, StepType::Question);
  EXPECT_EQ(s.steps[0].phase, Phase::Consultation);
  EXPECT_EQ(s.steps[0].options[0].points, 1.0);  // correct: 1
  EXPECT_EQ(s.steps[0].options[1].points, 0.0);  // wrong, single choice: 0
  EXPECT_TRUE(s.steps[0].options[1].critical);
  EXPECT_EQ(s.steps[1].type, StepType::Procedure);
  const TreatmentPlan& plan = s.steps[1].procedure.plan;
  EXPECT_EQ(plan.assetName, "pad");  // the scenario's
  ASSERT_EQ(plan.zones.size(), 1u);
  EXPECT_EQ(plan.zones[0].zoneId, "pad_a");
  EXPECT_EQ(plan.zones[0].zone, 0);  // resolved against the pad
  EXPECT_EQ(s.sha256.size(), 64u);
  // The flow: question -> procedure -> end.
  EXPECT_EQ(s.nextInOrder(0), 1);
  EXPECT_EQ(s.nextInOrder(1), -1);
  EXPECT_EQ(s.firstStepOfVisit(0), 0);
  // Default weights (scenarios/README.md).
  EXPECT_EQ(s.scoring.weights[static_cast<int>(Phase::Procedure)], 30.0);
  EXPECT_EQ(s.scoring.threshold(Phase::Procedure), 60.0);
}

TEST(Scenario, WithoutAnAssetLibraryZonesAreNotCheckedAndAWarningSaysSo) {
  const ScenarioLoad result = loadScenario(kDir + "broken/bad_zones.yaml");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].format(),
            kDir +
                "broken/bad_zones.yaml:5:8: warning: asset 'pad' was not loaded, so zones and "
                "landmarks were not checked");
}

TEST(Scenario, AMissingFileIsAnError) {
  const ScenarioLoad result = load(kDir + "no_such_file.yaml");
  EXPECT_FALSE(result.scenario.has_value());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].format(),
            kDir + "no_such_file.yaml: error: cannot open the file");
}

TEST(Scenario, NonMapDocumentsAndEmptyFiles) {
  EXPECT_EQ(parseScenario("- a\n- b\n", "s.yaml").diagnostics.at(0).format(),
            "s.yaml:1:1: error: a scenario must be a map of keys, found a list");
  EXPECT_EQ(parseScenario("", "s.yaml").diagnostics.at(0).format(),
            "s.yaml: error: the file is empty");
}

TEST(Scenario, DrawnValuesAndLesionsAreRead) {
  const ScenarioLoad result = load(kDir + "minimal.yaml");
  ASSERT_TRUE(result.ok());
  const std::string text = R"(schema: mnsim-scenario/1
id: draws
title: Draws
kind: drill
asset: pad
patient:
  age: {range: [20, 30]}
  fitzpatrick: {one_of: [II, III]}
  skin_thickness: thin
  lesions:
    - {name: sore, zone: pad_b, landmark: mole_center, offset_mm: [0, -15, 0], radius_mm: 3, no_go: true, visits: [v1]}
visits:
  - id: v1
    skin: {erythema: {range: [0.2, 0.4]}, zones: [pad_a]}
    phases:
      - phase: procedure
        steps:
          - id: needling
            type: procedure
            plan: {zones: [{id: pad_a, depth_mm: [0.25, 0.5]}]}
)";
  ScenarioOptions options;
  options.assets = &assets();
  const ScenarioLoad s = parseScenario(text, "draws.yaml", options);
  ASSERT_TRUE(s.ok()) << (s.diagnostics.empty() ? "" : s.diagnostics[0].format());
  const Patient& p = s.scenario->patient;
  EXPECT_TRUE(p.age.drawn);
  EXPECT_EQ(p.age.lo, 20.0);
  EXPECT_EQ(p.age.hi, 30.0);
  EXPECT_TRUE(p.age.integer);
  EXPECT_EQ(p.fitzpatrick.oneOf, (std::vector<std::string>{"II", "III"}));
  EXPECT_FALSE(p.skinThickness.drawn);
  EXPECT_EQ(p.skinThickness.text, "thin");
  ASSERT_EQ(p.lesions.size(), 1u);
  EXPECT_TRUE(p.lesions[0].resolved);
  EXPECT_NEAR(p.lesions[0].centerMm.x, 30.0f, 1e-4f);  // the mole's centre, 15 mm lower
  EXPECT_NEAR(p.lesions[0].centerMm.y, 5.0f, 1e-4f);
  EXPECT_NEAR(p.lesions[0].centerMm.z, 0.0f, 1e-4f);
  // The no-go lesion joins the plan of the visit it is present in.
  const TreatmentPlan& plan = s.scenario->steps[0].procedure.plan;
  ASSERT_EQ(plan.lesions.size(), 1u);
  EXPECT_EQ(plan.lesions[0].name, "sore");
  EXPECT_EQ(plan.lesions[0].radiusMm, 3.0f);
  const SkinSpec& skin = s.scenario->visits[0].skin;
  ASSERT_EQ(skin.features.size(), 1u);
  EXPECT_EQ(skin.features[0].first, "erythema");
  EXPECT_EQ(skin.features[0].second.path, "visits.v1.skin.erythema");
  EXPECT_EQ(skin.zones, (std::vector<std::string>{"pad_a"}));
}

TEST(Scenario, PhaseAndTypeNamesRoundTrip) {
  for (Phase p : allPhases()) EXPECT_EQ(phaseFromId(phaseId(p)), p);
  EXPECT_STREQ(phaseName(Phase::Aftercare), "Post-treatment care");
  EXPECT_FALSE(phaseFromId("recovry").has_value());
  for (const char* t : {"narrative", "question", "checklist", "decision", "timer", "procedure",
                        "instructions", "observation", "schedule"})
    EXPECT_STREQ(stepTypeId(*stepTypeFromId(t)), t);
  for (const char* o : {"completed", "deferred", "referred", "excluded"})
    EXPECT_STREQ(outcomeId(*outcomeFromId(o)), o);
}

}  // namespace
}  // namespace mnsim
