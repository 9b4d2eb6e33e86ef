// The case session: scoring of every step type, branching, draws, the case result and the
// strict proficiency rule (scoring.md §6), on tests/data/scenarios/session.yaml (the pad).
#include "mnsim/cases/case_session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "mnsim/skin/asset_library.h"
#include "mnsim/cases/case_result_json.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/session.h"
#include "mnsim/procedure/pen_sample.h"
#include "traces/raster_trace.h"
#include "session_case.h"

namespace mnsim {
namespace {

using testing::assets;
using testing::pad;
using testing::sessionScenario;

std::unique_ptr<CaseSession> start(uint64_t seed = 1) {
  auto s = CaseSession::create({&sessionScenario(), &pad(), seed});
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

Answer choose(std::vector<std::string> ids) {
  Answer a;
  a.choices = std::move(ids);
  return a;
}

// Three crossed passes over pad A at 0.5 mm: a perfect procedure.
PenTrace goodTrace() {
  RasterDesc d;
  d.minMm = {-60.0f, -40.0f};
  d.maxMm = {-0.05f, 40.0f};
  d.depthMm = 0.5f;
  d.sampleRateHz = 50.0;
  PenTrace t;
  for (float dir : {0.0f, 90.0f, 45.0f}) {
    d.directionDeg = dir;
    appendTrace(t.samples, rasterTrace(d));
  }
  t.path = "good.csv";
  return t;
}

const StepResult& ok(Result<const StepResult*> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().format());
  static StepResult empty;
  return r.ok() ? **r : empty;
}

// Plays the perfect answers up to (not including) `stopAt`, or to the end.
void playPerfect(CaseSession& s, const std::string& stopAt = "") {
  double t = 0.0;
  while (!s.finished() && s.currentStep()->id != stopAt) {
    const std::string id = s.currentStep()->id;
    t = std::max(t, s.timeS()) + 10.0;
    if (id == "intro" || id == "v2_note" || id == "counsel")
      ok(s.answer({}, t));
    else if (id == "ask")
      ok(s.answer(choose({"meds", "hsv"}), t));
    else if (id == "pick")
      ok(s.answer(choose({"right"}), t));
    else if (id == "decide")
      ok(s.answer(choose({"treat"}), t));
    else if (id == "prep")
      ok(s.answer(choose({"wash", "gloves", "cartridge"}), t));
    else if (id == "numbing") {
      Answer a;
      a.waitS = 1500;
      ok(s.answer(a, t));
    } else if (id == "needling")
      ok(s.playTrace(goodTrace()));
    else if (id == "advice")
      ok(s.answer(choose({"hydrogel", "sun"}), t));
    else if (id == "day2") {
      Answer a = choose({"reassure"});
      a.assessment = "normal";
      ok(s.answer(a, t));
    } else if (id == "when")
      ok(s.answer(choose({"months"}), t));
    else if (id == "series") {
      Answer a;
      a.sessions = 4;
      a.intervalWeeks = 4;
      ok(s.answer(a, t));
    } else
      FAIL() << "no answer for " << id;
  }
}

// Plays perfectly up to the numbing timer and waits there this long.
const StepResult& waitAtNumbing(CaseSession& s, double waitS) {
  playPerfect(s, "numbing");
  Answer wait;
  wait.waitS = waitS;
  return ok(s.answer(wait, 100));
}

TEST(CaseSession, APerfectRunPassesWithFullMarks) {
  auto s = start();
  EXPECT_EQ(s->currentStep()->id, "intro");
  EXPECT_EQ(s->currentVisit()->id, "v1");
  playPerfect(*s);
  ASSERT_TRUE(s->finished());
  const CaseResult r = s->result();
  EXPECT_TRUE(r.finished);
  EXPECT_EQ(r.outcome, Outcome::Completed);
  EXPECT_EQ(r.endStepId, "v2_note");
  EXPECT_DOUBLE_EQ(r.score, 100.0);
  EXPECT_TRUE(r.proficient);
  EXPECT_TRUE(r.unmet.empty());
  EXPECT_TRUE(r.criticalErrors.empty());
  ASSERT_EQ(r.phases.size(), 7u);
  for (const PhaseResult& p : r.phases) {
    EXPECT_TRUE(p.scored) << phaseId(p.phase);
    EXPECT_DOUBLE_EQ(p.score, 100.0) << phaseId(p.phase);
  }
  EXPECT_EQ(r.phases[2].threshold, 80.0);  // procedure's own threshold
  EXPECT_EQ(r.phases[0].threshold, 50.0);
  std::vector<std::string> order;
  for (const StepResult& st : r.steps) order.push_back(st.stepId);
  EXPECT_EQ(order,
            (std::vector<std::string>{"intro", "ask", "pick", "decide", "prep", "numbing",
                                      "needling", "advice", "day2", "when", "series", "v2_note"}));
  EXPECT_EQ(r.steps[1].replies, (std::vector<std::string>{"None", "Never"}));
  EXPECT_EQ(r.steps[0].maxPoints, 0.0);  // narratives carry no points
  EXPECT_EQ(r.steps[3].maxPoints, 3.0);
  ASSERT_TRUE(r.steps[6].procedure.has_value());
  EXPECT_DOUBLE_EQ(r.steps[6].procedure->score, 100.0);
  EXPECT_EQ(r.steps[6].procedure->planPath, sessionScenario().path + "#needling");
  EXPECT_EQ(r.steps[6].procedure->tracePath, "good.csv");
  // The procedure started when the step before it was answered and lasted the trace.
  EXPECT_DOUBLE_EQ(r.steps[6].startS, 60.0);
  EXPECT_DOUBLE_EQ(r.steps[6].endS, 60.0 + goodTrace().samples.back().timeS);
  EXPECT_EQ(s->record().size(), 12u);
  EXPECT_TRUE(s->record()[6].procedure);
  EXPECT_EQ(s->record()[6].samples.size(), goodTrace().samples.size());
  // The finished needling is kept for the debrief's heatmap: its samples and its stamps.
  const ProcedureSession* needled = s->finishedProcedure("needling");
  ASSERT_NE(needled, nullptr);
  EXPECT_EQ(needled->samples().size(), goodTrace().samples.size());
  EXPECT_EQ(needled->stamps().size(), static_cast<size_t>(r.steps[6].procedure->stamps));
  EXPECT_GT(needled->stamps().size(), 0u);
  EXPECT_EQ(s->finishedProcedure("advice"), nullptr);
  EXPECT_EQ(s->finishedProcedure("no_such_step"), nullptr);
}

TEST(CaseSession, MultipleChoiceScoresHitsMinusWrongAndFlagsCriticalMisses) {
  auto s = start();
  ok(s->answer({}, 1));
  // Cold sores and the favourite colour: 1 - 1 = 0 of 2; missing 'meds' is critical.
  const StepResult& r = ok(s->answer(choose({"hsv", "colour"}), 2));
  EXPECT_DOUBLE_EQ(r.points, 0.0);
  EXPECT_DOUBLE_EQ(r.maxPoints, 2.0);
  EXPECT_EQ(r.replies, (std::vector<std::string>{"Never"}));
  ASSERT_EQ(r.faults.size(), 2u);
  EXPECT_EQ(r.faults[0].kind, FaultKind::MissedChoice);
  EXPECT_TRUE(r.faults[0].critical);
  EXPECT_EQ(r.faults[0].expected, "to choose: Medicines");
  EXPECT_EQ(r.faults[1].kind, FaultKind::WrongChoice);
  EXPECT_FALSE(r.faults[1].critical);
  EXPECT_EQ(r.faults[1].explanation, "Not relevant.");
  EXPECT_EQ(r.feedback, (std::vector<std::string>{"Missed: Medicines",
                                                  "Not right: Favourite colour — Not relevant."}));
}

TEST(CaseSession, MultipleChoicePartialCredit) {
  auto s = start();
  ok(s->answer({}, 1));
  const StepResult& r = ok(s->answer(choose({"meds"}), 2));  // 1 of 2
  EXPECT_DOUBLE_EQ(r.points, 1.0);
  EXPECT_TRUE(std::none_of(r.faults.begin(), r.faults.end(),
                           [](const CaseFault& f) { return f.critical; }));
}

TEST(CaseSession, SingleChoiceUsesOptionPointsAndCriticalOptions) {
  auto s = start();
  playPerfect(*s, "pick");
  EXPECT_DOUBLE_EQ(ok(s->answer(choose({"half"}), 100)).points, 0.5);
  auto t = start();
  playPerfect(*t, "pick");
  const StepResult& r = ok(t->answer(choose({"bad"}), 100));
  EXPECT_DOUBLE_EQ(r.points, 0.0);
  ASSERT_EQ(r.faults.size(), 1u);
  EXPECT_TRUE(r.faults[0].critical);
  EXPECT_EQ(r.faults[0].kind, FaultKind::WrongChoice);
  EXPECT_EQ(r.faults[0].expected, "Right");
  EXPECT_EQ(r.faults[0].done, "Dangerous");
  EXPECT_EQ(r.faults[0].explanation, "Never.");
  EXPECT_EQ(r.faults[0].phase, Phase::Consultation);
  EXPECT_EQ(r.faults[0].stepId, "pick");
  EXPECT_DOUBLE_EQ(r.faults[0].timeS, 100.0);
}

TEST(CaseSession, ChecklistCountsMissingWrongAndMisorderedItems) {
  auto s = start();
  playPerfect(*s, "prep");
  // All three done but gloves before washing: (3 - 0.5) / 3.
  const StepResult& r = ok(s->answer(choose({"gloves", "wash", "cartridge"}), 100));
  EXPECT_DOUBLE_EQ(r.points, 2.5 / 3.0);
  ASSERT_EQ(r.faults.size(), 1u);
  EXPECT_EQ(r.faults[0].kind, FaultKind::ChecklistOrder);
  EXPECT_FALSE(r.faults[0].critical);
  EXPECT_EQ(r.faults[0].explanation, "Hands first.");

  auto t = start();
  playPerfect(*t, "prep");
  // Reusing a cartridge instead of opening one: (2 - 1) / 3, two critical errors.
  const StepResult& q = ok(t->answer(choose({"wash", "gloves", "reuse"}), 100));
  EXPECT_DOUBLE_EQ(q.points, 1.0 / 3.0);
  std::set<std::string> critical;
  for (const CaseFault& f : q.faults)
    if (f.critical) critical.insert(faultKindId(f.kind));
  EXPECT_EQ(critical, (std::set<std::string>{"checklist_missing", "checklist_wrong"}));
}

TEST(CaseSession, TimerLimits) {
  auto s = start();
  const StepResult& r = waitAtNumbing(*s, 600);
  EXPECT_DOUBLE_EQ(r.points, 0.0);
  ASSERT_EQ(r.faults.size(), 1u);
  EXPECT_EQ(r.faults[0].kind, FaultKind::TimerShort);
  EXPECT_FALSE(r.faults[0].critical);
  EXPECT_EQ(r.faults[0].expected, "20-30 min");
  EXPECT_EQ(r.faults[0].done, "10 min");

  auto t = start();
  const StepResult& q = waitAtNumbing(*t, 3600);
  ASSERT_EQ(q.faults.size(), 1u);
  EXPECT_EQ(q.faults[0].kind, FaultKind::TimerLong);
  EXPECT_TRUE(q.faults[0].critical);
  EXPECT_EQ(q.faults[0].explanation, "Far too long.");
}

// A fault marked `fails_phase` fails its phase whatever the phase's score: numbing cream taken
// off too early leaves preparation at 50 (its threshold) yet unmet.
TEST(CaseSession, AFaultThatFailsThePhaseFailsItWhateverTheScore) {
  auto s = start();
  const StepResult& step = waitAtNumbing(*s, 600);
  ASSERT_EQ(step.faults.size(), 1u);
  EXPECT_TRUE(step.faults[0].failsPhase);
  EXPECT_FALSE(step.faults[0].critical);
  playPerfect(*s);
  const CaseResult r = s->result();
  const PhaseResult& prep = r.phases[static_cast<int>(Phase::Preparation)];
  EXPECT_DOUBLE_EQ(prep.score, 50.0);
  EXPECT_GE(prep.score, prep.threshold);
  EXPECT_FALSE(prep.met);
  EXPECT_EQ(r.unmet, (std::vector<std::string>{"phase:preparation"}));
  EXPECT_NE(caseResultToJson(r).find("\"fails_phase\": true"), std::string::npos);
  // The long wait is critical but does not carry the flag.
  auto t = start();
  EXPECT_FALSE(waitAtNumbing(*t, 3600).faults[0].failsPhase);
}

TEST(CaseSession, ObservationScoresJudgementAndAction) {
  auto s = start();
  playPerfect(*s, "day2");
  const SkinView view = s->skin();
  // The visit's skin overlaid by the observation's; zones default to the treated ones.
  ASSERT_EQ(view.features.size(), 3u);
  EXPECT_EQ(view.features[0].first, "erythema");
  EXPECT_DOUBLE_EQ(view.features[0].second, 0.3);
  EXPECT_EQ(view.features[1].first, "scars");
  EXPECT_EQ(view.features[2].first, "peeling");
  EXPECT_EQ(view.zones, (std::vector<std::string>{"pad_a"}));
  Answer a = choose({"reassure"});
  a.assessment = "abnormal";
  const StepResult& r = ok(s->answer(a, 1000));
  EXPECT_DOUBLE_EQ(r.points, 0.5);
  ASSERT_EQ(r.faults.size(), 1u);
  EXPECT_EQ(r.faults[0].kind, FaultKind::Misjudged);
  EXPECT_TRUE(r.faults[0].critical);
  EXPECT_EQ(r.faults[0].expected, "normal");
  EXPECT_EQ(r.faults[0].done, "abnormal");
}

TEST(CaseSession, ScheduleChecksEachRange) {
  auto s = start();
  playPerfect(*s, "series");
  Answer a;
  a.sessions = 4;
  a.intervalWeeks = 2;
  const StepResult& r = ok(s->answer(a, 1000));
  EXPECT_DOUBLE_EQ(r.points, 0.5);
  ASSERT_EQ(r.faults.size(), 1u);
  EXPECT_EQ(r.faults[0].kind, FaultKind::Schedule);
  EXPECT_TRUE(r.faults[0].critical);
  EXPECT_EQ(r.faults[0].expected, "interval_weeks 4-6 weeks");
  EXPECT_EQ(r.faults[0].explanation, "Monthly.");
}

TEST(CaseSession, DecisionsBranchToAStepAnEndOrAVisit) {
  auto s = start();
  playPerfect(*s, "decide");
  ok(s->answer(choose({"defer"}), 100));
  EXPECT_EQ(s->currentStep()->id, "counsel");
  ok(s->answer({}, 110));
  ASSERT_TRUE(s->finished());
  CaseResult r = s->result();
  EXPECT_EQ(r.outcome, Outcome::Deferred);
  EXPECT_FALSE(r.proficient);  // deferring was the wrong decision here
  // Only the consultation was reached: the case score is its score.
  EXPECT_TRUE(r.phases[0].scored);
  for (size_t k = 1; k < r.phases.size(); ++k) EXPECT_FALSE(r.phases[k].scored);
  EXPECT_DOUBLE_EQ(r.phases[0].score, 100.0 * 3.0 / 6.0);  // ask 2 + pick 1 of 6
  EXPECT_DOUBLE_EQ(r.score, r.phases[0].score);
  EXPECT_EQ(r.unmet, (std::vector<std::string>{"case_score"}));

  auto t = start();
  playPerfect(*t, "decide");
  ok(t->answer(choose({"later"}), 100));
  EXPECT_EQ(t->currentStep()->id, "v2_note");
  EXPECT_EQ(t->currentVisit()->id, "v2");
}

TEST(CaseSession, CaseScoreWeighsPhasesAndProficiencyIsStrict) {
  auto s = start();
  playPerfect(*s, "when");
  ok(s->answer(choose({"days"}), 5000));  // results: 0
  playPerfect(*s);
  const CaseResult r = s->result();
  // Every phase 100 except results (weight 5 of 100): 95.
  EXPECT_DOUBLE_EQ(r.score, 95.0);
  EXPECT_TRUE(r.criticalErrors.empty());
  // A strong score never makes up for a phase below its threshold.
  EXPECT_FALSE(r.proficient);
  EXPECT_EQ(r.unmet, (std::vector<std::string>{"phase:results"}));
  const std::string json = caseResultToJson(r);
  EXPECT_NE(json.find("\"decision\": \"fail\""), std::string::npos);
  EXPECT_NE(json.find("\"unmet\": [\n      \"phase:results\"\n    ]"), std::string::npos);
}

TEST(CaseSession, AProcedureCriticalErrorFailsTheCase) {
  auto s = start();
  playPerfect(*s, "needling");
  // Three passes over pad A, then one stroke across the mole.
  PenTrace trace = goodTrace();
  std::vector<PenSample> stroke = strokeTrace({5.0f, 20.0f}, {55.0f, 20.0f}, 40.0f, 50.0);
  appendTrace(trace.samples, stroke);
  ok(s->playTrace(trace));
  playPerfect(*s);
  const CaseResult r = s->result();
  ASSERT_FALSE(r.criticalErrors.empty());
  EXPECT_EQ(r.criticalErrors[0].kind, FaultKind::NoGo);
  EXPECT_EQ(r.criticalErrors[0].phase, Phase::Procedure);
  EXPECT_EQ(r.criticalErrors[0].stepId, "needling");
  EXPECT_TRUE(r.criticalErrors[0].hasPoint);
  EXPECT_NEAR(r.criticalErrors[0].pointMm.y, 20.0f, 0.01f);
  // On the run's clock: the procedure began at 60 s.
  EXPECT_GT(r.criticalErrors[0].timeS, 60.0 + goodTrace().samples.back().timeS);
  EXPECT_FALSE(r.proficient);
  // The critical error caps the procedure's score at 50, under its phase's threshold.
  EXPECT_EQ(r.unmet, (std::vector<std::string>{"critical_errors", "phase:procedure", "procedure:needling"}));
  EXPECT_LT(r.score, r.passThreshold);
  EXPECT_EQ(r.scoreCap, "critical_errors");
}

TEST(CaseSession, MalformedAnswersAreErrorsAndChangeNothing) {
  auto s = start();
  ok(s->answer({}, 1));
  auto r = s->answer(choose({"medz"}), 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "step 'ask': no option 'medz' (did you mean 'meds'?)");
  r = s->answer(choose({"meds", "meds"}), 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "step 'ask': option 'meds' is given twice");
  r = s->answer(choose({"meds"}), 0.5);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "step 'ask': time goes backwards: 0.5 s after 1 s");
  EXPECT_EQ(s->currentStep()->id, "ask");
  ok(s->answer(choose({"meds"}), 2));
  r = s->answer(choose({"right", "half"}), 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "step 'pick': choose exactly one option, found 2");
  EXPECT_EQ(s->procedure(), nullptr);
  playPerfect(*s, "needling");
  ASSERT_NE(s->procedure(), nullptr);
  r = s->answer({}, 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "step 'needling': this is a procedure step: needle it with the pen (a trace), not with "
            "an answer");
  playPerfect(*s);
  r = s->answer({}, 1e6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "the case has ended; there is nothing to answer");
}

TEST(CaseSession, DrawsFollowTheSeed) {
  std::set<std::string> fitzpatricks;
  std::set<double> ages;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    auto s = start(seed);
    ASSERT_EQ(s->draws().size(), 4u);  // age, fitzpatrick, erythema, peeling
    EXPECT_EQ(s->draws()[0].path, "patient.age");
    EXPECT_EQ(s->draws()[1].path, "patient.fitzpatrick");
    EXPECT_EQ(s->draws()[2].path, "visits.v1.skin.erythema");
    EXPECT_EQ(s->draws()[3].path, "steps.day2.skin.peeling");
    const double age = s->draws()[0].number;
    EXPECT_GE(age, 20.0);
    EXPECT_LE(age, 29.0);
    EXPECT_EQ(age, std::floor(age));
    EXPECT_GE(s->draws()[2].number, 0.1);
    EXPECT_LE(s->draws()[2].number, 0.9);
    ages.insert(age);
    fitzpatricks.insert(s->draws()[1].text);
    EXPECT_EQ(s->patient().age, static_cast<int>(age));
    EXPECT_EQ(s->patient().fitzpatrick, s->draws()[1].text);
    // The same seed draws the same values.
    auto again = start(seed);
    for (size_t k = 0; k < 4; ++k) {
      EXPECT_EQ(again->draws()[k].number, s->draws()[k].number);
      EXPECT_EQ(again->draws()[k].text, s->draws()[k].text);
    }
  }
  EXPECT_GE(ages.size(), 8u);
  EXPECT_EQ(fitzpatricks.size(), 6u);
  // Fixed: seed 1 always draws these (splitmix64 is defined bit for bit).
  auto s = start(1);
  const std::vector<Draw> first = s->draws();
  auto t = start(1);
  EXPECT_EQ(t->draws()[0].number, first[0].number);
}

TEST(CaseSession, SessionsNeedResolvedPlansAndPlacedLesions) {
  Scenario broken = sessionScenario();
  broken.steps[broken.findStep("needling")].procedure.plan.zones[0].zoneId = "pad_z";
  auto s = CaseSession::create({&broken, &pad(), 1});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "zone 'pad_z' does not exist on asset 'pad' (did you mean 'pad_a'?)");
}

}  // namespace
}  // namespace mnsim
