#include "screens/replay_controller.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include <glm/geometric.hpp>

#include <mnsim/base/files.h>
#include <mnsim/report/run_report.h>
#include <mnsim/review/comparison.h>
#include <mnsim/runs/run_journal.h>

#include "core/run_store.h"
#include "core/station.h"

namespace mnsim::app {

namespace fs = std::filesystem;

namespace {

// This workstation's assessor key, when one has been made ("" before the first sign-off).
std::string assessorKeyId() {
  auto key = readPublicKey((std::filesystem::path(keysFolder()) / "assessor.pub").string());
  return key ? key->id() : "";
}

ui::TimelineMarkKind markKind(MarkerKind k) {
  switch (k) {
    case MarkerKind::Phase: return ui::TimelineMarkKind::Phase;
    case MarkerKind::Step: return ui::TimelineMarkKind::Step;
    case MarkerKind::Pass: return ui::TimelineMarkKind::Pass;
    case MarkerKind::Fault: return ui::TimelineMarkKind::Fault;
    case MarkerKind::Critical: return ui::TimelineMarkKind::Critical;
  }
  return ui::TimelineMarkKind::Step;
}

// A step as the case names it (its id when it has no title).
std::string stepTitle(const StepResult& st, const Scenario* scenario) {
  const int index = scenario ? scenario->findStep(st.stepId) : -1;
  return index >= 0 && !scenario->steps[index].title.empty() ? scenario->steps[index].title : st.stepId;
}

// One answered step, as the moment panel lists it: its title, the answer, the points.
std::string answerLine(const StepResult& st, const Scenario* scenario) {
  std::string line = stepTitle(st, scenario);
  const std::string what = answerSummary(st);
  if (!what.empty()) line += ": " + what;
  if (st.maxPoints > 0.0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " (%.3g/%.3g)", st.points, st.maxPoints);
    line += buf;
  }
  return line;
}

}  // namespace

bool ReplayController::open(const OpenReplay& r) {
  auto trusted = trustedKeys();
  if (!trusted) {
    m_ctx.overlays.error = "The trusted keys cannot be read: " + trusted.error().format();
    return false;
  }
  auto opened = openRunForReplay(r.runPath, r.scenarioPath, m_ctx.search, *trusted);
  if (!opened) {
    m_ctx.overlays.error = "The run cannot be replayed: " + opened.error().format();
    return false;
  }
  m_ctx.scene.setShownCoverage(nullptr);  // the run shown before may go now
  std::string error;
  if (!m_ctx.scene.show(&(*opened)->replay->model(), error)) {
    m_ctx.overlays.error = error;
    return false;
  }
  m_run = std::move(*opened);
  m_runPath = r.runPath;
  loadReference(*trusted);
  m_back = r.back;
  m_assessor = r.assessor;
  m_playing = false;
  m_speedIndex = 2;
  SkinScene& scene = m_ctx.scene;
  scene.setNeedling(nullptr);
  scene.setCase(m_run->replay->caseSession());
  scene.setShownCoverage(nullptr);
  scene.setPlan(m_run->replay->needlings().empty() ? nullptr : &m_run->replay->needlings().front().replay->plan());
  scene.setViewAndPass(View::Coverage, -1);
  scene.frameOnPlan();  // as the live session opened
  m_timeS = -1.0;
  moveTo(0.0);
  // Whatever the first seek reported, the scene starts from the replay's coverage at 0.
  if (const TreatmentPlan* plan = m_run->replay->plan()) scene.setPlan(plan);
  scene.setShownCoverage(m_run->replay->coverage());
  scene.restyle();
  m_panel = ui::ReviewPanelState();
  m_review.reset();
  m_reviewPath.clear();
  if (m_assessor) loadReview();
  return true;
}

