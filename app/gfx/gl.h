// The one place OpenGL comes from inside app/gfx: the glad loader generated at build time
// (OpenGL 4.1 core). Private to app/gfx; everything else includes gfx/context.h.
#pragma once

#include <glad/gl.h>

#include "gfx/context.h"
