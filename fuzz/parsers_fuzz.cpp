// libFuzzer target for everything mnsim reads from users in a case: scenarios (loader and
// validator), scripted answers, run files, pen traces and reviews. Every input goes to every parser; a
// scenario that loads cleanly on the practice pad is also played to its end with simple answers
// and a short trace, so the session's flow is fuzzed too. A crash, a sanitizer report, a hang or
// an "internal" error (a YAML node used in a way the checks did not foresee) is a finding.
// Build and run: see fuzz/README.md.
#include <mnsim/runs/scripted_answers.h>
#include <mnsim/skin/asset_library.h>
#include <mnsim/cases/case_session.h>
#include <mnsim/runs/run_file.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/formats/trace_file.h>
#include <mnsim/runs/replay.h>
#include <mnsim/procedure/pen_sample.h>
#include <mnsim/review/review.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace mnsim;

AssetLibrary& assets() {
  static AssetLibrary library;  // only the pad is built in; other assets fail to load, as they may
  return library;
}

// A small fixed scenario the answers and run parsers are checked against.
const Scenario& fixedScenario() {
  static const Scenario s = [] {
    ScenarioOptions options;
    options.assets = &assets();
    ScenarioLoad load = parseScenario(R"(schema: mnsim-scenario/1
id: fuzz
title: Fuzz
kind: drill
asset: pad
patient: {age: {range: [20, 30]}, fitzpatrick: III}
visits:
  - id: v1
    phases:
      - phase: consultation
        steps:
          - {id: ask, type: question, multiple: true, options: [{id: a, text: A, correct: true}, {id: b, text: B}]}
          - {id: pick, type: decision, options: [{id: go, text: Go, correct: true}, {id: stop, text: Stop, end: deferred}]}
          - {id: prep, type: checklist, items: [{id: wash, text: Wash}, {id: gloves, text: Gloves}]}
          - {id: wait, type: timer, min_s: 10, max_s: 20}
          - {id: day2, type: observation, day: 2, description: Red, normal: true, actions: [{id: ok, text: OK, correct: true}]}
          - {id: plan, type: schedule, sessions: [3, 6], interval_weeks: [4, 6]}
      - phase: procedure
        steps:
          - {id: needling, type: procedure, plan: {zones: [{id: pad_a, depth_mm: [0.25, 0.5]}]}}
)",
                                      "fuzz.yaml", options);
    if (!load.ok()) std::abort();
    return *load.scenario;
  }();
  return s;
}

void failOnInternal(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics)
    if (d.error.code == ErrorCode::Internal) {
      std::fprintf(stderr, "internal error: %s\n", d.format().c_str());
      std::abort();
    }
}

// Plays a loaded scenario to its end: first option, all items, the minimum wait, a short stroke.
void play(const Scenario& scenario) {
  if (scenario.assetName != "pad") return;
  auto model = assets().model("pad");
  if (!model) return;
  auto session = CaseSession::create({&scenario, *model, 42});
  if (!session) return;
  CaseSession& s = **session;
  double t = 0.0;
  for (int guard = 0; guard < 300 && !s.finished(); ++guard) {
    const Step& step = *s.currentStep();
    t += 1.0;
    if (step.type == StepType::Procedure) {
      PenTrace trace;
      for (int k = 0; k <= 10; ++k) {
        PenSample p;
        p.timeS = k * 0.05;
        p.tipMm = {-50.0f + 4.0f * k, 0.0f, 0.0f};
        p.contact = k < 10;
        trace.samples.push_back(p);
      }
      if (!s.playTrace(trace).ok()) return;
      continue;
    }
    Answer a;
    if (!step.options.empty()) a.choices = {step.options.front().id};
    if (step.type == StepType::Checklist)
      for (const ChecklistItem& it : step.items) a.choices.push_back(it.id);
    a.assessment = "normal";
    a.waitS = step.timer.minS;
    if (step.schedule.sessions.given) a.sessions = step.schedule.sessions.lo;
    if (step.schedule.intervalWeeks.given) a.intervalWeeks = step.schedule.intervalWeeks.lo;
    if (step.schedule.maintenanceMonths.given)
      a.maintenanceMonths = step.schedule.maintenanceMonths.lo;
    if (!s.answer(a, t).ok()) return;
  }
  (void)s.result();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  ScenarioOptions options;
  options.assets = &assets();
  const ScenarioLoad scenario = parseScenario(text, "input.yaml", options);
  failOnInternal(scenario.diagnostics);
  for (const Diagnostic& d : scenario.diagnostics) (void)d.format();
  if (scenario.ok()) play(*scenario.scenario);

  const AnswersLoad answers = parseAnswers(text, "input.yaml", fixedScenario());
  failOnInternal(answers.diagnostics);

  auto run = parseRun(text, "input.json");
  if (run.ok()) {
    auto model = assets().model("pad");
    if (model) (void)replayRun(*run, fixedScenario(), **model);
  }

  (void)parseTrace(text, "input.csv");

  // Reviews: read, checked, and what reads writes back to text that reads the same.
  (void)checkReview(text, "input.review.json", "", {});
  if (auto review = parseReview(text, "input.review.json")) {
    const std::string written = reviewToText(*review);
    auto again = parseReview(written, "written.review.json");
    if (!again || reviewToText(*again) != written) {
      std::fprintf(stderr, "a review does not read back as it was written\n");
      std::abort();
    }
  }
  return 0;
}