void ReplayController::loadReference(const std::vector<PublicKey>& trusted) {
  m_reference.reset();
  m_comparisons.clear();
  const RunReplay& replay = *m_run->replay;
  if (!replay.isCase()) return;
  const std::string path = findReferenceRun(m_run->scenarioPath, replay.caseSession()->scenario().id);
  std::error_code ec;
  if (path.empty() || std::filesystem::equivalent(path, m_runPath, ec)) return;
  auto reference = openRunForReplay(path, m_run->scenarioPath, m_ctx.search, trusted, m_run->assets);
  if (!reference) {
    m_ctx.overlays.say("The case's reference run cannot be shown: " + reference.error().message);
    return;
  }
  m_reference = std::move(*reference);
  for (const ReplayNeedling& n : replay.needlings())
    for (const ReplayNeedling& e : m_reference->replay->needlings())
      if (e.stepId == n.stepId) {
        m_comparisons.emplace_back(n.title, compareNeedlings(n.replay->result(), n.replay->stamps(), e.replay->result(),
                                                            e.replay->stamps()));
        break;
      }
}

void ReplayController::expertAt(glm::vec2 viewport, ui::ReplayView& v) const {
  if (!m_reference) return;
  const RunFile& ref = m_reference->replay->run();
  v.expert = ref.header ? ref.header->trainee.name : "an expert";
  v.comparisons = m_comparisons;
  const ReplayMoment& at = m_run->replay->moment();
  if (at.needling < 0 || !at.needlingLive) return;
  const ReplayNeedling& n = m_run->replay->needlings()[static_cast<size_t>(at.needling)];
  for (const ReplayNeedling& e : m_reference->replay->needlings()) {
    if (e.stepId != n.stepId) continue;
    // The same time into the needling: both pens from their first sample.
    const double local = m_timeS - n.startS;
    const long i = e.replay->sampleAt(local);
    if (i < 0 || local > e.replay->durationS()) return;
    const PenSample& s = e.replay->samples()[static_cast<size_t>(i)];
    const glm::vec3 axis = s.hasAxis ? s.axis : glm::vec3(0, 0, 1);
    if (onScreen(s.tipMm, viewport, v.expertTip, false) && onScreen(s.tipMm + axis * 45.0f, viewport, v.expertHand, false))
      v.expertGhost = true;
    for (long k = i; k >= 0 && e.replay->samples()[static_cast<size_t>(k)].timeS > local - 0.5; --k) {
      glm::vec2 px;
      if (onScreen(e.replay->samples()[static_cast<size_t>(k)].tipMm, viewport, px, false)) v.expertTrail.insert(v.expertTrail.begin(), px);
    }
    return;
  }
}

double ReplayController::durationS() const { return m_run ? m_run->replay->durationS() : 0.0; }

void ReplayController::loadReview() {
  const std::vector<std::string> files = reviewFilesFor(m_runPath);
  Review latest;
  bool haveLatest = false;
  if (!files.empty()) {
    auto read = readReview(files.back());
    if (read) {
      latest = std::move(*read);
      haveLatest = true;
    } else {
      m_ctx.overlays.error = "The review beside this run cannot be read (it is left as it is): " + read.error().format();
    }
  }
  if (haveLatest && (latest.isSigned() || latest.run.hash == m_run->evidence.hash)) {
    m_review = std::make_unique<Review>(std::move(latest));
    m_reviewPath = files.back();
  } else {
    startNewReview(nullptr);
  }
  m_panel.review = m_review.get();
  m_panel.readOnly = m_review->isSigned();
  m_panel.runAltered = m_run->evidence.check.verdict == RunVerdict::Altered;
  m_panel.reviewFile = m_reviewPath;
  std::snprintf(m_panel.assessorName, sizeof m_panel.assessorName, "%s", m_ctx.settings.assessorName.c_str());
  m_panel.keyId = assessorKeyId();
  if (!m_review->supersedes.empty()) m_panel.supersededNote = "Supersedes the review " + m_review->supersedes.substr(0, 24) + "...";
}

void ReplayController::startNewReview(const Review* superseded) {
  const RunReplay& replay = *m_run->replay;
  const Rubric prefilled = prefillRubric(replay.caseResult(), replay.needlingResult());
  auto draft = std::make_unique<Review>(draftReview(m_run->evidence, prefilled, m_ctx.settings.assessorName, nowUnixMs()));
  if (superseded) {
    // The new review starts from the one it supersedes: its comments, rubric and summary.
    draft->comments = superseded->comments;
    draft->rubric = superseded->rubric;
    draft->summary = superseded->summary;
    if (auto text = readFile(m_reviewPath, "review")) draft->supersedes = contentHash(*text);
  }
  m_review = std::move(draft);
  m_reviewPath.clear();
  m_panel = ui::ReviewPanelState();
  m_panel.review = m_review.get();
  m_panel.keyId = assessorKeyId();
  m_panel.runAltered = m_run->evidence.check.verdict == RunVerdict::Altered;
  std::snprintf(m_panel.assessorName, sizeof m_panel.assessorName, "%s", m_ctx.settings.assessorName.c_str());
  if (superseded) m_panel.supersededNote = "Supersedes the review signed by " + superseded->assessorName;
}

