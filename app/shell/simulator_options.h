// What the window commands (`mnsim`, `mnsim train`, `mnsim case`, `mnsim author`) ask of the
// simulator window: where it opens, and the automation that drives it for tests and pictures
// (product.md §4.7). Read from the command line by cli/window_commands.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

namespace mnsim::app {

struct SimulatorOptions {
  bool train = false;          // open straight into a session (mnsim train)
  std::string asset = "head";  // asset for train
  std::string plan;            // plan file for train ("" = the asset's default plan)
  bool assessment = false;     // mode for train and case
  int fitzpatrick = 0;         // 1-6; 0 = the saved setting
  // Automation.
  std::string playTrace;           // feed this trace into the session
  bool live = false;               // ... at its own pace, the pen cursor following it
  std::string screenshot;          // write the final frame here (PNG)
  bool exitAfter = false;          // close once the trace is played and the screenshot taken
  int benchFrames = 0;             // render this many frames and print median_ms and p95_ms
  bool orbit = false;              // turn the camera every frame: the whole scene redrawn
  std::string view;                // skin | zones | coverage | endpoint
  int pass = -1;                   // coverage view: 0-based pass, -1 all
  std::string camera;              // front | left | right | three-quarter | top
  std::string lookAt;              // a zone id: the camera close up on it (as F or the Look at menu)
  std::optional<glm::vec2> mouse;  // place the pen cursor at this pixel
  bool debrief = false;            // end the session after the trace and show the debrief
  std::string result;              // write the session's result here (score JSON) when it ends
  bool hidden = false;             // an invisible window
  bool glDebug = false;            // debug context; GL errors make the exit code 1
  bool windowTest = false;         // resize, minimise and restore during the run
  int width = 0, height = 0;       // window size; 0 = the saved one
  bool home = false;               // stay on the home screen (screenshots of it)
  bool reviewRuns = false;         // show Review runs over the home screen
  bool myProgress = false;         // show the current trainee's My progress over the home screen
  bool noPanels = false;           // draw the 3D view alone (pictures of the skin)
  // Cases (scenarios).
  std::string scenario;  // open this case (mnsim case / mnsim author)
  bool author = false;   // author mode: reload on save, problems panel, place lesions
  uint64_t seed = 1;     // draws values from the case's ranges
  std::string answers;   // automation: answer the steps from this scripted-answers file
  std::string until;     // ... stopping when this step is reached
  // Recording.
  std::string traineeId, traineeName, cohort;  // who is training (for this run of the app only)
  bool askTrainee = false;                     // show the who-is-training dialog
  std::string recover;  // unfinished runs: "" (ask, unless automated), ask, close or resume
  // Replay and review (mnsim replay).
  std::string replay;          // the run file to open
  std::string replayScenario;  // its scenario, when not where the run says
  bool traineeView = false;    // the trainee's replay: no review panels
  std::optional<double> seek;  // automation: go to this moment (seconds; a huge value: the end)
  int playSpeed = -1;          // automation: play at kReplaySpeeds[playSpeed] (-1: paused)
  std::string comment;         // automation: pin this comment at --mouse, at the moment sought
  bool newReview = false;      // automation: start a review that supersedes the signed one
  std::vector<std::string> rate;  // automation: rubric changes, ITEM=VALUE[:REASON] each
  std::string signOff;         // automation: sign the review off as this assessor
  bool openSignOff = false;    // automation: show the sign-off dialog (pictures)
  std::string tab;             // automation: show this review tab: rubric, comments or expert (pictures)
  bool scrub = false;          // automation: seek to a random moment every frame (times seeking)
};

}  // namespace mnsim::app
