// The assessor's side of the engine: a needling replayed and sought to any moment gives the very
// coverage the live session had then; a run's timeline; the rubric pre-filled from the library's
// correct and mistaken paths; overrides need reasons; a signed review round-trips and any change
// to it is found.
#include "mnsim/review/review.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "mnsim/cases/scenario_loader.h"
#include "mnsim/review/comparison.h"
#include "mnsim/formats/plan_file.h"
#include "mnsim/review/needling_replay.h"
#include "mnsim/review/rubric.h"
#include "mnsim/review/run_replay.h"
#include "session_case.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;
using testing::pad;

TreatmentPlan replayPadPlan() {
  auto p = parsePlan(
      "format: mnsim-plan/1\nasset: pad\ndevice: {type: pen, cartridge: round-12, rate_hz: 100}\n"
      "zones:\n  - {id: pad_a, depth_mm: [0.25, 0.5]}\n",
      "plan.yaml");
  EXPECT_TRUE(p.ok());
  EXPECT_TRUE(resolvePlan(*p, pad().asset()).ok());
  return *p;
}

std::vector<PenSample> replayPasses() {
  RasterDesc d;
  d.minMm = {-60.0f, -40.0f};
  d.maxMm = {-0.05f, 40.0f};
  d.depthMm = 0.5f;
  d.sampleRateHz = 60.0;
  std::vector<PenSample> samples;
  for (float dir : {0.0f, 90.0f, 45.0f}) {
    d.directionDeg = dir;
    appendTrace(samples, rasterTrace(d));
  }
  return samples;
}

void expectSameReplayCoverage(const CoverageMap& a, const CoverageMap& b, const std::string& when) {
  ASSERT_EQ(a.densityPerCm2(), b.densityPerCm2()) << when;
  ASSERT_EQ(a.passMask(), b.passMask()) << when;
  ASSERT_EQ(a.maxEffectiveDepthMm(), b.maxEffectiveDepthMm()) << when;
  for (size_t z = 0; z < a.samples().zoneCount(); ++z) {
    ASSERT_EQ(a.anyAreaMicro(z), b.anyAreaMicro(z)) << when;
    for (int bit = 0; bit < 31; ++bit) ASSERT_EQ(a.passAreaMicro(z, bit), b.passAreaMicro(z, bit)) << when;
  }
}

TEST(Replay, SeekingAnywhereGivesTheCoverageTheLiveSessionHadThen) {
  const TreatmentPlan plan = replayPadPlan();
  const std::vector<PenSample> samples = replayPasses();
  NeedlingReplayDesc d;
  d.model = &pad();
  d.plan = &plan;
  d.samples = samples;
  d.keyframeEvery = 200;  // many keyframes: seeks land between them, forward and back
  NeedlingReplay replay(d);
  ASSERT_GT(replay.keyframes(), 5u);
  const double end = replay.durationS();
  std::mt19937 random(12345);
  std::vector<double> times{0.0, end * 0.5, end * 0.5 + 0.01, end * 0.52, end * 0.1, end};
  for (int i = 0; i < 8; ++i) times.push_back(std::uniform_real_distribution<double>(0.0, end)(random));
  for (double t : times) {
    replay.seek(t, false);
    ProcedureSession live(SessionDesc{&pad(), &plan, false});
    for (const PenSample& s : samples)
      if (s.timeS <= t) live.addSample(s);
    expectSameReplayCoverage(replay.coverage(), live.coverage(), "at t = " + std::to_string(t));
  }
  // Once finished: the debrief's coverage, and the session's result.
  replay.seek(end, true);
  ProcedureSession whole(SessionDesc{&pad(), &plan, false});
  for (const PenSample& s : samples) whole.addSample(s);
  whole.finish();
  expectSameReplayCoverage(replay.coverage(), whole.coverage(), "finished");
  EXPECT_EQ(replay.result().score, whole.result().score);
  EXPECT_EQ(replay.stamps().size(), whole.stamps().size());
}