void ReplayController::saveDraft() {
  if (!m_review || m_review->isSigned()) return;
  if (m_reviewPath.empty()) m_reviewPath = nextReviewPath(m_runPath);
  const Status saved = writeFileAtomic(m_reviewPath, reviewToText(*m_review), "review", FileAccess::OwnerOnly);
  if (!saved) m_ctx.overlays.error = "The review draft cannot be saved: " + saved.error().format();
  m_panel.reviewFile = m_reviewPath;
}

void ReplayController::seek(double timeS) {
  m_playing = false;
  moveTo(timeS);
}

void ReplayController::play(int speedIndex) {
  m_speedIndex = std::clamp(speedIndex, 0, ui::kReplaySpeedCount - 1);
  m_playing = true;
}

void ReplayController::moveTo(double timeS) {
  RunReplay& replay = *m_run->replay;
  const double t = std::clamp(timeS, 0.0, replay.durationS());
  if (t == m_timeS) return;
  m_timeS = t;
  m_changed.clear();
  const SeekChange change = replay.seek(t, &m_changed);
  SkinScene& scene = m_ctx.scene;
  if (change == SeekChange::Reset) {
    if (replay.plan()) scene.setPlan(replay.plan());
    scene.setShownCoverage(replay.coverage());
    scene.restyle();
  } else if (change == SeekChange::Forward) {
    scene.recolour(m_changed);
  }
}

bool ReplayController::onScreen(const glm::vec3& p, glm::vec2 viewport, glm::vec2& px, bool checkVisible) const {
  const OrbitCamera& camera = m_ctx.scene.camera();
  const glm::vec4 clip = camera.projection(viewport.x / std::max(1.0f, viewport.y)) * camera.view() * glm::vec4(p, 1.0f);
  if (clip.w <= 0.0f) return false;
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  px = glm::vec2((ndc.x * 0.5f + 0.5f) * viewport.x, (0.5f - ndc.y * 0.5f) * viewport.y);
  if (!checkVisible) return true;
  // Seen only when the skin the ray meets first is the point itself (not the far side of the head).
  const PenPick pick = m_ctx.scene.pickAt(px, viewport);
  return pick.onSkin && glm::distance(pick.surface.pointMm, p) < 2.0f;
}

