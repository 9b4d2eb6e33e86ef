// The test case tests/data/scenarios/session.yaml on the practice pad, loaded once per test
// program, for the case-session and run-file tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "fixtures.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/cases/scenario_loader.h"

namespace mnsim::testing {

inline const Scenario& sessionScenario() {
  static const Scenario s = [] {
    ScenarioOptions options;
    options.assets = &assets();
    ScenarioLoad load = loadScenario(std::string(MNSIM_TEST_DATA) + "/scenarios/session.yaml", options);
    EXPECT_TRUE(load.ok());
    return *load.scenario;
  }();
  return s;
}

}  // namespace mnsim::testing
