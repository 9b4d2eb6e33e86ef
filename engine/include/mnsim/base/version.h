// mnsim's version, from the project's CMakeLists.txt: one place for the executable, run files and
// reports.
#pragma once

namespace mnsim {

// "0.1.0"
const char* mnsimVersion();

}  // namespace mnsim
