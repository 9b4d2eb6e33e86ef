#include "gfx/shader.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <glm/gtc/type_ptr.hpp>

#include "embedded_shaders.h"

namespace mnsim::app::gfx {

std::string shaderSource(const std::string& file) {
  if (const char* dir = std::getenv("MNSIM_SHADER_DIR"); dir && *dir) {
    std::ifstream in(std::string(dir) + "/" + file);
    if (in) {
      std::ostringstream s;
      s << in.rdbuf();
      return s.str();
    }
  }
  for (const EmbeddedShader& e : kEmbeddedShaders)
    if (file == e.name) return e.source;
  return {};
}

namespace {

// True when a shader compiled (or a program linked); otherwise its info log, after `what`, is the
// error.
template <class GetStatus, class GetLog>
bool succeeded(GLuint id, GLenum status, GetStatus getStatus, GetLog getLog, const std::string& what,
               std::string& error) {
  GLint ok = 0;
  getStatus(id, status, &ok);
  if (ok) return true;
  char log[4096];
  getLog(id, sizeof log, nullptr, log);
  error = what + log;
  return false;
}

GLuint compile(GLenum type, const std::string& source, const std::string& name, std::string& error) {
  const GLuint shader = glCreateShader(type);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  if (!succeeded(shader, GL_COMPILE_STATUS, glGetShaderiv, glGetShaderInfoLog, name + ": ", error)) {
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

}  // namespace

Shader::~Shader() {
  if (m_program) glDeleteProgram(m_program);
}

bool Shader::build(const std::string& name, std::string& error, const std::string& defines) {
  std::string vs = shaderSource(name + ".vert"), fs = shaderSource(name + ".frag");
  for (std::string* src : {&vs, &fs}) {
    const size_t eol = src->find('\n');
    if (!defines.empty() && eol != std::string::npos) src->insert(eol + 1, defines);
  }
  if (vs.empty() || fs.empty()) {
    error = "shader '" + name + "' is missing";
    return false;
  }
  const GLuint v = compile(GL_VERTEX_SHADER, vs, name + ".vert", error);
  if (!v) return false;
  const GLuint f = compile(GL_FRAGMENT_SHADER, fs, name + ".frag", error);
  if (!f) {
    glDeleteShader(v);
    return false;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, v);
  glAttachShader(program, f);
  glLinkProgram(program);
  glDeleteShader(v);
  glDeleteShader(f);
  if (!succeeded(program, GL_LINK_STATUS, glGetProgramiv, glGetProgramInfoLog, name + " (link): ", error)) {
    glDeleteProgram(program);
    return false;
  }
  if (m_program) glDeleteProgram(m_program);
  m_program = program;
  return true;
}

void Shader::set(const char* uniform, const glm::vec3& v) const { glUniform3fv(location(uniform), 1, glm::value_ptr(v)); }

void Shader::set(const char* uniform, const glm::mat4& m) const {
  glUniformMatrix4fv(location(uniform), 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace mnsim::app::gfx
