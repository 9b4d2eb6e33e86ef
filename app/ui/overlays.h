// What any screen may show over its panels: the keyboard help (F1), the error dialog, the note
// that fades after a few seconds, and the overlay that says a skin is being prepared.
#pragma once

#include <string>

#include <glm/vec2.hpp>

#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

// F1: every shortcut in one place, while `open`; its close button clears `open`.
void drawHelp(bool& open, const Fonts& fonts);
// Shows `message` in a modal while it is non-empty; OK clears it.
void drawErrorDialog(std::string& message);
// A short message near the bottom of the window (a file saved, a pass started).
void drawNote(const std::string& note, glm::vec2 viewport);
// Loading a head takes a moment: says so in the middle of the window before the work starts.
void drawLoadingOverlay(const std::string& asset, const Fonts& fonts, glm::vec2 viewport);

}  // namespace mnsim::app::ui