TEST(Replay, SmallStepsForwardListWhatChangedAndJumpsRedrawEverything) {
  const TreatmentPlan plan = replayPadPlan();
  const std::vector<PenSample> samples = replayPasses();
  NeedlingReplay replay({&pad(), &plan, samples, 0});
  EXPECT_EQ(replay.seek(10.0, false), SeekChange::Reset);
  std::vector<Footprint> changed;
  EXPECT_EQ(replay.seek(10.1, false, &changed), SeekChange::Forward);
  EXPECT_FALSE(changed.empty());
  EXPECT_EQ(replay.seek(10.1, false), SeekChange::None);
  EXPECT_EQ(replay.seek(2.0, false), SeekChange::Reset);
  // Stepping by stamp and by stroke moves to the neighbouring one.
  const double next = replay.nextStampS(10.0);
  EXPECT_GT(next, 10.0);
  EXPECT_LT(next, 10.05);  // 100 stamps a second
  EXPECT_LT(replay.previousStampS(next), next);
  const double stroke = replay.nextStrokeS(10.0);
  EXPECT_GT(stroke, next);
  EXPECT_EQ(replay.stamps()[static_cast<size_t>(replay.stampAt(stroke))].timeS, stroke);
  EXPECT_NE(replay.stamps()[static_cast<size_t>(replay.stampAt(stroke))].stroke,
            replay.stamps()[static_cast<size_t>(replay.stampAt(stroke)) - 1].stroke);
}

TEST(Replay, ACaseRunsTimelineHasItsPhasesStepsPassesAndFaults) {
  const RecordedRun r = testing::record(testing::answers());
  auto replay = RunReplay::open(r.run, &testing::sessionScenario(), pad());
  ASSERT_TRUE(replay.ok()) << replay.error().format();
  RunReplay& rp = **replay;
  ASSERT_NE(rp.caseResult(), nullptr);
  EXPECT_EQ(rp.caseResult()->score, r.result.score);
  ASSERT_EQ(rp.needlings().size(), 1u);
  const ReplayNeedling& n = rp.needlings()[0];
  EXPECT_EQ(n.stepId, "needling");
  EXPECT_DOUBLE_EQ(n.endS - n.startS, n.replay->durationS());
  int phases = 0, steps = 0, passes = 0;
  for (const ReplayMarker& m : rp.markers()) {
    phases += m.kind == MarkerKind::Phase;
    steps += m.kind == MarkerKind::Step;
    passes += m.kind == MarkerKind::Pass;
    EXPECT_GE(m.timeS, 0.0);
    EXPECT_LE(m.timeS, rp.durationS());
  }
  EXPECT_EQ(steps, static_cast<int>(r.result.steps.size()));
  int phaseChanges = 0;  // two visits: the phases come round again
  for (size_t i = 0; i < r.result.steps.size(); ++i)
    phaseChanges += i == 0 || r.result.steps[i].phase != r.result.steps[i - 1].phase;
  EXPECT_EQ(phases, phaseChanges);
  EXPECT_GE(phases, 7);
  EXPECT_EQ(passes, 3);  // three crossed passes over pad A
  // Before the needling nothing is shown; during it, it is live; after it, finished.
  rp.seek(n.startS - 1.0);
  EXPECT_EQ(rp.coverage(), nullptr);
  EXPECT_GT(rp.moment().answeredSteps, 0);
  rp.seek((n.startS + n.endS) / 2);
  ASSERT_NE(rp.coverage(), nullptr);
  EXPECT_TRUE(rp.moment().needlingLive);
  EXPECT_EQ(r.result.steps[static_cast<size_t>(rp.moment().step)].stepId, "needling");
  EXPECT_FALSE(rp.trail(rp.moment().timeS, 0.5).empty());
  rp.seek(rp.durationS());
  EXPECT_FALSE(rp.moment().needlingLive);
  EXPECT_EQ(rp.moment().answeredSteps, static_cast<int>(r.result.steps.size()));
}

