// Author mode's panels: every problem of the scenario file being written, and the tool that
// places a lesion where the author clicks.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include <mnsim/base/diagnostic.h>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

// Every problem of the file being authored, while `open`; reloads happen when it changes on disk.
void drawDiagnostics(const std::string& file, const std::vector<Diagnostic>& diagnostics, bool& open,
                     glm::vec2 viewport, double reloadedAgoS);
// Under the toolbar: "Place a lesion", a checkbox that stays on until the author clicks the skin,
// and "Record a reference run". True when the latter is clicked.
bool drawAuthoringPanel(bool& placingLesion, glm::vec2 viewport);

}  // namespace mnsim::app::ui
