#version 410 core
// The skin: positions and normals in millimetres in the asset's frame; uv into the atlas of
// the normal map and the coverage map.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec2 aUv;

uniform mat4 uViewProjection;

out vec3 vPosition;
out vec3 vNormal;
out vec2 vUv;

void main() {
  vPosition = aPosition;
  vNormal = aNormal;
  vUv = aUv;
  gl_Position = uViewProjection * vec4(aPosition, 1.0);
}