TEST(Replay, ATraineeAgainstTheExpertSideBySideWithOneMotionSimilarityFigure) {
  const TreatmentPlan plan = replayPadPlan();
  auto needle = [&](float speedMmPerS, float tiltDeg) {
    RasterDesc d;
    d.minMm = {-60.0f, -40.0f};
    d.maxMm = {-0.05f, 40.0f};
    d.depthMm = 0.5f;
    d.speedMmPerS = speedMmPerS;
    d.tiltDeg = tiltDeg;
    std::vector<PenSample> samples;
    for (float dir : {0.0f, 90.0f}) {
      d.directionDeg = dir;
      appendTrace(samples, rasterTrace(d));
    }
    return std::make_unique<NeedlingReplay>(NeedlingReplayDesc{&pad(), &plan, samples, 0});
  };
  const auto expert = needle(40.0f, 0.0f);
  const auto same = needle(40.0f, 0.0f);
  const auto slow = needle(12.0f, 0.0f);
  const auto tilted = needle(40.0f, 25.0f);
  const NeedlingComparison self = compareNeedlings(same->result(), same->stamps(), expert->result(), expert->stamps());
  EXPECT_DOUBLE_EQ(self.motionSimilarity, 100.0);
  ASSERT_EQ(self.zones.size(), 1u);
  EXPECT_EQ(self.zones[0].zoneId, "pad_a");
  EXPECT_EQ(self.zones[0].contactS.trainee, self.zones[0].contactS.expert);
  EXPECT_EQ(self.zones[0].traineePassCoverage, self.zones[0].expertPassCoverage);
  EXPECT_EQ(self.zones[0].traineePassCoverage.size(), 2u);
  const NeedlingComparison s = compareNeedlings(slow->result(), slow->stamps(), expert->result(), expert->stamps());
  EXPECT_LT(s.speedOverlap, 0.1) << "12 against 40 mm/s: hardly any overlap";
  EXPECT_GT(s.angleOverlap, 0.99) << "both upright";
  EXPECT_NEAR(s.motionSimilarity, 100.0 * (s.speedOverlap + s.angleOverlap) / 2.0, 1e-9);
  EXPECT_GT(s.zones[0].contactS.trainee, 2.5 * s.zones[0].contactS.expert) << "slower: longer on the zone";
  const NeedlingComparison t = compareNeedlings(tilted->result(), tilted->stamps(), expert->result(), expert->stamps());
  EXPECT_LT(t.angleOverlap, 0.1);
  EXPECT_GT(t.zones[0].angleDeg.trainee, 20.0);
  EXPECT_LT(t.zones[0].angleDeg.expert, 1.0);
  const NeedlingComparison none = compareNeedlings(same->result(), {}, expert->result(), expert->stamps());
  EXPECT_EQ(none.motionSimilarity, -1.0);
}

// ---- the rubric on the library's cases

struct LibraryCase {
  std::unique_ptr<Scenario> scenario;
  CaseResult result;
};

// The built-in assets, the head among them.
AssetLibrary& libraryAssets() {
  static AssetLibrary library(defaultAssetSearch(""));
  return library;
}

LibraryCase playLibraryCase(const std::string& id, const std::string& path) {
  const std::string dir = std::string(MNSIM_SOURCE_DIR) + "/scenarios/";
  ScenarioOptions options;
  options.assets = &libraryAssets();
  ScenarioLoad load = loadScenario(dir + id + ".yaml", options);
  EXPECT_TRUE(load.ok()) << (load.diagnostics.empty() ? "" : load.diagnostics[0].format());
  LibraryCase out;
  out.scenario = std::make_unique<Scenario>(*load.scenario);
  AnswersLoad answers = loadAnswers(dir + "answers/" + id + "." + path + ".yaml", *out.scenario);
  EXPECT_TRUE(answers.ok());
  ScriptedRunDesc desc;
  desc.scenario = out.scenario.get();
  desc.model = libraryAssets().model(out.scenario->assetName).value();
  desc.answers = &*answers.answers;
  auto played = playScripted(desc);
  EXPECT_TRUE(played.ok()) << (played.ok() ? "" : played.error().format());
  out.result = played->result;
  return out;
}

