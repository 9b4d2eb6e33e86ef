#include "gfx/gl.h"

#include <cstdio>

namespace mnsim::app::gfx {

namespace {

int g_errors = 0;

void GLAD_API_PTR onDebugMessage(GLenum, GLenum type, GLuint id, GLenum severity, GLsizei, const GLchar* message,
                                 const void*) {
  if (severity == GL_DEBUG_SEVERITY_NOTIFICATION) return;
  if (type == GL_DEBUG_TYPE_ERROR) ++g_errors;
  std::fprintf(stderr, "mnsim: GL %s (id %u): %s\n", type == GL_DEBUG_TYPE_ERROR ? "error" : "message", id, message);
}

}  // namespace

bool loadGl(ProcLoader loader, std::string& error) {
  const int version = gladLoadGL(reinterpret_cast<GLADloadfunc>(loader));
  if (version == 0) {
    error = "could not load the OpenGL functions";
    return false;
  }
  if (GLAD_VERSION_MAJOR(version) < 4 || (GLAD_VERSION_MAJOR(version) == 4 && GLAD_VERSION_MINOR(version) < 1)) {
    error = "OpenGL 4.1 is needed, this system offers " + std::to_string(GLAD_VERSION_MAJOR(version)) + "." +
            std::to_string(GLAD_VERSION_MINOR(version));
    return false;
  }
  return true;
}

void enableDebugOutput() {
  if (!GLAD_GL_KHR_debug) {
    std::fprintf(stderr, "mnsim: this OpenGL has no KHR_debug; errors are checked with glGetError only\n");
    return;
  }
  glEnable(GL_DEBUG_OUTPUT);
  glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
  glDebugMessageCallback(onDebugMessage, nullptr);
}

int debugErrorCount() {
  // glGetError catches what a context without KHR_debug would not report.
  for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError()) {
    ++g_errors;
    std::fprintf(stderr, "mnsim: GL error 0x%04x\n", e);
  }
  return g_errors;
}

void finishCommands() {
  glFinish();
}

}  // namespace mnsim::app::gfx