ui::ReplayView ReplayController::view(glm::vec2 viewport) const {
  const RunReplay& replay = *m_run->replay;
  const RunFile& run = replay.run();
  ui::ReplayView v;
  v.assessor = m_assessor;
  const std::string who = run.header ? run.header->trainee.name + " (" + run.header->trainee.id + ")" : "unknown trainee";
  const std::string what = replay.isCase() ? replay.caseSession()->scenario().title : "Free needling";
  v.title = (m_assessor ? "Review: " : "Replay: ") + what;
  v.subtitle = who + (run.header ? " · " + run.header->mode + " · " + utcText(run.header->startedUnixMs).substr(0, 16) + " UTC" : "");
  v.verify = runVerdictId(m_run->evidence.check.verdict);
  v.verifyMessage = m_run->evidence.check.message;
  v.timeS = m_timeS;
  v.durationS = replay.durationS();
  v.playing = m_playing;
  v.speedIndex = m_speedIndex;
  v.view = static_cast<int>(m_ctx.scene.view());
  for (size_t i = 0; i < replay.markers().size(); ++i) {
    const ReplayMarker& m = replay.markers()[i];
    v.marks.push_back({markKind(m.kind), m.timeS, m.endTimeS, m.label, static_cast<int>(i)});
  }
  const ReplayMoment& at = replay.moment();
  // A damaged run replays only what reads before the damage: the result says so.
  const RunVerdict verdict = m_run->evidence.check.verdict;
  const char* recomputedFrom = verdict == RunVerdict::Altered || verdict == RunVerdict::Truncated
                                   ? "Recomputed from the inputs before the damage"
                                   : "Recomputed from the inputs";
  if (const CaseResult* cr = replay.caseResult()) {
    const Scenario* scenario = &replay.caseSession()->scenario();
    if (at.step >= 0) {
      const StepResult& st = cr->steps[static_cast<size_t>(at.step)];
      v.step = std::string(phaseName(st.phase)) + " · " + stepTitle(st, scenario) + " (" + stepTypeId(st.type) + ")";
    }
    for (int i = 0; i < at.answeredSteps; ++i) v.answered.push_back(answerLine(cr->steps[static_cast<size_t>(i)], scenario));
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s: %.1f / 100, %s", recomputedFrom, cr->score,
                  cr->proficient ? "proficient" : "not proficient");
    v.result = buf;
  } else if (const ProcedureResult* pr = replay.needlingResult()) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s: %.1f / 100, %s", recomputedFrom, pr->score, pr->proficient ? "proficient" : "not proficient");
    v.result = buf;
  }
  if (at.needling >= 0) {
    const ReplayNeedling& n = replay.needlings()[static_cast<size_t>(at.needling)];
    v.pen = true;
    v.penLive = at.needlingLive;
    if (at.stamp >= 0) {
      const Stamp& st = n.replay->stamps()[static_cast<size_t>(at.stamp)];
      v.speedMmPerS = st.speedMmPerS;
      v.angleDeg = st.angleDeg;
      v.dialDepthMm = st.dialDepthMm;
      v.zone = replay.model().zones().zones[st.zone].name;
      v.pass = st.pass + 1;
    }
    if (at.sample >= 0 && at.needlingLive) {
      const PenSample& s = n.replay->samples()[static_cast<size_t>(at.sample)];
      v.contact = s.contact;
      glm::vec2 tip, hand;
      const glm::vec3 axis = s.hasAxis ? s.axis : glm::vec3(0, 0, 1);
      if (onScreen(s.tipMm, viewport, tip, false) && onScreen(s.tipMm + axis * 45.0f, viewport, hand, false)) {
        v.ghost = true;
        v.ghostTip = tip;
        v.ghostHand = hand;
      }
      for (const glm::vec3& p : replay.trail(m_timeS, 0.5)) {
        glm::vec2 px;
        if (onScreen(p, viewport, px, false)) v.trail.push_back(px);
      }
    }
  }
  expertAt(viewport, v);
  if (m_review)
    for (size_t i = 0; i < m_review->comments.size(); ++i) {
      const ReviewComment& c = m_review->comments[i];
      glm::vec2 px;
      if (c.hasPoint && onScreen(c.pointMm, viewport, px, true)) v.pins.push_back({px, static_cast<int>(i)});
      v.marks.push_back({ui::TimelineMarkKind::Comment, c.timeS, c.timeS, c.text, static_cast<int>(i)});
    }
  return v;
}

SceneLayer ReplayController::sceneLayer() const {
  const ReplayMoment& at = m_run->replay->moment();
  if (at.needling < 0 || !at.needlingLive || at.sample < 0) return {true, false, 0.0f};
  const ReplayNeedling& n = m_run->replay->needlings()[static_cast<size_t>(at.needling)];
  const float angle = at.stamp >= 0 ? n.replay->stamps()[static_cast<size_t>(at.stamp)].angleDeg : 0.0f;
  return {true, true, angle};
}

void ReplayController::handleKeys(const FrameInput& in) {
  if (m_ctx.imgui.wantsKeyboard()) return;
  const RunReplay& replay = *m_run->replay;
  for (Key k : in.events.pressed) {
    if (k == Key::Space) m_playing = !m_playing;
    if (k == Key::Left || k == Key::Right) {
      const int dir = k == Key::Left ? -1 : 1;
      seek(in.input.shift ? replay.stepStroke(m_timeS, dir) : replay.stepStamp(m_timeS, dir));
    }
    if (k == Key::Home) seek(0.0);
    if (k == Key::Digit1) m_ctx.scene.setView(View::Skin);
    if (k == Key::Digit2) m_ctx.scene.setView(View::Zones);
    if (k == Key::Digit3) m_ctx.scene.setView(View::Coverage);
    if (k == Key::Digit4) m_ctx.scene.setView(View::Endpoint);
    if (k == Key::Comma) m_speedIndex = std::max(0, m_speedIndex - 1);
    if (k == Key::Period) m_speedIndex = std::min(ui::kReplaySpeedCount - 1, m_speedIndex + 1);
  }
}