std::string rubricLine(const Rubric& r) {
  std::string s;
  for (const RatingItem& i : r.osats) s += std::to_string(i.value);
  s += " ";
  for (const CheckItem& i : r.dops) s += i.value == CheckValue::Met ? "+" : i.value == CheckValue::NotMet ? "-" : ".";
  return s + " " + judgementId(r.overall.value);
}

TEST(Rubric, PrefilledFromTheLibrarysCorrectAndMistakenPaths) {
  // OSATS: tissue, motion, handling, flow, knowledge. DOPS: indications, consent, preparation,
  // analgesia, technical, asepsis, post-procedure care, communication (+ met, - not met, . not
  // observed).
  const std::vector<std::tuple<std::string, std::string, std::string>> expected{
      {"pad_drill", "correct", "55555 ..+.+.+. meets"},
      {"pad_drill", "mistakes", "15551 ..-.-.-. below"},
      {"contra_herpes", "correct", "55555 ++++++++ meets"},
      {"contra_herpes", "mistakes", "15554 -+++-+++ below"},
      {"fine_lines", "correct", "55555 ++++++++ meets"},
      {"fine_lines", "mistakes", "15553 -++--+-+ below"},
  };
  for (const auto& [id, path, line] : expected) {
    const LibraryCase c = playLibraryCase(id, path);
    const Rubric r = prefillRubric(&c.result, nullptr);
    ASSERT_EQ(r.osats.size(), 5u);
    ASSERT_EQ(r.dops.size(), 8u);
    EXPECT_EQ(rubricLine(r), line) << id << " " << path;
    for (const RatingItem& i : r.osats) EXPECT_FALSE(i.basis.empty()) << i.id;
    for (const CheckItem& i : r.dops) EXPECT_FALSE(i.basis.empty()) << i.id;
  }
}

