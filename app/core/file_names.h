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

}  // namespace mnsim::app