void ReplayController::handleClick(const FrameInput& in) {
  const bool down = in.input.left;
  const bool clicked = down && !m_leftWasDown;
  m_leftWasDown = down;
  if (!clicked || !m_assessor || m_playing || !m_review || m_review->isSigned() || m_ctx.imgui.wantsMouse()) return;
  const PenPick pick = m_ctx.scene.pickAt(in.input.mousePx, in.viewport);
  if (!pick.onSkin) return;
  m_pendingComment = ReviewComment{m_timeS, true, pick.surface.pointMm, pick.surface.normal, ""};
  m_panel.commentOpen = true;
  m_panel.commentText[0] = 0;
}

bool ReplayController::addComment(glm::vec2 pixel, glm::vec2 viewport, const std::string& text) {
  if (!m_review || m_review->isSigned()) {
    m_ctx.overlays.say("This review is signed: start a new review to comment.");
    return false;
  }
  const PenPick pick = m_ctx.scene.pickAt(pixel, viewport);
  ReviewComment c{m_timeS, pick.onSkin, pick.onSkin ? pick.surface.pointMm : glm::vec3(0.0f),
                  pick.onSkin ? pick.surface.normal : glm::vec3(0, 0, 1), text};
  m_review->comments.push_back(c);
  saveDraft();
  return true;
}

bool ReplayController::supersede() {
  if (!m_review || !m_review->isSigned() || m_run->evidence.check.verdict == RunVerdict::Altered) return false;
  const Review signedOne = *m_review;
  startNewReview(&signedOne);
  return true;
}

bool ReplayController::rate(const std::string& change, std::string& error) {
  if (!m_review || m_review->isSigned()) {
    error = "the review is signed; start a new review to change it";
    return false;
  }
  const size_t eq = change.find('='), colon = change.find(':', eq);
  const std::string id = change.substr(0, eq);
  const std::string value = change.substr(eq + 1, colon == std::string::npos ? std::string::npos : colon - eq - 1);
  const std::string reason = colon == std::string::npos ? "" : change.substr(colon + 1);
  Rubric& r = m_review->rubric;
  Status done = makeError(ErrorCode::Value, "no rubric item '" + id + "' (docs/rubric.md lists them)", {});
  for (RatingItem& item : r.osats)
    if (item.id == id) {
      const bool number = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
      done = number ? overrideItem(item, std::stoi(value.substr(0, 2)), reason)
                    : makeError(ErrorCode::Value, "'" + item.title + "': a rating is 1 to 5, not '" + value + "'", {});
    }
  for (CheckItem& item : r.dops)
    if (item.id == id) {
      const auto v = checkValueFromId(value);
      done = v ? overrideItem(item, *v, reason)
               : makeError(ErrorCode::Value, "'" + item.title + "' is met, not_met or not_observed, not '" + value + "'", {});
    }
  if (id == r.overall.id) {
    const auto v = judgementFromId(value);
    done = v ? overrideItem(r.overall, *v, reason)
             : makeError(ErrorCode::Value, "the overall judgement is below, borderline, meets or above, not '" + value + "'", {});
  }
  if (!done) {
    error = done.error().message;
    return false;
  }
  saveDraft();
  return true;
}

bool ReplayController::signOff(const std::string& assessorName, std::string& error) {
  if (!m_review) {
    error = "there is no review to sign";
    return false;
  }
  if (m_review->isSigned()) {
    error = "the review is signed already; start a new review to change it";
    return false;
  }
  Review signedReview = *m_review;
  signedReview.assessorName = assessorName;
  auto key = assessorKey(assessorName);
  if (!key) {
    error = "the assessor key cannot be made or read: " + key.error().format();
    return false;
  }
  if (const Status s = signReview(signedReview, *key, nowUnixMs()); !s) {
    error = s.error().message;
    return false;
  }
  if (m_reviewPath.empty()) m_reviewPath = nextReviewPath(m_runPath);
  if (const Status saved = writeFileAtomic(m_reviewPath, reviewToText(signedReview), "review", FileAccess::OwnerOnly); !saved) {
    error = saved.error().format();
    return false;
  }
  *m_review = std::move(signedReview);
  m_panel.readOnly = true;
  m_panel.reviewFile = m_reviewPath;
  m_ctx.settings.assessorName = assessorName;
  if (auto kept = keepReviewInStore(m_reviewPath, m_runPath, m_ctx.settings.reviewStore); !kept)
    m_ctx.overlays.say("The review is saved as a file; the store could not take it: " + kept.error().message);
  return true;
}

