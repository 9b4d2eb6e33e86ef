#version 410 core
// Skin shading and the training views. Lighting is in linear space; the result is encoded to
// sRGB here, as the render targets store display values.
in vec3 vPosition;
in vec3 vNormal;
in vec2 vUv;

uniform vec3 uEye;
uniform vec3 uAlbedo;        // Fitzpatrick base colour, linear
uniform vec3 uScatter;       // subsurface tint, linear
uniform sampler2D uNormalMap;  // object-space normals baked from the scoring mesh
uniform sampler2D uViewColor;  // the view's colour per texel (sRGB storage, read as linear)

uniform vec3 uCursorCenter;
uniform vec3 uCursorNormal;
uniform vec3 uCursorAlong;   // roller: rolling direction
uniform float uCursorRadius; // pen head radius, or roller half width
uniform float uCursorHalfLength;  // roller: half the row pitch; 0 for the pen
uniform vec3 uCursorColor;

out vec4 fragColor;

void main() {
  vec3 n = normalize(vNormal);
#if NORMAL_MAP
  vec3 mapped = texture(uNormalMap, vUv).xyz * 2.0 - 1.0;
  if (dot(mapped, mapped) > 0.25) n = normalize(mapped);
#endif
  vec3 v = normalize(uEye - vPosition);
  if (dot(n, v) < 0.0) n = -n;  // inside of the neck opening

  // The views are coloured on the CPU where stamps land (ViewTexture); bare skin needs nothing.
#if VIEW == 0
  vec3 albedo = uAlbedo;
#else
  vec3 albedo = texture(uViewColor, vUv).rgb;
#endif

  // Soft three-point light: a warm key from the upper left, a cool fill, a rim from behind.
  vec3 keyDir = normalize(vec3(-0.45, 0.55, 0.70));
  vec3 fillDir = normalize(vec3(0.70, 0.10, 0.60));
  vec3 rimDir = normalize(vec3(0.10, 0.40, -0.90));
  float wrap = 0.35;  // light wrapping round the terminator: the subsurface look
  float key = max((dot(n, keyDir) + wrap) / (1.0 + wrap), 0.0);
  float fill = max((dot(n, fillDir) + wrap) / (1.0 + wrap), 0.0);
  float facing = 1.0 - max(dot(n, v), 0.0);
  float rim = facing * facing * facing * max(dot(n, rimDir) + 0.3, 0.0);
  float scatter = max(key - max(dot(n, keyDir), 0.0), 0.0);  // the wrapped part, reddened
  vec3 h = normalize(keyDir + v);
  float nh = max(dot(n, h), 0.0);
  float nh4 = nh * nh * nh * nh;
  float nh16 = nh4 * nh4 * nh4 * nh4;
  float spec = nh16 * nh16 * nh16 * 0.05;  // nh^48 without pow()
  vec3 ambient = mix(vec3(0.16, 0.15, 0.15), vec3(0.24, 0.25, 0.28), n.y * 0.5 + 0.5);
  vec3 color = albedo * (ambient + key * vec3(1.00, 0.96, 0.90) * 0.85 + fill * vec3(0.80, 0.86, 0.95) * 0.30)
             + uScatter * scatter * 0.35 + rim * vec3(0.25) + spec;

#if CURSOR
  {
    vec3 d = vPosition - uCursorCenter;
    d -= dot(d, uCursorNormal) * uCursorNormal;
    float inside;
    float edge;
    if (uCursorHalfLength > 0.0) {
      vec3 across = normalize(cross(uCursorNormal, uCursorAlong));
      vec2 q = abs(vec2(dot(d, uCursorAlong), dot(d, across))) - vec2(uCursorHalfLength, uCursorRadius);
      float dist = max(q.x, q.y);
      inside = dist < 0.0 ? 1.0 : 0.0;
      edge = 1.0 - smoothstep(0.10, 0.30, abs(dist));
    } else {
      float r = length(d);
      inside = r < uCursorRadius ? 1.0 : 0.0;
      edge = 1.0 - smoothstep(0.10, 0.30, abs(r - uCursorRadius));
    }
    if (abs(dot(vPosition - uCursorCenter, uCursorNormal)) < 3.0 && dot(n, uCursorNormal) > 0.3) {
      color = mix(color, uCursorColor, inside * 0.18);
      color = mix(color, uCursorColor, edge * 0.9);
    }
  }
#endif
  color = clamp(color, 0.0, 1.0);
  // Linear to sRGB without pow(), which a CPU rasteriser pays dearly for: one square root and a
  // least-squares fit, within 2/255 of the exact curve.
  vec3 r = sqrt(color);
  vec3 srgb = clamp(1.2885806 * r - 0.4049102 * color + 0.1402030 * color * r - 0.0229370, 0.0, 1.0);
  fragColor = vec4(srgb, 1.0);
}
