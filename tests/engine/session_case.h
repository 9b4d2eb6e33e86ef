// The test case tests/data/scenarios/session.yaml on the practice pad, loaded once per test
// program, for the case-session and run-file tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <filesystem>
#include <functional>
#include <unistd.h>

#include "fixtures.h"
#include "mnsim/cases/scenario.h"
#include "mnsim/cases/scenario_loader.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/scripted_answers.h"
#include "mnsim/runs/scripted_play.h"
#include "traces/raster_trace.h"

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

// A trace file of three crossed passes over pad A, written once.
inline const std::string& traceFile() {
  static const std::string path = [] {
    const std::filesystem::path p =
        std::filesystem::temp_directory_path() / ("mnsim_run_test_trace_" + std::to_string(getpid()) + ".csv");
    RasterDesc d;
    d.minMm = {-60.0f, -40.0f};
    d.maxMm = {-0.05f, 40.0f};
    d.depthMm = 0.5f;
    d.sampleRateHz = 30.0;
    std::vector<PenSample> samples;
    for (float dir : {0.0f, 90.0f, 45.0f}) {
      d.directionDeg = dir;
      appendTrace(samples, rasterTrace(d));
    }
    EXPECT_TRUE(writeTrace(samples, p.string()).ok());
    return p.string();
  }();
  return path;
}

inline const char* kAnswers = R"(format: mnsim-answers/1
scenario: session
seed: 7
answers:
  ask: [meds, hsv]
  pick: half
  decide: {choice: treat, at_s: 100}
  prep: [wash, gloves, cartridge]
  numbing: 1500
  advice: {choices: [hydrogel, sun]}
  day2: {assessment: normal, action: reassure}
  when: [months]
  series: {sessions: 4, interval_weeks: 5}
)";

inline ScriptedAnswers answers(const std::string& text = kAnswers) {
  AnswersLoad load = parseAnswers(text, "answers.yaml", sessionScenario());
  EXPECT_TRUE(load.ok()) << (load.diagnostics.empty() ? "" : load.diagnostics[0].format());
  return load.answers.value_or(ScriptedAnswers{});
}

// Plays the session case from scripted answers; `journal` (when given) records it.
inline RecordedRun record(const ScriptedAnswers& a,
                          std::function<Result<RunJournal*>(const CaseSession&)> openJournal = nullptr) {
  ScriptedRunDesc desc;
  desc.openJournal = std::move(openJournal);
  desc.scenario = &sessionScenario();
  desc.model = &testing::pad();
  desc.answers = &a;
  desc.traces["needling"] = traceFile();
  auto run = playScripted(desc);
  EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().format());
  return std::move(run).value();
}

}  // namespace mnsim::testing