void ReplayController::apply(const ui::ReplayActions& a) {
  const RunReplay& replay = *m_run->replay;
  if (a.seek) seek(*a.seek);
  if (a.togglePlay) {
    if (!m_playing && m_timeS >= replay.durationS()) moveTo(0.0);
    m_playing = !m_playing;
  }
  if (a.speedIndex >= 0) m_speedIndex = a.speedIndex;
  if (a.view >= 0) m_ctx.scene.setView(static_cast<View>(a.view));
  if (a.stepStamp) seek(replay.stepStamp(m_timeS, a.stepStamp));
  if (a.stepStroke) seek(replay.stepStroke(m_timeS, a.stepStroke));
  if (a.jumpMark >= 0) {
    const ReplayMarker& m = replay.markers()[static_cast<size_t>(a.jumpMark)];
    seek(m.timeS);
    if (m.hasPoint) m_ctx.scene.focusOn(m.pointMm);
  }
  if (!m_review) return;
  if (a.focusComment >= 0 && a.focusComment < static_cast<int>(m_review->comments.size())) {
    const ReviewComment& c = m_review->comments[static_cast<size_t>(a.focusComment)];
    seek(c.timeS);
    if (c.hasPoint) m_ctx.scene.focusOn(c.pointMm);
  }
  if (a.saveComment && !m_review->isSigned()) {
    m_pendingComment.text = m_panel.commentText;
    m_review->comments.push_back(m_pendingComment);
    m_panel.commentText[0] = 0;
    m_panel.requestTab = 1;
    saveDraft();
  }
  if (a.deleteComment >= 0 && a.deleteComment < static_cast<int>(m_review->comments.size()) && !m_review->isSigned()) {
    m_review->comments.erase(m_review->comments.begin() + a.deleteComment);
    m_panel.selectedComment = -1;
    saveDraft();
  }
  if (a.changed) saveDraft();
  if (a.signOff) {
    std::string error;
    if (signOff(m_panel.assessorName, error))
      m_ctx.overlays.say("Signed off: " + fs::path(m_reviewPath).filename().string());
    else
      m_panel.problem = "Not signed: " + error;
  }
  if (a.newReview) supersede();
}

ScreenRequest ReplayController::frame(const FrameInput& in) {
  m_lastViewport = in.viewport;
  SkinScene& scene = m_ctx.scene;
  scene.handleCameraInput(in.events, in.input, in.viewport, m_ctx.imgui.wantsMouse(), false);
  scene.camera().update(static_cast<float>(in.dtS));
  handleKeys(in);
  handleClick(in);
  if (m_playing) {
    moveTo(m_timeS + in.dtS * ui::kReplaySpeeds[m_speedIndex]);
    if (m_timeS >= m_run->replay->durationS()) m_playing = false;
  }
  // The ghost's ring on the skin where the pen is.
  const ReplayMoment& at = m_run->replay->moment();
  if (at.needling >= 0 && at.needlingLive && at.sample >= 0) {
    const PenSample& s = m_run->replay->needlings()[static_cast<size_t>(at.needling)].replay->samples()[static_cast<size_t>(at.sample)];
    glm::vec2 px;
    PenPick cursor;
    if (onScreen(s.tipMm, in.viewport, px, false)) cursor = scene.pickAt(px, in.viewport);
    cursor.onSkin = cursor.onSkin && s.contact;
    scene.setCursor(cursor);
  } else {
    scene.setCursor(PenPick{});
  }
  const ui::ReplayActions a = ui::drawReplay(view(in.viewport), m_panel, m_ctx.imgui.fonts(), in.viewport);
  apply(a);
  if (a.back) {
    m_playing = false;
    m_ctx.scene.endSessionView();
    if (m_back == ScreenId::Home) m_ctx.scene.setCase(nullptr);
    return GoTo{m_back};
  }
  return {};
}

}  // namespace mnsim::app
