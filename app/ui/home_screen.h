// The home screen: the case library, free practice (asset, plan, mode, skin type), recent files.
#pragma once

#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "core/catalog.h"
#include "ui/imgui_layer.h"

namespace mnsim::app::ui {

struct HomeState {
  int tab = 0;                          // 0 cases, 1 free practice
  int requestTab = -1;                  // switch to this tab on the next frame
  std::vector<CaseChoice> cases;        // the case library
  std::string casePath;                 // the chosen case
  int assetChoice = 0;                  // 0 head, 1 pad, 2 body, 3 another file
  std::string otherAsset;               // path for choice 3
  std::vector<PlanChoice> plans;        // plans found in the built-in folders and recent files
  std::string planPath;                 // the chosen plan
  bool assessment = false;              // the mode chosen: no feedback until the debrief
  int fitzpatrick = 3;                  // I..VI
  std::vector<glm::vec3> skinSwatches;  // sRGB, six entries
  std::vector<std::string> recent;      // recent plan and case files, newest first
  std::string configFolder;             // where the settings live, shown at the bottom
  std::string version;                  // mnsim's version, shown at the bottom
  std::string trainee;                  // who is training: "Ana Silva (T-0042)"
  std::string backlog;                  // "3 runs not yet on the academy's server" ("" none)
  std::string backlogWhy;               // why they are not, for a tooltip
  bool switchTrainee = false;           // set when "Switch trainee" is clicked
  bool reviewRuns = false;              // set when "Review runs" is clicked
  bool myProgress = false;              // set when "My progress" is clicked
};

enum class HomeAction { None, Start, StartCase, BrowsePlan, BrowseAsset, BrowseCase, ReviewRuns, Quit };
HomeAction drawHome(HomeState& state, const Fonts& fonts, glm::vec2 viewport);
const char* assetChoiceName(int choice);  // "head", "pad", "body"

}  // namespace mnsim::app::ui
