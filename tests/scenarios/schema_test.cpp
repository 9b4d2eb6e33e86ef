// The JSON Schema that editors use (scenarios/schema) accepts exactly the keys the loader
// accepts: the loader's key table and the schema's properties are held to each other.
#include <gtest/gtest.h>

#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/plan_file.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace mnsim {
namespace {

const nlohmann::json& schema() {
  static const nlohmann::json j = [] {
    std::ifstream in(std::filesystem::path(MNSIM_SOURCE_DIR) /
                     "scenarios/schema/mnsim-scenario-1.schema.json");
    return nlohmann::json::parse(in);
  }();
  return j;
}

std::set<std::string> properties(const nlohmann::json& object) {
  std::set<std::string> out;
  const nlohmann::json* o = &object;
  if (o->contains("anyOf"))  // e.g. a schedule item: [min, max] or a map
    for (const auto& alt : (*o)["anyOf"])
      if (alt.contains("properties")) o = &alt;
  for (const auto& [key, value] : (*o)["properties"].items()) out.insert(key);
  return out;
}

TEST(Schema, IsDraft202012AndNamesTheFormat) {
  EXPECT_EQ(schema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema()["properties"]["schema"]["const"], kScenarioFileFormat.tag());
  EXPECT_EQ(schema()["additionalProperties"], false);
}

TEST(Schema, AcceptsExactlyTheKeysTheLoaderAccepts) {
  for (const auto& [name, keys] : scenarioKeyTable()) {
    const nlohmann::json& object = name == "scenario" ? schema() : schema()["$defs"][name];
    ASSERT_FALSE(object.is_null()) << "the schema has no $defs/" << name;
    EXPECT_EQ(properties(object), std::set<std::string>(keys.begin(), keys.end())) << name;
  }
}

TEST(Schema, AcceptsExactlyTheKeysAPlanAccepts) {
  // A procedure step's plan: the plan reader's key table (docs/formats/plan.md, without format).
  const nlohmann::json& plan = schema()["$defs"]["plan"];
  const std::map<std::string, const nlohmann::json*> objects = {
      {"plan", &plan},
      {"plan.device", &plan["properties"]["device"]},
      {"plan.defaults", &schema()["$defs"]["plan.defaults"]},
      {"plan.zone", &schema()["$defs"]["plan.zone"]},
      {"plan.rules", &plan["properties"]["rules"]}};
  for (const auto& [name, keys] : planKeyTable()) {
    ASSERT_TRUE(objects.count(name)) << name;
    const nlohmann::json& object = *objects.at(name);
    ASSERT_FALSE(object.is_null()) << "the schema has no " << name;
    EXPECT_EQ(properties(object), std::set<std::string>(keys.begin(), keys.end())) << name;
  }
}

TEST(Schema, EveryStepTypeHasItsDefinition) {
  const auto& types = schema()["$defs"]["step"]["properties"]["type"]["enum"];
  for (const char* t : {"narrative", "question", "checklist", "decision", "timer", "procedure",
                        "instructions", "observation", "schedule"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
    EXPECT_TRUE(schema()["$defs"].contains(std::string("step.") + t)) << t;
  }
}

}  // namespace
}  // namespace mnsim
