#version 410 core
// A calm clinical backdrop: a soft vertical gradient with a gentle vignette, in display
// (sRGB) values.
in vec2 vPosition;
out vec4 fragColor;
void main() {
  vec3 top = vec3(0.80, 0.83, 0.86);
  vec3 bottom = vec3(0.56, 0.60, 0.65);
  vec3 c = mix(bottom, top, clamp(vPosition.y, 0.0, 1.0));
  vec2 q = vPosition - 0.5;
  c *= 1.0 - 0.25 * dot(q, q);
  fragColor = vec4(c, 1.0);
}
