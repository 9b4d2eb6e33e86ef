// Settings that persist between runs, in the user's config folder
// ($XDG_CONFIG_HOME/mnsim or ~/.config/mnsim): a small key = value file.
#pragma once

#include <string>
#include <vector>

#include <mnsim/runs/run_journal.h>

namespace mnsim::app {

struct Settings {
  int windowWidth = 1280;           // last window size, screen coordinates
  int windowHeight = 720;
  int windowX = -1, windowY = -1;   // last position; -1: let the system place it
  bool windowMaximized = false;
  int fitzpatrick = 3;              // skin type I-VI shown on the head
  std::string asset = "head";       // last asset chosen on the home screen
  std::string plan;                 // last plan file
  bool assessment = false;          // last mode
  bool hudVisible = true;           // live HUD in practice mode
  std::vector<std::string> recent;  // recent plan and scenario files, newest first
  // Who is training at this station now (every run records it), and who has trained here
  // before (to switch back quickly): "id\tname\tcohort" each, newest first.
  std::string traineeId, traineeName, cohort;
  std::vector<std::string> trainees;
  std::string assessorName;  // who signs reviews off at this workstation ("" until first asked)
  // The academy's server this station sends its runs to (docs/store.md): a PostgreSQL connection
  // string without a password (that lives in ~/.pgpass); "" for a station on its own.
  std::string storeServer;
  // Where Review runs and My progress read from (docs/store.md): "" this station's own store; an
  // assessor's workstation names the academy's server (as its assessor login) to see every station's.
  std::string reviewStore;

  void addRecent(const std::string& path);
  // Makes this trainee the current one and puts them first among those known here.
  void setTrainee(const std::string& id, const std::string& name, const std::string& cohort);
  // Who is training now, as runs record them.
  Trainee trainee() const { return {traineeId, traineeName, cohort}; }
};

// One entry of Settings::trainees split into id, name and cohort.
struct KnownTrainee {
  std::string id, name, cohort;
};
std::vector<KnownTrainee> knownTrainees(const Settings& settings);

// The user's mnsim folders (XDG base directories), created when first written to:
std::string configFolder();  // settings: $XDG_CONFIG_HOME/mnsim or ~/.config/mnsim
std::string cacheFolder();   // data that can be rebuilt: $XDG_CACHE_HOME/mnsim or ~/.cache/mnsim
std::string storePath();     // the embedded store: $XDG_DATA_HOME/mnsim/store.sqlite (docs/store.md)
std::string runsFolder();    // runs the app saves: $XDG_DATA_HOME/mnsim/runs or ~/.local/share/mnsim/runs
// Reads settings; a missing or damaged file gives the defaults (never fails).
Settings loadSettings(const std::string& folder);
// Writes settings; returns false (and leaves the old file in place) if it cannot.
bool saveSettings(const Settings& settings, const std::string& folder);

}  // namespace mnsim::app
