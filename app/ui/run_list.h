// Review runs: every recorded run in the station's store with who, what, when, the mode, the score as
// recorded, whether it verifies and its review; filtered by trainee, case and date. Opening one
// replays it for review.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "core/run_index.h"
#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct RunListState {
  bool open = false;
  std::string folder;           // where the runs are: the store's location
  std::string backlog;          // runs not yet on the academy's server ("" none or no server)
  std::string backlogWhy;       // why they are not, for a tooltip
  std::vector<RunRow> rows;     // newest first
  char trainee[64] = {0}, what[64] = {0}, date[16] = {0};  // filters
  int selected = -1;            // index into rows
};

struct RunListActions {
  std::string openRun;  // replay this run for review: its path, or "store:<hash>"
  bool refresh = false;
  bool close = false;
};

RunListActions drawRunList(RunListState& state, const Fonts& fonts, glm::vec2 viewport);

}  // namespace mnsim::app::ui
