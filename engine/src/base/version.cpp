#include "mnsim/base/version.h"

#ifndef MNSIM_VERSION
#define MNSIM_VERSION "unknown"
#endif

namespace mnsim {

const char* mnsimVersion() { return MNSIM_VERSION; }

}  // namespace mnsim
