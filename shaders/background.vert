#version 410 core
// A full-screen triangle, no vertex buffer needed.
out vec2 vPosition;
void main() {
  vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
  vPosition = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