// Every case of the library: its correct path is pre-filled as meeting expectations with nothing
// not met; its mistaken path falls short somewhere the rubric shows.
TEST(Rubric, EveryLibraryCorrectPathMeetsAndEveryMistakenOneFallsShort) {
  std::vector<std::string> ids;
  for (const auto& e : fs::directory_iterator(std::string(MNSIM_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".yaml") ids.push_back(e.path().stem().string());
  std::sort(ids.begin(), ids.end());
  ASSERT_EQ(ids.size(), 25u);
  for (const std::string& id : ids) {
    const LibraryCase good = playLibraryCase(id, "correct");
    const Rubric g = prefillRubric(&good.result, nullptr);
    EXPECT_EQ(g.overall.prefilled, Judgement::Meets) << id << ": " << rubricLine(g);
    for (const CheckItem& i : g.dops) EXPECT_NE(i.prefilled, CheckValue::NotMet) << id << " " << i.id << ": " << i.basis;
    for (const RatingItem& i : g.osats) EXPECT_TRUE(i.prefilled == 0 || i.prefilled >= 4) << id << " " << i.id << ": " << i.basis;
    const LibraryCase bad = playLibraryCase(id, "mistakes");
    const Rubric b = prefillRubric(&bad.result, nullptr);
    EXPECT_EQ(b.overall.prefilled, Judgement::Below) << id << ": " << rubricLine(b);
    const bool shows = std::any_of(b.dops.begin(), b.dops.end(), [](const CheckItem& i) { return i.prefilled == CheckValue::NotMet; }) ||
                       std::any_of(b.osats.begin(), b.osats.end(), [](const RatingItem& i) { return i.prefilled > 0 && i.prefilled <= 2; });
    EXPECT_TRUE(shows) << id << ": the mistakes show nowhere in the rubric: " << rubricLine(b);
  }
}

TEST(Rubric, AChangeNeedsAReasonKeptBesideThePrefilledValue) {
  const RecordedRun run = testing::record(testing::answers());
  Rubric r = prefillRubric(&run.result, nullptr);
  RatingItem& tissue = r.osats[0];
  const int prefilled = tissue.prefilled;
  const int other = prefilled == 5 ? 4 : prefilled + 1;
  auto refused = overrideItem(tissue, other, "   ");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "'Respect for tissue': a change from the pre-filled value needs a reason");
  EXPECT_EQ(tissue.value, prefilled);
  EXPECT_FALSE(overrideItem(tissue, 6, "because").ok());
  ASSERT_TRUE(overrideItem(tissue, other, "bled at the lateral canthus (see comment 2)").ok());
  EXPECT_EQ(tissue.value, other);
  EXPECT_EQ(tissue.prefilled, prefilled);
  EXPECT_EQ(tissue.overrideReason, "bled at the lateral canthus (see comment 2)");
  ASSERT_TRUE(overrideItem(tissue, prefilled, "").ok());  // back: no reason needed, none kept
  EXPECT_EQ(tissue.overrideReason, "");
  EXPECT_FALSE(overrideItem(r.dops[1], r.dops[1].prefilled == CheckValue::Met ? CheckValue::NotMet : CheckValue::Met, "").ok());
  EXPECT_FALSE(overrideItem(r.overall, Judgement::Above, "").ok());
  EXPECT_TRUE(checkRubricComplete(r).ok());
}

// ---- reviews

fs::path reviewScratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_review_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

struct SignedFixture {
  RunForReview run;
  Review review;
  SigningKey key = SigningKey::generate("A. Assessor");
};

SignedFixture signedReview() {
  SignedFixture f;
  const RecordedRun r = testing::record(testing::answers());
  f.run.run = r.run;
  f.run.run.path = "/runs/2026-12-05_case.mnrun";
  f.run.check.verdict = RunVerdict::Ok;
  f.run.hash = contentHash("the run's bytes");
  f.review = draftReview(f.run, prefillRubric(&r.result, nullptr), "A. Assessor", 1796450000000);
  f.review.comments.push_back({12.5, true, {1.0f, 2.0f, 3.0f}, {0, 0, 1}, "Pen tilted here — keep it upright"});
  f.review.comments.push_back({40.0, false, {}, {0, 0, 1}, "Good consent conversation"});
  f.review.summary = "Safe and systematic; work on the angle.";
  EXPECT_TRUE(overrideItem(f.review.rubric.osats[2], f.review.rubric.osats[2].prefilled == 1 ? 2 : 1, "tilted throughout").ok());
  EXPECT_TRUE(signReview(f.review, f.key, 1796450600000).ok());
  return f;
}

TEST(Review, ASignedReviewRoundTripsAndVerifies) {
  SignedFixture f = signedReview();
  const std::string text = reviewToText(f.review);
  auto parsed = parseReview(text, "r.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().format();
  EXPECT_EQ(reviewToText(*parsed), text);
  EXPECT_EQ(parsed->comments.size(), 2u);
  EXPECT_EQ(parsed->comments[0].text, "Pen tilted here — keep it upright");
  EXPECT_EQ(parsed->comments[0].pointMm, glm::vec3(1.0f, 2.0f, 3.0f));
  EXPECT_FALSE(parsed->comments[1].hasPoint);
  EXPECT_EQ(parsed->rubric.osats[2].overrideReason, "tilted throughout");
  EXPECT_EQ(parsed->run.file, "2026-12-05_case.mnrun");
  EXPECT_EQ(parsed->run.traineeId, f.run.run.header ? f.run.run.header->trainee.id : "");
  const std::vector<PublicKey> trusted{f.key.publicKey()};
  ReviewCheck ok = checkReview(text, "r.json", f.run.hash, trusted);
  EXPECT_EQ(ok.verdict, ReviewVerdict::Ok) << ok.message;
  EXPECT_EQ(ok.keyId, f.key.publicKey().id());
  EXPECT_EQ(checkReview(text, "r.json", f.run.hash, {}).verdict, ReviewVerdict::UnknownKey);
  EXPECT_EQ(checkReview(text, "r.json", contentHash("another run"), trusted).verdict, ReviewVerdict::WrongRun);
  // A signed review is read-only.
  EXPECT_FALSE(signReview(*parsed, f.key, 1796450700000).ok());
}

TEST(Review, AnyChangeToASignedReviewIsFound) {
  SignedFixture f = signedReview();
  const std::string text = reviewToText(f.review);
  const std::vector<PublicKey> trusted{f.key.publicKey()};
  size_t checked = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    for (char replacement : {'x', '7'}) {
      if (text[i] == replacement) continue;
      std::string changed = text;
      changed[i] = replacement;
      const ReviewCheck c = checkReview(changed, "r.json", f.run.hash, trusted);
      ASSERT_NE(c.verdict, ReviewVerdict::Ok) << "byte " << i << " changed to '" << replacement << "'";
      ++checked;
    }
  }
  EXPECT_GT(checked, 2 * text.size() - 100);
  // Re-signed by someone else: signed, unchanged, but not by a trusted key.
  Review forged = *parseReview(text, "r.json");
  forged.signatureHex.clear();
  forged.rubric.overall.value = Judgement::Above;
  forged.rubric.overall.overrideReason = "excellent";
  ASSERT_TRUE(signReview(forged, SigningKey::generate("someone"), 1796450700000).ok());
  EXPECT_EQ(checkReview(reviewToText(forged), "r.json", f.run.hash, trusted).verdict, ReviewVerdict::UnknownKey);
  // Cut short, or not a review.
  EXPECT_EQ(checkReview(text.substr(0, text.size() / 2), "r.json", f.run.hash, trusted).verdict, ReviewVerdict::Unreadable);
}

TEST(Review, SignOffIsRefusedForAnAlteredRunOrAnIncompleteRubric) {
  const RecordedRun r = testing::record(testing::answers());
  RunForReview run;
  run.run = r.run;
  run.check.verdict = RunVerdict::Altered;
  run.hash = contentHash("x");
  const SigningKey key = SigningKey::generate("A. Assessor");
  Review altered = draftReview(run, prefillRubric(&r.result, nullptr), "A. Assessor", 1796450000000);
  auto refused = signReview(altered, key, 1796450600000);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "the run has been altered since it was recorded; it cannot be signed off");
  EXPECT_FALSE(altered.isSigned());

  run.check.verdict = RunVerdict::Ok;
  Review draft = draftReview(run, prefillRubric(&r.result, nullptr), "A. Assessor", 1796450000000);
  draft.rubric.overall.value = Judgement::NotGiven;
  draft.rubric.overall.prefilled = Judgement::NotGiven;
  EXPECT_EQ(signReview(draft, key, 1796450600000).error().message, "no overall judgement yet");
  EXPECT_EQ(checkReview(reviewToText(draft), "r.json", run.hash, {}).verdict, ReviewVerdict::Draft);
}

TEST(Review, ReviewsSitBesideTheirRunNumberedInOrder) {
  const fs::path run = reviewScratch("a.mnrun");
  std::ofstream(run) << "x";
  EXPECT_EQ(nextReviewPath(run.string()), run.string() + ".review-1.json");
  std::ofstream(run.string() + ".review-1.json") << "{}";
  std::ofstream(run.string() + ".review-10.json") << "{}";
  std::ofstream(run.string() + ".review-2.json") << "{}";
  std::ofstream(run.string() + ".review-x.json") << "{}";
  const auto files = reviewFilesFor(run.string());
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], run.string() + ".review-1.json");
  EXPECT_EQ(files[2], run.string() + ".review-10.json");
  EXPECT_EQ(nextReviewPath(run.string()), run.string() + ".review-11.json");
  fs::remove_all(run.parent_path());
}

}  // namespace
}  // namespace mnsim
