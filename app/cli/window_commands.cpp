#include "cli/window_commands.h"

#include <cstdio>
#include <string>

#include "cli/options.h"

namespace mnsim::app {

namespace {

// The options about who is recorded and runs a crash left, which train and case share.
std::vector<OptionSpec> withRecordingOptions(std::vector<OptionSpec> options) {
  options.insert(options.end(),
                 {{"trainee-id", "ID", "who is training, for this run of mnsim (default: the station's current trainee)"},
                  {"trainee-name", "NAME", "the trainee's name (with --trainee-id)"},
                  {"cohort", "NAME", "the trainee's cohort (with --trainee-id)"},
                  {"ask-trainee", "", "open the who-is-training dialog"},
                  {"recover", "WHAT", "a run a crash left unfinished: ask, close (as interrupted) or resume"}});
  return options;
}

}  // namespace

// `mnsim train` and plain `mnsim` share these options (product.md §4.7 for the automation ones).
const CommandSpec& trainSpec() {
  static const CommandSpec spec{
      "train",
      "Open the simulator straight into a needling session",
      "mnsim train [--asset NAME] [--plan PLAN] [--mode practice|assessment] [--fitzpatrick 1-6] [automation]",
      "Opens a session on the asset (default: head) with the treatment plan (default: the asset's\n"
      "built-in plan). Without 'train', mnsim opens the home screen.\n\n"
      "Automation drives the real window, for tests and for pictures: --play-trace feeds a pen trace,\n"
      "--screenshot writes the final frame, --exit-after closes the window, --bench-frames times frames.",
      withRecordingOptions({{"asset", "NAME", "head, pad, body, or a mesh / zone-map file (default: head)"},
       {"plan", "PLAN", "treatment plan file (default: the asset's built-in plan)"},
       {"mode", "MODE", "practice (live feedback, default) or assessment"},
       {"fitzpatrick", "N", "skin type 1-6 (default: the last one chosen)"},
       {"play-trace", "TRACE", "feed this pen trace into the session"},
       {"live", "", "play the trace at its own pace, the pen cursor following it"},
       {"screenshot", "FILE", "write a PNG of the final frame"},
       {"exit-after", "", "close once the trace is played and the screenshot written"},
       {"bench-frames", "N", "render N frames and print median_ms and p95_ms"},
       {"orbit", "", "turn the camera a little every frame (times full redraws)"},
       {"view", "VIEW", "skin, zones, coverage or endpoint"},
       {"pass", "K", "coverage view: show pass K only (1-based)"},
       {"camera", "NAME", "front, left, right, three-quarter or top"},
       {"look-at", "ZONE", "the camera close up on this zone (its id, as 'mnsim zones' lists them)"},
       {"mouse", "X,Y", "put the pen cursor at this pixel"},
       {"debrief", "", "end the session after the trace and show the debrief"},
       {"result", "FILE", "when the session ends, write its result here (as mnsim score --json); with --exit-after, then close"},
       {"home", "", "show the home screen"},
       {"review-runs", "", "show Review runs: the runs in the station's store, to replay and review"},
       {"my-progress", "", "show My progress: the current trainee's attempts per case, from the store"},
       {"no-panels", "", "draw the 3D view alone, without panels (pictures)"},
       {"size", "WxH", "window size in screen coordinates (default 1280x720 when automated)"},
       {"hidden", "", "do not show the window (automation)"},
       {"gl-debug", "", "OpenGL debug context; any GL error makes the exit code 1"},
       {"window-test", "", "resize, minimise and restore the window during the run"}}),
      0,
      "",
      {"mnsim train --asset pad --plan docs/examples/pad_plan.yaml",
       "mnsim train --asset pad --plan docs/examples/pad_plan.yaml --play-trace docs/examples/pad_good.csv "
       "--view coverage --screenshot coverage.png --exit-after",
       "mnsim train --plan assets/plans/head_rejuvenation.yaml --play-trace scenarios/traces/fine_lines.good.csv "
       "--live "
       "--view coverage --bench-frames 600 --hidden"}};
  return spec;
}

const CommandSpec& caseSpec() {
  static const CommandSpec spec{
      "case",
      "Open the simulator on a case (a scenario), consultation to maintenance",
      "mnsim case SCENARIO [--mode practice|assessment] [--seed N] [automation]",
      "Runs the case in the window: the patient card, the phase timeline, a panel per step, the\n"
      "needling on the head, and the case debrief. Automation: --answers plays scripted answers\n"
      "(docs/formats/answers.md) up to --until STEP; with --play-trace a procedure step reached that\n"
      "way is needled from the trace; --debrief opens the case debrief.",
      withRecordingOptions({{"mode", "MODE", "practice (feedback after each step, default) or assessment"},
       {"seed", "N", "draws the patient's values from the case's ranges (default 1)"},
       {"answers", "FILE", "answer the steps from this scripted-answers file"},
       {"until", "STEP", "stop the scripted answers when this step is reached"},
       {"play-trace", "TRACE", "needle the procedure step reached with this pen trace"},
       {"debrief", "", "open the case debrief after the scripted answers"},
       {"view", "VIEW", "skin, zones, coverage or endpoint"},
       {"screenshot", "FILE", "write a PNG of the final frame"},
       {"exit-after", "", "close once the screenshot is written"},
       {"bench-frames", "N", "render N frames and print median_ms and p95_ms"},
       {"camera", "NAME", "front, left, right, three-quarter or top"},
       {"mouse", "X,Y", "put the pointer at this pixel"},
       {"size", "WxH", "window size"},
       {"hidden", "", "do not show the window"},
       {"gl-debug", "", "OpenGL debug context; any GL error makes the exit code 1"}}),
      1,
      "SCENARIO",
      {"mnsim case scenarios/contra_herpes.yaml",
       "mnsim case scenarios/fine_lines.yaml --answers scenarios/answers/fine_lines.correct.yaml --debrief"}};
  return spec;
}

const CommandSpec& authorSpec() {
  static const CommandSpec spec{
      "author",
      "Preview a scenario while you write it: reload on save, problems listed, lesions placed by clicking",
      "mnsim author SCENARIO [--seed N]",
      "Opens the case in author mode. Saving the file in your editor reloads it; every problem is\n"
      "listed as file:line:col. 'Place a lesion' writes the spot you click into patient: lesions:,\n"
      "leaving the rest of the file as it was (the original is kept once as SCENARIO.orig).",
      {{"seed", "N", "draws the patient's values from the case's ranges (default 1)"},
       {"screenshot", "FILE", "write a PNG of the final frame"},
       {"exit-after", "", "close once the screenshot is written"},
       {"size", "WxH", "window size"},
       {"hidden", "", "do not show the window"}},
      1,
      "SCENARIO",
      {"mnsim author scenarios/my_case.yaml"}};
  return spec;
}

const CommandSpec& replaySpec() {
  static const CommandSpec spec{
      "replay",
      "Replay a recorded run in 3D and review it: timeline, comments, rubric, sign-off",
      "mnsim replay RUN [--scenario S] [--trainee-view] [automation]",
      "Plays the run again from its recorded inputs (never from its stored result) on its scenario\n"
      "and asset: the coverage, the pen and the case step at any moment, a timeline with the passes,\n"
      "faults and critical errors, and the review (docs/assessor-guide.md): comments pinned to a\n"
      "moment and a spot, the rubric pre-filled from the metrics, and the sign-off with your own key.\n"
      "The run's verify status is always shown; an altered run cannot be signed off. Reviews are\n"
      "kept beside the run as RUN.review-N.json (docs/formats/review.md).",
      {{"scenario", "S", "the run's scenario file, when it is not where the run says"},
       {"trainee-view", "", "the trainee's replay: without the review panels"},
       {"seek", "T", "go to this moment: seconds, M:SS, or 'end'"},
       {"play-speed", "X", "start playing at this speed: 0.25, 0.5, 1, 2, 4, 8 or 16 (--screenshot waits for the end)"},
       {"comment", "TEXT", "pin this comment at --mouse, at the moment sought (saved in the draft)"},
       {"new-review", "", "start a review that supersedes the signed one (then --comment, --rate, --sign-off)"},
       {"rate", "ITEM=VALUE[:REASON]",
        "change a rubric item (docs/rubric.md ids; 1-5, met|not_met|not_observed, below|borderline|meets|above); "
        "a change needs a reason (repeatable; the exit code is 1 when one is refused)",
        true},
       {"sign-off", "NAME", "sign the review off as NAME (the exit code is 1 when it is refused)"},
       {"open-sign-off", "", "show the sign-off dialog (pictures)"},
       {"tab", "NAME", "show this review tab: rubric, comments or expert (pictures)"},
       {"scrub", "", "seek to a random moment every frame (with --bench-frames: times seeking)"},
       {"view", "VIEW", "skin, zones, coverage or endpoint"},
       {"camera", "NAME", "front, left, right, three-quarter or top"},
       {"mouse", "X,Y", "put the pointer at this pixel"},
       {"screenshot", "FILE", "write a PNG of the final frame"},
       {"exit-after", "", "close once the screenshot is written"},
       {"bench-frames", "N", "render N frames and print median_ms and p95_ms"},
       {"no-panels", "", "draw the 3D view alone, without panels (pictures)"},
       {"size", "WxH", "window size"},
       {"hidden", "", "do not show the window"},
       {"gl-debug", "", "OpenGL debug context; any GL error makes the exit code 1"}},
      1,
      "RUN",
      {"mnsim replay ~/.local/share/mnsim/runs/fine_lines-20261205-101500.mnrun",
       "mnsim replay run.mnrun --seek 2:30 --screenshot replay.png --exit-after"}};
  return spec;
}

std::vector<const CommandSpec*> windowCommands() {
  return {&trainSpec(), &caseSpec(), &authorSpec(), &replaySpec()};
}

namespace {

// --NAME as a whole number from lo to hi; absent: `out` is left as it is.
std::optional<UsageError> readInteger(const ParsedArgs& args, const char* name, int lo, int hi, int& out) {
  if (!args.has(name)) return std::nullopt;
  try {
    size_t used = 0;
    out = std::stoi(args.get(name), &used);
    if (used == args.get(name).size() && out >= lo && out <= hi) return std::nullopt;
  } catch (...) {
  }
  return UsageError{std::string("--") + name + " must be a whole number from " + std::to_string(lo) + " to " +
                    std::to_string(hi) + ", found '" + args.get(name) + "'"};
}

// --mode, the numbers, --live, --view, --camera, --mouse and --size, which every window command
// reads the same way.
std::optional<UsageError> readCommonOptions(const ParsedArgs& args, SimulatorOptions& o) {
  const std::string mode = args.get("mode", "practice");
  if (mode != "practice" && mode != "assessment")
    return UsageError{"--mode must be practice or assessment, found '" + mode + "'"};
  o.assessment = mode == "assessment";
  if (auto e = readInteger(args, "fitzpatrick", 1, 6, o.fitzpatrick)) return e;
  if (auto e = readInteger(args, "bench-frames", 1, 100000, o.benchFrames)) return e;
  int pass = 0;
  if (auto e = readInteger(args, "pass", 1, 31, pass)) return e;
  o.pass = pass - 1;
  o.playTrace = args.get("play-trace");
  o.live = args.has("live");
  o.orbit = args.has("orbit");
  if (o.live && o.playTrace.empty()) return UsageError{"--live needs --play-trace"};
  o.screenshot = args.get("screenshot");
  o.exitAfter = args.has("exit-after");
  o.view = args.get("view");
  if (!o.view.empty() && o.view != "skin" && o.view != "zones" && o.view != "coverage" && o.view != "endpoint")
    return UsageError{"--view must be skin, zones, coverage or endpoint, found '" + o.view + "'"};
  o.camera = args.get("camera");
  if (!o.camera.empty() && o.camera != "front" && o.camera != "left" && o.camera != "right" &&
      o.camera != "three-quarter" && o.camera != "top")
    return UsageError{"--camera must be front, left, right, three-quarter or top, found '" + o.camera + "'"};
  o.lookAt = args.get("look-at");
  if (args.has("mouse")) {
    float x = 0, y = 0;
    char extra = 0;
    if (std::sscanf(args.get("mouse").c_str(), "%f,%f%c", &x, &y, &extra) != 2)
      return UsageError{"--mouse must look like 640,360, found '" + args.get("mouse") + "'"};
    o.mouse = glm::vec2(x, y);
  }
  if (args.has("size")) {
    char extra = 0;
    if (std::sscanf(args.get("size").c_str(), "%dx%d%c", &o.width, &o.height, &extra) != 2 || o.width < 320 ||
        o.height < 240)
      return UsageError{"--size must look like 1280x720, found '" + args.get("size") + "'"};
  }
  o.debrief = args.has("debrief");
  o.home = args.has("home");
  o.reviewRuns = args.has("review-runs");
  o.myProgress = args.has("my-progress");
  o.noPanels = args.has("no-panels");
  o.hidden = args.has("hidden");
  o.glDebug = args.has("gl-debug");
  o.windowTest = args.has("window-test");
  o.traineeId = args.get("trainee-id");
  o.traineeName = args.get("trainee-name", o.traineeId);
  o.cohort = args.get("cohort");
  if ((args.has("trainee-name") || args.has("cohort")) && o.traineeId.empty())
    return UsageError{"--trainee-name and --cohort go with --trainee-id"};
  o.askTrainee = args.has("ask-trainee");
  o.recover = args.get("recover");
  if (args.has("recover") && o.recover != "ask" && o.recover != "close" && o.recover != "resume")
    return UsageError{"--recover must be ask, close or resume, found '" + o.recover + "'"};
  return std::nullopt;
}

// mnsim replay's own options.
std::optional<UsageError> readReplayOptions(const ParsedArgs& args, SimulatorOptions& o) {
  if (args.positionals.empty()) return UsageError{"which run? Give the run file, e.g. runs/fine_lines-20261205-101500.mnrun"};
  o.replay = args.positionals.front();
  o.train = false;
  o.replayScenario = args.get("scenario");
  o.traineeView = args.has("trainee-view");
  if (args.has("seek")) {
    const std::string t = args.get("seek");
    double minutes = 0, seconds = 0;
    char extra = 0;
    if (t == "end")
      o.seek = 1e12;
    else if (std::sscanf(t.c_str(), "%lf:%lf%c", &minutes, &seconds, &extra) == 2 && minutes >= 0 && seconds >= 0)
      o.seek = minutes * 60.0 + seconds;
    else if (std::sscanf(t.c_str(), "%lf%c", &seconds, &extra) == 1 && seconds >= 0)
      o.seek = seconds;
    else
      return UsageError{"--seek must be seconds (95.5), minutes and seconds (1:35.5) or 'end', found '" + t + "'"};
  }
  if (args.has("play-speed")) {
    const std::string s = args.get("play-speed");
    const char* speeds[] = {"0.25", "0.5", "1", "2", "4", "8", "16"};
    for (int i = 0; i < 7; ++i)
      if (s == speeds[i]) o.playSpeed = i;
    if (o.playSpeed < 0) return UsageError{"--play-speed must be 0.25, 0.5, 1, 2, 4, 8 or 16, found '" + s + "'"};
  }
  o.comment = args.get("comment");
  if (args.has("comment") && (o.comment.empty() || !o.mouse))
    return UsageError{"--comment needs some text and --mouse X,Y (the spot on the face)"};
  o.newReview = args.has("new-review");
  o.rate = args.all("rate");
  for (const std::string& r : o.rate)
    if (r.find('=') == std::string::npos || r.find('=') == 0)
      return UsageError{"--rate must look like respect_for_tissue=3:why, found '" + r + "'"};
  o.signOff = args.get("sign-off");
  if (args.has("sign-off") && o.signOff.empty()) return UsageError{"--sign-off needs the assessor's name"};
  o.openSignOff = args.has("open-sign-off");
  o.tab = args.get("tab");
  if (args.has("tab") && o.tab != "rubric" && o.tab != "comments" && o.tab != "expert")
    return UsageError{"--tab must be rubric, comments or expert, found '" + o.tab + "'"};
  o.scrub = args.has("scrub");
  if (o.traineeView && (!o.comment.empty() || !o.signOff.empty() || o.openSignOff || !o.rate.empty() || o.newReview))
    return UsageError{"--trainee-view has no review: --comment, --rate, --new-review, --sign-off and --open-sign-off go without it"};
  return std::nullopt;
}

}  // namespace

std::optional<UsageError> readWindowOptions(const CommandSpec& spec, const ParsedArgs& args, bool train,
                                            SimulatorOptions& o) {
  o.train = train || args.has("asset") || args.has("plan") || args.has("play-trace") || args.has("bench-frames");
  o.asset = args.get("asset", "head");
  o.plan = args.get("plan");
  if (auto e = readCommonOptions(args, o)) return e;
  if (&spec == &replaySpec()) return readReplayOptions(args, o);
  if (&spec != &caseSpec() && &spec != &authorSpec()) {
    o.result = args.get("result");
    if (args.has("result") && o.result.empty()) return UsageError{"--result needs a file name"};
    if (o.debrief && o.playTrace.empty()) return UsageError{"--debrief needs --play-trace"};
    return std::nullopt;
  }
  if (args.positionals.empty()) return UsageError{"which scenario? Give the file, e.g. scenarios/fine_lines.yaml"};
  o.scenario = args.positionals.front();
  o.author = &spec == &authorSpec();
  o.train = false;
  o.answers = args.get("answers");
  o.until = args.get("until");
  std::optional<uint64_t> seed;
  if (auto e = readSeed(args, seed)) return e;
  o.seed = seed.value_or(o.seed);
  if (o.debrief && o.answers.empty()) return UsageError{"--debrief needs --answers"};
  return std::nullopt;
}

}  // namespace mnsim::app
