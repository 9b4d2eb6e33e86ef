// The replay and review screen's panels: the verify banner (always shown), the timeline with its
// scrubber, transport and markers, the moment panel (the case step and answers, the pen), the
// comments, the rubric with its overrides, and the sign-off dialog. Plain state in, actions out;
// the controller (screens/replay_controller.h) replays and saves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include <mnsim/review/comparison.h>
#include <mnsim/review/review.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

// The playback speeds offered, slowest first.
inline constexpr float kReplaySpeeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f, 8.0f, 16.0f};
inline constexpr int kReplaySpeedCount = 7;

enum class TimelineMarkKind { Phase, Step, Pass, Fault, Critical, Comment };

struct TimelineMark {
  TimelineMarkKind kind = TimelineMarkKind::Step;
  double timeS = 0.0, endTimeS = 0.0;
  std::string label;
  int index = -1;  // the marker (or comment) it stands for
};

// A point of the skin on the screen, in framebuffer pixels.
struct ScreenPin {
  glm::vec2 px{0.0f};
  int comment = -1;  // the comment's index
};

// What the panels show this frame; the controller fills it.
struct ReplayView {
  std::string title, subtitle;
  std::string verify;         // the run's verdict id: ok, interrupted, altered, ...
  std::string verifyMessage;  // one line
  double timeS = 0.0, durationS = 0.0;
  bool playing = false;
  int speedIndex = 2;
  int view = 2;  // the skin's view: 0 skin, 1 zones, 2 coverage, 3 endpoint (core/view.h)
  std::vector<TimelineMark> marks;
  // The moment.
  std::string step;                   // "Preparation · numbing (timer)" or ""
  std::vector<std::string> answered;  // the answered steps, newest last: "History: medicines, hsv (2/2)"
  bool pen = false;                   // a needling is shown
  bool penLive = false;               // ... and under way at this moment
  bool contact = false;
  float speedMmPerS = 0.0f, angleDeg = 0.0f, dialDepthMm = 0.0f;
  std::string zone;  // under the last stamp
  int pass = -1;     // its pass (1-based), -1 unknown
  std::string result;  // "Recomputed from the inputs: 84.2, proficient"
  // Drawn over the skin.
  std::vector<glm::vec2> trail;  // the pen tip's last half second, oldest first
  bool ghost = false;
  glm::vec2 ghostTip{0.0f}, ghostHand{0.0f};  // the pen's axis on the screen
  std::vector<ScreenPin> pins;
  bool assessor = true;  // the review panels (false: a trainee's own replay)
  // The expert's reference run of the case, when it has one.
  std::string expert;                    // who recorded it ("" none)
  std::vector<std::pair<std::string, NeedlingComparison>> comparisons;  // per needling: title, trainee against expert
  bool expertGhost = false;
  glm::vec2 expertTip{0.0f}, expertHand{0.0f};
  std::vector<glm::vec2> expertTrail;
};

// The review panels' state between frames.
struct ReviewPanelState {
  Review* review = nullptr;         // the draft or the signed review shown (null: none)
  bool readOnly = false;            // signed: nothing changes
  bool runAltered = false;          // sign-off refused
  std::string reviewFile;           // where it is kept
  std::string supersededNote;       // "Supersedes review 1 (signed by ...)"
  int requestTab = -1;              // show this tab on the next frame: 0 rubric, 1 comments, 2 expert
  int selectedComment = -1;
  // An item being changed: its value waits for a reason.
  std::string pendingItem;          // item id, "" none
  int pendingValue = 0;             // the new value (rating, CheckValue or Judgement as int)
  char reason[256] = {0};
  std::string problem;              // why the last change or the sign-off was refused
  char summary[2048] = {0};
  bool summaryLoaded = false;
  // A new comment at a spot, being written.
  bool commentOpen = false;
  char commentText[512] = {0};
  // Sign-off.
  bool signOffOpen = false;
  char assessorName[128] = {0};
  std::string keyId;                // the assessor key's id, shown in the dialog
};

struct ReplayActions {
  std::optional<double> seek;  // a new moment
  bool togglePlay = false;
  int speedIndex = -1;         // a new speed
  int stepStamp = 0;           // -1 / +1
  int stepStroke = 0;
  int jumpMark = -1;           // index into ReplayView::marks: seek there and turn the camera
  int view = -1;               // a new view of the skin (as ReplayView::view)
  bool back = false;
  // The review.
  bool changed = false;        // the review changed: save the draft
  bool saveComment = false;    // the comment being written is done
  int deleteComment = -1;
  int focusComment = -1;       // seek to it and turn the camera
  bool signOff = false;        // the dialog's Sign: sign with the name typed
  bool newReview = false;      // start a review that supersedes the signed one
};

// The whole screen: title bar, banner, timeline, moment panel, overlays on the skin, and (for an
// assessor) the review panel and its dialogs.
ReplayActions drawReplay(const ReplayView& view, ReviewPanelState& review, const Fonts& fonts, glm::vec2 viewport);

// A moment on the run's clock as the panels write it: 1:05.3.
std::string replayClock(double seconds);

// Pieces, each in its own file.
void drawVerifyBanner(const ReplayView& view, glm::vec2 viewport, float top);
void drawTimeline(const ReplayView& view, glm::vec2 viewport, ReplayActions& actions);
void drawMomentPanel(const ReplayView& view, const Fonts& fonts, glm::vec2 viewport);
void drawSkinOverlays(const ReplayView& view);
// Trainee against expert: the motion similarity and, per planned zone, the figures side by side.
// `trainee`: the trainee's column heading ("Trainee", or "You" in the trainee's own views).
using Comparisons = std::vector<std::pair<std::string, NeedlingComparison>>;
void drawExpertComparison(const std::string& expert, const Comparisons& comparisons, const char* trainee, const Fonts& fonts);
void drawReviewPanel(const ReplayView& view, ReviewPanelState& state, const Fonts& fonts, glm::vec2 viewport,
                     ReplayActions& actions);
void drawReviewDialogs(ReviewPanelState& state, const Fonts& fonts, ReplayActions& actions);
// Where the panels go: the banner under the title bar, the timeline along the bottom.
float replayBannerHeight();
float replayTimelineHeight();
// Opens the panel on the right, between the banner and the timeline (the review, or the trainee's
// comparison with the expert); the caller ends it.
void beginRightPanel(const char* id, glm::vec2 viewport);

}  // namespace mnsim::app::ui
