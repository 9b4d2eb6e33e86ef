// mnsim: the simulator window (`mnsim`, `mnsim train`) and the headless subcommands.
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <iostream>

#include <mnsim/base/error.h>
#include <mnsim/base/version.h>

#include "cli/commands.h"
#include "simulator.h"

namespace {

void printOverview() {
  std::cout << "mnsim " << mnsim::mnsimVersion() << " — microneedling training simulator\n\n"
            << "Usage: mnsim [COMMAND] [OPTIONS]\n\n"
            << "Commands that need no window:\n";
  for (const mnsim::app::Command* c : mnsim::app::headlessCommands())
    std::cout << "  " << c->spec.name << std::string(10 - c->spec.name.size(), ' ') << c->spec.summary << "\n";
  std::cout << "\nThe simulator window:\n"
            << "  (none)    open the home screen\n"
            << "  train     open straight into a needling session\n"
            << "  case      open a case: consultation to maintenance\n"
            << "  author    preview a scenario while writing it\n"
            << "\nRun 'mnsim COMMAND --help' for a command's options.\n"
            << "Exit codes: 0 success, 1 bad input or failed check, 2 usage error.\n";
}

bool haveDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

// `mnsim train` and plain `mnsim` share these options (product.md §4.7 for the automation ones).
const mnsim::app::CommandSpec& trainSpec() {
  static const mnsim::app::CommandSpec spec{
      "train",
      "Open the simulator straight into a needling session",
      "mnsim train [--asset NAME] [--plan PLAN] [--mode practice|assessment] [--fitzpatrick 1-6] [automation]",
      "Opens a session on the asset (default: head) with the treatment plan (default: the asset's\n"
      "built-in plan). Without 'train', mnsim opens the home screen.\n\n"
      "Automation drives the real window, for tests and for pictures: --play-trace feeds a pen trace,\n"
      "--screenshot writes the final frame, --exit-after closes the window, --bench-frames times frames.",
      {{"asset", "NAME", "head, pad, body, or a mesh / zone-map file (default: head)"},
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
       {"mouse", "X,Y", "put the pen cursor at this pixel"},
       {"debrief", "", "end the session after the trace and show the debrief"},
       {"home", "", "show the home screen"},
       {"no-panels", "", "draw the 3D view alone, without panels (pictures)"},
       {"size", "WxH", "window size in screen coordinates (default 1280x720 when automated)"},
       {"hidden", "", "do not show the window (automation)"},
       {"gl-debug", "", "OpenGL debug context; any GL error makes the exit code 1"},
       {"window-test", "", "resize, minimise and restore the window during the run"}},
      0,
      "",
      {"mnsim train --asset pad --plan docs/examples/pad_plan.yaml",
       "mnsim train --asset pad --plan docs/examples/pad_plan.yaml --play-trace docs/examples/pad_good.csv "
       "--view coverage --screenshot coverage.png --exit-after",
       "mnsim train --plan assets/plans/head_rejuvenation.yaml --play-trace scenarios/traces/fine_lines.good.csv --live "
       "--view coverage --bench-frames 600 --hidden"}};
  return spec;
}

const mnsim::app::CommandSpec& caseSpec(bool author) {
  static const mnsim::app::CommandSpec caseCommand{
      "case",
      "Open the simulator on a case (a scenario), consultation to maintenance",
      "mnsim case SCENARIO [--mode practice|assessment] [--seed N] [automation]",
      "Runs the case in the window: the patient card, the phase timeline, a panel per step, the\n"
      "needling on the head, and the case debrief. Automation: --answers plays scripted answers\n"
      "(docs/formats/answers.md) up to --until STEP; with --play-trace a procedure step reached that\n"
      "way is needled from the trace; --debrief opens the case debrief.",
      {{"mode", "MODE", "practice (feedback after each step, default) or assessment"},
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
       {"gl-debug", "", "OpenGL debug context; any GL error makes the exit code 1"}},
      1,
      "SCENARIO",
      {"mnsim case scenarios/contra_herpes.yaml",
       "mnsim case scenarios/fine_lines.yaml --answers scenarios/answers/fine_lines.correct.yaml --debrief"}};
  static const mnsim::app::CommandSpec authorCommand{
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
  return author ? authorCommand : caseCommand;
}

int runWindow(const mnsim::app::ParsedArgs& args, bool train, const std::string& exe, const mnsim::app::CommandSpec& spec) {
  mnsim::app::SimulatorOptions o;
  o.train = train || args.has("asset") || args.has("plan") || args.has("play-trace") || args.has("bench-frames");
  o.asset = args.get("asset", "head");
  o.plan = args.get("plan");
  const std::string mode = args.get("mode", "practice");
  if (mode != "practice" && mode != "assessment") return mnsim::app::printUsageError(spec, "--mode must be practice or assessment, found '" + mode + "'");
  o.assessment = mode == "assessment";
  auto integer = [&](const char* name, int lo, int hi, int& out) {
    if (!args.has(name)) return true;
    try {
      size_t used = 0;
      out = std::stoi(args.get(name), &used);
      if (used == args.get(name).size() && out >= lo && out <= hi) return true;
    } catch (...) {
    }
    mnsim::app::printUsageError(spec, std::string("--") + name + " must be a whole number from " + std::to_string(lo) + " to " +
                                          std::to_string(hi) + ", found '" + args.get(name) + "'");
    return false;
  };
  if (!integer("fitzpatrick", 1, 6, o.fitzpatrick) || !integer("bench-frames", 1, 100000, o.benchFrames)) return 2;
  int pass = 0;
  if (!integer("pass", 1, 31, pass)) return 2;
  o.pass = pass - 1;
  o.playTrace = args.get("play-trace");
  o.live = args.has("live");
  o.orbit = args.has("orbit");
  if (o.live && o.playTrace.empty()) return mnsim::app::printUsageError(spec, "--live needs --play-trace");
  o.screenshot = args.get("screenshot");
  o.exitAfter = args.has("exit-after");
  o.view = args.get("view");
  if (!o.view.empty() && o.view != "skin" && o.view != "zones" && o.view != "coverage" && o.view != "endpoint")
    return mnsim::app::printUsageError(spec, "--view must be skin, zones, coverage or endpoint, found '" + o.view + "'");
  o.camera = args.get("camera");
  if (!o.camera.empty() && o.camera != "front" && o.camera != "left" && o.camera != "right" && o.camera != "three-quarter" &&
      o.camera != "top")
    return mnsim::app::printUsageError(spec, "--camera must be front, left, right, three-quarter or top, found '" + o.camera + "'");
  if (args.has("mouse")) {
    float x = 0, y = 0;
    char extra = 0;
    if (std::sscanf(args.get("mouse").c_str(), "%f,%f%c", &x, &y, &extra) != 2)
      return mnsim::app::printUsageError(spec, "--mouse must look like 640,360, found '" + args.get("mouse") + "'");
    o.mouse = glm::vec2(x, y);
  }
  if (args.has("size")) {
    char extra = 0;
    if (std::sscanf(args.get("size").c_str(), "%dx%d%c", &o.width, &o.height, &extra) != 2 || o.width < 320 || o.height < 240)
      return mnsim::app::printUsageError(spec, "--size must look like 1280x720, found '" + args.get("size") + "'");
  }
  o.debrief = args.has("debrief");
  o.home = args.has("home");
  o.noPanels = args.has("no-panels");
  o.hidden = args.has("hidden");
  o.glDebug = args.has("gl-debug");
  o.windowTest = args.has("window-test");
  if (spec.name == "case" || spec.name == "author") {
    if (args.positionals.empty()) return mnsim::app::printUsageError(spec, "which scenario? Give the file, e.g. scenarios/fine_lines.yaml");
    o.scenario = args.positionals.front();
    o.author = spec.name == "author";
    o.train = false;
    o.answers = args.get("answers");
    o.until = args.get("until");
    if (args.has("seed")) {
      try {
        size_t used = 0;
        const unsigned long long seed = std::stoull(args.get("seed"), &used);
        if (used != args.get("seed").size()) throw 0;
        o.seed = seed;
      } catch (...) {
        return mnsim::app::printUsageError(spec, "--seed must be a whole number, found '" + args.get("seed") + "'");
      }
    }
    if (o.debrief && o.answers.empty()) return mnsim::app::printUsageError(spec, "--debrief needs --answers");
  } else if (o.debrief && o.playTrace.empty()) {
    return mnsim::app::printUsageError(spec, "--debrief needs --play-trace");
  }
  if (!haveDisplay()) {
    std::cerr << "mnsim: no display found (DISPLAY and WAYLAND_DISPLAY are unset): the simulator window cannot open.\n"
                 "Run it on a desktop, or under xvfb-run for automation; 'mnsim demo' needs no window.\n";
    return 1;
  }
  return mnsim::app::runSimulator(o, exe);
}

}  // namespace

int main(int argc, char** argv) {
  mnsim::app::CliContext context{argc > 0 ? argv[0] : ""};
  if (argc >= 2) {
    const std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
      if (argc >= 3) {
        if (std::string(argv[2]) == "train") {
          std::cout << mnsim::app::helpText(trainSpec());
          return 0;
        }
        if (std::string(argv[2]) == "case" || std::string(argv[2]) == "author") {
          std::cout << mnsim::app::helpText(caseSpec(std::string(argv[2]) == "author"));
          return 0;
        }
        for (const mnsim::app::Command* c : mnsim::app::headlessCommands())
          if (c->spec.name == argv[2]) {
            std::cout << mnsim::app::helpText(c->spec);
            return 0;
          }
      }
      printOverview();
      return 0;
    }
    if (first == "train" || (first.rfind("--", 0) == 0 && first != "--help" && first != "--version")) {
      const bool train = first == "train";
      mnsim::app::ParsedArgs args;
      if (auto error = mnsim::app::parseArgs(trainSpec(), argc, argv, train ? 2 : 1, args))
        return mnsim::app::printUsageError(trainSpec(), error->message);
      if (args.help) {
        std::cout << mnsim::app::helpText(trainSpec());
        return 0;
      }
      return runWindow(args, train, context.executablePath, trainSpec());
    }
    if (first == "case" || first == "author") {
      const mnsim::app::CommandSpec& spec = caseSpec(first == "author");
      mnsim::app::ParsedArgs args;
      if (auto error = mnsim::app::parseArgs(spec, argc, argv, 2, args)) return mnsim::app::printUsageError(spec, error->message);
      if (args.help) {
        std::cout << mnsim::app::helpText(spec);
        return 0;
      }
      return runWindow(args, false, context.executablePath, spec);
    }
    if (first == "--version") {
      std::cout << "mnsim " << mnsim::mnsimVersion() << "\n";
      return 0;
    }
    for (const mnsim::app::Command* c : mnsim::app::headlessCommands()) {
      if (c->spec.name != first) continue;
      mnsim::app::ParsedArgs args;
      if (auto error = mnsim::app::parseArgs(c->spec, argc, argv, 2, args))
        return mnsim::app::printUsageError(c->spec, error->message);
      if (args.help) {
        std::cout << mnsim::app::helpText(c->spec);
        return 0;
      }
      return c->run(args, context);
    }
    std::vector<std::string> names{"train", "case", "author", "help"};
    for (const mnsim::app::Command* c : mnsim::app::headlessCommands()) names.push_back(c->spec.name);
    std::cerr << "mnsim: unknown command '" << first << "'";
    const std::string hint = mnsim::closestMatch(first, names);
    if (!hint.empty()) std::cerr << " (did you mean '" << hint << "'?)";
    std::cerr << "\nRun 'mnsim --help' for the list of commands.\n";
    return 2;
  }
  if (!haveDisplay()) {
    std::cout << "mnsim: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the simulator window\n"
                 "cannot open. Running the headless demo instead.\n\n";
    mnsim::app::ParsedArgs args;
    return mnsim::app::demoCommand().run(args, context);
  }
  mnsim::app::ParsedArgs none;
  return runWindow(none, false, context.executablePath, trainSpec());
}
