// The automation of the real window (product.md §4.7), for tests and for pictures: it opens
// the screen the options ask for (a session, a case and its scripted answers, a pen trace fed or
// played live, a view, a camera), then, frame by frame, places the pointer, exercises the window,
// turns the camera, writes the screenshot, times frames and closes the window when done.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include <glm/vec2.hpp>

#include "platform/window.h"
#include "shell/simulator_options.h"

namespace mnsim {
struct ProcedureResult;
}  // namespace mnsim

namespace mnsim::app {

class Shell;
class SkinScene;
namespace gfx {
class RenderTarget;
}

class Automation {
 public:
  explicit Automation(const SimulatorOptions& options) : m_options(options) {}

  // A screenshot, frame timing or --exit-after: a fixed window size, and the user's layout and
  // settings left alone.
  bool automated() const;
  // Brings the shell to the state the options ask for. Returns an exit code when the run must
  // stop before its first frame (an automated run stops at the first error).
  std::optional<int> prepare(Shell& shell);

  // ---- each frame, in the order the shell calls them
  void movePointer(InputState& input) const;                  // --mouse
  void exerciseWindow(Window& window, int frameIndex) const;  // --window-test
  std::chrono::milliseconds idleWait() const;                 // while minimised
  void beforeFrame(SkinScene& scene) const;                   // --orbit
  void beforeReplayFrame(Shell& shell);                       // --scrub
  // --mouse in window coordinates, for the panels.
  std::optional<glm::vec2> pointerInWindow(const Window& window, glm::ivec2 framebuffer) const;
  // The frame is drawn: writes the screenshot when it is due. False when it could not be written.
  bool afterDrawing(const gfx::RenderTarget& frame, Window& window, int frameIndex, bool playing);
  // The frame is presented: times it once the GPU is done (--bench-frames).
  void afterPresent(Window& window, std::chrono::steady_clock::time_point frameStart);
  // A practice session has ended: writes its result (--result). False when it could not.
  bool sessionEnded(const ProcedureResult& result);
  // --exit-after without a screenshot: closes once the first frames are shown (with --result,
  // once the result is written).
  void afterFrame(Window& window, int frameIndex) const;
  // The window has closed: prints the frame times and the GL error count. Returns 1 when GL
  // reported errors (--gl-debug) or the result could not be written (--result), else 0.
  int finish(const Window& window) const;

 private:
  std::optional<int> openSession(Shell& shell);
  void openCase(Shell& shell);
  // mnsim replay: the run, the moment, a comment, the sign-off, playing.
  std::optional<int> openReplay(Shell& shell);
  std::optional<int> playIntoSession(Shell& shell);
  // Reads --play-trace for the needling under way and feeds it: all at once, or with --live on
  // the session's clock. False (the reason in the error dialog) when the trace cannot be read.
  bool playTrace(Shell& shell);
  void showView(Shell& shell);

  const SimulatorOptions& m_options;
  int m_screenshotFrame = 3;      // the frame the screenshot is taken at (later while a trace plays)
  std::vector<double> m_frameMs;  // --bench-frames: each frame's time
  bool m_resultDone = false;      // --result: the session ended and its result was written (or tried)
  bool m_resultFailed = false;    // ... and could not be written: the exit code is 1
  bool m_signOffRefused = false;  // --rate or --sign-off was refused: the exit code is 1
  uint64_t m_scrubState = 2026;   // --scrub: the random moments, the same every run
};

}  // namespace mnsim::app
