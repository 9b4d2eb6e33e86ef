// The OpenGL context as the rest of the app sees it, without any GL header: loading the
// functions, the debug output, and waiting for the GPU. Implemented in gl.cpp.
#pragma once

#include <string>

namespace mnsim::app::gfx {

using ProcLoader = void* (*)(const char* name);

// Loads the OpenGL functions through the window system's loader. False when the context is
// older than 4.1.
bool loadGl(ProcLoader loader, std::string& error);

// Debug output (KHR_debug): counts errors and logs every message of medium severity and up.
void enableDebugOutput();
int debugErrorCount();

// Waits until every command given so far has been carried out (glFinish): frame timing, where a
// frame only counts as done when the rasteriser is.
void finishCommands();

}  // namespace mnsim::app::gfx
