// The one place OpenGL comes from: the glad loader generated at build time (OpenGL 4.1 core).
#pragma once

#include <glad/gl.h>

#include <string>

namespace mnsim::app::gfx {

using ProcLoader = void* (*)(const char* name);

// Loads the OpenGL functions through the window system's loader. False when the context is
// older than 4.1.
bool loadGl(ProcLoader loader, std::string& error);

// Debug output (KHR_debug): counts errors and logs every message of medium severity and up.
void enableDebugOutput();
int debugErrorCount();

}  // namespace mnsim::app::gfx
