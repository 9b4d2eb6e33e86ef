// My progress: the current trainee's attempts per case, from the station's store: how many, the
// last and best score as the runs recorded them, how many were proficient, and the scores in order.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct CaseProgress {
  std::string what;           // the case's id, or "free needling: <plan>"
  std::vector<float> scores;  // oldest first; attempts without a recorded score are left out
  int attempts = 0;
  int proficient = 0;
  std::string lastStarted;    // local date and time of the latest attempt
};

struct ProgressState {
  bool open = false;
  std::string trainee;             // "Name (id)"
  std::string where;               // the store
  std::vector<CaseProgress> cases;  // the most recently attempted first
};

// Returns false when the window is closed.
bool drawProgress(ProgressState& state, const Fonts& fonts, glm::vec2 viewport);

}  // namespace mnsim::app::ui
