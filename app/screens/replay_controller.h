// The replay and review screen: a recorded run played again from its inputs on the head, with
// the coverage and the pen as they were at any moment, a timeline to scrub, and (for an assessor)
// comments pinned to moments and spots, the rubric and the sign-off. A trainee's own replay (from
// a debrief) is the same without the review. The run file is never written; reviews go beside it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <mnsim/review/review.h>

#include "core/run_opening.h"
#include "screens/app_context.h"
#include "screens/screen.h"
#include "ui/replay_panels.h"

namespace mnsim::app {

class ReplayController : public ScreenController {
 public:
  explicit ReplayController(AppContext& ctx) : m_ctx(ctx) {}

  // Opens the run (the reason in the error dialog when it cannot be); the moment is the start.
  bool open(const OpenReplay& request);
  // The screen to go back to.
  ScreenId back() const { return m_back; }

  ScreenRequest frame(const FrameInput& in) override;
  SceneLayer sceneLayer() const override;

  // ---- also for the automation
  void seek(double timeS);
  void play(int speedIndex);
  double durationS() const;
  bool playing() const { return m_playing; }
  // Pins a comment at the skin under the pixel, at the moment shown; false (the reason in the
  // note) when the review cannot take it.
  bool addComment(glm::vec2 pixel, glm::vec2 viewport, const std::string& text);
  // Changes a rubric item, "ITEM=VALUE[:REASON]" (as the panel does: a change needs a reason);
  // false with the reason in `error`.
  bool rate(const std::string& change, std::string& error);
  // Signs the draft off as `assessorName`; false with the reason in `error`.
  bool signOff(const std::string& assessorName, std::string& error);
  void openSignOffDialog() { m_panel.signOffOpen = true; }
  // Starts a review that supersedes the signed one shown; false when the one shown is a draft.
  bool supersede();
  void showTab(int tab) { m_panel.requestTab = tab; }  // 0 rubric, 1 comments, 2 expert

 private:
  void loadReview();
  void loadReference(const std::vector<PublicKey>& trusted);
  // The expert's needling of the step shown, its time there, and where its pen is.
  void expertAt(glm::vec2 viewport, ui::ReplayView& v) const;
  void startNewReview(const Review* superseded);
  void saveDraft();
  void moveTo(double timeS);
  ui::ReplayView view(glm::vec2 viewport) const;
  void handleKeys(const FrameInput& in);
  void handleClick(const FrameInput& in);
  void apply(const ui::ReplayActions& a);
  // A point of the skin on the screen; false behind the head or off the view.
  bool onScreen(const glm::vec3& pointMm, glm::vec2 viewport, glm::vec2& px, bool checkVisible) const;

  AppContext& m_ctx;
  std::unique_ptr<OpenedRun> m_run;
  std::unique_ptr<OpenedRun> m_reference;  // the case's expert reference run, when it has one
  std::vector<std::pair<std::string, NeedlingComparison>> m_comparisons;
  std::string m_runPath;
  ScreenId m_back = ScreenId::Home;
  bool m_assessor = true;
  double m_timeS = 0.0;
  bool m_playing = false;
  int m_speedIndex = 2;
  std::vector<Footprint> m_changed;
  bool m_leftWasDown = false;
  // The review.
  std::unique_ptr<Review> m_review;
  std::string m_reviewPath;  // "" until the draft is first saved
  ui::ReviewPanelState m_panel;
  ReviewComment m_pendingComment;
  glm::vec2 m_lastViewport{1280.0f, 720.0f};
};

}  // namespace mnsim::app
