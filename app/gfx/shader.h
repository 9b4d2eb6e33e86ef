// GLSL programs: compiled from the sources embedded in the executable, or from
// $MNSIM_SHADER_DIR while developing shaders.
#pragma once

#include <string>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "gfx/gl.h"

namespace mnsim::app::gfx {

class Shader {
 public:
  Shader() = default;
  ~Shader();
  Shader(const Shader&) = delete;
  Shader& operator=(const Shader&) = delete;

  // Builds from the shaders/ files named, e.g. "skin" -> skin.vert + skin.frag; `defines` (lines
  // like "#define VIEW 2\n") go right after the #version line.
  bool build(const std::string& name, std::string& error, const std::string& defines = "");
  void use() const { glUseProgram(m_program); }
  GLint location(const char* uniform) const { return glGetUniformLocation(m_program, uniform); }
  void set(const char* uniform, int v) const { glUniform1i(location(uniform), v); }
  void set(const char* uniform, float v) const { glUniform1f(location(uniform), v); }
  void set(const char* uniform, const glm::vec3& v) const;
  void set(const char* uniform, const glm::mat4& m) const;

 private:
  GLuint m_program = 0;
};

// The source of an embedded shader file ("skin.frag"); empty if unknown.
std::string shaderSource(const std::string& file);

}  // namespace mnsim::app::gfx
