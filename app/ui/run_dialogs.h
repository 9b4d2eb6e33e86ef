// The dialogs around recording: who is training at this station (asked on first start, and to
// switch), and what to do with a run a crash left unfinished (resume it, or close it as
// interrupted). Plain state in, an action out; the shell does the rest.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "core/settings.h"
#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct IdentityDraft {
  bool open = false;
  bool firstStart = false;  // nobody has trained here yet: no Cancel
  char id[64] = {0};
  char name[128] = {0};
  char cohort[64] = {0};
  std::vector<KnownTrainee> known;  // trained here before, newest first
  std::string problem;              // why Save did nothing
};
enum class IdentityAction { None, Save, Cancel };
// Save: the draft is filled in (id and name); the caller keeps it.
IdentityAction drawIdentityDialog(IdentityDraft& draft, const Fonts& fonts);

struct RecoverPrompt {
  bool open = false;
  std::string what;       // "Case: Fine lines (fine_lines)" / "Free needling: pad_plan.yaml"
  std::string trainee;    // "Ana Silva (T-0042), cohort 2026-autumn"
  std::string mode;       // practice / assessment
  std::string started;    // UTC
  std::string lastInput;  // UTC
  std::string events;     // "2,087 events"
  std::string path;
  bool canResume = true;
  std::string cannotResume;  // why not, when !canResume
  int index = 0, count = 1;  // this one of several
};
enum class RecoverAction { None, Resume, Close, Later };
RecoverAction drawRecoverPrompt(const RecoverPrompt& prompt, const Fonts& fonts);

}  // namespace mnsim::app::ui
