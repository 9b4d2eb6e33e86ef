// Names of the files the window writes on the trainee's behalf: screenshots, traces, results
// and runs, stamped with the local time so that none replaces another.
#pragma once

#include <string>

namespace mnsim::app {

// Local time as 20261121-093000.
std::string timestamp();
// A new run file for an attempt at a case or a free needling, never one that exists:
// <folder>/<id>-<timestamp>.mnrun, with -2, -3, ... before .mnrun when needed.
std::string newRunPath(const std::string& folder, const std::string& scenarioId);
// newRunPath in the runs folder (runsFolder()), which is made, readable by its owner only, when
// it is missing.
std::string newRunInRunsFolder(const std::string& id);

}  // namespace mnsim::app
